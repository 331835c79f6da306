/**
 * The compiled module: one standalone ES module per policy, readable, with no dependency on Doudi.
 * It exports the policy's metadata, parameter resolution for a date and a set of regions, a batch
 * entry point over a population held as typed-array columns, and a single-household entry point.
 */
import type * as I from '../ir/types.ts';
import { reachableDefinitions, defExprs, forEachExpr } from '../ir/walk.ts';
import * as Q from '../numbers/rational.ts';
import { HOUSEHOLD_FIELDS, PERSON_FIELDS, enumSpec, encodeValue, type FieldSpec } from '../schema/index.ts';
import { citeText } from '../checker/cites.ts';
import { Block, gen, exceptions, fusedAggregate, staticNum, isAtom, type GenCtx, type Refs, type V } from './gen.ts';
import { Names, jsonLiteral, commentText, intLiteral, CompileLimitError } from './names.ts';
import { RUNTIME_SOURCE } from './runtime.ts';

export interface EmitOptions {
  /** the compiler's version, written in the header */
  readonly version: string;
}

const typeName = (t: I.ParameterIR['type']): string =>
  t.k === 'money' ? (t.period === 'month' ? 'money/month' : t.period === 'year' ? 'money/year' : 'money') : t.k === 'enum' ? t.name : t.k;

const isCodeType = (t: I.ParameterIR['type']): boolean => t.k === 'bool' || t.k === 'enum' || t.k === 'date' || t.k === 'region';

/**
 * A parameter whose values are whole in compiled units (fen, or whole numbers) under any setting:
 * its denominator is 1 and the generated code omits it.
 */
const wholeParam = (p: I.ParameterIR): boolean => p.exact && (p.type.k === 'money' || p.type.k === 'integer' || p.type.k === 'months');

/** A definition known to be whole keeps only its numerator: n / d is an exact integer division. */
function whole(v: V, d: I.DefinitionIR): V {
  if (v.k !== 'num' || v.sd !== undefined || !d.exact) return v;
  return staticNum(`${isAtom(v.n) ? v.n : `(${v.n})`} / ${isAtom(v.d) ? v.d : `(${v.d})`}`, 1n, v.nonNeg);
}

/** How the batch function computes the definitions, in order. */
type Step =
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
function inlined(defs: readonly I.DefinitionIR[]): Set<string> {
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
function mayConflict(d: I.DefinitionIR): boolean {
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
function schedule(defs: readonly I.DefinitionIR[], regional: ReadonlySet<string>, inline: ReadonlySet<string>): Step[] {
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
function regionalParams(ir: I.PolicyIR): Set<string> {
  const out = new Set<string>();
  for (const p of ir.parameters) {
    if (p.regions.length) out.add(p.id);
    const all = [...p.values, ...p.regions.flatMap((r) => r.values)];
    for (const v of all) for (const e of Array.isArray(v.value) ? (v.value as I.Expr[]) : [v.value as I.Expr]) forEachExpr(e, (x) => x.k === 'param' && out.has(x.id) && out.add(p.id));
  }
  return out;
}

interface Site {
  readonly kind: 'exception' | 'table' | 'overflow';
  readonly definition: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
}

/** A definition the compiled code cannot hold exactly, with where it is. */
/** An optional field's default as the module's runtime reads it: encoded as its column stores it. */
function optionalDefault(f: FieldSpec): (string | number)[] | null {
  const d = f.optional;
  if (!d) return null;
  if ('value' in d) return ['value', encodeValue(f, d.value)];
  if ('same' in d) return ['same', d.same];
  return ['when', d.when, encodeValue(f, d.then), encodeValue(f, d.else)];
}

export class CompileLimit extends Error {
  constructor(
    readonly definition: string,
    readonly origin: I.Origin,
    readonly detail: string,
  ) {
    super(`${definition} needs numbers beyond the exact range of compiled code (${detail})`);
  }
}

/** Runs `f`, naming `where` if it needs numbers compiled code cannot hold exactly. */
function within<T>(where: { id: string; origin: I.Origin }, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof CompileLimitError) throw new CompileLimit(where.id, where.origin, e.message);
    throw e;
  }
}

export function emitModule(ir: I.PolicyIR, opts: EmitOptions): string {
  const names = new Names();
  const enumIndex = new Map(ir.enums.map((e) => [e.id, e]));
  const enumCode = (enumId: string, value: string): number => {
    const i = enumIndex.get(enumId)?.values.findIndex((v) => v.id === value) ?? -1;
    if (i < 0) throw new Error(`internal: ${value} is not a value of ${enumId}`);
    return i;
  };
  const params = new Map(ir.parameters.map((p) => [p.id, p]));
  const regional = regionalParams(ir);
  const reachable = reachableDefinitions(ir, ir.outputs);
  const inline = inlined(reachable);
  const steps = schedule(reachable, regional, inline);
  const byId = new Map(reachable.map((d) => [d.id, d]));
  const sites: Site[] = [];
  let tmpCounter = 0;
  const tmp = () => `t${tmpCounter++}`;
  let currentDef: I.DefinitionIR | undefined;

  const conflict = (kind: 'exception' | 'table', where: string): string => {
    const d = currentDef!;
    sites.push({ kind, definition: d.id, message: `${where} (${d.origin.file}:${d.origin.at[0]})`, file: d.origin.file, line: d.origin.at[0] });
    return `{ if (err === 0) err = ${sites.length}; }`;
  };

  // ---- parameter data and formulas ----
  const formulas: string[] = [];
  const constRefs = (r: string): Refs => ({
    field: () => {
      throw new Error('internal: a parameter value reads a household field');
    },
    param: (id, index) => {
      const p = params.get(id)!;
      const w = p.by ? enumIndex.get(p.by)!.values.length : 1;
      const at = index === undefined ? r : w === 1 ? r : `${r} * ${w} + ${index}`;
      const key = jsonLiteral(id);
      return isCodeType(p.type) ? { code: `N[${key}][${at}]` } : { n: `N[${key}][${at}]`, d: `D[${key}][${at}]` };
    },
    def: () => {
      throw new Error('internal: a parameter value reads a definition');
    },
    evaluationDay: 'day',
    enumCode,
    conflict: () => '{}',
  });
  const encodeValue = (e: I.Expr, t: I.ParameterIR['type']): unknown => {
    if (e.k === 'const') {
      if (typeof e.v === 'boolean') return [e.v ? 1 : 0, 1];
      if (t.k === 'enum') return [enumCode(t.name, e.v), 1];
      if (t.k === 'date') return [Date.UTC(Number(e.v.slice(0, 4)), Number(e.v.slice(5, 7)) - 1, Number(e.v.slice(8, 10))) / 86400000, 1];
      if (t.k === 'region') return [Number(e.v), 1];
      const v = Q.parseRational(e.v)!;
      const c = t.k === 'money' ? Q.mul(v, Q.rat(100)) : v;
      return [Number(intLiteral(c.n).replace(/[()]/g, '')), Number(c.d)];
    }
    const block = new Block();
    const ctx: GenCtx = { out: block, inMembers: false, refs: constRefs('r'), tmp };
    const v = gen(e, ctx);
    const ret = v.k === 'num' ? `return [${v.n}, ${v.d}];` : v.k === 'bool' ? `return [${v.e} ? 1 : 0, 1];` : `return [${v.e}, 1];`;
    formulas.push(['function (N, D, r, day) {', ...block.lines.map((l) => '  ' + l), '  ' + ret, '}'].join('\n'));
    return formulas.length - 1;
  };
  const encodeDated = (v: I.DatedValue, t: I.ParameterIR['type']) => ({
    from: v.from,
    v: (Array.isArray(v.value) ? (v.value as I.Expr[]) : [v.value as I.Expr]).map((e) => encodeValue(e, t)),
  });
  const paramData = ir.parameters.map((p) => within(p, () => ({
    id: p.id,
    kind: p.kind,
    type: typeName(p.type),
    ...(p.by ? { by: p.by, values: enumIndex.get(p.by)!.values.map((v) => v.id) } : {}),
    ...(p.type.k === 'enum' ? { enum: enumIndex.get(p.type.name)!.values.map((v) => v.id) } : {}),
    width: p.by ? enumIndex.get(p.by)!.values.length : 1,
    divisor: p.divisor,
    settable: !p.hidden,
    defaults: p.values.map((v) => encodeDated(v, p.type)),
    regions: p.regions.map((r) => ({ codes: r.codes, values: r.values.map((v) => encodeDated(v, p.type)) })),
  })));

  // ---- the batch function ----
  const usedFields = { household: new Set<string>(), person: new Set<string>() };
  const usedParams = new Set<string>();
  const defVals = new Map<string, V>();
  const scratch = new Map<string, { kind: V['k']; dynamic: boolean }>();
  let inKeyed = false;
  let keyedLoop: string[] = [];
  let loopLocals = new Map<string, V>();
  const scratchRead = new Set<string>();

  const refs: Refs = {
    field: (level, id) => {
      if (inKeyed && level === 'household' && id === 'area') return 'a';
      usedFields[level].add(id);
      return level === 'household' ? `${names.get('H_', id)}[h]` : `${names.get('P_', id)}[p]`;
    },
    param: (id, index) => {
      usedParams.add(id);
      const p = params.get(id)!;
      const w = p.by ? enumIndex.get(p.by)!.values.length : 1;
      const nm = names.get('', id);
      if (regional.has(id) || index !== undefined) {
        const slot = regional.has(id) ? (w === 1 ? 'r' : `r * ${w}`) : '';
        const at = index === undefined ? slot : slot ? `${slot} + ${index}` : index;
        return isCodeType(p.type) ? { code: `PN_${nm}[${at}]` } : wholeParam(p) ? { n: `PN_${nm}[${at}]`, d: '1' } : { n: `PN_${nm}[${at}]`, d: `PD_${nm}[${at}]` };
      }
      return isCodeType(p.type) ? { code: `pn_${nm}` } : wholeParam(p) ? { n: `pn_${nm}`, d: '1' } : { n: `pn_${nm}`, d: `pd_${nm}` };
    },
    def: (id, level, ctx) => {
      if (inline.has(id)) {
        const d = byId.get(id)!;
        return whole(genUniform(d, ctx), d);
      }
      if (level === 'household') return defVals.get(id)!;
      const local = loopLocals.get(id);
      if (local) return local;
      scratchRead.add(id);
      const s = scratch.get(id)!;
      const nm = names.get('s_', id);
      if (s.kind === 'bool') return { k: 'bool', e: `${nm}[j] !== 0` };
      if (s.kind === 'code') return { k: 'code', e: `${nm}[j]` };
      const sv = defVals.get(id) as Extract<V, { k: 'num' }>;
      return s.dynamic ? { k: 'num', n: `${nm}[j]`, d: `${names.get('sd_', id)}[j]`, nonNeg: sv.nonNeg } : staticNum(`${nm}[j]`, sv.sd!, sv.nonNeg);
    },
    evaluationDay: 'DAY',
    enumCode,
    conflict,
    order: (operands) => {
      if (operands.some(divides)) return operands;
      const costs = new Map(operands.map((x) => [x, cost(x)]));
      return [...operands].sort((x, y) => costs.get(x)! - costs.get(y)!);
    },
  };

  // A value chosen among parameters and constants only (if/match/table arms, min/max of such) is the
  // same for every household when all its candidates are equal in this run — an add-on whose rates
  // are all 0 %, say. That is tested once before the loop, and the choice skipped when it holds.
  const candidates = (e: I.Expr): I.Expr[] | undefined => {
    const all = (xs: readonly (I.Expr | undefined)[]): I.Expr[] | undefined => {
      const out: I.Expr[] = [];
      for (const x of xs) {
        const c = x && candidates(x);
        if (!c) return undefined;
        out.push(...c);
      }
      return out;
    };
    switch (e.k) {
      case 'const':
        return [e];
      case 'param':
        return !e.index && !regional.has(e.id) ? [e] : undefined;
      case 'if':
        return all([e.a, e.b]);
      case 'match':
        return all([...e.arms.map((a) => a.body), ...(e.otherwise ? [e.otherwise] : [])]);
      case 'table':
        return e.hit === 'collect-sum' ? undefined : all([...e.rows.map((r) => r.result), ...(e.else ? [e.else] : [])]);
      case 'minmax':
        return all(e.args);
      default:
        return undefined;
    }
  };
  const uniformFlags = new Map<string, { flag: string; n: string; d: string } | null>();
  const uniformOf = (d: I.DefinitionIR): { flag: string; n: string; d: string } | null => {
    if (uniformFlags.has(d.id)) return uniformFlags.get(d.id)!;
    let u: { flag: string; n: string; d: string } | null = null;
    const c = d.exceptions.length || d.type.k === 'bool' || d.type.k === 'enum' || d.type.k === 'date' ? undefined : candidates(d.expr);
    // Worth it only for a real choice, among run-time values.
    if (c && c.length >= 2 && c.some((x) => x.k === 'param') && !(d.expr.k === 'param' || d.expr.k === 'const')) {
      const ctx: GenCtx = { out: pre, inMembers: false, refs, tmp };
      const vals = c.map((x) => gen(x, ctx)).filter((v): v is Extract<V, { k: 'num' }> => v.k === 'num');
      if (vals.length === c.length) {
        const flag = tmp();
        const [first, ...rest] = vals;
        pre.push(`const ${flag} = ${rest.map((v) => `${v.n} * ${first!.d} === ${first!.n} * ${v.d}`).join(' && ')};`);
        u = { flag, n: first!.n, d: first!.d };
      }
    }
    uniformFlags.set(d.id, u);
    return u;
  };
  /** A definition's expression, with the same-for-everyone shortcut where it applies. */
  const genUniform = (d: I.DefinitionIR, ctx: GenCtx): V => {
    const u = uniformOf(d);
    if (!u) return gen(d.expr, ctx);
    const inner = new Block();
    const v = gen(d.expr, { ...ctx, out: inner });
    if (v.k !== 'num' || v.sd !== undefined) {
      ctx.out.push(...inner.lines);
      return v;
    }
    const t = tmp();
    ctx.out.push(`let ${t}, ${t}d;`, `if (${u.flag}) {`, `  ${t} = ${u.n}; ${t}d = ${u.d};`, '} else {');
    ctx.out.nest(inner);
    ctx.out.push(`  ${t} = ${v.n}; ${t}d = ${v.d};`, '}');
    return { k: 'num', n: t, d: `${t}d`, nonNeg: false };
  };
  // The cost of testing an operand: its nodes, through definitions computed where they are used;
  // a value computed already costs one, an aggregation a loop.
  const costs = new Map<string, number>();
  const cost = (e: I.Expr): number => {
    let c = 0;
    forEachExpr(e, (x) => {
      c += x.k === 'agg' ? 50 : 1;
      if (x.k === 'def' && inline.has(x.id)) {
        let k = costs.get(x.id);
        if (k === undefined) costs.set(x.id, (k = defExprs(byId.get(x.id)!).reduce((a, y) => a + cost(y), 0)));
        c += k;
      }
    });
    return c;
  };
  // Whether an operand divides (here or in a definition computed where it is used): a division may
  // rely on the operands before it for a non-zero divisor, so such a chain keeps its order.
  const divides = (e: I.Expr): boolean => {
    let d = false;
    forEachExpr(e, (x) => {
      if (x.k === 'arith' && x.op === '/') d = true;
      if (x.k === 'def' && inline.has(x.id) && defExprs(byId.get(x.id)!).some(divides)) d = true;
    });
    return d;
  };
  /** Does the expression read only household-level values (looking through inlined definitions)? */
  const householdLevel = (e: I.Expr): boolean => {
    let ok = true;
    forEachExpr(e, (x) => {
      if ((x.k === 'field' && x.level === 'person') || (x.k === 'def' && x.level === 'person' && !(inline.has(x.id) && householdLevel(byId.get(x.id)!.expr))) || x.k === 'agg') ok = false;
    });
    return ok;
  };
  /** The household-level conjuncts that lead a member filter, as one condition. */
  const householdGuard = (filter: I.Expr | undefined): I.Expr | undefined => {
    if (!filter) return undefined;
    const e = filter.k === 'def' && inline.has(filter.id) ? byId.get(filter.id)!.expr : filter;
    const conjuncts: I.Expr[] = [];
    const spine = (x: I.Expr): void => {
      if (x.k === 'and') {
        spine(x.a);
        spine(x.b);
      } else conjuncts.push(x);
    };
    spine(e);
    const lead: I.Expr[] = [];
    for (const c of conjuncts) {
      if (!householdLevel(c)) break;
      lead.push(c);
    }
    return lead.length ? lead.reduce((a, b) => ({ k: 'and', t: a.t, a, b })) : undefined;
  };
  const pre = new Block();
  const body = new Block();
  const comment = (d: I.DefinitionIR) => `// ${commentText(`${d.id}${d.label ? ' ' + d.label : ''}${d.cite.length ? ' ' + d.cite.map((c) => `[${citeText(c)}]`).join('') : ''}`)}`;
  // Person-level values read outside the loop that computes them are kept in per-member arrays.
  const stepOf = new Map<string, number>();
  steps.forEach((st, k) => {
    if (st.kind === 'members') for (const d of [...st.persons, ...st.aggregates]) stepOf.set(d.id, k);
    else stepOf.set(st.def.id, k);
  });
  const needsStore = new Set<string>();
  const readsOf = (d: I.DefinitionIR, into: Set<string>, seen = new Set<string>()): Set<string> => {
    for (const x of defExprs(d))
      forEachExpr(x, (e) => {
        if (e.k !== 'def' || seen.has(e.id)) return;
        seen.add(e.id);
        if (inline.has(e.id)) readsOf(byId.get(e.id)!, into, seen);
        else into.add(e.id);
      });
    return into;
  };
  for (const d of reachable) {
    if (inline.has(d.id)) continue;
    for (const id of readsOf(d, new Set())) if (byId.get(id)?.level === 'person' && stepOf.get(id) !== stepOf.get(d.id)) needsStore.add(id);
  }
  /** Binds a household-level value to its name(s) in `out`, for the definitions that read it. */
  const bindHousehold = (d: I.DefinitionIR, v: V, out: Block) => {
    const nm = names.get('h_', d.id);
    if (v.k !== 'num') {
      out.push(`const ${nm} = ${v.e};`);
      defVals.set(d.id, { k: v.k, e: nm });
    } else if (v.sd !== undefined) {
      out.push(`const ${nm} = ${v.n};`);
      defVals.set(d.id, staticNum(nm, v.sd, v.nonNeg));
    } else {
      const dn = names.get('hd_', d.id);
      out.push(`const ${nm} = ${v.n}, ${dn} = ${v.d};`);
      defVals.set(d.id, { k: 'num', n: nm, d: dn, nonNeg: v.nonNeg });
    }
  };
  const defineHousehold = (d: I.DefinitionIR, out: Block) => {
    currentDef = d;
    out.push(comment(d));
    const ctx: GenCtx = { out, inMembers: false, refs, tmp };
    bindHousehold(d, within(d, () => whole(d.exceptions.length ? exceptions(d, ctx) : gen(d.expr, ctx), d)), out);
  };
  // Keyed values: one table per value, indexed by region slot × area, filled before the loop and
  // read at the start of each household.
  for (const step of steps) if (step.kind === 'constant') defineHousehold(step.def, pre);
  const keyedSteps = steps.filter((st): st is Extract<Step, { kind: 'keyed' }> => st.kind === 'keyed');
  const areas = enumSpec('area')!.values.length;
  if (keyedSteps.length) {
    const fill = new Block();
    const loads: string[] = [];
    const tables: string[] = [];
    inKeyed = true;
    for (const st of keyedSteps) {
      defineHousehold(st.def, fill);
      const v = defVals.get(st.def.id)!;
      const k = names.get('K_', st.def.id);
      const nm = names.get('h_', st.def.id);
      if (v.k === 'num' && v.sd === undefined) {
        const kd = names.get('KD_', st.def.id);
        tables.push(`const ${k} = new Float64Array(${areas} * KR), ${kd} = new Float64Array(${areas} * KR);`);
        fill.push(`${k}[r * ${areas} + a] = ${v.n}; ${kd}[r * ${areas} + a] = ${v.d};`);
        const dn = names.get('hd_', st.def.id);
        loads.push(`const ${nm} = ${k}[KI], ${dn} = ${kd}[KI];`);
        defVals.set(st.def.id, { k: 'num', n: nm, d: dn, nonNeg: v.nonNeg });
      } else {
        tables.push(`const ${k} = new Float64Array(${areas} * KR);`);
        fill.push(`${k}[r * ${areas} + a] = ${v.k === 'num' ? v.n : v.k === 'bool' ? `${v.e} ? 1 : 0` : v.e};`);
        loads.push(`const ${nm} = ${v.k === 'bool' ? `${k}[KI] !== 0` : `${k}[KI]`};`);
        defVals.set(st.def.id, v.k === 'num' ? staticNum(nm, v.sd!, v.nonNeg) : { k: v.k, e: nm });
      }
    }
    inKeyed = false;
    usedFields.household.add('area');
    keyedLoop = [
      'const KR = regions.codes.length, KS = regions.slot;',
      ...tables,
      'for (let r = 0; r < KR; r++) {',
      `  for (let a = 0; a < ${areas}; a++) {`,
      ...fill.lines.map((l) => '    ' + l),
      '  }',
      '}',
    ];
    body.push(`const KI = KS[h] * ${areas} + ${names.get('H_', 'area')}[h];`, ...loads);
  }
  for (const step of steps) {
    if (step.kind === 'constant' || step.kind === 'keyed') continue;
    else if (step.kind === 'household') defineHousehold(step.def, body);
    else {
      const loop = new Block();
      loopLocals = new Map();
      for (const pd of step.persons) {
        currentDef = pd;
        loop.push(comment(pd));
        const ctx: GenCtx = { out: loop, inMembers: true, refs, tmp };
        const v = within(pd, () => whole(pd.exceptions.length ? exceptions(pd, ctx) : genUniform(pd, ctx), pd));
        const nm = names.get('s_', pd.id);
        const local = names.get('v_', pd.id);
        if (v.k === 'num') {
          const dynamic = v.sd === undefined;
          loop.push(`const ${local} = ${v.n};`);
          if (needsStore.has(pd.id)) loop.push(`${nm}[j] = ${local};`);
          const localD = names.get('vd_', pd.id);
          if (dynamic) loop.push(`const ${localD} = ${v.d};`);
          if (dynamic && needsStore.has(pd.id)) loop.push(`${names.get('sd_', pd.id)}[j] = ${localD};`);
          scratch.set(pd.id, { kind: 'num', dynamic });
          const lv: V = dynamic ? { k: 'num', n: local, d: localD, nonNeg: v.nonNeg } : staticNum(local, v.sd!, v.nonNeg);
          defVals.set(pd.id, lv);
          loopLocals.set(pd.id, lv);
        } else {
          loop.push(`const ${local} = ${v.e};`);
          if (needsStore.has(pd.id)) loop.push(`${nm}[j] = ${v.k === 'bool' ? `${local} ? 1 : 0` : local};`);
          scratch.set(pd.id, { kind: v.k, dynamic: false });
          const lv: V = { k: v.k, e: local };
          defVals.set(pd.id, lv);
          loopLocals.set(pd.id, lv);
        }
      }
      const init = new Block();
      const after = new Block();
      for (const ad of step.aggregates) {
        currentDef = ad;
        loop.push(comment(ad));
        const acc = within(ad, () => fusedAggregate(ad.expr as Extract<I.Expr, { k: 'agg' }>, { out: loop, inMembers: true, refs, tmp }, init, after));
        bindHousehold(ad, whole(acc, ad), after);
      }
      loopLocals = new Map();
      // A loop that only aggregates, over members filtered by a household-level condition first,
      // is skipped when that condition is false: every accumulator then keeps its initial value.
      const guards = step.persons.length ? [] : step.aggregates.map((a) => householdGuard((a.expr as Extract<I.Expr, { k: 'agg' }>).filter));
      body.push(...init.lines);
      if (guards.length && guards.every(Boolean)) {
        const g = new Block();
        const conds = guards.map((x) => gen(x!, { out: g, inMembers: false, refs, tmp }));
        body.push(...g.lines, `if (${conds.map((c) => `(${(c as { e: string }).e})`).join(' || ')}) {`);
        body.push('  for (let p = ps, j = 0; p < pe; p++, j++) {');
        for (const l of loop.lines) body.push('    ' + l);
        body.push('  }', '}', ...after.lines);
      } else {
        body.push('for (let p = ps, j = 0; p < pe; p++, j++) {');
        body.nest(loop);
        body.push('}', ...after.lines);
      }
    }
  }
  for (const id of scratchRead) if (!needsStore.has(id)) throw new Error(`internal: ${id} is read from a member array that is never written`);
  for (const id of [...scratch.keys()]) if (!needsStore.has(id)) scratch.delete(id);

  // outputs
  const outputs = ir.definitions.filter((d) => ir.outputs.includes(d.id));
  const usesRounding = new Set<string>();
  for (const d of reachable) {
    let r = false;
    for (const x of defExprs(d)) forEachExpr(x, (e) => (e.k === 'round' || (e.k === 'def' && usesRounding.has(e.id))) && (r = true));
    if (r) usesRounding.add(d.id);
  }
  const outKind = (d: I.DefinitionIR): 'f64' | 'i32' | 'u8' => (d.type.k === 'bool' || d.type.k === 'enum' ? 'u8' : d.type.k === 'integer' || d.type.k === 'months' ? 'i32' : 'f64');
  const overflowSite = sites.length + 1;
  sites.push({ kind: 'overflow', definition: '', message: 'a value is beyond the exact range of the compiled code (2^53)', file: ir.policy.file, line: 1 });
  for (const d of outputs) {
    const v = defVals.get(d.id)!;
    const o = names.get('O_', d.id);
    if (v.k === 'num') {
      const value = v.sd === 1n ? v.n : `${v.n} / ${v.d}`;
      // NaN only comes from rounding past 2^53, where float64 stops being exact.
      if (usesRounding.has(d.id)) body.push(`if (${value} !== ${value} && err === 0) err = ${overflowSite};`);
      body.push(`${o}[h] = ${value};`);
    } else body.push(`${o}[h] = ${v.k === 'bool' ? `${v.e} ? 1 : 0` : v.e};`);
  }

  const hoist: string[] = [];
  for (const id of usedFields.household) hoist.push(`const ${names.get('H_', id)} = pop.household[${jsonLiteral(id)}];`);
  for (const id of usedFields.person) hoist.push(`const ${names.get('P_', id)} = pop.person[${jsonLiteral(id)}];`);
  for (const id of usedParams) {
    const nm = names.get('', id);
    const p = params.get(id)!;
    const hasIndex = !!p.by;
    if (regional.has(id) || hasIndex) {
      hoist.push(`const PN_${nm} = params.n[${jsonLiteral(id)}];`);
      if (!isCodeType(p.type) && !wholeParam(p)) hoist.push(`const PD_${nm} = params.d[${jsonLiteral(id)}];`);
    } else {
      hoist.push(`const pn_${nm} = params.n[${jsonLiteral(id)}][0];`);
      if (!isCodeType(p.type) && !wholeParam(p)) hoist.push(`const pd_${nm} = params.d[${jsonLiteral(id)}][0];`);
    }
  }
  const usesSlot = [...usedParams].some((id) => regional.has(id));
  hoist.push('const DAY = params.day;', 'const MS = pop.memberStart;', ...(usesSlot ? ['const slot = regions.slot;'] : []), 'const E = out.errors;');
  for (const d of outputs) hoist.push(`const ${names.get('O_', d.id)} = out.columns[${jsonLiteral(d.id)}];`);
  const scratchLines: string[] = [];
  for (const [id, s] of scratch) {
    const nm = names.get('s_', id);
    scratchLines.push(`const ${nm} = new ${s.kind === 'bool' ? 'Uint8Array' : 'Float64Array'}(maxMembers);`);
    if (s.dynamic) scratchLines.push(`const ${names.get('sd_', id)} = new Float64Array(maxMembers);`);
  }

  const batch = [
    '/**',
    ' * Evaluates households [from, to) of a population held as columns. Writes every output and, for',
    ' * a household whose evaluation failed, a non-zero error site (see SITES) to out.errors.',
    ' * out is { errors: Uint16Array, columns: { [output id]: typed array } } from allocateOutputs.',
    ' * Returns the number of households with an error.',
    ' */',
    'export function evaluateBatch(pop, regions, params, out, from = 0, to = pop.households) {',
    ...hoist.map((l) => '  ' + l),
    '  let maxMembers = 1;',
    '  for (let h = from; h < to; h++) if (MS[h + 1] - MS[h] > maxMembers) maxMembers = MS[h + 1] - MS[h];',
    ...scratchLines.map((l) => '  ' + l),
    ...pre.lines.map((l) => '  ' + l),
    ...keyedLoop.map((l) => '  ' + l),
    '  let errors = 0;',
    '  for (let h = from; h < to; h++) {',
    `    const ps = MS[h], pe = MS[h + 1]${usesSlot ? ', r = slot[h]' : ''};`,
    '    let err = 0;',
    ...body.lines.map((l) => '    ' + l),
    '    E[h] = err;',
    '    if (err !== 0) errors++;',
    '  }',
    '  return errors;',
    '}',
  ];

  const meta = {
    id: ir.policy.id,
    label: ir.policy.label ?? null,
    region: ir.policy.region,
    effective: ir.policy.effective,
    file: ir.policy.file,
    chain: ir.policy.chain,
    documents: ir.documents,
  };
  const outputMeta = outputs.map((d) => ({
    id: d.id,
    label: d.label ?? null,
    type: typeName(d.type),
    column: outKind(d),
    ...(d.type.k === 'enum' ? { values: enumIndex.get(d.type.name)!.values.map((v) => v.id) } : {}),
    cite: d.cite.map(citeText),
  }));
  const fieldMeta = (level: 'household' | 'person') =>
    (level === 'household' ? HOUSEHOLD_FIELDS : PERSON_FIELDS).map((f) => [
      f.id,
      f.zh,
      f.type ? typeName(f.type) : 'id',
      f.column ?? null,
      f.type?.k === 'enum' ? enumSpec(f.type.name)!.values.flatMap((v) => [v.id, v.zh]) : null,
      f.min ?? null,
      f.max ?? null,
      optionalDefault(f),
    ]);

  const cites = ir.documents.map((d) => `//   ${commentText(`${d.key}: ${d.title}`)}`);
  return [
    `// Doudi compiled policy: ${commentText(ir.policy.id)}${ir.policy.label ? ` — ${commentText(ir.policy.label)}` : ''}`,
    `// Compiled from ${commentText(ir.policy.file)} by doudi ${commentText(opts.version)}. Do not edit: edit the policy and compile again.`,
    '// Money is in fen inside this module and in yuan at evaluate(); every number is an exact fraction.',
    '// Sources:',
    ...cites,
    '',
    `export const policy = ${jsonLiteral(meta)};`,
    '',
    `export const outputs = ${jsonLiteral(outputMeta)};`,
    '',
    '/** Error sites: out.errors[h] = i + 1 for SITES[i]. */',
    `export const SITES = ${jsonLiteral(sites)};`,
    '',
    `const PARAMS = ${jsonLiteral(paramData)};`,
    '',
    `const FIELDS = { household: ${jsonLiteral(fieldMeta('household'))}, person: ${jsonLiteral(fieldMeta('person'))} };`,
    '',
    `const FORMULAS = [${formulas.join(',\n')}];`,
    '',
    RUNTIME_SOURCE,
    '',
    MODULE_RUNTIME,
    '',
    ...batch,
    '',
  ].join('\n');
}

/** The data-driven part of every module: parameters, regions, outputs, reading one household. */
const MODULE_RUNTIME = String.raw`/** Region codes of a population and each household's slot among them. */
export function regionsOf(pop) {
  const codes = [];
  const index = new Map();
  const slot = new Uint16Array(pop.households);
  const col = pop.household.region;
  for (let h = 0; h < pop.households; h++) {
    const c = col[h];
    let s = index.get(c);
    if (s === undefined) {
      s = codes.length;
      index.set(c, s);
      codes.push(String(c).padStart(6, '0'));
    }
    slot[h] = s;
  }
  return { codes, slot };
}

function regionBlock(p, code) {
  let best = null;
  let rank = 0;
  for (const b of p.regions) {
    for (const c of b.codes) {
      const k = c === code ? 3 : c.endsWith('00') && !c.endsWith('0000') && c.slice(0, 4) === code.slice(0, 4) ? 2 : c.endsWith('0000') && c.slice(0, 2) === code.slice(0, 2) ? 1 : 0;
      if (k > rank) {
        rank = k;
        best = { values: b.values, where: k === 3 ? ' in region ' + code : k === 2 ? ' in region ' + code + ' (prefecture block)' : ' in region ' + code + ' (province block)' };
      }
    }
  }
  return best || { values: p.defaults, where: p.regions.length ? ' for region ' + code : '' };
}

function settingValue(p, raw) {
  const fail = (why) => {
    throw new Error('--set ' + p.id + '=' + raw + ': ' + why);
  };
  if (!p.settable) fail(p.id + ' cannot be set');
  const text = String(raw).trim();
  switch (p.type) {
    case 'bool':
      if (raw === true || raw === false) return [raw ? 1 : 0, 1];
      if (text === 'true' || text === 'false') return [text === 'true' ? 1 : 0, 1];
      return fail('expected true or false');
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? [dayNumber(text), 1] : fail('expected a date YYYY-MM-DD');
    case 'region':
      return /^\d{6}$/.test(text) ? [Number(text), 1] : fail('expected a 6-digit region code');
    default: {
      if (p.enum) {
        const i = p.enum.indexOf(text);
        return i >= 0 ? [i, 1] : fail('expected one of ' + p.enum.join(', '));
      }
      const v = parseFraction(text.replace(/^[¥￥]/, '').replace(/元$/, '').replace(/\s*months?$/, ''));
      if (!v) return fail(p.type.startsWith('money') ? 'expected an amount in yuan, e.g. 1600 or 1600.50' : p.type === 'rate' ? 'expected a rate, e.g. 3.5% or 0.035' : 'expected a number');
      if ((p.type === 'integer' || p.type === 'months') && v[1] !== 1) fail('expected a whole number');
      if (p.type.startsWith('money')) {
        const fen = v[0] * 100;
        if (fen % v[1] !== 0) fail('money is exact to the fen: at most two decimals');
        return [fen / v[1], 1];
      }
      return v;
    }
  }
}

/**
 * Parameter values for a date and the given region codes, as n/d arrays (slot * width + index).
 * options: { date: 'YYYY-MM-DD', sets: { id: value } }. Throws an Error naming what is missing.
 */
export function resolveParameters(options, codes) {
  const date = options.date;
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error('the date must be YYYY-MM-DD, not ' + String(date));
  const eff = policy.effective;
  if (date < eff.from) throw new Error('policy ' + policy.id + ' has no value in force on ' + date + ': it is in force from ' + eff.from);
  if (eff.to && date > eff.to) throw new Error('policy ' + policy.id + ' has no value in force on ' + date + ': it is in force until ' + eff.to);
  const sets = options.sets || {};
  const has = (key) => Object.prototype.hasOwnProperty.call(sets, key);
  for (const key of Object.keys(sets)) {
    const dot = key.indexOf('.');
    const id = dot < 0 ? key : key.slice(0, dot);
    const p = PARAMS.find((x) => x.id === id && x.settable);
    if (!p) throw new Error('--set ' + key + ': no parameter or input of ' + policy.id + ' has that name');
    if (dot >= 0 && !(p.values && p.values.includes(key.slice(dot + 1)))) throw new Error('--set ' + key + ': ' + id + (p.values ? ' has no entry ' + key.slice(dot + 1) + ' (entries: ' + p.values.join(', ') + ')' : ' has no entries'));
  }
  const day = dayNumber(date);
  const n = Object.create(null);
  const d = Object.create(null);
  for (const p of PARAMS) {
    const w = p.width;
    const N = new Float64Array(codes.length * w);
    const D = new Float64Array(codes.length * w);
    n[p.id] = N;
    d[p.id] = D;
    const whole = has(p.id) ? settingValue(p, sets[p.id]) : undefined;
    const entries = p.values ? p.values.map((k) => (has(p.id + '.' + k) ? settingValue(p, sets[p.id + '.' + k]) : whole)) : [whole];
    for (let r = 0; r < codes.length; r++) {
      let values;
      if (entries.every((x) => x !== undefined)) values = entries;
      else {
        const block = p.kind === 'input' ? { values: p.defaults, where: '' } : regionBlock(p, codes[r]);
        let hit = null;
        for (const v of block.values) if (v.from <= date) hit = v;
        if (!hit) {
          const first = block.values.length ? ' (its first value is from ' + block.values[0].from + ')' : '';
          throw new Error('parameter ' + p.id + ' has no value in force on ' + date + block.where + first);
        }
        values = hit.v.map((x, i) => entries[i] || (typeof x === 'number' ? FORMULAS[x](n, d, r, day) : x));
      }
      for (let i = 0; i < w; i++) {
        N[r * w + i] = values[i][0];
        D[r * w + i] = values[i][1];
        if (p.divisor && values[i][0] === 0) throw new Error('parameter ' + p.id + ' is 0 on ' + date + ' and rules divide by it');
      }
    }
  }
  return { date, day, codes, n, d };
}

/** Output columns for n households: out.columns[id] (money in fen) and out.errors (0, or a site of SITES + 1). */
export function allocateOutputs(n) {
  const columns = Object.create(null);
  for (const o of outputs) columns[o.id] = o.column === 'u8' ? new Uint8Array(n) : o.column === 'i32' ? new Int32Array(n) : new Float64Array(n);
  return { errors: new Uint16Array(n), columns };
}

function readValue(spec, raw, where) {
  const [id, , type, , values, min, max] = spec;
  const fail = (why) => {
    throw new Error(where + id + ' ' + why);
  };
  if (type === 'bool') {
    if (raw === true || raw === false) return raw ? 1 : 0;
    if (raw === 'true' || raw === 'false') return raw === 'true' ? 1 : 0;
    return fail('must be true or false');
  }
  if (values) {
    const i = typeof raw === 'string' ? values.indexOf(raw) : -1;
    if (i < 0) return fail('is not one of ' + values.filter((_, k) => k % 2 === 0).join(', '));
    return i >> 1;
  }
  if (type === 'region') {
    const s = String(raw);
    return /^\d{6}$/.test(s) ? Number(s) : fail('must be a 6-digit region code');
  }
  if (type.startsWith('money')) {
    if (typeof raw !== 'number' && typeof raw !== 'string') fail('must be an amount in yuan');
    const v = parseFraction(String(raw));
    if (!v || v[0] < 0) fail('must be a non-negative amount in yuan');
    const fen = v[0] * 100;
    if (fen % v[1] !== 0) fail('has more than two decimals (money is exact to the fen)');
    const value = fen / v[1];
    if (spec[3] === 'i32' && value > 2147483647) fail('is too large');
    return value;
  }
  const num = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof num !== 'number' || !Number.isFinite(num)) return fail('must be a number');
  if ((type === 'integer' || type === 'months') && !Number.isInteger(num)) fail('must be a whole number');
  if (min !== null && num < min) fail('is below ' + min);
  if (max !== null && num > max) fail('is above ' + max);
  return num;
}

function readRecord(fields, raw, where, skip) {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(where + ' must be an object');
  const cols = Object.create(null);
  for (const key of Object.keys(raw)) {
    if (skip.includes(key)) continue;
    if (!fields.some((f) => f[0] === key || f[1] === key)) throw new Error(where + 'unknown field "' + key + '"');
  }
  for (const f of fields) {
    const has = Object.prototype.hasOwnProperty;
    const key = has.call(raw, f[0]) ? f[0] : has.call(raw, f[1]) ? f[1] : undefined;
    if (f[3] === null) continue;
    if (key !== undefined) cols[f[0]] = readValue(f, raw[key], where);
    else if (f[7] === null) throw new Error(where + f[0] + ' is missing');
    else {
      // An optional field (schema version 2) left out: its default, a constant or another field's value.
      const d = f[7];
      cols[f[0]] = d[0] === 'value' ? d[1] : d[0] === 'same' ? cols[d[1]] : cols[d[1]] === 1 ? d[2] : d[3];
    }
  }
  return cols;
}

/** One household in the schema's JSON form (money in yuan) as a one-household population. */
export function readHousehold(household) {
  const hh = readRecord(FIELDS.household, household, '', ['members', '成员']);
  const members = household.members ?? household['成员'];
  if (!Array.isArray(members)) throw new Error('members must be a list');
  const people = members.map((m, i) => readRecord(FIELDS.person, m, 'members[' + i + '].', []));
  const column = (kind, n) => (kind === 'f64' ? new Float64Array(n) : kind === 'i32' ? new Int32Array(n) : kind === 'u16' ? new Uint16Array(n) : new Uint8Array(n));
  const pop = { households: 1, persons: people.length, memberStart: Int32Array.of(0, people.length), household: Object.create(null), person: Object.create(null) };
  for (const f of FIELDS.household) if (f[3]) (pop.household[f[0]] = column(f[3], 1))[0] = hh[f[0]];
  for (const f of FIELDS.person) {
    if (!f[3]) continue;
    const col = (pop.person[f[0]] = column(f[3], people.length));
    people.forEach((p, i) => (col[i] = p[f[0]]));
  }
  return pop;
}

/**
 * Evaluates one household (the schema's JSON form) on options.date with options.sets.
 * Returns { outputs } with money in yuan; throws an Error for bad input or a conflict.
 */
export function evaluate(household, options) {
  const pop = readHousehold(household);
  const regions = regionsOf(pop);
  const params = resolveParameters(options, regions.codes);
  const out = allocateOutputs(1);
  evaluateBatch(pop, regions, params, out, 0, 1);
  if (out.errors[0] !== 0) throw new Error(SITES[out.errors[0] - 1].message);
  const result = Object.create(null);
  for (const o of outputs) {
    const v = out.columns[o.id][0];
    result[o.id] = o.values ? o.values[v] : o.type === 'bool' ? v === 1 : o.type.startsWith('money') ? v / 100 : v;
  }
  return { outputs: result };
}`;
