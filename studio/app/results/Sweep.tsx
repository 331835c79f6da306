/** The sweep: annual cost and caseload over a range of one parameter, with the current value marked. */
import { useEffect, useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStudio, useStudioApi, useT } from '../ui/context.ts';
import { useFmt } from '../ui/hooks.ts';
import { ChartCard } from '../charts/ChartCard.tsx';
import { AXIS, C, axisCount, axisMoney } from '../charts/theme.ts';
import { parameterControls, settingNumber, sweepValues } from '../lib/params.ts';
import type { SweepResult } from '../../sim/protocol.ts';
import { Empty } from './Empty.tsx';
import { useJob } from './useJob.ts';
import { runBehaviour } from '../state/scenario.ts';
import { JobProgress } from './JobProgress.tsx';

interface SweepRun {
  readonly reformKey: string;
  readonly parameter: string;
  readonly current: number;
  readonly kind: string;
  readonly sweep: SweepResult;
}

export function Sweep() {
  const t = useT();
  const f = useFmt();
  const studio = useStudioApi();
  const results = useStudio((s) => s.results);
  const sets = useStudio((s) => s.scenario.sets);
  const controls = useMemo(() => (results ? parameterControls(results.reform.ir).filter((c) => ['money', 'rate', 'number', 'integer'].includes(c.kind)) : []), [results?.reform.ir]);
  const [param, setParam] = useState(() => studio.panel<string>('sweep.param') ?? 'dibao_standard');
  const [points, setPoints] = useState(21);
  const job = useJob<SweepRun>('sweep.job');
  const control = controls.find((c) => c.id === param) ?? controls[0];
  const currentOf = (id: string): number | undefined => {
    const s = sets[id];
    const c = controls.find((x) => x.id === id);
    if (s !== undefined && c) return settingNumber(c.kind, s);
    const v = results?.values.find((x) => x.id === id)?.values[0];
    return typeof v === 'number' ? v : undefined;
  };
  const run = () => {
    if (!results || !control) return;
    const current = currentOf(control.id) ?? 0;
    const { texts } = sweepValues(control.kind, current, points);
    const others = Object.fromEntries(Object.entries(results.scenario.sets).filter(([k]) => k.split('.')[0] !== control.id));
    const scenario = { policy: results.reform.key, date: results.scenario.date, sets: others };
    void job.start(async (id, onProgress) => ({
      reformKey: results.reform.key,
      parameter: control.id,
      current,
      kind: control.kind,
      sweep: await studio.services.sim.sweep(scenario, control.id, texts, id, onProgress, runBehaviour(results.scenario)),
    }));
  };
  const result = job.state.result;
  useEffect(() => {
    if (results && control && job.state.status === 'idle' && !result) run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [results?.reform.key, control?.id]);
  if (!results) return <Empty />;
  const outdated = result && (result.reformKey !== results.reform.key || result.parameter !== control?.id);
  const data =
    result?.sweep.points.map((p) => ({
      x: p.x * (result.kind === 'rate' ? 100 : 1),
      cost: p.result.annual_cost,
      persons: p.result.programmes.dibao.persons + p.result.programmes.tekun.persons,
      marginal: p.marginal_cost,
    })) ?? [];
  const xLabel = (x: number) => (result?.kind === 'money' ? f.money(x) : result?.kind === 'rate' ? `${f.num(x, 2)}%` : f.num(x, 3));
  return (
    <div className="panel-stack">
      <div className="toolbar inline">
        <label className="field">
          <span>{t('sweepParam')}</span>
          <select
            value={control?.id ?? ''}
            data-testid="sweep-param"
            onChange={(e) => {
              setParam(e.target.value);
              studio.setPanel('sweep.param', e.target.value);
            }}
          >
            {controls.map((c) => (
              <option key={c.id} value={c.id}>
                {f.lang === 'zh' ? `${c.label ?? c.id} ${c.id}` : `${c.id} ${c.label ?? ''}`}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('points')}</span>
          <select value={points} onChange={(e) => setPoints(Number(e.target.value))}>
            {[11, 21, 31, 51].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button className="btn primary" data-testid="sweep-run" onClick={run} disabled={job.state.status === 'running'}>
          {t('runSweep')}
        </button>
        <JobProgress state={job.state} onCancel={job.cancel} />
        {outdated && <span className="muted small">{f.lang === 'zh' ? '政策或参数已变，请重新运行' : 'The policy changed: run again'}</span>}
      </div>
      {!result ? (
        <Empty text={job.state.error ?? t('sweepEmpty')} />
      ) : (
        <div className={outdated ? 'stale' : ''}>
          <ChartCard
            id="sweep"
            title={`${t('sweepCurve')} · ${result.parameter}`}
            subtitle={`${t('currentMark')} ${xLabel(result.current * (result.kind === 'rate' ? 100 : 1))}`}
            height={280}
            legend={[
              { label: t('annualCost'), color: C.reform },
              { label: t('personsReform'), color: C.accent2 },
            ]}
            data={{ header: ['value', 'annual_cost', 'persons_dibao_tekun', 'marginal_cost'], rows: result.sweep.points.map((p, i) => [p.value, p.result.annual_cost, data[i]!.persons, p.marginal_cost]) }}
          >
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={data} margin={{ top: 22, right: 8, bottom: 0, left: 8 }}>
                <CartesianGrid stroke={C.grid} />
                <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} {...AXIS} tickFormatter={xLabel} />
                <YAxis yAxisId="cost" {...AXIS} tickFormatter={axisMoney(f.lang)} width={72} />
                <YAxis yAxisId="persons" orientation="right" {...AXIS} tickFormatter={axisCount(f.lang)} width={64} />
                <Tooltip labelFormatter={(x) => xLabel(Number(x))} formatter={(v, name) => (name === 'cost' ? f.money(Number(v)) : f.count(Number(v)))} />
                <ReferenceLine yAxisId="cost" x={result.current * (result.kind === 'rate' ? 100 : 1)} stroke={C.up} strokeDasharray="4 3" label={{ value: t('currentMark'), position: 'top', fill: C.up, fontSize: 11 }} />
                <Line yAxisId="cost" dataKey="cost" name="cost" stroke={C.reform} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
                <Line yAxisId="persons" dataKey="persons" name="persons" stroke={C.accent2} strokeWidth={1.5} strokeDasharray="5 3" dot={false} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </ChartCard>
          <div className="card">
            <table className="table compact">
              <thead>
                <tr>
                  <th>{t('value')}</th>
                  <th className="num">{t('annualCost')}</th>
                  <th className="num">{t('personsWord')}</th>
                  <th className="num">{t('marginal')}</th>
                </tr>
              </thead>
              <tbody>
                {data.map((d) => (
                  <tr key={d.x} className={Math.abs(d.x - result.current * (result.kind === 'rate' ? 100 : 1)) < 1e-9 ? 'current' : ''}>
                    <td>{xLabel(d.x)}</td>
                    <td className="num">{f.money(d.cost)}</td>
                    <td className="num">{f.count(d.persons)}</td>
                    <td className="num">{d.marginal === null ? '—' : f.money(d.marginal, { signed: true })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}
