/**
 * Aggregations over a household's members: aggregates of one GROUP BY household_id over the
 * stage's member rows (plan.ts), joined back to the household's row, where a household without
 * members (no group) or without a member passing the filter gets the empty value: 0, false/true,
 * or the `else` of min/max.
 *
 * A sum or min/max of fractions is exact when every member's value has the same denominator —
 * a known one, or one made of household values only (an average over the household): the
 * numerators are summed or compared. Denominators that differ from member to member have no
 * exact SQL aggregate and are refused when compiling.
 */
import type * as I from '../ir/types.ts';
import { and, asNum, choose, Unsupported, type Ctx, type Site } from './expr.ts';
import { type Val, NARROW, checkRange, staticNum } from './values.ts';

/** A household has at most this many members (the bound of member counts and sums). */
export const MAX_MEMBERS = 1n << 20n;

/** A computed column: its SQL expression and name. */
export interface Column {
  readonly name: string;
  readonly expr: string;
}

export interface AggColumns {
  /** the group's columns that compute it */
  readonly select: readonly Column[];
  /** the value on the household's row, before the empty case (columns of the group) */
  readonly value: Val;
  /** the group's column that is NULL when no member counts (min, max) */
  readonly found?: string;
  /** the group's column with a member's conflict message */
  readonly error?: string;
}

type Gen = (e: I.Expr, ctx: Ctx) => Val;

const bool = (v: Val): string => {
  if (v.k !== 'bool') throw new Error('internal: expected a bool');
  return v.e;
};

/** The group's columns of one aggregation; `ctx` is the person-level context of its definition. */
export function aggregate(e: Extract<I.Expr, { k: 'agg' }>, name: string, ctx: Ctx, gen: Gen, owner: I.DefinitionIR): AggColumns {
  const D = ctx.D;
  const sites: Site[] = [];
  const shortCircuit = e.fn === 'any' || e.fn === 'all';
  const pctx: Ctx = { ...ctx, level: 'person', path: undefined, sites, shortCircuit, def: owner };
  const own = e.filter ? bool(gen(e.filter, pctx)) : undefined;
  // every row is a member's; the filter, where there is one, says which count
  const f = own === 'TRUE' ? undefined : own;
  const bodyCtx: Ctx = { ...pctx, path: f };
  const select: Column[] = [];
  const when = (x: string, otherwise: string) => (f === undefined ? x : `CASE WHEN ${f} THEN ${x} ELSE ${otherwise} END`);
  const err = () => {
    const live = sites.filter((s) => s.cond !== 'FALSE');
    if (!live.length) return undefined;
    select.push({ name: `${name}_e`, expr: `max(CASE ${live.map((s) => `WHEN ${s.cond} THEN ${s.msg}`).join(' ')} END)` });
    return `${name}_e`;
  };
  switch (e.fn) {
    case 'count':
      select.push({ name, expr: f === undefined ? 'count(*)' : `count(CASE WHEN ${f} THEN 1 END)` });
      return { select, value: staticNum(D, name, 1n, MAX_MEMBERS, true), error: err() };
    case 'any':
    case 'all': {
      const b = e.body ? bool(gen(e.body, bodyCtx)) : undefined;
      let x: string;
      // all(members where f) without a body: every member satisfies f
      if (e.fn === 'any') x = b ? and(f, b) : (f ?? 'TRUE');
      else x = b ? when(b, 'TRUE') : (f ?? 'TRUE');
      select.push({ name, expr: e.fn === 'any' ? D.boolOr(x) : D.boolAnd(x) });
      return { select, value: { k: 'bool', e: name }, error: err() };
    }
    case 'sum': {
      const b = asNum(gen(e.body!, bodyCtx));
      if (b.pd) throw new Unsupported(`a sum over members of fractions whose denominator differs from member to member (${owner.id})`);
      const bound = b.nb * MAX_MEMBERS;
      checkRange(D, bound, `definition ${owner.id}`);
      const term = bound >= NARROW ? `CAST(${b.n} AS ${D.wide})` : b.n;
      const s = `sum(${when(term, '0')})`;
      // DuckDB and PostgreSQL sum BIGINT into HUGEINT/NUMERIC: back to BIGINT where it fits
      select.push({ name, expr: bound >= NARROW || D.name === 'spark' ? s : `CAST(${s} AS ${D.int})` });
      const value = b.sd !== undefined ? staticNum(D, name, b.sd, bound, b.nonNeg, bound >= NARROW) : { ...b, n: name, nb: bound, wide: b.wide || bound >= NARROW, pv: false };
      return { select, value, error: err() };
    }
    case 'min':
    case 'max': {
      const b = gen(e.body!, bodyCtx);
      const pick = (x: string) => `${e.fn}(${f === undefined ? x : `CASE WHEN ${f} THEN ${x} END`})`;
      if (b.k !== 'num') {
        select.push({ name, expr: pick(b.e) });
        return { select, value: { ...b, e: name } as Val, found: name, error: err() };
      }
      if (b.pd) throw new Unsupported(`the ${e.fn} over members of fractions whose denominator differs from member to member (${owner.id})`);
      select.push({ name, expr: pick(b.n) });
      return { select, value: { ...b, n: name, pv: false }, found: name, error: err() };
    }
  }
}

/** The aggregation's value on the household's row, after the join (NULL columns: no group). */
export function aggValue(e: Extract<I.Expr, { k: 'agg' }>, cols: AggColumns, ctx: Ctx, gen: Gen): Val {
  if (cols.error) ctx.sites.push({ cond: and(ctx.path, `${cols.error} IS NOT NULL`), msg: cols.error });
  const v = cols.value;
  switch (e.fn) {
    case 'count':
    case 'sum': {
      const n = asNum(v);
      return { ...n, n: `COALESCE(${n.n}, 0)`, ...(n.sd === undefined ? { d: `GREATEST(${n.d}, 1)` } : {}) };
    }
    case 'any':
      return { k: 'bool', e: `COALESCE(${cols.found ?? (v as { e: string }).e}, FALSE)` };
    case 'all':
      return { k: 'bool', e: `COALESCE(${(v as { e: string }).e}, TRUE)` };
    default: {
      const none = `${cols.found} IS NULL`;
      const other = gen(e.else!, { ...ctx, path: and(ctx.path, none) });
      return choose([none], [other, v], ctx);
    }
  }
}
