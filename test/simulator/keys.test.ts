/**
 * Draw keys: every random draw of a run is keyed by the household's id (md5, so SQL engines compute
 * the same key), never by its position, so a household keeps its draws when the file is reordered.
 */
import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { Simulator, drawKey, generatePopulation, householdKeys, syntheticHouseholdId } from '../../simulator/index.ts';
import { SHANGHAI, policyEntry } from '../support/simulator.ts';
import type { PopulationColumns } from '../../language/index.ts';

const md5Key = (id: string): number => parseInt(createHash('md5').update(id, 'utf8').digest('hex').slice(0, 8), 16);

describe('draw keys', () => {
  it('are the first 32 bits of md5 of the UTF-8 id, for ids of any length and script', () => {
    for (const id of ['H0000001', '', 'a', '上海-浦东-000123', 'x'.repeat(55), 'x'.repeat(56), 'y'.repeat(64), 'z'.repeat(300)]) expect(drawKey(id)).toBe(md5Key(id));
  });

  it('of a synthetic population are those of its ids H0000001, H0000002, …', () => {
    const keys = householdKeys(3);
    expect(syntheticHouseholdId(0)).toBe('H0000001');
    expect(Array.from(keys)).toEqual(['H0000001', 'H0000002', 'H0000003'].map(md5Key));
    expect(Array.from(householdKeys(2, ['b', 'a']))).toEqual([md5Key('b'), md5Key('a')]);
  });

  it('make a reordered population give the same results (draws follow the household, not the row)', async () => {
    const pop = generatePopulation({ region: '310000', year: 2024, households: 3000, seed: 7 }).columns;
    // Whole weights, as a case system's file has: every total is then an exact sum, in any order.
    pop.household.weight!.forEach((_, h, w) => (w[h] = 1 + (h % 7)));
    const ids = Array.from({ length: pop.households }, (_, h) => syntheticHouseholdId(h));
    const order = Array.from({ length: pop.households }, (_, h) => pop.households - 1 - h);
    const reversed = reorder(pop, order);
    const run = async (p: PopulationColumns, hids: string[]) => {
      const sim = new Simulator();
      await sim.setPopulation(p, hids);
      await sim.addPolicy('sh', policyEntry(SHANGHAI));
      return sim.simulate({ policy: 'sh', date: '2024-07-01', sets: {} }, { seed: 3, takeUp: { dibao: 0.5, temporary: 0.5 } });
    };
    const a = await run(pop, ids);
    const b = await run(reversed, order.map((h) => ids[h]!));
    for (const p of ['dibao', 'tekun', 'temporary'] as const) expect(b.programmes[p]).toEqual(a.programmes[p]);
    expect(a.programmes.dibao.households).toBeGreaterThan(0);
  });
});

/** The population with its households in the given order. */
function reorder(pop: PopulationColumns, order: number[]): PopulationColumns {
  const household: Record<string, PopulationColumns['household'][string]> = {};
  const person: Record<string, PopulationColumns['person'][string]> = {};
  const memberStart = new Int32Array(pop.households + 1);
  const personOrder: number[] = [];
  order.forEach((h, i) => {
    for (let p = pop.memberStart[h]!; p < pop.memberStart[h + 1]!; p++) personOrder.push(p);
    memberStart[i + 1] = personOrder.length;
  });
  for (const [k, c] of Object.entries(pop.household)) {
    const out = c.slice();
    order.forEach((h, i) => (out[i] = c[h]!));
    household[k] = out;
  }
  for (const [k, c] of Object.entries(pop.person)) {
    const out = c.slice();
    personOrder.forEach((p, i) => (out[i] = c[p]!));
    person[k] = out;
  }
  return { households: pop.households, persons: pop.persons, memberStart, household, person };
}
