/**
 * FEEL unary tests as Doudi cells. What a test accepts is computed exactly — a set of values for
 * text and yes/no columns, a union of disjoint intervals for numbers and dates — and written back
 * as the fewest Doudi cells: `-`, a value, a list of values, a comparison, `!= v`, or a range
 * (`a..b`, `a..<b`, `a<..b`, `a<..<b`). A test that needs more than one cell (`<10, >20`,
 * `not([1..5])`) becomes several alternatives: the importer splits the row, one row per
 * alternative. The alternatives are disjoint, so a split row is counted once by every hit policy.
 */
import * as Q from '../numbers/rational.ts';
import { decimalText, isFeelError, literalText, type FeelError, type Literal, type PositiveTest, type UnaryTests } from './feel.ts';

/** A column's values as the importer knows them. */
export type Column =
  /** text as an enum: each DMN string with its Doudi value id; `other` stands for every string not listed */
  | { readonly k: 'enum'; readonly values: readonly { readonly text: string; readonly id: string }[]; readonly other?: string }
  | { readonly k: 'bool' }
  | { readonly k: 'number'; readonly money?: boolean }
  | { readonly k: 'date' };

export interface Bound {
  readonly v: Q.Rational;
  readonly open: boolean;
}

/** An interval; an absent bound is infinite. */
export interface Interval {
  readonly lo?: Bound;
  readonly hi?: Bound;
}

/** What a cell accepts: everything, nothing, or the Doudi cells of the alternatives. */
export type Cells = { readonly k: 'any' } | { readonly k: 'never' } | { readonly k: 'cells'; readonly alts: readonly string[] };

const isEmpty = (iv: Interval): boolean => {
  if (!iv.lo || !iv.hi) return false;
  const c = Q.cmp(iv.lo.v, iv.hi.v);
  return c > 0 || (c === 0 && (iv.lo.open || iv.hi.open));
};

/** Sorted, merged, without empty intervals. */
export function normalize(list: readonly Interval[]): Interval[] {
  const sorted = list.filter((iv) => !isEmpty(iv)).sort((a, b) => {
    if (!a.lo || !b.lo) return a.lo ? 1 : b.lo ? -1 : 0;
    return Q.cmp(a.lo.v, b.lo.v) || Number(a.lo.open) - Number(b.lo.open);
  });
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    // Overlapping or touching ([1..2) and [2..3]) intervals merge; (1..2) and (2..3) leave 2 out.
    const joins = last && (!last.hi || !iv.lo || Q.cmp(iv.lo.v, last.hi.v) < 0 || (Q.eq(iv.lo.v, last.hi.v) && !(iv.lo.open && last.hi.open)));
    if (!last || !joins) {
      out.push(iv);
      continue;
    }
    const hi = !last.hi || !iv.hi ? undefined : Q.cmp(iv.hi.v, last.hi.v) > 0 || (Q.eq(iv.hi.v, last.hi.v) && !iv.hi.open) ? iv.hi : last.hi;
    out[out.length - 1] = { ...(last.lo ? { lo: last.lo } : {}), ...(hi ? { hi } : {}) };
  }
  return out;
}

/** Everything a normalised union leaves out. */
export function complement(list: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  // Where the next gap starts: undefined is -∞ (before the first interval).
  let from: Bound | undefined;
  for (const iv of list) {
    if (iv.lo) out.push({ ...(from ? { lo: from } : {}), hi: { v: iv.lo.v, open: !iv.lo.open } });
    if (!iv.hi) return normalize(out);
    from = { v: iv.hi.v, open: !iv.hi.open };
  }
  out.push(from ? { lo: from } : {});
  return normalize(out);
}

const dayNumber = (d: string): Q.Rational => Q.rat(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86400000);
const dayText = (v: Q.Rational): string => new Date(Number(v.n / v.d) * 86400000).toISOString().slice(0, 10);

/** The key of a literal in an ordered column, or the reason it does not fit. */
function keyOf(v: Literal, col: Column): Q.Rational | FeelError {
  if (col.k === 'number' && v.k === 'number') return v.value;
  if (col.k === 'date' && v.k === 'date') return dayNumber(v.value);
  return { error: `${literalText(v)} in a column of ${col.k === 'date' ? 'dates' : 'numbers'}` };
}

function intervalsOf(t: PositiveTest, col: Column): Interval[] | FeelError {
  if (t.k === 'range') {
    const lo = keyOf(t.lo, col);
    const hi = keyOf(t.hi, col);
    if (isFeelError(lo)) return lo;
    if (isFeelError(hi)) return hi;
    return [{ lo: { v: lo, open: t.loOpen }, hi: { v: hi, open: t.hiOpen } }];
  }
  const v = keyOf(t.v, col);
  if (isFeelError(v)) return v;
  switch (t.op) {
    case '=':
      return [{ lo: { v, open: false }, hi: { v, open: false } }];
    case '!=':
      return [{ hi: { v, open: true } }, { lo: { v, open: true } }];
    case '<':
      return [{ hi: { v, open: true } }];
    case '<=':
      return [{ hi: { v, open: false } }];
    case '>':
      return [{ lo: { v, open: true } }];
    case '>=':
      return [{ lo: { v, open: false } }];
  }
}

/** The cells of one input entry in a column; `unknown` collects values a closed enum does not have. */
export function cellsOf(tests: UnaryTests, col: Column, unknown: string[] = []): Cells | FeelError {
  if (tests.k === 'any') return { k: 'any' };
  if (col.k === 'enum' || col.k === 'bool') return discrete(tests, col, unknown);
  const parts: Interval[] = [];
  for (const t of tests.tests) {
    const ivs = intervalsOf(t, col);
    if (isFeelError(ivs)) return ivs;
    parts.push(...ivs);
  }
  let set = normalize(parts);
  if (tests.not) set = complement(set);
  if (!set.length) return { k: 'never' };
  if (set.length === 1 && !set[0]!.lo && !set[0]!.hi) return { k: 'any' };
  const show = (v: Q.Rational) => valueText(v, col);
  const gaps = complement(set);
  // Everything but one value: `!= v`.
  if (gaps.length === 1 && gaps[0]!.lo && gaps[0]!.hi && Q.eq(gaps[0]!.lo.v, gaps[0]!.hi.v)) return { k: 'cells', alts: [`!= ${show(gaps[0]!.lo.v)}`] };
  const points = set.filter((iv) => iv.lo && iv.hi && Q.eq(iv.lo.v, iv.hi.v)).map((iv) => show(iv.lo!.v));
  const ranges = set.filter((iv) => !(iv.lo && iv.hi && Q.eq(iv.lo.v, iv.hi.v))).map((iv) => intervalText(iv, show));
  return { k: 'cells', alts: [...ranges, ...(points.length ? [points.join(', ')] : [])] };
}

function discrete(tests: Extract<UnaryTests, { k: 'tests' }>, col: Extract<Column, { k: 'enum' | 'bool' }>, unknown: string[]): Cells | FeelError {
  const domain = col.k === 'bool' ? ['true', 'false'] : [...col.values.map((v) => v.id), ...(col.other ? [col.other] : [])];
  const idOf = (v: Literal): string | undefined | FeelError => {
    if (col.k === 'bool') return v.k === 'bool' ? String(v.value) : { error: `${literalText(v)} in a column of true/false` };
    if (v.k !== 'string') return { error: `${literalText(v)} in a column of text values` };
    const found = col.values.find((x) => x.text === v.value);
    if (!found) unknown.push(v.value);
    return found?.id;
  };
  const set = new Set<string>();
  for (const t of tests.tests) {
    if (t.k === 'range' || (t.op !== '=' && t.op !== '!=')) return { error: `${t.k === 'range' ? 'a range' : t.op} over ${col.k === 'bool' ? 'true/false' : 'text'}: only =, != and lists compare these` };
    const id = idOf(t.v);
    if (isFeelError(id)) return id;
    if (t.op === '=') {
      if (id !== undefined) set.add(id);
    } else for (const x of domain) if (x !== id) set.add(x);
  }
  const accepted = tests.not ? domain.filter((x) => !set.has(x)) : domain.filter((x) => set.has(x));
  if (!accepted.length) return { k: 'never' };
  if (accepted.length === domain.length) return { k: 'any' };
  return { k: 'cells', alts: [accepted.join(', ')] };
}

/** A number as Doudi writes it: exact decimal, money with ¥ (and a minus sign before it). */
export function valueText(v: Q.Rational, col: Column): string {
  if (col.k === 'date') return dayText(v);
  const text = decimalText(Q.abs(v));
  const neg = v.n < 0n ? '-' : '';
  return col.k === 'number' && col.money ? `${neg}¥${text}` : `${neg}${text}`;
}

function intervalText(iv: Interval, show: (v: Q.Rational) => string): string {
  if (!iv.lo) return `${iv.hi!.open ? '<' : '<='} ${show(iv.hi!.v)}`;
  if (!iv.hi) return `${iv.lo.open ? '>' : '>='} ${show(iv.lo.v)}`;
  return `${show(iv.lo.v)}${iv.lo.open ? '<' : ''}..${iv.hi.open ? '<' : ''}${show(iv.hi.v)}`;
}
