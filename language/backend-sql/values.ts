/**
 * Values in generated SQL and their exact arithmetic. A number is a fraction n/d of SQL integer
 * expressions (money in fen), as in the JS backend: where d is known when compiling (`sd`) only n
 * exists in SQL and the arithmetic is plain integer arithmetic; where it is not (an average) both
 * are kept, d ≥ 0 (positive wherever the value is used) and comparisons cross-multiply.
 *
 * Every number carries bounds on |n| and d, worked out from the schema's column ranges, so that an
 * operation that may pass 2^62 is done in the dialect's wide type (HUGEINT, NUMERIC, DECIMAL(38,0))
 * and one that may pass even that is refused when compiling rather than overflowing when running.
 */
import type { Dialect } from './dialect.ts';

export type Num = {
  readonly k: 'num';
  readonly n: string;
  /** the denominator: a literal when `sd` is set */
  readonly d: string;
  readonly sd?: bigint;
  /** bounds: |n| ≤ nb, 0 ≤ d ≤ db */
  readonly nb: bigint;
  readonly db: bigint;
  readonly nonNeg: boolean;
  /** the SQL type may be the wide one (PostgreSQL must then divide with div()) */
  readonly wide: boolean;
  /** d reads person-level values (it may differ between the members of a household) */
  readonly pd: boolean;
  /** the value reads person-level values */
  readonly pv?: boolean;
};

export type Val = Num | { readonly k: 'bool'; readonly e: string } | { readonly k: 'text'; readonly e: string } | { readonly k: 'int'; readonly e: string };

/** Past this an operation switches to the wide type (2^62 leaves room for one doubling). */
export const NARROW = 1n << 62n;

export class RangeLimit extends Error {}

export function checkRange(D: Dialect, bound: bigint, what: string): void {
  if (bound > D.wideLimit) throw new RangeLimit(`${what} may reach ${bound.toString().length} digits, past the exact range of ${D.wide}`);
}

export const paren = (s: string): string => (/^-?[\w.]+(::\w+)?$/.test(s) || /^\(.*\)$/.test(s) && balanced(s.slice(1, -1)) ? s : `(${s})`);

function balanced(s: string): boolean {
  let depth = 0;
  let quote = false;
  for (const ch of s) {
    if (ch === "'") quote = !quote;
    if (quote) continue;
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

export const isLiteral = (s: string): bigint | undefined => {
  const m = /^\(?(-?\d+)(?:::BIGINT|::bigint|L)?\)?$/.exec(s);
  return m ? BigInt(m[1]!) : undefined;
};

/** A typed integer literal: engines type small literals as 32-bit and overflow there. */
export function lit(D: Dialect, v: bigint): string {
  const abs = v < 0n ? -v : v;
  if (abs >= 1n << 63n) return `CAST('${v}' AS ${D.wide})`;
  const t = D.name === 'spark' ? `${abs}L` : D.name === 'duckdb' ? `${abs}::BIGINT` : `${abs}::bigint`;
  return v < 0n ? `(-${t})` : t;
}

export const staticNum = (D: Dialect, n: string, sd: bigint, nb: bigint, nonNeg: boolean, wide = false): Num => ({
  k: 'num',
  n,
  d: lit(D, sd),
  sd,
  nb,
  db: sd,
  nonNeg,
  wide,
  pd: false,
});

/** v, marked as reading person-level values when any of `from` does. */
export const personal = (v: Num, ...from: readonly Num[]): Num => (from.some((x) => x.pv) ? { ...v, pv: true } : v);

export function constNum(D: Dialect, n: bigint, d: bigint): Num {
  return staticNum(D, lit(D, n), d, n < 0n ? -n : n, n >= 0n);
}

const widen = (D: Dialect, s: string): string => `CAST(${s} AS ${D.wide})`;

/** a × b as SQL, folding literals, in the wide type when the product may pass 2^62. */
export function mulText(D: Dialect, a: string, b: string, bound: bigint, what: string): { e: string; wide: boolean } {
  checkRange(D, bound, what);
  const x = isLiteral(a);
  const y = isLiteral(b);
  if (x !== undefined && y !== undefined) return { e: lit(D, x * y), wide: bound >= NARROW };
  if (x === 1n) return { e: b, wide: false };
  if (y === 1n) return { e: a, wide: false };
  if (x === 0n || y === 0n) return { e: lit(D, 0n), wide: false };
  if (bound >= NARROW) return { e: `${widen(D, a)} * ${paren(b)}`, wide: true };
  return { e: `${paren(a)} * ${paren(b)}`, wide: false };
}

/** n × k for a compile-time factor k. */
export function scale(D: Dialect, v: Num, k: bigint, what: string): { e: string; nb: bigint; wide: boolean } {
  if (k === 1n) return { e: v.n, nb: v.nb, wide: v.wide };
  const m = mulText(D, v.n, lit(D, k), v.nb * k, what);
  return { e: m.e, nb: v.nb * k, wide: v.wide || m.wide };
}

export function lcm(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return (a / x) * b;
}

/** A number whose denominator is positive wherever it is read: 0 (a branch not taken) becomes 1. */
export const safeDen = (v: Num): string => (v.sd !== undefined ? v.d : `GREATEST(${v.d}, 1)`);
