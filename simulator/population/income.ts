/**
 * Income levels: per area and year, the Lorenz curve fitted to the national grouped data
 * (lorenz.ts), and per province the area means that scale it. A province's curve is the national
 * area shape at the province's own mean, its spread set by its own urban/rural income ratio (no
 * provincial quintiles were found: a limit said in the calibration report and the docs).
 */
import { fitLorenz, headcount, type LorenzFit } from './lorenz.ts';
import { yearTargets, type IncomeTargets, type YearTargets } from './targets.ts';
import { cityAreaShares, cityIncomeFactor, type Province } from './provinces.ts';

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

/** A province's per-capita disposable income by area in a year: its own figure for the year where found, else its 2023 figure × the national growth. */
export function provinceMean(p: Province, year: number, area: Area): number {
  const own = p.incomeByYear?.[year];
  if (own) return own[area].value;
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
 * holds the differences between provinces (and, where the province has a city table, between its
 * cities). A province's incomes are the national shape with its log-dispersion scaled by θ_p:
 * y = mean × c × L'(U)^θ_p, c making the mean exact (for a log-normal this is σ → θ_p σ; the lower
 * tail still reaches zero). θ_p = θ₀ × the province's inequality index (below); θ₀ is solved, per
 * area and year, so that the provinces together — each at its own mean, each city at its own,
 * weighted by its residents in the area — give the national area's published quintile shares:
 * income evidence only.
 */
export interface Spread {
  /** θ_p of the province asked for (θ₀ when none) */
  readonly theta: number;
  /** c: 1 / ∫ L'(p)^θ dp */
  readonly scale: number;
  readonly theta0: number;
  /** the province's inequality index (1 when none) */
  readonly index: number;
  /** the provinces' mixture: (its quintile share − the published one) / the published one */
  readonly mixtureErrors: readonly number[];
}

/**
 * A province's within-area inequality relative to the country's: ln(its urban/rural income ratio)
 * over ln(the national ratio), both 2023. No province's quintiles are in the brief, and the search
 * for the provincial yearbooks' 五等份 tables found none for Shanghai, Zhejiang or Guangdong; the
 * urban-rural gap is the dispersion figure every province publishes. An assumption [A]: where
 * towns and villages earn alike (Zhejiang 1.86 against the country's 2.39) incomes within each area
 * are also closer; Guangdong (2.36) keeps the national spread and gets its wider gaps from its cities.
 */
export function inequalityIndex(p: Province): number {
  const t = yearTargets(2023).targets;
  return Math.log(p.income2023.urban.value / p.income2023.rural.value) / Math.log(t.urban.mean.value / t.rural.mean.value);
}

const spreadCache = new Map<string, { theta0: number; errors: number[] }>();
const GRID = 200;

function slopesOf(year: number, area: Area): number[] {
  const fit = areaCurves(year)[area];
  return Array.from({ length: GRID }, (_, k) => Math.max(0, fit.curve.slope((k + 0.5) / GRID)));
}

const scaleAt = (slopes: readonly number[], theta: number) => GRID / slopes.reduce((s, x) => s + x ** theta, 0);

/** The city means of a province relative to its own (one entry, 1, without a city table) and their shares of its residents in the area. */
function cityFactors(p: Province, area: Area): [factor: number, share: number][] {
  if (!p.cities) return [[1, 1]];
  return cityAreaShares(p, area).map((c) => [cityIncomeFactor(p, c.code, area), c.share]);
}

export function provinceSpread(year: number, area: Area, provinces: readonly Province[], province?: Province): Spread {
  const key = `${year}/${area}`;
  let hit = spreadCache.get(key);
  const slopes = slopesOf(year, area);
  if (!hit) {
    const fit = areaCurves(year)[area];
    const target = fit.quintiles.map((q) => q / fit.quintiles.reduce((a, b) => a + b, 0));
    const weights = provinces.map((p) => p.population.value * (area === 'urban' ? p.urbanShare.value : 1 - p.urbanShare.value));
    const means = provinces.map((p) => provinceMean(p, year, area));
    const index = provinces.map(inequalityIndex);
    const cities = provinces.map((p) => cityFactors(p, area));
    const evaluate = (theta0: number) => {
      const points: [number, number][] = [];
      provinces.forEach((_, i) => {
        const theta = theta0 * index[i]!;
        const scale = scaleAt(slopes, theta);
        for (const [factor, share] of cities[i]!) for (const s of slopes) points.push([means[i]! * factor * scale * s ** theta, (weights[i]! * share) / GRID]);
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
      return { errors, objective: errors.reduce((a, e) => a + e * e, 0) };
    };
    // Golden-section search on θ₀ in [0.3, 1.1] (the objective is smooth and unimodal there).
    let lo = 0.3;
    let hi = 1.1;
    const g = (Math.sqrt(5) - 1) / 2;
    for (let i = 0; i < 26; i++) {
      const a = hi - g * (hi - lo);
      const b = lo + g * (hi - lo);
      if (evaluate(a).objective < evaluate(b).objective) hi = b;
      else lo = a;
    }
    const theta0 = (lo + hi) / 2;
    hit = { theta0, errors: evaluate(theta0).errors };
    spreadCache.set(key, hit);
  }
  const index = province ? inequalityIndex(province) : 1;
  const theta = hit.theta0 * index;
  return { theta, scale: scaleAt(slopes, theta), theta0: hit.theta0, index, mixtureErrors: hit.errors };
}

/**
 * The share of a province's persons in an area below `line` (yuan a year): its curve is mean × c ×
 * L'^θ, each city's at the city's mean where the province has a city table (a mixture over the
 * cities by their shares of the area's residents), or one city's when `city` is given.
 */
export function provinceHeadcount(p: Province, year: number, area: Area, line: number, provinces: readonly Province[], city?: string): number {
  const s = provinceSpread(year, area, provinces, p);
  const mean = provinceMean(p, year, area);
  const at = (factor: number) => headcount(areaCurves(year)[area].curve, 1, (line / (mean * factor * s.scale)) ** (1 / s.theta));
  if (city !== undefined || !p.cities) return at(city === undefined ? 1 : cityIncomeFactor(p, city, area));
  return cityAreaShares(p, area).reduce((a, c) => a + c.share * at(cityIncomeFactor(p, c.code, area)), 0);
}

/**
 * A province's quintile means over its mean under the spread: the same for every province of an
 * area, unless the province has a city table, whose cities' means make a mixture.
 */
export function provinceQuintileRatios(year: number, area: Area, provinces: readonly Province[], province?: Province): number[] {
  const s = provinceSpread(year, area, provinces, province);
  const curve = areaCurves(year)[area].curve;
  const steps = 2000;
  const cities = province?.cities ? cityAreaShares(province, area) : [{ code: '', share: 1 }];
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
