/**
 * Decision tables: cells typed against their input column, results against each other and against
 * the hit policy (numbers for collect sum/min/max, an enum for priority; a count is an integer),
 * completeness where a result must come from a row, and rows that can both match the same inputs —
 * for `unique` tables any such pair, for `any` tables a pair whose results differ. List-valued hit
 * policies are refused.
 */
import type * as A from '../ast/index.ts';
import type * as I from '../ir/types.ts';
import { T, typeText, isNumeric, type Type } from '../types/index.ts';
import * as Q from '../numbers/rational.ts';
import type { Code, MessageParameterTypes, Span } from '../diagnostics/index.ts';
import { findField } from '../schema/index.ts';
import { LIMITS } from '../limits.ts';
import { constraint, constOf, meet, type Constraint } from './cells.ts';
import { HIT_POLICIES } from '../lexer/vocabulary.ts';
import { findOverlaps, MAX_CANDIDATE_PAIRS } from './overlap.ts';
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

/** Hit policies whose value is one of the rows' results (or else): every input needs a row, or else. */
const NEEDS_A_ROW = new Set<I.HitPolicy>(['first', 'unique', 'any', 'priority', 'collect-min', 'collect-max']);

export function checkTableRows(ck: TableChecks, e: Extract<A.Expr, { k: 'table' }>, inputs: I.Expr[], ctx: ExprCtx, expected?: Type): I.Expr {
  if (e.rows.length > LIMITS.tableRows) return ck.fail(ctx, 'table-too-long', { rows: e.rows.length, limit: LIMITS.tableRows }, e.rows[LIMITS.tableRows]!.span);
  const spec = HIT_POLICIES.find((h) => h.id === e.hit)!;
  if (spec.list) return ck.fail(ctx, 'table-list-valued', { written: spec.en[0]! }, e.span);
  const hit = e.hit as I.HitPolicy;
  const count = hit === 'collect-count';
  const constant: ExprCtx = { ...ctx, level: 'constant' };
  let failed = false;
  const result = new BranchType('the results of this table', (p, span) => ck.fail(ctx, 'type-mismatch', p, span));
  const takeResult = (r: I.Expr, span: A.Expr['span']) => result.take(r, span);
  // A count is not one of the rows' results: they are checked among themselves, the else against the count.
  const rowExpected = count ? undefined : expected;
  const rows: { cells: I.Cell[]; result: I.Expr; at: I.At }[] = [];
  let catchAll = -1;
  e.rows.forEach((row, ri) => {
    if (row.cells.length !== inputs.length) {
      ck.fail(ctx, 'table-arity', { found: row.cells.length, expected: inputs.length }, row.span);
      failed = true;
      return;
    }
    if (hit === 'first' && catchAll >= 0) ck.warn(ctx, 'table-unreachable-row', {}, row.span);
    const cells: I.Cell[] = row.cells.map((c, ci) => {
      const input = inputs[ci]!;
      const cell = checkCell(ck, c, input, constant);
      if (!cell) failed = true;
      return cell ?? { k: 'any' };
    });
    if (cells.every((c) => c.k === 'any') && catchAll < 0) catchAll = ri;
    const value = ck.check(row.result, ctx, rowExpected ?? result.type);
    takeResult(value, row.result.span);
    rows.push({ cells, result: value, at: ck.location(ctx, row.span) });
  });
  let elseExpr: I.Expr | undefined;
  if (e.else) {
    elseExpr = ck.check(e.else, ctx, count ? expected ?? T.integer : expected ?? result.type);
    if (count) {
      if (!isErr(elseExpr) && elseExpr.t.k !== 'integer')
        return ck.fail(ctx, 'type-mismatch', { what: 'the else of a collect count table', expected: 'integer', found: typeText(elseExpr.t) }, e.else.span);
    } else takeResult(elseExpr, e.else.span);
  }
  const t = count ? T.integer : result.type;
  if (failed || result.failed || !t || (elseExpr && isErr(elseExpr))) return { k: 'const', t: T.error, v: false };
  if ((hit === 'collect-sum' || hit === 'collect-min' || hit === 'collect-max') && !isNumeric(t))
    return ck.fail(ctx, 'type-mismatch', { what: `the results of a ${spec.en[0]} table`, expected: 'numbers or money', found: typeText(t) }, e.span);
  if (hit === 'priority' && t.k !== 'enum')
    return ck.fail(ctx, 'type-mismatch', { what: 'the results of a priority table (their enum\'s order is the priority)', expected: 'values of an enum', found: typeText(t) }, e.span);
  if (!elseExpr && NEEDS_A_ROW.has(hit) && catchAll < 0) {
    const gap = uncovered(rows, inputs, ck);
    if (gap !== null) return ck.fail(ctx, 'table-incomplete', { example: gap === undefined ? '' : `(${gap.join(', ')})` }, e.span);
  }
  if (hit === 'unique') reportOverlaps(ck, e, rows, inputs, domains(inputs, ck), ctx);
  if (hit === 'any') reportOverlaps(ck, e, rows, inputs, domains(inputs, ck), ctx, (a, b) => differ(rows[a]!.result, rows[b]!.result));
  return { k: 'table', t, hit, inputs, rows, else: elseExpr, at: ck.location(ctx, e.span) };
}

/** Two results that are constants and differ (an `any` table's rows that cannot both match). */
function differ(a: I.Expr, b: I.Expr): boolean {
  const x = constOf(a);
  const y = constOf(b);
  if (x === undefined || y === undefined) return false;
  if (typeof x === 'object' && typeof y === 'object') return !Q.eq(x, y);
  return x !== y;
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
      const a = ck.compareTyped(c.loOpen ? '>' : '>=', input, lo, c.lo.span, ctx);
      const b = ck.compareTyped(c.hiOpen ? '<' : '<=', input, hi, c.hi.span, ctx);
      if (isErr(a) || isErr(b)) return undefined;
      const open = { ...(c.loOpen ? { loOpen: true as const } : {}), ...(c.hiOpen ? { hiOpen: true as const } : {}) };
      return { k: 'range', lo: (a as Extract<I.Expr, { k: 'cmp' }>).b, hi: (b as Extract<I.Expr, { k: 'cmp' }>).b, ...open };
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

/** The values of each input column with a finite domain (booleans, enums). */
function domains(inputs: readonly I.Expr[], ck: TableChecks): (string[] | undefined)[] {
  return inputs.map((x) => domain(x.t, ck));
}

/**
 * Reports the rows of a unique table that can both match the same inputs (see overlap.ts) — or,
 * for an any table (`conflicting` given), those of them whose results differ.
 */
function reportOverlaps(
  ck: TableChecks,
  e: Extract<A.Expr, { k: 'table' }>,
  rows: { cells: I.Cell[] }[],
  inputs: I.Expr[],
  doms: (string[] | undefined)[],
  ctx: ExprCtx,
  conflicting?: (a: number, b: number) => boolean,
): void {
  const cons = rows.map((r) => r.cells.map((c, i) => constraint(c, doms[i])));
  const found = findOverlaps(cons, inputs.map((x) => x.t), doms, LIMITS.diagnosticsPerFile, conflicting);
  if (!found.complete) {
    ck.fail(ctx, 'table-too-complex', { pairs: found.pairs, limit: MAX_CANDIDATE_PAIRS, hit: e.hit }, e.span);
    return;
  }
  for (const o of found.overlaps) {
    const params = { a: o.a + 1, b: o.b + 1, example: `(${o.example.join(', ')})` };
    if (conflicting) ck.fail(ctx, 'table-any-conflict', params, e.rows[o.b]!.span);
    else ck.fail(ctx, 'table-overlap', params, e.rows[o.b]!.span);
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
