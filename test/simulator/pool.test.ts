/**
 * A pool of worker threads gives the same results as one engine in this thread — simulate,
 * compare, sweep and months, on a population of more than one chunk — and a run can be cancelled
 * by its job id, on either, without spoiling the runs that follow.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { CHUNK, Cancelled, Simulator, drawKey, generatePopulation, householdJson, syntheticHouseholdId, takeUpDraw, type Behaviour, type CompareResult, type MonthsRequest, type MonthsResult, type Scenario, type SimulationResult, type SweepResult } from '../../simulator/index.ts';
import { nodePool } from '../../simulator/node.ts';
import { SHANGHAI, policyEntry } from '../support/simulator.ts';

const HOUSEHOLDS = 140_000; // three chunks: 65,536 + 65,536 + 8,928
const columns = generatePopulation({ region: '310000', year: 2024, households: HOUSEHOLDS, seed: 2 }).columns;
const DATE = '2024-07-01';
const base: Scenario = { policy: 'sh', date: DATE, sets: { cpi_yoy: '3.8%' } };
const behaviour: Behaviour = { seed: 4, takeUp: { dibao: 0.65 } };
const reform = { name: 'raise', scenario: { ...base, sets: { ...base.sets, dibao_standard: '1800' } } };

/**
 * A household of the last chunk on regular dibao that claims it (take-up draw below the rate): a
 * scripted job in month 1 puts it into its 渐退期. Its index is global, so only the engine holding it
 * may act on it.
 */
function recipientInLastChunk(): number {
  const { compiled } = policyEntry(SHANGHAI);
  const pop = { columns };
  for (let h = 2 * CHUNK; h < HOUSEHOLDS; h++) {
    if (takeUpDraw(behaviour.seed!, drawKey(syntheticHouseholdId(h)), 'dibao') >= behaviour.takeUp!.dibao!) continue;
    const o = compiled.evaluate(householdJson(pop, h), { date: DATE, sets: base.sets }).outputs;
    if (o.dibao_status === 'regular' && (householdJson(pop, h).members as unknown[]).length === 1) return h;
  }
  throw new Error('no recipient in the last chunk');
}
const recipient = recipientInLastChunk();
const monthsRequest: MonthsRequest = {
  scenario: base,
  months: 3,
  cpi: [0.038, 0.02],
  behaviour: { ...behaviour, imputedEarnings: 2690 },
  events: [{ month: 1, kind: 'job', household: recipient, member: 0, amount: 20000 }],
};

async function load(sim: Simulator): Promise<Simulator> {
  await sim.setPopulation(columns);
  await sim.addPolicy('sh', policyEntry(SHANGHAI));
  return sim;
}

interface Answers {
  simulate: SimulationResult;
  compare: CompareResult;
  sweep: SweepResult;
  months: MonthsResult;
}

async function answers(sim: Simulator): Promise<Answers> {
  return {
    simulate: await sim.simulate(base, behaviour),
    // the income the means test sees, with draws keyed by the global household index
    compare: await sim.compare(base, [reform], { ...behaviour, unreportedIncome: 0.1, incomeNoise: 0.4 }),
    sweep: await sim.sweep(base, 'dibao_standard', ['1500', '1700'], behaviour),
    months: await sim.months(monthsRequest),
  };
}

let local: Simulator;
let single: Answers;
const pools: Simulator[] = [];

beforeAll(async () => {
  expect(HOUSEHOLDS).toBeGreaterThan(2 * CHUNK);
  local = await load(new Simulator());
  single = await answers(local);
});

afterAll(async () => {
  await local?.close();
  for (const p of pools) await p.close();
});

describe('a pool gives the same results as one engine', () => {
  it('the single engine\'s answers are not trivial', () => {
    expect(single.simulate.records).toBe(HOUSEHOLDS);
    expect(single.simulate.programmes.dibao.households).toBeGreaterThan(0);
    expect(single.simulate.programmes.price.annual_cost).toBeGreaterThan(0);
    expect(single.compare.reforms[0]!.changes.newly_covered.households).toBeGreaterThan(0);
    expect(single.sweep.points[1]!.result.annual_cost).toBeGreaterThan(single.sweep.points[0]!.result.annual_cost);
    expect(single.months.months.map((m) => m.cost.price > 0)).toEqual([true, false, false]);
    expect(single.months.totals.entries).toBeGreaterThan(0);
  });

  it('the scripted event reaches its household (months with and without it differ by its 渐退期)', async () => {
    const none = await local.months({ ...monthsRequest, events: [] });
    const w = columns.household.weight![recipient]!;
    expect(single.months.months[1]!.grace - none.months[1]!.grace).toBeCloseTo(w, 6);
    expect(single.months.months[0]).toEqual(none.months[0]);
  });

  it.each([2, 3])('nodePool(%i): simulate, compare, sweep and months deep-equal the in-process answers', async (n) => {
    const pool = await load(nodePool(n));
    pools.push(pool);
    expect(pool.backend.parts).toBe(n);
    const got = await answers(pool);
    expect(got.simulate).toEqual(single.simulate);
    expect(got.compare).toEqual(single.compare);
    expect(got.sweep).toEqual(single.sweep);
    expect(got.months).toEqual(single.months);
  });

  it('reports progress up to the whole population (in-process)', async () => {
    const calls: [number, number][] = [];
    await local.simulate(base, behaviour, { onProgress: (d, t) => calls.push([d, t]) });
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.at(-1)).toEqual([HOUSEHOLDS, HOUSEHOLDS]);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThanOrEqual(calls[i - 1]![0]);
  });
});

/** Expects a promise to reject with the Cancelled error. */
async function expectCancelled(p: Promise<unknown>, name: string): Promise<void> {
  const outcome = await p.then(
    () => 'resolved',
    (e: unknown) => e,
  );
  expect(outcome, name).toBeInstanceOf(Cancelled);
  expect((outcome as Error).name).toBe('Cancelled');
}

const SWEEP = Array.from({ length: 12 }, (_, i) => String(1500 + 10 * i));

describe('cancellation', () => {
  const simulators = () => [
    ['in-process', local],
    ['pool of 2', pools[0]!],
  ] as const;

  it('cancels a sweep from its progress callback; the next run gives the normal result', async () => {
    for (const [name, sim] of simulators()) {
      const id = Simulator.job();
      let progress = 0;
      const run = sim.sweep(base, 'dibao_standard', SWEEP, behaviour, {
        id,
        onProgress: () => {
          progress++;
          sim.cancel(id);
        },
      });
      await expectCancelled(run, name);
      expect(progress, name).toBeGreaterThan(0);
      expect(await sim.simulate(base, behaviour), name).toEqual(single.simulate);
    }
  });

  it('cancels a months run from a timer; the next months run gives the normal result', async () => {
    for (const [name, sim] of simulators()) {
      const id = Simulator.job();
      const run = sim.months({ ...monthsRequest, months: 60 }, { id });
      setTimeout(() => sim.cancel(id), 30);
      await expectCancelled(run, name);
      expect(await sim.months(monthsRequest), name).toEqual(single.months);
    }
  });

  it('cancelling another job id leaves a run alone', async () => {
    for (const [name, sim] of simulators()) {
      const id = Simulator.job();
      const other = Simulator.job();
      const run = sim.simulate(base, behaviour, { id });
      sim.cancel(other);
      expect(await run, name).toEqual(single.simulate);
    }
  });
});
