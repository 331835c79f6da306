/**
 * The part of FEEL that decision tables of literals use: unary tests in input entries (`-`,
 * literals, lists, comparisons, closed and open ranges, `not(…)`) and literals in output entries
 * and value lists. Numbers are exact decimals (BigInt rationals), never binary floats. Anything
 * else — names of other variables, arithmetic, functions other than date(…) — is reported with
 * the reason, for the importer to name the element.
 */
import * as Q from '../numbers/rational.ts';

export type Literal =
  | { readonly k: 'string'; readonly value: string }
  | { readonly k: 'number'; readonly value: Q.Rational }
  | { readonly k: 'bool'; readonly value: boolean }
  | { readonly k: 'date'; readonly value: string };

export type CompareOp = '<' | '<=' | '>' | '>=' | '=' | '!=';

export type PositiveTest =
  | { readonly k: 'cmp'; readonly op: CompareOp; readonly v: Literal }
  | { readonly k: 'range'; readonly lo: Literal; readonly loOpen: boolean; readonly hi: Literal; readonly hiOpen: boolean };

export type UnaryTests = { readonly k: 'any' } | { readonly k: 'tests'; readonly not: boolean; readonly tests: readonly PositiveTest[] };

/** What could not be read, and why. */
export interface FeelError {
  readonly error: string;
}

export const isFeelError = (x: unknown): x is FeelError => typeof x === 'object' && x !== null && 'error' in x;

type Tok =
  | { k: 'str'; v: string }
  | { k: 'num'; v: string }
  | { k: 'name'; v: string }
  | { k: 'at' }
  | { k: 'p'; v: string };

const PUNCT = ['..', '<=', '>=', '!=', '<', '>', '=', '(', ')', '[', ']', ',', '-'];

function tokens(text: string): Tok[] | FeelError {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= text.length) return { error: 'a string without its closing quote' };
        const ch = text[i]!;
        if (ch === '"') break;
        if (ch === '\\') {
          const e = text[i + 1];
          if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            s += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
            i += 6;
            continue;
          }
          const simple: Record<string, string> = { '"': '"', '\\': '\\', "'": "'", n: '\n', t: '\t', r: '\r' };
          if (e === undefined || !(e in simple)) return { error: `an unknown escape \\${e ?? ''} in a string` };
          s += simple[e]!;
          i += 2;
          continue;
        }
        s += ch;
        i++;
      }
      i++;
      out.push({ k: 'str', v: s });
      continue;
    }
    const num = /^(?:\d+(?:\.\d+)?|\.\d+)/.exec(text.slice(i));
    if (num) {
      out.push({ k: 'num', v: num[0].startsWith('.') ? '0' + num[0] : num[0] });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_?\u00C0-\uFFFF][\w?\u00C0-\uFFFF]*/.exec(text.slice(i));
    if (name) {
      out.push({ k: 'name', v: name[0] });
      i += name[0].length;
      continue;
    }
    if (c === '@') {
      out.push({ k: 'at' });
      i++;
      continue;
    }
    const p = PUNCT.find((x) => text.startsWith(x, i));
    if (!p) return { error: `the character ${JSON.stringify(c)} is beyond the FEEL the importer reads` };
    out.push({ k: 'p', v: p });
    i += p.length;
  }
  return out;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

class Reader {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  peek(): Tok | undefined {
    return this.toks[this.i];
  }
  next(): Tok | undefined {
    return this.toks[this.i++];
  }
  atEnd(): boolean {
    return this.i >= this.toks.length;
  }
  isP(v: string, at = 0): boolean {
    const t = this.toks[this.i + at];
    return t?.k === 'p' && t.v === v;
  }
  isName(v: string): boolean {
    const t = this.peek();
    return t?.k === 'name' && t.v === v;
  }

  literal(): Literal | FeelError {
    const t = this.next();
    if (!t) return { error: 'a value is missing' };
    if (t.k === 'str') return { k: 'string', value: t.v };
    if (t.k === 'num') return { k: 'number', value: Q.parseDecimal(t.v)! };
    if (t.k === 'p' && t.v === '-') {
      const n = this.next();
      if (n?.k !== 'num') return { error: 'a minus sign not followed by a number' };
      return { k: 'number', value: Q.neg(Q.parseDecimal(n.v)!) };
    }
    if (t.k === 'at') {
      const s = this.next();
      if (s?.k !== 'str' || !validDate(s.v)) return { error: 'a temporal literal (@"…") other than a date YYYY-MM-DD' };
      return { k: 'date', value: s.v };
    }
    if (t.k === 'name') {
      if (t.v === 'true' || t.v === 'false') return { k: 'bool', value: t.v === 'true' };
      if (t.v === 'null') return { error: 'null (Doudi values are never null)' };
      if (t.v === 'date' && this.isP('(')) {
        this.next();
        const s = this.next();
        if (s?.k !== 'str' || !this.isP(')')) return { error: 'date(…) of something other than a text "YYYY-MM-DD"' };
        this.next();
        if (!validDate(s.v)) return { error: `date("${s.v}") is not a calendar date YYYY-MM-DD` };
        return { k: 'date', value: s.v };
      }
      if (this.isP('(')) return { error: `the function ${t.v}(…): the importer translates literals only` };
      return { error: `the name ${t.v}: the importer translates cells of literals, not expressions over other variables` };
    }
    return { error: `"${t.v}" where a value was expected` };
  }

  positive(): PositiveTest | FeelError {
    const t = this.peek();
    if (t?.k === 'p' && ['<', '<=', '>', '>=', '=', '!='].includes(t.v)) {
      this.next();
      const v = this.literal();
      return isFeelError(v) ? v : { k: 'cmp', op: t.v as CompareOp, v };
    }
    if (t?.k === 'p' && (t.v === '[' || t.v === '(' || t.v === ']')) {
      this.next();
      const lo = this.literal();
      if (isFeelError(lo)) return lo;
      if (!this.isP('..')) return { error: 'a range without ".." between its ends' };
      this.next();
      const hi = this.literal();
      if (isFeelError(hi)) return hi;
      const close = this.next();
      if (close?.k !== 'p' || ![']', ')', '['].includes(close.v)) return { error: 'a range without its closing bracket' };
      return { k: 'range', lo, loOpen: t.v !== '[', hi, hiOpen: close.v !== ']' };
    }
    const v = this.literal();
    return isFeelError(v) ? v : { k: 'cmp', op: '=', v };
  }

  list(): PositiveTest[] | FeelError {
    const out: PositiveTest[] = [];
    for (;;) {
      const p = this.positive();
      if (isFeelError(p)) return p;
      out.push(p);
      if (!this.isP(',')) return out;
      this.next();
    }
  }
}

/** An input entry: `-` (or empty), a list of positive tests, or `not(…)` of one. */
export function parseUnaryTests(text: string): UnaryTests | FeelError {
  const toks = tokens(text);
  if (isFeelError(toks)) return toks;
  if (toks.length === 0 || (toks.length === 1 && toks[0]!.k === 'p' && toks[0]!.v === '-')) return { k: 'any' };
  const r = new Reader(toks);
  let not = false;
  if (r.isName('not') && r.isP('(', 1)) {
    r.next();
    r.next();
    not = true;
  }
  const tests = r.list();
  if (isFeelError(tests)) return tests;
  if (not) {
    if (!r.isP(')')) return { error: 'not( without its closing parenthesis' };
    r.next();
  }
  if (!r.atEnd()) return { error: `an expression where a test ends (the importer translates literals, comparisons, ranges, lists and not(…))` };
  return { k: 'tests', not, tests };
}

/** An output entry or a default output: one literal. */
export function parseLiteral(text: string): Literal | FeelError {
  const toks = tokens(text);
  if (isFeelError(toks)) return toks;
  if (!toks.length) return { error: 'an empty output entry (DMN would give null)' };
  const r = new Reader(toks);
  const v = r.literal();
  if (isFeelError(v)) return v;
  if (!r.atEnd()) return { error: 'an expression: the importer translates output entries that are literals' };
  return v;
}

/** A list of values (inputValues, outputValues, allowedValues): literals only, else undefined (a constraint such as [0..100]). */
export function parseValueList(text: string): Literal[] | FeelError | undefined {
  const t = parseUnaryTests(text);
  if (isFeelError(t)) return t;
  if (t.k === 'any' || t.not) return undefined;
  if (!t.tests.every((x) => x.k === 'cmp' && x.op === '=')) return undefined;
  return t.tests.map((x) => (x as Extract<PositiveTest, { k: 'cmp' }>).v);
}

/** A literal as FEEL writes it, for messages. */
export function literalText(v: Literal): string {
  switch (v.k) {
    case 'string':
      return JSON.stringify(v.value);
    case 'number':
      return decimalText(v.value);
    case 'bool':
      return String(v.value);
    case 'date':
      return `date("${v.value}")`;
  }
}

/** Exact decimal text of a rational whose denominator divides a power of ten (FEEL literals always do). */
export function decimalText(q: Q.Rational): string {
  let places = 0;
  let d = q.d;
  while (d % 10n === 0n) {
    d /= 10n;
    places++;
  }
  while (d % 2n === 0n || d % 5n === 0n) {
    d = d % 2n === 0n ? d / 2n : d / 5n;
    places++;
  }
  if (d !== 1n) return Q.toText(q);
  return Q.toDecimalString(q, places);
}
