/**
 * Who pays: the annual cost by level of government — central, provincial, city, county — under
 * the baseline and the reform, and the reform's net cost to the province (its provincial, city and
 * county budgets together, after the central subsidy), from the simulator's by_level results.
 */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SimulationResult } from '../../../simulator/index.ts';
import { useStudio, useT } from '../ui/context.ts';
import { useFmt } from '../ui/hooks.ts';
import { ChartCard } from '../charts/ChartCard.tsx';
import { AXIS, C, axisMoney } from '../charts/theme.ts';
import type { StringKey } from '../i18n/strings.ts';

export const LEVELS = ['central', 'provincial', 'city', 'county'] as const;
export const LEVEL_KEY: Record<(typeof LEVELS)[number], StringKey> = { central: 'levelCentral', provincial: 'levelProvincial', city: 'levelCity', county: 'levelCounty' };

/** The rows of who pays: per level, and the province with its cities and counties; undefined without shares. */
export function levelRows(base: SimulationResult, reform: SimulationResult): { id: string; baseline: number; reform: number }[] | undefined {
  const a = base.by_level;
  const b = reform.by_level;
  if (!a || !b) return undefined;
  return [...LEVELS.map((l) => ({ id: l, baseline: a.annual[l], reform: b.annual[l] })), { id: 'local', baseline: a.local_annual, reform: b.local_annual }];
}

export function WhoPays() {
  const t = useT();
  const f = useFmt();
  const c = useStudio((s) => s.results?.compare);
  if (!c) return null;
  const r = c.reforms[0]!;
  const rows = levelRows(c.baseline, r.reform);
  if (!rows) return null;
  const name = (id: string) => (id === 'local' ? t('localTotal') : t(LEVEL_KEY[id as (typeof LEVELS)[number]]));
  const chart = rows.filter((x) => x.id !== 'local').map((x) => ({ ...x, name: name(x.id) }));
  const net = r.delta.net_cost_to_province ?? 0;
  return (
    <div className="who-pays wide" data-testid="who-pays">
      <ChartCard
        id="levels"
        title={t('whoPays')}
        subtitle={`${t('whoPaysSub')} · ${t('netCostProvince')} ${f.money(net, { signed: true })}`}
        legend={[
          { label: t('baseline'), color: C.baseline },
          { label: t('reform'), color: C.reform },
        ]}
        height={200}
        data={{ header: ['level', 'baseline_annual_cost', 'reform_annual_cost', 'delta'], rows: rows.map((x) => [x.id, x.baseline, x.reform, x.reform - x.baseline]) }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={chart} margin={{ top: 8, right: 8, bottom: 0, left: 8 }} barGap={2}>
            <CartesianGrid vertical={false} stroke={C.grid} />
            <XAxis dataKey="name" {...AXIS} interval={0} />
            <YAxis {...AXIS} tickFormatter={axisMoney(f.lang)} width={72} />
            <Tooltip formatter={(v) => f.money(Number(v))} cursor={{ fill: '#f3f5f9' }} />
            <Bar dataKey="baseline" name={t('baseline')} fill={C.baseline} radius={[3, 3, 0, 0]} isAnimationActive={false} />
            <Bar dataKey="reform" name={t('reform')} fill={C.reform} radius={[3, 3, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      <div className="card">
        <table className="table" data-testid="levels-table">
          <thead>
            <tr>
              <th>{t('whoPays')}</th>
              <th className="num">{t('baseline')}</th>
              <th className="num">{t('reform')}</th>
              <th className="num">{t('delta')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((x) => (
              <tr key={x.id} className={x.id === 'local' ? 'total' : ''}>
                <td>{name(x.id)}</td>
                <td className="num">{f.money(x.baseline)}</td>
                <td className="num">{f.money(x.reform)}</td>
                <td className={`num ${x.reform - x.baseline > 0 ? 'up' : x.reform - x.baseline < 0 ? 'down' : ''}`}>{f.money(x.reform - x.baseline, { signed: true })}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="card-foot" data-testid="levels-net-cost">
          {`${t('netCostProvince')}: ${f.money(net, { signed: true })} ${f.lang === 'zh' ? '/ 年' : 'a year'} (${t('netCostProvinceSub')})`}
        </div>
      </div>
    </div>
  );
}
