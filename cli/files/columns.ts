/**
 * The SQL that turns a table's text cells into column codes inside DuckDB, and the reader that
 * copies the result into a population builder.
 *
 * Each field's expression accepts only the plain spellings (digits, at most two decimals for money;
 * enum ids and Chinese names; true/false) and gives NULL for anything else; a row's `bad` mask says
 * which fields were NULL, and only those cells come back as text, to the schema's own reading in
 * JS (simulator/population/decode.ts), which accepts them or says why not. So DuckDB never decides
 * what a value means where the schema would decide differently, and money is never a DOUBLE: it is
 * parsed from its digits as DECIMAL(18,2) and multiplied into integer fen.
 */
import { enumSpec, I32_MAX, type FieldSpec, type Level } from '../../language/index.ts';
import type { PopulationBuilder } from '../../simulator/population/io.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { chunks, copyVector, integers, literal } from './duckdb.ts';

const SQL_TYPE = { f64: 'DOUBLE', i32: 'INTEGER', u16: 'USMALLINT', u8: 'UTINYINT' } as const;

/** The code of a field from a VARCHAR expression, NULL unless the text is a plain spelling. */
export function codeSql(f: FieldSpec, c: string): string {
  const t = f.type!;
  switch (t.k) {
    case 'bool':
      return `CASE ${c} WHEN 'true' THEN 1 WHEN 'false' THEN 0 END`;
    case 'enum': {
      const whens = enumSpec(t.name)!.values.flatMap((v, i) => [`WHEN ${literal(v.id)} THEN ${i}`, `WHEN ${literal(v.zh)} THEN ${i}`]);
      return `CASE ${c} ${whens.join(' ')} END`;
    }
    case 'integer':
    case 'months':
      return `CASE WHEN regexp_full_match(${c}, '[0-9]{1,9}') AND TRY_CAST(${c} AS INTEGER) BETWEEN ${f.min ?? 0} AND ${f.max ?? I32_MAX} THEN TRY_CAST(${c} AS INTEGER) END`;
    case 'region':
      return `CASE WHEN regexp_full_match(${c}, '[0-9]{6}') THEN TRY_CAST(${c} AS INTEGER) END`;
    case 'money': {
      const limit = f.column === 'i32' ? I32_MAX : Number.MAX_SAFE_INTEGER;
      const fen = `TRY_CAST(TRY_CAST(${c} AS DECIMAL(18,2)) * 100 AS BIGINT)`;
      return `CASE WHEN regexp_full_match(${c}, '[0-9]{1,12}(\\.[0-9]{1,2})?') AND ${fen} <= ${limit} THEN ${fen} END`;
    }
    case 'number':
      // The weight: plain decimals up to 10⁹ with at most 17 digits; DuckDB's text-to-double
      // conversion is correctly rounded, as JS's Number() is.
      return `CASE WHEN regexp_full_match(${c}, '[0-9]{1,10}(\\.[0-9]{1,7})?') AND TRY_CAST(${c} AS DOUBLE) <= 1000000000 THEN TRY_CAST(${c} AS DOUBLE) END`;
    default:
      return 'NULL';
  }
}

export interface TableRead {
  readonly level: Level;
  /** the fields of the table's columns, in order */
  readonly fields: readonly FieldSpec[];
  /** VARCHAR expressions of the columns, in order */
  readonly text: readonly string[];
  /** the FROM clause */
  readonly from: string;
}

/**
 * Streams a table into the builder. Rows are numbered from 0 in file order (`at`); the caller maps
 * them to lines or rows when there are problems.
 */
export async function readTable(connection: DuckDBConnection, b: PopulationBuilder, t: TableRead): Promise<void> {
  const idField = t.level === 'household' ? 'household_id' : 'person_id';
  const id = t.fields.findIndex((f) => f.id === idField);
  const hid = t.level === 'person' ? t.fields.findIndex((f) => f.id === 'household_id') : -1;
  const valued = t.fields.map((f, i) => ({ f, i })).filter((x) => x.f.column !== undefined);
  if (valued.length > 30) throw new Error('too many columns for one mask');
  const codes = valued.map((x) => `${codeSql(x.f, `c${x.i}`)} AS v${x.i}`);
  const mask = valued.map((x, k) => `(CASE WHEN v${x.i} IS NULL THEN ${1 << k} ELSE 0 END)`).join(' | ') || '0';
  const outputs = [
    `(${mask})::INTEGER AS bad`,
    `c${id} AS id`,
    hid >= 0 ? `c${hid} AS hid` : `NULL AS hid`,
    ...valued.map((x) => `coalesce(v${x.i}, 0)::${SQL_TYPE[x.f.column!]} AS v${x.i}`),
    ...valued.map((x) => `CASE WHEN v${x.i} IS NULL THEN c${x.i} END AS r${x.i}`),
  ];
  const sql = `SELECT ${outputs.join(', ')} FROM (SELECT *, ${codes.join(', ')} FROM (SELECT ${t.text.map((e, i) => `${e} AS c${i}`).join(', ')} FROM ${t.from}))`;
  const result = await connection.stream(sql);
  const cols = t.level === 'household' ? b.household : b.person;
  let at = 0;
  for await (const chunk of chunks(result)) {
    const n = chunk.rowCount;
    const start = cols.reserve(n);
    valued.forEach((x, k) => copyVector(chunk, 3 + k, cols.arrays[x.f.id]!, start));
    const ids = chunk.getColumnVector(1);
    const hids = hid >= 0 ? chunk.getColumnVector(2) : undefined;
    for (let i = 0; i < n; i++) {
      const raw = ids.getItem(i) ?? '';
      if (t.level === 'household') b.householdId(start + i, raw, at + i);
      else {
        b.personId(start + i, raw, at + i);
        b.personHouseholdId(start + i, hids!.getItem(i) ?? '', at + i);
      }
    }
    const bad = integers(chunk, 0);
    for (let i = 0; i < n; i++) {
      if (bad[i] === 0) continue;
      valued.forEach((x, k) => {
        if (!(bad[i]! & (1 << k))) return;
        const raw = (chunk.getColumnVector(3 + valued.length + k).getItem(i) as string | null) ?? '';
        if (t.level === 'household') b.setHousehold(start + i, x.f, raw, at + i);
        else b.setPerson(start + i, x.f, raw, at + i);
      });
    }
    at += n;
    if (b.full) break;
  }
}
