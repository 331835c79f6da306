/** Cost and caseload by programme, baseline against reform. */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStudio, useT } from '../ui/context.ts';
import { useFmt } from '../ui/hooks.ts';
import { ChartCard } from '../charts/ChartCard.tsx';
import { AXIS, C, PROGRAMMES, axisCount, axisMoney } from '../charts/theme.ts';
import { programmeName } from '../i18n/strings.ts';
import { Empty } from './Empty.tsx';
import { TwoLineTick } from '../charts/ticks.tsx';
import { Uncertainty } from './Uncertainty.tsx';
import { ReachCard } from './Reach.tsx';
import { WhoPays } from './Levels.tsx';

export function Overview() {
  const t = useT();
  const f = useFmt();
  const results = useStudio((s) => s.results);
  if (!results) return <Empty />;
  const c = results.compare;
  const r = c.reforms[0]!;
  const base = t('baseline');
  const reform = t('reform');
  const legend = [
    { label: base, color: C.baseline },
    { label: reform, color: C.reform },
  ];
  const cost = PROGRAMMES.map((p) => ({ id: p, name: programmeName(f.lang, p, true), baseline: c.baseline.programmes[p].annual_cost, reform: r.reform.programmes[p].annual_cost }));
  const persons = PROGRAMMES.map((p) => ({ id: p, name: programmeName(f.lang, p, true), baseline: c.baseline.programmes[p].persons, reform: r.reform.programmes[p].persons }));
  const area = c.baseline.by_area.map((g, i) => ({ name: t(g.key as 'urban' | 'rural'), baseline: g.annual_cost, reform: r.reform.by_area[i]!.annual_cost }));
  return (
    <div className="panel-grid">
      {unchanged(r) && <SameHint />}
      <ProgrammeBars
        id="cost"
        title={t('costByProgramme')}
        subtitle={`${t('perYear')} · ${f.money(c.baseline.annual_cost)} → ${f.money(r.reform.annual_cost)}`}
        column="annual_cost"
        rows={cost}
        tickFormatter={axisMoney(f.lang)}
        format={(v) => f.money(v)}
        legend={legend}
      />
      <ProgrammeBars
        id="caseload"
        title={t('caseload')}
        subtitle={`${t('personsWord')} · ${t('newlyCovered')} ${f.count(r.changes.newly_covered.persons)} · ${t('noLongerCovered')} ${f.count(r.changes.no_longer_covered.persons)}`}
        column="persons"
        rows={persons}
        tickFormatter={axisCount(f.lang)}
        format={(v) => f.count(v)}
        legend={legend}
      />
      <ChartCard
        id="area"
        title={f.lang === 'zh' ? '城乡年度支出' : 'Annual cost by area'}
        legend={legend}
        height={180}
        data={{ header: ['area', 'baseline_annual_cost', 'reform_annual_cost'], rows: c.baseline.by_area.map((g, i) => [g.key, g.annual_cost, r.reform.by_area[i]!.annual_cost]) }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={area} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }} barGap={2}>
            <CartesianGrid horizontal={false} stroke={C.grid} />
            <XAxis type="number" {...AXIS} tickFormatter={axisMoney(f.lang)} />
            <YAxis type="category" dataKey="name" {...AXIS} width={56} />
            <Tooltip formatter={(v) => f.money(Number(v))} cursor={{ fill: '#f3f5f9' }} />
            <Bar dataKey="baseline" name={base} fill={C.baseline} radius={[0, 3, 3, 0]} isAnimationActive={false} />
            <Bar dataKey="reform" name={reform} fill={C.reform} radius={[0, 3, 3, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      <ProgrammeTable />
      <WhoPays />
      <ReachCard />
      <Uncertainty />
    </div>
  );
}

interface ProgrammeRow {
  readonly id: string;
  readonly name: string;
  readonly baseline: number;
  readonly reform: number;
}

/** Baseline and reform bars per programme, with the data as CSV (column: the figure's name). */
function ProgrammeBars(props: {
  id: string;
  title: string;
  subtitle: string;
  column: string;
  rows: ProgrammeRow[];
  tickFormatter: (v: number) => string;
  format: (v: number) => string;
  legend: { label: string; color: string }[];
}) {
  const t = useT();
  const f = useFmt();
  const { rows, column } = props;
  return (
    <ChartCard
      id={props.id}
      title={props.title}
      subtitle={props.subtitle}
      legend={props.legend}
      data={{ header: ['programme', `baseline_${column}`, `reform_${column}`, 'delta'], rows: rows.map((x) => [x.id, x.baseline, x.reform, x.reform - x.baseline]) }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }} barGap={2}>
          <CartesianGrid vertical={false} stroke={C.grid} />
          <XAxis dataKey="name" {...AXIS} interval={0} tick={<TwoLineTick />} height={f.lang === 'en' ? 40 : 28} />
          <YAxis {...AXIS} tickFormatter={props.tickFormatter} width={72} />
          <Tooltip formatter={(v) => props.format(Number(v))} cursor={{ fill: '#f3f5f9' }} />
          <Bar dataKey="baseline" name={t('baseline')} fill={C.baseline} radius={[3, 3, 0, 0]} isAnimationActive={false} />
          <Bar dataKey="reform" name={t('reform')} fill={C.reform} radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

/** True when the reform changes nothing: no cost, no household better or worse off. */
export function unchanged(r: { delta: { annual_cost: number }; changes: { winners_losers: Record<string, number> } }): boolean {
  const w = r.changes.winners_losers;
  return r.delta.annual_cost === 0 && Object.entries(w).every(([k, n]) => k === 'no_change' || n === 0);
}

export function SameHint() {
  const f = useFmt();
  return (
    <div className="hint wide">
      {f.lang === 'zh'
        ? '改革与基线相同。编辑左侧的政策文件，或在「参数」中调整数值，图表会随之更新。'
        : 'The reform is the same as the baseline. Edit the policy on the left or move a parameter, and the figures follow.'}
    </div>
  );
}

function ProgrammeTable() {
  const t = useT();
  const f = useFmt();
  const c = useStudio((s) => s.results!.compare);
  const r = c.reforms[0]!;
  return (
    <div className="card">
      <div className="card-head">
        <div className="card-title">{t('programme')}</div>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>{t('programme')}</th>
            <th className="num">{t('household')}</th>
            <th className="num">{t('personsWord')}</th>
            <th className="num">{t('baseline')}</th>
            <th className="num">{t('reform')}</th>
            <th className="num">{t('delta')}</th>
          </tr>
        </thead>
        <tbody>
          {PROGRAMMES.map((p) => (
            <tr key={p}>
              <td>{programmeName(f.lang, p)}</td>
              <td className="num">{f.count(r.reform.programmes[p].households)}</td>
              <td className="num">{f.count(r.reform.programmes[p].persons)}</td>
              <td className="num">{f.money(c.baseline.programmes[p].annual_cost)}</td>
              <td className="num">{f.money(r.reform.programmes[p].annual_cost)}</td>
              <td className={`num ${r.delta.programmes[p].annual_cost > 0 ? 'up' : r.delta.programmes[p].annual_cost < 0 ? 'down' : ''}`}>{f.money(r.delta.programmes[p].annual_cost, { signed: true })}</td>
            </tr>
          ))}
          <tr className="total">
            <td>{f.lang === 'zh' ? '合计' : 'Total'}</td>
            <td />
            <td />
            <td className="num">{f.money(c.baseline.annual_cost)}</td>
            <td className="num">{f.money(r.reform.annual_cost)}</td>
            <td className="num">{f.money(r.delta.annual_cost, { signed: true })}</td>
          </tr>
        </tbody>
      </table>
      <div className="card-foot">
        {f.lang === 'zh'
          ? `低保边缘家庭 ${f.count(r.reform.edge_families)} 户；刚性支出困难家庭 ${f.count(r.reform.rigid_hardship)} 户；最低收入十分位覆盖率 ${f.pct(r.reform.poorest_decile.coverage)}`
          : `Edge families 低保边缘 ${f.count(r.reform.edge_families)}; 刚性支出困难家庭 ${f.count(r.reform.rigid_hardship)}; poorest tenth covered ${f.pct(r.reform.poorest_decile.coverage)}`}
        {r.reform.errors.records > 0 && <span className="warn-text"> · {f.count(r.reform.errors.records)} records failed</span>}
      </div>
    </div>
  );
}
