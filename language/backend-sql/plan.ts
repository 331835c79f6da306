/**
 * Which definition is computed where. SQL has no locals, so a policy becomes one chain of CTE
 * layers over one row per member (and one row for a household without members), every row
 * carrying its household's values:
 *
 *   doudi_rows   households, their parameter row and their members' fields
 *   l1, l2, …    definitions and aggregations, each layer reading only the layers before it;
 *                an aggregation over members is a window aggregate over the household's rows
 *   doudi_result the household's error
 *
 * and a final GROUP BY that keeps one row per household. A chain, not a tree of joins: planners
 * (Spark's above all) see each layer once, however often definitions alternate between members
 * and households.
 */
import type * as I from '../ir/types.ts';
import { defExprs, forEachExpr } from '../ir/walk.ts';

export type AggExpr = Extract<I.Expr, { k: 'agg' }>;

/** A layer's items: definitions, and aggregations (which their owner reads in a later layer). */
export type Item = { readonly k: 'def'; readonly d: I.DefinitionIR } | { readonly k: 'agg'; readonly a: AggExpr; readonly owner: I.DefinitionIR };

interface Deps {
  readonly defs: Set<string>;
}

/** The direct sub-expressions of e. */
export function children(e: I.Expr): I.Expr[] {
  const out: I.Expr[] = [];
  forEachExpr(e, (x) => x !== e && out.push(x));
  // forEachExpr walks the whole tree; keep only the direct children
  const inner = new Set<I.Expr>();
  for (const c of out) forEachExpr(c, (y) => y !== c && inner.add(y));
  return out.filter((c) => !inner.has(c));
}

/** Definitions an expression reads outside aggregations; the aggregations themselves into `aggs`. */
function scan(e: I.Expr, out: Deps, aggs: AggExpr[]): void {
  if (e.k === 'agg') {
    aggs.push(e);
    if (e.else) scan(e.else, out, aggs);
    return;
  }
  if (e.k === 'def') out.defs.add(e.id);
  for (const c of children(e)) scan(c, out, aggs);
}

/** Splits definitions (in evaluation order) and their aggregations into layers. */
export function layering(defs: readonly I.DefinitionIR[]): Item[][] {
  const layerOf = new Map<string, number>();
  const out: Item[][] = [];
  const at = (ids: Iterable<string>) => Math.max(-1, ...[...ids].map((id) => layerOf.get(id) ?? -1));
  for (const d of defs) {
    const deps: Deps = { defs: new Set() };
    const aggs: AggExpr[] = [];
    for (const x of defExprs(d)) scan(x, deps, aggs);
    let l = at(deps.defs) + 1;
    for (const a of aggs) {
      const inner = new Set<string>();
      for (const x of [a.filter, a.body]) if (x) forEachExpr(x, (y) => y.k === 'def' && inner.add(y.id));
      const al = at(inner) + 1;
      (out[al] ??= []).push({ k: 'agg', a, owner: d });
      l = Math.max(l, al + 1);
    }
    layerOf.set(d.id, l);
    (out[l] ??= []).push({ k: 'def', d });
  }
  return out.filter((x) => x !== undefined);
}
