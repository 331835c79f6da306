/**
 * What a table cell accepts, as a constraint on its input column (a set of enum values, intervals
 * of numbers or dates, anything, or unknown when a cell is not a literal), and whether two
 * constraints accept a common input (with an example). Shared by the completeness and the
 * overlap analyses of decision tables.
 */
import type * as I from '../ir/types.ts';
import { isNumeric, type Type } from '../types/index.ts';
import * as Q from '../numbers/rational.ts';

export interface Interval {
  lo?: Q.Rational;
  loOpen: boolean;
  hi?: Q.Rational;
  hiOpen: boolean;
}
export type Constraint = { k: 'all' } | { k: 'set'; values: Set<string> } | { k: 'intervals'; list: Interval[] } | { k: 'unknown' };

export const dayNumber = (d: string): Q.Rational => Q.rat(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86400000);

export function constOf(e: I.Expr): Q.Rational | string | undefined {
  if (e.k !== 'const') return undefined;
  if (e.t.k === 'date') return dayNumber(String(e.v));
  if (isNumeric(e.t)) return Q.parseRational(String(e.v));
  return String(e.v);
}

export function constraint(c: I.Cell, dom: string[] | undefined): Constraint {
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
    return lo && hi ? { k: 'intervals', list: [{ lo, hi, loOpen: !!c.loOpen, hiOpen: !!c.hiOpen }] } : { k: 'unknown' };
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
export function meet(a: Interval, b: Interval, integer: boolean): Q.Rational | undefined {
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
export function witness(a: Constraint, b: Constraint, t: Type, dom: string[] | undefined): string | null | undefined {
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
