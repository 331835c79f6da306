/**
 * In-language tests: each `test` case of a policy file evaluated by the interpreter, its expected
 * values compared exactly, and the definitions and exceptions no test reached.
 */
import type * as I from '../ir/types.ts';
import * as Q from '../numbers/rational.ts';
import { evaluateHousehold, EvalError, scalarEquals, type Scalar } from '../interpreter/index.ts';
import type { Household } from '../schema/index.ts';
import { decodeConst } from '../interpreter/params.ts';

export interface TestFailure {
  readonly id: string;
  readonly expected: string;
  readonly actual: string;
  readonly line: number;
}

export interface TestResult {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly ok: boolean;
  readonly failures: readonly TestFailure[];
  /** set when the evaluation itself failed (a conflict, a missing parameter value) */
  readonly error?: string;
  /** the message of an evaluation that failed as the test expected */
  readonly expectedError?: string;
  /** the values the test computed, for printing */
  readonly values: Readonly<Record<string, Scalar>>;
}

export interface TestReport {
  readonly policy: string;
  readonly results: readonly TestResult[];
  /** definitions (not hidden) that no expected value of any test depended on */
  readonly unreached: readonly string[];
  /** labelled exceptions that never fired in any test: "definition: label" */
  readonly unfired: readonly string[];
}

export function showScalar(v: Scalar, t?: I.ParameterIR['type']): string {
  if (typeof v !== 'object') return String(v);
  if (t?.k === 'money') return `¥${Q.toDecimalString(v, 4)}`;
  if (t?.k === 'rate') return `${Q.toDecimalString(Q.mul(v, Q.rat(100)), 4)}%`;
  if (t?.k === 'months') return `${Q.toDecimalString(v, 4)} months`;
  return Q.toDecimalString(v, 6);
}

export function testSets(ir: I.PolicyIR, t: I.TestIR): Record<string, Scalar> {
  const sets: Record<string, Scalar> = {};
  for (const s of t.sets) {
    const p = ir.parameters.find((x) => x.id === s.id)!;
    sets[s.id] = decodeConst({ k: 'const', t: p.type, v: s.value as I.Value });
  }
  return sets;
}

/** Did every test pass? Stops at the first failure (for mutation testing). */
export function allPass(ir: I.PolicyIR): boolean {
  const defs = new Map(ir.definitions.map((d) => [d.id, d]));
  for (const t of ir.tests) {
    const targets = t.expects.map((x) => x.id);
    try {
      const r = evaluateHousehold(ir, t.household as unknown as Household, { date: t.date, sets: testSets(ir, t), targets });
      if (t.expectError !== undefined) return false;
      for (const x of t.expects) if (!scalarEquals(decodeConst({ k: 'const', t: defs.get(x.id)!.type, v: x.value }), r.values[x.id]!)) return false;
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      if (t.expectError === undefined || !e.message.toLowerCase().includes(t.expectError.toLowerCase())) return false;
    }
  }
  return true;
}

export function runTests(ir: I.PolicyIR): TestReport {
  const reached = new Set<string>();
  const taken = new Set<string>();
  const defs = new Map(ir.definitions.map((d) => [d.id, d]));
  const results = ir.tests.map((t): TestResult => {
    const targets = t.expects.map((x) => x.id);
    try {
      const r = evaluateHousehold(ir, t.household as unknown as Household, { date: t.date, sets: testSets(ir, t), targets, coverageFrom: targets });
      if (t.expectError !== undefined)
        return { name: t.name, file: t.file, line: t.at[0], ok: false, failures: [{ id: 'error', expected: `an error mentioning "${t.expectError}"`, actual: 'no error', line: t.at[0] }], values: r.values };
      for (const d of r.reached) reached.add(d);
      for (const k of r.taken) taken.add(k);
      const failures: TestFailure[] = [];
      for (const x of t.expects) {
        const type = defs.get(x.id)!.type;
        const want = decodeConst({ k: 'const', t: type, v: x.value });
        const got = r.values[x.id]!;
        if (!scalarEquals(want, got)) failures.push({ id: x.id, expected: showScalar(want, type), actual: showScalar(got, type), line: x.at[0] });
      }
      return { name: t.name, file: t.file, line: t.at[0], ok: failures.length === 0, failures, values: r.values };
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      if (t.expectError !== undefined) {
        const ok = e.message.toLowerCase().includes(t.expectError.toLowerCase());
        const failures = ok ? [] : [{ id: 'error', expected: `an error mentioning "${t.expectError}"`, actual: `"${e.message}"`, line: t.at[0] }];
        return { name: t.name, file: t.file, line: t.at[0], ok, failures, expectedError: e.message, values: {} };
      }
      return { name: t.name, file: t.file, line: t.at[0], ok: false, failures: [], error: e.message, values: {} };
    }
  });
  const unreached = ir.definitions.filter((d) => !d.hidden && !reached.has(d.id)).map((d) => d.id);
  const unfired = ir.definitions.flatMap((d) => d.exceptions.filter((x) => !taken.has(`${d.id}:exception ${x.label}`)).map((x) => `${d.id}: ${x.label}`));
  return { policy: ir.policy.id, results, unreached, unfired };
}
