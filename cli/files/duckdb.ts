/**
 * DuckDB, embedded, for reading population files at disk speed. Results are streamed chunk by chunk
 * (2,048 rows) and each typed vector is copied into the population's columns as a whole, through
 * DuckDB's C API (node-bindings); only refused values and ids become JS values.
 */
import * as os from 'node:os';
import { DuckDBInstance, type DuckDBConnection, type DuckDBDataChunk, type DuckDBResult } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import type { Column } from '../../language/index.ts';

/** A connection to a fresh in-memory database using every core (closed with `close`). */
export async function openDuckDB(): Promise<{ connection: DuckDBConnection; close: () => void }> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(Math.max(1, os.availableParallelism())), preserve_insertion_order: 'true' });
  const connection = await instance.connect();
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A SQL string literal. */
export const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** A SQL identifier. */
export const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** The chunks of a streamed result, in order. */
export async function* chunks(result: DuckDBResult): AsyncGenerator<DuckDBDataChunk> {
  // The next chunk is fetched (on DuckDB's side) while this one is decoded.
  let next = result.fetchChunk();
  for (;;) {
    const chunk = await next;
    if (!chunk || chunk.rowCount === 0) return;
    next = result.fetchChunk();
    yield chunk;
  }
}

const BYTES = { f64: 8, i32: 4, u16: 2, u8: 1 } as const;

/**
 * Copies column `index` of a chunk (a DuckDB vector of the column's own type: DOUBLE, INTEGER,
 * USMALLINT or UTINYINT, never NULL) into `target` from `offset`.
 */
export function copyVector(chunk: DuckDBDataChunk, index: number, target: Column, offset: number): void {
  const rows = chunk.rowCount;
  const kind = target instanceof Float64Array ? 'f64' : target instanceof Int32Array ? 'i32' : target instanceof Uint16Array ? 'u16' : 'u8';
  const bytes = duckdb.vector_get_data(duckdb.data_chunk_get_vector(chunk.chunk, index), rows * BYTES[kind]);
  const view =
    kind === 'f64' ? new Float64Array(bytes.buffer, bytes.byteOffset, rows) : kind === 'i32' ? new Int32Array(bytes.buffer, bytes.byteOffset, rows) : kind === 'u16' ? new Uint16Array(bytes.buffer, bytes.byteOffset, rows) : new Uint8Array(bytes.buffer, bytes.byteOffset, rows);
  target.set(view as never, offset);
}

/** Column `index` of a chunk as 32-bit integers (an INTEGER vector). */
export function integers(chunk: DuckDBDataChunk, index: number): Int32Array {
  const rows = chunk.rowCount;
  const bytes = duckdb.vector_get_data(duckdb.data_chunk_get_vector(chunk.chunk, index), rows * 4);
  return new Int32Array(bytes.buffer, bytes.byteOffset, rows);
}

/** The first line of a DuckDB error, without its "Invalid Input Error:"-style prefix. */
export function duckMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0]!.replace(/^[A-Za-z ]*Error: /, '');
}
