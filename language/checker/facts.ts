/**
 * Division guards. A divisor must be a non-zero constant, a parameter (checked when a run starts),
 * or a name that the enclosing conditions prove non-zero: `if n > 0 then x / n else …`,
 * `n >= 1 and x / n < …`, `n = 0 or x / n …`, an exception's `when`, an aggregation's filter.
 */
import type { Expr, CompareOp } from '../ir/types.ts';
import { parseRational, isZero, cmp, ZERO } from '../numbers/rational.ts';

export type Facts = ReadonlySet<string>;
export const NO_FACTS: Facts = new Set();

export function refKey(e: Expr): string | undefined {
  switch (e.k) {
    case 'def':
      return `def:${e.id}`;
    case 'field':
      return `field:${e.level}:${e.id}`;
    case 'param':
      return e.index ? undefined : `param:${e.id}`;
    default:
      return undefined;
  }
}

const NEGATE: Record<CompareOp, CompareOp> = { '=': '!=', '!=': '=', '<': '>=', '<=': '>', '>': '<=', '>=': '<' };
const FLIP: Record<CompareOp, CompareOp> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function constValue(e: Expr) {
  return e.k === 'const' && typeof e.v === 'string' ? parseRational(e.v) : undefined;
}

/** Does `x op c` exclude x = 0? */
function excludesZero(op: CompareOp, c: ReturnType<typeof parseRational>): boolean {
  if (!c) return false;
  const s = cmp(c, ZERO);
  switch (op) {
    case '=':
      return !isZero(c);
    case '!=':
      return isZero(c);
    case '>':
      return s >= 0;
    case '>=':
      return s > 0;
    case '<':
      return s <= 0;
    case '<=':
      return s < 0;
  }
}

function compareFacts(op: CompareOp, a: Expr, b: Expr, out: Set<string>): void {
  const ka = refKey(a);
  const kb = refKey(b);
  if (ka && excludesZero(op, constValue(b))) out.add(ka);
  if (kb && excludesZero(FLIP[op], constValue(a))) out.add(kb);
}

/** Names known to be non-zero when `e` is true. */
export function whenTrue(e: Expr, out = new Set<string>()): Set<string> {
  if (e.k === 'and') {
    whenTrue(e.a, out);
    whenTrue(e.b, out);
  } else if (e.k === 'not') whenFalse(e.a, out);
  else if (e.k === 'cmp') compareFacts(e.op, e.a, e.b, out);
  return out;
}

/** Names known to be non-zero when `e` is false. */
export function whenFalse(e: Expr, out = new Set<string>()): Set<string> {
  if (e.k === 'or') {
    whenFalse(e.a, out);
    whenFalse(e.b, out);
  } else if (e.k === 'not') whenTrue(e.a, out);
  else if (e.k === 'cmp') compareFacts(NEGATE[e.op], e.a, e.b, out);
  return out;
}

export function withFacts(base: Facts, more: Set<string>): Facts {
  if (!more.size) return base;
  const s = new Set(base);
  for (const k of more) s.add(k);
  return s;
}

/** Is the divisor provably non-zero? Parameters count as such here; their values are checked separately. */
export function nonZero(e: Expr, facts: Facts): boolean {
  switch (e.k) {
    case 'const': {
      const v = constValue(e);
      return !!v && !isZero(v);
    }
    case 'param':
      return true;
    case 'def':
    case 'field':
      return facts.has(refKey(e)!);
    case 'neg':
    case 'abs':
      return nonZero(e.a, facts);
    case 'arith':
      return (e.op === '*' || e.op === '/') && nonZero(e.a, facts) && nonZero(e.b, facts);
    default:
      return false;
  }
}
