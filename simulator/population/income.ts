/**
 * Income levels: per area and year, the Lorenz curve fitted to the national grouped data
 * (lorenz.ts), and per province the area means that scale it. A province's curve is the national
 * area curve at the province's own mean: the brief has no provincial quintiles, so the shape is
 * borrowed and the level is the province's (a limit said in the calibration report and the docs).
 */
import { fitLorenz, headcount, type LorenzFit } from './lorenz.ts';
import { yearTargets, type IncomeTargets, type YearTargets } from './targets.ts';
import { cityIncomeFactor, type Province } from './provinces.ts';

export type Area = 'urban' | 'rural';

export interface AreaCurves {
  readonly year: number;
  readonly targets: YearTargets;
  readonly urban: LorenzFit;
  readonly rural: LorenzFit;
  readonly national: LorenzFit;
  readonly notes: readonly string[];
}

/** The quintiles of an area and year, or, where the year has none, the shape of the last year that has. */
function grouped(t: IncomeTargets, shape: IncomeTargets) {
  return { mean: t.mean.value, median: t.median?.value, quintiles: (t.quintiles ?? shape.quintiles!).map((q) => q.value) };
}

// A cache of a pure function of the year (fitting takes some tens of milliseconds): the same year
// always gives the same curves, so sharing them between runs leaks nothing.
const cache = new Map<number, AreaCurves>();

export function areaCurves(year: number): AreaCurves {
  const hit = cache.get(year);
  if (hit) return hit;
  const { targets, note } = yearTargets(year);
  const notes = note ? [note] : [];
  const shape = yearTargets(2022).targets;
  if (!targets.urban.quintiles) notes.push(`${targets.year}: urban and rural quintiles are not published in the brief; their shape is 2022's (assumption)`);
  const curves: AreaCurves = {
    year,
    targets,
    urban: fitLorenz(grouped(targets.urban, shape.urban)),
    rural: fitLorenz(grouped(targets.rural, shape.rural)),
    national: fitLorenz(grouped(targets.national, shape.national)),
    notes,
  };
  cache.set(year, curves);
  return curves;
}

/** A province's per-capita disposable income by area in a year: its 2023 figure × the national growth. */
export function provinceMean(p: Province, year: number, area: Area): number {
  const now = yearTargets(year).targets[area].mean.value;
  const base = yearTargets(2023).targets[area].mean.value;
  return p.income2023[area].value * (now / base);
}

/**
 * Ratios of the standard to last year's consumption by area: the national average standards of
 * end 2024 (798.1 urban, 593.9 rural a month, brief §5 [S]) over the national consumption of 2023
 * (32,994 and 18,175 [M]): 29.0% and 39.2%, inside the ranges provinces use (brief §5: Zhejiang
 * 30–40%, Qinghai urban 30–40%, rural 35–45%). The same ratios give provinces.doudi's standards.
 */
export const STANDARD_RATIO = { urban: 0.29, rural: 0.39 } as const;

/**
 * The dibao standard the generator assumes for a province and area, yuan a month: last year's
 * consumption (the province's income × the national consumption-to-income ratio of the area) ×
 * the ratio above. Used only to place the generator's own lines (assistance inside survey income,
 * children too poor to support): the policy's standard is the policy's.
 */
export function assumedStandard(p: Province, year: number, area: Area): number {
  const t = yearTargets(year - 1).targets;
  const consumption = provinceMean(p, year - 1, area) * (t.consumption[area].value / t[area].mean.value);
  return (consumption / 12) * STANDARD_RATIO[area];
}

/**
 * Within a province, incomes spread less than across the country: the national area curve also
 * holds the differences between provinces. A province's incomes are the national shape with its
 * log-dispersion scaled by θ ≤ 1: y = mean × c × L'(U)^θ, c making the mean exact (for a log-normal
 * this is σ → θσ; the lower tail still reaches zero). θ is solved, per area and year, so that the
 * provinces together (each at its own mean, weighted by its residents in the area) give the
 * national area's published quintile shares: income evidence only.
 */
export interface Spread {
  readonly theta: number;
  /** c: 1 / ∫ L'(p)^θ dp */
  readonly scale: number;
  /** the provinces' mixture: (its quintile share − the published one) / the published one */
  readonly mixtureErrors: readonly number[];
}

const spreadCache = new Map<string, Spread>();
const GRID = 200;

export function provinceSpread(year: number, area: Area, provinces: readonly Province[]): Spread {
  const key = `${year}/${area}`;
  const hit = spreadCache.get(key);
  if (hit) return hit;
  const fit = areaCurves(year)[area];
  const slopes = Array.from({ length: GRID }, (_, k) => Math.max(0, fit.curve.slope((k + 0.5) / GRID)));
  const target = fit.quintiles.map((q) => q / fit.quintiles.reduce((a, b) => a + b, 0));
  const weights = provinces.map((p) => p.population.value * (area === 'urban' ? p.urbanShare.value : 1 - p.urbanShare.value));
  const means = provinces.map((p) => provinceMean(p, year, area));
  const evaluate = (theta: number) => {
    const scale = GRID / slopes.reduce((s, x) => s + x ** theta, 0);
    const points: [number, number][] = [];
    provinces.forEach((_, i) => {
      for (const s of slopes) points.push([means[i]! * scale * s ** theta, weights[i]! / GRID]);
    });
    points.sort((a, b) => a[0] - b[0]);
    const total = points.reduce((s, p) => s + p[1], 0);
    const sums = [0, 0, 0, 0, 0];
    let acc = 0;
    for (const [y, w] of points) {
      const k = Math.min(4, Math.floor(((acc + w / 2) / total) * 5));
      sums[k]! += y * w;
      acc += w;
    }
    const all = sums.reduce((a, b) => a + b, 0);
    const errors = sums.map((s, k) => s / all / target[k]! - 1);
    return { scale, errors, objective: errors.reduce((a, e) => a + e * e, 0) };
  };
  // Golden-section search on θ in [0.4, 1] (the objective is smooth and unimodal there).
  let lo = 0.4;
  let hi = 1;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 24; i++) {
    const a = hi - g * (hi - lo);
    const b = lo + g * (hi - lo);
    if (evaluate(a).objective < evaluate(b).objective) hi = b;
    else lo = a;
  }
  const theta = (lo + hi) / 2;
  const e = evaluate(theta);
  const spread = { theta, scale: e.scale, mixtureErrors: e.errors };
  spreadCache.set(key, spread);
  return spread;
}

/**
 * The share of a province's persons in an area below `line` (yuan a year): its curve is mean × c ×
 * L'^θ, each city's at the city's mean where the province has a city table (a mixture over the
 * cities by their shares of households), or one city's when `city` is given.
 */
export function provinceHeadcount(p: Province, year: number, area: Area, line: number, provinces: readonly Province[], city?: string): number {
  const s = provinceSpread(year, area, provinces);
  const mean = provinceMean(p, year, area);
  const at = (factor: number) => headcount(areaCurves(year)[area].curve, 1, (line / (mean * factor * s.scale)) ** (1 / s.theta));
  if (city !== undefined || !p.cities) return at(city === undefined ? 1 : cityIncomeFactor(p, city, area));
  const total = p.cities.reduce((a, c) => a + c.share, 0);
  return p.cities.reduce((a, c) => a + c.share * at(cityIncomeFactor(p, c.code, area)), 0) / total;
}

/**
 * A province's quintile means over its mean under the spread: the same for every province of an
 * area, unless the province has a city table, whose cities' means make a mixture.
 */
export function provinceQuintileRatios(year: number, area: Area, provinces: readonly Province[], province?: Province): number[] {
  const s = provinceSpread(year, area, provinces);
  const curve = areaCurves(year)[area].curve;
  const steps = 2000;
  const cities = province?.cities ?? [{ code: '', share: 1, income: 1 }];
  const points: [number, number][] = [];
  for (const c of cities) {
    const factor = province?.cities ? cityIncomeFactor(province, c.code, area) : 1;
    for (let i = 0; i < steps; i++) points.push([factor * s.scale * Math.max(0, curve.slope((i + 0.5) / steps)) ** s.theta, c.share / steps]);
  }
  points.sort((a, b) => a[0] - b[0]);
  const total = points.reduce((a, p) => a + p[1], 0);
  const sums = [0, 0, 0, 0, 0];
  const weights = [0, 0, 0, 0, 0];
  let acc = 0;
  let mean = 0;
  for (const [y, w] of points) {
    const k = Math.min(4, Math.floor(((acc + w / 2) / total) * 5));
    sums[k]! += y * w;
    weights[k]! += w;
    mean += y * w;
    acc += w;
  }
  mean /= total;
  return sums.map((x, k) => x / weights[k]! / mean);
}
