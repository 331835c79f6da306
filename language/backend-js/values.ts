/**
 * The values of generated code and the arithmetic on them. Every number is an exact fraction n/d
 * of safe integers (money in fen). Where d is known when compiling (a literal, a field, a sum of
 * fields, a rounded value) only n exists at run time, and the code is the plain integer arithmetic
 * one would write by hand. Where d depends on the household (an average, a ratio), n and d are
 * both kept and comparisons cross-multiply.
 */
import type * as I from '../ir/types.ts';
import * as Q from '../numbers/rational.ts';
import { intLiteral } from './names.ts';

export type V =
  /** a number n/d; `sd` is d when it is known at compile time (then `d` is its literal) */
  | { readonly k: 'num'; readonly n: string; readonly d: string; readonly sd?: bigint; readonly nonNeg: boolean }
  | { readonly k: 'bool'; readonly e: string }
  /** an enum code, a date as a day number, or a region code */
  | { readonly k: 'code'; readonly e: string };

export class Block {
  readonly lines: string[] = [];
  push(...ls: string[]): void {
    this.lines.push(...ls);
  }
  nest(b: Block): void {
    for (const l of b.lines) this.lines.push('  ' + l);
  }
  get empty(): boolean {
    return this.lines.length === 0;
  }
}

export interface Refs {
  /** a household field at household h, or a person field at person p */
  field(level: 'household' | 'person', id: string): string;
  /** a parameter: n and d, or the code of an enum/bool/date parameter */
  param(id: string, index?: string): { n: string; d: string } | { code: string };
  /** a definition's value; a definition computed where it is used is generated into ctx */
  def(id: string, level: 'household' | 'person', ctx: GenCtx): V;
  evaluationDay: string;
  enumCode(enumId: string, value: string): number;
  /** records a conflict: returns the statement that sets the household's error */
  conflict(kind: 'exception' | 'table', where: string): string;
  /**
   * The operands of an `and` (or `or`) chain in the order to test them: cheap ones first, when
   * reordering cannot change a result (no operand divides). Absent: as written.
   */
  order?(operands: readonly I.Expr[]): readonly I.Expr[];
}

export interface GenCtx {
  readonly out: Block;
  readonly inMembers: boolean;
  readonly refs: Refs;
  readonly tmp: () => string;
}

export const MONEY_SCALE = 100n;

export function lcm(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return (a / x) * b;
}

const ATOM = /^(?:[A-Za-z_$\u3400-\u9fff][\w$\u3400-\u9fff]*(?:\[[\w$+* ]+\])?|\(?-?\d+\)?)$/;
export const isAtom = (s: string): boolean => ATOM.test(s);

export const paren = (s: string): string => (isAtom(s) ? s : `(${s})`);

export function times(s: string, k: bigint): string {
  if (k === 1n) return s;
  if (s === '0') return '0';
  return `${paren(s)} * ${intLiteral(k)}`;
}

export function mulStr(a: string, b: string): string {
  if (a === '1') return b;
  if (b === '1') return a;
  if (a === '0' || b === '0') return '0';
  return `${paren(a)} * ${paren(b)}`;
}

export const staticNum = (n: string, sd: bigint, nonNeg: boolean): V => ({ k: 'num', n, d: intLiteral(sd), sd, nonNeg });

/**
 * t/td += n/d: over one denominator the numerators add (the common case: every term in fen);
 * otherwise cross-multiplied and reduced, so denominators stay small.
 */
export function fractionAdd(t: string, k: { n: string; d: string }): string[] {
  return [
    `if (${k.d} === ${t}d) ${t} += ${k.n};`,
    `else { ${t} = ${t} * ${k.d} + ${mulStr(k.n, `${t}d`)}; ${t}d = ${t}d * ${k.d}; const g = gcd(${t}, ${t}d); if (g > 1) { ${t} /= g; ${t}d /= g; } }`,
  ];
}

/** A number from an exact rational in the language's units (money in yuan → fen). */
export function constNum(value: Q.Rational, money: boolean): V {
  const v = money ? Q.mul(value, Q.rat(MONEY_SCALE)) : value;
  return staticNum(intLiteral(v.n), v.d, v.n >= 0n);
}

export function asNum(v: V): Extract<V, { k: 'num' }> {
  if (v.k !== 'num') throw new Error(`internal: expected a number, got ${v.k}`);
  return v;
}
export function asCode(v: V): string {
  if (v.k === 'num') throw new Error('internal: expected a code');
  return v.e;
}

/** Keeps a dynamic fraction in locals so that its parts can be used twice. */
export function keep(v: Extract<V, { k: 'num' }>, ctx: GenCtx): Extract<V, { k: 'num' }> {
  if (v.sd !== undefined) {
    if (isAtom(v.n)) return v;
    const t = ctx.tmp();
    ctx.out.push(`const ${t} = ${v.n};`);
    return { ...v, n: t };
  }
  let n = v.n;
  let d = v.d;
  if (!isAtom(n)) {
    const t = ctx.tmp();
    ctx.out.push(`const ${t} = ${n};`);
    n = t;
  }
  if (!isAtom(d)) {
    const t = ctx.tmp();
    ctx.out.push(`const ${t} = ${d};`);
    d = t;
  }
  return { ...v, n, d };
}

export function add(a: Extract<V, { k: 'num' }>, b: Extract<V, { k: 'num' }>, op: '+' | '-', ctx: GenCtx): V {
  const nonNeg = op === '+' && a.nonNeg && b.nonNeg;
  if (a.sd !== undefined && b.sd !== undefined) {
    const L = lcm(a.sd, b.sd);
    const right = times(b.n, L / b.sd);
    return staticNum(`${times(a.n, L / a.sd)} ${op} ${op === '-' ? paren(right) : right}`, L, nonNeg);
  }
  const x = keep(a, ctx);
  const y = keep(b, ctx);
  const d = mulStr(x.d, y.d);
  return { k: 'num', n: `${mulStr(x.n, y.d)} ${op} ${paren(mulStr(y.n, x.d))}`, d, nonNeg };
}

export function mul(a: Extract<V, { k: 'num' }>, b: Extract<V, { k: 'num' }>, ctx: GenCtx): V {
  const nonNeg = a.nonNeg && b.nonNeg;
  if (a.sd !== undefined && b.sd !== undefined) return staticNum(mulStr(a.n, b.n), a.sd * b.sd, nonNeg);
  const x = keep(a, ctx);
  const y = keep(b, ctx);
  return { k: 'num', n: mulStr(x.n, y.n), d: mulStr(x.d, y.d), nonNeg };
}

export function div(a: Extract<V, { k: 'num' }>, b: Extract<V, { k: 'num' }>, ctx: GenCtx): V {
  const nonNeg = a.nonNeg && b.nonNeg;
  // Division by a positive constant keeps a static denominator.
  if (b.sd !== undefined && /^\d+$/.test(b.n) && a.sd !== undefined) return staticNum(times(a.n, b.sd), a.sd * BigInt(b.n), nonNeg);
  const x = keep(a, ctx);
  const y = keep(b, ctx);
  if (b.nonNeg) return { k: 'num', n: mulStr(x.n, y.d), d: mulStr(x.d, y.n), nonNeg };
  return { k: 'num', n: mulStr(mulStr(x.n, y.d), `Math.sign(${y.n})`), d: mulStr(x.d, `Math.abs(${y.n})`), nonNeg };
}

export function compareNums(op: I.CompareOp, a: Extract<V, { k: 'num' }>, b: Extract<V, { k: 'num' }>, ctx: GenCtx): string {
  const js = op === '=' ? '===' : op === '!=' ? '!==' : op;
  if (a.sd !== undefined && b.sd !== undefined) {
    const L = lcm(a.sd, b.sd);
    return `${times(a.n, L / a.sd)} ${js} ${times(b.n, L / b.sd)}`;
  }
  const x = keep(a, ctx);
  const y = keep(b, ctx);
  return `${mulStr(x.n, y.d)} ${js} ${mulStr(y.n, x.d)}`;
}

/** Brings several numbers to one representation for assignment to shared locals. */
export function common(vs: Extract<V, { k: 'num' }>[]): { sd?: bigint } {
  if (vs.every((v) => v.sd !== undefined)) return { sd: vs.reduce((l, v) => lcm(l, v.sd!), 1n) };
  return {};
}

const ROUND_MODE: Record<I.RoundFn, number> = { round: 0, round_up: 1, round_down: 2 };
const JS_ROUND: Record<I.RoundFn, string> = { round: 'Math.round', round_up: 'Math.ceil', round_down: 'Math.floor' };

/**
 * round(x / y) to whole steps. Below 2^52 in magnitude (y < 2^53) the float quotient is within
 * 1/(2y) of the true one, closer than any half or whole step it could cross, so Math's rounding
 * is exact there; half away from zero is made symmetric for negative x. Beyond, roundSteps.
 */
export function roundCall(x: string, y: string, fn: I.RoundFn, nonNeg: boolean, ctx: GenCtx): string {
  let xs = x;
  if (!isAtom(x)) {
    xs = ctx.tmp();
    ctx.out.push(`const ${xs} = ${x};`);
  }
  if (y === '1') return `(${xs} < 4503599627370496 && ${xs} > -4503599627370496 ? ${xs} : roundSteps(${xs}, 1, ${ROUND_MODE[fn]}))`;
  const quotient = `${xs} / ${paren(y)}`;
  const signed = !nonNeg && JS_ROUND[fn] === 'Math.round';
  const fast = signed ? `(${xs} >= 0 ? Math.round(${quotient}) : 0 - Math.round(-${xs} / ${paren(y)}))` : `${JS_ROUND[fn]}(${quotient})`;
  const yOk = /^\d+$/.test(y) ? '' : ` && ${paren(y)} < 9007199254740992`;
  const xOk = nonNeg ? `${xs} < 4503599627370496` : `${xs} < 4503599627370496 && ${xs} > -4503599627370496`;
  // Zero (a rate of 0 %, an empty sum) is common and needs no division.
  return `(${xs} === 0 ? 0 : ${xOk}${yOk} ? ${fast} : roundSteps(${xs}, ${y}, ${ROUND_MODE[fn]}))`;
}

/** The temporaries a branching construct assigns, and how to read them afterwards. */
export class Result {
  private readonly names: string[];
  constructor(
    private readonly kind: V['k'],
    private readonly sd: bigint | undefined,
    private readonly nonNeg: boolean,
    ctx: GenCtx,
  ) {
    const t = ctx.tmp();
    this.names = kind === 'num' && sd === undefined ? [t, `${t}d`] : [t];
    ctx.out.push(`let ${this.names.join(', ')};`);
  }
  assign(v: V): string {
    if (this.kind !== 'num') return `${this.names[0]} = ${v.k === 'bool' ? v.e : asCode(v)};`;
    const x = asNum(v);
    if (this.sd !== undefined) return `${this.names[0]} = ${times(x.n, this.sd / x.sd!)};`;
    return `${this.names[0]} = ${x.n}; ${this.names[1]} = ${x.d};`;
  }
  value(): V {
    if (this.kind === 'bool') return { k: 'bool', e: this.names[0]! };
    if (this.kind === 'code') return { k: 'code', e: this.names[0]! };
    if (this.sd !== undefined) return staticNum(this.names[0]!, this.sd, this.nonNeg);
    return { k: 'num', n: this.names[0]!, d: this.names[1]!, nonNeg: this.nonNeg };
  }
}

/** Generates the branches into blocks, then one result: a ternary when possible, else statements. */
export function asBool(v: V): string {
  if (v.k !== 'bool') throw new Error('internal: expected a bool');
  return v.e;
}

export function valueText(v: V): string {
  return v.k === 'num' ? v.n : v.e;
}

export function keepAny(v: V, ctx: GenCtx): V {
  if (v.k === 'num') return keep(v, ctx);
  if (isAtom(v.e)) return v;
  const t = ctx.tmp();
  ctx.out.push(`const ${t} = ${v.e};`);
  return { ...v, e: t };
}
