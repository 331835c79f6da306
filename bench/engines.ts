/**
 * `doudi simulate --engine X` end to end (npm run bench, part "engines"; figures also in
 * bench/engines.json): Shanghai on the same synthetic households (whole weights, so every engine
 * gives the same totals, checked), each run a process of its own so that its wall time and peak
 * resident memory (GNU time) are its own; the load average is recorded with every figure, as the
 * machine is shared.
 *
 *   BENCH_ENGINES_SIZES        households for the JS engine and DuckDB (default 1000000,10000000)
 *   BENCH_ENGINES_SPARK_SIZES  households for Spark, local[2] and a standalone cluster of one
 *                              master and two workers on loopback (default 1000000; "" for none)
 *   BENCH_ENGINES_DUCKDB_MEMORY  one more DuckDB run per size with this memory_limit (e.g. 512MB):
 *                              DuckDB spilling to disk past it (default none)
 *
 * A run's time includes drawing the synthetic population in JS (the same for every engine, also
 * timed alone: `population`) and, for the SQL engines, writing it as CSV and loading it. The
 * cluster is started here with pyspark's spark-class (Master, Worker) and stopped by its own pids;
 * Spark's start-up (a session, nothing run) is timed apart, locally and on the cluster.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { sparkAbsent, startSpark } from '../scripts/engines/spark.ts';
import { runAlone } from '../scripts/alone.ts';

const round = (x: number, places = 2) => Math.round(x * 10 ** places) / 10 ** places;
const log = (s: string) => process.stderr.write(s + '\n');
const load = () => round(os.loadavg()[0]!);
const sizes = (v: string | undefined, d: string) => (v ?? d).split(',').map((s) => s.trim()).filter(Boolean).map(Number);

interface Run {
  readonly engine: string;
  readonly households: number;
  readonly seconds: number;
  readonly peak_rss_mib: number;
  readonly load_before: number;
  readonly load_after: number;
  readonly annual_cost?: number;
  readonly error?: string;
}

/** One CLI run in a process of its own under GNU time: wall seconds, peak RSS. */
function cliRun(engine: string, households: number, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const before = load();
  const r = spawnSync('/usr/bin/time', ['-f', 'doudi-bench %e %M', process.execPath, 'cli/doudi.mjs', ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  const m = /doudi-bench ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  const base = { engine, households, seconds: m ? Number(m[1]) : NaN, peak_rss_mib: m ? round(Number(m[2]) / 1024, 0) : NaN, load_before: before, load_after: load() };
  if (r.status !== 0) return { ...base, error: (r.stderr ?? '').split('\n').filter((l) => l && !l.startsWith('doudi-bench')).slice(-3).join(' ') };
  const out = r.stdout.trim();
  return out.startsWith('{') ? { ...base, annual_cost: JSON.parse(out).annual_cost } : base;
}

const simulateArgs = (n: number, engine: string) => ['simulate', 'policies/shanghai/shanghai.doudi', '--date', '2024-07-01', '--households', String(n), '--real-households', String(n), '--seed', '1', '--json', '--engine', engine];

function show(r: Run): Run {
  log(`  ${r.engine.padEnd(14)} ${r.households.toLocaleString('en').padStart(11)}: ${r.error ? `failed: ${r.error}` : `${r.seconds} s, ${r.peak_rss_mib} MiB peak`} (load ${r.load_before} → ${r.load_after})`);
  return r;
}

const waitPort = async (port: number, seconds: number) => {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
};

/** A standalone cluster on loopback: a master and two workers of one core and 3 GiB each, logs in `dir`. */
async function startCluster(dir: string): Promise<{ url: string; stop: () => void } | string> {
  const home = spawnSync('python3', ['-c', 'import pyspark, os; print(os.path.dirname(pyspark.__file__))'], { encoding: 'utf8' }).stdout.trim();
  const cls = path.join(home, 'bin', 'spark-class');
  if (!fs.existsSync(cls)) return `no spark-class in ${home}`;
  const env = { ...process.env, SPARK_HOME: home, SPARK_LOCAL_IP: '127.0.0.1', SPARK_LOG_DIR: dir, SPARK_WORKER_DIR: dir };
  const procs: ChildProcess[] = [];
  const run = (name: string, args: string[]) => {
    const out = fs.openSync(path.join(dir, `${name}.log`), 'w');
    // spark-class ends by exec'ing java, so this pid is the JVM's
    const p = spawn(cls, args, { env, stdio: ['ignore', out, out] });
    procs.push(p);
  };
  const stop = () => {
    for (const p of procs) if (p.pid && p.exitCode === null) process.kill(p.pid, 'SIGTERM');
  };
  const port = 7077;
  run('master', ['org.apache.spark.deploy.master.Master', '--host', '127.0.0.1', '--port', String(port), '--webui-port', '18080']);
  if (!(await waitPort(port, 60))) return (stop(), 'the master did not open its port in 60 s');
  const url = `spark://127.0.0.1:${port}`;
  for (const w of [1, 2]) run(`worker${w}`, ['org.apache.spark.deploy.worker.Worker', url, '--host', '127.0.0.1', '--cores', '1', '--memory', '3g', '--webui-port', String(18080 + w)]);
  // both workers registered (the master's log says so)
  const until = Date.now() + 90_000;
  while (Date.now() < until && (fs.readFileSync(path.join(dir, 'master.log'), 'utf8').match(/Registering worker/g) ?? []).length < 2) await new Promise((r) => setTimeout(r, 500));
  return { url, stop };
}

export async function enginesBench() {
  const results: Record<string, unknown> = { machine: { cores: os.availableParallelism(), memory_gib: round(os.totalmem() / 2 ** 30, 1) } };
  const runs: Run[] = [];
  log('engines: doudi simulate, Shanghai, synthetic households, whole weights');
  for (const n of sizes(process.env.BENCH_ENGINES_SIZES, '1000000,10000000')) {
    runs.push(show(cliRun('population', n, ['population', '--region', '310000', '--households', String(n), '--real-households', String(n), '--year', '2024', '--json'])));
    for (const engine of ['js', 'duckdb']) runs.push(show(cliRun(engine, n, simulateArgs(n, engine))));
    const limit = process.env.BENCH_ENGINES_DUCKDB_MEMORY;
    if (limit) runs.push(show(cliRun(`duckdb ${limit}`, n, simulateArgs(n, 'duckdb'), { DOUDI_DUCKDB_MEMORY: limit })));
    const costs = runs.filter((r) => r.households === n && r.annual_cost !== undefined).map((r) => r.annual_cost);
    if (new Set(costs).size > 1) throw new Error(`the engines disagree on ${n} households: ${costs.join(', ')}`);
  }
  const sparkSizes = sizes(process.env.BENCH_ENGINES_SPARK_SIZES, '1000000');
  if (sparkSizes.length) {
    const absent = sparkAbsent();
    if (absent) results.spark = { absent };
    else {
      const local = await startSpark();
      results.spark_startup_local_s = typeof local === 'string' ? local : round(local.startup);
      if (typeof local !== 'string') await local.stop();
      for (const n of sparkSizes) runs.push(show(cliRun('spark local[2]', n, simulateArgs(n, 'spark'))));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-spark-cluster-'));
      const cluster = await startCluster(dir);
      if (typeof cluster === 'string') results.spark_cluster = { error: cluster };
      else {
        try {
          const s = await startSpark(cluster.url);
          results.spark_startup_cluster_s = typeof s === 'string' ? s : round(s.startup);
          if (typeof s !== 'string') await s.stop();
          for (const n of sparkSizes) runs.push(show(cliRun('spark cluster', n, simulateArgs(n, 'spark'), { DOUDI_SPARK_MASTER: cluster.url })));
        } finally {
          cluster.stop();
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  }
  results.runs = runs;
  fs.writeFileSync('bench/engines.json', JSON.stringify({ date: new Date().toISOString().slice(0, 10), ...results }, null, 2) + '\n');
  return results;
}

// run alone: node --import tsx bench/engines.ts
if (runAlone(import.meta.url, 'engines.ts')) await enginesBench();
