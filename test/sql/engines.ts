/**
 * The SQL engines the tests run generated SQL on, behind one small interface: load the two tables
 * from CSV files, run a query, read rows back as text (exact: BIGINT and HUGEINT as decimal text).
 *
 * DuckDB runs embedded. PostgreSQL is the server named by DOUDI_POSTGRES_URL (as .ci/run starts
 * one), else a private one started here from Debian's binaries. Spark runs in a Python driver
 * (scripts/spark-driver.py) in local mode. An engine that is absent makes its tests skip with a
 * message, except where DOUDI_REQUIRE_ENGINES=1 (CI), where it fails them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tableDefinitions, type DialectName } from '../../language/backend-sql/index.ts';
import { writeTableCsv, type TableIds } from '../../language/backend-sql/rows.ts';
import type { PopulationColumns } from '../../language/index.ts';
import { startPostgres, type PostgresServer } from '../../scripts/engines/postgres.ts';
import { startSpark, type SparkDriver } from '../../scripts/engines/spark.ts';

export type Row = Record<string, string | null>;

export interface SqlEngine {
  readonly dialect: DialectName;
  /** replaces the tables households and persons with the CSV files' rows */
  load(dir: string): Promise<void>;
  /** runs the setup statements (Spark's tables), then the query, then the teardown (none but Spark's) */
  query(sql: string, setup?: readonly string[], teardown?: readonly string[]): Promise<Row[]>;
  close(): Promise<void>;
}

export const REQUIRE = process.env.DOUDI_REQUIRE_ENGINES === '1';

/** Writes a population as households.csv and persons.csv in a new temporary folder. */
export function writeTables(pop: PopulationColumns, ids?: TableIds): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-sql-'));
  fs.chmodSync(dir, 0o755);
  for (const level of ['household', 'person'] as const) {
    const file = path.join(dir, level === 'household' ? 'households.csv' : 'persons.csv');
    const fd = fs.openSync(file, 'w', 0o644);
    writeTableCsv(pop, level, (s) => fs.writeSync(fd, s), ids);
    fs.closeSync(fd);
  }
  return dir;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'object' ? String(v) : String(v));

export async function duckdb(): Promise<SqlEngine> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  return {
    dialect: 'duckdb',
    async load(dir) {
      await con.run('DROP TABLE IF EXISTS households; DROP TABLE IF EXISTS persons;');
      await con.run(tableDefinitions('duckdb'));
      for (const t of ['households', 'persons']) await con.run(`COPY ${t} FROM '${path.join(dir, `${t}.csv`)}' (HEADER, NULLSTR '')`);
    },
    async query(sql, setup = [], teardown = []) {
      for (const st of setup) await con.run(st);
      try {
        const r = await con.runAndReadAll(sql);
        const names = r.columnNames();
        return r.getRows().map((row) => Object.fromEntries(names.map((n, i) => [n, text(row[i])])));
      } finally {
        for (const st of teardown) await con.run(st);
      }
    },
    async close() {
      con.closeSync();
    },
  };
}

export async function postgres(): Promise<SqlEngine | string> {
  let server: PostgresServer | undefined;
  let url = process.env.DOUDI_POSTGRES_URL;
  if (!url) {
    const s = await startPostgres();
    if (typeof s === 'string') return s;
    server = s;
    url = s.url;
  }
  const pg = (await import('pg')).default;
  // BIGINT and NUMERIC come back as text: exact
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // a schema of its own: other test files may use the same server (DOUDI_POSTGRES_URL) at the same time
  const schema = `doudi_sql_${process.pid}`;
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
  return {
    dialect: 'postgres',
    async load(dir) {
      await client.query('DROP TABLE IF EXISTS households; DROP TABLE IF EXISTS persons;');
      await client.query(tableDefinitions('postgres'));
      for (const t of ['households', 'persons']) await client.query(`COPY ${t} FROM '${path.join(dir, `${t}.csv`)}' WITH (FORMAT csv, HEADER true)`);
      await client.query('ANALYZE households; ANALYZE persons;');
    },
    async query(sql, setup = [], teardown = []) {
      for (const st of setup) await client.query(st);
      try {
        const r = await client.query({ text: sql, rowMode: 'array' });
        const names = r.fields.map((f) => f.name);
        return (r.rows as unknown[][]).map((row) => Object.fromEntries(names.map((n, i) => [n, text(row[i])])));
      } finally {
        for (const st of teardown) await client.query(st);
      }
    },
    async close() {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
      server?.stop();
    },
  };
}

export async function spark(): Promise<SqlEngine | string> {
  const s = await startSpark();
  if (typeof s === 'string') return s;
  const driver: SparkDriver = s;
  return {
    dialect: 'spark',
    async load(dir) {
      await driver.load(dir);
    },
    async query(sql, setup, teardown) {
      return driver.query(sql, setup, teardown);
    },
    async close() {
      await driver.stop();
    },
  };
}
