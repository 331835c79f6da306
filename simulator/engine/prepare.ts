/**
 * What every run over a population needs and that does not depend on the policy: each household's
 * per-capita income and income decile, its size group, its region, computed once per population.
 */
import type { PopulationColumns } from '../../language/index.ts';
import { householdKeys } from './keys.ts';

export interface Prepared {
  readonly pop: PopulationColumns;
  /** per-capita disposable income before benefits, fen per month */
  readonly income: Float64Array;
  /** 0 … 9, by per-capita income, each decile a tenth of the weighted persons */
  readonly decile: Uint8Array;
  /** members − 1, at most 5 (6+) */
  readonly sizeGroup: Uint8Array;
  readonly regionCodes: readonly string[];
  readonly regionIndex: Uint16Array;
  /** the key of each household's random draws, from its id (keys.ts) */
  readonly key: Uint32Array;
  /** weight × members */
  readonly totalPersons: number;
  readonly totalHouseholds: number;
}

/** `ids`: the households' ids (a file's); a synthetic population's are H0000001, H0000002, … */
export function prepare(pop: PopulationColumns, ids?: readonly string[]): Prepared {
  if (ids && ids.length !== pop.households) throw new Error(`${ids.length} household ids for ${pop.households} households`);
  const n = pop.households;
  const P = pop.person;
  const weight = pop.household.weight!;
  const [wage, business, property, transfer, pension] = [P.wage_income!, P.business_income!, P.property_income!, P.transfer_income!, P.basic_pension!];
  const income = new Float64Array(n);
  const sizeGroup = new Uint8Array(n);
  let totalPersons = 0;
  let totalHouseholds = 0;
  for (let h = 0; h < n; h++) {
    const a = pop.memberStart[h]!;
    const b = pop.memberStart[h + 1]!;
    let sum = 0;
    for (let p = a; p < b; p++) sum += wage[p]! + business[p]! + property[p]! + transfer[p]! + pension[p]!;
    income[h] = b > a ? sum / (b - a) : 0;
    sizeGroup[h] = Math.max(0, Math.min(5, b - a - 1));
    totalPersons += weight[h]! * (b - a);
    totalHouseholds += weight[h]!;
  }
  // Deciles of persons: households in order of per-capita income (whole fen; ties by position, for
  // determinism). One numeric sort of keys income × 2^24 + position when they fit in 2^53.
  const order = new Uint32Array(n);
  let maxIncome = 0;
  for (let h = 0; h < n; h++) if (income[h]! > maxIncome) maxIncome = income[h]!;
  if (n < 2 ** 24 && Math.floor(maxIncome) < 2 ** 29) {
    const keys = new Float64Array(n);
    for (let h = 0; h < n; h++) keys[h] = Math.floor(income[h]!) * 16777216 + h;
    keys.sort();
    for (let i = 0; i < n; i++) order[i] = keys[i]! % 16777216;
  } else {
    for (let h = 0; h < n; h++) order[h] = h;
    order.sort((x, y) => Math.floor(income[x]!) - Math.floor(income[y]!) || x - y);
  }
  const decile = new Uint8Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const h = order[i]!;
    const w = weight[h]! * (pop.memberStart[h + 1]! - pop.memberStart[h]!);
    const mid = acc + w / 2;
    decile[h] = totalPersons > 0 ? Math.min(9, Math.floor((mid / totalPersons) * 10)) : 0;
    acc += w;
  }
  const codes: string[] = [];
  const index = new Map<number, number>();
  const regionIndex = new Uint16Array(n);
  const region = pop.household.region!;
  // Households of one region usually come together: the last region's slot is tried before the map.
  let lastCode = -1;
  let lastSlot = 0;
  for (let h = 0; h < n; h++) {
    const code = region[h]!;
    if (code !== lastCode) {
      let i = index.get(code);
      if (i === undefined) {
        i = codes.length;
        index.set(code, i);
        codes.push(String(code).padStart(6, '0'));
      }
      lastCode = code;
      lastSlot = i;
    }
    regionIndex[h] = lastSlot;
  }
  return { pop, income, decile, sizeGroup, regionCodes: codes, regionIndex, key: householdKeys(n, ids), totalPersons, totalHouseholds };
}

/**
 * A contiguous slice of a prepared population: what one worker holds. Household h of the shard is
 * household offset + h of the whole; person p is person personOffset + p. Slices start at
 * multiples of CHUNK so that every worker sums the same chunks a single worker would.
 */
export interface Shard {
  readonly pop: PopulationColumns;
  readonly offset: number;
  readonly personOffset: number;
  readonly income: Float64Array;
  readonly decile: Uint8Array;
  readonly sizeGroup: Uint8Array;
  readonly regionIndex: Uint16Array;
  /** the draw key of each household (keys.ts) */
  readonly key: Uint32Array;
  /** the region codes of the whole population, in the order of regionIndex */
  readonly regionCodes: readonly string[];
}

/** Households summed together before the sums are combined: the unit of work and of addition. */
export const CHUNK = 65536;

/** The shard of households [from, to); copies when asked (to transfer to a worker), views otherwise. */
export function shardOf(prep: Prepared, from: number, to: number, copy: boolean): Shard {
  const pop = prep.pop;
  const a = pop.memberStart[from]!;
  const b = pop.memberStart[to]!;
  const cut = <T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array>(c: T, x: number, y: number): T => (copy ? (c.slice(x, y) as T) : (c.subarray(x, y) as T));
  const household: Record<string, Float64Array | Int32Array | Uint16Array | Uint8Array> = {};
  const person: Record<string, Float64Array | Int32Array | Uint16Array | Uint8Array> = {};
  for (const [k, c] of Object.entries(pop.household)) household[k] = cut(c, from, to);
  for (const [k, c] of Object.entries(pop.person)) person[k] = cut(c, a, b);
  const memberStart = new Int32Array(to - from + 1);
  for (let h = from; h <= to; h++) memberStart[h - from] = pop.memberStart[h]! - a;
  return {
    pop: { households: to - from, persons: b - a, memberStart, household, person },
    offset: from,
    personOffset: a,
    income: cut(prep.income, from, to),
    decile: cut(prep.decile, from, to),
    sizeGroup: cut(prep.sizeGroup, from, to),
    regionIndex: cut(prep.regionIndex, from, to),
    key: cut(prep.key, from, to),
    regionCodes: prep.regionCodes,
  };
}

/** Splits households into at most `parts` shards at chunk boundaries, as even as chunks allow. */
export function shardBounds(households: number, parts: number): [number, number][] {
  const chunks = Math.max(1, Math.ceil(households / CHUNK));
  const k = Math.max(1, Math.min(parts, chunks));
  const bounds: [number, number][] = [];
  for (let i = 0; i < k; i++) {
    const c0 = Math.floor((chunks * i) / k);
    const c1 = Math.floor((chunks * (i + 1)) / k);
    bounds.push([Math.min(households, c0 * CHUNK), Math.min(households, c1 * CHUNK)]);
  }
  return bounds;
}

/** All the buffers of a shard, for an explicit transfer to a worker. */
export function shardBuffers(s: Shard): ArrayBuffer[] {
  const cols = [...Object.values(s.pop.household), ...Object.values(s.pop.person), s.pop.memberStart, s.income, s.decile, s.sizeGroup, s.regionIndex, s.key];
  return [...new Set(cols.map((c) => c.buffer as ArrayBuffer))];
}

const views = new WeakMap<PopulationColumns, PopulationColumns[]>();

/** A population's chunks as views, made once per population and reused by every run and month. */
export function chunkViews(pop: PopulationColumns): PopulationColumns[] {
  let list = views.get(pop);
  if (!list) {
    list = [];
    for (let a = 0; a < pop.households; a += CHUNK) list.push(chunkView(pop, a, Math.min(pop.households, a + CHUNK)));
    views.set(pop, list);
  }
  return list;
}

/** Households [a, b) of a population as views, for a chunk-sized evaluation. */
export function chunkView(pop: PopulationColumns, a: number, b: number): PopulationColumns {
  if (a === 0 && b === pop.households) return pop;
  const p0 = pop.memberStart[a]!;
  const p1 = pop.memberStart[b]!;
  const household: Record<string, PopulationColumns['household'][string]> = {};
  const person: Record<string, PopulationColumns['person'][string]> = {};
  for (const k in pop.household) household[k] = pop.household[k]!.subarray(a, b);
  for (const k in pop.person) person[k] = pop.person[k]!.subarray(p0, p1);
  const memberStart = new Int32Array(b - a + 1);
  for (let h = a; h <= b; h++) memberStart[h - a] = pop.memberStart[h]! - p0;
  return { households: b - a, persons: p1 - p0, memberStart, household, person };
}
