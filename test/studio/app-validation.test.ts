/**
 * The studio's validation run (studio/sim/validation.ts) in the coordinator, here in Node: the same
 * rows as doudi validate, and the current population loaded back afterwards.
 */
import { describe, expect, it } from 'vitest';
import { SimService } from '../../studio/sim/service.ts';
import { PUBLISHED_FIGURES, VALIDATION_RUNS } from '../../simulator/index.ts';
import { policyEntry, SHANGHAI } from '../support/simulator.ts';

describe('the studio\'s validation', () => {
  it('gives a row for every published figure and leaves the current population as it was', async () => {
    const sim = new SimService();
    await sim.generate({ region: '310000', households: 2000, seed: 1, year: 2024 });
    const e = policyEntry(SHANGHAI);
    const key = await sim.setPolicy(e.source, e.ir);
    const before = await sim.simulate({ policy: key, date: '2024-07-01' }, 1);
    const policies = Object.fromEntries([...new Set(VALIDATION_RUNS.map((r) => r.policy))].map((p) => [p, policyEntry(p)]));
    const progress: number[] = [];
    const rows = await sim.validate(policies, 3000, 2, (d, t) => progress.push(d / t));
    expect(rows.map((r) => r.id)).toEqual(PUBLISHED_FIGURES.map((f) => f.id));
    for (const r of rows) expect(Number.isFinite(r.ratio)).toBe(true);
    expect(progress.length).toBeGreaterThan(0);
    expect(Math.max(...progress)).toBeCloseTo(1, 6);
    // The Shanghai population is back: the same run gives the same result.
    const after = await sim.simulate({ policy: key, date: '2024-07-01' }, 3);
    expect(after).toEqual(before);
  }, 120_000);
});
