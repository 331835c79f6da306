/**
 * npm run bench: measures the language's performance goals and writes bench/results.json.
 *   1. parse + check + compile of a 2,000-line policy, warm (goal ≤ 50 ms)
 *   2. compiled batch evaluation of the Shanghai policy over 1,000,000 households, against a
 *      hand-written TypeScript loop over the same columns, measured alternately in one process,
 *      in each of five processes (goal: ratio ≤ 1.25; evaluation ≤ 150 ms on one core). Five,
 *      because V8 settles each process's hand-written loop into one of a few speeds (measured
 *      on one machine and one build: 100, 124, 127 and 158 ms; the compiled batch 136-150 ms), so one
 *      process's ratio says more about that than about the code: the medians across processes are
 *      the figures, each process's beside them
 *   3. how evaluation time grows from 10^4 to 10^6 households
 *   4. the simulator's goals (bench/simulator.ts): generation, memory, compare, a 50-point sweep
 *   5. population files (bench/files.ts): the 200,000-household CSV pair end to end, each format's reading
 *   6. the SQL engines (bench/sql.ts): DuckDB against the JS batch on the same households, 10^5 → 10^6 (→ 10^7)
 *   7. simulate --engine js|duckdb|spark end to end (bench/engines.ts): 10^6 and 10^7, Spark local and on a two-worker cluster
 * Timings are medians of repeated runs; the machine is shared, so compare ratios.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { checkPolicy, emitModule, instantiate, mapHost, LANGUAGE_VERSION, type CompiledPolicy } from '../language/index.ts';
import { benchPopulation } from './population.ts';
import { shanghaiByHand, allocHandOutputs, type HandParams } from './shanghai-handwritten.ts';
import { largePolicy } from './large-policy.ts';
import { simulatorBench } from './simulator.ts';
import { filesBench } from './files.ts';
import { sqlBench } from './sql.ts';
import { enginesBench } from './engines.ts';

const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, places = 2) => Math.round(x * 10 ** places) / 10 ** places;

function log(s: string) {
  process.stderr.write(s + '\n');
}

// ---- 1. a 2,000-line policy ----
function compileBench() {
  const text = largePolicy(2000);
  const lines = text.split('\n').length;
  const host = mapHost({ 'large.doudi': text });
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < 60; i++) {
    const t0 = now();
    const r = checkPolicy('large.doudi', host);
    if (!r.ir) throw new Error('the generated policy has errors: ' + r.diagnostics.slice(0, 3).map((d) => d.message).join('; '));
    const js = emitModule(r.ir, { version: LANGUAGE_VERSION });
    const t1 = now();
    size = js.length;
    if (i >= 20) times.push(t1 - t0);
  }
  const warm = median(times);
  log(`parse + check + compile, ${lines} lines: ${round(warm)} ms warm (goal ≤ 50)`);
  return { lines, warm_ms: round(warm), best_ms: round(Math.min(...times)), module_bytes: size, goal_ms: 50 };
}

// ---- 2 and 3. batch evaluation ----

/** Processes the evaluation is measured in (see the head of this file). */
const EVAL_PROCESSES = 5;

/** Runs evalBench in child processes of this same program, one after another, and takes the medians. */
function evalAcrossProcesses(): ReturnType<typeof evalBench> & { processes: { compiled_ms: number; handwritten_ms: number; ratio: number }[] } {
  const runs: ReturnType<typeof evalBench>[] = [];
  for (let i = 0; i < EVAL_PROCESSES; i++) {
    const env: NodeJS.ProcessEnv = { ...process.env, BENCH_EVAL_CHILD: '1' };
    delete env.BENCH_ONLY;
    delete env.BENCH_MERGE;
    const text = execFileSync(process.execPath, [...process.execArgv, process.argv[1]!], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
    runs.push(JSON.parse(text) as ReturnType<typeof evalBench>);
  }
  const ratio = median(runs.map((r) => r.ratio));
  const mid = runs.find((r) => r.ratio === ratio)!;
  const processes = runs.map((r) => ({ compiled_ms: r.compiled_ms, handwritten_ms: r.handwritten_ms, ratio: r.ratio }));
  const c = median(runs.map((r) => r.compiled_ms));
  const b = median(runs.map((r) => r.handwritten_ms));
  log(`across ${EVAL_PROCESSES} processes (medians): compiled ${c} ms, hand-written ${b} ms, ratio ${ratio} (each: ${processes.map((x) => x.ratio).join(', ')}; goals ≤ 150 ms, ≤ 1.25)`);
  return { ...mid, compiled_ms: c, handwritten_ms: b, ratio, processes };
}

function shanghai(): CompiledPolicy {
  const files = ['policies/shanghai/shanghai.doudi', 'policies/national/framework.doudi'];
  const r = checkPolicy(files[0]!, mapHost(Object.fromEntries(files.map((f) => [f, fs.readFileSync(f, 'utf8')]))));
  if (!r.ir) throw new Error('the Shanghai policy has errors: ' + r.diagnostics.slice(0, 3).map((d) => d.message).join('; '));
  return instantiate(emitModule(r.ir, { version: LANGUAGE_VERSION }));
}

const DATE = '2024-07-01';
const SETS = { cpi_yoy: '4%', food_cpi_yoy: '5.5%' };
const HAND: HandParams = {
  standard: 159500,
  tekunStandard: 207500,
  exemption: 87000,
  minimumWage: 269000,
  assetsMonths: 24,
  graceMonths: 6,
  capMonths: 6,
  helpFirstMonths: 2,
  expenditureCapMonths: 6,
  maxVehicles: 0,
  maxHouses: 1,
  care: [
    [1, 10],
    [1, 6],
    [1, 3],
  ],
  edge: [2, 1],
  cpi: [4, 100],
  food: [55, 1000],
  cpiTrigger: [35, 1000],
  foodTrigger: [6, 100],
  lastYearDisposableIncome: 8483400,
  rigidShare: [50, 100],
  rigidHardshipInForce: DATE >= '2025-01-01',
  livingRate: [1, 1],
  hardshipShare: [1, 1],
  serviceCost: 0,
};

function evalBench(m: CompiledPolicy) {
  const N = 1_000_000;
  const t0 = now();
  const pop = benchPopulation(N, 42);
  const genMs = now() - t0;
  const regions = m.regionsOf(pop);
  const params = m.resolveParameters({ date: DATE, sets: SETS }, regions.codes);
  const out = m.allocateOutputs(N);
  const hand = allocHandOutputs(N);

  // The baseline must compute the same thing.
  const failed = m.evaluateBatch(pop, regions, params, out);
  if (failed) throw new Error(`the compiled code failed for ${failed} households`);
  shanghaiByHand(pop, HAND, hand);
  const handColumns: Partial<Record<string, ArrayLike<number>>> = hand as unknown as Record<string, ArrayLike<number>>;
  for (const o of m.outputs) {
    const a = out.columns[o.id]!;
    const b = handColumns[o.id];
    if (!b) throw new Error(`the hand-written loop does not compute the output ${o.id}`);
    for (let h = 0; h < N; h++)
      if (!Object.is(a[h], b[h])) throw new Error(`the hand-written loop and the compiled code differ: ${o.id} of household ${h} is ${a[h]} compiled, ${b[h]} by hand`);
  }
  const statuses = [0, 0, 0, 0];
  for (let h = 0; h < N; h++) statuses[out.columns.dibao_status![h]!]!++;

  const compiled: number[] = [];
  const byHand: number[] = [];
  for (let i = 0; i < 14; i++) {
    let t = now();
    m.evaluateBatch(pop, regions, params, out);
    const c = now() - t;
    t = now();
    shanghaiByHand(pop, HAND, hand);
    const b = now() - t;
    if (i >= 3) {
      compiled.push(c);
      byHand.push(b);
    }
  }
  const c = median(compiled);
  const b = median(byHand);
  // The best of each as well: on a shared machine a run slowed by another process moves the
  // medians; the fastest runs are the closest to what the code costs.
  const cBest = Math.min(...compiled);
  const bBest = Math.min(...byHand);
  log(`Shanghai over ${N} households: compiled ${round(c)} ms, hand-written ${round(b)} ms, ratio ${round(c / b, 3)}; best ${round(cBest)} / ${round(bBest)} ms = ${round(cBest / bBest, 3)} (goals ≤ 150 ms, ≤ 1.25; load average ${round(os.loadavg()[0]!, 1)})`);

  // Scaling from 10^4 to 10^6.
  const scaling: { households: number; ms: number; ns_per_household: number }[] = [];
  for (const n of [10_000, 100_000, 1_000_000]) {
    const sub = n === N ? pop : benchPopulation(n, 42);
    const reg = m.regionsOf(sub);
    const o = m.allocateOutputs(n);
    const ts: number[] = [];
    for (let i = 0; i < (n < N ? 20 : 7); i++) {
      const t = now();
      m.evaluateBatch(sub, reg, params, o);
      if (i >= 3) ts.push(now() - t);
    }
    const ms = median(ts);
    scaling.push({ households: n, ms: round(ms, 3), ns_per_household: round((ms * 1e6) / n, 1) });
  }
  log(`scaling: ${scaling.map((s) => `${s.households}: ${s.ms} ms (${s.ns_per_household} ns/household)`).join(', ')}`);
  return {
    households: N,
    persons: pop.persons,
    population_generation_ms: round(genMs),
    compiled_ms: round(c),
    handwritten_ms: round(b),
    ratio: round(c / b, 3),
    compiled_best_ms: round(cBest),
    handwritten_best_ms: round(bBest),
    ratio_best: round(cBest / bBest, 3),
    goal_ms: 150,
    goal_ratio: 1.25,
    statuses: { none: statuses[0], regular: statuses[1], grace: statuses[2], single: statuses[3] },
    runs: compiled.length,
    scaling,
  };
}

// A child of evalAcrossProcesses: one evaluation, its figures as JSON on stdout.
if (process.env.BENCH_EVAL_CHILD === '1') {
  process.stdout.write(JSON.stringify(evalBench(shanghai())) + '\n');
  process.exit(0);
}

// BENCH_ONLY=compile,evaluation runs those parts only and prints them instead of writing results.json;
// with BENCH_MERGE=1 it also writes them into results.json, keeping the other parts as they were and
// noting when and under what load each part was measured (the machine is shared).
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const merge = process.env.BENCH_MERGE === '1';
/** the load average when each part started */
const startLoad: Record<string, number[]> = {};
const part = async <T>(name: string, f: () => T | Promise<T>): Promise<T | undefined> => {
  if (only && !only.includes(name)) return undefined;
  startLoad[name] = os.loadavg().map((x) => round(x));
  return await f();
};
const results = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? '', node: process.version, load: os.loadavg().map((x) => round(x)) },
  compile: await part('compile', compileBench),
  evaluation: await part('evaluation', evalAcrossProcesses),
  simulator: await part('simulator', simulatorBench),
  files: await part('files', filesBench),
  sql: await part('sql', sqlBench),
  engines: await part('engines', enginesBench),
};
if (only) {
  process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  if (merge) {
    const before = fs.existsSync('bench/results.json') ? (JSON.parse(fs.readFileSync('bench/results.json', 'utf8')) as Record<string, unknown>) : {};
    const measured = { ...((before.parts_measured as Record<string, unknown> | undefined) ?? {}) };
    const merged: Record<string, unknown> = { ...before };
    for (const name of only) {
      const value = (results as Record<string, unknown>)[name];
      if (value === undefined) continue;
      merged[name] = value;
      measured[name] = { date: results.date, load_at_start: startLoad[name], load_at_end: os.loadavg().map((x) => round(x)) };
    }
    merged.parts_measured = measured;
    fs.writeFileSync('bench/results.json', JSON.stringify(merged, null, 2) + '\n');
    log(`merged ${only.join(', ')} into bench/results.json`);
  }
} else {
  fs.writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
  log('wrote bench/results.json');
}
