/** The studio's coordinator worker, run here in Node: population, policies, comparisons, the explorer, explanations, cancellation. */
import { beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import { SimService, sourceKey } from '../../studio/sim/service.ts';
import { policyEntry, SHANGHAI } from '../support/simulator.ts';

const DATE = '2024-07-01';

describe('coordinator service', () => {
  const sim = new SimService();
  let key = '';

  beforeAll(async () => {
    const info = await sim.generate({ region: '310000', households: 5000, seed: 1, year: 2024 });
    expect(info.summary.records).toBe(5000);
    expect(info.calibration.rows.length).toBeGreaterThan(5);
    const e = policyEntry(SHANGHAI);
    key = await sim.setPolicy(e.source, e.ir);
  });

  it('keys policies by their source, loading each once', async () => {
    const e = policyEntry(SHANGHAI);
    expect(key).toBe(sourceKey(e.source));
    expect(await sim.setPolicy(e.source, e.ir)).toBe(key);
  });

  it('gives the values in force for the controls', async () => {
    const values = await sim.parameterValues(key, DATE, '310000');
    const standard = values.find((v) => v.id === 'dibao_standard')!;
    expect(standard.values).toEqual([1595, 1595]);
    expect(standard.entries).toEqual(['urban', 'rural']);
    expect(values.find((v) => v.id === 'basic_pension_counted')!.values).toEqual([false]);
    expect(values.find((v) => v.id === 'cpi_yoy')!.values).toEqual([0]);
    expect(values.find((v) => v.id === 'employment_deduction')!.values).toEqual(['fixed']);
    expect(typeof values.find((v) => v.id === 'rigid_hardship_from')!.values[0]).toBe('string');
  });

  it('compares a baseline with itself as exactly zero, and a higher standard as a cost', async () => {
    const same = await sim.compare({ policy: key, date: DATE }, { policy: key, date: DATE }, 1);
    expect(same.reforms[0]!.delta.annual_cost).toBe(0);
    const up = await sim.compare({ policy: key, date: DATE }, { policy: key, date: DATE, sets: { dibao_standard: '1800' } }, 2);
    expect(up.reforms[0]!.delta.annual_cost).toBeGreaterThan(0);
    const down = await sim.compare({ policy: key, date: DATE }, { policy: key, date: DATE, sets: { dibao_standard: '1400' } }, 3);
    expect(down.reforms[0]!.delta.annual_cost).toBeLessThan(0);
  });

  it('simulates one scenario the way a comparison sees its baseline', async () => {
    const one = await sim.simulate({ policy: key, date: DATE }, 4);
    const both = await sim.compare({ policy: key, date: DATE }, { policy: key, date: DATE }, 5);
    expect(one.annual_cost).toBe(both.baseline.annual_cost);
    expect(one.programmes.dibao.persons).toBeGreaterThan(0);
  });

  it('compares a saved scenario on its own population, then has the current one back', async () => {
    const up = { policy: key, date: DATE, sets: { dibao_standard: '1800' } };
    const here = await sim.compare({ policy: key, date: DATE }, up, 20);
    const spec = { region: '310000', households: 3000, seed: 7, year: 2024 };
    const there = await sim.compareOn(spec, { policy: key, date: DATE }, up, 21);
    // The same answer a service holding that population gives.
    const fresh = new SimService();
    await fresh.generate(spec);
    const e = policyEntry(SHANGHAI);
    const k = await fresh.setPolicy(e.source, e.ir);
    expect(there).toEqual(await fresh.compare({ policy: k, date: DATE }, up, 1));
    expect(there.baseline.annual_cost).not.toBe(here.baseline.annual_cost);
    // On the current population's own spec it is the plain comparison.
    expect(await sim.compareOn({ region: '310000', households: 5000, seed: 1, year: 2024 }, { policy: key, date: DATE }, up, 22)).toEqual(here);
    // Loaded back: the current population answers as before, and so does the explorer.
    expect(await sim.compare({ policy: key, date: DATE }, up, 23)).toEqual(here);
    expect((await sim.households({ policy: key, date: DATE }, {}, 0, 1)).total).toBe(5000);
    // A failure on the other population still loads the current one back.
    await expect(sim.compareOn(spec, { policy: 'nope', date: DATE }, up, 24)).rejects.toThrow(/no policy/);
    expect(await sim.compare({ policy: key, date: DATE }, up, 25)).toEqual(here);
  });

  it('runs under the behaviour assumptions given: take-up, imputed earnings', async () => {
    const base = { policy: key, date: DATE };
    const plain = await sim.compare(base, base, 30);
    const all = await sim.compare(base, base, 31, undefined, { takeUp: { dibao: 1 } });
    expect(all.baseline.programmes.dibao.annual_cost).toBeGreaterThan(plain.baseline.programmes.dibao.annual_cost);
    expect(all.reforms[0]!.delta.annual_cost).toBe(0);
    const imputed = await sim.compare(base, base, 32, undefined, { imputedEarnings: 3000 });
    expect(imputed.baseline.programmes.dibao.households).toBeLessThan(plain.baseline.programmes.dibao.households);
    // The sweep and the months run take them too.
    const sweep = await sim.sweep(base, 'dibao_standard', ['1595'], 33, undefined, { takeUp: { dibao: 1 } });
    expect(sweep.points[0]!.result.annual_cost).toBe(all.baseline.annual_cost);
    const m0 = await sim.months(base, 2, undefined, 34);
    const m1 = await sim.months(base, 2, undefined, 35, undefined, { takeUp: { dibao: 1 } });
    expect(m1.totals.cost).toBeGreaterThan(m0.totals.cost);
  });

  it('shows the households as assessed with imputed earnings: fewer covered, the imputed wage in the household', async () => {
    const base = { policy: key, date: DATE };
    const plain = await sim.households(base, { covered: true }, 0, 5000);
    const imputed = await sim.households(base, { covered: true }, 0, 5000, { imputedEarnings: 3000 });
    expect(imputed.total).toBeLessThan(plain.total);
    // A household that lost cover has a member assessed at ¥3000 a month it did not earn.
    const lost = plain.rows.find((r) => !imputed.rows.some((x) => x.index === r.index))!;
    const before = (await sim.household(lost.index)) as { members: { wage_income: number }[] };
    const after = (await sim.household(lost.index, { imputedEarnings: 3000 })) as { members: { wage_income: number }[] };
    const changed = after.members.filter((m, i) => m.wage_income !== before.members[i]!.wage_income);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((m) => m.wage_income === 3000)).toBe(true);
    // And back without: the recorded households again.
    expect((await sim.households(base, { covered: true }, 0, 1)).total).toBe(plain.total);
  });

  it('never starts a job cancelled while it waits', async () => {
    const slow = sim.sweep({ policy: key, date: DATE }, 'dibao_standard', ['1500', '1600', '1700'], 10);
    const queued = sim.compare({ policy: key, date: DATE }, { policy: key, date: DATE }, 11);
    sim.cancel(11);
    await expect(queued).rejects.toMatchObject({ name: 'Cancelled' });
    expect((await slow).points).toHaveLength(3);
  });

  it('pages and filters households', async () => {
    const all = await sim.households({ policy: key, date: DATE }, {}, 0, 10);
    expect(all.total).toBe(5000);
    expect(all.rows).toHaveLength(10);
    const covered = await sim.households({ policy: key, date: DATE }, { covered: true, area: 'urban' }, 0, 5);
    expect(covered.total).toBeGreaterThan(0);
    expect(covered.total).toBeLessThan(5000);
    expect(covered.rows.every((r) => r.covered && r.area === 'urban')).toBe(true);
    const poorest = await sim.households({ policy: key, date: DATE }, { decile: 1, size: 2 }, 0, 5);
    expect(poorest.rows.every((r) => r.decile === 1 && r.size === 2)).toBe(true);
    const next = await sim.households({ policy: key, date: DATE }, {}, 10, 10);
    expect(next.rows[0]!.index).toBe(10);
  });

  it('explains a household, and a what-if edit changes the answer', async () => {
    const page = await sim.households({ policy: key, date: DATE }, { covered: true }, 0, 1);
    const h = await sim.household(page.rows[0]!.index);
    const x = await sim.explain({ policy: key, date: DATE }, h);
    expect(x.error).toBeUndefined();
    expect(x.explanation!.nodes.map((n) => n.k)).toContain('dibao_benefit');
    expect(x.decision!.items[0]!.programme).toBe('dibao');
    const rich = { ...h, financial_assets: 10_000_000 };
    const y = await sim.explain({ policy: key, date: DATE }, rich);
    expect(y.outputs!.dibao_status).toBe('none');
    const bad = await sim.explain({ policy: key, date: DATE }, { ...h, area: 'moon' });
    expect(bad.error).toMatch(/area/);
  });

  it('explains the example household the way doudi eval does', async () => {
    const h = JSON.parse(fs.readFileSync('policies/shanghai/examples/household.json', 'utf8'));
    const x = await sim.explain({ policy: key, date: DATE, sets: { dibao_standard: '1700' } }, h);
    const e = policyEntry(SHANGHAI);
    expect(x.outputs).toEqual(e.compiled.evaluate(h, { date: DATE, sets: { dibao_standard: '1700' } }).outputs);
  });

  it('runs months', async () => {
    const m = await sim.months({ policy: key, date: DATE }, 2, [0.03], 20);
    expect(m.months).toHaveLength(2);
    expect(m.months[0]!.dibao_households).toBeGreaterThan(0);
  });
});
