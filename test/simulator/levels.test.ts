/**
 * Who pays: each payment split between central, provincial, city and county budgets exactly as the
 * framework splits a household's total (central_cost … county_cost), summed like every other result;
 * a reform's change by level and its net cost to the province.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { emitModule, evaluateHousehold, readHousehold, rational as Q, LANGUAGE_VERSION } from '../../language/index.ts';
import { expectClean, rules } from '../support/policies.ts';
import { LEVELS, PROGRAMMES, Simulator, generatePopulation, householdJson, share, splitCost, type LevelShares, type Population, type Scenario } from '../../simulator/index.ts';
import { SHANGHAI, cli, expectClose, policyEntry } from '../support/simulator.ts';

const DATE = '2024-07-01';
const MODEL = 'policies/national/model.doudi';

describe('the split of one payment', () => {
  it('rounds half away from zero in integers', () => {
    expect(share(101, 3, 10)).toBe(30); // 30.3
    expect(share(105, 1, 10)).toBe(11); // 10.5
    expect(share(-105, 1, 10)).toBe(-11);
    expect(share(0, 3, 10)).toBe(0);
  });

  it('agrees with the framework’s central_cost … county_cost on every household of a population, to the fen', () => {
    const { ir } = policyEntry(MODEL);
    // Households in the east, centre and west blocks and the national default (different central shares).
    const regions = ['310000', '420000', '510000', '100000'];
    const pop = generatePopulation({ region: '100000', year: 2024, households: 800, seed: 3 });
    let checked = 0;
    for (let h = 0; h < pop.columns.households; h++) {
      const json = householdJson({ columns: pop.columns }, h);
      json.region = regions[h % regions.length];
      const hh = readHousehold(json).household!;
      const r = evaluateHousehold(ir, hh, { date: DATE, sets: { cpi_yoy: Q.rat(4, 100) }, targets: ['central_cost', 'provincial_cost', 'city_cost', 'county_cost'] });
      const total = r.values.total_monthly as Q.Rational;
      if (Q.isZero(total)) continue;
      // The shares of the household's region, as compiled code resolves them.
      const fen = Number(Q.mul(total, Q.rat(100)).n);
      const module = policyEntry(MODEL).compiled;
      const params = module.resolveParameters({ date: DATE, sets: { cpi_yoy: '0.04' } }, [String(json.region)]);
      const shares: LevelShares = {
        n: [params.n.central_share!, params.n.provincial_share!, params.n.city_share!],
        d: [params.d.central_share!, params.d.provincial_share!, params.d.city_share!],
      };
      const out = new Float64Array(4);
      splitCost(fen, 0, shares, out);
      const want = ['central_cost', 'provincial_cost', 'city_cost', 'county_cost'].map((id) => Number(Q.mul(r.values[id] as Q.Rational, Q.rat(100)).n));
      expect([...out], `household ${json.household_id} in ${json.region}`).toEqual(want);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('cost by level in a simulation', () => {
  const pop: Population = { columns: generatePopulation({ region: '310000', year: 2024, households: 3000, seed: 11 }).columns };
  const SETS = { cpi_yoy: '4%' };
  let sim: Simulator;
  beforeAll(async () => {
    sim = new Simulator();
    await sim.setPopulation(pop.columns);
    await sim.addPolicy('sh', policyEntry(SHANGHAI));
  });

  it('adds up to the cost of every programme, and matches splitting each household’s payments by hand', async () => {
    const take = { dibao: 1, tekun: 1, price: 1, temporary: 1, expenditure: 1 };
    const r = await sim.simulate({ policy: 'sh', date: DATE, sets: SETS }, { takeUp: take });
    const b = r.by_level!;
    expect(b).toBeDefined();
    for (const p of PROGRAMMES) expectClose(LEVELS.reduce((s, l) => s + b.by_programme[p][l], 0), r.programmes[p].annual_cost, `${p} by level`);
    expectClose(LEVELS.reduce((s, l) => s + b.annual[l], 0), r.annual_cost, 'annual by level');
    expectClose(LEVELS.reduce((s, l) => s + b.monthly[l], 0), r.monthly_cost, 'monthly by level');
    expectClose(b.local_annual, b.annual.provincial + b.annual.city + b.annual.county, 'local');
    // By hand: every household through the compiled module, each programme's payment split in fen.
    const { compiled } = policyEntry(SHANGHAI);
    const params = compiled.resolveParameters({ date: DATE, sets: { cpi_yoy: '0.04' } }, ['310000']);
    const shares: LevelShares = { n: [params.n.central_share!, params.n.provincial_share!, params.n.city_share!], d: [params.d.central_share!, params.d.provincial_share!, params.d.city_share!] };
    const sums = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<(typeof LEVELS)[number], number>;
    const out = new Float64Array(4);
    for (let h = 0; h < pop.columns.households; h++) {
      const json = householdJson(pop, h);
      const o = compiled.evaluate(json, { date: DATE, sets: SETS }).outputs;
      const w = json.weight as number;
      for (const [id, yearly] of [['dibao_benefit', false], ['tekun_benefit', false], ['price_subsidy', false], ['temporary_assistance', false], ['expenditure_assistance', true]] as const) {
        const fen = Math.round((o[id] as number) * 100);
        if (fen === 0) continue;
        splitCost(fen, 0, shares, out);
        LEVELS.forEach((l, i) => (sums[l] += (w * out[i]! * (yearly ? 1 : 12)) / 100));
      }
    }
    for (const l of LEVELS) expectClose(b.annual[l], sums[l], `annual ${l}`);
    // Shanghai is in the east block: 30 % central.
    expect(b.annual.central / r.annual_cost).toBeCloseTo(0.3, 3);
  });

  it('a reform of who pays changes the levels, not the total, and gives the net cost to the province', async () => {
    const base: Scenario = { policy: 'sh', date: DATE, sets: SETS };
    const c = await sim.compare(base, [{ name: 'central 50%', scenario: { ...base, sets: { ...SETS, central_share: '50%' } } }]);
    const d = c.reforms[0]!.delta;
    expect(d.annual_cost).toBe(0);
    expect(d.by_level!.annual.central).toBeGreaterThan(0);
    expect(d.net_cost_to_province).toBeLessThan(0);
    expectClose(d.net_cost_to_province!, -d.by_level!.annual.central, 'what the centre pays more, the province pays less');
    expectClose(d.net_cost_to_province!, c.reforms[0]!.reform.by_level!.local_annual - c.baseline.by_level!.local_annual, 'net cost');
  });

  it('a policy without the shares has no split', async () => {
    const ir = expectClean(rules`output dibao_benefit : money/month [d] = ¥100
output dibao_persons : integer [d] = 1`);
    const s = new Simulator();
    await s.setPopulation(pop.columns);
    await s.addPolicy('t', { ir, source: emitModule(ir, { version: LANGUAGE_VERSION }) });
    const r = await s.simulate({ policy: 't', date: DATE, sets: {} });
    expect(r.programmes.dibao.annual_cost).toBeGreaterThan(0);
    expect(r.by_level).toBeUndefined();
  });
});

describe('doudi simulate and compare', () => {
  it('give the cost by level in JSON and text, and a reform’s net cost to the province as one figure', async () => {
    const s = await cli(['simulate', SHANGHAI, '--date', DATE, '--households', '3000', '--json']);
    expect(s.code, s.err).toBe(0);
    const r = JSON.parse(s.out);
    expect(Object.keys(r.by_level.annual)).toEqual(['central', 'provincial', 'city', 'county']);
    expectClose(r.by_level.annual.central + r.by_level.local_annual, r.annual_cost, 'levels add up');
    const c = await cli(['compare', SHANGHAI, '--reform-set', 'dibao_standard=1700', '--date', DATE, '--households', '3000', '--json']);
    const j = JSON.parse(c.out);
    expect(j.delta.net_cost_to_province).toBeGreaterThan(0);
    expectClose(j.delta.net_cost_to_province, j.delta.annual_cost - j.delta.by_level.annual.central, 'net of the central subsidy');
    const t = await cli(['compare', SHANGHAI, '--reform-set', 'dibao_standard=1700', '--date', DATE, '--households', '3000']);
    expect(t.out).toMatch(/net cost to the province 省级及以下净增支出: \+¥[\d.]+ 亿 a year/);
    expect(t.out).toMatch(/who pays a year: central 中央 ¥/);
  });
});
