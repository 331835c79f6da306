/**
 * Uncertainty from sampling: the same question over K synthetic populations drawn with different
 * seeds (and take-up draws with them). Each headline figure is reported with its mean and the
 * interval holding the middle 90 % of the K values (the 5th and 95th percentiles, interpolated).
 * With few seeds the interval is rough: 20 or more give a steadier one.
 */
import { PROGRAMMES } from './types.ts';
import type { SimulationResult } from './engine/results.ts';
import type { CompareResult } from './simulator.ts';

export interface Interval {
  readonly mean: number;
  /** 5th percentile */
  readonly low: number;
  /** 95th percentile */
  readonly high: number;
  readonly sd: number;
}

export interface UncertaintyResult {
  readonly seeds: readonly number[];
  readonly level: number;
  readonly figures: Record<string, Interval>;
}

/** The headline figures of one simulation, by dotted name. */
export function headline(r: SimulationResult): Record<string, number> {
  const out: Record<string, number> = { annual_cost: r.annual_cost };
  for (const p of PROGRAMMES) {
    const t = r.programmes[p];
    out[`${p}.households`] = t.households;
    out[`${p}.persons`] = t.persons;
    out[`${p}.annual_cost`] = t.annual_cost;
  }
  out.edge_families = r.edge_families;
  out['poorest_decile.coverage'] = r.poorest_decile.coverage;
  // Who pays, a year: the central subsidy and the rest (province, cities, counties); a comparison's delta.local_cost is the reform's net cost to the province.
  if (r.by_level) {
    out.central_cost = r.by_level.annual.central;
    out.local_cost = r.by_level.local_annual;
  }
  return out;
}

/** The headline figures of a comparison: baseline, the first reform, their delta and the changes. */
export function compareHeadline(c: CompareResult): Record<string, number> {
  const first = c.reforms[0]!;
  const base = headline(c.baseline);
  const reform = headline(first.reform);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(base)) out[`baseline.${k}`] = v;
  for (const [k, v] of Object.entries(reform)) out[`reform.${k}`] = v;
  for (const [k, v] of Object.entries(reform)) out[`delta.${k}`] = v - base[k]!;
  out['changes.newly_covered.households'] = first.changes.newly_covered.households;
  out['changes.no_longer_covered.households'] = first.changes.no_longer_covered.households;
  return out;
}

/** The q-quantile of sorted values, interpolated between neighbours. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const i = Math.floor(at);
  const f = at - i;
  return i + 1 < sorted.length ? sorted[i]! * (1 - f) + sorted[i + 1]! * f : sorted[i]!;
}

export function summarise(samples: readonly Record<string, number>[], level = 0.9): Record<string, Interval> {
  if (samples.length === 0) throw new Error('no runs to summarise');
  const figures: Record<string, Interval> = {};
  for (const key of Object.keys(samples[0]!)) {
    const xs = samples.map((s) => s[key]!);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
    const sorted = [...xs].sort((a, b) => a - b);
    figures[key] = { mean, low: quantile(sorted, (1 - level) / 2), high: quantile(sorted, 1 - (1 - level) / 2), sd };
  }
  return figures;
}

/** Runs a question once per seed, in order, and summarises its headline figures. */
export async function overSeeds<T>(seeds: readonly number[], run: (seed: number) => Promise<T>, figures: (t: T) => Record<string, number>, level = 0.9): Promise<UncertaintyResult & { readonly runs: readonly T[] }> {
  const runs: T[] = [];
  for (const seed of seeds) runs.push(await run(seed));
  return { seeds, level, figures: summarise(runs.map(figures), level), runs };
}
