/**
 * Who is reached (simulator/engine/reach.ts), against brute force: every household of a Shanghai
 * population through the compiled module one by one, the take-up rule applied as the engine does,
 * and the reach figures recomputed from that — by the programme's (hukou) area, recipients'
 * categories, targeting against true income, poverty against the standard and 40% of the median.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { DEFAULT_TAKE_UP, Simulator, drawKey, generatePopulation, householdJson, takeUpDraw, type Population, type SimulationResult } from '../../simulator/index.ts';
import { SHANGHAI, expectClose, policyEntry } from '../support/simulator.ts';

const pop: Population = { columns: generatePopulation({ region: '310000', year: 2024, households: 4000, seed: 11 }).columns };
const DATE = '2024-08-01';
const STANDARD = 159_500; // fen a month: Shanghai from 2024-07-01, urban and rural alike
let result: SimulationResult;

beforeAll(async () => {
  const sim = new Simulator();
  await sim.setPopulation(pop.columns);
  await sim.addPolicy('sh', policyEntry(SHANGHAI));
  result = await sim.simulate({ policy: 'sh', date: DATE, sets: {} }, { seed: 1 });
});

let expected: ReturnType<typeof compute> | undefined;
const bruteForce = () => (expected ??= compute());

function compute() {
  const { compiled } = policyEntry(SHANGHAI);
  const c = pop.columns;
  const P = c.person;
  const area = { dibao: [0, 0], tekun: [0, 0], dibaoHouseholds: [0, 0] };
  const categories = [0, 0, 0, 0];
  let eligible = 0;
  let eligibleCovered = 0;
  let covered = 0;
  let coveredNotEligible = 0;
  const before = { head: 0, gap: 0, fgt2: 0 };
  let persons = 0;
  for (let h = 0; h < c.households; h++) {
    const json = householdJson(pop, h);
    const o = compiled.evaluate(json, { date: DATE }).outputs;
    const w = json.weight as number;
    const a = c.memberStart[h]!;
    const b = c.memberStart[h + 1]!;
    const members = b - a;
    persons += w * members;
    let income = 0;
    for (let p = a; p < b; p++) income += P.wage_income![p]! + P.business_income![p]! + P.property_income![p]! + P.transfer_income![p]! + P.basic_pension![p]!;
    income /= members;
    const draw = takeUpDraw(1, drawKey(String(json.household_id)), 'dibao');
    const dp = (o.dibao_persons as number) > 0 && draw < DEFAULT_TAKE_UP.dibao ? (o.dibao_persons as number) : 0;
    const tp = (o.tekun_persons as number) > 0 && draw < DEFAULT_TAKE_UP.tekun ? (o.tekun_persons as number) : 0;
    const hukou = c.household.hukou_area![h]!;
    if (dp > 0) {
      area.dibao[hukou]! += w * dp;
      area.dibaoHouseholds[hukou]! += w;
      // MCA categories over the household's members, scaled to the persons covered.
      const list: number[] = [];
      for (let p = a; p < b; p++) if (P.co_resident![p] && !P.excluded_status![p]) list.push(P.age![p]! >= 60 ? 0 : P.age![p]! < 18 ? 1 : P.disability_grade![p]! > 0 ? 2 : 3);
      for (const k of list) categories[k]! += (w * dp) / list.length;
    }
    if (tp > 0) area.tekun[hukou]! += w * tp;
    const isEligible = income < STANDARD;
    const isCovered = dp + tp > 0;
    if (isEligible) eligible += w * members;
    if (isEligible && isCovered) eligibleCovered += w * members;
    if (isCovered) covered += w * members;
    if (isCovered && !isEligible) coveredNotEligible += w * members;
    if (isEligible) {
      const g = 1 - income / STANDARD;
      before.head += w * members;
      before.gap += w * members * g;
      before.fgt2 += w * members * g * g;
    }
  }
  return { area, categories, eligible, eligibleCovered, covered, coveredNotEligible, before, persons };
}

describe('who is reached', () => {
  it('counts dibao and 特困 by the programme\'s area (the hukou\'s) and adds up to the totals', () => {
    const e = bruteForce();
    const r = result.reach!;
    expect(e.area.dibao[0]! + e.area.dibao[1]!).toBeGreaterThan(0);
    expectClose(r.by_area.dibao.urban.persons, e.area.dibao[0]!, 'urban dibao persons');
    expectClose(r.by_area.dibao.rural.persons, e.area.dibao[1]!, 'rural dibao persons');
    expectClose(r.by_area.tekun.urban.persons + r.by_area.tekun.rural.persons, e.area.tekun[0]! + e.area.tekun[1]!, '特困 persons');
    expectClose(r.by_area.dibao.urban.persons + r.by_area.dibao.rural.persons, result.programmes.dibao.persons, 'dibao persons = the programme total');
    expectClose(r.by_area.dibao.urban.annual_cost + r.by_area.dibao.rural.annual_cost, result.programmes.dibao.annual_cost, 'dibao cost = the programme total');
    const regions = r.by_region.reduce((s, g) => s + g.dibao.persons, 0);
    expectClose(regions, result.programmes.dibao.persons, 'dibao persons by region');
    // Persons per recipient household and payment per person follow from the totals.
    expectClose(r.recipients.dibao.persons_per_household, result.programmes.dibao.persons / result.programmes.dibao.households, 'persons per household');
    expectClose(r.recipients.dibao.payment_per_person, result.programmes.dibao.monthly_cost / result.programmes.dibao.persons, 'payment per person');
  });

  it('puts recipients in the MCA\'s categories (older persons first, then minors, then disabled)', () => {
    const e = bruteForce();
    const c = result.reach!.recipients.dibao.by_category;
    expectClose(c.elderly, e.categories[0]!, 'older persons', 1e-9);
    expectClose(c.minors, e.categories[1]!, 'minors', 1e-9);
    expectClose(c.disabled + c.other, e.categories[2]! + e.categories[3]!, 'disabled and other', 1e-9);
    expectClose(c.elderly + c.minors + c.disabled + c.other, result.programmes.dibao.persons, 'all categories');
  });

  it('measures targeting and poverty against true income and the household\'s own standard', () => {
    const e = bruteForce();
    const t = result.reach!.targeting!;
    expectClose(t.income_eligible_persons, e.eligible, 'income-eligible persons');
    expectClose(t.coverage, e.eligibleCovered / e.eligible, 'coverage');
    expectClose(t.exclusion_error, 1 - e.eligibleCovered / e.eligible, 'exclusion error');
    expectClose(t.inclusion_error, e.coveredNotEligible / e.covered, 'inclusion error');
    const p = result.reach!.poverty.dibao_line!;
    expectClose(p.before.headcount, e.before.head / e.persons, 'headcount before');
    expectClose(p.before.gap, e.before.gap / e.persons, 'gap before');
    expectClose(p.before.fgt2, e.before.fgt2 / e.persons, 'FGT2 before');
    // Assistance can only lower poverty; FGT2 ≤ gap ≤ headcount.
    expect(p.after.headcount).toBeLessThanOrEqual(p.before.headcount);
    expect(p.after.gap).toBeLessThan(p.before.gap);
    for (const m of [p.before, p.after]) {
      expect(m.fgt2).toBeLessThanOrEqual(m.gap);
      expect(m.gap).toBeLessThanOrEqual(m.headcount);
    }
  });

  it('places the relative line at 40% of the median income before assistance', () => {
    const e = bruteForce();
    const rel = result.reach!.poverty.relative_line;
    // The median from ¥20 bins: within a bin of the persons' median.
    const c = pop.columns;
    const list: [number, number][] = [];
    for (let h = 0; h < c.households; h++) {
      const a = c.memberStart[h]!;
      const b = c.memberStart[h + 1]!;
      let s = 0;
      for (let p = a; p < b; p++) s += c.person.wage_income![p]! + c.person.business_income![p]! + c.person.property_income![p]! + c.person.transfer_income![p]! + c.person.basic_pension![p]!;
      list.push([s / (b - a) / 100, c.household.weight![h]! * (b - a)]);
    }
    list.sort((x, y) => x[0] - y[0]);
    let acc = 0;
    const median = list.find(([, w]) => (acc += w) >= e.persons / 2)![0];
    expect(Math.abs(rel.median - median)).toBeLessThan(20);
    expectClose(rel.line, 0.4 * rel.median, 'the line', 1e-12);
    expect(rel.after.headcount).toBeLessThanOrEqual(rel.before.headcount);
    expect(rel.before.headcount).toBeGreaterThan(0);
  });
});
