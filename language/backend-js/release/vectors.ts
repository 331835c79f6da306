/**
 * The policy's own in-language tests as test vectors for the compiled module: each case's
 * household in the schema's JSON form (money in yuan, as the module reads it), its date and
 * settings, and the outputs it expects in the form evaluate() returns them. A service runs them
 * against the module it vendors (docs/release.md shows how).
 */
import type * as I from '../../ir/types.ts';
import * as Q from '../../numbers/rational.ts';
import type { Type } from '../../types/index.ts';
import { HOUSEHOLD_FIELDS, PERSON_FIELDS, type FieldSpec } from '../../schema/index.ts';

export interface Vector {
  readonly name: string;
  /** where the test is written: file (relative to the policy's folder) and line */
  readonly source: string;
  readonly date: string;
  /** settings as evaluate()'s options.sets takes them */
  readonly sets: Record<string, string | boolean>;
  readonly household: Record<string, unknown>;
  /** outputs and the values evaluate() returns for them (money in yuan) */
  readonly expected: Record<string, number | boolean | string>;
  /** expected values of definitions the module does not export (intermediate values), as the test writes them */
  readonly internal?: Record<string, string | boolean>;
  /** the evaluation must fail with an error whose reason contains this text (case-insensitive) */
  readonly expectedError?: string;
}

/** Exact yuan from integer fen, as a JSON number whose shortest text is the decimal itself. */
function yuan(fen: number): number {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const cents = a % 100;
  return Number(`${neg ? '-' : ''}${Math.floor(a / 100)}${cents ? `.${String(cents).padStart(2, '0').replace(/0$/, '')}` : ''}`);
}

/** A normalised record (money in fen) in the schema's JSON form (money in yuan). */
function jsonRecord(values: Readonly<Record<string, string | number | boolean>>, fields: readonly FieldSpec[]): Record<string, unknown> {
  const byId = new Map(fields.map((f) => [f.id, f]));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = byId.get(k)?.type?.k === 'money' && typeof v === 'number' ? yuan(v) : v;
  return out;
}

/** A value as the module's evaluate() gives it for an output of type `t`. */
function moduleValue(v: I.Value, t: Type): number | boolean | string {
  if (typeof v === 'boolean' || t.k === 'enum') return v;
  if (t.k === 'date') return Date.UTC(Number(v.slice(0, 4)), Number(v.slice(5, 7)) - 1, Number(v.slice(8, 10))) / 86400000;
  if (t.k === 'region') return Number(v);
  // Money in yuan: exact decimal text when it is a whole number of fen (it always is for an output).
  const r = Q.parseRational(v)!;
  return t.k === 'money' && (100n * r.n) % r.d === 0n ? Number(Q.toDecimalString(r, 2)) : Q.toNumber(r);
}

/** Settings of a test as options.sets: by-enum values as one entry each (id.entry). */
function settings(ir: I.PolicyIR, t: I.TestIR): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const s of t.sets) {
    const p = ir.parameters.find((x) => x.id === s.id);
    if (Array.isArray(s.value) && p?.by) {
      const entries = ir.enums.find((e) => e.id === p.by)!.values;
      (s.value as readonly I.Value[]).forEach((v, i) => (out[`${s.id}.${entries[i]!.id}`] = v));
    } else out[s.id] = s.value as I.Value;
  }
  return out;
}

/**
 * The vectors of the tests in `tested` (IRs of the policy itself and of test files built on it),
 * for the module of `ir`. `relative` turns a source path into the form the release uses.
 */
export function testVectors(ir: I.PolicyIR, tested: readonly I.PolicyIR[], relative: (file: string) => string): Vector[] {
  const outputs = new Map(ir.definitions.filter((d) => ir.outputs.includes(d.id)).map((d) => [d.id, d]));
  const vectors: Vector[] = [];
  for (const t of tested) {
    const defs = new Map(t.definitions.map((d) => [d.id, d]));
    for (const test of t.tests) {
      const expected: Record<string, number | boolean | string> = {};
      const internal: Record<string, string | boolean> = {};
      for (const x of test.expects) {
        const o = outputs.get(x.id);
        if (o) expected[x.id] = moduleValue(x.value, o.type);
        else if (defs.has(x.id)) internal[x.id] = x.value;
      }
      vectors.push({
        name: test.name,
        source: `${relative(test.file)}:${test.at[0]}`,
        date: test.date,
        sets: settings(t, test),
        household: { ...jsonRecord(test.household.values, HOUSEHOLD_FIELDS), members: test.household.members.map((m) => jsonRecord(m, PERSON_FIELDS)) },
        expected,
        ...(Object.keys(internal).length ? { internal } : {}),
        ...(test.expectError !== undefined ? { expectedError: test.expectError } : {}),
      });
    }
  }
  return vectors;
}
