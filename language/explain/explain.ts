/**
 * One household explained for people: its outputs (compiled code, as language/run gives them), its
 * decision (what a notice says, as data) and the compact explanation, from one run of the reference
 * interpreter. A failure says whose it is, as evaluateOne's do.
 */
import { EvalError } from '../interpreter/index.ts';
import { evaluateHouseholds, NO_SETTINGS, readOne, type Failure, type OutputValue, type PolicyPair, type RunOptions } from '../run/index.ts';
import type { Household } from '../schema/index.ts';
import { compactExplanation, type CompactExplanation } from './compact.ts';
import type { Decision } from './decision.ts';
import { decisionOf } from './decide.ts';
import { readForNotice } from './reading.ts';

export type Explained =
  | { readonly ok: true; readonly household: Household; readonly outputs: Record<string, OutputValue>; readonly decision: Decision; readonly explanation: CompactExplanation }
  | ({ readonly ok: false } & Failure);

/** A household in the schema's JSON form, explained. */
export function explainHousehold(policy: PolicyPair, raw: unknown, options: RunOptions): Explained {
  const read = readOne(raw);
  if (!('household' in read)) return { ok: false, ...read };
  return explainRead(policy, read.household, options);
}

/** A household already read (the schema's normalised form), explained. */
export function explainRead(policy: PolicyPair, household: Household, options: RunOptions): Explained {
  const batch = evaluateHouseholds(policy, [household], options);
  if (!batch.ok) return batch;
  const r = batch.results[0]!;
  if (!r.ok) return r;
  try {
    const reading = readForNotice(policy.ir, household, options.date, (options.settings ?? NO_SETTINGS).exact);
    return { ok: true, household, outputs: r.outputs, decision: decisionOf(reading), explanation: compactExplanation(reading) };
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    // Compiled code gave values: an interpreter that fails here is a disagreement, said as such.
    return { ok: false, stage: 'evaluation', message: `the explanation failed where compiled code did not: ${e.message}` };
  }
}
