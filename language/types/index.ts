/**
 * The types of the Doudi language. Plain data: they appear in the AST, the checker and the IR.
 *
 * Money carries a period — `money` is an amount (a stock or a one-off sum), `money/month` and
 * `money/year` are flows. A money literal has the period `any` until its context fixes it.
 * Whether money is a whole number of fen is tracked by the checker's exactness pass, not here.
 */

export type Period = 'month' | 'year' | 'stock' | 'any';

export type Type =
  | { readonly k: 'bool' }
  | { readonly k: 'integer' }
  | { readonly k: 'number' }
  | { readonly k: 'rate' }
  | { readonly k: 'date' }
  | { readonly k: 'months' }
  | { readonly k: 'region' }
  | { readonly k: 'money'; readonly period: Period }
  | { readonly k: 'enum'; readonly name: string }
  | { readonly k: 'error' };

export const T = {
  bool: { k: 'bool' } as Type,
  integer: { k: 'integer' } as Type,
  number: { k: 'number' } as Type,
  rate: { k: 'rate' } as Type,
  date: { k: 'date' } as Type,
  months: { k: 'months' } as Type,
  region: { k: 'region' } as Type,
  error: { k: 'error' } as Type,
  money: (period: Period): Type => ({ k: 'money', period }),
  enum: (name: string): Type => ({ k: 'enum', name }),
};

const PERIOD_TEXT: Record<Period, string> = { month: 'money/month', year: 'money/year', stock: 'money', any: 'money' };

export function typeText(t: Type): string {
  switch (t.k) {
    case 'money':
      return PERIOD_TEXT[t.period];
    case 'enum':
      return t.name;
    case 'error':
      return '(error)';
    default:
      return t.k;
  }
}

export const isNumeric = (t: Type): boolean =>
  t.k === 'integer' || t.k === 'number' || t.k === 'rate' || t.k === 'money' || t.k === 'months';
export const isDimensionless = (t: Type): boolean => t.k === 'integer' || t.k === 'number' || t.k === 'rate';
export const isMoney = (t: Type): t is Extract<Type, { k: 'money' }> => t.k === 'money';

/** Two types are the same, ignoring money exactness; `any` period matches every period. */
export function sameType(a: Type, b: Type): boolean {
  if (a.k === 'error' || b.k === 'error') return true;
  if (a.k === 'money' && b.k === 'money') return a.period === b.period || a.period === 'any' || b.period === 'any';
  if (a.k === 'enum' && b.k === 'enum') return a.name === b.name;
  if (isDimensionless(a) && isDimensionless(b)) return true;
  return a.k === b.k;
}

/** Can a value of type `from` be used where `to` is declared? */
export function assignable(from: Type, to: Type): boolean {
  if (from.k === 'error' || to.k === 'error') return true;
  if (to.k === 'integer') return from.k === 'integer';
  return sameType(from, to);
}
