/**
 * doudi validate: every published figure of brief §7 gets a row — simulated, published, ratio, the
 * goal of issue 10 where there is one, and a cause when the gap is not small — in text and JSON.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { PUBLISHED_FIGURES, VALIDATION_RUNS, type ValidationRow } from '../../simulator/index.ts';
import { cli, type CliRun } from '../support/simulator.ts';

let json: CliRun;
let text: CliRun;
beforeAll(async () => {
  json = await cli(['validate', '--households', '4000', '--workers', '1', '--json']);
  text = await cli(['validate', '--households', '4000', '--workers', '1']);
}, 240_000);

describe('doudi validate', () => {
  it('gives a row for every published figure, with the ratio and the goal', () => {
    expect(json.code, json.err).toBe(0);
    const out = JSON.parse(json.out) as { households: number; runs: unknown[]; rows: ValidationRow[] };
    expect(out.households).toBe(4000);
    expect(out.runs).toHaveLength(VALIDATION_RUNS.length);
    expect(out.rows.map((r) => r.id)).toEqual(PUBLISHED_FIGURES.map((f) => f.id));
    for (const r of out.rows) {
      expect(Number.isFinite(r.simulated), r.id).toBe(true);
      expect(r.simulated, r.id).toBeGreaterThan(0);
      expect(r.ratio).toBeCloseTo(r.simulated / r.published, 12);
      expect(r.cause.length).toBeGreaterThan(0);
      const f = PUBLISHED_FIGURES.find((x) => x.id === r.id)!;
      expect(r.goal !== undefined).toBe(f.goal !== undefined);
      if (r.goal && f.goal?.kind === 'ratio') expect(r.goal.met).toBe(Math.abs(r.ratio - 1) <= f.goal.within);
      if (r.goal && f.goal?.kind === 'range') expect(r.goal.met).toBe(r.simulated >= f.goal.lo && r.simulated <= f.goal.hi);
    }
    // The goals of issue 10 are all there: urban and rural dibao, 特困, persons per household,
    // the older share, Zhejiang and Guangdong.
    expect(out.rows.filter((r) => r.goal).map((r) => r.id)).toEqual(['urban-dibao-2024', 'rural-dibao-2024', 'tekun-2023', 'persons-per-household', 'elderly-share', 'zhejiang-dibao-2021', 'guangdong-dibao-2023']);
  });

  it('prints the same rows as text and says that published figures are compared, never targets', () => {
    expect(text.code, text.err).toBe(0);
    for (const f of PUBLISHED_FIGURES) expect(text.out).toContain(f.name);
    expect(text.out).toContain('never used to set an assumption');
    expect(text.out).toMatch(/goal within ±30%: (met|NOT met)/);
  });

  it('refuses bad options with a usage error', async () => {
    const r = await cli(['validate', '--households', 'many']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--households many');
    const extra = await cli(['validate', 'policies/national/model.doudi']);
    expect(extra.code).toBe(2);
  });
});
