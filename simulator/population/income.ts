/**
 * Income levels: per area and year, the Lorenz curve fitted to the national grouped data
 * (lorenz.ts), and per province the area means that scale it. A province's curve is the national
 * area curve at the province's own mean: the brief has no provincial quintiles, so the shape is
 * borrowed and the level is the province's (a limit said in the calibration report and the docs).
 */
import { fitLorenz, type LorenzFit } from './lorenz.ts';
import { yearTargets, type IncomeTargets, type YearTargets } from './targets.ts';
import type { Province } from './provinces.ts';

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
