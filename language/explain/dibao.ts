/**
 * The dibao and 低保边缘 parts of a decision: regular dibao, 渐退期, 单人户 or a refusal with every
 * condition that failed, and what would change the outcome — thresholds computed exactly from the
 * rules' own numbers (eligibility is pci < standard, i.e. counted income < standard × persons; a
 * gap benefit that rounds to ¥0 is not paid, which moves the threshold to standard × persons − ¥0.50).
 */
import * as Q from '../numbers/rational.ts';
import { exact as ex, HALF_YUAN } from './exact.ts';
import type { Change, Fact, Item, Member } from './decision.ts';
import type { Values } from './reading.ts';

const num = (v: Values, id: string): Q.Rational => v.num(id) ?? Q.ZERO;
const uniq = (xs: readonly string[]): string[] => [...new Set(xs)];
const whole = (x: Q.Rational | boolean | string | undefined): number => (typeof x === 'object' ? Number(x.n / x.d) : 0);

export function member(v: Values, j: number): Member {
  const m = v.r.household.members[j]!;
  return { member: j + 1, person_id: String(m.person_id ?? ''), age: Number(m.age ?? 0) };
}

/** The counted income against the standard or the edge line. */
function income(v: Values, line: 'standard' | 'edge'): Fact {
  const S = num(v, 'standard');
  const pci = num(v, 'pci');
  const multiple = v.num('edge_multiple') ?? Q.ONE;
  const value = line === 'edge' ? Q.mul(multiple, S) : S;
  return {
    k: 'income',
    income: ex(num(v, 'income_sum')),
    persons: Number(num(v, 'n').n),
    pci: ex(pci),
    below: Q.cmp(pci, value) < 0,
    against: line === 'edge' ? { line, standard: ex(S), multiple: ex(multiple), value: ex(value) } : { line, standard: ex(S) },
  };
}

/** Wages before and after the employment deduction, and the illness-cost deduction, where they change what is counted. */
function deductions(v: Values): Fact[] {
  const out: Fact[] = [];
  const wages = v.num('wages');
  const counted = v.num('counted_wages');
  if (wages && counted && !Q.eq(wages, counted)) {
    const method = v.text('employment_deduction') ?? '';
    const rate = method === 'proportion' ? v.num('employment_deduction_rate') : undefined;
    const exemption = method === 'fixed' ? v.num('employment_exemption') : undefined;
    out.push({ k: 'deduction', wages: ex(wages), counted: ex(counted), method, ...(rate ? { rate: ex(rate) } : {}), ...(exemption ? { exemption: ex(exemption) } : {}) });
  }
  const illness = v.num('illness_costs');
  const before = v.num('dibao_income');
  const after = v.num('income_sum');
  if (illness && before && after && !Q.isZero(illness) && !Q.eq(before, after)) out.push({ k: 'illness', income: ex(before), deducted: ex(Q.sub(before, after)) });
  return out;
}

/**
 * Counted income (household) below which regular dibao is paid: standard × persons, strictly; where
 * a gap benefit rounding to ¥0 is not paid (and no minimum or add-on lifts it), at most that less ¥0.50.
 */
function paidThreshold(v: Values): { household: Q.Rational; strict: boolean } {
  const line = Q.mul(num(v, 'standard'), num(v, 'n'));
  const roundsAway = v.bool('count_zero_benefit') === false && v.text('benefit_method') === 'gap' && Q.isZero(num(v, 'minimum_benefit')) && Q.isZero(num(v, 'addon_total'));
  return roundsAway ? { household: Q.sub(line, HALF_YUAN), strict: false } : { household: line, strict: true };
}

function below(v: Values, line: 'standard' | 'edge', t: { household: Q.Rational; strict: boolean }): Change {
  const I = num(v, 'income_sum');
  const n = num(v, 'n');
  return { k: 'income_below', line, household: ex(t.household), pci: ex(Q.div(t.household, n)), strict: t.strict, now: ex(I), now_pci: ex(num(v, 'pci')), by: ex(Q.sub(I, t.household)) };
}

/** The asset test's parts (57号 §14); `failedOnly` keeps those that failed. */
export function assetFacts(v: Values, failedOnly: boolean): { facts: Fact[]; changes: Change[] } {
  const facts: Fact[] = [];
  const changes: Change[] = [];
  const persons = num(v, 'member_count');
  const total = v.field('financial_assets');
  const months = v.num('assets_months');
  const S = num(v, 'standard');
  if (typeof total === 'object' && months && !Q.isZero(persons)) {
    const limit = Q.mul(months, S);
    const ok = Q.cmp(Q.div(total, persons), limit) <= 0;
    if (!ok || !failedOnly) facts.push({ k: 'assets', total: ex(total), persons: Number(persons.n), per_person: ex(Q.div(total, persons)), months: ex(months), standard: ex(S), limit: ex(limit), ok });
    const all = Q.mul(limit, persons);
    if (!ok) changes.push({ k: 'assets_below', limit: ex(all), now: ex(total), by: ex(Q.sub(total, all)) });
  }
  for (const k of ['vehicles', 'houses'] as const) {
    const count = v.field(k);
    const max = v.num(k === 'vehicles' ? 'max_vehicles' : 'max_houses');
    if (typeof count !== 'object' || !max) continue;
    const ok = Q.cmp(count, max) <= 0;
    if (!ok || !failedOnly) facts.push({ k, count: Number(count.n), max: Number(max.n), ok });
    if (!ok) changes.push({ k: k === 'vehicles' ? 'vehicles_below' : 'houses_below', max: Number(max.n), now: Number(count.n) });
  }
  return { facts, changes };
}

function hukou(v: Values): Fact {
  return { k: 'hukou', permit: v.field('residence_permit') === true, permit_route: v.bool('residence_permit_apply') === true };
}

/** The dibao item: regular, 渐退期, 单人户, or refused. Undefined when every member is 特困 (the 特困 item says it). */
export function dibaoItem(v: Values): Item | undefined {
  const status = v.text('dibao_status');
  if (status === undefined) return undefined;
  const n = num(v, 'n');
  const members = num(v, 'member_count');
  if (Q.isZero(n) && !Q.isZero(members) && Q.eq(num(v, 'tekun_persons'), members)) return undefined;
  const amount = ex(num(v, 'dibao_benefit'));
  const persons = Number(num(v, 'dibao_persons').n);
  const why = v.exceptionCites('dibao_status');
  if (status === 'regular') {
    const method = v.text('benefit_method');
    const facts: Fact[] = [...deductions(v), income(v, 'standard')];
    const base = num(v, 'base_benefit');
    if (method === 'tiers') facts.push({ k: 'tiers', standard: ex(num(v, 'standard')), rate: ex(num(v, 'tier_rate')), persons: Number(n.n), amount: ex(base) });
    else facts.push({ k: 'gap', standard: ex(num(v, 'standard')), pci: ex(num(v, 'pci')), persons: Number(n.n), amount: ex(base) });
    const minimum = num(v, 'minimum_benefit');
    if (Q.cmp(minimum, base) > 0) facts.push({ k: 'minimum', amount: ex(minimum) });
    const addon = num(v, 'addon_total');
    if (!Q.isZero(addon)) facts.push({ k: 'addon', amount: ex(addon) });
    const t = paidThreshold(v);
    const I = num(v, 'income_sum');
    const changes: Change[] = [{ k: 'income_reaches', line: 'standard', household: ex(t.household), pci: ex(Q.div(t.household, n)), strict: t.strict, now: ex(I), by: ex(Q.sub(t.household, I)) }];
    return { programme: 'dibao', outcome: 'granted', amount, period: 'month', persons, facts, reasons: [], changes, cites: uniq([...why, ...v.cites('dibao_eligible'), ...v.cites('pci'), ...v.cites('base_benefit')]) };
  }
  if (status === 'grace') {
    const used = whole(v.field('grace_months_used'));
    const months = Number(num(v, 'grace_months').n);
    const taper = v.num('grace_taper');
    const last = v.field('last_benefit');
    const fact: Fact = {
      k: 'grace',
      last_benefit: ex(typeof last === 'object' ? last : Q.ZERO),
      used,
      months,
      amount,
      ...(taper && !Q.isZero(taper) ? { taper: ex(taper) } : {}),
      member_only: v.bool('single_grace') === true,
      persons,
    };
    const changes: Change[] = [{ k: 'grace_left', months: Math.max(0, months - used - 1) }, below(v, 'standard', paidThreshold(v))];
    return { programme: 'dibao', outcome: 'grace', amount, period: 'month', persons, facts: [...deductions(v), income(v, 'standard'), fact], reasons: [], changes, cites: uniq([...why, ...v.cites('grace_open'), ...v.cites('grace_benefit')]) };
  }
  if (status === 'single') {
    const facts: Fact[] = [...deductions(v), income(v, 'edge')];
    v.r.household.members.forEach((_, j) => {
      if (v.person('single_covered', j) !== true) return;
      const reason = v.person('severe_disabled_adult', j) === true && v.bool('disabled_alone_open') ? 'severe_disabled_adult' : v.memberField('catastrophic_illness', j) === true ? 'illness' : 'disability';
      const own = v.person('own_income', j);
      const paid = v.person('single_amount', j);
      facts.push({ ...member(v, j), k: 'single', reason, own_income: ex(typeof own === 'object' ? own : Q.ZERO), standard: ex(num(v, 'standard')), amount: ex(typeof paid === 'object' ? paid : Q.ZERO) });
    });
    return { programme: 'dibao', outcome: 'single', amount, period: 'month', persons, facts, reasons: [], changes: [], cites: uniq([...why, ...v.cites('single_covered'), ...v.cites('single_amount')]) };
  }
  return refusedDibao(v);
}

function refusedDibao(v: Values): Item {
  const reasons: Fact[] = [];
  const changes: Change[] = [];
  const cites = [...v.cites('dibao_eligible')];
  if (Q.isZero(num(v, 'n'))) {
    reasons.push({ k: 'no_members' });
    return { programme: 'dibao', outcome: 'refused', facts: [], reasons, changes, cites: uniq([...cites, ...v.cites('n')]) };
  }
  const facts = deductions(v);
  const incomeFact = income(v, 'standard');
  const eligible = v.bool('dibao_eligible') === true;
  if (incomeFact.k === 'income' && !incomeFact.below) {
    reasons.push(incomeFact);
    changes.push(below(v, 'standard', paidThreshold(v)));
    cites.push(...v.cites('pci'));
  } else facts.push(incomeFact);
  if (v.bool('asset_test') === false) {
    const a = assetFacts(v, true);
    reasons.push(...a.facts);
    changes.push(...a.changes);
    cites.push(...v.cites('asset_test'));
  }
  if (v.bool('can_apply_here') === false) {
    reasons.push(hukou(v));
    changes.push({ k: 'apply_at_hukou' });
    cites.push(...v.cites('can_apply_here'));
  }
  if (eligible && v.bool('regular_dibao') === false) {
    reasons.push({ k: 'zero_benefit', amount: ex(num(v, 'regular_benefit')) });
    changes.push(below(v, 'standard', paidThreshold(v)));
    cites.push(...v.cites('regular_dibao'));
  }
  if (v.field('dibao_last_month') === true && v.bool('asset_test') !== false) {
    const used = whole(v.field('grace_months_used'));
    const months = Number(num(v, 'grace_months').n);
    if (used >= months) reasons.push({ k: 'grace_over', used, months });
    else if (v.bool('grace_requires_work') && v.bool('grace_open') === false) reasons.push({ k: 'grace_needs_work' });
    cites.push(...v.cites('grace_open'));
  }
  return { programme: 'dibao', outcome: 'refused', facts, reasons, changes, cites: uniq(cites) };
}

/** 低保边缘 (57号 §8): asked of a household not covered as a whole (refused, or 单人户). */
export function edgeItem(v: Values): Item | undefined {
  const status = v.text('dibao_status');
  const edge = v.bool('edge_family');
  if (edge === undefined || status === 'regular' || status === 'grace' || Q.isZero(num(v, 'n'))) return undefined;
  const fact = income(v, 'edge');
  const cites = uniq([...v.cites('edge_family')]);
  if (edge) return { programme: 'edge', outcome: 'granted', facts: [fact], reasons: [], changes: [], cites };
  const reasons: Fact[] = [];
  const changes: Change[] = [];
  const facts: Fact[] = [];
  if (fact.k === 'income' && !fact.below) {
    reasons.push(fact);
    const E = Q.mul(v.num('edge_multiple') ?? Q.ONE, num(v, 'standard'));
    changes.push(below(v, 'edge', { household: Q.mul(E, num(v, 'n')), strict: true }));
  } else facts.push(fact);
  if (v.bool('asset_test') === false) {
    const a = assetFacts(v, true);
    reasons.push(...a.facts);
    changes.push(...a.changes);
  }
  if (v.bool('can_apply_here') === false) {
    reasons.push(hukou(v));
    changes.push({ k: 'apply_at_hukou' });
  }
  return { programme: 'edge', outcome: 'refused', facts, reasons, changes, cites };
}
