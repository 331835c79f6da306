/**
 * IR expressions → SQL expressions over one row (a household, or a member with its household's
 * values beside it). Branches are CASE expressions; the conditions under which a part of an
 * expression is evaluated are carried along (`path`) so that a conflict — a unique table whose rows
 * overlap, exceptions that disagree — counts only where the interpreter would have evaluated it.
 */
import type * as I from '../ir/types.ts';
import * as Q from '../numbers/rational.ts';
import { roundDiv, type Dialect } from './dialect.ts';
import { type Num, type Val, NARROW, checkRange, constNum, isLiteral, lcm, lit, mulText, paren, personal, safeDen, scale, staticNum } from './values.ts';

export interface Site {
  /** SQL condition: the conflict happened */
  readonly cond: string;
  /** SQL text expression: the message */
  readonly msg: string;
}

export interface Refs {
  field(level: 'household' | 'person', id: string): Val;
  param(id: string, index: Val | undefined): Val;
  def(id: string, level: 'household' | 'person'): Val;
  /** an aggregation over members (household context): registers it, returns its value */
  agg(e: Extract<I.Expr, { k: 'agg' }>, ctx: Ctx): Val;
  /** the run's date as a SQL literal */
  readonly date: string;
  /** an enum's values in declared order (a priority table's order) */
  enumValues(id: string): readonly string[];
}

export interface Ctx {
  readonly D: Dialect;
  readonly refs: Refs;
  readonly level: 'household' | 'person';
  /** the condition under which this expression is evaluated; undefined: always */
  readonly path?: string;
  /** conflicts at this row level, in the order the interpreter meets them */
  readonly sites: Site[];
  readonly def: I.DefinitionIR;
  /** inside any/all over members, which stop at the first deciding member */
  readonly shortCircuit?: boolean;
}

/** A reason an expression cannot be compiled to SQL, with the IR node's place when known. */
export class Unsupported extends Error {
  constructor(
    message: string,
    readonly at?: I.At,
  ) {
    super(message);
  }
}

export const and = (a: string | undefined, b: string): string => (a === undefined ? b : `${paren(a)} AND ${paren(b)}`);

export function asNum(v: Val): Num {
  if (v.k !== 'num') throw new Error(`internal: expected a number, got ${v.k}`);
  return v;
}
function asBool(v: Val): string {
  if (v.k !== 'bool') throw new Error(`internal: expected a bool, got ${v.k}`);
  return v.e;
}
const code = (v: Val): string => {
  if (v.k === 'num') throw new Error('internal: expected a code');
  return v.e;
};

const what = (ctx: Ctx) => `definition ${ctx.def.id}`;

function addSub(a: Num, b: Num, op: '+' | '-', ctx: Ctx): Num {
  return personal(addSubInner(a, b, op, ctx), a, b);
}

function addSubInner(a: Num, b: Num, op: '+' | '-', ctx: Ctx): Num {
  const D = ctx.D;
  const nonNeg = op === '+' && a.nonNeg && b.nonNeg;
  if (a.sd !== undefined && b.sd !== undefined) {
    const L = lcm(a.sd, b.sd);
    const x = scale(D, a, L / a.sd, what(ctx));
    const y = scale(D, b, L / b.sd, what(ctx));
    const nb = x.nb + y.nb;
    checkRange(D, nb, what(ctx));
    const lx = isLiteral(x.e);
    const ly = isLiteral(y.e);
    if (lx !== undefined && ly !== undefined) return { ...constNum(D, op === '+' ? lx + ly : lx - ly, L), nonNeg };
    if (ly === 0n) return staticNum(D, x.e, L, nb, nonNeg, x.wide);
    const wide = x.wide || y.wide || nb >= NARROW;
    const left = nb >= NARROW && !x.wide && !y.wide ? `CAST(${x.e} AS ${D.wide})` : x.e;
    return staticNum(D, `${left} ${op} ${paren(y.e)}`, L, nb, nonNeg, wide);
  }
  // a.n·b.d ± b.n·a.d over a.d·b.d
  const p = mulText(D, a.n, b.d, a.nb * b.db, what(ctx));
  const q = mulText(D, b.n, a.d, b.nb * a.db, what(ctx));
  const nb = a.nb * b.db + b.nb * a.db;
  checkRange(D, nb, what(ctx));
  const dd = mulText(D, a.d, b.d, a.db * b.db, what(ctx));
  const wide = a.wide || b.wide || p.wide || q.wide || nb >= NARROW;
  const left = nb >= NARROW && !p.wide ? `CAST(${p.e} AS ${D.wide})` : p.e;
  return { k: 'num', n: `${left} ${op} ${paren(q.e)}`, d: dd.e, nb, db: a.db * b.db, nonNeg, wide: wide || dd.wide, pd: a.pd || b.pd };
}

function mul(a: Num, b: Num, ctx: Ctx): Num {
  return personal(mulInner(a, b, ctx), a, b);
}

function mulInner(a: Num, b: Num, ctx: Ctx): Num {
  const D = ctx.D;
  const nonNeg = a.nonNeg && b.nonNeg;
  const n = mulText(D, a.n, b.n, a.nb * b.nb, what(ctx));
  if (a.sd !== undefined && b.sd !== undefined) {
    const lv = isLiteral(n.e);
    if (lv !== undefined) return { ...constNum(D, lv, a.sd * b.sd), nonNeg };
    return staticNum(D, n.e, a.sd * b.sd, a.nb * b.nb, nonNeg, a.wide || b.wide || n.wide);
  }
  const d = mulText(D, a.d, b.d, a.db * b.db, what(ctx));
  return { k: 'num', n: n.e, d: d.e, nb: a.nb * b.nb, db: a.db * b.db, nonNeg, wide: a.wide || b.wide || n.wide || d.wide, pd: a.pd || b.pd };
}

function div(a: Num, b: Num, ctx: Ctx): Num {
  return personal(divInner(a, b, ctx), a, b);
}

function divInner(a: Num, b: Num, ctx: Ctx): Num {
  const D = ctx.D;
  const nonNeg = a.nonNeg && b.nonNeg;
  const bl = isLiteral(b.n);
  // By a positive constant: the denominator stays known.
  if (a.sd !== undefined && b.sd !== undefined && bl !== undefined && bl > 0n) {
    const x = scale(D, a, b.sd, what(ctx));
    return staticNum(D, x.e, a.sd * bl, x.nb, nonNeg, x.wide);
  }
  // a.n·b.d·sign(b.n) over a.d·|b.n|: the denominator stays ≥ 0.
  const n = mulText(D, a.n, b.d, a.nb * b.db, what(ctx));
  const signed = b.nonNeg ? n.e : `CASE WHEN ${paren(b.n)} < 0 THEN -${paren(n.e)} ELSE ${n.e} END`;
  const d = mulText(D, a.d, b.nonNeg ? b.n : `abs(${b.n})`, a.db * b.nb, what(ctx));
  return { k: 'num', n: signed, d: d.e, nb: a.nb * b.db, db: a.db * b.nb, nonNeg, wide: a.wide || b.wide || n.wide || d.wide, pd: a.pd || b.pd || !!b.pv };
}

export function compareNums(op: I.CompareOp, a: Num, b: Num, ctx: Ctx): string {
  const sqlOp = op === '!=' ? '<>' : op;
  const D = ctx.D;
  if (a.sd !== undefined && b.sd !== undefined) {
    const L = lcm(a.sd, b.sd);
    return `${paren(scale(D, a, L / a.sd, what(ctx)).e)} ${sqlOp} ${paren(scale(D, b, L / b.sd, what(ctx)).e)}`;
  }
  const x = mulText(D, a.n, b.d, a.nb * b.db, what(ctx));
  const y = mulText(D, b.n, a.d, b.nb * a.db, what(ctx));
  return `${paren(x.e)} ${sqlOp} ${paren(y.e)}`;
}

function compareVals(op: I.CompareOp, a: Val, b: Val, ctx: Ctx): string {
  if (a.k === 'num') return compareNums(op, a, asNum(b), ctx);
  const sqlOp = op === '!=' ? '<>' : op;
  return `${paren(a.e)} ${sqlOp} ${paren(code(b))}`;
}

/**
 * One value chosen among branches: `conds[i]` selects `vals[i]`, the last value is the ELSE
 * (or there is none when `complete` is false and no condition holds — never, by the checker).
 * Numbers are brought over one denominator: the lcm of the known ones times each distinct
 * run-time one (made positive where its branch is not taken).
 */
export function choose(conds: readonly string[], vals: readonly Val[], ctx: Ctx): Val {
  const D = ctx.D;
  const k = vals[0]!.k;
  const caseOf = (parts: readonly string[]) => {
    if (parts.length === 1) return parts[0]!;
    const whens = conds.map((c, i) => `WHEN ${c} THEN ${parts[i]}`).join(' ');
    const rest = parts.length > conds.length ? ` ELSE ${parts[conds.length]}` : '';
    return `CASE ${whens}${rest} END`;
  };
  if (k !== 'num') return { k, e: caseOf(vals.map(code)) } as Val;
  const nums = vals.map(asNum);
  const nonNeg = nums.every((v) => v.nonNeg);
  const L = nums.reduce((l, v) => (v.sd !== undefined ? lcm(l, v.sd) : l), 1n);
  const dyn = [...new Map(nums.filter((v) => v.sd === undefined).map((v) => [v.d, v])).values()];
  if (!dyn.length) {
    const parts = nums.map((v) => scale(D, v, L / v.sd!, what(ctx)));
    const nb = parts.reduce((m, x) => (x.nb > m ? x.nb : m), 0n);
    const v = personal(staticNum(D, caseOf(parts.map((x) => x.e)), L, nb, nonNeg, parts.some((x) => x.wide)), ...nums);
    // a choice made per member varies per member, whatever its branches
    return ctx.level === 'person' && conds.length ? { ...v, pv: true } : v;
  }
  const dynBound = dyn.reduce((m, v) => m * v.db, 1n);
  let nb = 0n;
  let wide = false;
  const parts = nums.map((v) => {
    // v over the common denominator L · Π safeDen(dyn): a known one times L/sd and every run-time
    // one; a run-time one (positive where its branch is taken) times L and the other run-time ones
    const k2 = v.sd !== undefined ? L / v.sd : L;
    const others = v.sd !== undefined ? dyn : dyn.filter((x) => x.d !== v.d);
    const bound = others.reduce((m, x) => m * x.db, v.nb * k2);
    checkRange(D, bound, what(ctx));
    let e = v.n;
    for (const x of others) e = mulText(D, e, safeDen(x), bound, what(ctx)).e;
    e = mulText(D, e, lit(D, k2), bound, what(ctx)).e;
    if (bound >= NARROW) wide = true;
    if (bound > nb) nb = bound;
    return e;
  });
  let d = lit(D, L);
  for (const x of dyn) d = mulText(D, d, safeDen(x), L * dynBound, what(ctx)).e;
  return { k: 'num', n: caseOf(parts), d, nb, db: L * dynBound, nonNeg, wide: wide || nums.some((v) => v.wide), pd: nums.some((v) => v.pd), pv: nums.some((v) => v.pv) || (ctx.level === 'person' && conds.length > 0) };
}

function equalVals(a: Val, b: Val, ctx: Ctx): string {
  return compareVals('=', a, b, ctx);
}

export function gen(e: I.Expr, ctx: Ctx): Val {
  const D = ctx.D;
  switch (e.k) {
    case 'const':
      return constant(e, D);
    case 'field':
      return ctx.refs.field(e.level, e.id);
    case 'param':
      return ctx.refs.param(e.id, e.index ? gen(e.index, ctx) : undefined);
    case 'def':
      return ctx.refs.def(e.id, e.level);
    case 'date':
      return { k: 'text', e: ctx.refs.date };
    case 'neg': {
      const a = asNum(gen(e.a, ctx));
      const l = isLiteral(a.n);
      return { ...a, n: l !== undefined ? lit(D, -l) : `-${paren(a.n)}`, nonNeg: false };
    }
    case 'abs': {
      const a = asNum(gen(e.a, ctx));
      return { ...a, n: `abs(${a.n})`, nonNeg: true };
    }
    case 'not':
      return { k: 'bool', e: `NOT ${paren(asBool(gen(e.a, ctx)))}` };
    case 'arith': {
      const a = asNum(gen(e.a, ctx));
      const b = asNum(gen(e.b, ctx));
      if (e.op === '+' || e.op === '-') return addSub(a, b, e.op, ctx);
      return e.op === '*' ? mul(a, b, ctx) : div(a, b, ctx);
    }
    case 'cmp':
      return { k: 'bool', e: compareVals(e.op, gen(e.a, ctx), gen(e.b, ctx), ctx) };
    case 'and':
    case 'or': {
      const a = asBool(gen(e.a, ctx));
      // b is evaluated only when a does not decide
      const b = asBool(gen(e.b, { ...ctx, path: and(ctx.path, e.k === 'and' ? a : `NOT ${paren(a)}`) }));
      return { k: 'bool', e: `${paren(a)} ${e.k === 'and' ? 'AND' : 'OR'} ${paren(b)}` };
    }
    case 'if': {
      const c = asBool(gen(e.c, ctx));
      const a = gen(e.a, { ...ctx, path: and(ctx.path, c) });
      const b = gen(e.b, { ...ctx, path: and(ctx.path, `NOT ${paren(c)}`) });
      return choose([c], [a, b], ctx);
    }
    case 'match': {
      const on = code(gen(e.on, ctx));
      const conds = e.arms.map((a) => `${paren(on)} IN (${a.values.map((v) => D.str(v)).join(', ')})`);
      const vals = e.arms.map((a, i) => gen(a.body, { ...ctx, path: and(ctx.path, conds[i]!) }));
      if (e.otherwise) return choose(conds, [...vals, gen(e.otherwise, { ...ctx, path: and(ctx.path, `NOT (${conds.join(' OR ')})`) })], ctx);
      // complete without otherwise: the last arm is what remains
      return choose(conds.slice(0, -1), vals, ctx);
    }
    case 'table':
      return table(e, ctx);
    case 'agg':
      if (ctx.level !== 'household') throw new Unsupported('an aggregation over members inside a person-level value');
      return ctx.refs.agg(e, ctx);
    case 'round': {
      const a = asNum(gen(e.a, ctx));
      const step = Q.parseRational(e.step)!;
      const s = e.t.k === 'money' ? Q.mul(step, Q.rat(100)) : step;
      return personal(roundTo(a, s, e.fn === 'round' ? 'half-away' : e.fn === 'round_up' ? 'up' : 'down', ctx), a);
    }
    case 'minmax': {
      const vs = e.args.map((x) => gen(x, ctx));
      if (vs[0]!.k !== 'num') return { k: vs[0]!.k, e: `${e.fn === 'min' ? 'LEAST' : 'GREATEST'}(${vs.map(code).join(', ')})` } as Val;
      const nums = vs.map(asNum);
      if (nums.every((v) => v.sd !== undefined)) {
        const L = nums.reduce((l, v) => lcm(l, v.sd!), 1n);
        const parts = nums.map((v) => scale(D, v, L / v.sd!, what(ctx)));
        const nb = parts.reduce((m, x) => (x.nb > m ? x.nb : m), 0n);
        const nonNeg = e.fn === 'max' ? nums.some((v) => v.nonNeg) : nums.every((v) => v.nonNeg);
        return personal(staticNum(D, `${e.fn === 'min' ? 'LEAST' : 'GREATEST'}(${parts.map((x) => x.e).join(', ')})`, L, nb, nonNeg, parts.some((x) => x.wide)), ...nums);
      }
      // the first best one, as the interpreter picks: pairwise, exactly
      let best: Val = nums[0]!;
      for (const v of nums.slice(1)) {
        const better = compareNums(e.fn === 'min' ? '<' : '>', v, asNum(best), ctx);
        best = choose([better], [v, best], ctx);
      }
      return best;
    }
  }
}

/** x rounded to whole steps s (s > 0, in the value's units): the one rounding macro, then × s. */
export function roundTo(a: Num, s: Q.Rational, mode: 'half-away' | 'up' | 'down', ctx: Ctx): Num {
  const D = ctx.D;
  // steps = round((a.n / a.d) / (s.n / s.d)) = round(a.n·s.d ÷ a.d·s.n)
  const N = scale(D, a, s.d, what(ctx));
  const den = a.sd !== undefined ? a.sd * s.n : undefined;
  let steps: string;
  let nb: bigint;
  let wide = N.wide;
  if (den === 1n) {
    steps = N.e;
    nb = N.nb;
  } else {
    const B = den !== undefined ? lit(D, den) : mulText(D, a.d, lit(D, s.n), a.db * s.n, what(ctx)).e;
    const db = den ?? a.db * s.n;
    // 2|N| + B must fit the type the division runs in
    const room = 2n * N.nb + db;
    checkRange(D, room, what(ctx));
    const numer = room >= NARROW && !wide ? `CAST(${N.e} AS ${D.wide})` : N.e;
    wide = wide || room >= NARROW || a.wide;
    steps = roundDiv(D, numer, B, mode, wide);
    nb = N.nb / (den ?? 1n) + 1n;
  }
  const lv = isLiteral(steps);
  if (lv !== undefined) return constNum(D, lv * s.n, s.d);
  const n = s.n === 1n ? { e: steps, wide: false } : mulText(D, steps, lit(D, s.n), nb * s.n, what(ctx));
  return staticNum(D, n.e, s.d, nb * s.n, a.nonNeg, wide || n.wide);
}

function constant(e: Extract<I.Expr, { k: 'const' }>, D: Dialect): Val {
  if (typeof e.v === 'boolean') return { k: 'bool', e: e.v ? 'TRUE' : 'FALSE' };
  switch (e.t.k) {
    case 'enum':
    case 'date':
      return { k: 'text', e: D.str(e.v) };
    case 'region':
      return { k: 'int', e: String(Number(e.v)) };
    default: {
      const q = Q.parseRational(e.v)!;
      const v = e.t.k === 'money' ? Q.mul(q, Q.rat(100)) : q;
      return constNum(D, v.n, v.d);
    }
  }
}

function cellTest(c: I.Cell, input: Val, ctx: Ctx): string {
  switch (c.k) {
    case 'any':
      return 'TRUE';
    case 'cmp':
      return compareVals(c.op, input, gen(c.v, ctx), ctx);
    case 'range':
      return `${paren(compareVals(c.loOpen ? '>' : '>=', input, gen(c.lo, ctx), ctx))} AND ${paren(compareVals(c.hiOpen ? '<' : '<=', input, gen(c.hi, ctx), ctx))}`;
    case 'in':
      return c.vs.map((v) => paren(compareVals('=', input, gen(v, ctx), ctx))).join(' OR ');
  }
}

/**
 * A decision table, as the interpreter decides it. Results are evaluated where the interpreter
 * evaluates them (the `path` of their conflicts): under their row's condition for every hit policy
 * that reads all matching rows (collect, any, priority), under "the first to match" for first and
 * unique. An `any` table's disagreeing rows and a `unique` table's overlapping ones are conflicts.
 */
function table(e: Extract<I.Expr, { k: 'table' }>, ctx: Ctx): Val {
  const inputs = e.inputs.map((x) => gen(x, ctx));
  const conds = e.rows.map((r) => {
    const tests = r.cells.map((c, i) => cellTest(c, inputs[i]!, ctx)).filter((t) => t !== 'TRUE');
    return tests.length ? tests.map(paren).join(' AND ') : 'TRUE';
  });
  const none = `NOT (${conds.map(paren).join(' OR ')})`;
  const underRow = (i: number) => gen(e.rows[i]!.result, { ...ctx, path: and(ctx.path, conds[i]!) });
  const otherwise = () => gen(e.else!, { ...ctx, path: and(ctx.path, none) });
  if (e.hit === 'collect-sum' || e.hit === 'collect-count') {
    const one = constNum(ctx.D, 1n, 1n);
    const vals = e.rows.map((_, i) => (e.hit === 'collect-count' ? one : asNum(underRow(i))));
    const zero = constNum(ctx.D, 0n, 1n);
    let sum: Num = zero;
    vals.forEach((v, i) => {
      sum = addSub(sum, asNum(choose([conds[i]!], [v, zero], ctx)), '+', ctx);
    });
    if (!e.else) return sum;
    return choose([none], [otherwise(), sum], ctx);
  }
  if (e.hit === 'collect-min' || e.hit === 'collect-max') return extreme(e, conds, none, underRow, otherwise, ctx);
  if (e.hit === 'priority') {
    const order = ctx.refs.enumValues((e.t as { name: string }).name);
    const texts = e.rows.map((r) => (r.result.k === 'const' ? String(r.result.v) : undefined));
    if (texts.every((t) => t !== undefined)) {
      // Constant results: the first matching row in the order of their values.
      const rows = e.rows.map((_, i) => i).sort((x, y) => order.indexOf(texts[x]!) - order.indexOf(texts[y]!) || x - y);
      return table({ ...e, hit: 'first', rows: rows.map((i) => e.rows[i]!) }, ctx);
    }
    // The first value of the enum that some matching row gives.
    const vals = e.rows.map((_, i) => code(underRow(i)));
    const gives = order.map((v) => vals.map((x, i) => `(${paren(conds[i]!)} AND ${paren(x)} = ${ctx.D.str(v)})`).join(' OR '));
    const consts = order.map((v): Val => ({ k: 'text', e: ctx.D.str(v) }));
    return e.else ? choose(gives, [...consts, otherwise()], ctx) : choose(gives.slice(0, -1), consts, ctx);
  }
  if ((e.hit === 'unique' || e.hit === 'any') && e.rows.length > 1 && ctx.shortCircuit)
    throw new Unsupported(`a ${e.hit} table inside any/all over members (which stop at the first deciding member)`, e.at);
  if (e.hit === 'unique' && e.rows.length > 1) {
    const count = conds.map((c) => `CASE WHEN ${c} THEN 1 ELSE 0 END`).join(' + ');
    const where = `unique table at line ${e.at[0]} (${ctx.def.origin.file}:${ctx.def.origin.at[0]})`;
    ctx.sites.push({ cond: and(ctx.path, `${count} > 1`), msg: ctx.D.str(where) });
  }
  const vals = e.rows.map((r, i) => gen(r.result, { ...ctx, path: and(ctx.path, [...conds.slice(0, i).map((c) => `NOT ${paren(c)}`), conds[i]!].join(' AND ')) }));
  const chosen = e.else ? choose(conds, [...vals, otherwise()], ctx) : choose(conds.slice(0, -1), vals, ctx);
  if (e.hit === 'any') {
    // Every other matching row must give the chosen result; a row written exactly as every row
    // before it cannot differ from whichever of them was chosen.
    const texts = e.rows.map((r) => (r.result.k === 'const' ? JSON.stringify(r.result.v) : undefined));
    const where = `any table at line ${e.at[0]} (${ctx.def.origin.file}:${ctx.def.origin.at[0]})`;
    e.rows.forEach((_, i) => {
      if (i === 0 || (texts[i] !== undefined && texts.slice(0, i).every((t) => t === texts[i]))) return;
      ctx.sites.push({ cond: and(ctx.path, `${paren(conds[i]!)} AND NOT (${equalVals(underRow(i), chosen, ctx)})`), msg: ctx.D.str(where) });
    });
  }
  return chosen;
}

/** collect min / max: LEAST or GREATEST of the matching rows' results (NULL for the others, which the three engines skip). */
function extreme(e: Extract<I.Expr, { k: 'table' }>, conds: readonly string[], none: string, underRow: (i: number) => Val, otherwise: () => Val, ctx: Ctx): Val {
  const D = ctx.D;
  const nums = e.rows.map((_, i) => asNum(underRow(i)));
  const all = e.else ? [...nums, asNum(otherwise())] : nums;
  if (all.some((v) => v.sd === undefined)) throw new Unsupported(`collect ${e.hit === 'collect-min' ? 'min' : 'max'} over results whose denominator is known only per household`, e.at);
  const L = all.reduce((l, v) => lcm(l, v.sd!), 1n);
  const parts = nums.map((v) => scale(D, v, L / v.sd!, what(ctx)));
  const fn = e.hit === 'collect-min' ? 'LEAST' : 'GREATEST';
  const cases = parts.map((x, i) => (conds[i] === 'TRUE' ? x.e : `CASE WHEN ${conds[i]} THEN ${x.e} END`));
  const nb = parts.reduce((m, x) => (x.nb > m ? x.nb : m), 0n);
  const nonNeg = e.hit === 'collect-max' ? all.some((v) => v.nonNeg) : all.every((v) => v.nonNeg);
  const best = personal(staticNum(D, cases.length === 1 ? cases[0]! : `${fn}(${cases.join(', ')})`, L, nb, nonNeg, parts.some((x) => x.wide)), ...nums);
  return e.else ? choose([none], [all[all.length - 1]!, best], ctx) : best;
}

/**
 * A definition's value under its exceptions, as the interpreter decides it: at each level the
 * exceptions that apply (their own exception applies, or else their condition holds) must agree;
 * the first that applies gives the value; the default only when none does.
 */
export function withExceptions(d: I.DefinitionIR, ctx: Ctx): Val {
  if (!d.exceptions.length) return gen(d.expr, ctx);
  if (ctx.shortCircuit) throw new Unsupported('exceptions inside any/all over members');
  const children = new Map<string | undefined, I.ExceptionIR[]>();
  for (const x of d.exceptions) children.set(x.parent, [...(children.get(x.parent) ?? []), x]);
  interface Level {
    applies: string;
    value: Val;
  }
  // The exceptions of one level: whether any applies, and the first one's value.
  const level = (parent: string | undefined, path: string | undefined): Level | undefined => {
    const xs = children.get(parent) ?? [];
    if (!xs.length) return undefined;
    const each = xs.map((x) => {
      const below = level(x.label, path);
      const whenPath = below ? and(path, `NOT ${paren(below.applies)}`) : path;
      const when = asBool(gen(x.when, { ...ctx, path: whenPath }));
      const then = gen(x.then, { ...ctx, path: and(whenPath, when) });
      if (!below) return { x, applies: when, value: then };
      return { x, applies: `${paren(below.applies)} OR ${paren(when)}`, value: choose([below.applies], [below.value, then], ctx) };
    });
    const applies = each.map((a) => paren(a.applies)).join(' OR ');
    const first = each.length === 1 ? each[0]!.value : choose(each.slice(0, -1).map((a) => a.applies), each.map((a) => a.value), ctx);
    for (const a of each.slice(1)) {
      const where = `${d.id}: exception ${a.x.label} and another that applies give different results (${d.origin.file}:${d.origin.at[0]})`;
      ctx.sites.push({ cond: and(path, `${paren(a.applies)} AND NOT (${equalVals(a.value, first, ctx)})`), msg: ctx.D.str(where) });
    }
    return { applies, value: first };
  };
  const top = level(undefined, ctx.path)!;
  const dflt = gen(d.expr, { ...ctx, path: and(ctx.path, `NOT (${top.applies})`) });
  return choose([top.applies], [top.value, dflt], ctx);
}
