/**
 * Conformance of the Shanghai reference policy with its specification
 * (shared/domain/reference-policy-shanghai.md), case by case.
 *
 * The cases are language-neutral JSON files in test/conformance/shanghai/ (one household, a date, the
 * scenario inputs and every output the specification fixes, computed from the specification alone).
 * Each case is checked twice: through the command line (`doudi eval`, run in this process through
 * the CLI's own main(), one run per date and scenario with --households, one per refused case with
 * --household; one group also as a real subprocess) and through the compiled module (`evaluate`).
 * Money is compared exactly, in fen.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadIR, compile } from '../support/policies.ts';
import { cli } from '../support/simulator.ts';
import type { CompiledPolicy } from '../../language/index.ts';

const ROOT = process.cwd();
const BIN = path.join(ROOT, 'cli/doudi.mjs');
const POLICY = 'policies/shanghai/shanghai.doudi';
const CASES_DIR = path.join(ROOT, 'test/conformance/shanghai');

// ---------------------------------------------------------------- the case format

/** The outputs of the specification's output table. */
const MONEY = ['dibao_benefit', 'per_capita_income', 'tekun_benefit', 'price_subsidy', 'temporary_assistance', 'total_monthly'] as const;
const INTEGER = ['dibao_persons', 'tekun_persons'] as const;
const BOOL = ['edge_family', 'help_first'] as const;
const ENUM: Record<string, readonly string[]> = { dibao_status: ['none', 'regular', 'grace', 'single'] };
const OUTPUTS = [...Object.keys(ENUM), ...MONEY, ...INTEGER, ...BOOL];

/** Every field of the population schema (shared/domain/population-schema.md): cases give them all. */
const HOUSEHOLD_FIELDS = ['household_id', 'weight', 'region', 'area', 'hukou_local', 'residence_permit', 'financial_assets', 'vehicles', 'houses',
  'medical_costs', 'education_costs', 'emergency_cost', 'dibao_last_month', 'last_benefit', 'grace_months_used'];
const PERSON_FIELDS = ['person_id', 'household_id', 'relation', 'age', 'sex', 'co_resident', 'excluded_status', 'student', 'work_ability',
  'disability_grade', 'disability_type', 'catastrophic_illness', 'self_care', 'employed', 'wage_income', 'business_income', 'property_income',
  'transfer_income', 'basic_pension', 'excluded_income', 'has_capable_supporter'];

type Outputs = Record<string, unknown>;
interface Case {
  file: string;
  name: string;
  rule: string;
  household: Record<string, unknown> & { household_id: string; members: Record<string, unknown>[] };
  date: string;
  scenario: { cpi_yoy?: number; food_cpi_yoy?: number };
  expected?: Outputs;
  expected_error?: string;
}

const cases: Case[] = fs
  .readdirSync(CASES_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, ...(JSON.parse(fs.readFileSync(path.join(CASES_DIR, file), 'utf8')) as Omit<Case, 'file'>) }));
const valued = cases.filter((c) => c.expected);
const refused = cases.filter((c) => c.expected_error !== undefined);

const cpi = (c: Case) => String(c.scenario.cpi_yoy ?? 0);
const food = (c: Case) => String(c.scenario.food_cpi_yoy ?? 0);

/** A money amount in yuan as exact fen, or undefined when it is not a whole number of fen. */
function fen(v: unknown): bigint | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(v));
  if (!m) return undefined;
  const f = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -f : f;
}

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** Readable differences between the outputs a run gave and the case's expected outputs. */
function mismatches(c: Case, got: Outputs | undefined, via: string): string[] {
  if (!got || typeof got !== 'object') return [`${c.file} (${via}): no outputs (got ${JSON.stringify(got)})`];
  const out: string[] = [];
  for (const id of OUTPUTS) {
    const want = c.expected![id];
    const have = got[id];
    const same = (MONEY as readonly string[]).includes(id)
      ? fen(have) !== undefined && fen(have) === fen(want)
      : have === want;
    if (!same) out.push(`${c.file} (${via}): ${id} expected ${show(want)}, got ${show(have)}${id in got ? '' : ' (missing)'}`);
  }
  return out;
}

function report(c: Case, problems: string[]) {
  if (problems.length) expect.fail(`"${c.name}" [${c.rule}]\n  ${problems.join('\n  ')}`);
}

// ---------------------------------------------------------------- the case files themselves

describe('conformance case files', () => {
  it('are at least 110, named NNN-short-name.json, each with a name, a rule, a date and a scenario', () => {
    expect(cases.length).toBeGreaterThanOrEqual(110);
    const ids = new Set<string>();
    for (const c of cases) {
      expect(c.file, c.file).toMatch(/^\d{3}-[a-z0-9-]+\.json$/);
      expect(typeof c.name, c.file).toBe('string');
      expect(typeof c.rule, c.file).toBe('string');
      expect(c.date, c.file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(typeof c.scenario, c.file).toBe('object');
      expect(!c.expected !== !(c.expected_error !== undefined), `${c.file}: give exactly one of expected, expected_error`).toBe(true);
      expect(ids.has(c.household.household_id), `${c.file}: household_id ${c.household.household_id} repeated`).toBe(false);
      ids.add(c.household.household_id);
    }
  });

  it('give the complete household and every output of the specification', () => {
    for (const c of cases) {
      const h = c.household;
      expect(Object.keys(h).sort(), `${c.file}: household fields`).toEqual([...HOUSEHOLD_FIELDS, 'members'].sort());
      h.members.forEach((m, i) => expect(Object.keys(m).sort(), `${c.file}: fields of member ${i + 1}`).toEqual([...PERSON_FIELDS].sort()));
      if (!c.expected) continue;
      expect(Object.keys(c.expected).sort(), `${c.file}: expected outputs`).toEqual([...OUTPUTS].sort());
      for (const id of MONEY) expect(fen(c.expected[id]), `${c.file}: ${id} is money`).not.toBeUndefined();
      for (const id of INTEGER) expect(Number.isInteger(c.expected[id]), `${c.file}: ${id} is an integer`).toBe(true);
      for (const id of BOOL) expect(typeof c.expected[id], `${c.file}: ${id} is a bool`).toBe('boolean');
      expect(ENUM.dibao_status).toContain(c.expected.dibao_status);
    }
  });
});

// ---------------------------------------------------------------- 1. the command line

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-conformance-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A real `doudi` process (the bundle or the sources, as cli/doudi.mjs chooses). */
function spawned(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** `doudi` in this process: the same main() the command runs, with captured output. */
const doudi = (args: string[]) => cli(args);

/** Cases of the same date and scenario run in one process; its result per household id, run once. */
const groups = new Map<string, Case[]>();
for (const c of valued) {
  const key = `${c.date} cpi_yoy=${cpi(c)} food_cpi_yoy=${food(c)}`;
  groups.set(key, [...(groups.get(key) ?? []), c]);
}
const groupOf = new Map<Case, string>();
for (const [key, list] of groups) for (const c of list) groupOf.set(c, key);
const ran = new Map<string, Map<string, { outputs?: Outputs; error?: string }> | string>();

const groupArgs = (key: string, file: string) => {
  const first = groups.get(key)![0]!;
  return ['eval', POLICY, '--households', file, '--date', first.date, '--set', `cpi_yoy=${cpi(first)}`, '--set', `food_cpi_yoy=${food(first)}`];
};

function groupFile(key: string): string {
  const file = path.join(tmp, `group-${[...groups.keys()].indexOf(key)}.jsonl`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, groups.get(key)!.map((c) => JSON.stringify(c.household)).join('\n') + '\n');
  return file;
}

async function runGroup(key: string) {
  let r = ran.get(key);
  if (r) return r;
  const list = groups.get(key)!;
  const p = await doudi(groupArgs(key, groupFile(key)));
  const lines = p.out.split('\n').filter((l) => l.trim());
  if (lines.length !== list.length) {
    r = `doudi eval --households (${key}) exited ${p.code} with ${lines.length} lines for ${list.length} households:\n${p.err}${p.out}`;
  } else {
    const m = new Map<string, { outputs?: Outputs; error?: string }>();
    lines.forEach((line, i) => {
      const o = JSON.parse(line) as { household_id: string; outputs?: Outputs; error?: string };
      const id = list[i]!.household.household_id;
      m.set(id, o.household_id === id ? o : { error: `line ${i + 1} is household ${o.household_id}, expected ${id}` });
    });
    r = m;
  }
  ran.set(key, r);
  return r;
}

describe('the command line (doudi eval) gives the specified outputs', () => {
  it('a real doudi process prints what the in-process command prints (the largest group)', async () => {
    const key = [...groups.keys()].sort((a, b) => groups.get(b)!.length - groups.get(a)!.length)[0]!;
    const file = groupFile(key);
    const real = spawned(groupArgs(key, file));
    const here = await doudi(groupArgs(key, file));
    expect(real.err).toBe('');
    expect({ code: real.code, out: real.out }).toEqual({ code: here.code, out: here.out });
    expect(real.out.trim().split('\n')).toHaveLength(groups.get(key)!.length);
  });

  it.each(valued.map((c) => [c.file, c] as const))('%s', async (_f, c) => {
    const r = await runGroup(groupOf.get(c)!);
    if (typeof r === 'string') expect.fail(`${c.file}: ${r}`);
    const got = r.get(c.household.household_id)!;
    if (got.error) expect.fail(`${c.file} (cli): ${got.error}`);
    report(c, mismatches(c, got.outputs, 'cli'));
  });

  it.each(refused.map((c) => [c.file, c] as const))('%s is refused', async (_f, c) => {
    const file = path.join(tmp, c.file);
    fs.writeFileSync(file, JSON.stringify(c.household, null, 2));
    const p = await doudi(['eval', POLICY, '--household', file, '--date', c.date, '--set', `cpi_yoy=${cpi(c)}`, '--set', `food_cpi_yoy=${food(c)}`]);
    expect(p.code, `${c.file} (cli): exit code; stdout ${p.out}; stderr ${p.err}`).toBe(1);
    expect(p.err, `${c.file} (cli): stderr`).toContain(c.expected_error);
    expect(p.out, `${c.file} (cli): no outputs printed`).not.toContain('outputs');
  });
});

// ---------------------------------------------------------------- 2. the compiled module

let policy: CompiledPolicy;
beforeAll(() => {
  policy = compile(loadIR(POLICY));
});

const evaluate = (c: Case) =>
  policy.evaluate(structuredClone(c.household), { date: c.date, sets: { cpi_yoy: cpi(c), food_cpi_yoy: food(c) } });

describe('the compiled module (evaluate) gives the specified outputs', () => {
  it.each(valued.map((c) => [c.file, c] as const))('%s', (_f, c) => {
    let outputs: Outputs;
    try {
      outputs = evaluate(c).outputs as Outputs;
    } catch (e) {
      return expect.fail(`${c.file} (compiled): threw ${(e as Error).message}`);
    }
    report(c, mismatches(c, outputs, 'compiled'));
  });

  it.each(refused.map((c) => [c.file, c] as const))('%s is refused', (_f, c) => {
    expect(() => evaluate(c), `${c.file} (compiled)`).toThrow(c.expected_error);
  });
});
