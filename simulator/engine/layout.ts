/**
 * The sums a run produces, as one flat Float64Array per chunk of households. Workers fill these
 * vectors for their chunks; the caller adds the chunks in order, so the totals are the same bytes
 * however the population was split, then reads them back into named results (results.ts).
 */
import { PROGRAMMES } from '../types.ts';
import { ReachLayout } from './reach.ts';
import { LEVEL_WIDTH } from './levels.ts';

export const NP = PROGRAMMES.length;

/**
 * Per group: households, persons, covered households, covered persons, total (twelfths of a fen a
 * month: a yearly programme's cost enters as it is, a monthly one × 12, so that with whole weights
 * the sum is an exact integer), cost per programme (fen as paid).
 */
export const GROUP_WIDTH = 5 + NP;
export const SIZE_GROUPS = ['1', '2', '3', '4', '5', '6+'] as const;
export const DECILES = 10;
/** Winners and losers: lose > 5 %, lose, no change, gain, gain > 5 %. */
export const BANDS = ['lose_more_than_5pct', 'lose', 'no_change', 'gain', 'gain_more_than_5pct'] as const;

export class RunLayout {
  /** per programme: households, persons, cost (fen as paid) */
  readonly programmes = 0;
  /** edge families, rigid-hardship households, records that failed */
  readonly misc = NP * 3;
  readonly area: number;
  readonly region: number;
  readonly size: number;
  readonly decile: number;
  /** records that failed at each error site */
  readonly sites: number;
  /** who is reached (reach.ts), after the sites */
  readonly reachAt: number;
  readonly reach: ReachLayout;
  /** who pays, after reach (levels.ts) */
  readonly levels: number;
  readonly length: number;
  constructor(
    readonly regions: number,
    readonly siteCount: number,
  ) {
    this.area = this.misc + 3;
    this.region = this.area + 2 * GROUP_WIDTH;
    this.size = this.region + regions * GROUP_WIDTH;
    this.decile = this.size + SIZE_GROUPS.length * GROUP_WIDTH;
    this.sites = this.decile + DECILES * GROUP_WIDTH;
    this.reachAt = this.sites + siteCount;
    this.reach = new ReachLayout(regions);
    this.levels = this.reachAt + this.reach.length;
    this.length = this.levels + LEVEL_WIDTH;
  }
}

/**
 * The changes between a baseline and a reform run: newly covered households and persons, no
 * longer covered, the five bands overall, and per decile the bands, the sum of changes and the
 * sum of baseline net incomes (weighted, twelfths of a fen a month: exact integers with whole
 * weights).
 */
export const CHANGE = {
  newlyHouseholds: 0,
  newlyPersons: 1,
  noLongerHouseholds: 2,
  noLongerPersons: 3,
  bands: 4,
  decile: 4 + BANDS.length,
  decileWidth: BANDS.length + 2,
  length: 4 + BANDS.length + DECILES * (BANDS.length + 2),
} as const;

/** Adds stacked chunk vectors of the given width in order: the one way totals are formed. */
export function sumChunks(parts: readonly Float64Array[], width: number): Float64Array {
  const total = new Float64Array(width);
  for (const stacked of parts) {
    if (stacked.length % width !== 0) throw new Error(`a result of ${stacked.length} numbers is not whole chunks of ${width}`);
    for (let c = 0; c < stacked.length; c += width) for (let i = 0; i < width; i++) total[i]! += stacked[c + i]!;
  }
  return total;
}
