/**
 * Scheduling: which definitions the batch function computes where. Definitions that cannot fail and
 * are read in one place are computed where they are read (inlined); those that read only parameters
 * are hoisted out of the household loop (constant, or keyed by region slot and area); the rest are
 * ordered into household steps and as few member loops as possible, with the aggregations over
 * members accumulated in the loops that compute what they sum.
 */
import type * as I from '../ir/types.ts';
import { defExprs, forEachExpr } from '../ir/walk.ts';

/** How the batch function computes the definitions, in order. */
export type Step =
  /** once per run, before the household loop: reads only parameters and the date */
  | { readonly kind: 'constant'; readonly def: I.DefinitionIR }
  /** before the household loop, for every region slot and area: reads only parameters and the area */
  | { readonly kind: 'keyed'; readonly def: I.DefinitionIR }
  | { readonly kind: 'household'; readonly def: I.DefinitionIR }
  /** one loop over the members: person-level definitions, and aggregations over them accumulated on the way */
  | { readonly kind: 'members'; readonly persons: I.DefinitionIR[]; readonly aggregates: I.DefinitionIR[] };

function directDeps(d: I.DefinitionIR, ids: ReadonlySet<string>): Set<string> {
  const s = new Set<string>();
  for (const x of defExprs(d)) forEachExpr(x, (e) => e.k === 'def' && ids.has(e.id) && s.add(e.id));
  return s;
}

/**
 * Definitions computed where they are used instead of in a step of their own: those that cannot
 * fail (so when they are computed is unobservable) and are not outputs — person-level ones used at
 * most twice, household-level ones used once by another household-level one. Used inside a
 * condition, they are then computed only for the members or households that reach it.
 */
export function inlined(defs: readonly I.DefinitionIR[]): Set<string> {
  const uses = new Map<string, number>();
  const users = new Map<string, I.DefinitionIR[]>();
  for (const d of defs)
    for (const x of defExprs(d))
      forEachExpr(x, (e) => {
        if (e.k !== 'def') return;
        uses.set(e.id, (uses.get(e.id) ?? 0) + 1);
        users.set(e.id, [...(users.get(e.id) ?? []), d]);
      });
  const byId = new Map(defs.map((d) => [d.id, d]));
  // Household data: a field other than the area, an aggregation, or a definition that reads one
  // (else the value is hoisted out of the loop: constant, or keyed by region slot and area).
  const data = new Map<string, boolean>();
  const readsData = (d: I.DefinitionIR): boolean => {
    const known = data.get(d.id);
    if (known !== undefined) return known;
    data.set(d.id, false);
    let reads = false;
    for (const x of defExprs(d)) forEachExpr(x, (e) => {
      if ((e.k === 'field' && !(e.level === 'household' && e.id === 'area')) || e.k === 'agg' || (e.k === 'def' && byId.has(e.id) && readsData(byId.get(e.id)!))) reads = true;
    });
    data.set(d.id, reads);
    return reads;
  };
  const hasAgg = (d: I.DefinitionIR): boolean => {
    let found = false;
    for (const x of defExprs(d)) forEachExpr(x, (e) => e.k === 'agg' && (found = true));
    return found;
  };
  return new Set(
    defs
      .filter((d) => !d.output && !mayConflict(d))
      .filter((d) =>
        d.level === 'person'
          ? (uses.get(d.id) ?? 0) <= 2
          : // A household value read once, by another household value, without aggregations of its own:
            // computed where it is read, so only for the households whose branch reaches it.
            uses.get(d.id) === 1 && users.get(d.id)![0]!.level === 'household' && !hasAgg(d) && readsData(d),
      )
      .map((d) => d.id),
  );
}

/** True when an expression can fail at run time (a conflict), so it must stay inside the household loop. */
export function mayConflict(d: I.DefinitionIR): boolean {
  let risky = d.exceptions.length > 0;
  forEachExpr(d.expr, (e) => {
    if (e.k === 'table' && e.hit === 'unique') risky = true;
  });
  return risky;
}

/**
 * Orders definitions into steps: definitions that read only parameters are hoisted out of the
 * household loop; person-level definitions run in as few member loops as possible, and the
 * aggregations over them are accumulated in the same loops.
 */
export function schedule(defs: readonly I.DefinitionIR[], regional: ReadonlySet<string>, inline: ReadonlySet<string>): Step[] {
  const ids = new Set(defs.map((d) => d.id));
  const direct = new Map(defs.map((d) => [d.id, directDeps(d, ids)]));
  // A definition computed where it is used passes its own dependencies on to its users.
  const expand = (id: string, seen = new Set<string>()): string[] =>
    [...direct.get(id)!].flatMap((x) => {
      if (!inline.has(x)) return [x];
      if (seen.has(x)) return [];
      seen.add(x);
      return expand(x, seen);
    });
  const deps = new Map(defs.map((d) => [d.id, new Set(expand(d.id))]));
  defs = defs.filter((d) => !inline.has(d.id));
  const constant = new Set<string>();
  for (const d of defs) {
    if (d.level !== 'household' || mayConflict(d)) continue;
    let reads = false;
    for (const x of defExprs(d))
      forEachExpr(x, (e) => {
        if (e.k === 'field' || e.k === 'agg' || (e.k === 'param' && regional.has(e.id)) || (e.k === 'def' && !constant.has(e.id))) reads = true;
      });
    if (!reads) constant.add(d.id);
  }
  // Household values that read only parameters (of any region), the household's area and values
  // like them take one of a few values per run: computed for each region slot and area up front.
  const keyed = new Set<string>();
  for (const d of defs) {
    if (d.level !== 'household' || constant.has(d.id) || mayConflict(d)) continue;
    let ok = true;
    for (const x of defExprs(d))
      forEachExpr(x, (e) => {
        if (e.k === 'agg' || (e.k === 'field' && !(e.level === 'household' && e.id === 'area')) || (e.k === 'def' && !constant.has(e.id) && !keyed.has(e.id))) ok = false;
      });
    if (ok) keyed.add(d.id);
  }
  // Only worth it when some value computes something; bare parameter lookups alone stay lookups.
  if (![...keyed].some((id) => defs.find((d) => d.id === id)!.expr.k !== 'param')) keyed.clear();
  const fusable = (d: I.DefinitionIR) => d.level === 'household' && d.expr.k === 'agg' && !d.exceptions.length;
  const done = new Set<string>();
  const steps: Step[] = [];
  for (const d of defs)
    if (constant.has(d.id)) {
      steps.push({ kind: 'constant', def: d });
      done.add(d.id);
    }
  for (const d of defs)
    if (keyed.has(d.id)) {
      steps.push({ kind: 'keyed', def: d });
      done.add(d.id);
    }
  // Kahn's algorithm over the remaining definitions, keeping the source order among the ready ones.
  const missing = new Map<string, number>();
  const users = new Map<string, string[]>();
  for (const d of defs) {
    if (done.has(d.id)) continue;
    let n = 0;
    for (const x of deps.get(d.id)!) {
      if (done.has(x)) continue;
      n++;
      users.set(x, [...(users.get(x) ?? []), d.id]);
    }
    missing.set(d.id, n);
  }
  const order = new Map(defs.map((d, i) => [d.id, i]));
  const byId = new Map(defs.map((d) => [d.id, d]));
  let ready = defs.filter((d) => missing.get(d.id) === 0);
  const finish = (id: string, into: I.DefinitionIR[]) => {
    done.add(id);
    for (const u of users.get(id) ?? []) {
      const left = missing.get(u)! - 1;
      missing.set(u, left);
      if (left === 0) into.push(byId.get(u)!);
    }
  };
  while (ready.length) {
    ready.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    const household = ready.find((d) => d.level === 'household' && !fusable(d));
    if (household) {
      ready = ready.filter((d) => d !== household);
      steps.push({ kind: 'household', def: household });
      finish(household.id, ready);
      continue;
    }
    // A member loop: every ready person-level definition and fusable aggregation, then those that
    // become ready through person-level definitions of the same loop (never through its aggregations).
    const persons: I.DefinitionIR[] = [];
    const aggregates: I.DefinitionIR[] = [];
    const later: I.DefinitionIR[] = [];
    let queue = ready;
    ready = [];
    while (queue.length) {
      const next: I.DefinitionIR[] = [];
      for (const d of queue.sort((a, b) => order.get(a.id)! - order.get(b.id)!)) {
        if (d.level === 'person') {
          persons.push(d);
          finish(d.id, next);
        } else if (fusable(d)) aggregates.push(d);
        else later.push(d);
      }
      queue = next;
    }
    for (const a of aggregates) finish(a.id, later);
    ready = later;
    if (!persons.length && !aggregates.length) throw new Error('internal: no definition can be scheduled');
    steps.push({ kind: 'members', persons, aggregates });
  }
  if (done.size < defs.length) throw new Error('internal: definitions left unscheduled');
  return steps;
}

/** Parameters whose value can differ between regions: those with region blocks, and formulas over them. */
export function regionalParams(ir: I.PolicyIR): Set<string> {
  const out = new Set<string>();
  for (const p of ir.parameters) {
    if (p.regions.length) out.add(p.id);
    const all = [...p.values, ...p.regions.flatMap((r) => r.values)];
    for (const v of all) for (const e of Array.isArray(v.value) ? (v.value as I.Expr[]) : [v.value as I.Expr]) forEachExpr(e, (x) => x.k === 'param' && out.has(x.id) && out.add(p.id));
  }
  return out;
}
