/**
 * The simulator's goals on 1,000,000 synthetic Shanghai households:
 *   generation ≤ 2 s; memory ≤ 200 bytes per household; a baseline-plus-reform comparison end to
 *   end ≤ 1 s; a 50-point sweep ≤ 5 s using both cores; and how time and memory grow from 10^4 to
 *   10^6 households. Medians of a few runs; the machine is shared, so read ratios.
 */
import * as fs from 'node:fs';
import { checkPolicy, compileIR, mapHost, LANGUAGE_VERSION, type PolicyIR } from '../language/index.ts';
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

  const scenario = { policy: 'base', date: DATE, sets: SETS };
  const reforms = [{ name: 'raise-standard', scenario: { policy: 'reform', date: DATE, sets: SETS } }];
  const values = Array.from({ length: 50 }, (_, i) => String(1400 + 10 * i));
  const runs: Record<string, { simulate_ms: number; compare_ms: number; sweep50_ms: number; setup_ms: number }> = {};
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
      await sim.simulate(scenario);
      simulate.push(now() - t);
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
    bytes_per_household: round(perHousehold),
    goal_bytes_per_household: 200,
    runs,
    goal_compare_ms: 1000,
    goal_sweep50_ms: 5000,
    scaling,
  };
}
