/**
 * A table's cells, streamed from DuckDB as text and decoded into a population builder without
 * making a JS string per cell: DuckDB splits the file (CSV tokenising, Parquet decoding) on every
 * core and hands over vectors of its 16-byte strings, which keep text of up to 12 bytes inline —
 * every plain amount, count, bool and enum id — so their codes are read straight from the bytes,
 * one loop per column of a chunk (simulator/population/decode.ts, columnDecoderFor). Anything else
 * (longer text, Chinese names, unusual spellings, empty cells) becomes a string and goes through
 * the schema's own reading, which accepts it or says why not. So DuckDB never decides what a value means, and money is never a
 * DOUBLE: fen are counted from the digits.
 */
import duckdb from '@duckdb/node-bindings';
import type { DuckDBConnection, DuckDBDataChunk, DuckDBVector } from '@duckdb/node-api';
import { enumSpec, type FieldSpec, type Level } from '../../language/index.ts';
import { columnDecoderFor, isAscii, asciiText, type PopulationBuilder } from '../../simulator/index.ts';
import { chunks, copyVector, integers, literal } from './duckdb.ts';

export interface TableRead {
  readonly level: Level;
  /** the fields of the table's columns, in order */
  readonly fields: readonly FieldSpec[];
  /** the file's columns, in order (SQL over the FROM clause); later expressions name them r0, r1, … */
  readonly columns: readonly string[];
  /** the FROM clause */
  readonly from: string;
  /** the text of column i, as SQL over r0, r1, … (a CSV column is text already: `r${i}`) */
  readonly text: (column: number) => string;
  /**
   * SQL giving a column's code straight from the file's own typed value (Parquet), or NULL when the
   * value is not a plain one; undefined when the column is matched or decoded from its text instead.
   */
  readonly typed?: (f: FieldSpec, column: number) => string | undefined;
}

const SQL_TYPE = { f64: 'DOUBLE', i32: 'INTEGER', u16: 'USMALLINT', u8: 'UTINYINT' } as const;

/** One VARCHAR column of a chunk: its 16-byte string structs, its validity bits, and the API's vector for long strings. */
class TextColumn {
  readonly data: Uint8Array;
  readonly validity: Uint8Array | null;
  private vector: DuckDBVector | undefined;

  constructor(
    private readonly chunk: DuckDBDataChunk,
    private readonly index: number,
  ) {
    const v = duckdb.data_chunk_get_vector(chunk.chunk, index);
    const n = chunk.rowCount;
    this.data = duckdb.vector_get_data(v, n * 16);
    this.validity = duckdb.vector_get_validity(v, Math.ceil(n / 64) * 8) ?? null;
  }

  valid(i: number): boolean {
    return !this.validity || (this.validity[i >> 3]! & (1 << (i & 7))) !== 0;
  }

  /** Byte length of row i's text (inline when ≤ 12, from byte 16·i + 4). */
  length(i: number): number {
    const o = i * 16;
    const d = this.data;
    return (d[o]! | (d[o + 1]! << 8) | (d[o + 2]! << 16) | (d[o + 3]! << 24)) >>> 0;
  }

  /** Row i as a string ('' for an empty cell). */
  text(i: number): string {
    if (!this.valid(i)) return '';
    const n = this.length(i);
    if (n <= 12 && isAscii(this.data, i * 16 + 4, n)) return asciiText(this.data, i * 16 + 4, n);
    this.vector ??= this.chunk.getColumnVector(this.index);
    return (this.vector.getItem(i) as string | null) ?? '';
  }
}

/** Enums and bools are matched in SQL (a CASE over their spellings, NULL for any other text): one byte per cell crosses instead of DuckDB's 16-byte strings, which the C API copies. */
function matchSql(f: FieldSpec, c: string): string | undefined {
  const t = f.type!;
  if (t.k === 'bool') return `CASE ${c} WHEN 'true' THEN 1 WHEN 'false' THEN 0 END`;
  if (t.k !== 'enum') return undefined;
  const whens = enumSpec(t.name)!.values.flatMap((v, i) => [`WHEN ${literal(v.id)} THEN ${i}`, `WHEN ${literal(v.zh)} THEN ${i}`]);
  return `CASE ${c} ${whens.join(' ')} END`;
}

/**
 * Streams a table into the builder. Rows are numbered from 0 in file order (`at`); the caller maps
 * them to lines or rows when there are problems.
 */
export async function readTable(connection: DuckDBConnection, b: PopulationBuilder, t: TableRead): Promise<void> {
  const household = t.level === 'household';
  const id = t.fields.findIndex((f) => f.id === (household ? 'household_id' : 'person_id'));
  const hid = household ? -1 : t.fields.findIndex((f) => f.id === 'household_id');
  const stored = t.fields.map((f, i) => ({ f, i })).filter((x) => x.f.column !== undefined);
  const codeSql = (f: FieldSpec, i: number) => t.typed?.(f, i) ?? matchSql(f, t.text(i));
  const matched = stored.filter((x) => codeSql(x.f, x.i) !== undefined);
  const decoded = stored.filter((x) => codeSql(x.f, x.i) === undefined).map((x) => ({ ...x, decode: columnDecoderFor(x.f) }));
  if (matched.length > 31) throw new Error('too many matched columns for one mask');
  // Output: the text of each column (c0 …; for a matched column only where its code is NULL, so a
  // Parquet value is never turned into text for nothing), the matched codes, and the mask of the
  // cells whose code is NULL.
  const m = new Map(matched.map((x, k) => [x.i, k]));
  const texts = t.fields.map((_, i) => (m.has(i) ? `CASE WHEN m${m.get(i)} IS NULL THEN ${t.text(i)} END` : t.text(i)) + ` AS c${i}`);
  const codes = matched.map((x, k) => `coalesce(m${k}, 0)::${SQL_TYPE[x.f.column!]}`);
  const mask = matched.map((_, k) => `(CASE WHEN m${k} IS NULL THEN ${1 << k} ELSE 0 END)`).join(' | ') || '0';
  const inner = `SELECT *, ${matched.map((x, k) => `${codeSql(x.f, x.i)} AS m${k}`).join(', ') || 'NULL AS m_'} FROM (SELECT ${t.columns.map((c, i) => `${c} AS r${i}`).join(', ')} FROM ${t.from})`;
  const sql = `SELECT ${texts.join(', ')}${codes.length ? ', ' + codes.join(', ') : ''}, (${mask})::INTEGER AS bad FROM (${inner})`;
  const result = await connection.stream(sql);
  const cols = household ? b.household : b.person;
  const width = t.fields.length;
  // Cells a column decoder refused, by index in the chunk (a chunk has at most 2,048 rows).
  let failed = new Int32Array(2048);
  let at = 0;
  for await (const chunk of chunks(result)) {
    const n = chunk.rowCount;
    const start = cols.reserve(n);
    if (failed.length < n) failed = new Int32Array(n);
    const ids = new TextColumn(chunk, id);
    if (household) for (let i = 0; i < n; i++) b.householdId(start + i, ids.text(i), at + i);
    else {
      const hids = new TextColumn(chunk, hid);
      for (let i = 0; i < n; i++) {
        const o = i * 16 + 4;
        const pn = ids.valid(i) ? ids.length(i) : -1;
        if (pn > 0 && pn <= 12 && isAscii(ids.data, o, pn)) b.personIdAscii(start + i, ids.data, o, pn, at + i);
        else b.personId(start + i, ids.text(i), at + i);
        const hn = hids.valid(i) ? hids.length(i) : -1;
        if (hn > 0 && hn <= 12 && isAscii(hids.data, o, hn)) b.personHouseholdAscii(start + i, hids.data, o, hn, at + i);
        else b.personHouseholdId(start + i, hids.text(i), at + i);
      }
    }
    matched.forEach((x, k) => copyVector(chunk, width + k, cols.arrays[x.f.id]!, start));
    const bad = integers(chunk, width + matched.length);
    for (let i = 0; i < n; i++) {
      if (bad[i] === 0) continue;
      matched.forEach((x, k) => {
        if (!(bad[i]! & (1 << k))) return;
        const raw = new TextColumn(chunk, x.i).text(i);
        if (household) b.setHousehold(start + i, x.f, raw, at + i);
        else b.setPerson(start + i, x.f, raw, at + i);
      });
    }
    for (const x of decoded) {
      const cells = new TextColumn(chunk, x.i);
      const bad = x.decode(cells.data, cells.validity, n, cols.arrays[x.f.id]!, start, failed);
      for (let k = 0; k < bad; k++) {
        const i = failed[k]!;
        if (household) b.setHousehold(start + i, x.f, cells.text(i), at + i);
        else b.setPerson(start + i, x.f, cells.text(i), at + i);
      }
    }
    at += n;
    if (b.full) break;
  }
}
