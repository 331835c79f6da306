/**
 * A connection to an SQL engine the simulation runs in, behind one small interface: run
 * statements, read a query's rows as text (exact: BIGINT, HUGEINT, NUMERIC and DECIMAL as their
 * decimal text). DuckDB runs embedded in a database file of its own in a temporary folder (so a
 * population larger than memory spills to disk); PostgreSQL is a server named by a URL; Spark runs
 * in a Python driver (scripts/engines/spark.ts) in local mode or on a cluster.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DialectName } from '../../language/backend-sql/index.ts';
import { startSpark } from '../../scripts/engines/spark.ts';

export type Row = Record<string, string | null>;

export interface EngineSession {
  readonly dialect: DialectName;
  /** runs statements in order */
  run(statements: readonly string[]): Promise<void>;
  /** a query's rows, every value as text (NULL as null) */
  query(sql: string): Promise<Row[]>;
  /** a folder the engine can read files from and the caller may write to (DuckDB, Spark), removed on close */
  readonly scratch?: string;
  close(): Promise<void>;
}

/** An engine's error, with the statement that failed (first line) for the reader. */
export class EngineError extends Error {}

/**
 * DOUDI_SQL_LOG=FILE appends every statement an engine runs to FILE (to see or replay a run), each
 * after a comment giving the seconds since the previous one began (where a run's time goes).
 */
let last = 0;
function logged(sql: string): string {
  const file = process.env.DOUDI_SQL_LOG;
  if (file) {
    const t = performance.now();
    fs.appendFileSync(file, `-- ${last ? ((t - last) / 1000).toFixed(3) : '0'} s since the previous statement began\n${sql.trim()};\n\n`);
    last = t;
  }
  return sql;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v));

export interface DuckDBOptions {
  /** where the database file and spill files go (default: a new folder in the system's temporary directory) */
  readonly dir?: string;
  /** DuckDB's memory_limit (e.g. "8GB"); default DuckDB's own (80 % of memory) */
  readonly memoryLimit?: string;
  readonly threads?: number;
}

/** DuckDB, embedded: a database file in a folder of its own (removed on close), spilling there. */
export async function duckdbSession(o: DuckDBOptions = {}): Promise<EngineSession> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const dir = fs.mkdtempSync(path.join(o.dir ?? process.env.DOUDI_DUCKDB_DIR ?? os.tmpdir(), 'doudi-duckdb-'));
  const config: Record<string, string> = {
    temp_directory: path.join(dir, 'spill'),
    threads: String(o.threads ?? Math.max(1, os.availableParallelism())),
    // row order of a file is kept (households' places break ties of deciles, as in the JS engine)
    preserve_insertion_order: 'true',
  };
  const memory = o.memoryLimit ?? process.env.DOUDI_DUCKDB_MEMORY;
  if (memory) config.memory_limit = memory;
  const db = await DuckDBInstance.create(path.join(dir, 'simulation.duckdb'), config);
  const con = await db.connect();
  const wrap = async <T>(sql: string, f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      throw new EngineError(`DuckDB: ${(e as Error).message.split('\n')[0]}${where(sql)}`);
    }
  };
  return {
    dialect: 'duckdb',
    scratch: dir,
    async run(statements) {
      for (const s of statements) await wrap(s, () => con.run(logged(s)));
    },
    async query(sql) {
      return wrap(sql, async () => {
        const r = await con.runAndReadAll(logged(sql));
        const names = r.columnNames();
        return r.getRows().map((row) => Object.fromEntries(names.map((n, i) => [n, text(row[i])])));
      });
    },
    async close() {
      con.closeSync();
      db.closeSync();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** " (in: SELECT …)": the start of the statement an engine refused, for a message. */
function where(sql: string): string {
  const first = sql.trim().split('\n')[0]!;
  return ` (in: ${first.length > 100 ? first.slice(0, 100) + '…' : first})`;
}

/**
 * PostgreSQL at `url`: the tables are the ones the connection's search_path finds (a URL's
 * `?options=-csearch_path%3Dschema` picks a schema); what the simulation makes is TEMP, so it
 * leaves nothing behind.
 */
export async function postgresSession(url: string): Promise<EngineSession> {
  const pg = (await import('pg')).default;
  // BIGINT and NUMERIC come back as text: exact
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw new EngineError(`PostgreSQL at ${redact(url)}: cannot connect (${(e as Error).message})`);
  }
  const wrap = async <T>(sql: string, f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      throw new EngineError(`PostgreSQL: ${(e as Error).message}${where(sql)}`);
    }
  };
  return {
    dialect: 'postgres',
    async run(statements) {
      for (const s of statements) await wrap(s, () => client.query(logged(s)));
    },
    async query(sql) {
      return wrap(sql, async () => {
        const r = await client.query({ text: logged(sql), rowMode: 'array' });
        const names = r.fields.map((f) => f.name);
        return (r.rows as unknown[][]).map((row) => Object.fromEntries(names.map((n, i) => [n, text(row[i])])));
      });
    },
    async close() {
      await client.end();
    },
  };
}

/** A database URL without its password, for messages. */
export const redact = (url: string): string => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

/**
 * Spark SQL through the Python driver: local mode (`local[2]`) unless `master` names a cluster
 * (`spark://host:7077`). Startup is reported separately (seconds) by the driver.
 */
export async function sparkSession(master?: string): Promise<EngineSession & { readonly startup: number }> {
  const s = await startSpark(master);
  if (typeof s === 'string') throw new EngineError(`Spark: ${s}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-spark-data-'));
  fs.chmodSync(dir, 0o755);
  const wrap = async <T>(sql: string, f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      // Spark's messages carry the analysed plan after SQLSTATE: the reader needs the first part
      const m = (e as Error).message.split(/ SQLSTATE| ;? *line \d+ pos \d+/)[0]!;
      throw new EngineError(`${m.length > 600 ? m.slice(0, 600) + '…' : m}${where(sql)}`);
    }
  };
  return {
    dialect: 'spark',
    scratch: dir,
    startup: s.startup,
    async run(statements) {
      // each statement on its own, so a failure names its own
      for (const st of statements) await wrap(st, () => s.query('SELECT 1 AS done', [logged(st)]));
    },
    async query(sql) {
      return wrap(sql, () => s.query(logged(sql)));
    },
    async close() {
      await s.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
