/**
 * Who pays: each household's cost per programme split between the central government, the
 * province, the city and the county, as the framework splits a household's monthly total
 * (central_cost … county_cost, docs/policies.md "Who pays"): central = round(cost × central_share)
 * to the fen, local = the rest, provincial = min(round(local × provincial_share), local), city =
 * min(round(local × city_share), local − provincial), county = what is left. Exact: the shares are
 * the policy's fractions n/d per region slot (resolveParameters), the costs whole fen, the rounding
 * integer. Summed per chunk like every other result (layout.ts); named in results.ts.
 */
import type { CompiledPolicy } from '../../language/index.ts';
import { PROGRAMMES } from '../types.ts';

type CompiledParameters = ReturnType<CompiledPolicy['resolveParameters']>;

export const LEVELS = ['central', 'provincial', 'city', 'county'] as const;
const NP = PROGRAMMES.length;
export type Level = (typeof LEVELS)[number];

/** The three shares' numerators and denominators by region slot. */
export interface LevelShares {
  readonly n: readonly [ArrayLike<number>, ArrayLike<number>, ArrayLike<number>];
  readonly d: readonly [ArrayLike<number>, ArrayLike<number>, ArrayLike<number>];
}

/** The section of a run's vector: a marker (shares were found), then per programme the four levels (weighted fen, as paid). */
export const LEVEL_WIDTH = 1 + NP * LEVELS.length;

const SHARES = ['central_share', 'provincial_share', 'city_share'] as const;

/** The shares of a run, or undefined when the policy has none (or gives them per entry rather than per region). */
export function levelShares(params: CompiledParameters, slots: number): LevelShares | undefined {
  const n = SHARES.map((id) => params.n[id]);
  const d = SHARES.map((id) => params.d[id]);
  if (n.some((x) => !x || x.length !== slots) || d.some((x) => !x || x.length !== slots)) return undefined;
  return { n: n as unknown as LevelShares['n'], d: d as unknown as LevelShares['d'] };
}

/** round(fen × n / d) to a whole fen, half away from zero, in integers (fen ≥ 0, 0 ≤ n/d ≤ 1 in practice; any sign handled). */
export function share(fen: number, n: number, d: number): number {
  const num = fen * n;
  const q = Math.floor(num / d);
  const r = num - q * d;
  // Ties go away from zero, as the language's round does.
  return 2 * r > d || (2 * r === d && num >= 0) ? q + 1 : q;
}

/** Splits `fen` (one programme's payment to one household) by the shares of region `slot` into out[0..3]. */
export function splitCost(fen: number, slot: number, s: LevelShares, out: Float64Array): void {
  const central = share(fen, s.n[0][slot]!, s.d[0][slot]!);
  const local = fen - central;
  const provincial = Math.min(share(local, s.n[1][slot]!, s.d[1][slot]!), local);
  const city = Math.min(share(local, s.n[2][slot]!, s.d[2][slot]!), local - provincial);
  out[0] = central;
  out[1] = provincial;
  out[2] = city;
  out[3] = local - provincial - city;
}

const parts = new Float64Array(LEVELS.length);

/** Adds household costs (fen as paid, per programme) of weight w in region slot `slot` to the levels section at `at`. */
export function addLevels(v: Float64Array, at: number, s: LevelShares, slot: number, w: number, costs: Float64Array): void {
  for (let p = 0; p < NP; p++) {
    const fen = costs[p]!;
    if (fen === 0) continue;
    splitCost(fen, slot, s, parts);
    const base = at + 1 + p * LEVELS.length;
    for (let l = 0; l < LEVELS.length; l++) v[base + l]! += w * parts[l]!;
  }
}
