/**
 * Test vocabulary for the simulator: compiled policies as the simulator takes them, populations
 * written as schema JSON, column-by-column byte comparison, and the CLI called in-process.
 */
import { expect } from 'vitest';
import { checkPolicy, emitModule, instantiate, readHousehold, LANGUAGE_VERSION, type CompiledPolicy, type PolicyIR, type PopulationColumns } from '../../language/index.ts';
import { fromHouseholds, type Population } from '../../simulator/index.ts';
import { main } from '../../cli/main.ts';
import type { Io } from '../../cli/command.ts';
import { fsHost, formatAll } from './policies.ts';

export const SHANGHAI = 'policies/shanghai/shanghai.doudi';
export const GRACE_12 = 'policies/reforms/grace-12-months.doudi';
export const FRAMEWORK = 'policies/national/framework.doudi';

export interface PolicyEntry {
  readonly source: string;
  readonly ir: PolicyIR;
  /** the same module, instantiated here (for single-household evaluation) */
  readonly compiled: CompiledPolicy;
}

const entries = new Map<string, PolicyEntry>();

/** A policy file (optionally a reform applied on a baseline), checked and compiled; fails the test on errors. */
export function policyEntry(file: string, baseline?: string): PolicyEntry {
  const key = `${file}|${baseline ?? ''}`;
  let e = entries.get(key);
  if (!e) {
    const r = checkPolicy(file, fsHost, { baseline });
    if (!r.ir) expect.fail(`${file} has errors:\n${formatAll(r)}`);
    const source = emitModule(r.ir, { version: LANGUAGE_VERSION });
    e = { source, ir: r.ir, compiled: instantiate(source) };
    entries.set(key, e);
  }
  return e;
}

/** Every column of a population as bytes, by name (memberStart included). */
export function columnBytes(pop: PopulationColumns): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const bytes = (c: ArrayBufferView) => new Uint8Array(c.buffer, c.byteOffset, c.byteLength);
  out.set('memberStart', bytes(pop.memberStart));
  for (const [k, c] of Object.entries(pop.household)) out.set(`household.${k}`, bytes(c));
  for (const [k, c] of Object.entries(pop.person)) out.set(`person.${k}`, bytes(c));
  return out;
}

/** Asserts that two populations have the same columns with the same bytes, naming the first column that differs. */
export function expectSameColumns(a: PopulationColumns, b: PopulationColumns): void {
  expect(b.households).toBe(a.households);
  expect(b.persons).toBe(a.persons);
  const x = columnBytes(a);
  const y = columnBytes(b);
  expect([...y.keys()].sort()).toEqual([...x.keys()].sort());
  for (const [k, bytes] of x) {
    const other = y.get(k)!;
    expect(other.length, k).toBe(bytes.length);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(other)), `column ${k} differs`).toBe(0);
  }
}

/** The fields of a person in the schema's JSON form, with defaults for a working-age adult without income. */
export function person(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    relation: 'head',
    age: 40,
    sex: 'male',
    co_resident: true,
    excluded_status: 'none',
    student: false,
    work_ability: 'full',
    disability_grade: 0,
    disability_type: 'none',
    catastrophic_illness: false,
    self_care: 'full',
    employed: false,
    wage_income: 0,
    business_income: 0,
    property_income: 0,
    transfer_income: 0,
    basic_pension: 0,
    excluded_income: 0,
    has_capable_supporter: false,
    ...fields,
  };
}

/** A household in the schema's JSON form (an urban Shanghai household by default); members get ids from the household's. */
export function household(id: string, fields: Record<string, unknown>, members: Record<string, unknown>[]): Record<string, unknown> {
  return {
    household_id: id,
    weight: 1,
    region: '310000',
    area: 'urban',
    hukou_local: true,
    residence_permit: false,
    financial_assets: 0,
    vehicles: 0,
    houses: 1,
    medical_costs: 0,
    education_costs: 0,
    emergency_cost: 0,
    dibao_last_month: false,
    last_benefit: 0,
    grace_months_used: 0,
    ...fields,
    members: members.map((m, i) => ({ person_id: `${id}-${i + 1}`, household_id: id, ...m })),
  };
}

/** A population from households in the schema's JSON form; fails the test if one is not valid. */
export function populationOf(raw: readonly Record<string, unknown>[]): Population {
  return fromHouseholds(
    raw.map((x) => {
      const r = readHousehold(x);
      if (!r.household) expect.fail(`not a valid household: ${r.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
      return r.household;
    }),
  );
}

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the doudi command in this process with captured output. */
export async function cli(args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const code = await main(args, io);
  return { code, out, err };
}

/** |a − b| ≤ rel × max(|a|, |b|), with a message naming what is compared. */
export function expectClose(actual: number, expected: number, what: string, rel = 1e-6): void {
  const scale = Math.max(Math.abs(actual), Math.abs(expected));
  if (Math.abs(actual - expected) > rel * scale) expect.fail(`${what}: got ${actual}, expected ${expected}`);
}
