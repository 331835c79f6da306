/**
 * Aggregations over a household's members: window aggregates over the household's rows
 * (PARTITION BY household_id), counting only member rows (a household without members has one row
 * that is not a member's). Read in a later layer, where a household without members (or none
 * passing the filter) gets the empty value: 0, false/true, or the `else` of min/max.
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

/** The column that tells a member's row from the one row of a household without members. */
export const MEMBER = 'doudi_member';

export interface AggColumns {
  /** `expr AS name` items of the layer that computes it */
  readonly select: readonly string[];
  /** the value in the household layer, before the empty case (columns of the a-layer) */
  readonly value: Val;
  /** the a-layer column that is NULL when no member counts (min, max) */
  readonly found?: string;
  /** the a-layer column with a member's conflict message */
  readonly error?: string;
}

type Gen = (e: I.Expr, ctx: Ctx) => Val;

const bool = (v: Val): string => {
  if (v.k !== 'bool') throw new Error('internal: expected a bool');
  return v.e;
};

/** The a-layer columns of one aggregation; `ctx` is the person-level context of its definition. */
export function aggregate(e: Extract<I.Expr, { k: 'agg' }>, name: string, ctx: Ctx, gen: Gen, owner: I.DefinitionIR): AggColumns {
  const D = ctx.D;
  const sites: Site[] = [];
  const shortCircuit = e.fn === 'any' || e.fn === 'all';
  const pctx: Ctx = { ...ctx, level: 'person', path: undefined, sites, shortCircuit, def: owner };
  const own = e.filter ? bool(gen(e.filter, pctx)) : undefined;
  // only a member's row counts
  const f = own ? `${MEMBER} AND (${own})` : MEMBER;
  const bodyCtx: Ctx = { ...pctx, path: f };
  const select: string[] = [];
  const when = (x: string, otherwise: string) => `CASE WHEN ${f} THEN ${x} ELSE ${otherwise} END`;
  const over = (call: string) => `${call} OVER (PARTITION BY household_id)`;
  const err = () => {
    if (!sites.length) return undefined;
    select.push(`${over(`max(CASE ${sites.map((s) => `WHEN ${MEMBER} AND ${s.cond} THEN ${s.msg}`).join(' ')} END)`)} AS ${name}_e`);
    return `${name}_e`;
  };
  switch (e.fn) {
    case 'count':
      select.push(`${over(`count(CASE WHEN ${f} THEN 1 END)`)} AS ${name}`);
      return { select, value: staticNum(D, name, 1n, MAX_MEMBERS, true), error: err() };
    case 'any':
    case 'all': {
      const b = e.body ? bool(gen(e.body, bodyCtx)) : undefined;
      let x: string;
      // all(members where f) without a body: every member satisfies f
      if (e.fn === 'any') x = b ? `${f} AND (${b})` : f;
      else x = b ? when(b, 'TRUE') : `CASE WHEN ${MEMBER} THEN ${own} ELSE TRUE END`;
      select.push(`${over(e.fn === 'any' ? D.boolOr(x) : D.boolAnd(x))} AS ${name}`);
      return { select, value: { k: 'bool', e: name }, error: err() };
    }
    case 'sum': {
      const b = asNum(gen(e.body!, bodyCtx));
      if (b.pd) throw new Unsupported(`a sum over members of fractions whose denominator differs from member to member (${owner.id})`);
      const bound = b.nb * MAX_MEMBERS;
      checkRange(D, bound, `definition ${owner.id}`);
      const term = bound >= NARROW ? `CAST(${b.n} AS ${D.wide})` : b.n;
      const s = over(`sum(${when(term, '0')})`);
      // DuckDB and PostgreSQL sum BIGINT into HUGEINT/NUMERIC: back to BIGINT where it fits
      select.push(`${bound >= NARROW || D.name === 'spark' ? s : `CAST(${s} AS ${D.int})`} AS ${name}`);
      const value = b.sd !== undefined ? staticNum(D, name, b.sd, bound, b.nonNeg, bound >= NARROW) : { ...b, n: name, nb: bound, wide: b.wide || bound >= NARROW, pv: false };
      return { select, value, error: err() };
    }
    case 'min':
    case 'max': {
      const b = gen(e.body!, bodyCtx);
      const pick = (x: string) => over(`${e.fn}(CASE WHEN ${f} THEN ${x} END)`);
      if (b.k !== 'num') {
        select.push(`${pick(b.e)} AS ${name}`);
        return { select, value: { ...b, e: name } as Val, found: name, error: err() };
      }
      if (b.pd) throw new Unsupported(`the ${e.fn} over members of fractions whose denominator differs from member to member (${owner.id})`);
      select.push(`${pick(b.n)} AS ${name}`);
      return { select, value: { ...b, n: name, pv: false }, found: name, error: err() };
    }
  }
}

/** The aggregation's value in the household layer of its definition. */
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
