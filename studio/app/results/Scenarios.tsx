/** Named scenarios: save the current one, load one back, and compare several side by side. */
import { useState } from 'react';
import * as Comlink from 'comlink';
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStudio, useStudioApi, useT } from '../ui/context.ts';
import { useFmt } from '../ui/hooks.ts';
import { ChartCard } from '../charts/ChartCard.tsx';
import { AXIS, C, axisMoney } from '../charts/theme.ts';
import type { CompareResult } from '../../sim/protocol.ts';
import { fileTitle } from '../state/workspace.ts';
import { behaviourList, runBehaviour, settingsList, type Scenario } from '../state/scenario.ts';
import { behaviourLabels } from './Parameters.tsx';
import { useJob } from './useJob.ts';
import { JobProgress } from './JobProgress.tsx';

interface Column {
  readonly name: string;
  readonly scenario: Scenario;
  readonly compare?: CompareResult;
  readonly error?: string;
}

export function Scenarios() {
  const t = useT();
  const f = useFmt();
  const studio = useStudioApi();
  const saved = useStudio((s) => s.saved);
  const current = useStudio((s) => s.scenario);
  const [name, setName] = useState('');
  const [selected, setSelected] = useState<string[]>(() => studio.panel<string[]>('scenarios.selected') ?? []);
  const job = useJob<Column[]>('scenarios.job');
  const select = (ids: string[]) => {
    setSelected(ids);
    studio.setPanel('scenarios.selected', ids);
  };
  const compare = () =>
    job.start(async (id, onProgress) => {
      const list = saved.filter((s) => selected.includes(s.id));
      const out: Column[] = [];
      for (const [i, s] of list.entries()) {
        try {
          const ws = studio.get().workspace;
          const files = { ...ws.shipped, ...(s.files ?? {}) };
          // The baseline as in the live runs: shipped against the scenario's own copy, its saved files under a reform file.
          const base = s.reform ? studio.compileFiles(files, s.baseline).then((b) => (Array.isArray(b) ? Promise.reject(new Error(`${fileTitle(s.baseline)}: ${b.length} ${t('errors')}`)) : b)) : studio.baselineOf(s.baseline);
          const [baseline, reform] = await Promise.all([base, studio.compileFiles(files, s.reform ?? s.baseline, s.reform ? s.baseline : undefined)]);
          if (Array.isArray(reform)) {
            out.push({ name: s.name, scenario: s, error: `${reform.length} ${t('errors')}` });
            continue;
          }
          const known = new Set(reform.ir.parameters.map((p) => p.id));
          const sets = Object.fromEntries(Object.entries(s.sets).filter(([k]) => known.has(k.split('.')[0]!)));
          // Each on the population it was saved with (the current one is loaded back after it).
          const population = { ...s.population, year: Number(s.date.slice(0, 4)) };
          const c = await studio.services.sim.compareOn(population, { policy: baseline.key, date: s.date }, { policy: reform.key, date: s.date, sets }, id, Comlink.proxy((d: number, n: number) => onProgress(i * n + d, list.length * n)), runBehaviour(s));
          out.push({ name: s.name, scenario: s, compare: c });
        } catch (e) {
          if ((e as Error).name === 'Cancelled') throw e;
          out.push({ name: s.name, scenario: s, error: (e as Error).message });
        }
      }
      return out;
    });
  const behaviourText = (s: Scenario) => behaviourList(s.behaviour, behaviourLabels(f, t)).join(', ') || t('defaults');
  const columns = job.state.result ?? [];
  const valid = columns.filter((c) => c.compare);
  const chart = valid.map((c) => ({ name: c.name, delta: c.compare!.reforms[0]!.delta.annual_cost }));
  return (
    <div className="panel-stack">
      <div className="card">
        <div className="card-head">
          <div>
            <div className="card-title">{t('saveScenario')}</div>
            <div className="card-sub">
              {`${fileTitle(current.baseline)} → ${current.reform ? fileTitle(current.reform) : t('reformEdited')} · ${current.date} · ${settingsList(current.sets).join(', ') || t('none')}`}
            </div>
          </div>
        </div>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const n = name.trim() || `${t('scenario')} ${saved.length + 1}`;
            const s = studio.saveScenario(n);
            select([...selected, s.id]);
            setName('');
          }}
        >
          <input className="input" data-testid="scenario-name" placeholder={t('scenarioName')} value={name} onChange={(e) => setName(e.target.value)} />
          <button className="btn primary" data-testid="scenario-save" type="submit">
            {t('saveScenario')}
          </button>
        </form>
      </div>
      {saved.length === 0 ? (
        <div className="empty-state">{t('noSaved')}</div>
      ) : (
        <div className="card">
          <ul className="scenario-list" data-testid="scenario-list">
            {saved.map((s) => (
              <li key={s.id} className="scenario-item">
                <label className="check">
                  <input type="checkbox" checked={selected.includes(s.id)} onChange={(e) => select(e.target.checked ? [...selected, s.id] : selected.filter((x) => x !== s.id))} />
                  <span className="scenario-name">{s.name}</span>
                </label>
                <span className="muted small">
                  {`${fileTitle(s.baseline)} → ${s.reform ? fileTitle(s.reform) : t('reformEdited')} · ${s.date} · ${f.count(s.population.households)} ${t('households')}, ${t('seed')} ${s.population.seed}${behaviourList(s.behaviour, behaviourLabels(f, t)).length ? ` · ${behaviourText(s)}` : ''} · ${settingsList(s.sets).join(', ') || t('none')}${Object.keys(s.files ?? {}).length ? ` · ${t('edits')}: ${Object.keys(s.files ?? {}).map(fileTitle).join(', ')}` : ''}`}
                </span>
                <span className="spacer" />
                <button className="chip" onClick={() => studio.loadScenario(s.id)}>
                  {t('load')}
                </button>
                <button
                  className="chip"
                  onClick={() => {
                    studio.deleteScenario(s.id);
                    select(selected.filter((x) => x !== s.id));
                  }}
                >
                  {t('remove')}
                </button>
              </li>
            ))}
          </ul>
          <div className="card-foot row">
            <button className="btn primary" data-testid="scenario-compare" disabled={selected.length === 0 || job.state.status === 'running'} onClick={() => void compare()}>
              {t('compareSelected')} ({selected.length})
            </button>
            <JobProgress state={job.state} onCancel={job.cancel} />
          </div>
        </div>
      )}
      {columns.length > 0 && (
        <>
          <div className="card table-card">
            <table className="table compare-table" data-testid="scenario-table">
              <thead>
                <tr>
                  <th />
                  {columns.map((c) => (
                    <th key={c.scenario.id} className="num">
                      {c.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <Row label={t('settings')} columns={columns} cell={(c) => settingsList(c.scenario.sets).join(', ') || (c.scenario.reform ? fileTitle(c.scenario.reform) : t('none'))} plain />
                <Row label={t('behaviour')} columns={columns} cell={(c) => behaviourText(c.scenario)} plain />
                <Row label={t('population')} columns={columns} cell={(c) => `${c.scenario.population.region} · ${f.count(c.scenario.population.households)} ${t('households')} · ${t('seed')} ${c.scenario.population.seed} · ${c.scenario.date}`} plain />
                <Row label={t('costBaseline')} columns={columns} cell={(c) => f.money(c.compare!.baseline.annual_cost, { millions: true })} />
                <Row label={t('costReform')} columns={columns} cell={(c) => f.money(c.compare!.reforms[0]!.reform.annual_cost, { millions: true })} />
                <Row label={t('costDelta')} columns={columns} cell={(c) => f.money(c.compare!.reforms[0]!.delta.annual_cost, { signed: true, millions: true })} strong />
                <Row label={t('personsReform')} columns={columns} cell={(c) => f.count(c.compare!.reforms[0]!.reform.programmes.dibao.persons + c.compare!.reforms[0]!.reform.programmes.tekun.persons)} />
                <Row label={t('newlyCovered')} columns={columns} cell={(c) => f.count(c.compare!.reforms[0]!.changes.newly_covered.persons)} />
                <Row label={t('noLongerCovered')} columns={columns} cell={(c) => f.count(c.compare!.reforms[0]!.changes.no_longer_covered.persons)} />
                <Row label={t('gain')} columns={columns} cell={(c) => f.count(c.compare!.reforms[0]!.changes.winners_losers.gain + c.compare!.reforms[0]!.changes.winners_losers.gain_more_than_5pct)} />
                <Row label={t('lose')} columns={columns} cell={(c) => f.count(c.compare!.reforms[0]!.changes.winners_losers.lose + c.compare!.reforms[0]!.changes.winners_losers.lose_more_than_5pct)} />
              </tbody>
            </table>
          </div>
          {valid.length > 0 && (
            <ChartCard
              id="scenarios"
              title={`${t('scenarios')} · ${t('costDelta')}`}
              data={{
                header: ['scenario', 'region', 'households', 'seed', 'date', 'baseline_annual_cost', 'reform_annual_cost', 'delta', 'persons_reform'],
                rows: valid.map((c) => {
                  const r = c.compare!.reforms[0]!;
                  const p = c.scenario.population;
                  return [c.name, p.region, p.households, p.seed, c.scenario.date, c.compare!.baseline.annual_cost, r.reform.annual_cost, r.delta.annual_cost, r.reform.programmes.dibao.persons + r.reform.programmes.tekun.persons];
                }),
              }}
              height={Math.max(160, 48 * chart.length + 40)}
            >
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={chart} layout="vertical" margin={{ top: 4, right: 24, bottom: 0, left: 8 }}>
                  <CartesianGrid horizontal={false} stroke={C.grid} />
                  <XAxis type="number" {...AXIS} tickFormatter={axisMoney(f.lang)} />
                  <YAxis type="category" dataKey="name" {...AXIS} width={110} />
                  <ReferenceLine x={0} stroke="#b8c0cc" />
                  <Tooltip formatter={(v) => f.money(Number(v), { signed: true })} cursor={{ fill: '#f3f5f9' }} />
                  <Bar dataKey="delta" name={t('costDelta')} fill={C.reform} radius={[0, 3, 3, 0]} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </ChartCard>
          )}
        </>
      )}
    </div>
  );
}

function Row({ label, columns, cell, strong, plain }: { label: string; columns: readonly Column[]; cell: (c: Column) => string; strong?: boolean; plain?: boolean }) {
  return (
    <tr className={strong ? 'strong' : ''}>
      <th className="row-head">{label}</th>
      {columns.map((c) => (
        <td key={c.scenario.id} className={plain ? 'small' : 'num'}>
          {c.error ? (plain ? '' : <span className="error-text">{c.error}</span>) : c.compare || plain ? cell(c) : ''}
        </td>
      ))}
    </tr>
  );
}
