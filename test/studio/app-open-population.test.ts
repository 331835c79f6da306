/**
 * The studio's "open population", run here in Node: the coordinator reads picked files (Blobs, as
 * the browser hands File objects over) into the current population, keeps their household ids for
 * the draws, and refuses a file with problems while keeping the population it had.
 */
import { describe, expect, it } from 'vitest';
import { SimService } from '../../studio/sim/service.ts';
import { generatePopulation, toCsv, toJsonl, Simulator } from '../../simulator/index.ts';
import { policyEntry, SHANGHAI } from '../support/simulator.ts';

const DATE = '2024-07-01';

describe('open population', () => {
  const pop = { columns: generatePopulation({ region: '310000', year: 2024, households: 3000, seed: 4 }).columns };
  const csv = toCsv(pop);

  it('reads a CSV pair and runs on it as the simulator does on the same households', async () => {
    const sim = new SimService();
    await sim.generate({ region: '310000', households: 500, seed: 1, year: 2024 });
    const info = await sim.openPopulation([{ name: 'households.csv', blob: new Blob([csv.households]) }, { name: 'persons.csv', blob: new Blob([csv.persons]) }], 2024);
    expect(info.files).toEqual(['households.csv', 'persons.csv']);
    expect(info.summary.records).toBe(3000);
    expect(info.meta.region).toBe('310000');
    const e = policyEntry(SHANGHAI);
    const key = await sim.setPolicy(e.source, e.ir);
    const got = await sim.simulate({ policy: key, date: DATE }, 1, undefined, { seed: 7 });
    const direct = new Simulator();
    await direct.setPopulation(pop.columns);
    await direct.addPolicy('sh', e);
    const want = await direct.simulate({ policy: 'sh', date: DATE, sets: {} }, { seed: 7 });
    expect(got.annual_cost).toBe(want.annual_cost);
    expect((await sim.household(0)).household_id).toBe('H0000001');
  });

  it('refuses a file with problems, naming them, and keeps the population it had', async () => {
    const sim = new SimService();
    const before = await sim.generate({ region: '310000', households: 500, seed: 1, year: 2024 });
    const line = toJsonl(pop).split('\n')[0]!.replace('"weight":', '"weight":1,"weight":');
    await expect(sim.openPopulation([{ name: 'p.jsonl', blob: new Blob([line + '\n']) }], 2024)).rejects.toThrow(/p\.jsonl:1: weight: the key "weight" appears twice/);
    await expect(sim.openPopulation([{ name: 'households.csv', blob: new Blob(['']) }], 2024)).rejects.toThrow(/households\.csv with persons\.csv/);
    expect((await sim.household(499)).household_id).toBe('H0000500');
    expect(before.summary.records).toBe(500);
  });
});
