/**
 * The SQL engines on synthetic Shanghai households (npm run bench, part "sql"): the generated query
 * in DuckDB (embedded), PostgreSQL and Spark (local mode) against the compiled JS batch on the same
 * population — time, DuckDB's peak memory, and how both grow with the population.
 *
 *   BENCH_SQL_SIZES          households, every engine (default 100000,1000000)
 *   BENCH_SQL_DUCKDB_SIZES   further sizes for DuckDB alone (e.g. 10000000, where disk and time allow)
 *   BENCH_SQL_ENGINES        which engines (default duckdb,postgres,spark); an absent one is reported, not failed
 *
 * Each engine loads the two tables from the same CSV files first (load time apart), then the query
 * writes its whole result into a table (as a service would keep it) and the row count is checked.
 * PostgreSQL runs with its JIT off (the query's setup; see language/backend-sql/emit.ts).
 * DuckDB runs on 2 threads from a database file that spills to a temporary folder; PostgreSQL is the
 * server of DOUDI_POSTGRES_URL or a private one started here; Spark is the Python driver (local[2]),
 * its tables cached in memory first, its startup reported apart.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkPolicy, emitModule, instantiate, mapHost, LANGUAGE_VERSION, type PolicyIR, type PopulationColumns } from '../language/index.ts';
import { compileSql, tableDefinitions, type DialectName } from '../language/backend-sql/index.ts';
import { writeTableCsv } from '../language/backend-sql/rows.ts';
import { generatePopulation } from '../simulator/index.ts';
import { startPostgres } from '../scripts/engines/postgres.ts';
import { startSpark, type SparkDriver } from '../scripts/engines/spark.ts';

const now = () => performance.now();
const round = (x: number, places = 2) => Math.round(x * 10 ** places) / 10 ** places;
const log = (s: string) => process.stderr.write(s + '\n');
const load1 = () => round(os.loadavg()[0]!);

function shanghaiIR(): PolicyIR {
  const files = ['policies/shanghai/shanghai.doudi', 'policies/national/framework.doudi'];
  const r = checkPolicy(files[0]!, mapHost(Object.fromEntries(files.map((f) => [f, fs.readFileSync(f, 'utf8')]))));
  if (!r.ir) throw new Error('the Shanghai policy has errors');
  return r.ir;
}

const DATE = '2024-07-01';
const SETS = { cpi_yoy: '4%', food_cpi_yoy: '5.5%' };

interface EngineRow {
  engine: DialectName;
  households: number;
  load_ms: number;
  query_ms: number;
  /** Spark: of query_ms, the setup (the stages written as tables) */
  setup_ms?: number;
  ns_per_household: number;
  /** query time over the JS batch's on the same households */
  vs_js: number;
  /** DuckDB: the most its buffer manager held during the query (sampled every 50 ms), and the process's peak RSS then */
  duckdb_memory_peak_bytes?: number;
  rss_peak_bytes?: number;
  load_average: number;
}

/** Samples f every 50 ms while p runs: the largest value seen. */
async function sampled<T>(p: Promise<T>, f: () => Promise<number> | number): Promise<{ value: T; peak: number }> {
  let peak = 0;
  let done = false;
  const loop = (async () => {
    while (!done) {
      peak = Math.max(peak, await f());
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  try {
    const value = await p;
    return { value, peak };
  } finally {
    done = true;
    await loop;
  }
}

async function duckdbRun(ir: PolicyIR, dir: string, n: number, jsMs: number): Promise<EngineRow> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const q = compileSql(ir, { dialect: 'duckdb', date: DATE, sets: SETS });
  const db = await DuckDBInstance.create(path.join(dir, 'bench.duckdb'), { threads: '2', temp_directory: path.join(dir, 'spill') });
  const con = await db.connect();
  const probe = await db.connect();
  try {
    await con.run(tableDefinitions('duckdb'));
    let t = now();
    for (const table of ['households', 'persons']) await con.run(`COPY ${table} FROM '${path.join(dir, `${table}.csv`)}' (HEADER)`);
    const loadMs = now() - t;
    let rss = 0;
    const memory = async () => {
      rss = Math.max(rss, process.memoryUsage().rss);
      const r = await probe.runAndReadAll('SELECT sum(memory_usage_bytes) FROM duckdb_memory()');
      return Number(r.getRows()[0]![0] ?? 0);
    };
    t = now();
    if (q.setup.length || q.teardown.length) throw new Error('internal: DuckDB queries have no setup or teardown');
    const { peak } = await sampled(con.run(`CREATE TABLE outputs AS ${q.sql}`), memory);
    const queryMs = now() - t;
    const count = Number((await con.runAndReadAll('SELECT count(*) FROM outputs')).getRows()[0]![0]);
    if (count !== n) throw new Error(`DuckDB gave ${count} rows for ${n} households`);
    return { engine: 'duckdb', households: n, load_ms: round(loadMs), query_ms: round(queryMs), ns_per_household: round((queryMs * 1e6) / n, 0), vs_js: round(queryMs / jsMs, 1), duckdb_memory_peak_bytes: peak, rss_peak_bytes: rss, load_average: load1() };
  } finally {
    probe.closeSync();
    con.closeSync();
  }
}

async function postgresRun(ir: PolicyIR, dir: string, n: number, jsMs: number): Promise<EngineRow | string> {
  let url = process.env.DOUDI_POSTGRES_URL;
  let stop: (() => void) | undefined;
  if (!url) {
    const s = await startPostgres();
    if (typeof s === 'string') return s;
    url = s.url;
    stop = () => s.stop();
  }
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const schema = `doudi_bench_${process.pid}`;
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
    await client.query(tableDefinitions('postgres'));
    let t = now();
    for (const table of ['households', 'persons']) await client.query(`COPY ${table} FROM '${path.join(dir, `${table}.csv`)}' WITH (FORMAT csv, HEADER true)`);
    await client.query('ANALYZE households; ANALYZE persons;');
    const loadMs = now() - t;
    const q = compileSql(ir, { dialect: 'postgres', date: DATE, sets: SETS });
    t = now();
    for (const st of q.setup) await client.query(st);
    await client.query(`CREATE TABLE outputs AS ${q.sql}`);
    for (const st of q.teardown) await client.query(st);
    const queryMs = now() - t;
    const count = Number((await client.query('SELECT count(*) AS c FROM outputs')).rows[0].c);
    if (count !== n) throw new Error(`PostgreSQL gave ${count} rows for ${n} households`);
    return { engine: 'postgres', households: n, load_ms: round(loadMs), query_ms: round(queryMs), ns_per_household: round((queryMs * 1e6) / n, 0), vs_js: round(queryMs / jsMs, 1), load_average: load1() };
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
    stop?.();
  }
}

async function sparkRun(spark: SparkDriver, ir: PolicyIR, dir: string, n: number, jsMs: number): Promise<EngineRow> {
  await spark.load(dir);
  // the CSV files read once into memory (as DuckDB and PostgreSQL load them into tables): the load
  // (CACHE TABLE … AS makes a temporary view: uncached and dropped before the next size's)
  const drop = ['bench_households', 'bench_persons'].flatMap((t) => [`UNCACHE TABLE IF EXISTS ${t}`, `DROP VIEW IF EXISTS ${t}`]);
  const cache = [...drop, 'CACHE TABLE bench_households AS SELECT * FROM households', 'CACHE TABLE bench_persons AS SELECT * FROM persons'];
  const loaded = await spark.time('SELECT count(*) FROM bench_persons', cache);
  const q = compileSql(ir, { dialect: 'spark', date: DATE, sets: SETS, households: 'bench_households', persons: 'bench_persons' });
  const r = await spark.time(`SELECT count(*) FROM (${q.sql}) AS outputs`, q.setup, q.teardown);
  const count = Number(r.rows[0]![0]);
  if (count !== n) throw new Error(`Spark gave ${count} rows for ${n} households`);
  await spark.time('SELECT 1', drop);
  const queryMs = r.seconds * 1000;
  return { engine: 'spark', households: n, load_ms: round(loaded.seconds * 1000), query_ms: round(queryMs), setup_ms: round(r.setupSeconds * 1000), ns_per_household: round((queryMs * 1e6) / n, 0), vs_js: round(queryMs / jsMs, 1), load_average: load1() };
}

/** The compiled JS batch over the population's columns, in ms (the fastest of three runs, as the evaluation bench does). */
function jsBatch(ir: PolicyIR, pop: PopulationColumns): number {
  const js = instantiate(emitModule(ir, { version: LANGUAGE_VERSION }));
  const regions = js.regionsOf(pop);
  const params = js.resolveParameters({ date: DATE, sets: SETS }, regions.codes);
  const out = js.allocateOutputs(pop.households);
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = now();
    js.evaluateBatch(pop, regions, params, out);
    best = Math.min(best, now() - t);
  }
  return best;
}

export async function sqlBench() {
  const list = (s: string | undefined, d: string) => (s ?? d).split(',').map((x) => x.trim()).filter((x) => x);
  const sizes = list(process.env.BENCH_SQL_SIZES, '100000,1000000').map(Number);
  const duckdbOnly = list(process.env.BENCH_SQL_DUCKDB_SIZES, '').map(Number);
  const engines = list(process.env.BENCH_SQL_ENGINES, 'duckdb,postgres,spark') as DialectName[];
  const ir = shanghaiIR();
  const rows: EngineRow[] = [];
  const js: { households: number; persons: number; js_ms: number; js_ns_per_household: number }[] = [];
  const absent: Record<string, string> = {};
  let spark: SparkDriver | undefined;
  let sparkStartup: number | undefined;
  if (engines.includes('spark')) {
    const s = await startSpark();
    if (typeof s === 'string') absent.spark = s;
    else {
      spark = s;
      sparkStartup = round(s.startup, 1);
    }
  }
  try {
    for (const n of [...sizes, ...duckdbOnly]) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-bench-sql-'));
      fs.chmodSync(dir, 0o755);
      try {
        const pop = generatePopulation({ region: '310000', year: 2024, households: n, seed: 11 }).columns;
        const jsMs = jsBatch(ir, pop);
        js.push({ households: n, persons: pop.persons, js_ms: round(jsMs), js_ns_per_household: round((jsMs * 1e6) / n, 0) });
        for (const level of ['household', 'person'] as const) {
          const file = path.join(dir, level === 'household' ? 'households.csv' : 'persons.csv');
          const fd = fs.openSync(file, 'w', 0o644);
          writeTableCsv(pop, level, (s) => fs.writeSync(fd, s));
          fs.closeSync(fd);
        }
        const which = sizes.includes(n) ? engines : (['duckdb'] as DialectName[]);
        for (const e of which) {
          if (absent[e]) continue;
          let row: EngineRow | string;
          if (e === 'duckdb') row = await duckdbRun(ir, dir, n, jsMs);
          else if (e === 'postgres') row = await postgresRun(ir, dir, n, jsMs);
          else row = await sparkRun(spark!, ir, dir, n, jsMs);
          if (typeof row === 'string') {
            absent[e] = row;
            log(`SQL: ${e} is absent: ${row}`);
            continue;
          }
          rows.push(row);
          log(`SQL, ${n.toLocaleString('en')} Shanghai households, ${e}: query ${round(row.query_ms / 1000)} s (load ${round(row.load_ms / 1000)} s), ${row.vs_js}× the JS batch's ${round(jsMs)} ms; load average ${row.load_average}`);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await spark?.stop();
  }
  return {
    policy: 'shanghai',
    date: DATE,
    setup: 'from CSV files loaded first; DuckDB 2 threads (file-backed, spilling), PostgreSQL 15, Spark local[2] (tables cached first); the result written to a table (Spark: counted)',
    spark_startup_s: sparkStartup,
    absent,
    js,
    engines: rows,
  };
}
