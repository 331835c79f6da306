/**
 * What the simulator sums is what evaluating each household on its own and applying the take-up
 * rule gives; breakdowns add up to the totals; comparisons use common random numbers, so a reform
 * that changes nothing changes nothing, and a sweep point is the same run as a comparison's reform.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { DEFAULT_TAKE_UP, PROGRAMMES, Simulator, drawKey, generatePopulation, householdJson, institutionRatio, provinceHouseholds, provinceOf, takeUpDraw, type Population, type Programme, type Scenario, type SimulationResult, type TakeUp } from '../../simulator/index.ts';
import { SHANGHAI, expectClose, policyEntry } from '../support/simulator.ts';

const SEED = 7;
const pop: Population = { columns: generatePopulation({ region: '310000', year: 2024, households: 3000, seed: SEED }).columns };
const DATE = '2024-07-01';
// A CPI rise above the 3.5 % trigger, so that the price subsidy is paid and split.
const SETS = { cpi_yoy: '4%' };
const scenario: Scenario = { policy: 'sh', date: DATE, sets: SETS };

let sim: Simulator;
beforeAll(async () => {
  sim = new Simulator();
  await sim.setPopulation(pop.columns);
  await sim.addPolicy('sh', policyEntry(SHANGHAI));
});

interface Expected {
  households: number;
  persons: number;
  /** fen as paid (a month; a year for 支出型 assistance) */
  cost: number;
}

/** The totals by brute force: each household through the compiled module's evaluate, then the take-up rule of accumulate.ts. */
function bruteForce(take: TakeUp, seed: number): Record<Programme, Expected> {
  const { compiled } = policyEntry(SHANGHAI);
  const sums = Object.fromEntries(PROGRAMMES.map((p) => [p, { households: 0, persons: 0, cost: 0 }])) as Record<Programme, Expected>;
  const add = (p: Programme, w: number, persons: number, fen: number) => {
    sums[p].households += w;
    sums[p].persons += w * persons;
    sums[p].cost += w * fen;
  };
  const c = pop.columns;
  for (let h = 0; h < c.households; h++) {
    const json = householdJson(pop, h);
    const o = compiled.evaluate(json, { date: DATE, sets: SETS }).outputs;
    const fen = (id: string) => Math.round((o[id] as number) * 100);
    const w = json.weight as number;
    const members = (json.members as unknown[]).length;
    const key = drawKey(String(json.household_id)); // draws are keyed by the household's id
    const regular = takeUpDraw(seed, key, 'dibao'); // dibao and 特困 share one draw
    const dp = o.dibao_persons as number;
    const tp = o.tekun_persons as number;
    const dibao = dp > 0 && regular < take.dibao;
    const tekun = tp > 0 && regular < take.tekun;
    if (dibao) add('dibao', w, dp, fen('dibao_benefit'));
    if (tekun) add('tekun', w, tp, fen('tekun_benefit'));
    const price = fen('price_subsidy');
    if (price > 0) {
      const entitled = dp + tp;
      const claimed = (dibao ? dp : 0) + (tekun ? tp : 0);
      if (entitled > 0) {
        const paid = Math.round((price * claimed) / entitled);
        if (paid > 0) add('price', w, claimed, paid);
      } else if (regular < take.dibao) add('price', w, members, price);
    }
    const temporary = fen('temporary_assistance');
    if (temporary > 0 && takeUpDraw(seed, key, 'temporary') < take.temporary) add('temporary', w, members, temporary);
    const expenditure = fen('expenditure_assistance');
    if (expenditure > 0 && takeUpDraw(seed, key, 'expenditure') < take.expenditure) add('expenditure', w, members, expenditure);
  }
  return sums;
}

function expectTotals(r: SimulationResult, expected: Record<Programme, Expected>): void {
  let annual = 0;
  for (const p of PROGRAMMES) {
    const t = r.programmes[p];
    const e = expected[p];
    expectClose(t.households, e.households, `${p} households`);
    expectClose(t.persons, e.persons, `${p} persons`);
    const yearly = p === 'expenditure';
    expectClose(t.annual_cost, yearly ? e.cost / 100 : (e.cost * 12) / 100, `${p} annual cost`);
    expectClose(t.monthly_cost, yearly ? e.cost / 1200 : e.cost / 100, `${p} monthly cost`);
    annual += yearly ? e.cost / 100 : (e.cost * 12) / 100;
  }
  expectClose(r.annual_cost, annual, 'annual cost');
}

describe('aggregates against brute force', () => {
  it('every programme has cases in this population (the comparison is not vacuous)', async () => {
    const r = await sim.simulate(scenario, { seed: SEED });
    for (const p of PROGRAMMES) expect(r.programmes[p].households, p).toBeGreaterThan(0);
    expect(r.errors.records).toBe(0);
    expect(r.records).toBe(3000);
  });

  it('the default take-up gives the brute-force totals', async () => {
    const r = await sim.simulate(scenario, { seed: SEED });
    expectTotals(r, bruteForce(DEFAULT_TAKE_UP, SEED));
  });

  it('other take-up rates and another draw seed give the brute-force totals', async () => {
    const take: TakeUp = { dibao: 0.3, tekun: 0.5, temporary: 0.9, expenditure: 0.7 };
    const r = await sim.simulate(scenario, { seed: 99, takeUp: take });
    expectTotals(r, bruteForce(take, 99));
    // A different seed of the draws is a different result.
    const d = await sim.simulate(scenario, { seed: 100, takeUp: take });
    expect(d.programmes.dibao.households).not.toBe(r.programmes.dibao.households);
  });

  it('breakdowns by area, region, size and decile add up to the totals', async () => {
    const r = await sim.simulate(scenario, { seed: SEED });
    const covered = r.programmes.dibao.households + r.programmes.tekun.households;
    for (const [name, groups] of [
      ['by_area', r.by_area],
      ['by_region', r.by_region],
      ['by_size', r.by_size],
      ['by_decile', r.by_decile],
    ] as const) {
      const sum = (f: (g: (typeof groups)[number]) => number) => groups.reduce((s, g) => s + f(g), 0);
      expectClose(sum((g) => g.households), r.households, `${name} households`);
      expectClose(sum((g) => g.persons), r.persons, `${name} persons`);
      expectClose(sum((g) => g.monthly_cost), r.monthly_cost, `${name} monthly cost`);
      expectClose(sum((g) => g.annual_cost), r.annual_cost, `${name} annual cost`);
      for (const p of PROGRAMMES) expectClose(sum((g) => g.annual_cost_by_programme[p]), r.programmes[p].annual_cost, `${name} ${p}`);
      // households with dibao or 特困: at most the sum of the two, at least the larger
      const c = sum((g) => g.covered_households);
      expect(c).toBeLessThanOrEqual(covered * (1 + 1e-9));
      expect(c).toBeGreaterThanOrEqual(Math.max(r.programmes.dibao.households, r.programmes.tekun.households) * (1 - 1e-9));
    }
    expect(r.by_decile).toHaveLength(10);
    expect(r.by_size.map((g) => g.key)).toEqual(['1', '2', '3', '4', '5', '6+']);
    expect(r.by_region.map((g) => g.key)).toEqual(['310000']);
    // deciles are tenths of persons
    for (const g of r.by_decile) expect(g.persons / r.persons).toBeCloseTo(0.1, 1);
    // the province table's households (population ÷ household size, scaled to the census total) and the residents of institutions beside them
    expectClose(r.households, provinceHouseholds(provinceOf('310000')!) * (1 + institutionRatio(provinceOf('310000')!)), 'real households');
  });

  it('take-up 1 for every programme gives at least what the default gives', async () => {
    const all: TakeUp = { dibao: 1, tekun: 1, temporary: 1, expenditure: 1 };
    const full = await sim.simulate(scenario, { seed: SEED, takeUp: all });
    const base = await sim.simulate(scenario, { seed: SEED });
    for (const p of PROGRAMMES) {
      expect(full.programmes[p].households, p).toBeGreaterThanOrEqual(base.programmes[p].households);
      expect(full.programmes[p].persons, p).toBeGreaterThanOrEqual(base.programmes[p].persons);
      expect(full.programmes[p].annual_cost, p).toBeGreaterThanOrEqual(base.programmes[p].annual_cost);
    }
    expect(full.programmes.dibao.households).toBeGreaterThan(base.programmes.dibao.households);
    expect(full.annual_cost).toBeGreaterThan(base.annual_cost);
    expectTotals(full, bruteForce(all, SEED));
  });
});

/** Every number in a value, with its path. */
function numbers(x: unknown, path = ''): [string, number][] {
  if (typeof x === 'number') return [[path, x]];
  if (Array.isArray(x)) return x.flatMap((v, i) => numbers(v, `${path}[${i}]`));
  if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => numbers(v, path ? `${path}.${k}` : k));
  return [];
}

describe('common random numbers', () => {
  const base: Scenario = { policy: 'sh', date: DATE };

  it('a reform that is the baseline changes nothing, exactly', async () => {
    const c = await sim.compare(base, [{ name: 'same', scenario: { policy: 'sh', date: DATE } }], { seed: SEED });
    const r = c.reforms[0]!;
    expect(r.reform).toEqual(c.baseline);
    const nonzero = numbers(r.delta).filter(([, v]) => v !== 0);
    expect(nonzero).toEqual([]);
    expect(numbers(r.delta).length).toBeGreaterThan(100);
    expect(r.changes.newly_covered).toEqual({ households: 0, persons: 0 });
    expect(r.changes.no_longer_covered).toEqual({ households: 0, persons: 0 });
    expect(r.changes.winners_losers).toEqual({ lose_more_than_5pct: 0, lose: 0, no_change: c.baseline.households, gain: 0, gain_more_than_5pct: 0 });
    for (const d of r.changes.by_decile) {
      expect(d.bands.no_change).toBeGreaterThan(0);
      expect([d.bands.lose_more_than_5pct, d.bands.lose, d.bands.gain, d.bands.gain_more_than_5pct]).toEqual([0, 0, 0, 0]);
      expect(d.average_change).toBe(0);
      expect(d.relative_change).toBe(0);
    }
  });

  it('the same policy loaded under another key is the same too', async () => {
    await sim.addPolicy('sh2', policyEntry(SHANGHAI));
    const c = await sim.compare(base, [{ name: 'copy', scenario: { policy: 'sh2', date: DATE } }], { seed: SEED });
    expect(numbers(c.reforms[0]!.delta).filter(([, v]) => v !== 0)).toEqual([]);
    expect(c.reforms[0]!.changes.winners_losers.no_change).toBe(c.baseline.households);
    await sim.removePolicy('sh2');
  });

  it('raising dibao_standard to ¥1,800 costs more and covers more households', async () => {
    const c = await sim.compare(base, [{ name: 'raise', scenario: { policy: 'sh', date: DATE, sets: { dibao_standard: '1800' } } }], { seed: SEED });
    const r = c.reforms[0]!;
    expect(r.delta.annual_cost).toBeGreaterThan(0);
    expect(r.delta.programmes.dibao.annual_cost).toBeGreaterThan(0);
    expect(r.delta.programmes.dibao.households).toBeGreaterThan(0);
    expect(r.changes.newly_covered.households).toBeGreaterThan(0);
    expect(r.changes.newly_covered.persons).toBeGreaterThanOrEqual(r.changes.newly_covered.households);
    // dibao and 特困 share one take-up draw: nobody who claimed loses cover when the standard rises
    expect(r.changes.no_longer_covered.households).toBe(0);
    const w = r.changes.winners_losers;
    expect(w.gain + w.gain_more_than_5pct).toBeGreaterThan(0);
    expectClose(w.lose_more_than_5pct + w.lose + w.no_change + w.gain + w.gain_more_than_5pct, c.baseline.households, 'bands');
    // the delta is reform − baseline
    expect(r.delta.annual_cost).toBe(r.reform.annual_cost - c.baseline.annual_cost);
    // newly covered households are the change in covered households (no one left)
    const coveredOf = (x: SimulationResult) => x.by_area.reduce((s, g) => s + g.covered_households, 0);
    expectClose(r.changes.newly_covered.households, coveredOf(r.reform) - coveredOf(c.baseline), 'newly covered');
  });
});

describe('compare and sweep agree', () => {
  it('a sweep point is exactly the reform of a comparison with the same setting', async () => {
    const base: Scenario = { policy: 'sh', date: DATE, sets: SETS };
    const behaviour = { seed: SEED, takeUp: { dibao: 0.7 } };
    const s = await sim.sweep(base, 'dibao_standard', ['1600', '1800', '¥2000'], behaviour);
    expect(s.unit).toBe('money/month');
    expect(s.points.map((p) => p.x)).toEqual([1600, 1800, 2000]);
    expect(s.points[0]!.marginal_cost).toBeNull();
    for (const [i, value] of ['1800', '¥2000'].entries()) {
      const c = await sim.compare(base, [{ name: value, scenario: { ...base, sets: { ...SETS, dibao_standard: value } } }], behaviour);
      expect(s.points[i + 1]!.result).toEqual(c.reforms[0]!.reform);
      expect(s.points[i + 1]!.result).not.toEqual(c.baseline);
    }
    // the marginal cost is per ¥10 between neighbouring points
    const [a, b] = [s.points[0]!, s.points[1]!];
    expectClose(b.marginal_cost!, ((b.result.annual_cost - a.result.annual_cost) / 200) * 10, 'marginal cost');
    // and a simulate with the setting is the same again
    expect(await sim.simulate({ ...base, sets: { ...SETS, dibao_standard: '1800' } }, behaviour)).toEqual(s.points[1]!.result);
  });
});
