/**
 * The validation report in the studio's coordinator: the shipped policies on their own synthetic
 * populations (simulator/validation.ts's runs), every published figure beside what they give —
 * the same table as `doudi validate`. The current population is loaded back afterwards.
 */
import { VALIDATION_RUNS, generatePopulation, validationRows, type Behaviour, type Simulator, type SimulationResult, type ValidationRow } from '../../simulator/index.ts';
import type { PolicyIR, PopulationColumns } from '../../language/index.ts';
import type { Progress } from './protocol.ts';

export interface ValidationPolicy {
  readonly source: string;
  readonly ir: PolicyIR;
}

export async function runValidation(
  sim: Simulator,
  current: PopulationColumns | undefined,
  policies: Readonly<Record<string, ValidationPolicy>>,
  households: number,
  behaviour: Behaviour,
  job: { id: number; onProgress?: Progress },
): Promise<ValidationRow[]> {
  const results: Record<string, SimulationResult> = {};
  const groups = new Map<string, (typeof VALIDATION_RUNS)[number][]>();
  for (const r of VALIDATION_RUNS) {
    const key = `${r.policy}|${r.region}|${r.year}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  let done = 0;
  try {
    for (const runs of groups.values()) {
      const first = runs[0]!;
      const policy = policies[first.policy];
      if (!policy) throw new Error(`validation needs ${first.policy}`);
      await sim.setPopulation(generatePopulation({ region: first.region, year: first.year, households, seed: behaviour.seed ?? 1 }).columns);
      const key = `validation|${first.policy}`;
      await sim.addPolicy(key, policy);
      for (const r of runs) {
        results[r.id] = await sim.simulate({ policy: key, date: r.date, sets: {} }, behaviour, {
          id: job.id,
          onProgress: (d, t) => job.onProgress?.(done * t + d, VALIDATION_RUNS.length * t),
        });
        done++;
      }
    }
  } finally {
    if (current) await sim.setPopulation(current);
  }
  return validationRows(results);
}
