/**
 * Spark SQL through a Python driver (spark-driver.py beside this file) holding one SparkSession:
 * start-up costs seconds, so a test file or a bench run keeps one driver for all its queries.
 * Needs PyPI's pyspark and a Java 17 or 21 on the PATH.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { tableColumns } from '../../language/backend-sql/index.ts';

// beside this file, or, from the command line's bundle in dist/, in the sources' scripts/engines/
const HERE = path.dirname(new URL(import.meta.url).pathname);
const DRIVER = [path.join(HERE, 'spark-driver.py'), path.join(HERE, '..', 'scripts', 'engines', 'spark-driver.py')].find((f) => fs.existsSync(f)) ?? path.join(HERE, 'spark-driver.py');
const PYTHON = process.env.DOUDI_PYTHON ?? 'python3';

export interface SparkDriver {
  /** seconds the session took to start */
  readonly startup: number;
  readonly version: string;
  load(dir: string): Promise<number>;
  /** runs the setup statements, then the query, then the teardown (also when the query fails); the query's rows as text */
  query(sql: string, setup?: readonly string[], teardown?: readonly string[]): Promise<Record<string, string | null>[]>;
  /** the same, the query run to the end (its first 100 rows back): seconds in all, and of them the setup's */
  time(sql: string, setup?: readonly string[], teardown?: readonly string[]): Promise<{ seconds: number; setupSeconds: number; rows: (string | null)[][] }>;
  stop(): Promise<void>;
}

/** Why Spark cannot run here, or undefined when it can. */
export function sparkAbsent(): string | undefined {
  const py = spawnSync(PYTHON, ['-c', 'import pyspark'], { encoding: 'utf8' });
  if (py.status !== 0) return `pyspark is not installed for ${PYTHON} (pip install pyspark)`;
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.status !== 0) return 'no java on the PATH (Spark needs Java 17 or 21)';
  return undefined;
}

const schema = (level: 'household' | 'person') => tableColumns('spark', level).map((c) => `${c.name} ${c.type}`).join(', ');

export async function startSpark(master?: string): Promise<SparkDriver | string> {
  const absent = sparkAbsent();
  if (absent) return absent;
  const env = { ...process.env, SPARK_LOCAL_IP: '127.0.0.1', PYSPARK_PYTHON: PYTHON, ...(master ? { DOUDI_SPARK_MASTER: master } : {}) };
  const child: ChildProcessWithoutNullStreams = spawn(PYTHON, [DRIVER], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString()).slice(-20_000);
  });
  const lines = readline.createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  const early: string[] = [];
  lines.on('line', (l) => {
    const w = waiting.shift();
    if (w) w(l);
    else early.push(l);
  });
  const exited = new Promise<string>((resolve) => child.on('exit', (code) => resolve(`the Spark driver exited (${code}): ${stderr.slice(-4000)}`)));
  const next = async (): Promise<Record<string, unknown>> => {
    const line = early.length ? early.shift()! : await Promise.race([new Promise<string>((r) => waiting.push(r)), exited.then((m) => JSON.stringify({ error: m }))]);
    return JSON.parse(line) as Record<string, unknown>;
  };
  const send = async (cmd: Record<string, unknown>) => {
    child.stdin.write(JSON.stringify(cmd) + '\n');
    const a = await next();
    if (a.error) throw new Error(`Spark: ${String(a.error)}`);
    return a;
  };
  const hello = await next();
  if (hello.error) return String(hello.error);
  const warehouse = typeof hello.warehouse === 'string' ? hello.warehouse : undefined;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-spark-'));
  let n = 0;
  return {
    startup: Number(hello.startup),
    version: String(hello.version),
    async load(dir) {
      const a = await send({ op: 'load', dir, households: schema('household'), persons: schema('person') });
      return Number(a.seconds);
    },
    async query(sql, setup = [], teardown = []) {
      const out = path.join(tmp, `result-${n++}.jsonl`);
      const a = await send({ op: 'query', sql, setup, teardown, out });
      const names = a.columns as string[];
      const rows = fs
        .readFileSync(out, 'utf8')
        .split('\n')
        .filter((l) => l)
        .map((l) => {
          const vals = JSON.parse(l) as (string | null)[];
          return Object.fromEntries(names.map((c, i) => [c, vals[i]!]));
        });
      fs.rmSync(out, { force: true });
      return rows;
    },
    async time(sql, setup = [], teardown = []) {
      const a = await send({ op: 'time', sql, setup, teardown });
      return { seconds: Number(a.seconds), setupSeconds: Number(a.setup_seconds), rows: a.rows as (string | null)[][] };
    },
    async stop() {
      try {
        await send({ op: 'stop' });
      } catch {
        // already gone
      }
      const pid = child.pid;
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (pid && child.exitCode === null) process.kill(pid, 'SIGKILL');
      fs.rmSync(tmp, { recursive: true, force: true });
      // the driver removes its warehouse when it stops; not when it had to be killed
      if (warehouse) fs.rmSync(warehouse, { recursive: true, force: true });
    },
  };
}
