/**
 * The other programmes of a decision: 特困 members (standard plus care), the price subsidy,
 * 急难型 and 支出型 temporary assistance (granted, or refused with the conditions that failed),
 * and the 刚性支出困难家庭 status.
 */
import * as Q from '../numbers/rational.ts';
import { exact as ex } from './exact.ts';
import type { Fact, Item } from './decision.ts';
import { assetFacts, member } from './dibao.ts';
import type { Values } from './reading.ts';

const num = (v: Values, id: string): Q.Rational => v.num(id) ?? Q.ZERO;
const uniq = (xs: readonly string[]): string[] => [...new Set(xs)];
const rat = (x: Q.Rational | boolean | string | undefined): Q.Rational => (typeof x === 'object' ? x : Q.ZERO);
const TWELVE = Q.rat(12);

export function tekunItem(v: Values): Item | undefined {
  const persons = v.num('tekun_persons');
  if (!persons || Q.isZero(persons)) return undefined;
  const facts: Fact[] = [];
  v.r.household.members.forEach((_, j) => {
    if (v.person('tekun', j) !== true) return;
    const amount = rat(v.person('tekun_amount', j));
    const care = rat(v.person('care_amount', j));
    facts.push({ ...member(v, j), k: 'tekun', income: ex(rat(v.person('tekun_income', j))), standard: ex(num(v, 'standard')), basic: ex(Q.sub(amount, care)), care: ex(care), amount: ex(amount) });
  });
  return {
    programme: 'tekun',
    outcome: 'granted',
    amount: ex(num(v, 'tekun_benefit')),
    period: 'month',
    persons: Number(persons.n),
    facts,
    reasons: [],
    changes: [],
    cites: uniq([...v.cites('tekun'), ...v.cites('tekun_amount'), ...v.cites('care_amount')]),
  };
}

export function priceItem(v: Values): Item | undefined {
  const amount = v.num('price_subsidy');
  if (!amount || Q.isZero(amount)) return undefined;
  const persons = Number(num(v, 'price_persons').n);
  const fact: Fact = {
    k: 'price',
    cpi: ex(num(v, 'cpi_yoy')),
    food_cpi: ex(num(v, 'food_cpi_yoy')),
    trigger: ex(num(v, 'price_cpi_trigger')),
    food_trigger: ex(num(v, 'price_food_trigger')),
    rate: ex(num(v, 'price_rate')),
    standard: ex(num(v, 'standard')),
    per_person: ex(num(v, 'price_per_person')),
    persons,
    amount: ex(amount),
  };
  return { programme: 'price', outcome: 'granted', amount: ex(amount), period: 'month', persons, facts: [fact], reasons: [], changes: [], cites: uniq([...v.cites('price_rate'), ...v.cites('price_subsidy')]) };
}

/** 急难型: asked when the household meets an emergency (a cost this month). */
export function temporaryItem(v: Values): Item | undefined {
  const cost = v.field('emergency_cost');
  if (typeof cost !== 'object' || Q.isZero(cost) || !v.has('temporary_assistance')) return undefined;
  const amount = num(v, 'temporary_assistance');
  const income = num(v, 'all_income');
  const months = num(v, 'emergency_bearable_months');
  const bearable = Q.cmp(cost, Q.mul(income, months)) <= 0;
  const cites = uniq([...v.cites('emergency_eligible'), ...v.cites('temporary_assistance')]);
  const level = v.text('emergency_level');
  if (!Q.isZero(amount)) {
    const facts: Fact[] = [
      { k: 'emergency', cost: ex(cost), income: ex(income), months: ex(months), bearable, ...(v.bool('emergency_poor_only') ? { poor_only: true as const } : {}), ...(level ? { level, level_label: v.enumLabel(level, 'emergency_severity') } : {}), limit: ex(num(v, 'emergency_limit')), amount: ex(amount) },
    ];
    if (v.bool('help_first')) facts.push({ k: 'help_first', limit: ex(Q.mul(num(v, 'help_first_months'), num(v, 'standard'))) });
    return { programme: 'temporary', outcome: 'granted', amount: ex(amount), period: 'once', facts, reasons: [], changes: [], cites: uniq([...cites, ...(v.bool('help_first') ? v.cites('help_first') : [])]) };
  }
  const reasons: Fact[] = [];
  if (v.bool('emergency_poor_only')) {
    reasons.push({ k: 'not_poor', pci: ex(num(v, 'pci')), edge: ex(Q.mul(num(v, 'edge_multiple'), num(v, 'standard'))) });
  } else {
    if (bearable) reasons.push({ k: 'emergency', cost: ex(cost), income: ex(income), months: ex(months), bearable });
    if (v.bool('asset_test') === false) reasons.push(...assetFacts(v, true).facts);
  }
  return { programme: 'temporary', outcome: 'refused', facts: [], reasons, changes: [], cites };
}

/** 支出型: asked when the household has rigid spending (medical or education costs), or is helped. */
export function expenditureItem(v: Values): Item | undefined {
  const spending = v.num('rigid_spending');
  const amount = num(v, 'expenditure_assistance');
  if (!spending || !v.has('expenditure_assistance') || (Q.isZero(spending) && Q.isZero(amount))) return undefined;
  const yearIncome = Q.mul(num(v, 'all_income'), TWELVE);
  const fact: Fact = {
    k: 'expenditure',
    spending: ex(spending),
    income_year: ex(yearIncome),
    share: ex(num(v, 'rigid_spending_share')),
    excess: ex(num(v, 'rigid_excess')),
    ...(Q.isZero(amount) ? {} : { cap: ex(Q.mul(num(v, 'expenditure_cap_months'), num(v, 'standard'))), amount: ex(amount) }),
  };
  const cites = uniq([...v.cites('expenditure_eligible'), ...v.cites('expenditure_assistance')]);
  if (!Q.isZero(amount)) return { programme: 'expenditure', outcome: 'granted', amount: ex(amount), period: 'once', facts: [fact], reasons: [], changes: [], cites };
  const reasons: Fact[] = [];
  if (v.bool('below_disposable') === false) reasons.push({ k: 'disposable', income: ex(num(v, 'all_income')), below: false });
  if (v.bool('asset_test') === false) reasons.push(...assetFacts(v, true).facts);
  if (Q.isZero(num(v, 'rigid_excess'))) reasons.push(fact);
  const edge = Q.mul(num(v, 'edge_multiple'), num(v, 'standard'));
  const after = num(v, 'income_after_spending');
  if (Q.cmp(after, edge) >= 0) reasons.push({ k: 'after_spending', pci: ex(after), edge: ex(edge), below: false });
  return { programme: 'expenditure', outcome: 'refused', facts: [], reasons, changes: [], cites };
}

export function hardshipItem(v: Values): Item | undefined {
  if (v.bool('rigid_hardship') !== true) return undefined;
  const fact: Fact = {
    k: 'hardship',
    rigid: ex(num(v, 'rigid_spending')),
    living: ex(num(v, 'living_spending')),
    income_year: ex(Q.mul(num(v, 'all_income'), TWELVE)),
    share: ex(num(v, 'rigid_hardship_share')),
    above: true,
  };
  return { programme: 'rigid_hardship', outcome: 'granted', facts: [fact], reasons: [], changes: [], cites: uniq(v.cites('rigid_hardship')) };
}
