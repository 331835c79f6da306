/**
 * Income distributions from grouped data (simulator/population/lorenz.ts): the fit answers to the
 * published quintiles, is a valid Lorenz curve reaching down to zero, and its poverty measures
 * agree with a distribution whose headcounts are known.
 */
import { describe, it, expect } from 'vitest';
import { fitLorenz, headcount, normalCdf, normalQuantile, povertyMeasures } from '../../simulator/index.ts';

const NATIONAL_2022 = { mean: 36883, median: 31370, quintiles: [8601, 19303, 30598, 47397, 90116] };
const RURAL_2022 = { mean: 20133, median: 17734, quintiles: [5025, 11965, 17451, 24646, 46075] };
const FUJIAN_URBAN_2021 = { mean: 56153, quintiles: [20897, 35281, 48780, 65668, 117539] };

/** Quintile means of a log-normal with median 1 and log-sd σ (exact: E[X | quantile band]). */
function lognormalGrouped(sigma: number) {
  const mean = Math.exp((sigma * sigma) / 2);
  const quintiles = [0, 1, 2, 3, 4].map((k) => {
    const a = k === 0 ? -Infinity : normalQuantile(k / 5);
    const b = k === 4 ? Infinity : normalQuantile((k + 1) / 5);
    // E[X 1{a<Z<b}] = mean × (Φ(b − σ) − Φ(a − σ)); divide by 0.2.
    const cdf = (x: number) => (x === Infinity ? 1 : x === -Infinity ? 0 : normalCdf(x));
    return (mean * (cdf(b - sigma) - cdf(a - sigma))) / 0.2;
  });
  return { mean, median: 1, quintiles };
}

describe('Lorenz fit to grouped data', () => {
  it('fits the national quintiles of 2022 within a few per cent, with a true lower tail', () => {
    const fit = fitLorenz(NATIONAL_2022);
    for (const e of fit.quintileErrors) expect(Math.abs(e)).toBeLessThan(0.04);
    expect(Math.abs(fit.medianError!)).toBeLessThan(0.08);
    // Reaches down to zero: no floor at a knot, as the five-knot function had.
    expect(fit.floor).toBeLessThan(0.02 * NATIONAL_2022.mean);
    expect(fit.curve.slope(0.001)).toBeLessThan(0.1);
    // Fitted quintile means add up to five times the mean.
    expect(fit.quintiles.reduce((a, b) => a + b, 0) / 5).toBeCloseTo(NATIONAL_2022.mean, 0);
  });

  it('keeps only valid curves and says which form it rejected and why', () => {
    for (const g of [NATIONAL_2022, RURAL_2022, FUJIAN_URBAN_2021]) {
      const fit = fitLorenz(g);
      expect(['general-quadratic', 'beta']).toContain(fit.curve.form);
      expect(fit.rejected).toHaveLength(1);
      expect(fit.rejected[0]!.form).not.toBe(fit.curve.form);
      // L' is non-negative and non-decreasing above the 0.1st percentile; L(0) = 0, L(1) = 1.
      let last = 0;
      for (let p = 0.001; p < 0.999; p += 0.001) {
        const s = fit.curve.slope(p);
        expect(s).toBeGreaterThanOrEqual(last - 1e-9);
        last = s;
      }
      expect(fit.curve.lorenz(0)).toBe(0);
      expect(fit.curve.lorenz(1)).toBe(1);
    }
    // Fujian's urban quintiles: the General Quadratic fits them but puts nobody below a fifth of
    // the mean (a floor); the Beta curve reaches down to zero and is kept.
    const fj = fitLorenz(FUJIAN_URBAN_2021);
    expect(fj.curve.form).toBe('beta');
    expect(fj.rejected[0]!.floor).toBeGreaterThan(0.1 * FUJIAN_URBAN_2021.mean);
  });

  it('recovers the headcounts of a log-normal from its quintile means', () => {
    for (const sigma of [0.6, 0.8]) {
      const g = lognormalGrouped(sigma);
      const fit = fitLorenz(g);
      for (const line of [0.3, 0.5, 1, 2]) {
        const truth = normalCdf(Math.log(line) / sigma);
        expect(Math.abs(headcount(fit.curve, g.mean, line) - truth), `σ ${sigma}, line ${line}`).toBeLessThan(0.02);
      }
    }
  });

  it('gives poverty measures that order as they must (FGT2 ≤ gap ≤ headcount, all rising with the line)', () => {
    const fit = fitLorenz(RURAL_2022);
    let last = { headcount: 0, gap: 0, fgt2: 0 };
    for (const line of [2000, 5000, 8000, 12000]) {
      const m = povertyMeasures(fit.curve, RURAL_2022.mean, line);
      expect(m.fgt2).toBeLessThanOrEqual(m.gap + 1e-12);
      expect(m.gap).toBeLessThanOrEqual(m.headcount);
      expect(m.headcount).toBeGreaterThan(last.headcount);
      expect(m.gap).toBeGreaterThan(last.gap);
      last = m;
    }
    expect(povertyMeasures(fit.curve, RURAL_2022.mean, 0)).toEqual({ headcount: 0, gap: 0, fgt2: 0 });
  });

  it('refuses grouped data that cannot be a distribution, naming what is wrong', () => {
    expect(() => fitLorenz({ mean: 100, quintiles: [1, 2, 3] })).toThrow(/five increasing positive quintile means/);
    expect(() => fitLorenz({ mean: 100, quintiles: [5, 4, 3, 2, 1] })).toThrow(/five increasing/);
    expect(() => fitLorenz({ mean: 0, quintiles: [1, 2, 3, 4, 5] })).toThrow(/positive mean/);
  });
});
