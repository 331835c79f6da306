/** Constants: what compiled code can hold exactly, folding arithmetic on constants, dates. */
import type * as I from '../ir/types.ts';
import { isNumeric, type Type } from '../types/index.ts';
import * as Q from '../numbers/rational.ts';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Can compiled code hold this constant exactly? Money is held in fen there, so it is checked ×100. */
export function fitsExactly(v: Q.Rational, money: boolean): boolean {
  const c = money ? Q.mul(v, Q.rat(100)) : v;
  return (c.n < 0n ? -c.n : c.n) <= MAX_SAFE && c.d <= MAX_SAFE;
}

/** `a op b`, computed now when both are constants and the result stays exact in compiled code. */
export function fold(op: I.ArithOp, a: I.Expr, b: I.Expr, t: Type): I.Expr {
  if (a.k === 'const' && b.k === 'const' && typeof a.v === 'string' && typeof b.v === 'string' && isNumeric(a.t) && isNumeric(b.t)) {
    const x = Q.parseRational(a.v)!;
    const y = Q.parseRational(b.v)!;
    if (op === '/' && Q.isZero(y)) return { k: 'arith', t, op, a, b };
    const r = op === '+' ? Q.add(x, y) : op === '-' ? Q.sub(x, y) : op === '*' ? Q.mul(x, y) : Q.div(x, y);
    if (fitsExactly(r, t.k === 'money')) return { k: 'const', t, v: Q.toText(r) };
  }
  return { k: 'arith', t, op, a, b };
}

/** A constant as a decimal with two places, for examples in messages ("write ¥100"). */
export function numericText(e: I.Expr): string {
  return e.k === 'const' && typeof e.v === 'string' ? Q.toDecimalString(Q.parseRational(e.v)!, 2) : '0';
}

export function validDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}
