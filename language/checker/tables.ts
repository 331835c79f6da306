/**
 * Decision tables: cells typed against their input column, results against each other, the hit
 * policy's completeness, and — for `unique` tables — rows that can both match the same inputs.
 */
import type * as A from '../ast/index.ts';
import type * as I from '../ir/types.ts';
import { T, typeText, isNumeric, type Type } from '../types/index.ts';
import * as Q from '../numbers/rational.ts';
import type { Code, MessageParameterTypes, Span } from '../diagnostics/index.ts';
import { findField } from '../schema/index.ts';
import { isErr, type ExprCtx } from './context.ts';
import { BranchType } from './unify.ts';

/** What the table checker needs of the expression checker. */
export interface TableChecks {
  check(e: A.Expr, ctx: ExprCtx, expected?: Type): I.Expr;
  /** `a op b` of two checked values: the comparison node, or an error node after reporting */
  compareTyped(op: I.CompareOp, a: I.Expr, b: I.Expr, opSpan: Span, ctx: ExprCtx): I.Expr;
  /** reports and returns an error node */
  fail<C extends Code>(ctx: ExprCtx, code: C, params: MessageParameterTypes[C], span: Span): I.Expr;
  warn<C extends Code>(ctx: ExprCtx, code: C, params: MessageParameterTypes[C], span: Span): void;
  location(ctx: ExprCtx, span: Span): I.At;
  /** the values of an enum, by its name */
  enumValues(name: string): string[] | undefined;
}

export function checkTableRows(ck: TableChecks, e: Extract<A.Expr, { k: 'table' }>, inputs: I.Expr[], ctx: ExprCtx, expected?: Type): I.Expr {
  const constant: ExprCtx = { ...ctx, level: 'constant' };
  let failed = false;
  const result = new BranchType('the results of this table', (p, span) => ck.fail(ctx, 'type-mismatch', p, span));
  const takeResult = (r: I.Expr, span: A.Expr['span']) => result.take(r, span);
  const rows: { cells: I.Cell[]; result: I.Expr; at: I.At }[] = [];
  let catchAll = -1;
  e.rows.forEach((row, ri) => {
    if (row.cells.length !== inputs.length) {
      ck.fail(ctx, 'table-arity', { found: row.cells.length, expected: inputs.length }, row.span);
      failed = true;
      return;
    }
    if (e.hit === 'first' && catchAll >= 0) ck.warn(ctx, 'table-unreachable-row', {}, row.span);
    const cells: I.Cell[] = row.cells.map((c, ci) => {
      const input = inputs[ci]!;
      const cell = checkCell(ck, c, input, constant);
      if (!cell) failed = true;
      return cell ?? { k: 'any' };
    });
    if (cells.every((c) => c.k === 'any') && catchAll < 0) catchAll = ri;
    const value = ck.check(row.result, ctx, expected ?? result.type);
    takeResult(value, row.result.span);
    rows.push({ cells, result: value, at: ck.location(ctx, row.span) });
  });
  let elseExpr: I.Expr | undefined;
  if (e.else) {
    elseExpr = ck.check(e.else, ctx, expected ?? result.type);
    takeResult(elseExpr, e.else.span);
  }
  const t = result.type;
  if (failed || result.failed || !t) return { k: 'const', t: T.error, v: false };
  if (e.hit === 'collect-sum' && !isNumeric(t))
    return ck.fail(ctx, 'type-mismatch', { what: 'the results of a collect sum table', expected: 'numbers or money', found: typeText(t) }, e.span);
  if (!elseExpr && e.hit !== 'collect-sum' && catchAll < 0) {
    const gap = uncovered(rows, inputs, ck);
    if (gap !== null) return ck.fail(ctx, 'table-incomplete', { example: gap === undefined ? '' : `(${gap.join(', ')})` }, e.span);
  }
  if (e.hit === 'unique') reportOverlaps(ck, e, rows, inputs, ctx);
  return { k: 'table', t, hit: e.hit, inputs, rows, else: elseExpr, at: ck.location(ctx, e.span) };
}

function checkCell(ck: TableChecks, c: A.Cell, input: I.Expr, ctx: ExprCtx): I.Cell | undefined {
  const ordered = isNumeric(input.t) || input.t.k === 'date';
  switch (c.k) {
    case 'any':
      return { k: 'any' };
    case 'compare': {
      if (!ordered && c.op !== '=' && c.op !== '!=') {
        ck.fail(ctx, 'table-cell', { message: `${c.op} compares numbers, money or dates; this column is ${typeText(input.t)}` }, c.span);
        return undefined;
      }
      const v = ck.check(c.value, ctx, input.t);
      const test = ck.compareTyped(c.op, input, v, c.span, ctx);
      return isErr(test) ? undefined : { k: 'cmp', op: c.op, v: (test as Extract<I.Expr, { k: 'cmp' }>).b };
    }
    case 'range': {
      if (!ordered) {
        ck.fail(ctx, 'table-cell', { message: `a range needs numbers, money or dates; this column is ${typeText(input.t)}` }, c.span);
        return undefined;
      }
      const lo = ck.check(c.lo, ctx, input.t);
      const hi = ck.check(c.hi, ctx, input.t);
      const a = ck.compareTyped('>=', input, lo, c.lo.span, ctx);
      const b = ck.compareTyped('<=', input, hi, c.hi.span, ctx);
      if (isErr(a) || isErr(b)) return undefined;
      return { k: 'range', lo: (a as Extract<I.Expr, { k: 'cmp' }>).b, hi: (b as Extract<I.Expr, { k: 'cmp' }>).b };
    }
    case 'values': {
      const vs: I.Expr[] = [];
      for (const x of c.values) {
        const v = ck.check(x, ctx, input.t);
        const test = ck.compareTyped('=', input, v, x.span, ctx);
        if (isErr(test)) return undefined;
        vs.push((test as Extract<I.Expr, { k: 'cmp' }>).b);
      }
      return { k: 'in', vs };
    }
  }
}

function domain(t: Type, ck: TableChecks): string[] | undefined {
  if (t.k === 'bool') return ['true', 'false'];
  if (t.k === 'enum') return ck.enumValues(t.name);
  return undefined;
}

// ---- overlap analysis ----

interface Interval {
  lo?: Q.Rational;
  loOpen: boolean;
  hi?: Q.Rational;
  hiOpen: boolean;
}
type Constraint = { k: 'all' } | { k: 'set'; values: Set<string> } | { k: 'intervals'; list: Interval[] } | { k: 'unknown' };

const dayNumber = (d: string): Q.Rational => Q.rat(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86400000);

function constOf(e: I.Expr): Q.Rational | string | undefined {
  if (e.k !== 'const') return undefined;
  if (e.t.k === 'date') return dayNumber(String(e.v));
  if (isNumeric(e.t)) return Q.parseRational(String(e.v));
  return String(e.v);
}

function constraint(c: I.Cell, dom: string[] | undefined): Constraint {
  if (c.k === 'any') return { k: 'all' };
  if (dom) {
    if (c.k === 'in') {
      const vs = c.vs.map(constOf);
      return vs.every((v) => typeof v === 'string') ? { k: 'set', values: new Set(vs as string[]) } : { k: 'unknown' };
    }
    if (c.k === 'cmp') {
      const v = constOf(c.v);
      if (typeof v !== 'string') return { k: 'unknown' };
      return { k: 'set', values: new Set(c.op === '=' ? [v] : dom.filter((x) => x !== v)) };
    }
    return { k: 'unknown' };
  }
  const num = (e: I.Expr) => {
    const v = constOf(e);
    return typeof v === 'object' ? v : undefined;
  };
  if (c.k === 'in') {
    const vs = c.vs.map(num);
    return vs.every(Boolean) ? { k: 'intervals', list: vs.map((v) => ({ lo: v, hi: v, loOpen: false, hiOpen: false })) } : { k: 'unknown' };
  }
  if (c.k === 'range') {
    const lo = num(c.lo);
    const hi = num(c.hi);
    return lo && hi ? { k: 'intervals', list: [{ lo, hi, loOpen: false, hiOpen: false }] } : { k: 'unknown' };
  }
  const v = num(c.v);
  if (!v) return { k: 'unknown' };
  switch (c.op) {
    case '=':
      return { k: 'intervals', list: [{ lo: v, hi: v, loOpen: false, hiOpen: false }] };
    case '!=':
      return { k: 'intervals', list: [{ hi: v, hiOpen: true, loOpen: false }, { lo: v, loOpen: true, hiOpen: false }] };
    case '<':
      return { k: 'intervals', list: [{ hi: v, hiOpen: true, loOpen: false }] };
    case '<=':
      return { k: 'intervals', list: [{ hi: v, hiOpen: false, loOpen: false }] };
    case '>':
      return { k: 'intervals', list: [{ lo: v, loOpen: true, hiOpen: false }] };
    case '>=':
      return { k: 'intervals', list: [{ lo: v, loOpen: false, hiOpen: false }] };
  }
}

/** A value in both intervals, or undefined. Integer columns only take whole numbers. */
function meet(a: Interval, b: Interval, integer: boolean): Q.Rational | undefined {
  let lo = a.lo;
  let loOpen = a.loOpen;
  if (b.lo && (!lo || Q.cmp(b.lo, lo) > 0 || (Q.eq(b.lo, lo) && b.loOpen))) {
    lo = b.lo;
    loOpen = b.loOpen;
  }
  let hi = a.hi;
  let hiOpen = a.hiOpen;
  if (b.hi && (!hi || Q.cmp(b.hi, hi) < 0 || (Q.eq(b.hi, hi) && b.hiOpen))) {
    hi = b.hi;
    hiOpen = b.hiOpen;
  }
  if (integer) {
    if (lo) lo = loOpen ? Q.add(Q.roundTo(lo, Q.ONE, 'down'), Q.ONE) : Q.roundTo(lo, Q.ONE, 'up');
    if (hi) hi = hiOpen ? Q.sub(Q.roundTo(hi, Q.ONE, 'up'), Q.ONE) : Q.roundTo(hi, Q.ONE, 'down');
    loOpen = hiOpen = false;
  }
  if (lo && hi) {
    const c = Q.cmp(lo, hi);
    if (c > 0 || (c === 0 && (loOpen || hiOpen))) return undefined;
    if (!loOpen) return lo;
    if (!hiOpen) return hi;
    return Q.div(Q.add(lo, hi), Q.rat(2));
  }
  if (lo) return loOpen ? Q.add(lo, Q.ONE) : lo;
  if (hi) return hiOpen ? Q.sub(hi, Q.ONE) : hi;
  return Q.ZERO;
}

/** Some input both constraints accept, as text; null when none; undefined when unknown. */
function witness(a: Constraint, b: Constraint, t: Type, dom: string[] | undefined): string | null | undefined {
  if (a.k === 'unknown' || b.k === 'unknown') return undefined;
  const show = (v: Q.Rational) => (t.k === 'date' ? new Date(Number(v.n / v.d) * 86400000).toISOString().slice(0, 10) : t.k === 'money' ? `¥${Q.toDecimalString(v, 2)}` : Q.toDecimalString(v, 4));
  if (a.k === 'all' && b.k === 'all') return dom ? dom[0]! : 'any value';
  if (dom) {
    const sa = a.k === 'set' ? a.values : new Set(dom);
    const sb = b.k === 'set' ? b.values : new Set(dom);
    for (const v of sa) if (sb.has(v)) return v;
    return null;
  }
  const la = a.k === 'intervals' ? a.list : [{ loOpen: false, hiOpen: false }];
  const lb = b.k === 'intervals' ? b.list : [{ loOpen: false, hiOpen: false }];
  for (const x of la) for (const y of lb) {
    const m = meet(x, y, t.k === 'integer' || t.k === 'months');
    if (m) return show(m);
  }
  return null;
}

function reportOverlaps(ck: TableChecks, e: Extract<A.Expr, { k: 'table' }>, rows: { cells: I.Cell[] }[], inputs: I.Expr[], ctx: ExprCtx): void {
  const doms = inputs.map((x) => domain(x.t, ck));
  const cons = rows.map((r) => r.cells.map((c, i) => constraint(c, doms[i])));
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const example: string[] = [];
      let overlap = true;
      for (let c = 0; c < inputs.length && overlap; c++) {
        const w = witness(cons[i]![c]!, cons[j]![c]!, inputs[c]!.t, doms[c]);
        if (w === null || w === undefined) overlap = false;
        else example.push(w);
      }
      if (overlap) {
        ck.fail(ctx, 'table-overlap', { a: i + 1, b: j + 1, example: `(${example.join(', ')})` }, e.rows[j]!.span);
      }
    }
  }
}

// ---- completeness ----

/** The values an input can take: schema fields and counts are never negative; some have a maximum. */
function bounds(input: I.Expr): { lo?: Q.Rational; hi?: Q.Rational } {
  if (input.k === 'agg' && input.fn === 'count') return { lo: Q.ZERO };
  if (input.k === 'field') {
    const f = findField(input.level, input.id);
    if (f?.type?.k === 'money') return { lo: Q.ZERO };
    return { lo: f?.min !== undefined ? Q.rat(f.min) : undefined, hi: f?.max !== undefined ? Q.rat(f.max) : undefined };
  }
  return {};
}

const accepts = (c: Constraint, v: string | Q.Rational, integer: boolean): boolean => {
  if (c.k === 'all') return true;
  if (c.k === 'set') return c.values.has(v as string);
  if (c.k === 'intervals') return c.list.some((iv) => meet(iv, { lo: v as Q.Rational, hi: v as Q.Rational, loOpen: false, hiOpen: false }, integer) !== undefined);
  return false;
};

/**
 * An input no row matches, as display texts; null when the rows cover every input; undefined when
 * some cell is not a literal and it cannot be known.
 */
function uncovered(rows: { cells: I.Cell[] }[], inputs: I.Expr[], ck: TableChecks): string[] | null | undefined {
  const doms = inputs.map((x) => domain(x.t, ck));
  const cons = rows.map((r) => r.cells.map((c, i) => constraint(c, doms[i])));
  if (cons.some((r) => r.some((c) => c.k === 'unknown'))) return undefined;
  let budget = 20000;
  const show = (t: Type, v: string | Q.Rational): string =>
    typeof v === 'string' ? v : t.k === 'date' ? new Date(Number(v.n / v.d) * 86400000).toISOString().slice(0, 10) : t.k === 'money' ? `¥${Q.toDecimalString(v, 2)}` : Q.toDecimalString(v, 4);
  const atoms = (col: number, alive: number[]): (string | Q.Rational)[] => {
    if (doms[col]) return doms[col]!;
    const t = inputs[col]!.t;
    const integer = t.k === 'integer' || t.k === 'months' || t.k === 'date';
    const { lo, hi } = bounds(inputs[col]!);
    const points: Q.Rational[] = [];
    for (const r of alive) {
      const c = cons[r]![col]!;
      if (c.k === 'intervals') for (const iv of c.list) for (const p of [iv.lo, iv.hi]) if (p) points.push(p);
    }
    if (lo) points.push(lo);
    if (hi) points.push(hi);
    const sorted = points.sort(Q.cmp).filter((p, i, a) => i === 0 || !Q.eq(p, a[i - 1]!));
    const out: Q.Rational[] = [];
    const inside = (v: Q.Rational) => (!lo || Q.cmp(v, lo) >= 0) && (!hi || Q.cmp(v, hi) <= 0) && (!integer || Q.isInteger(v));
    const candidates: Q.Rational[] = [];
    if (!sorted.length) candidates.push(lo ?? Q.ZERO);
    else {
      candidates.push(Q.sub(sorted[0]!, Q.ONE));
      sorted.forEach((p, i) => {
        candidates.push(p);
        const next = sorted[i + 1];
        if (next) candidates.push(integer ? Q.add(p, Q.ONE) : Q.div(Q.add(p, next), Q.rat(2)));
      });
      candidates.push(Q.add(sorted[sorted.length - 1]!, Q.ONE));
    }
    for (const c of candidates) if (inside(c)) out.push(c);
    return out;
  };
  const search = (col: number, alive: number[]): string[] | null | undefined => {
    if (--budget < 0) return undefined;
    if (!alive.length) return [];
    if (col === inputs.length) return null;
    if (alive.some((r) => cons[r]!.slice(col).every((c) => c.k === 'all'))) return null;
    const t = inputs[col]!.t;
    const integer = t.k === 'integer' || t.k === 'months' || t.k === 'date';
    for (const a of atoms(col, alive)) {
      const next = alive.filter((r) => accepts(cons[r]![col]!, a, integer));
      const rest = search(col + 1, next);
      if (rest === undefined) return undefined;
      if (rest !== null) {
        const tail = rest.length ? rest : inputs.slice(col + 1).map((x, i) => (doms[col + 1 + i] ? doms[col + 1 + i]![0]! : show(x.t, bounds(x).lo ?? Q.ZERO)));
        return [show(t, a), ...tail];
      }
    }
    return null;
  };
  return search(0, rows.map((_, i) => i));
}
