/**
 * One way to evaluate a policy for households: read each household once (the schema's reader),
 * run the compiled module over it, decode the outputs in one place (outputs.ts), and run the
 * interpreter only for an explanation. A failure says whose it is: the household's (a field it
 * cannot be read with), the scenario's (no parameter value on the date, a setting) or the
 * evaluation's (a conflict the rules meet for this household).
 */
import type * as I from '../ir/types.ts';
import type { CompiledPolicy } from '../backend-js/index.ts';
import { evaluateHousehold, EvalError, type ExplainNode } from '../interpreter/index.ts';
import { readHousehold, toColumns, type FieldProblem, type Household } from '../schema/index.ts';
import { decodeOutputs, type OutputValue } from './outputs.ts';
import { NO_SETTINGS, type ResolvedSettings } from './settings.ts';

/** A checked policy and its compiled module. */
export interface PolicyPair {
  readonly ir: I.PolicyIR;
  readonly compiled: CompiledPolicy;
}

export interface RunOptions {
  readonly date: string;
  readonly settings?: ResolvedSettings;
}

export type Failure =
  /** the household cannot be read: every problem, each naming its field */
  | { readonly stage: 'household'; readonly message: string; readonly problems: readonly FieldProblem[] }
  /** the policy has no value on the date, or a setting does not apply: nothing can be evaluated */
  | { readonly stage: 'scenario'; readonly message: string }
  /** the rules meet a conflict (or an undefined value) for this household */
  | { readonly stage: 'evaluation'; readonly message: string };

export type Evaluated = { readonly ok: true; readonly household: Household; readonly outputs: Record<string, OutputValue>; readonly explanation?: readonly ExplainNode[] } | ({ readonly ok: false } & Failure);

/** A household in the schema's JSON form, normalised; the problems when it cannot be read. */
export function readOne(raw: unknown): { household: Household } | Failure {
  const r = readHousehold(raw);
  if (r.household) return { household: r.household };
  const p = r.problems[0];
  const more = r.problems.length > 1 ? ` (and ${r.problems.length - 1} more problem${r.problems.length > 2 ? 's' : ''})` : '';
  return { stage: 'household', message: p ? `${p.field ? `field ${p.field} ` : ''}${p.message}${more}` : 'the household cannot be read', problems: r.problems };
}

/**
 * The compiled module over households already read, in one batch: one result per household in
 * order, or one scenario failure for all of them.
 */
export function evaluateHouseholds(policy: PolicyPair, households: readonly Household[], options: RunOptions): { readonly ok: false; readonly stage: 'scenario'; readonly message: string } | { readonly ok: true; readonly results: readonly ({ ok: true; outputs: Record<string, OutputValue> } | { ok: false; stage: 'evaluation'; message: string })[] } {
  const m = policy.compiled;
  const pop = toColumns(households);
  const regions = m.regionsOf(pop);
  let params;
  try {
    params = m.resolveParameters({ date: options.date, sets: { ...(options.settings ?? NO_SETTINGS).text } }, regions.codes);
  } catch (e) {
    return { ok: false, stage: 'scenario', message: (e as Error).message };
  }
  const out = m.allocateOutputs(households.length);
  m.evaluateBatch(pop, regions, params, out, 0, households.length);
  return {
    ok: true,
    results: households.map((_, h) => {
      const err = out.errors[h]!;
      return err ? { ok: false as const, stage: 'evaluation' as const, message: m.SITES[err - 1]!.message } : { ok: true as const, outputs: decodeOutputs(m, out, h) };
    }),
  };
}

/** One household in the schema's JSON form: its outputs from compiled code and, when asked, the interpreter's explanation. */
export function evaluateOne(policy: PolicyPair, raw: unknown, options: RunOptions & { readonly explain?: boolean }): Evaluated {
  const read = readOne(raw);
  if (!('household' in read)) return { ok: false, ...read };
  const household = read.household;
  const batch = evaluateHouseholds(policy, [household], options);
  if (!batch.ok) return batch;
  const r = batch.results[0]!;
  if (!r.ok) return r;
  if (!options.explain) return { ok: true, household, outputs: r.outputs };
  try {
    const explained = evaluateHousehold(policy.ir, household, { date: options.date, sets: (options.settings ?? NO_SETTINGS).exact, explain: true });
    return { ok: true, household, outputs: r.outputs, explanation: explained.explanation ?? [] };
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    // Compiled code gave values: an interpreter that fails here is a disagreement, said as such.
    return { ok: false, stage: 'evaluation', message: `the explanation failed where compiled code did not: ${e.message}` };
  }
}
