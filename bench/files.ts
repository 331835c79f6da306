/**
 * Population files (issue 11's goal): the 200,000-household CSV pair of the Shanghai population,
 * read + evaluated + aggregated end to end with the JS engine, ≤ 1.5 s (≥ 50 MB/s); the same
 * population in JSON Lines and Parquet; memory per household of a population read from files. With
 * sizes given (`node --import tsx bench/files.ts 1000000 10000000`) it also writes and reads each
 * format at those sizes and reports write and read speeds, bytes per household and peak memory
 * (bench/files-sizes.json). pandas is timed on the CSV pair for comparison when it is installed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { checkPolicy, compileIR, mapHost, LANGUAGE_VERSION } from '../language/index.ts';
import { Simulator, generatePopulation, PackedIds, type Population } from '../simulator/index.ts';
import { locatePopulation, readPopulationFiles, writePopulationFiles, type PopulationFormat } from '../cli/files/index.ts';
import { runAlone } from '../scripts/alone.ts';

const now = () => performance.now();
/** CPU time of the process, every thread (DuckDB's and V8's compiler threads too), in ms. */
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, places = 1) => Math.round(x * 10 ** places) / 10 ** places;
const log = (s: string) => process.stderr.write(s + '\n');
const FORMATS: PopulationFormat[] = ['csv', 'jsonl', 'parquet'];

function shanghai(): { source: string; ir: NonNullable<ReturnType<typeof checkPolicy>['ir']> } {
  const files = ['policies/shanghai/shanghai.doudi', 'policies/national/framework.doudi'];
  const r = checkPolicy(files[0]!, mapHost(Object.fromEntries(files.map((f) => [f, fs.readFileSync(f, 'utf8')]))));
  if (!r.ir) throw new Error('the Shanghai policy has errors');
  const c = compileIR(r.ir, r.files, { version: LANGUAGE_VERSION });
  if (!c.js) throw new Error('the Shanghai policy cannot be compiled');
  return { source: c.js, ir: r.ir };
}

const folderBytes = (dir: string) => fs.readdirSync(dir).reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0);

/** Bytes a population read from files holds: its columns and its ids (household ids as JS strings, about 40 bytes each). */
export function populationBytes(pop: Population): { columns: number; ids: number } {
  let columns = pop.columns.memberStart.byteLength;
  for (const c of [...Object.values(pop.columns.household), ...Object.values(pop.columns.person)]) columns += c.byteLength;
  let ids = 0;
  if (pop.ids) {
    for (let h = 0; h < pop.ids.households.length; h++) ids += 40 + pop.ids.households[h]!.length;
    ids += pop.ids.persons instanceof PackedIds ? pop.ids.persons.byteLength : pop.ids.persons.length * 48;
  }
  return { columns, ids };
}

function pandasSeconds(dir: string): number | undefined {
  try {
    const out = execFileSync('python3', ['-c', `import time, pandas as pd\nt=time.perf_counter()\npd.read_csv('${dir}/households.csv'); pd.read_csv('${dir}/persons.csv')\nprint(time.perf_counter()-t)`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return Number(out.trim());
  } catch {
    return undefined;
  }
}

/** The goal: the 200,000-household CSV pair, read + evaluate + aggregate, and the other formats' reading. */
export async function filesBench() {
  const N = 200_000;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-bench-files-'));
  try {
    const pop: Population = { columns: generatePopulation({ region: '310000', year: 2024, households: N, seed: 1 }).columns };
    const policy = shanghai();
    const reads: Record<string, unknown> = {};
    let endToEnd: Record<string, unknown> = {};
    for (const format of FORMATS) {
      const dir = path.join(tmp, format);
      await writePopulationFiles(pop, dir, format);
      const bytes = folderBytes(dir);
      const times: number[] = [];
      const cpus: number[] = [];
      const totals: number[] = [];
      // Where the time goes, per run: wall and CPU (all threads) of reading, preparing and simulating.
      const stages: { read: number[]; read_cpu: number[]; prepare: number[]; prepare_cpu: number[]; simulate: number[]; simulate_cpu: number[] } = { read: [], read_cpu: [], prepare: [], prepare_cpu: [], simulate: [], simulate_cpu: [] };
      let readMs = 0;
      for (let i = 0; i < 3; i++) {
        const c0 = cpuMs();
        const t0 = now();
        const back = await readPopulationFiles(locatePopulation(dir));
        const t1 = now();
        const c1 = cpuMs();
        if (format === 'csv') {
          const sim = new Simulator();
          await sim.addPolicy('sh', policy);
          const t2 = now();
          const c2 = cpuMs();
          await sim.setPopulation(back.columns, back.ids?.households);
          const t3 = now();
          const c3 = cpuMs();
          const r = await sim.simulate({ policy: 'sh', date: '2024-07-01', sets: { cpi_yoy: '3.6%' } }, { seed: 1 });
          const t4 = now();
          const c4 = cpuMs();
          times.push(t1 - t0 + (t4 - t2));
          // CPU time of every thread (DuckDB's included): what the run costs whatever else the machine does.
          cpus.push(c1 - c0 + (c4 - c2));
          totals.push(r.monthly_cost);
          stages.read.push(t1 - t0);
          stages.read_cpu.push(c1 - c0);
          stages.prepare.push(t3 - t2);
          stages.prepare_cpu.push(c3 - c2);
          stages.simulate.push(t4 - t3);
          stages.simulate_cpu.push(c4 - c3);
        }
        readMs = i === 0 ? t1 - t0 : Math.min(readMs, t1 - t0);
      }
      reads[format] = { bytes, read_ms: round(readMs), mb_per_s: round(bytes / 1e6 / (readMs / 1000)) };
      log(`${format}: ${round(bytes / 1e6)} MB read in ${round(readMs)} ms (${round(bytes / 1e6 / (readMs / 1000))} MB/s, best of 3)`);
      if (format === 'csv') {
        const ms = median(times);
        const pandas = pandasSeconds(dir);
        const load = os.loadavg()[0]!;
        const stageMedians = Object.fromEntries(Object.entries(stages).map(([k, v]) => [`${k}_ms`, round(median(v))]));
        endToEnd = { households: N, persons: pop.columns.persons, bytes, end_to_end_ms: round(ms), best_ms: round(Math.min(...times)), cpu_ms: round(median(cpus)), mb_per_s: round(bytes / 1e6 / (ms / 1000)), goal_ms: 1500, goal_mb_per_s: 50, stages: stageMedians, monthly_cost: totals[0], pandas_read_s: pandas ?? null, load_average: round(load, 1) };
        log(`CSV pair, ${N} households (${round(bytes / 1e6)} MB), read + evaluate + aggregate: ${round(ms)} ms median of 3 (best ${round(Math.min(...times))}), ${round(median(cpus))} ms of CPU on all threads (goal ≤ 1500 ms, ≥ 50 MB/s; load average ${round(load, 1)})${pandas ? `; pandas reads it in ${round(pandas, 2)} s` : ''}`);
        log(`  where the time goes (wall / CPU, medians): read ${stageMedians.read_ms} / ${stageMedians.read_cpu_ms} ms, prepare ${stageMedians.prepare_ms} / ${stageMedians.prepare_cpu_ms} ms, evaluate + aggregate ${stageMedians.simulate_ms} / ${stageMedians.simulate_cpu_ms} ms`);
      }
    }
    const back = await readPopulationFiles(locatePopulation(path.join(tmp, 'csv')));
    const b = populationBytes(back);
    const memory = { columns_bytes_per_household: round(b.columns / N), ids_bytes_per_household: round(b.ids / N) };
    log(`memory per household read from files: ${memory.columns_bytes_per_household} B of columns + ${memory.ids_bytes_per_household} B of ids`);
    return { end_to_end: endToEnd, reads, memory };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Writing and reading each format at larger sizes, one process per size and format for a clean peak memory. */
async function sizes(list: number[]) {
  const out: Record<string, unknown>[] = [];
  for (const n of list) {
    for (const format of FORMATS) {
      const text = execFileSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', 'bench/files.ts', '--one', String(n), format], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      const row = JSON.parse(text) as Record<string, unknown>;
      out.push(row);
      log(JSON.stringify(row));
    }
  }
  fs.writeFileSync('bench/files-sizes.json', JSON.stringify({ date: new Date().toISOString(), machine: { cpus: os.cpus().length, memory_gib: round(os.totalmem() / 2 ** 30) }, runs: out }, null, 2) + '\n');
}

async function one(n: number, format: PopulationFormat) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `doudi-size-${n}-`));
  try {
    let t = now();
    const pop: Population = { columns: generatePopulation({ region: '310000', year: 2024, households: n, seed: 1 }).columns };
    const generateMs = now() - t;
    t = now();
    await writePopulationFiles(pop, dir, format);
    const writeMs = now() - t;
    const bytes = folderBytes(dir);
    const persons = pop.columns.persons;
    (pop as { columns: unknown }).columns = undefined;
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    t = now();
    const back = await readPopulationFiles(locatePopulation(dir));
    const readMs = now() - t;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    const b = populationBytes(back);
    const pandas = format === 'csv' && n <= 1_000_000 ? pandasSeconds(dir) : undefined;
    process.stdout.write(
      JSON.stringify({
        households: n,
        persons,
        format,
        file_bytes: bytes,
        generate_s: round(generateMs / 1000, 2),
        write_s: round(writeMs / 1000, 2),
        write_mb_per_s: round(bytes / 1e6 / (writeMs / 1000)),
        read_s: round(readMs / 1000, 2),
        read_mb_per_s: round(bytes / 1e6 / (readMs / 1000)),
        columns_bytes_per_household: round(b.columns / n),
        ids_bytes_per_household: round(b.ids / n),
        peak_rss_gib_while_reading: round(peak / 2 ** 30, 2),
        pandas_read_s: pandas ?? null,
      }) + '\n',
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// run alone: node --import tsx bench/files.ts N…
const args = runAlone(import.meta.url, 'files.ts') ? process.argv.slice(2) : [];
if (args[0] === '--one') await one(Number(args[1]), args[2] as PopulationFormat);
else if (args.length) await sizes(args.map(Number));
