/**
 * Which definition is computed where. SQL has no locals, so a policy becomes a chain of CTE layers:
 *
 *   h0        households, their parameter row, optional fields' defaults
 *   h0_1 …    household definitions that need no member values, layer by layer (a layer reads only
 *             the ones before it)
 *   p1, p1_1… persons joined with the household values so far; person definitions, layer by layer
 *   a1        the aggregations over members that those make possible, grouped by household
 *   h1 …      households joined with a1; the household definitions that needed them
 *   p2, a2, h2 … as often as definitions alternate between members and households
 *
 * A person definition at pass k reads household values of stage k − 1; an aggregation at pass k
 * reads person values of pass ≤ k; a household definition at stage k reads aggregations of pass ≤ k.
 */
import type * as I from '../ir/types.ts';
import { defExprs, forEachExpr } from '../ir/walk.ts';

export type AggExpr = Extract<I.Expr, { k: 'agg' }>;

export interface Plan {
  /** household stage of each household definition, pass of each person definition */
  readonly stage: ReadonlyMap<string, number>;
  /** the pass of each aggregation */
  readonly aggPass: ReadonlyMap<AggExpr, number>;
  /** aggregations of each household definition, in the order they appear */
  readonly aggsOf: ReadonlyMap<string, readonly AggExpr[]>;
  readonly passes: number;
}

interface Deps {
  readonly household: Set<string>;
  readonly person: Set<string>;
}

/** The direct sub-expressions of e. */
export function children(e: I.Expr): I.Expr[] {
  const out: I.Expr[] = [];
  forEachExpr(e, (x) => x !== e && out.push(x));
  // forEachExpr walks the whole tree; keep only the direct children
  const direct = new Set<I.Expr>();
  const inner = new Set<I.Expr>();
  for (const c of out) forEachExpr(c, (y) => y !== c && inner.add(y));
  for (const c of out) if (!inner.has(c)) direct.add(c);
  return [...direct];
}

/** Definitions an expression reads, outside aggregations; the aggregations themselves into `aggs`. */
function scan(e: I.Expr, out: Deps, aggs: AggExpr[] | undefined): void {
  if (e.k === 'agg' && aggs) {
    aggs.push(e);
    return;
  }
  if (e.k === 'def') (e.level === 'person' ? out.person : out.household).add(e.id);
  for (const c of children(e)) scan(c, out, aggs);
}

/** The deps of an aggregation's filter and body; its `else` is a household value read by the owner. */
function aggDeps(a: AggExpr): Deps {
  const d: Deps = { household: new Set(), person: new Set() };
  for (const x of [a.filter, a.body]) if (x) forEachExpr(x, (y) => y.k === 'def' && (y.level === 'person' ? d.person : d.household).add(y.id));
  return d;
}

export function plan(defs: readonly I.DefinitionIR[]): Plan {
  const stage = new Map<string, number>();
  const aggPass = new Map<AggExpr, number>();
  const aggsOf = new Map<string, AggExpr[]>();
  let passes = 0;
  const hs = (ids: Iterable<string>) => Math.max(-1, ...[...ids].map((id) => stage.get(id) ?? 0));
  const ps = (ids: Iterable<string>) => Math.max(1, ...[...ids].map((id) => stage.get(id) ?? 1));
  for (const d of defs) {
    if (d.level === 'person') {
      const deps: Deps = { household: new Set(), person: new Set() };
      for (const x of defExprs(d)) forEachExpr(x, (y) => y.k === 'def' && (y.level === 'person' ? deps.person : deps.household).add(y.id));
      const k = Math.max(ps(deps.person), hs(deps.household) + 1);
      stage.set(d.id, k);
      passes = Math.max(passes, k);
      continue;
    }
    const deps: Deps = { household: new Set(), person: new Set() };
    const aggs: AggExpr[] = [];
    for (const x of defExprs(d)) scan(x, deps, aggs);
    // an aggregation's else is read in the household context
    for (const a of aggs) if (a.else) scan(a.else, deps, undefined);
    let k = Math.max(0, hs(deps.household));
    for (const a of aggs) {
      const ad = aggDeps(a);
      const p = Math.max(ps(ad.person), hs(ad.household) + 1);
      aggPass.set(a, p);
      passes = Math.max(passes, p);
      k = Math.max(k, p);
    }
    aggsOf.set(d.id, aggs);
    stage.set(d.id, k);
  }
  return { stage, aggPass, aggsOf, passes };
}

/**
 * Splits definitions of one stage into layers: each layer reads only definitions of earlier
 * layers or earlier stages (`done`).
 */
export function layers(defs: readonly I.DefinitionIR[], done: ReadonlySet<string>): I.DefinitionIR[][] {
  const layerOf = new Map<string, number>();
  const out: I.DefinitionIR[][] = [];
  for (const d of defs) {
    let l = 0;
    for (const x of defExprs(d)) forEachExpr(x, (y) => {
      if (y.k === 'def' && !done.has(y.id) && layerOf.has(y.id)) l = Math.max(l, layerOf.get(y.id)! + 1);
    });
    layerOf.set(d.id, l);
    (out[l] ??= []).push(d);
  }
  return out;
}
