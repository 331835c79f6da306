/**
 * The simulator's goals on 1,000,000 synthetic Shanghai households:
 *   generation ≤ 2 s (and the same seed gives the same bytes; the whole country's generation is
 *   reported beside it); memory ≤ 200 bytes per household; a pool of workers gives the single
 *   engine's answer; a baseline-plus-reform comparison end to
 *   end ≤ 1 s; a 50-point sweep ≤ 5 s using both cores; and how time and memory grow from 10^4 to
 *   10^6 households. Medians of a few runs; the machine is shared, so read ratios.
 */
import * as fs from 'node:fs';
import { checkPolicy, compileIR, mapHost, LANGUAGE_VERSION, type PolicyIR, type PopulationColumns } from '../language/index.ts';
import { Simulator, generatePopulation } from '../simulator/index.ts';
import { nodePool } from '../simulator/node.ts';

const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, places = 1) => Math.round(x * 10 ** places) / 10 ** places;
const log = (s: string) => process.stderr.write(s + '\n');

function policy(file: string, baseline?: string): { source: string; ir: PolicyIR } {
  const files = ['policies/shanghai/shanghai.doudi', 'policies/national/framework.doudi', 'policies/national/model.doudi', 'policies/reforms/raise-standard.doudi'];
  const host = mapHost(Object.fromEntries(files.map((f) => [f, fs.readFileSync(f, 'utf8')])));
  const r = checkPolicy(file, host, { baseline });
  if (!r.ir) throw new Error(`${file} has errors`);
  const c = compileIR(r.ir, r.files, { version: LANGUAGE_VERSION });
  if (!c.js) throw new Error(`${file} cannot be compiled`);
  return { source: c.js, ir: r.ir };
}

const SHANGHAI = 'policies/shanghai/shanghai.doudi';
const DATE = '2024-07-01';
const SETS = { cpi_yoy: '3.6%' };

/** Bytes of a population's columns. */
function columnBytesOf(c: PopulationColumns): number {
  let bytes = c.memberStart.byteLength;
  for (const x of [...Object.values(c.household), ...Object.values(c.person)]) bytes += x.byteLength;
  return bytes;
}

/** The prepared arrays per household, as bytesOf counts them: income f64, decile, size group, region index u16. */
const PREPARED_BYTES = 8 + 1 + 1 + 2;

/** Whether two populations hold the same bytes in every column. */
function sameColumns(a: PopulationColumns, b: PopulationColumns): boolean {
  const bytes = (x: ArrayBufferView) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
  const eq = (x: ArrayBufferView, y: ArrayBufferView) => bytes(x).equals(bytes(y));
  if (!eq(a.memberStart, b.memberStart)) return false;
  for (const k of Object.keys(a.household)) if (!eq(a.household[k]!, b.household[k]!)) return false;
  for (const k of Object.keys(a.person)) if (!eq(a.person[k]!, b.person[k]!)) return false;
  return true;
}

/** Bytes the population and its prepared per-household arrays hold. */
function bytesOf(sim: Simulator): number {
  const prep = sim.prepared!;
  let bytes = prep.pop.memberStart.byteLength;
  for (const c of [...Object.values(prep.pop.household), ...Object.values(prep.pop.person)]) bytes += c.byteLength;
  return bytes + prep.income.byteLength + prep.decile.byteLength + prep.sizeGroup.byteLength + prep.regionIndex.byteLength;
}

export async function simulatorBench() {
  const N = 1_000_000;
  const base = policy(SHANGHAI);
  const reform = policy('policies/reforms/raise-standard.doudi', SHANGHAI);

  // Generation.
  const gen: number[] = [];
  let pop = generatePopulation({ region: '310000', year: 2024, households: N, seed: 1 });
  for (let i = 0; i < 3; i++) {
    const t = now();
    pop = generatePopulation({ region: '310000', year: 2024, households: N, seed: 1 });
    gen.push(now() - t);
  }
  const generation = median(gen);
  log(`generation of ${N.toLocaleString('en')} households: ${round(generation)} ms (goal ≤ 2000)`);
  // Same seed, same bytes: a third draw against the one kept, column by column.
  const again = generatePopulation({ region: '310000', year: 2024, households: N, seed: 1 });
  const sameBytes = sameColumns(pop.columns, again.columns);
  log(`same seed, same bytes: ${sameBytes}`);
  // The whole country (every province at its own incomes), for the record.
  const nationalGen: number[] = [];
  let national = generatePopulation({ region: '100000', year: 2024, households: N, seed: 1 });
  for (let i = 0; i < 2; i++) {
    const t = now();
    national = generatePopulation({ region: '100000', year: 2024, households: N, seed: 1 });
    nationalGen.push(now() - t);
  }
  const nationalBytes = columnBytesOf(national.columns) / N + PREPARED_BYTES;
  log(`generation of ${N.toLocaleString('en')} households of the whole country: ${round(median(nationalGen))} ms; ${round(nationalBytes)} bytes per household with the prepared arrays`);

  const scenario = { policy: 'base', date: DATE, sets: SETS };
  const reforms = [{ name: 'raise-standard', scenario: { policy: 'reform', date: DATE, sets: SETS } }];
  const values = Array.from({ length: 50 }, (_, i) => String(1400 + 10 * i));
  const runs: Record<string, { simulate_ms: number; compare_ms: number; sweep50_ms: number; setup_ms: number }> = {};
  const answers: string[] = [];
  let bytes = 0;
  for (const [name, make] of [
    ['one core', () => new Simulator()],
    ['two workers', () => nodePool(2)],
  ] as const) {
    const sim = make();
    const t0 = now();
    await sim.setPopulation(pop.columns);
    await sim.addPolicy('base', base);
    await sim.addPolicy('reform', reform);
    const setup = now() - t0;
    bytes = bytesOf(sim);
    const simulate: number[] = [];
    const compare: number[] = [];
    for (let i = 0; i < 5; i++) {
      let t = now();
      const answer = await sim.simulate(scenario);
      simulate.push(now() - t);
      if (i === 0) answers.push(JSON.stringify(answer));
      t = now();
      await sim.compare(scenario, reforms);
      compare.push(now() - t);
    }
    const t = now();
    await sim.sweep(scenario, 'dibao_standard', values);
    const sweep = now() - t;
    await sim.close();
    runs[name] = { setup_ms: round(setup), simulate_ms: round(median(simulate)), compare_ms: round(median(compare)), sweep50_ms: round(sweep) };
    log(`${name}: load ${round(setup)} ms; simulate ${round(median(simulate))} ms; compare ${round(median(compare))} ms (goal ≤ 1000); 50-point sweep ${round(sweep)} ms (goal ≤ 5000 on both cores)`);
  }
  const perHousehold = bytes / N;
  log(`memory: ${round(perHousehold)} bytes per household (goal ≤ 200)`);
  const poolSame = answers.length === 2 && answers[0] === answers[1];
  log(`a pool of two workers gives the single engine's answer: ${poolSame}`);

  // Growth from 10^4 to 10^6: generation and one simulation, time and bytes.
  const scaling: { households: number; generation_ms: number; simulate_ms: number; bytes_per_household: number }[] = [];
  // One simulator throughout, so the compiled policy is as warm for 10^4 as for 10^6.
  const sim = new Simulator();
  await sim.addPolicy('base', base);
  for (const n of [10_000, 100_000, 1_000_000]) {
    const g: number[] = [];
    let p = pop;
    for (let i = 0; i < (n < N ? 5 : 1); i++) {
      const t = now();
      p = n === N ? pop : generatePopulation({ region: '310000', year: 2024, households: n, seed: 1 });
      g.push(n === N ? generation : now() - t);
    }
    await sim.setPopulation(p.columns);
    const s: number[] = [];
    for (let i = 0; i < (n < N ? 15 : 5); i++) {
      const t = now();
      await sim.simulate(scenario);
      s.push(now() - t);
    }
    scaling.push({ households: n, generation_ms: round(median(g), 2), simulate_ms: round(median(s), 2), bytes_per_household: round(bytesOf(sim) / n) });
  }
  await sim.close();
  log(`scaling: ${scaling.map((x) => `${x.households}: generate ${x.generation_ms} ms, simulate ${x.simulate_ms} ms, ${x.bytes_per_household} B/household`).join('; ')}`);
  return {
    households: N,
    generation_ms: round(generation),
    goal_generation_ms: 2000,
    same_seed_same_bytes: sameBytes,
    pool_equals_single_worker: poolSame,
    national_generation_ms: round(median(nationalGen)),
    national_bytes_per_household: round(nationalBytes),
    bytes_per_household: round(perHousehold),
    goal_bytes_per_household: 200,
    runs,
    goal_compare_ms: 1000,
    goal_sweep50_ms: 5000,
    scaling,
  };
}
