/** The simulator's results as text for a terminal (--json prints them whole instead). */
import { LEVELS, PROGRAMMES, type ByLevel, type CompareResult, type MonthsResult, type Reach, type SimulationResult, type SweepResult, type UncertaintyResult } from '../simulator/index.ts';
import { displayWidth } from '../language/index.ts';

/** Padding by a terminal's columns (a Chinese character takes two), so columns with 低保 or 亿 line up. */
export const padEnd = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - displayWidth(s)));
export const padStart = (s: string, width: number): string => ' '.repeat(Math.max(0, width - displayWidth(s))) + s;

const yuan = (x: number): string => {
  const a = Math.abs(x);
  const s = a >= 1e8 ? `${(x / 1e8).toFixed(2)} 亿` : a >= 1e4 ? `${(x / 1e4).toFixed(1)} 万` : x.toFixed(0);
  return `¥${s}`;
};
const count = (x: number): string => Math.round(x).toLocaleString('en');
const signed = (s: string, x: number): string => (x > 0 ? `+${s}` : s);

const LABEL: Record<string, string> = {
  dibao: 'dibao 低保',
  tekun: 'tekun 特困',
  price: 'price 价格补贴',
  temporary: 'temporary 急难型',
  expenditure: 'expenditure 支出型',
};

export function resultText(r: SimulationResult): string {
  const lines = [`${r.policy} on ${r.date}: ${count(r.households)} households, ${count(r.persons)} persons (${count(r.records)} records)`];
  lines.push(`  ${'programme'.padEnd(20)} ${'households'.padStart(12)} ${'persons'.padStart(12)} ${'a month'.padStart(14)} ${'a year'.padStart(14)}`);
  for (const p of PROGRAMMES) {
    const t = r.programmes[p];
    lines.push(`  ${padEnd(LABEL[p]!, 20)} ${count(t.households).padStart(12)} ${count(t.persons).padStart(12)} ${padStart(yuan(t.monthly_cost), 14)} ${padStart(yuan(t.annual_cost), 14)}`);
  }
  lines.push(`  ${'total'.padEnd(20)} ${''.padStart(12)} ${''.padStart(12)} ${padStart(yuan(r.monthly_cost), 14)} ${padStart(yuan(r.annual_cost), 14)}`);
  if (r.by_level) lines.push(...levelText(r.by_level));
  lines.push(`  edge families 低保边缘: ${count(r.edge_families)}; 刚性支出困难家庭: ${count(r.rigid_hardship)}`);
  lines.push(`  poorest tenth: ${(r.poorest_decile.coverage * 100).toFixed(1)}% covered, ${(r.poorest_decile.spending_share * 100).toFixed(1)}% of dibao and 特困 spending`);
  if (r.errors.records > 0) lines.push(`  ${count(r.errors.records)} records could not be evaluated: ${r.errors.sites.map((s) => `${s.message} (${count(s.records)})`).join('; ')}`);
  if (r.reach) lines.push(...reachText(r.reach));
  return lines.join('\n');
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

const LEVEL_LABEL: Record<(typeof LEVELS)[number], string> = { central: 'central 中央', provincial: 'provincial 省级', city: 'city 市级', county: 'county 县级' };

/** Who pays a year, by level of government (with --json: a month too, and by programme). */
function levelText(b: ByLevel, delta = false): string[] {
  const show = (x: number) => (delta ? signed(yuan(x), x) : yuan(x));
  const levels = `${LEVELS.map((l) => `${LEVEL_LABEL[l]} ${show(b.annual[l])}`).join(', ')}`;
  // A comparison's line of the province with its cities and counties is its net cost, said once.
  return delta ? [`  Δ who pays a year: ${levels}`] : [`  who pays a year: ${levels}; the province with its cities and counties 地方合计 ${yuan(b.local_annual)}`];
}

/** Who is reached, in a few lines (all of it with --json). */
function reachText(x: Reach): string[] {
  const d = x.recipients.dibao;
  const c = d.by_category;
  const all = c.elderly + c.minors + c.disabled + c.other;
  const lines = [
    `  dibao by programme (hukou) area: urban ${count(x.by_area.dibao.urban.persons)}, rural ${count(x.by_area.dibao.rural.persons)} persons; 特困 urban ${count(x.by_area.tekun.urban.persons)}, rural ${count(x.by_area.tekun.rural.persons)}`,
    `  dibao recipients: ${d.persons_per_household.toFixed(2)} per household, ¥${d.payment_per_person.toFixed(0)} a month each; aged 60+ ${pct(all ? c.elderly / all : 0)}, minors ${pct(all ? c.minors / all : 0)}, disabled ${pct(all ? c.disabled / all : 0)}, other ${pct(all ? c.other / all : 0)}`,
  ];
  if (x.targeting) lines.push(`  against true income: ${count(x.targeting.income_eligible_persons)} persons under their standard, ${pct(x.targeting.coverage)} of them covered; ${pct(x.targeting.inclusion_error)} of the covered are above it`);
  const p = x.poverty;
  if (p.dibao_line) lines.push(`  under the standard (headcount / gap / FGT2): before ${pct(p.dibao_line.before.headcount)} / ${pct(p.dibao_line.before.gap)} / ${pct(p.dibao_line.before.fgt2)}, after ${pct(p.dibao_line.after.headcount)} / ${pct(p.dibao_line.after.gap)} / ${pct(p.dibao_line.after.fgt2)}`);
  lines.push(`  under 40% of the median (¥${p.relative_line.line.toFixed(0)} a month): before ${pct(p.relative_line.before.headcount)}, after ${pct(p.relative_line.after.headcount)}`);
  return lines;
}

export function compareText(c: CompareResult): string {
  const lines = [resultText(c.baseline)];
  for (const r of c.reforms) {
    lines.push('', `reform ${r.name}:`);
    lines.push(`  ${'programme'.padEnd(20)} ${'Δ households'.padStart(14)} ${'Δ persons'.padStart(12)} ${'Δ a year'.padStart(14)}`);
    for (const p of PROGRAMMES) {
      const d = r.delta.programmes[p];
      lines.push(`  ${padEnd(LABEL[p]!, 20)} ${signed(count(d.households), d.households).padStart(14)} ${signed(count(d.persons), d.persons).padStart(12)} ${padStart(signed(yuan(d.annual_cost), d.annual_cost), 14)}`);
    }
    lines.push(`  ${'total'.padEnd(20)} ${''.padStart(14)} ${''.padStart(12)} ${padStart(signed(yuan(r.delta.annual_cost), r.delta.annual_cost), 14)}   (reform ${yuan(r.reform.annual_cost)} a year)`);
    if (r.delta.net_cost_to_province !== undefined) {
      const n = r.delta.net_cost_to_province;
      lines.push(`  net cost to the province 省级及以下净增支出: ${signed(yuan(n), n)} a year (province, cities and counties, after the central subsidy)`);
      lines.push(...levelText(r.delta.by_level!, true));
    }
    lines.push(`  newly covered: ${count(r.changes.newly_covered.households)} households, ${count(r.changes.newly_covered.persons)} persons; no longer covered: ${count(r.changes.no_longer_covered.households)} households, ${count(r.changes.no_longer_covered.persons)} persons`);
    const b = r.changes.winners_losers;
    lines.push(`  households: lose >5% ${count(b.lose_more_than_5pct)}, lose ${count(b.lose)}, no change ${count(b.no_change)}, gain ${count(b.gain)}, gain >5% ${count(b.gain_more_than_5pct)}`);
    lines.push(`  by income decile (average change a month): ${r.changes.by_decile.map((d) => `${d.decile}: ${signed(d.average_change.toFixed(2), d.average_change)}`).join('  ')}`);
  }
  return lines.join('\n');
}

export function sweepText(s: SweepResult): string {
  const money = s.unit.startsWith('money');
  const lines = [`sweep of ${s.parameter} (${s.unit})`, `  ${'value'.padStart(10)} ${'a year'.padStart(14)} ${'dibao persons'.padStart(14)} ${'特困 persons'.padStart(12)} ${(money ? 'per ¥10' : 'per unit').padStart(14)}`];
  for (const p of s.points) {
    const r = p.result;
    lines.push(`  ${p.value.padStart(10)} ${padStart(yuan(r.annual_cost), 14)} ${count(r.programmes.dibao.persons).padStart(14)} ${count(r.programmes.tekun.persons).padStart(12)} ${(p.marginal_cost === null ? '' : yuan(p.marginal_cost)).padStart(14)}`);
  }
  return lines.join('\n');
}

export function monthsText(m: MonthsResult): string {
  const lines = [`${m.policy}, month by month`, `  ${'month'.padEnd(10)} ${'dibao hh'.padStart(11)} ${'persons'.padStart(11)} ${'entries'.padStart(9)} ${'exits'.padStart(9)} ${padStart('渐退期', 8)} ${'cost'.padStart(12)} ${'monitored'.padStart(11)}`];
  for (const r of m.months)
    lines.push(`  ${r.date.slice(0, 7).padEnd(10)} ${count(r.dibao_households).padStart(11)} ${count(r.dibao_persons).padStart(11)} ${count(r.entries).padStart(9)} ${count(r.exits).padStart(9)} ${count(r.grace).padStart(8)} ${padStart(yuan(r.cost.total), 12)} ${count(r.monitored).padStart(11)}`);
  lines.push(`  total cost ${yuan(m.totals.cost)}; entries ${count(m.totals.entries)}, exits ${count(m.totals.exits)}, ${count(m.totals.grace_household_months)} household-months in 渐退期`);
  return lines.join('\n');
}

export function uncertaintyText(u: UncertaintyResult): string {
  const width = Math.max(...Object.keys(u.figures).map((k) => k.length));
  const show = (k: string, x: number) => (k.endsWith('cost') ? yuan(x) : k.endsWith('coverage') ? `${(x * 100).toFixed(2)}%` : count(x));
  const lines = [`over ${u.seeds.length} populations (seeds ${u.seeds[0]}–${u.seeds[u.seeds.length - 1]}): mean [${Math.round(u.level * 100)}% interval]`];
  for (const [k, f] of Object.entries(u.figures)) lines.push(`  ${k.padEnd(width)}  ${show(k, f.mean).padStart(14)}  [${show(k, f.low)} … ${show(k, f.high)}]`);
  return lines.join('\n');
}

export const json = (x: unknown): string => JSON.stringify(x, null, 2) + '\n';
