/**
 * Exact rational numbers over BigInt: the reference arithmetic of the Doudi language.
 * The interpreter and the checker compute with these; the JS backend reproduces the same
 * results with integer numerators and denominators held in float64 (see backend-js/README.md).
 */

export interface Rational {
  readonly n: bigint;
  /** Always > 0, and gcd(|n|, d) = 1. */
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

export function rat(n: bigint | number, d: bigint | number = 1n): Rational {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError('rational with a zero denominator');
  if (dd < 0n) {
    nn = -nn;
    dd = -dd;
  }
  const g = gcd(nn, dd);
  return g > 1n ? { n: nn / g, d: dd / g } : { n: nn, d: dd };
}

export const ZERO = rat(0);
export const ONE = rat(1);

export const add = (a: Rational, b: Rational): Rational => rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational): Rational => rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational): Rational => rat(a.n * b.n, a.d * b.d);
export function div(a: Rational, b: Rational): Rational {
  if (b.n === 0n) throw new RangeError('division by zero');
  return rat(a.n * b.d, a.d * b.n);
}
export const neg = (a: Rational): Rational => ({ n: -a.n, d: a.d });
export const cmp = (a: Rational, b: Rational): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const eq = (a: Rational, b: Rational): boolean => a.n === b.n && a.d === b.d;
export const isZero = (a: Rational): boolean => a.n === 0n;
export const isInteger = (a: Rational): boolean => a.d === 1n;
export const min = (a: Rational, b: Rational): Rational => (cmp(a, b) <= 0 ? a : b);
export const max = (a: Rational, b: Rational): Rational => (cmp(a, b) >= 0 ? a : b);
export const abs = (a: Rational): Rational => (a.n < 0n ? neg(a) : a);

/** Floor of a / b for bigints, b > 0. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

export type RoundMode = 'half-away' | 'up' | 'down';

/**
 * Rounds `x` to a whole multiple of `step` (step > 0).
 * half-away: ties go away from zero; up: towards +infinity; down: towards -infinity.
 */
export function roundTo(x: Rational, step: Rational, mode: RoundMode): Rational {
  // q = x / step = (x.n * step.d) / (x.d * step.n)
  const num = x.n * step.d;
  const den = x.d * step.n;
  const k = floorDiv(num, den);
  const r = num - k * den; // 0 <= r < den
  let steps = k;
  if (mode === 'up') {
    if (r > 0n) steps = k + 1n;
  } else if (mode === 'half-away') {
    const twice = 2n * r;
    if (num >= 0n ? twice >= den : twice > den) steps = k + 1n;
  }
  return mul(rat(steps), step);
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Parses a plain decimal ("1510", "-0.035", "12.5"). Returns undefined when the text is not one. */
export function parseDecimal(text: string): Rational | undefined {
  const m = DECIMAL.exec(text.replace(/_/g, ''));
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const n = BigInt((m[2] ?? '0') + frac) * (m[1] === '-' ? -1n : 1n);
  return rat(n, 10n ** BigInt(frac.length));
}

/** Parses "a/b", a decimal, or a percentage ("3.5%"). */
export function parseRational(text: string): Rational | undefined {
  const t = text.trim();
  if (t.endsWith('%')) {
    const v = parseDecimal(t.slice(0, -1));
    return v && div(v, rat(100));
  }
  const slash = t.indexOf('/');
  if (slash > 0) {
    const a = parseDecimal(t.slice(0, slash).trim());
    const b = parseDecimal(t.slice(slash + 1).trim());
    if (!a || !b || isZero(b)) return undefined;
    return div(a, b);
  }
  return parseDecimal(t);
}

/** Canonical text: "3", "-1/3". Used in the IR. */
export function toText(a: Rational): string {
  return a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`;
}

/** The nearest float64. Exact for integers and most short decimals; for display and JSON only. */
export function toNumber(a: Rational): number {
  if (a.d === 1n) return Number(a.n);
  // Scale to keep 17 significant digits where possible.
  return Number(a.n) / Number(a.d);
}

/** Decimal text with at most `places` digits, rounded half away from zero. */
export function toDecimalString(a: Rational, places: number): string {
  const scale = 10n ** BigInt(places);
  const r = roundTo(a, rat(1n, scale), 'half-away');
  const scaled = (r.n * scale) / r.d;
  const neg = scaled < 0n;
  const digits = (neg ? -scaled : scaled).toString().padStart(places + 1, '0');
  const int = digits.slice(0, digits.length - places);
  const frac = places > 0 ? digits.slice(digits.length - places).replace(/0+$/, '') : '';
  return (neg ? '-' : '') + int + (frac ? '.' + frac : '');
}

/** Exact rational from a float64 (every finite double is a dyadic rational). */
export function fromNumber(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (Number.isInteger(x)) return rat(BigInt(x));
  let d = 1n;
  let v = x;
  while (!Number.isInteger(v)) {
    v *= 2;
    d *= 2n;
  }
  return rat(BigInt(v), d);
}

/** Rational from a decimal given as a JS number, reading its shortest decimal text ("0.1" → 1/10). */
export function fromDecimalNumber(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const s = String(x);
  if (/e/i.test(s)) {
    const [mant, exp] = s.toLowerCase().split('e');
    const m = parseDecimal(mant!)!;
    const e = Number(exp);
    return e >= 0 ? mul(m, rat(10n ** BigInt(e))) : div(m, rat(10n ** BigInt(-e)));
  }
  return parseDecimal(s)!;
}
