/**
 * The benefit cliff of the household in the explorer: its net income (earnings plus dibao, 特困
 * and the price subsidy) and benefits as one member's monthly earnings rise, the income the means
 * test counts (after the employment deduction), the months of 渐退期 shaded, and the implicit
 * marginal rate below — computed exactly by language/explain (as doudi eval --earnings-path), with
 * PNG, SVG and CSV export.
 */
import { useEffect, useState } from 'react';
import { CartesianGrid, ComposedChart, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Cliff } from '../../../language/explain/index.ts';
import { useStudioApi, useT } from '../ui/context.ts';
import { useFmt } from '../ui/hooks.ts';
import { ChartCard } from '../charts/ChartCard.tsx';
import { AXIS, C, axisMoney } from '../charts/theme.ts';
import { statusName } from '../i18n/strings.ts';

type Json = Record<string, unknown>;

const COLORS = { net: C.reform, benefits: '#1b8a6b', counted: C.accent2, earnings: C.baseline, grace: '#fde7c9', rate: C.up } as const;

/** A round upper end for the axis: at least ¥6,000, and twice the member's wage. */
function upperEnd(wage: number): number {
  const target = Math.max(6000, wage * 2);
  const unit = target > 20000 ? 5000 : 1000;
  return Math.ceil(target / unit) * unit;
}

/** Runs of points in 渐退期, as [from, to] earnings, for shading. */
function graceRuns(c: Cliff): [number, number][] {
  const runs: [number, number][] = [];
  c.points.forEach((p, i) => {
    if (p.dibao_status !== 'grace') return;
    const last = runs[runs.length - 1];
    if (last && c.points[i - 1]?.dibao_status === 'grace') last[1] = p.earnings;
    else runs.push([p.earnings, p.earnings]);
  });
  return runs;
}

export function CliffChart({ scenario, household }: { scenario: { policy: string; date: string; sets: Readonly<Record<string, string>> }; household: Json }) {
  const t = useT();
  const f = useFmt();
  const studio = useStudioApi();
  const members = (household.members as Json[]) ?? [];
  const [chosen, setMember] = useState(1);
  // A what-if edit may remove members: the chosen one falls back to the first.
  const member = chosen <= members.length ? chosen : 1;
  const [cliff, setCliff] = useState<Cliff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const m = members[member - 1];
  const wage = Number(m?.wage_income ?? 0);
  const to = upperEnd(wage);
  const step = to / 100;
  const key = JSON.stringify([scenario, household, member, to]);
  useEffect(() => {
    if (!m) return;
    let live = true;
    const timer = setTimeout(() => {
      void studio.services.sim.cliff(scenario, household, member, `0:${to}:${step}`).then((a) => {
        if (!live) return;
        setCliff(a.cliff ?? null);
        setError(a.error ?? null);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, studio]);
  const points = cliff?.points ?? [];
  const data = points.map((p) => ({ ...p, rate: p.marginal_rate === null ? null : p.marginal_rate * 100 }));
  const legend = [
    { label: t('cliffNet'), color: COLORS.net },
    { label: t('cliffBenefits'), color: COLORS.benefits },
    { label: t('cliffCounted'), color: COLORS.counted },
    { label: t('cliffGrace'), color: '#f4a66a' },
  ];
  const header = ['earnings', 'counted_income', 'per_capita_income', 'dibao_status', 'dibao', 'tekun', 'price', 'benefits', 'net_income', 'temporary', 'expenditure', 'marginal_rate'];
  const rows = points.map((p) => [p.earnings, p.counted_income ?? '', p.per_capita_income ?? '', p.dibao_status ?? '', p.dibao, p.tekun, p.price, p.benefits, p.net_income, p.temporary, p.expenditure, p.marginal_rate_exact ?? '']);
  const tip = (v: unknown, name: unknown) => [name === 'rate' ? `${f.num(Number(v), 1)}%` : f.money(Number(v)), String(name)];
  const label = (x: unknown) => {
    const p = points.find((q) => q.earnings === Number(x));
    return `${t('cliffEarnings')} ${f.money(Number(x))}${p?.dibao_status ? ` · ${statusName(f.lang, p.dibao_status)}` : ''}`;
  };
  const chooser = (
    <select className="input small" value={member} data-testid="cliff-member" onChange={(e) => setMember(Number(e.target.value))}>
      {members.map((x, i) => (
        <option key={i} value={i + 1} disabled={x.co_resident === false}>
          {f.lang === 'zh' ? `成员${i + 1}（${String(x.age)}岁）` : `member ${i + 1} (aged ${String(x.age)})`}
        </option>
      ))}
    </select>
  );
  return (
    <div className="cliff wide" data-testid="cliff">
      <ChartCard
        id="cliff"
        title={t('cliffTitle')}
        subtitle={t('cliffSub')}
        legend={legend}
        height={260}
        actions={chooser}
        data={{ header, rows }}
      >
        {error ? (
          <div className="notice error">{error}</div>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
              <CartesianGrid stroke={C.grid} />
              {(cliff ? graceRuns(cliff) : []).map(([a, b]) => (
                <ReferenceArea key={a} x1={a} x2={b === a ? a + step : b} fill={COLORS.grace} fillOpacity={0.8} ifOverflow="extendDomain" />
              ))}
              <XAxis dataKey="earnings" type="number" domain={[0, to]} {...AXIS} tickFormatter={axisMoney(f.lang)} />
              <YAxis {...AXIS} tickFormatter={axisMoney(f.lang)} width={64} />
              <Tooltip formatter={tip} labelFormatter={label} />
              {wage > 0 && wage <= to && <ReferenceLine x={wage} stroke={C.axis} strokeDasharray="3 3" label={{ value: t('cliffNow'), position: 'top', fontSize: 11, fill: C.axis }} />}
              <Line dataKey="net_income" name={t('cliffNet')} stroke={COLORS.net} strokeWidth={2} dot={false} isAnimationActive={false} type="stepAfter" />
              <Line dataKey="benefits" name={t('cliffBenefits')} stroke={COLORS.benefits} strokeWidth={2} dot={false} isAnimationActive={false} type="stepAfter" />
              <Line dataKey="counted_income" name={t('cliffCounted')} stroke={COLORS.counted} strokeDasharray="4 3" dot={false} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        )}
      </ChartCard>
      <ChartCard
        id="cliff-rate"
        title={t('cliffRate')}
        subtitle={t('cliffRateSub')}
        legend={[{ label: t('cliffRate'), color: COLORS.rate }]}
        height={140}
        data={{ header: ['earnings', 'marginal_rate'], rows: points.map((p) => [p.earnings, p.marginal_rate_exact ?? '']) }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid stroke={C.grid} />
            <XAxis dataKey="earnings" type="number" domain={[0, to]} {...AXIS} tickFormatter={axisMoney(f.lang)} />
            <YAxis {...AXIS} width={64} tickFormatter={(v: number) => `${v}%`} />
            <Tooltip formatter={tip} labelFormatter={label} />
            <ReferenceLine y={100} stroke={C.axis} strokeDasharray="2 4" />
            <Line dataKey="rate" name="rate" stroke={COLORS.rate} dot={false} isAnimationActive={false} type="stepBefore" connectNulls />
          </LineChart>
        </ResponsiveContainer>
      </ChartCard>
    </div>
  );
}
