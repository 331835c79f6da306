/**
 * How generated SQL reads the schema's fields and the run's parameters: column names, SQL
 * shapes and bounds. Money is BIGINT fen in the tables; a field's bound is its column's range.
 */
import type * as I from '../ir/types.ts';
import * as Q from '../numbers/rational.ts';
import { findField, HOUSEHOLD_FIELDS, PERSON_FIELDS, type FieldSpec } from '../schema/index.ts';
import type { Dialect } from './dialect.ts';
import type { ParamTable, Resolved } from './params.ts';
import { type Num, type Val, lcm, lit, staticNum, constNum } from './values.ts';

/** The largest value a field's column holds. */
export function fieldBound(f: FieldSpec): bigint {
  if (f.max !== undefined) return BigInt(f.max);
  switch (f.column) {
    case 'u8':
      return 255n;
    case 'u16':
      return 65535n;
    case 'i32':
      return 2147483647n;
    default:
      return 9007199254740991n;
  }
}

/** A field as an SQL value (its column has the field's id as name). */
export function fieldVal(D: Dialect, level: 'household' | 'person', id: string): Val {
  const f = findField(level, id)!;
  const col = D.ident(f.id);
  switch (f.type!.k) {
    case 'bool':
      return { k: 'bool', e: col };
    case 'enum':
      return { k: 'text', e: col };
    case 'region':
      return { k: 'int', e: col };
    default:
      return { ...staticNum(D, col, 1n, fieldBound(f), (f.min ?? 0) >= 0), pv: level === 'person' };
  }
}

/** The schema's SQL type of a field. */
export function fieldType(D: Dialect, f: FieldSpec): string {
  const t = f.type;
  if (!t) return D.text;
  switch (t.k) {
    case 'bool':
      return D.bool;
    case 'enum':
      return D.text;
    case 'region':
      return 'INTEGER';
    case 'number':
      // the survey weight (not money, not a rate, not read by rules)
      return D.double;
    default:
      return D.int;
  }
}

/** The SQL value of a field in h0 / the persons table: an optional field takes its default when NULL. */
export function fieldSelect(D: Dialect, f: FieldSpec, alias: string): string {
  const col = `${alias}.${D.ident(f.id)}`;
  const d = f.optional;
  if (!d) return col;
  let dflt: string;
  if ('value' in d) dflt = typeof d.value === 'boolean' ? (d.value ? 'TRUE' : 'FALSE') : typeof d.value === 'number' ? String(d.value) : D.str(d.value);
  else if ('same' in d) dflt = `${alias}.${D.ident(d.same)}`;
  else dflt = `CASE WHEN ${alias}.${D.ident(d.when)} THEN ${D.str(d.then)} ELSE ${D.str(d.else)} END`;
  return `COALESCE(${col}, ${dflt})`;
}

export const schemaFields = (level: 'household' | 'person'): readonly FieldSpec[] => (level === 'household' ? HOUSEHOLD_FIELDS : PERSON_FIELDS);

/** A parameter's values in the run: literals when equal in every row, else columns of the parameter table. */
export interface ParamShape {
  readonly id: string;
  /** per entry: the SQL value (a literal, or a column of h0) */
  readonly entries: readonly Val[];
  readonly entryIds?: readonly string[];
  /** columns of the parameter table: name and per-row literal (NULL where the row has an error) */
  readonly columns: readonly { readonly name: string; readonly rows: readonly string[] }[];
}

const kindOf = (t: I.ParameterIR['type']): 'num' | 'bool' | 'text' | 'int' => (t.k === 'bool' ? 'bool' : t.k === 'enum' || t.k === 'date' ? 'text' : t.k === 'region' ? 'int' : 'num');

export function paramShapes(D: Dialect, table: ParamTable): Map<string, ParamShape> {
  const out = new Map<string, ParamShape>();
  let i = 0;
  for (const [id, p] of table.params) {
    const kind = kindOf(p.type);
    const money = p.type.k === 'money';
    const width = p.entries?.length ?? 1;
    const rows = p.values;
    const entries: Val[] = [];
    const columns: { name: string; rows: string[] }[] = [];
    // one known denominator for every row of the parameter: the lcm of the rows' denominators
    const asRat = (v: Resolved) => (money ? Q.mul(v as Q.Rational, Q.rat(100)) : (v as Q.Rational));
    let sd = 1n;
    if (kind === 'num') for (const r of rows) if (r) for (const v of r) sd = lcm(sd, asRat(v).d);
    const literal = (v: Resolved): string => {
      if (kind === 'bool') return v ? 'TRUE' : 'FALSE';
      if (kind === 'text') return D.str(v as string);
      if (kind === 'int') return String(Number(v));
      const q = asRat(v);
      return lit(D, q.n * (sd / q.d));
    };
    for (let e = 0; e < width; e++) {
      const texts = rows.map((r) => (r ? literal(r[e]!) : undefined));
      const same = texts.every((t) => t !== undefined && t === texts[0]);
      const num = (n: string, nb: bigint, nonNeg: boolean): Num => staticNum(D, n, sd, nb, nonNeg);
      const nums = kind === 'num' ? rows.flatMap((r) => (r ? [asRat(r[e]!)] : [])) : [];
      const nb = nums.reduce((m, q) => {
        const a = q.n * (sd / q.d);
        return (a < 0n ? -a : a) > m ? (a < 0n ? -a : a) : m;
      }, 0n);
      const nonNeg = nums.every((q) => q.n >= 0n);
      if (same) {
        if (kind === 'num') {
          const q = nums[0]!;
          entries.push(constNum(D, q.n * (sd / q.d), sd));
        } else entries.push({ k: kind, e: texts[0]! } as Val);
        continue;
      }
      const name = `p${i}_${e}`;
      columns.push({ name, rows: texts.map((t) => t ?? 'NULL') });
      entries.push(kind === 'num' ? num(name, nb, nonNeg) : ({ k: kind, e: name } as Val));
    }
    out.set(id, { id, entries, ...(p.entries ? { entryIds: p.entries } : {}), columns });
    i++;
  }
  return out;
}
