/**
 * The benefit cliff of one household: net income (earnings plus every monthly benefit) and the
 * implicit marginal rate along one member's earnings, with the income the means test counts
 * (after the employment deduction) and the dibao status at each point (a household on dibao last
 * month shows its 渐退期). Exact: earnings and every amount are whole fen from compiled code, the
 * marginal rate an exact fraction. Evaluated in one batch by the policy's compiled code, with one
 * extra output — the counted income — in a module compiled once per policy.
 */
import type * as I from '../ir/types.ts';
import * as Q from '../numbers/rational.ts';
import { emitModule, instantiate, type CompiledPolicy } from '../backend-js/index.ts';
import { I32_MAX, toColumns, type Household } from '../schema/index.ts';
import { NO_SETTINGS, normalizeText, parseQuantity, readOne, type Failure, type Parsed, type PolicyPair, type RunOptions } from '../run/index.ts';
import { exact } from './exact.ts';

/** At most this many points on one path. */
export const MAX_CLIFF_POINTS = 1000;

/** Earnings from, to, by step: fen a month. */
export interface EarningsPath {
  readonly from: number;
  readonly to: number;
  readonly step: number;
}

export interface CliffPoint {
  /** the member's earnings (wages), yuan a month */
  readonly earnings: number;
  /** the household's income as the means test counts it (after deductions), where the policy says (the framework's income_sum) */
  readonly counted_income?: number;
  /** per-capita counted income (per_capita_income) */
  readonly per_capita_income?: number;
  readonly dibao_status?: string;
  readonly dibao: number;
  readonly tekun: number;
  readonly price: number;
  /** dibao + 特困 + price subsidy a month */
  readonly benefits: number;
  /** the co-resident members' own income (with these earnings) plus benefits, a month */
  readonly net_income: number;
  /** one-off amounts, not in net income */
  readonly temporary: number;
  readonly expenditure: number;
  /** 1 − Δ net income / Δ earnings from the point before (null at the first): what a yuan more earned costs in benefits */
  readonly marginal_rate: number | null;
  readonly marginal_rate_exact: string | null;
}

export interface Cliff {
  readonly policy: string;
  readonly date: string;
  readonly household: string;
  /** 1-based */
  readonly member: number;
  readonly person_id: string;
  /** the co-resident members' income other than this member's wages, yuan a month */
  readonly other_income: number;
  readonly points: readonly CliffPoint[];
}

/** FROM:TO:STEP in yuan (¥, thousands separators and 元 as settings take them), exact to the fen. */
export function parseEarningsPath(raw: string): Parsed<EarningsPath> {
  const parts = normalizeText(raw).split(':');
  if (parts.length !== 3) return { ok: false, why: 'expected FROM:TO:STEP in yuan, e.g. 0:6000:100' };
  const fen: number[] = [];
  const names = ['FROM', 'TO', 'STEP'];
  for (let i = 0; i < 3; i++) {
    const q = parseQuantity(parts[i]!);
    if (!q.ok) return { ok: false, why: `${names[i]} "${parts[i]}": ${q.why}` };
    if (q.value.unit !== 'none' && q.value.unit !== 'yuan') return { ok: false, why: `${names[i]} "${parts[i]}" is not an amount in yuan` };
    const f = Q.mul(q.value.value, Q.rat(100));
    if (!Q.isInteger(f)) return { ok: false, why: `${names[i]} "${parts[i]}" has more than two decimals (money is exact to the fen)` };
    if (f.n < 0n) return { ok: false, why: `${names[i]} "${parts[i]}" is negative` };
    if (f.n > BigInt(I32_MAX)) return { ok: false, why: `${names[i]} "${parts[i]}" is above the largest monthly wage the schema holds (¥${Q.toDecimalString(Q.rat(I32_MAX, 100), 2)})` };
    fen.push(Number(f.n));
  }
  const [from, to, step] = fen as [number, number, number];
  if (step === 0) return { ok: false, why: 'STEP must be more than 0' };
  if (to < from) return { ok: false, why: `TO (${parts[1]}) is below FROM (${parts[0]})` };
  const points = Math.floor((to - from) / step) + 1 + ((to - from) % step === 0 ? 0 : 1);
  if (points > MAX_CLIFF_POINTS) return { ok: false, why: `${points.toLocaleString('en')} points; at most ${MAX_CLIFF_POINTS.toLocaleString('en')} (use a larger STEP)` };
  return { ok: true, value: { from, to, step } };
}

/** The earnings of a path, fen: FROM, FROM + STEP, … and TO itself. */
export function pathPoints(p: EarningsPath): number[] {
  const out: number[] = [];
  for (let e = p.from; e <= p.to; e += p.step) out.push(e);
  if (out[out.length - 1] !== p.to) out.push(p.to);
  return out;
}

const OWN_INCOME = ['wage_income', 'business_income', 'property_income', 'transfer_income', 'basic_pension', 'excluded_income'];
const COUNTED = '?counted_income';

/** The policy's module with the counted income as one more output, compiled once per IR. */
const probes = new WeakMap<I.PolicyIR, CompiledPolicy>();
function probeModule(pair: PolicyPair): CompiledPolicy {
  let m = probes.get(pair.ir);
  if (m) return m;
  const ir = pair.ir;
  const sum = ir.definitions.find((d) => d.id === 'income_sum' && d.level === 'household' && d.type.k === 'money');
  if (!sum) m = pair.compiled;
  else {
    const def: I.DefinitionIR = { id: COUNTED, level: 'household', type: sum.type, output: true, expr: { k: 'def', t: sum.type, level: 'household', id: sum.id }, exceptions: [], cite: [], origin: sum.origin, hidden: true, exact: sum.exact };
    m = instantiate(emitModule({ ...ir, definitions: [...ir.definitions, def], outputs: [...ir.outputs, COUNTED] }, { version: 'cliff probe' }));
  }
  probes.set(pair.ir, m);
  return m;
}

export type CliffResult = { readonly ok: true; readonly cliff: Cliff } | ({ readonly ok: false } & Failure);

/** The household (schema JSON) along `path` of member `member` (1-based)'s earnings. */
export function earningsPath(pair: PolicyPair, raw: unknown, path: EarningsPath, member: number, options: RunOptions): CliffResult {
  const read = readOne(raw);
  if (!('household' in read)) return { ok: false, ...read };
  return earningsPathOf(pair, read.household, path, member, options);
}

/** The same for a household already read (the schema's normalised form). */
export function earningsPathOf(pair: PolicyPair, hh: Household, path: EarningsPath, member: number, options: RunOptions): CliffResult {
  const m = hh.members[member - 1];
  if (!Number.isInteger(member) || !m) return { ok: false, stage: 'household', message: `member ${member}: the household has ${hh.members.length} member${hh.members.length === 1 ? '' : 's'}`, problems: [] };
  if (m.co_resident === false) return { ok: false, stage: 'household', message: `member ${member} (${String(m.person_id ?? '')}) does not live in the household (co_resident is false), so their earnings are not its income`, problems: [] };
  const earnings = pathPoints(path);
  // A member who earns is employed (the employment deduction and 渐退期 rules read it); no earnings leave it as given.
  const households: Household[] = earnings.map((e) => ({ values: hh.values, members: hh.members.map((p, j) => (j === member - 1 ? { ...p, wage_income: e, employed: e > 0 ? true : p.employed! } : p)) }));
  const module = probeModule(pair);
  const pop = toColumns(households);
  const regions = module.regionsOf(pop);
  let params;
  try {
    params = module.resolveParameters({ date: options.date, sets: { ...(options.settings ?? NO_SETTINGS).text } }, regions.codes);
  } catch (e) {
    return { ok: false, stage: 'scenario', message: (e as Error).message };
  }
  const out = module.allocateOutputs(households.length);
  module.evaluateBatch(pop, regions, params, out, 0, households.length);
  const fail = earnings.findIndex((_, i) => out.errors[i] !== 0);
  if (fail >= 0) return { ok: false, stage: 'evaluation', message: `with earnings of ${yuanText(earnings[fail]!)}: ${module.SITES[out.errors[fail]! - 1]!.message}` };
  let other = 0;
  hh.members.forEach((p, j) => {
    if (p.co_resident === false) return;
    for (const f of OWN_INCOME) if (!(j === member - 1 && f === 'wage_income')) other += Number(p[f] ?? 0);
  });
  const col = (id: string, i: number): number => out.columns[id]?.[i] ?? 0;
  const status = module.outputs.find((o) => o.id === 'dibao_status');
  const points: CliffPoint[] = [];
  let before: { e: number; net: number } | undefined;
  earnings.forEach((e, i) => {
    const dibao = col('dibao_benefit', i);
    const tekun = col('tekun_benefit', i);
    const price = col('price_subsidy', i);
    const benefits = dibao + tekun + price;
    const net = e + other + benefits;
    const rate = before ? Q.sub(Q.ONE, Q.rat(net - before.net, e - before.e)) : undefined;
    points.push({
      earnings: e / 100,
      ...(out.columns[COUNTED] ? { counted_income: col(COUNTED, i) / 100 } : {}),
      ...(out.columns.per_capita_income ? { per_capita_income: col('per_capita_income', i) / 100 } : {}),
      ...(status?.values ? { dibao_status: status.values[col('dibao_status', i)]! } : {}),
      dibao: dibao / 100,
      tekun: tekun / 100,
      price: price / 100,
      benefits: benefits / 100,
      net_income: net / 100,
      temporary: col('temporary_assistance', i) / 100,
      expenditure: col('expenditure_assistance', i) / 100,
      marginal_rate: rate ? Number(Q.toDecimalString(rate, 6)) : null,
      marginal_rate_exact: rate ? exact(rate) : null,
    });
    before = { e, net };
  });
  return {
    ok: true,
    cliff: { policy: pair.ir.policy.id, date: options.date, household: String(hh.values.household_id ?? ''), member, person_id: String(m.person_id ?? ''), other_income: other / 100, points },
  };
}

const yuanText = (fen: number): string => `¥${Q.toDecimalString(Q.rat(fen, 100), 2)}`;
