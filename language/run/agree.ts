/**
 * The one check that compiled code and the interpreter agree: the same outputs for a household, to
 * the fen (money, integers, enums and yes/no exactly; rates and numbers, which compiled code holds
 * as floats, within 1e-9), and the same households refused. `doudi test` runs it on every test case
 * and the property test on thousands of random households.
 */
import type * as I from '../ir/types.ts';
import * as Q from '../numbers/rational.ts';
import { evaluateHousehold, EvalError, type Scalar } from '../interpreter/index.ts';
import { toColumns, type Household } from '../schema/index.ts';
import { exactOutputs, type OutputValue } from './outputs.ts';
import { NO_SETTINGS, type ResolvedSettings } from './settings.ts';
import type { PolicyPair } from './evaluate.ts';

/** What one side gave: values by id, or the message it failed with. */
export interface Outcome {
  readonly values?: Readonly<Record<string, Scalar | OutputValue>>;
  readonly error?: string;
}

/** Compiled code on one household, decoded exactly where it is exact. */
export function compiledOutcome(compiled: PolicyPair['compiled'], household: Household, date: string, settings: ResolvedSettings = NO_SETTINGS): Outcome {
  const pop = toColumns([household]);
  const regions = compiled.regionsOf(pop);
  try {
    const params = compiled.resolveParameters({ date, sets: { ...settings.text } }, regions.codes);
    const out = compiled.allocateOutputs(1);
    compiled.evaluateBatch(pop, regions, params, out, 0, 1);
    const err = out.errors[0]!;
    return err ? { error: compiled.SITES[err - 1]!.message } : { values: exactOutputs(compiled, out, 0) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** The interpreter on one household (`targets`: definitions to compute besides the outputs). */
export function interpretedOutcome(ir: I.PolicyIR, household: Household, date: string, settings: ResolvedSettings = NO_SETTINGS, targets?: readonly string[]): Outcome {
  try {
    return { values: evaluateHousehold(ir, household, { date, sets: settings.exact, ...(targets ? { targets } : {}) }).values };
  } catch (e) {
    if (e instanceof EvalError) return { error: e.message };
    throw e;
  }
}

const show = (v: Scalar | OutputValue): string => (typeof v === 'object' ? Q.toDecimalString(v, 4) : String(v));

function same(want: Scalar | OutputValue, got: Scalar | OutputValue): boolean {
  if (typeof want !== 'object' && typeof got !== 'object') return want === got;
  if (typeof want === 'object' && typeof got === 'object') return Q.eq(want, got);
  // A rate or a number: compiled code holds the nearest float.
  const exact = typeof want === 'object' ? want : (got as Q.Rational);
  const float = typeof want === 'object' ? got : want;
  if (typeof float !== 'number') return false;
  const x = Q.toNumber(exact);
  return Math.abs(x - float) <= 1e-9 * Math.max(1, Math.abs(x));
}

/**
 * Where the two sides differ, in words; empty when they agree. Only the outputs both sides give
 * are compared (a test may compute only what it expects). `expectedError`: the interpreter failed
 * as a test expected, so compiled code must fail too.
 */
export function disagreements(outputs: readonly { readonly id: string }[], interpreted: Outcome, compiled: Outcome, expectedError?: string): string[] {
  if (expectedError !== undefined) return compiled.error === undefined ? [`the interpreter fails ("${expectedError}"); compiled code does not`] : [];
  if (compiled.error !== undefined && interpreted.error === undefined) return [`compiled code reports "${compiled.error}"; the interpreter does not`];
  if (interpreted.error !== undefined && compiled.error === undefined) return [`the interpreter reports "${interpreted.error}"; compiled code does not`];
  if (interpreted.error !== undefined) return [];
  const problems: string[] = [];
  for (const o of outputs) {
    const want = interpreted.values?.[o.id];
    const got = compiled.values?.[o.id];
    if (want === undefined || got === undefined) continue;
    if (!same(want, got)) problems.push(`${o.id}: compiled ${show(got)}, interpreter ${show(want)}`);
  }
  return problems;
}

/** Both sides on one household: where they differ, in words (empty when they agree). */
export function checkAgreement(policy: PolicyPair, household: Household, date: string, settings: ResolvedSettings = NO_SETTINGS): string[] {
  return disagreements(policy.compiled.outputs, interpretedOutcome(policy.ir, household, date, settings), compiledOutcome(policy.compiled, household, date, settings));
}
