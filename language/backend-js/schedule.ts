/**
 * Scheduling: which definitions the batch function computes where. Definitions that cannot fail and
 * are read in one place are computed where they are read (inlined); those that read only parameters
 * are hoisted out of the household loop (constant, or keyed by region slot and a value of type
 * area: the household's area or one computed from it, such as 城乡救助类别); the rest are
 * ordered into household steps and as few member loops as possible, with the aggregations over
 * members accumulated in the loops that compute what they sum.
 *
 * Everything here is linear in the size of the policy, or n log n where definitions are ordered,
 * and iterative: a chain of definitions as long as the language allows (LIMITS.definitionDepth)
 * schedules without deep recursion. test/language/backend-schedule.test.ts counts the work.
 */
import type * as I from '../ir/types.ts';
import { defExprs, forEachExpr } from '../ir/walk.ts';
import { MinHeap } from './heap.ts';

/** How the batch function computes the definitions, in order. */
export type Step =
  /** once per run, before the household loop: reads only parameters and the date */
  | { readonly kind: 'constant'; readonly def: I.DefinitionIR }
  /**
   * before the household loop, for every region slot and area: reads only parameters and one
   * value of type area — the household's area (`key` undefined), or a household value of that type
   * (`key`, its id: 城乡救助类别 chosen by hukou or residence, say)
   */
  | { readonly kind: 'keyed'; readonly def: I.DefinitionIR; readonly key?: string }
  /** a value keyed by a household value (`key`), read from its table once that value is computed */
  | { readonly kind: 'load'; readonly def: I.DefinitionIR; readonly key: string }
  | { readonly kind: 'household'; readonly def: I.DefinitionIR }
  /** one loop over the members: person-level definitions, and aggregations over them accumulated on the way */
  | { readonly kind: 'members'; readonly persons: I.DefinitionIR[]; readonly aggregates: I.DefinitionIR[] };

/**
 * The largest a definition computed where it is read may be, in IR nodes counted through the
 * inlined definitions it reads (once per reference). Inlining copies a definition into each of its
 * readers, so without a bound a chain of definitions each read by the next and by one other would
 * generate code growing with the square of its length, and one read twice by the next would double
 * at every level. The shipped policies' largest is under 50.
 */
export const INLINE_NODES = 200;

/** What one pass over a definition's expressions finds. */
interface Facts {
  /** definitions read, once per reference, in the order met */
  readonly refs: string[];
  /** nodes of its own expressions */
  readonly nodes: number;
  /** reads a household field other than the area, or a person field */
  readonly field: boolean;
  readonly agg: boolean;
}

function factsOf(d: I.DefinitionIR): Facts {
  const refs: string[] = [];
  let nodes = 0;
  let field = false;
  let agg = false;
  for (const x of defExprs(d))
    forEachExpr(x, (e) => {
      nodes++;
      if (e.k === 'def') refs.push(e.id);
      else if (e.k === 'agg') agg = true;
      else if (e.k === 'field' && !(e.level === 'household' && e.id === 'area')) field = true;
    });
  return { refs, nodes, field, agg };
}

/**
 * The definitions, each after those it reads (the checker's order already is; this keeps the
 * analyses below right whatever order they are given in). Iterative depth-first search.
 */
function dependencyOrder(defs: readonly I.DefinitionIR[], facts: ReadonlyMap<string, Facts>): I.DefinitionIR[] {
  const byId = new Map(defs.map((d) => [d.id, d]));
  const state = new Map<string, 1 | 2>();
  const out: I.DefinitionIR[] = [];
  for (const root of defs) {
    if (state.has(root.id)) continue;
    const stack: { d: I.DefinitionIR; next: number }[] = [{ d: root, next: 0 }];
    state.set(root.id, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const refs = facts.get(top.d.id)!.refs;
      if (top.next < refs.length) {
        const dep = byId.get(refs[top.next++]!);
        if (dep && !state.has(dep.id)) {
          state.set(dep.id, 1);
          stack.push({ d: dep, next: 0 });
        }
        continue;
      }
      stack.pop();
      state.set(top.d.id, 2);
      out.push(top.d);
    }
  }
  return out;
}

/** True when an expression can fail at run time (a conflict), so it must stay inside the household loop. */
export function mayConflict(d: I.DefinitionIR): boolean {
  let risky = d.exceptions.length > 0;
  forEachExpr(d.expr, (e) => {
    if (e.k === 'table' && (e.hit === 'unique' || e.hit === 'any')) risky = true;
  });
  return risky;
}

/**
 * Definitions computed where they are used instead of in a step of their own: those that cannot
 * fail (so when they are computed is unobservable), are not outputs and are small (INLINE_NODES) —
 * person-level ones used at most twice, household-level ones used once by another household-level
 * one. Used inside a condition, they are then computed only for the members or households that
 * reach it.
 */
export function inlined(defs: readonly I.DefinitionIR[]): Set<string> {
  const facts = new Map(defs.map((d) => [d.id, factsOf(d)]));
  const uses = new Map<string, number>();
  const firstUser = new Map<string, I.DefinitionIR>();
  for (const d of defs)
    for (const id of facts.get(d.id)!.refs) {
      uses.set(id, (uses.get(id) ?? 0) + 1);
      if (!firstUser.has(id)) firstUser.set(id, d);
    }
  // Household data: a field other than the area, an aggregation, or a definition that reads one
  // (else the value is hoisted out of the loop: constant, or keyed by region slot and area).
  const data = new Set<string>();
  const size = new Map<string, number>();
  const inline = new Set<string>();
  for (const d of dependencyOrder(defs, facts)) {
    const f = facts.get(d.id)!;
    let s = f.nodes;
    let readsData = f.field || f.agg;
    for (const id of f.refs) {
      if (inline.has(id)) s += size.get(id)!;
      if (data.has(id)) readsData = true;
    }
    size.set(d.id, s);
    if (readsData) data.add(d.id);
    if (d.output || s > INLINE_NODES || mayConflict(d)) continue;
    const n = uses.get(d.id) ?? 0;
    // A household value read once, by another household value, without aggregations of its own:
    // computed where it is read, so only for the households whose branch reaches it.
    if (d.level === 'person' ? n <= 2 : n === 1 && firstUser.get(d.id)!.level === 'household' && !f.agg && readsData) inline.add(d.id);
  }
  return inline;
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

/** Work counted while scheduling, for the test that keeps it linear. */
export interface ScheduleWork {
  /** definitions handled and comparisons made while ordering */
  steps: number;
}

/**
 * Orders definitions into steps: definitions that read only parameters are hoisted out of the
 * household loop; person-level definitions run in as few member loops as possible, and the
 * aggregations over them are accumulated in the same loops.
 */
export function schedule(all: readonly I.DefinitionIR[], regional: ReadonlySet<string>, inline: ReadonlySet<string>, work?: ScheduleWork): Step[] {
  const facts = new Map(all.map((d) => [d.id, factsOf(d)]));
  const topo = dependencyOrder(all, facts);
  // What a definition waits for: the definitions it reads, through those computed where they are
  // read (an inlined definition's own dependencies pass on to its readers).
  const through = new Map<string, Set<string>>();
  const depsOf = (d: I.DefinitionIR): Set<string> => {
    const s = new Set<string>();
    for (const id of facts.get(d.id)!.refs) {
      if (!facts.has(id)) continue;
      if (inline.has(id)) for (const x of through.get(id)!) s.add(x);
      else s.add(id);
    }
    return s;
  };
  const deps = new Map<string, Set<string>>();
  for (const d of topo) (inline.has(d.id) ? through : deps).set(d.id, depsOf(d));
  const defs = all.filter((d) => !inline.has(d.id));
  const byId = new Map(defs.map((d) => [d.id, d]));

  // Values that read only parameters (not regional ones) and the date, and values like them.
  const constant = new Set<string>();
  for (const d of topo) {
    if (inline.has(d.id) || d.level !== 'household' || mayConflict(d)) continue;
    let reads = false;
    for (const x of defExprs(d))
      forEachExpr(x, (e) => {
        if (e.k === 'field' || e.k === 'agg' || (e.k === 'param' && regional.has(e.id)) || (e.k === 'def' && !constant.has(e.id))) reads = true;
      });
    if (!reads) constant.add(d.id);
  }
  // Household values that read only parameters (of any region) and one value of type area — the
  // household's area, or a household value of that type — and values like them take one of a few
  // values per run: computed for each region slot and area up front, and read from that table.
  // The key is '' for the area field, else the id of the value it is keyed by.
  const keyOf = new Map<string, string>();
  const areaValue = (id: string) => {
    const k = byId.get(id);
    return k !== undefined && k.level === 'household' && k.type.k === 'enum' && k.type.name === 'area' && !constant.has(id);
  };
  for (const d of topo) {
    if (inline.has(d.id) || d.level !== 'household' || constant.has(d.id) || mayConflict(d)) continue;
    let ok = true;
    let key: string | undefined;
    const use = (k: string) => {
      if (key === undefined || key === k) key = k;
      else ok = false;
    };
    for (const x of defExprs(d))
      forEachExpr(x, (e) => {
        if (e.k === 'agg') ok = false;
        else if (e.k === 'field') {
          if (e.level === 'household' && e.id === 'area') use('');
          else ok = false;
        } else if (e.k === 'def' && !constant.has(e.id)) {
          const k = keyOf.get(e.id);
          if (k !== undefined) use(k);
          else if (areaValue(e.id)) use(e.id);
          else ok = false;
        }
      });
    if (ok) keyOf.set(d.id, key ?? '');
  }
  // Only worth it when some value of a key computes something; bare parameter lookups alone stay lookups.
  for (const key of new Set(keyOf.values())) {
    const group = [...keyOf].filter(([, k]) => k === key).map(([id]) => id);
    if (!group.some((id) => byId.get(id)!.expr.k !== 'param')) for (const id of group) keyOf.delete(id);
  }

  const steps: Step[] = [];
  const done = new Set<string>();
  for (const d of defs)
    if (constant.has(d.id)) {
      steps.push({ kind: 'constant', def: d });
      done.add(d.id);
    }
  const loads = new Map<string, string>();
  for (const d of defs) {
    const key = keyOf.get(d.id);
    if (key === undefined) continue;
    if (key === '') {
      steps.push({ kind: 'keyed', def: d });
      done.add(d.id);
    } else {
      // Read from its table where the value it is keyed by is known: a step of its own, in order.
      steps.push({ kind: 'keyed', def: d, key });
      loads.set(d.id, key);
    }
  }
  orderSteps(defs, deps, done, steps, loads, work ?? { steps: 0 });
  return steps;
}

/**
 * Kahn's algorithm over the definitions not hoisted, taking the ready ones in source order: the
 * first ready household value (not an aggregation that can be fused) is a step of its own; when
 * there is none, every ready person-level value and fusable aggregation forms one member loop,
 * with those that become ready through person-level values of the same loop (never through its
 * aggregations). Two heaps keyed by source position keep each choice O(log n).
 */
function orderSteps(defs: readonly I.DefinitionIR[], deps: ReadonlyMap<string, ReadonlySet<string>>, done: Set<string>, steps: Step[], loads: ReadonlyMap<string, string>, work: ScheduleWork): void {
  const fusable = (d: I.DefinitionIR) => d.level === 'household' && d.expr.k === 'agg' && !d.exceptions.length;
  const position = new Map(defs.map((d, i) => [d.id, i]));
  const missing = new Map<string, number>();
  const users = new Map<string, string[]>();
  for (const d of defs) {
    if (done.has(d.id)) continue;
    let n = 0;
    for (const x of deps.get(d.id)!) {
      if (done.has(x)) continue;
      n++;
      let u = users.get(x);
      if (!u) users.set(x, (u = []));
      u.push(d.id);
    }
    missing.set(d.id, n);
  }
  /** ready household values that are steps of their own; ready person values and fusable aggregations */
  const household = new MinHeap();
  const loop = new MinHeap();
  const ready = (d: I.DefinitionIR) => (d.level === 'household' && !fusable(d) ? household : loop).push(position.get(d.id)!);
  for (const d of defs) if (missing.get(d.id) === 0) ready(d);
  /** Marks a definition computed; returns those it made ready. */
  const finish = (id: string, into: I.DefinitionIR[]) => {
    done.add(id);
    for (const u of users.get(id) ?? []) {
      work.steps++;
      const left = missing.get(u)! - 1;
      missing.set(u, left);
      if (left === 0) into.push(defs[position.get(u)!]!);
    }
  };
  const bySource = (a: I.DefinitionIR, b: I.DefinitionIR) => {
    work.steps++;
    return position.get(a.id)! - position.get(b.id)!;
  };
  while (household.size || loop.size) {
    work.steps++;
    if (household.size) {
      const d = defs[household.pop()]!;
      const key = loads.get(d.id);
      steps.push(key === undefined ? { kind: 'household', def: d } : { kind: 'load', def: d, key });
      const next: I.DefinitionIR[] = [];
      finish(d.id, next);
      next.forEach(ready);
      continue;
    }
    const persons: I.DefinitionIR[] = [];
    const aggregates: I.DefinitionIR[] = [];
    const later: I.DefinitionIR[] = [];
    let queue: I.DefinitionIR[] = [];
    while (loop.size) queue.push(defs[loop.pop()]!);
    while (queue.length) {
      const next: I.DefinitionIR[] = [];
      for (const d of queue.sort(bySource)) {
        work.steps++;
        if (d.level === 'person') {
          persons.push(d);
          finish(d.id, next);
        } else if (fusable(d)) aggregates.push(d);
        else later.push(d);
      }
      queue = next;
    }
    for (const a of aggregates) finish(a.id, later);
    later.forEach(ready);
    steps.push({ kind: 'members', persons, aggregates });
  }
  work.steps += household.comparisons + loop.comparisons;
  if (done.size < defs.length) throw new Error('internal: definitions left unscheduled');
}
