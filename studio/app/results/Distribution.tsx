/** Benefits and changes by income decile, and the winners and losers. */
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStudio, useT } from '../ui/context.ts';
import { useFmt } from '../ui/hooks.ts';
import { ChartCard } from '../charts/ChartCard.tsx';
import { AXIS, BANDS, C, axisMoney } from '../charts/theme.ts';
import { Empty } from './Empty.tsx';
import { SameHint, unchanged } from './Overview.tsx';

export function Distribution() {
  const t = useT();
  const f = useFmt();
  const results = useStudio((s) => s.results);
  if (!results) return <Empty />;
  const c = results.compare;
  const r = c.reforms[0]!;
  const legend = [
    { label: t('baseline'), color: C.baseline },
    { label: t('reform'), color: C.reform },
  ];
  const deciles = c.baseline.by_decile.map((g, i) => ({
    name: g.key,
    baseline: g.annual_cost,
    reform: r.reform.by_decile[i]!.annual_cost,
    change: r.changes.by_decile[i]!.average_change,
    relative: r.changes.by_decile[i]!.relative_change,
  }));
  const bandLegend = BANDS.map((b, i) => ({ label: t(b), color: C.bands[i]! }));
  const overall = [{ name: f.lang === 'zh' ? '全部' : 'All', ...r.changes.winners_losers }];
  const byDecile = r.changes.by_decile.map((d) => {
    const total = BANDS.reduce((s, b) => s + d.bands[b], 0) || 1;
    return { name: String(d.decile), ...Object.fromEntries(BANDS.map((b) => [b, d.bands[b] / total])) };
  });
  return (
    <div className="panel-grid">
      {unchanged(r) && <SameHint />}
      <ChartCard
        id="decile-cost"
        title={t('byDecile')}
        subtitle={`${t('decile')} 1 = ${f.lang === 'zh' ? '最低' : 'poorest'}`}
        legend={legend}
        data={{ header: ['decile', 'baseline_annual_cost', 'reform_annual_cost', 'average_monthly_change_per_household', 'relative_change'], rows: deciles.map((d) => [d.name, d.baseline, d.reform, d.change, d.relative]) }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={deciles} margin={{ top: 8, right: 8, bottom: 0, left: 8 }} barGap={1}>
            <CartesianGrid vertical={false} stroke={C.grid} />
            <XAxis dataKey="name" {...AXIS} />
            <YAxis {...AXIS} tickFormatter={axisMoney(f.lang)} width={72} />
            <Tooltip formatter={(v) => f.money(Number(v))} labelFormatter={(l) => `${t('decile')} ${l}`} cursor={{ fill: '#f3f5f9' }} />
            <Bar dataKey="baseline" name={t('baseline')} fill={C.baseline} radius={[2, 2, 0, 0]} isAnimationActive={false} />
            <Bar dataKey="reform" name={t('reform')} fill={C.reform} radius={[2, 2, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard
        id="decile-change"
        title={t('changeByDecile')}
        data={{ header: ['decile', 'average_monthly_change_per_household', 'relative_change'], rows: deciles.map((d) => [d.name, d.change, d.relative]) }}
        legend={[
          { label: f.lang === 'zh' ? '增加' : 'gain', color: C.reform },
          { label: f.lang === 'zh' ? '减少' : 'loss', color: C.up },
        ]}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={deciles} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid vertical={false} stroke={C.grid} />
            <XAxis dataKey="name" {...AXIS} />
            <YAxis {...AXIS} tickFormatter={(v: number) => f.money(v)} width={72} />
            <ReferenceLine y={0} stroke="#b8c0cc" />
            <Tooltip formatter={(v) => f.money(Number(v), { signed: true, decimals: 2 })} labelFormatter={(l) => `${t('decile')} ${l}`} cursor={{ fill: '#f3f5f9' }} />
            <Bar dataKey="change" name={t('delta')} isAnimationActive={false} radius={[2, 2, 0, 0]}>
              {deciles.map((d) => (
                <Cell key={d.name} fill={d.change < 0 ? C.up : C.reform} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard
        id="winners"
        title={t('winnersLosers')}
        subtitle={f.lang === 'zh' ? '按家庭净收入变化（收入加救助，每月）' : 'Households by the change of net income (income plus benefits, a month)'}
        legend={bandLegend}
        height={300}
        data={{
          header: ['group', ...BANDS],
          rows: [['all', ...BANDS.map((b) => r.changes.winners_losers[b])], ...r.changes.by_decile.map((d) => [`decile ${d.decile}`, ...BANDS.map((b) => d.bands[b])])],
        }}
      >
        <div className="stack">
          <div style={{ height: 64 }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={overall} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }} stackOffset="expand">
                <XAxis type="number" hide />
                <YAxis type="category" dataKey="name" {...AXIS} width={40} />
                <Tooltip formatter={(v) => f.count(Number(v))} cursor={false} />
                {BANDS.map((b, i) => (
                  <Bar key={b} dataKey={b} name={t(b)} stackId="a" fill={C.bands[i]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div style={{ height: 228 }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={byDecile} margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
                <XAxis dataKey="name" {...AXIS} />
                <YAxis {...AXIS} tickFormatter={(v: number) => f.pct(v, 0)} width={48} domain={[0, 1]} />
                <Tooltip formatter={(v) => f.pct(Number(v))} labelFormatter={(l) => `${t('decile')} ${l}`} cursor={{ fill: '#f3f5f9' }} />
                {BANDS.map((b, i) => (
                  <Bar key={b} dataKey={b} name={t(b)} stackId="a" fill={C.bands[i]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        </div>
      </ChartCard>
      <WinnersTable />
    </div>
  );
}

function WinnersTable() {
  const t = useT();
  const f = useFmt();
  const r = useStudio((s) => s.results!.compare.reforms[0]!);
  return (
    <div className="card">
      <div className="card-head">
        <div className="card-title">{t('winnersLosers')}</div>
      </div>
      <table className="table">
        <tbody>
          {BANDS.map((b, i) => (
            <tr key={b}>
              <td>
                <span className="swatch" style={{ background: C.bands[i] }} /> {t(b)}
              </td>
              <td className="num">{f.count(r.changes.winners_losers[b])}</td>
            </tr>
          ))}
          <tr>
            <td>{t('newlyCovered')}</td>
            <td className="num">{`${f.count(r.changes.newly_covered.households)} ${f.lang === 'zh' ? '户' : 'households'} · ${f.count(r.changes.newly_covered.persons)} ${t('persons')}`}</td>
          </tr>
          <tr>
            <td>{t('noLongerCovered')}</td>
            <td className="num">{`${f.count(r.changes.no_longer_covered.households)} ${f.lang === 'zh' ? '户' : 'households'} · ${f.count(r.changes.no_longer_covered.persons)} ${t('persons')}`}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

