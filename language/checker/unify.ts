/** The common type of branches (if, match arms, table rows, min/max values) and of money periods. */
import type * as I from '../ir/types.ts';
import { T, typeText, isDimensionless, isMoney, type Type, type Period } from '../types/index.ts';
import type { MessageParameterTypes, Span } from '../diagnostics/index.ts';
import { isErr } from './context.ts';

/** Merge two money periods: `any` adapts; otherwise they must be equal. */
export function unifyPeriod(a: Period, b: Period): Period | undefined {
  if (a === 'any') return b;
  if (b === 'any' || a === b) return a;
  return undefined;
}

/** The type of arithmetic on two unitless numbers: integers stay integers, rates stay rates. */
export function dimensionless(a: Type, b: Type): Type {
  if (a.k === 'integer' && b.k === 'integer') return T.integer;
  if (a.k === 'rate' && b.k === 'rate') return T.rate;
  return T.number;
}

/** The common type of two branches, or undefined. */
export function unify(a: Type, b: Type): Type | undefined {
  if (a.k === 'error') return b;
  if (b.k === 'error') return a;
  if (isMoney(a) && isMoney(b)) {
    const p = unifyPeriod(a.period, b.period);
    return p ? T.money(p) : undefined;
  }
  if (isDimensionless(a) && isDimensionless(b)) return dimensionless(a, b);
  if (a.k === 'enum' && b.k === 'enum') return a.name === b.name ? a : undefined;
  return a.k === b.k ? a : undefined;
}

/**
 * The common type of several branches (match arms, table rows), reporting the first that does not
 * fit. `failed` is set by a branch that is already an error or does not fit.
 */
export class BranchType {
  type: Type | undefined;
  failed = false;
  constructor(
    private readonly what: string,
    private readonly report: (params: MessageParameterTypes['type-mismatch'], span: Span) => void,
  ) {}
  take(x: I.Expr, span: Span): void {
    if (isErr(x)) {
      this.failed = true;
      return;
    }
    const u = this.type ? unify(this.type, x.t) : x.t;
    if (u) this.type = u;
    else {
      this.report({ what: this.what, expected: typeText(this.type!), found: typeText(x.t) }, span);
      this.failed = true;
    }
  }
}
