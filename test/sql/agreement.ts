/**
 * One agreement run for every backend: the interpreter (exact, the reference), the compiled
 * JavaScript and an SQL engine must give the same outputs to the fen — on every conformance case
 * of test/conformance/ and on synthetic populations of the shipped policies (the simulator's
 * generator, regions spread over each policy's region blocks) — and refuse the same households.
 * Each engine's test file calls `agreementSuite` with its engine, so one Spark session serves a file.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  checkPolicy,
  evaluateHousehold,
  readHousehold,
  decodeValue,
  stored,
  emitModule,
  instantiate,
  EvalError,
  HOUSEHOLD_FIELDS,
  PERSON_FIELDS,
  LANGUAGE_VERSION,
  rational as Q,
  type PolicyIR,
  type Household,
  type PopulationColumns,
  type Scalar,
} from '../../language/index.ts';
import { compileSql, SqlCompileError, type SqlQuery } from '../../language/backend-sql/index.ts';
import { fromHouseholds } from '../../simulator/index.ts';
import { fsHost, formatAll } from '../support/policies.ts';
import { REQUIRE, writeTables, type Row, type SqlEngine } from './engines.ts';
import { checkDraws } from './draws.ts';

export interface Synthetic {
  readonly name: string;
  readonly policy: string;
  readonly baseline?: string;
  readonly date: string;
  readonly sets?: Readonly<Record<string, string>>;
  /** the generator's region, and the codes households are spread over (round robin) */
  readonly region: string;
  readonly codes: readonly string[];
}

/** The shipped policies on their own provinces' households, a reform on a baseline, and the fixture that uses every construct. */
export const SYNTHETIC: readonly Synthetic[] = [
  { name: 'Shanghai', policy: 'policies/shanghai/shanghai.doudi', date: '2024-07-01', sets: { cpi_yoy: '3.5%', food_cpi_yoy: '6.2%' }, region: '310000', codes: ['310000', '310101', '310115'] },
  { name: 'Shanghai, 12-month grace reform', policy: 'policies/reforms/grace-12-months.doudi', baseline: 'policies/shanghai/shanghai.doudi', date: '2025-01-15', region: '310000', codes: ['310000'] },
  { name: 'Zhejiang', policy: 'policies/zhejiang/zhejiang.doudi', date: '2024-07-01', region: '330000', codes: ['330000', '330100', '330106', '330700', '330782', '331000'] },
  { name: 'Guangdong', policy: 'policies/guangdong/guangdong.doudi', date: '2024-07-01', region: '440000', codes: ['440000', '440100', '440106', '440300', '441900', '440500', '445300'] },
  { name: 'national model', policy: 'policies/national/model.doudi', date: '2024-07-01', region: '100000', codes: ['100000', '110000', '500000'] },
  { name: 'every construct (kitchen)', policy: 'test/fixtures/kitchen.doudi', date: '2025-03-01', sets: { bonus_rate: '7/200', strict: 'true' }, region: '440000', codes: ['440000', '440100', '440106', '440300', '441900', '310000', '330700'] },
  { name: 'decision tables of every hit policy', policy: 'docs/examples/tables.doudi', date: '2024-07-01', region: '330000', codes: ['330700'] },
  { name: 'decision tables decided at run time', policy: 'test/fixtures/tables-runtime.doudi', date: '2024-07-01', sets: { cut: '1' }, region: '330000', codes: ['330000'] },
];

const irCache = new Map<string, PolicyIR>();
function policyIR(file: string, baseline?: string): PolicyIR {
  const key = `${file}|${baseline ?? ''}`;
  let ir = irCache.get(key);
  if (!ir) {
    const r = checkPolicy(file, fsHost, baseline ? { baseline } : {});
    if (!r.ir) throw new Error(`${file} has errors:\n${formatAll(r)}`);
    ir = r.ir;
    irCache.set(key, ir);
  }
  return ir;
}

// ---------------------------------------------------------------- comparing

/** A fraction output as the compiled module gives it (a float): compared to 1e-9, relatively. */
type Approx = { readonly approx: number };
type Outcome = { values: Record<string, Scalar | Approx> } | { error: string };

function sameValue(want: Scalar | Approx, got: Scalar | Approx | string): boolean {
  if (typeof want === 'object' && 'approx' in want) {
    const g = typeof got === 'object' ? ('approx' in got ? got.approx : Q.toNumber(got)) : NaN;
    return Math.abs(g - want.approx) <= 1e-9 * Math.max(1, Math.abs(want.approx));
  }
  if (typeof got === 'object' && 'approx' in got) return sameValue(got, want);
  return typeof want === 'object' ? typeof got === 'object' && Q.eq(want, got) : want === got;
}

function interpret(ir: PolicyIR, hh: Household, date: string, sets: Record<string, Scalar>): Outcome {
  try {
    return { values: evaluateHousehold(ir, hh, { date, sets }).values as Record<string, Scalar> };
  } catch (e) {
    if (e instanceof EvalError) return { error: e.message };
    throw e;
  }
}

/** The SQL row's value of an output, as the interpreter writes it, or a reason it cannot be read. */
function sqlValue(q: SqlQuery, row: Row, id: string): Scalar | string {
  const col = q.columns.find((c) => c.output === id);
  if (!col) return `no output ${id}`;
  const raw = row[col.column];
  if (raw === null || raw === undefined) return `NULL in ${col.column}`;
  switch (col.kind) {
    case 'money':
      return Q.rat(BigInt(raw), 100n);
    case 'integer':
      return Q.rat(BigInt(raw));
    case 'fraction': {
      const d = BigInt(row[col.denominator!]!);
      return d > 0n ? Q.rat(BigInt(raw), d) : `denominator ${d}`;
    }
    case 'bool':
      return raw === 'true' || raw === '1';
    case 'region':
      return raw.padStart(6, '0');
    default:
      return raw;
  }
}

const show = (v: Scalar | Approx | string) => (typeof v === 'object' ? ('approx' in v ? `≈${v.approx}` : Q.toText(v)) : JSON.stringify(v));

/** Differences between the interpreter's outcome and an SQL row, one line each. */
export function differences(ir: PolicyIR, q: SqlQuery, want: Outcome, row: Row | undefined, hid: string): string[] {
  if (!row) return [`${hid}: no row`];
  const err = row.doudi_error;
  if ('error' in want) return err ? [] : [`${hid}: the interpreter refuses it (${want.error}), SQL gives outputs`];
  if (err) return [`${hid}: SQL refuses it (${err}), the interpreter does not`];
  const out: string[] = [];
  for (const id of ir.outputs) {
    const w = want.values[id]!;
    const g = sqlValue(q, row, id);
    if (!sameValue(w, g)) out.push(`${hid}: ${id} interpreter ${show(w)}, SQL ${show(g)}`);
  }
  return out;
}

/** Households of a population in the interpreter's form (money in fen). */
export function householdsOf(pop: PopulationColumns, ids: readonly string[]): Household[] {
  const out: Household[] = [];
  for (let h = 0; h < pop.households; h++) {
    const values: Record<string, string | number | boolean> = { household_id: ids[h]! };
    for (const f of HOUSEHOLD_FIELDS) if (stored(f)) values[f.id] = f.type!.k === 'money' ? pop.household[f.id]![h]! : decodeValue(f, pop.household[f.id]![h]!);
    const members: Record<string, string | number | boolean>[] = [];
    for (let p = pop.memberStart[h]!, j = 0; p < pop.memberStart[h + 1]!; p++, j++) {
      const m: Record<string, string | number | boolean> = { person_id: `${ids[h]}-${j + 1}`, household_id: ids[h]! };
      for (const f of PERSON_FIELDS) if (stored(f)) m[f.id] = f.type!.k === 'money' ? pop.person[f.id]![p]! : decodeValue(f, pop.person[f.id]![p]!);
      members.push(m);
    }
    out.push({ values, members });
  }
  return out;
}

function parsedSets(ir: PolicyIR, sets: Readonly<Record<string, string>> = {}): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const [k, v] of Object.entries(sets)) {
    const p = ir.parameters.find((x) => x.id === k)!;
    out[k] = p.type.k === 'bool' ? v === 'true' : Q.parseRational(v)!;
  }
  return out;
}

/** A synthetic population of a scenario: the generator's households, regions spread over the codes. */
export async function syntheticPopulation(s: Synthetic, households: number, seed: number): Promise<{ columns: PopulationColumns; ids: string[] }> {
  const { generatePopulation } = await import('../../simulator/index.ts');
  const columns = generatePopulation({ region: s.region, year: 2024, households, seed }).columns;
  const region = columns.household.region!;
  for (let h = 0; h < columns.households; h++) region[h] = Number(s.codes[h % s.codes.length]);
  const ids = Array.from({ length: households }, (_, h) => `S${seed}-${h + 1}`);
  return { columns, ids };
}

// ---------------------------------------------------------------- the suite

interface Case {
  file: string;
  household: Record<string, unknown> & { household_id: string };
  date: string;
  scenario: { cpi_yoy?: number; food_cpi_yoy?: number };
  expected?: Record<string, unknown>;
  expected_error?: string;
}

const CASES_DIR = 'test/conformance/shanghai';

export function agreementSuite(name: string, start: () => Promise<SqlEngine | string>, households: number): void {
  let engine: SqlEngine | undefined;
  let absent: string | undefined;
  const dirs: string[] = [];
  beforeAll(async () => {
    const e = await start();
    if (typeof e === 'string') {
      if (REQUIRE) throw new Error(`${name} is required here (DOUDI_REQUIRE_ENGINES=1) but absent: ${e}`);
      absent = e;
      console.warn(`skipping the ${name} agreement tests: ${e}`);
    } else engine = e;
  }, 300_000);
  afterAll(async () => {
    await engine?.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }, 60_000);

  const load = async (pop: PopulationColumns, ids: readonly string[]) => {
    const dir = writeTables(pop, { households: ids, persons: [] as string[] });
    dirs.push(dir);
    await engine!.load(dir);
  };

  describe(`${name}: the simulator's draws`, () => {
    it('household draw keys and hash3 equal the JS engine\'s, bit for bit', async (ctx) => {
      if (absent) return ctx.skip(absent);
      await checkDraws(engine!);
    }, 300_000);
  });

  describe(`${name}: the conformance cases`, () => {
    it('give the specified outputs, the interpreter\'s and the compiled module\'s, to the fen', async (ctx) => {
      if (absent) return ctx.skip(absent);
      const ir = policyIR('policies/shanghai/shanghai.doudi');
      const js = instantiate(emitModule(ir, { version: LANGUAGE_VERSION }));
      const cases: Case[] = fs
        .readdirSync(CASES_DIR)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((file) => ({ file, ...(JSON.parse(fs.readFileSync(path.join(CASES_DIR, file), 'utf8')) as Omit<Case, 'file'>) }));
      const hhs = cases.map((c) => readHousehold(c.household).household!);
      const pop = fromHouseholds(hhs);
      await load(pop.columns, pop.ids!.households);
      const groups = new Map<string, Case[]>();
      for (const c of cases) {
        const key = `${c.date}|${c.scenario.cpi_yoy ?? 0}|${c.scenario.food_cpi_yoy ?? 0}`;
        groups.set(key, [...(groups.get(key) ?? []), c]);
      }
      const problems: string[] = [];
      let compared = 0;
      for (const list of groups.values()) {
        const first = list[0]!;
        const sets = { cpi_yoy: String(first.scenario.cpi_yoy ?? 0), food_cpi_yoy: String(first.scenario.food_cpi_yoy ?? 0) };
        let q: SqlQuery;
        try {
          q = compileSql(ir, { dialect: engine!.dialect, date: first.date, sets });
        } catch (e) {
          // a date the policy is not in force on: refused when compiling, as the module refuses the run
          if (!(e instanceof SqlCompileError)) throw e;
          for (const c of list) {
            if (!c.expected_error) problems.push(`${c.file}: refused (${e.message})`);
            else expect(e.message, c.file).toContain(c.expected_error);
            expect(() => js.evaluate(structuredClone(c.household), { date: c.date, sets }), c.file).toThrow(c.expected_error!);
            compared++;
          }
          continue;
        }
        const rows = new Map((await engine!.query(q.sql, q.setup, q.teardown)).map((r) => [r.household_id!, r]));
        for (const c of list) {
          const hh = readHousehold(c.household).household!;
          const want = interpret(ir, hh, c.date, parsedSets(ir, sets));
          const row = rows.get(c.household.household_id);
          problems.push(...differences(ir, q, want, row, c.file));
          // the specification's own figures (money in yuan)
          for (const [id, v] of Object.entries(c.expected ?? {})) {
            const got = row ? sqlValue(q, row, id) : undefined;
            const ok = typeof v === 'number' ? typeof got === 'object' && Q.eq(got, Q.parseDecimal(String(v))!) : got === v;
            if (!ok) problems.push(`${c.file}: ${id} specified ${JSON.stringify(v)}, SQL ${got === undefined ? 'no row' : show(got)}`);
          }
          // and the compiled module, on the same household
          if ('values' in want) {
            const m = js.evaluate(structuredClone(c.household), { date: c.date, sets }).outputs as Record<string, unknown>;
            for (const id of ir.outputs) {
              const w = want.values[id]!;
              const exact = ir.definitions.find((x) => x.id === id)!.exact;
              const same = typeof w !== 'object' ? m[id] === w : exact && !('approx' in w) ? Q.eq(Q.fromDecimalNumber(m[id] as number), w) : sameValue(w, { approx: m[id] as number });
              if (!same) problems.push(`${c.file}: ${id} interpreter ${show(w)}, compiled ${String(m[id])}`);
            }
          }
          compared++;
        }
      }
      expect(problems.slice(0, 30)).toEqual([]);
      expect(compared).toBe(cases.length);
    }, 900_000);
  });

  describe(`${name}: synthetic populations of ${households.toLocaleString('en')} households`, () => {
    for (const s of SYNTHETIC) {
      it(`${s.name} on ${s.date}: every household's outputs equal the interpreter's and the compiled module's`, async (ctx) => {
        if (absent) return ctx.skip(absent);
        const ir = policyIR(s.policy, s.baseline);
        const { columns, ids } = await syntheticPopulation(s, households, 20261204);
        await load(columns, ids);
        const q = compileSql(ir, { dialect: engine!.dialect, date: s.date, sets: s.sets });
        const rows = await engine!.query(q.sql, q.setup, q.teardown);
        expect(rows.length).toBe(households);
        const byId = new Map(rows.map((r) => [r.household_id!, r]));
        const reference = referenceOutcomes(ir, s, columns, ids);
        const problems: string[] = [];
        let refused = 0;
        reference.forEach((want, h) => {
          if ('error' in want) refused++;
          if (problems.length < 30) problems.push(...differences(ir, q, want, byId.get(ids[h]!), ids[h]!));
        });
        expect(problems).toEqual([]);
        // most households are evaluated, not refused: the comparison is of outputs (the every-construct
        // fixture refuses about 10.5% by design — two of its exceptions conflict — and that is compared too)
        expect(refused).toBeLessThan(households / 5);
      }, 900_000);
    }
  });
}

/** How many households of each synthetic population the interpreter evaluates too (it is the slow one). */
const INTERPRETED = 10_000;

/**
 * The reference outcome of every household: the compiled module's batch for all of them (money,
 * whole numbers, bools and enums exact; a fraction as the module's float), and for the first
 * INTERPRETED households the interpreter's exact outcome — which the module must equal, to the fen.
 * Cached per scenario and size in the process.
 */
const references = new Map<string, Outcome[]>();
function referenceOutcomes(ir: PolicyIR, s: Synthetic, columns: PopulationColumns, ids: readonly string[]): Outcome[] {
  const key = `${s.name}|${columns.households}`;
  const hit = references.get(key);
  if (hit) return hit;
  const js = instantiate(emitModule(ir, { version: LANGUAGE_VERSION }));
  const regions = js.regionsOf(columns);
  const params = js.resolveParameters({ date: s.date, sets: s.sets ?? {} }, regions.codes);
  const res = js.allocateOutputs(columns.households);
  js.evaluateBatch(columns, regions, params, res);
  const out: Outcome[] = [];
  for (let h = 0; h < columns.households; h++) {
    if (res.errors[h] !== 0) {
      out.push({ error: js.SITES[res.errors[h]! - 1]!.message });
      continue;
    }
    const values: Record<string, Scalar | Approx> = {};
    for (const o of js.outputs) {
      const v = res.columns[o.id]![h]!;
      const d = ir.definitions.find((x) => x.id === o.id)!;
      values[o.id] = o.values ? o.values[v]! : o.type === 'bool' ? v === 1 : o.type.startsWith('money') ? Q.rat(BigInt(v), 100n) : d.exact ? Q.rat(BigInt(v)) : { approx: v };
    }
    out.push({ values });
  }
  // the interpreter, exactly, on the first households: the module must agree
  const sets = parsedSets(ir, s.sets);
  const hhs = householdsOf(columns, ids).slice(0, INTERPRETED);
  const problems: string[] = [];
  hhs.forEach((hh, h) => {
    const want = interpret(ir, hh, s.date, sets);
    const got = out[h]!;
    if ('error' in want !== 'error' in got) problems.push(`${ids[h]}: interpreter ${'error' in want ? 'refuses' : 'evaluates'}, compiled ${'error' in got ? 'refuses' : 'evaluates'}`);
    else if ('values' in want && 'values' in got)
      for (const id of ir.outputs) {
        const w = want.values[id]!;
        if (!sameValue(w, got.values[id]!) && problems.length < 30) problems.push(`${ids[h]}: ${id} interpreter ${show(w)}, compiled ${show(got.values[id]!)}`);
      }
    out[h] = want;
  });
  expect(problems).toEqual([]);
  references.set(key, out);
  return out;
}
