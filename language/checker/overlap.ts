/**
 * Rows of a `unique` table that can both match the same inputs, without comparing every pair of
 * rows (10,000 rows are 50 million pairs).
 *
 * Two rows overlap when, in every column, their cells accept a common input. So candidates come
 * from one column: the one where the fewest pairs of rows accept a common input — counted for
 * each column in one sorted pass (a sweep over interval ends, or a count per enum value) — and
 * only those pairs are compared in the other columns. Rows with a cell that is not a literal
 * (unknown) overlap nothing, as before. When even the best column leaves more than
 * MAX_CANDIDATE_PAIRS pairs, the table is too large to prove unique and the caller says so.
 */
import type { Type } from '../types/index.ts';
import * as Q from '../numbers/rational.ts';
import { witness, type Constraint, type Interval } from './cells.ts';

/** Pairs of rows compared at most, per table. */
export const MAX_CANDIDATE_PAIRS = 2_000_000;

export interface Overlap {
  /** 0-based rows, a < b */
  readonly a: number;
  readonly b: number;
  /** an input both rows match, one text per column */
  readonly example: readonly string[];
}

export type OverlapResult = { readonly complete: true; readonly overlaps: readonly Overlap[] } | { readonly complete: false; readonly pairs: number };

const EVERYTHING: Interval = { loOpen: false, hiOpen: false };

/** A column's intervals per row, closed (a superset is enough to find candidates). */
function intervalsOf(c: Constraint): readonly Interval[] {
  return c.k === 'intervals' ? c.list : [EVERYTHING];
}

interface End {
  readonly v: Q.Rational | undefined;
  readonly start: boolean;
  readonly row: number;
}

/** Ends of intervals in sweep order: −∞ first, +∞ last; at one value, starts before ends (closed). */
function sweepOrder(rows: readonly number[], col: (row: number) => Constraint): End[] {
  const ends: End[] = [];
  for (const row of rows)
    for (const iv of intervalsOf(col(row))) {
      ends.push({ v: iv.lo, start: true, row });
      ends.push({ v: iv.hi, start: false, row });
    }
  const rank = (x: End): number => (x.v !== undefined ? 0 : x.start ? -1 : 1);
  return ends.sort((x, y) => rank(x) - rank(y) || (x.v && y.v ? Q.cmp(x.v, y.v) : 0) || (x.start === y.start ? 0 : x.start ? -1 : 1));
}

/** Pairs of rows one column lets overlap: counted (an upper bound), or listed as keys a·n + b. */
function columnPairs(rows: readonly number[], col: (row: number) => Constraint, dom: readonly string[] | undefined, n: number, list?: Set<number>): number {
  let count = 0;
  const pair = (a: number, b: number) => {
    count++;
    if (list) list.add(a < b ? a * n + b : b * n + a);
  };
  if (dom) {
    for (const v of dom) {
      const group = rows.filter((r) => {
        const c = col(r);
        return c.k === 'all' || (c.k === 'set' && c.values.has(v));
      });
      if (!list) count += (group.length * (group.length - 1)) / 2;
      else for (let i = 0; i < group.length; i++) for (let j = i + 1; j < group.length; j++) pair(group[i]!, group[j]!);
    }
    return count;
  }
  const open = new Map<number, number>();
  for (const end of sweepOrder(rows, col)) {
    if (!end.start) {
      const k = open.get(end.row)! - 1;
      if (k) open.set(end.row, k);
      else open.delete(end.row);
      continue;
    }
    if (!list) count += open.size - (open.has(end.row) ? 1 : 0);
    else for (const other of open.keys()) if (other !== end.row) pair(other, end.row);
    open.set(end.row, (open.get(end.row) ?? 0) + 1);
  }
  return count;
}

/**
 * Overlapping pairs in row order (at most `max` of them), or how many pairs were too many to
 * compare. `keep`, when given, says which pairs matter (an any table's rows whose results differ).
 */
export function findOverlaps(cons: readonly (readonly Constraint[])[], types: readonly Type[], doms: readonly (readonly string[] | undefined)[], max: number, keep?: (a: number, b: number) => boolean): OverlapResult {
  const n = cons.length;
  const rows = cons.map((_, i) => i).filter((i) => cons[i]!.every((c) => c.k !== 'unknown'));
  if (rows.length < 2) return { complete: true, overlaps: [] };
  let best = -1;
  let fewest = Infinity;
  for (let c = 0; c < types.length; c++) {
    const count = columnPairs(rows, (r) => cons[r]![c]!, doms[c], n);
    if (count < fewest) [best, fewest] = [c, count];
  }
  if (fewest > MAX_CANDIDATE_PAIRS) return { complete: false, pairs: fewest };
  const keys = new Set<number>();
  if (best >= 0) columnPairs(rows, (r) => cons[r]![best]!, doms[best], n, keys);
  const overlaps: Overlap[] = [];
  for (const key of [...keys].sort((x, y) => x - y)) {
    const a = Math.floor(key / n);
    const b = key % n;
    if (keep && !keep(a, b)) continue;
    const example: string[] = [];
    for (let c = 0; c < types.length; c++) {
      const w = witness(cons[a]![c]!, cons[b]![c]!, types[c]!, doms[c] as string[] | undefined);
      if (w === null || w === undefined) break;
      example.push(w);
    }
    if (example.length < types.length) continue;
    overlaps.push({ a, b, example });
    if (overlaps.length >= max) break;
  }
  return { complete: true, overlaps };
}
