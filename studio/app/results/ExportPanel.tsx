/** Exports: the compiled module, the IR, the results as CSV, and the printable scenario report. */
import { useStudio, useT } from '../ui/context.ts';
import { download, fileName } from '../lib/download.ts';
import { toCsv, type Cell } from '../lib/csv.ts';
import { PROGRAMMES } from '../charts/theme.ts';
import type { Results } from '../state/studio.ts';
import { Empty } from './Empty.tsx';
import { Report } from './Report.tsx';

/** The results as one table: headline figures, programmes, deciles. */
export function resultsCsv(r: Results): string {
  const c = r.compare;
  const x = c.reforms[0]!;
  const rows: Cell[][] = [
    ['total', 'annual_cost', c.baseline.annual_cost, x.reform.annual_cost, x.delta.annual_cost],
    ['total', 'monthly_cost', c.baseline.monthly_cost, x.reform.monthly_cost, x.delta.monthly_cost],
  ];
  for (const p of PROGRAMMES) {
    for (const k of ['households', 'persons', 'annual_cost'] as const) rows.push([p, k, c.baseline.programmes[p][k], x.reform.programmes[p][k], x.delta.programmes[p][k]]);
  }
  c.baseline.by_decile.forEach((g, i) => {
    rows.push([`decile ${g.key}`, 'annual_cost', g.annual_cost, x.reform.by_decile[i]!.annual_cost, x.delta.by_decile[i]!.annual_cost]);
    rows.push([`decile ${g.key}`, 'covered_persons', g.covered_persons, x.reform.by_decile[i]!.covered_persons, x.delta.by_decile[i]!.covered_persons]);
  });
  rows.push(['changes', 'newly_covered_persons', null, x.changes.newly_covered.persons, null]);
  rows.push(['changes', 'no_longer_covered_persons', null, x.changes.no_longer_covered.persons, null]);
  for (const [band, n] of Object.entries(x.changes.winners_losers)) rows.push(['households', band, null, n, null]);
  return toCsv(['group', 'figure', 'baseline', 'reform', 'delta'], rows);
}

export function ExportPanel() {
  const t = useT();
  const results = useStudio((s) => s.results);
  if (!results) return <Empty />;
  const id = results.reform.ir.policy.id;
  return (
    <div className="panel-stack">
      <div className="card">
        <div className="card-head">
          <div>
            <div className="card-title">{t('exportTab')}</div>
            <div className="card-sub">{t('exportNote')}</div>
          </div>
        </div>
        <div className="export-actions">
          <button className="btn primary" data-testid="export-module" onClick={() => download(fileName(id, 'js'), results.reform.source, 'text/javascript;charset=utf-8')}>
            {t('exportModule')}
          </button>
          <button className="btn" data-testid="export-ir" onClick={() => download(fileName(`${id}.ir`, 'json'), JSON.stringify(results.reform.ir, null, 2) + '\n', 'application/json')}>
            {t('exportIr')}
          </button>
          <button className="btn" data-testid="export-results" onClick={() => download(fileName(`${id}-results`, 'csv'), resultsCsv(results), 'text/csv;charset=utf-8')}>
            {t('exportResults')}
          </button>
          <button className="btn" data-testid="print-report" onClick={() => window.print()}>
            {t('printReport')}
          </button>
        </div>
      </div>
      <Report />
    </div>
  );
}
