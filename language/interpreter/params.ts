/**
 * Parameter values for a date and a region, exactly. The rules — the most specific region block
 * (the region itself, then its prefecture, then its province, then the default values), and in it
 * the last value from on or before the date — are the ones every compiled module repeats.
 */
import type * as I from '../ir/types.ts';
import * as Q from '../numbers/rational.ts';

export type Scalar = Q.Rational | boolean | string;
export type ParamValue = Scalar | readonly Scalar[];

export class EvalError extends Error {
  constructor(
    readonly code: 'no-value' | 'out-of-effect' | 'exception-conflict' | 'table-conflict' | 'zero-divisor' | 'bad-setting',
    message: string,
    readonly at?: { readonly file: string; readonly at: I.At },
  ) {
    super(message);
  }
}

/** The region block that applies to `region`, or the default values. */
export function regionValues(p: I.ParameterIR, region: string): { values: readonly I.DatedValue[]; where: string; block?: 'region' | 'prefecture' | 'province' | 'default' } {
  const exact = p.regions.find((r) => r.codes.includes(region));
  if (exact) return { values: exact.values, where: ` in region ${region}`, block: 'region' };
  const pref = p.regions.find((r) => r.codes.some((c) => c.endsWith('00') && !c.endsWith('0000') && c.slice(0, 4) === region.slice(0, 4)));
  if (pref) return { values: pref.values, where: ` in region ${region} (prefecture block)`, block: 'prefecture' };
  const prov = p.regions.find((r) => r.codes.some((c) => c.endsWith('0000') && c.slice(0, 2) === region.slice(0, 2)));
  if (prov) return { values: prov.values, where: ` in region ${region} (province block)`, block: 'province' };
  return { values: p.values, where: p.regions.length ? ` for region ${region}` : '', ...(p.regions.length ? { block: 'default' as const } : {}) };
}

/** The value in force on `date`: the last one from on or before it. */
export function inForce(values: readonly I.DatedValue[], date: string): I.DatedValue | undefined {
  let hit: I.DatedValue | undefined;
  for (const v of values) if (v.from <= date) hit = v;
  return hit;
}

export function decodeConst(e: Extract<I.Expr, { k: 'const' }>): Scalar {
  if (typeof e.v === 'boolean') return e.v;
  if (e.t.k === 'enum' || e.t.k === 'date' || e.t.k === 'region') return e.v;
  return Q.parseRational(e.v)!;
}

/** Parses a setting given on a command line or in a test ("1600", "3.5%", "true", "urban"). */
export function parseSetting(p: I.ParameterIR, text: string, enums: readonly I.EnumIR[]): Scalar {
  const t = p.type;
  const raw = text.trim();
  const fail = (why: string): never => {
    throw new EvalError('bad-setting', `--set ${p.id}=${text}: ${why}`);
  };
  switch (t.k) {
    case 'bool':
      if (raw === 'true' || raw === 'false') return raw === 'true';
      return fail('expected true or false');
    case 'enum': {
      const en = enums.find((e) => e.id === t.name);
      const v = en?.values.find((x) => x.id === raw || x.label === raw);
      return v ? v.id : fail(`expected one of ${en?.values.map((x) => x.id).join(', ')}`);
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : fail('expected a date YYYY-MM-DD');
    case 'region':
      return /^\d{6}$/.test(raw) ? raw : fail('expected a 6-digit region code');
    default: {
      const v = Q.parseRational(raw.replace(/^[¥￥]/, '').replace(/元$/, '').replace(/\s*months?$/, ''));
      if (!v) return fail(t.k === 'money' ? 'expected an amount in yuan, e.g. 1600 or 1600.50' : t.k === 'rate' ? 'expected a rate, e.g. 3.5% or 0.035' : 'expected a number');
      if ((t.k === 'integer' || t.k === 'months') && !Q.isInteger(v)) fail('expected a whole number');
      if (t.k === 'money' && !Q.isInteger(Q.mul(v, Q.rat(100)))) fail('money is exact to the fen: at most two decimals');
      const big = BigInt(Number.MAX_SAFE_INTEGER);
      if ((v.n < 0n ? -v.n : v.n) > big || v.d > big) fail('too many digits');
      return v;
    }
  }
}
