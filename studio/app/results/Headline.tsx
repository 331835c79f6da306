/** The headline figures: baseline and reform annual cost, the change, the persons covered. */
import { useStudio, useT } from '../ui/context.ts';
import { useFmt } from '../ui/hooks.ts';

export function Headline() {
  const t = useT();
  const f = useFmt();
  const results = useStudio((s) => s.results);
  const run = useStudio((s) => s.run);
  const compileErrors = useStudio((s) => s.compileErrors);
  const populationError = useStudio((s) => s.populationError);
  if (!results) {
    return (
      <div className="headline empty-headline">
        {run.status === 'error' || populationError ? (
          <div className="notice error">{populationError ?? run.message}</div>
        ) : (
          <div className="notice loading">
            <span className="spinner" aria-hidden />
            {t('preparing')}
          </div>
        )}
      </div>
    );
  }
  const c = results.compare;
  const r = c.reforms[0]!;
  const persons = (x: typeof c.baseline) => x.programmes.dibao.persons + x.programmes.tekun.persons;
  const stale = run.status !== 'done' || run.id !== results.runId;
  const delta = r.delta.annual_cost;
  const rel = c.baseline.annual_cost ? delta / c.baseline.annual_cost : 0;
  const dp = persons(r.reform) - persons(c.baseline);
  return (
    <div className={`headline ${stale ? 'stale' : ''}`} aria-busy={run.status === 'running'}>
      {compileErrors.length > 0 && <div className="stale-note">{t('staleNote')}</div>}
      <div className={`figures ${r.delta.net_cost_to_province !== undefined ? 'five' : ''}`}>
        <Figure testid="cost-baseline" label={t('costBaseline')} value={c.baseline.annual_cost} text={f.money(c.baseline.annual_cost, { millions: true })} sub={`${f.money(c.baseline.monthly_cost)} / ${f.lang === 'zh' ? '月' : 'month'}`} />
        <Figure testid="cost-reform" label={t('costReform')} value={r.reform.annual_cost} text={f.money(r.reform.annual_cost, { millions: true })} sub={`${f.money(r.reform.monthly_cost)} / ${f.lang === 'zh' ? '月' : 'month'}`} />
        <Figure
          testid="cost-delta"
          label={t('costDelta')}
          value={delta}
          text={f.money(delta, { signed: true, millions: true })}
          sub={f.pct(rel, 1, { signed: true })}
          tone={delta > 0.5 ? 'up' : delta < -0.5 ? 'down' : 'flat'}
        />
        {r.delta.net_cost_to_province !== undefined && (
          <Figure
            testid="net-cost-province"
            label={t('netCostProvinceShort')}
            value={r.delta.net_cost_to_province}
            text={f.money(r.delta.net_cost_to_province, { signed: true, millions: true })}
            sub={t('netCostProvinceSub')}
            tone={r.delta.net_cost_to_province > 0.5 ? 'up' : r.delta.net_cost_to_province < -0.5 ? 'down' : 'flat'}
          />
        )}
        <Figure
          testid="persons-reform"
          label={t('personsReform')}
          value={persons(r.reform)}
          text={f.count(persons(r.reform))}
          sub={`${f.count(dp, { signed: true })} · ${t('newlyCovered')} ${f.count(r.changes.newly_covered.persons)} · ${t('noLongerCovered')} ${f.count(r.changes.no_longer_covered.persons)}`}
        />
      </div>
    </div>
  );
}

function Figure(p: { testid: string; label: string; value: number; text: string; sub: string; tone?: 'up' | 'down' | 'flat' }) {
  return (
    <div className={`figure ${p.tone ?? ''}`}>
      <div className="figure-label" title={p.label}>
        {p.label}
      </div>
      <div className="figure-value" data-testid={p.testid} data-value={String(Math.round(p.value))} title={p.value.toLocaleString('en-US', { maximumFractionDigits: 0 })}>
        {p.text}
      </div>
      <div className="figure-sub" title={p.sub}>
        {p.sub}
      </div>
    </div>
  );
}
