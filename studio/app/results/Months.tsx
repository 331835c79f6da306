/** The months run: caseload, entries and exits, 渐退期 and cost month by month under the reform. */
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStudio, useStudioApi, useT } from '../ui/context.ts';
import { useFmt } from '../ui/hooks.ts';
import { ChartCard } from '../charts/ChartCard.tsx';
import { AXIS, C, axisCount, axisMoney } from '../charts/theme.ts';
import { programmeName } from '../i18n/strings.ts';
import type { MonthsResult } from '../../sim/protocol.ts';
import { Empty } from './Empty.tsx';
import { useJob } from './useJob.ts';
import { runBehaviour } from '../state/scenario.ts';
import { JobProgress } from './JobProgress.tsx';

export function Months() {
  const t = useT();
  const f = useFmt();
  const studio = useStudioApi();
  const results = useStudio((s) => s.results);
  const [count, setCount] = useState(12);
  const [cpi, setCpi] = useState('2.8, 3.2, 3.6');
  const job = useJob<{ key: string; months: MonthsResult }>('months.job');
  if (!results) return <Empty />;
  const cpiList = cpi
    .split(/[,，\s]+/)
    .filter(Boolean)
    .map((x) => Number((Number(x.replace('%', '')) / 100).toFixed(6)));
  const cpiOk = cpiList.every((x) => Number.isFinite(x));
  const run = () =>
    job.start(async (id, onProgress) => ({
      key: results.reform.key,
      months: await studio.services.sim.months({ policy: results.reform.key, date: results.scenario.date, sets: results.scenario.sets }, count, cpiList.length ? cpiList : undefined, id, onProgress, runBehaviour(results.scenario)),
    }));
  const m = job.state.result?.months;
  const rows =
    m?.months.map((r) => ({
      name: r.date.slice(0, 7),
      households: r.dibao_households,
      persons: r.dibao_persons + r.tekun_persons,
      entries: r.entries,
      exits: -r.exits,
      grace: r.grace,
      dibao: r.cost.dibao,
      tekun: r.cost.tekun,
      price: r.cost.price,
      temporary: r.cost.temporary,
    })) ?? [];
  return (
    <div className="panel-stack">
      <div className="toolbar inline">
        <label className="field">
          <span>{t('monthsCount')}</span>
          <select value={count} onChange={(e) => setCount(Number(e.target.value))}>
            {[6, 12, 24, 36].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>{t('cpiPath')}</span>
          <input className={cpiOk ? '' : 'invalid'} value={cpi} onChange={(e) => setCpi(e.target.value)} />
        </label>
        <button className="btn primary" data-testid="months-run" disabled={!cpiOk || job.state.status === 'running'} onClick={() => void run()}>
          {t('runMonths')}
        </button>
        <JobProgress state={job.state} onCancel={job.cancel} />
      </div>
      {!m ? (
        <Empty text={job.state.error ?? t('monthsEmpty')} />
      ) : (
        <div className={job.state.result?.key !== results.reform.key ? 'stale' : ''}>
          <ChartCard
            id="months-caseload"
            title={`${t('monthsRun')} · ${t('caseload')}`}
            subtitle={
              f.lang === 'zh'
                ? `进入 ${f.count(m.totals.entries)} 户，退出 ${f.count(m.totals.exits)} 户，渐退期 ${f.count(m.totals.grace_household_months)} 户月`
                : `${f.count(m.totals.entries)} entries, ${f.count(m.totals.exits)} exits, ${f.count(m.totals.grace_household_months)} household-months in 渐退期`
            }
            height={260}
            legend={[
              { label: f.lang === 'zh' ? '在保低保户（右轴）' : 'dibao households (right axis)', color: C.reform },
              { label: t('grace'), color: C.accent2 },
              { label: t('entries'), color: '#8fb6f0' },
              { label: t('exits'), color: '#f4a66a' },
            ]}
            data={{
              header: ['month', 'dibao_households', 'dibao_tekun_persons', 'entries', 'exits', 'grace', 'cost_dibao', 'cost_tekun', 'cost_price', 'cost_temporary', 'cost_total'],
              rows: m.months.map((r) => [r.date, r.dibao_households, r.dibao_persons + r.tekun_persons, r.entries, r.exits, r.grace, r.cost.dibao, r.cost.tekun, r.cost.price, r.cost.temporary, r.cost.total]),
            }}
          >
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }} stackOffset="sign">
                <CartesianGrid vertical={false} stroke={C.grid} />
                <XAxis dataKey="name" {...AXIS} />
                <YAxis yAxisId="flow" {...AXIS} tickFormatter={axisCount(f.lang)} width={64} />
                <YAxis yAxisId="stock" orientation="right" {...AXIS} tickFormatter={axisCount(f.lang)} width={64} />
                <Tooltip formatter={(v) => f.count(Math.abs(Number(v)))} />
                <Bar yAxisId="flow" dataKey="entries" name={t('entries')} stackId="f" fill="#8fb6f0" isAnimationActive={false} />
                <Bar yAxisId="flow" dataKey="exits" name={t('exits')} stackId="f" fill="#f4a66a" isAnimationActive={false} />
                <Line yAxisId="stock" dataKey="households" name={f.lang === 'zh' ? '低保户' : 'dibao households'} stroke={C.reform} strokeWidth={2} dot={false} isAnimationActive={false} />
                <Line yAxisId="flow" dataKey="grace" name={t('grace')} stroke={C.accent2} strokeWidth={1.5} dot={false} isAnimationActive={false} />
              </ComposedChart>
            </ResponsiveContainer>
          </ChartCard>
          <ChartCard
            id="months-cost"
            title={`${t('monthsRun')} · ${t('monthlyCost')}`}
            subtitle={`${f.lang === 'zh' ? '合计' : 'Total'} ${f.money(m.totals.cost)}`}
            height={220}
            legend={(['dibao', 'tekun', 'price', 'temporary'] as const).map((p, i) => ({ label: programmeName(f.lang, p, true), color: [C.reform, C.accent2, '#8fb6f0', '#f4a66a'][i]! }))}
            data={{ header: ['month', 'dibao', 'tekun', 'price', 'temporary', 'total'], rows: m.months.map((r) => [r.date, r.cost.dibao, r.cost.tekun, r.cost.price, r.cost.temporary, r.cost.total]) }}
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
                <CartesianGrid vertical={false} stroke={C.grid} />
                <XAxis dataKey="name" {...AXIS} />
                <YAxis {...AXIS} tickFormatter={axisMoney(f.lang)} width={72} />
                <Tooltip formatter={(v) => f.money(Number(v))} />
                {(['dibao', 'tekun', 'price', 'temporary'] as const).map((p, i) => (
                  <Bar key={p} dataKey={p} name={programmeName(f.lang, p, true)} stackId="c" fill={[C.reform, C.accent2, '#8fb6f0', '#f4a66a'][i]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </ChartCard>
        </div>
      )}
    </div>
  );
}
