/**
 * The SQL engines on synthetic Shanghai households (npm run bench, part "sql"): the generated query
 * in embedded DuckDB against the compiled JS batch on the same population, time and peak memory,
 * and how both grow with the population. Sizes: BENCH_SQL_SIZES (default 100000,1000000; add
 * 10000000 where the disk and the time allow). DuckDB reads the tables from CSV files in a
 * temporary folder and spills to it when the data outgrow memory.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkPolicy, emitModule, instantiate, mapHost, LANGUAGE_VERSION, type PolicyIR } from '../language/index.ts';
import { compileSql, tableDefinitions } from '../language/backend-sql/index.ts';
import { writeTableCsv } from '../language/backend-sql/rows.ts';
import { generatePopulation } from '../simulator/index.ts';

const now = () => performance.now();
const round = (x: number, places = 2) => Math.round(x * 10 ** places) / 10 ** places;
const log = (s: string) => process.stderr.write(s + '\n');

function shanghaiIR(): PolicyIR {
  const files = ['policies/shanghai/shanghai.doudi', 'policies/national/framework.doudi'];
  const r = checkPolicy(files[0]!, mapHost(Object.fromEntries(files.map((f) => [f, fs.readFileSync(f, 'utf8')]))));
  if (!r.ir) throw new Error('the Shanghai policy has errors');
  return r.ir;
}

const DATE = '2024-07-01';
const SETS = { cpi_yoy: '4%', food_cpi_yoy: '5.5%' };

export async function sqlBench() {
  const sizes = (process.env.BENCH_SQL_SIZES ?? '100000,1000000').split(',').map(Number);
  const ir = shanghaiIR();
  const js = instantiate(emitModule(ir, { version: LANGUAGE_VERSION }));
  const q = compileSql(ir, { dialect: 'duckdb', date: DATE, sets: SETS });
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const rows: Record<string, number>[] = [];
  for (const n of sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-bench-sql-'));
    try {
      const pop = generatePopulation({ region: '310000', year: 2024, households: n, seed: 11 }).columns;
      // JS: the compiled batch over the columns
      const regions = js.regionsOf(pop);
      const params = js.resolveParameters({ date: DATE, sets: SETS }, regions.codes);
      const out = js.allocateOutputs(n);
      let t = now();
      js.evaluateBatch(pop, regions, params, out);
      const jsMs = now() - t;
      for (const level of ['household', 'person'] as const) {
        const fd = fs.openSync(path.join(dir, level === 'household' ? 'households.csv' : 'persons.csv'), 'w');
        writeTableCsv(pop, level, (s) => fs.writeSync(fd, s));
        fs.closeSync(fd);
      }
      const db = await DuckDBInstance.create(path.join(dir, 'bench.duckdb'), { threads: '2', temp_directory: path.join(dir, 'spill') });
      const con = await db.connect();
      await con.run(tableDefinitions('duckdb'));
      t = now();
      for (const table of ['households', 'persons']) await con.run(`COPY ${table} FROM '${path.join(dir, `${table}.csv`)}' (HEADER)`);
      const loadMs = now() - t;
      t = now();
      // the whole result, stored (as a service would keep it), then its size checked
      await con.run(`CREATE TABLE outputs AS ${q.sql}`);
      const queryMs = now() - t;
      const count = Number((await con.runAndReadAll('SELECT count(*) FROM outputs')).getRows()[0]![0]);
      if (count !== n) throw new Error(`DuckDB gave ${count} rows for ${n} households`);
      const mem = await con.runAndReadAll("SELECT max(memory_usage_bytes) FROM duckdb_memory()");
      con.closeSync();
      const row = {
        households: n,
        js_ms: round(jsMs),
        duckdb_load_ms: round(loadMs),
        duckdb_query_ms: round(queryMs),
        duckdb_ns_per_household: round((queryMs * 1e6) / n, 0),
        js_ns_per_household: round((jsMs * 1e6) / n, 0),
        duckdb_memory_bytes: Number(mem.getRows()[0]![0] ?? 0),
        process_peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
        load_average: round(os.loadavg()[0]!),
      };
      log(`SQL, ${n.toLocaleString('en')} Shanghai households: DuckDB ${round(queryMs / 1000)} s (load ${round(loadMs / 1000)} s), JS ${round(jsMs)} ms`);
      rows.push(row);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return { policy: 'shanghai', date: DATE, engine: 'duckdb 2 threads, from CSV', sizes: rows };
}
