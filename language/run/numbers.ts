/**
 * The number grammar of settings, exact from text to rational (never through a binary float):
 *
 *   quantity  := sign? "¥"? magnitude unit?          sign: + - −   ¥ or ￥ (full width)
 *   magnitude := decimal ( "/" decimal )?             a fraction: 1/3, 7/200
 *   decimal   := digits ( "." digits )?               digits: 1600 or with thousands separators 1,600 1，600
 *   unit      := "%" | "元" | "months" | "month" | "个月"   (spaces before a unit are allowed)
 *
 * Full-width characters (１６００, ％, ￥, ，) read as their ASCII forms. Refused, each with its own
 * reason: underscores (1_600), hexadecimal, octal and binary (0x10), exponents (1e3), a comma not
 * followed by exactly three digits, a number without a digit before its point (.5), Infinity, NaN.
 *
 * Lists (--cpi, --values) are separated by ";" when the text has one, else by ",". A comma between
 * a digit and exactly three digits could then be either a thousands separator or a separator of
 * items (1,600), so such a list is refused: write 1600,1700 or 1,600;1,700 or 1.5, 600.
 */
import * as Q from '../numbers/rational.ts';

export type Unit = 'none' | 'yuan' | 'percent' | 'months';

export interface Quantity {
  /** the number, exactly: a percentage already divided by 100 */
  readonly value: Q.Rational;
  readonly unit: Unit;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly why: string };

const fail = (why: string): { ok: false; why: string } => ({ ok: false, why });

/** Full-width forms as ASCII, and the typographic minus as "-". */
export const normalizeText = (text: string): string => text.normalize('NFKC').replace(/\u2212/g, '-').trim();

const UNIT = /\s*(%|元|个月|months?)$/i;
const DECIMAL = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

function decimal(text: string): Parsed<Q.Rational> {
  const t = text.trim();
  if (t === '') return fail('a number is missing');
  if (/_/.test(t)) return fail('underscores are not digit separators; write 1600 or 1,600');
  if (/^0[xob]/i.test(t)) return fail('hexadecimal, octal and binary numbers are not accepted; write the number in decimal');
  if (/^\d*\.?\d+e[+-]?\d+$/i.test(t)) return fail('exponent notation is not accepted; write the number in full');
  if (/^(infinity|nan)$/i.test(t)) return fail('it is not a finite number');
  if (/^\.\d/.test(t)) return fail('write a digit before the decimal point (0.5)');
  if (/\d\s+\d/.test(t)) return fail('spaces inside a number are not accepted; write 1600 or 1,600');
  const m = DECIMAL.exec(t);
  if (!m) {
    if (/,/.test(t) && /^[\d,.]+$/.test(t)) return fail('a comma in a number is a thousands separator and takes exactly three digits after it (1,600 or 12,345.50)');
    return fail('expected digits, such as 1600, 1,600.50, 3.5% or 1/3');
  }
  const frac = m[2] ?? '';
  return { ok: true, value: Q.rat(BigInt(m[1]!.replace(/,/g, '') + frac), 10n ** BigInt(frac.length)) };
}

/** A number with an optional sign, currency and unit. */
export function parseQuantity(raw: string): Parsed<Quantity> {
  let t = normalizeText(raw);
  if (t === '') return fail('it is empty');
  let negative = false;
  let yuan = false;
  const sign = () => {
    if (t.startsWith('-') || t.startsWith('+')) {
      negative = t.startsWith('-');
      t = t.slice(1).trimStart();
      return true;
    }
    return false;
  };
  const hadSign = sign();
  if (t.startsWith('¥')) {
    yuan = true;
    t = t.slice(1).trimStart();
    if (!hadSign) sign();
  }
  let unit: Unit = yuan ? 'yuan' : 'none';
  const u = UNIT.exec(t);
  if (u) {
    const word = u[1]!.toLowerCase();
    const found: Unit = word === '%' ? 'percent' : word === '元' ? 'yuan' : 'months';
    if (yuan && found !== 'yuan') return fail(`¥ and ${u[1]} do not go together`);
    unit = found;
    t = t.slice(0, u.index).trimEnd();
  }
  let value: Q.Rational;
  const slash = t.indexOf('/');
  if (slash >= 0) {
    const a = decimal(t.slice(0, slash));
    if (!a.ok) return a;
    const b = decimal(t.slice(slash + 1));
    if (!b.ok) return b;
    if (Q.isZero(b.value)) return fail('a fraction cannot have 0 below the line');
    value = Q.div(a.value, b.value);
  } else {
    const d = decimal(t);
    if (!d.ok) return d;
    value = d.value;
  }
  if (negative) value = Q.neg(value);
  if (unit === 'percent') value = Q.div(value, Q.rat(100));
  return { ok: true, value: { value, unit } };
}

/** The items of a comma- or semicolon-separated list (see the module's note). */
export function splitList(raw: string): Parsed<string[]> {
  const t = normalizeText(raw);
  let items: string[];
  if (t.includes(';')) items = t.split(';');
  else {
    const at = /\d,\d{3}(?!\d)/.exec(t);
    if (at) return fail(`the comma in "${at[0]}" could be a thousands separator or separate two items; separate items with ";" (1,600;1,700), or write numbers without thousands separators (1600,1700), or put a space after each separating comma (1.5, 600)`);
    items = t.split(',');
  }
  items = items.map((s) => s.trim());
  if (items.some((s) => s === '')) return fail('an item of the list is empty');
  return { ok: true, value: items };
}

/** Decimal text of an exact value with at most `places` decimals, or undefined when it needs more. */
export function exactDecimal(v: Q.Rational, places: number): string | undefined {
  const scaled = Q.mul(v, Q.rat(10n ** BigInt(places)));
  return Q.isInteger(scaled) ? Q.toDecimalString(v, places) : undefined;
}
