/**
 * What every fuzzed case must satisfy, shared by the mutation fuzzing (fuzz.test.ts) and the
 * growth fuzzing (grow.test.ts): the checker never throws and returns well-formed diagnostics, an
 * IR exactly when there is no error; a policy that checks clean is evaluated by the interpreter
 * (interpretClean) and compiled and evaluated (compileClean). A fault is a FuzzFailure.
 */
import * as fs from 'node:fs';
import {
  checkPolicy,
  mapHost,
  SourceText,
  CODES,
  evaluateHousehold,
  readHousehold,
  EvalError,
  compileIR,
  instantiate,
  LANGUAGE_VERSION,
  type CheckResult,
  type Diagnostic,
  type Household,
  type PolicyIR,
  type Position,
  type Range,
} from '../../language/index.ts';

// The Shanghai seed builds on the national framework, which the mutated file can still read.
export const FILE = 'policies/shanghai/fuzz.doudi';
export const FRAMEWORK = 'policies/national/framework.doudi';
const FRAMEWORK_TEXT = fs.readFileSync(new URL('../../policies/national/framework.doudi', import.meta.url), 'utf8');


const SEVERITIES = new Set(['error', 'warning', 'info']);

/** A fault of the language on one text: what went wrong, and the exception behind it if any. */
export class FuzzFailure extends Error {
  constructor(
    readonly what: string,
    readonly text: string,
    readonly fault?: unknown,
  ) {
    super(what);
  }

  /** What identifies the fault: the check that failed, the exception and where in the language it was thrown. */
  get signature(): string {
    const e = this.fault;
    if (!(e instanceof Error)) return this.what.replace(/\d+/g, 'N');
    const frame = (e.stack ?? '').split('\n').find((l) => /language\//.test(l))?.replace(/^.*?(language\/[^:)]*).*$/, '$1') ?? '?';
    return `${this.what.replace(/ on \d{4}-\d{2}-\d{2}/, '')} — ${e.name}: ${e.message.replace(/\d+/g, 'N')} (at ${frame})`;
  }

  get details(): string {
    const e = this.fault;
    if (e === undefined) return this.what;
    return `${this.what}\n${e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e)}`;
  }
}

export function fail(what: string, text: string, fault?: unknown): never {
  throw new FuzzFailure(what, text, fault);
}

function samePosition(p: Position, q: Position): boolean {
  return p.line === q.line && p.column === q.column && p.offset === q.offset;
}

function checkRange(range: Range, source: SourceText, what: string, text: string): void {
  const { start, end } = range;
  const ints = [start.line, start.column, start.offset, end.line, end.column, end.offset];
  if (!ints.every((x) => Number.isInteger(x))) fail(`${what}: a range with a non-integer position ${JSON.stringify(range)}`, text);
  if (start.line < 1 || start.column < 1 || end.line < 1 || end.column < 1) fail(`${what}: lines and columns start at 1: ${JSON.stringify(range)}`, text);
  if (start.offset < 0 || end.offset > source.text.length || start.offset > end.offset) fail(`${what}: range outside the file or reversed: ${JSON.stringify(range)} (file length ${source.text.length})`, text);
  if (start.line > end.line || (start.line === end.line && start.column > end.column)) fail(`${what}: range ends before it starts: ${JSON.stringify(range)}`, text);
  if (!samePosition(start, source.position(start.offset)) || !samePosition(end, source.position(end.offset)))
    fail(`${what}: line/column do not match the offset: ${JSON.stringify(range)}`, text);
}

export function checkDiagnostic(d: Diagnostic, r: CheckResult, text: string): void {
  const what = `diagnostic ${JSON.stringify(d.code)} (${JSON.stringify(d.message)})`;
  if (!Object.prototype.hasOwnProperty.call(CODES, d.code)) fail(`${what}: unknown code`, text);
  if (!SEVERITIES.has(d.severity) || d.severity !== CODES[d.code].severity) fail(`${what}: severity ${JSON.stringify(d.severity)}, expected ${CODES[d.code].severity}`, text);
  if (typeof d.message !== 'string' || d.message.trim() === '') fail(`${what}: empty message`, text);
  const file = r.files.get(d.file);
  if (!file) fail(`${what}: in a file that was not read: ${JSON.stringify(d.file)}`, text);
  checkRange(d.range, file.source, what, text);
  for (const rel of d.related ?? []) {
    const rf = r.files.get(rel.file);
    if (!rf) fail(`${what}: related location in a file that was not read: ${JSON.stringify(rel.file)}`, text);
    if (typeof rel.message !== 'string' || !rel.message) fail(`${what}: related location without a message`, text);
    checkRange(rel.range, rf.source, `${what}, related`, text);
  }
}

/** One simple household in the schema's JSON form (money in yuan): two adults and a child. */
function rawHousehold(region: string): Record<string, unknown> {
  return {
    household_id: 'h1',
    weight: 1,
    region,
    area: 'urban',
    hukou_local: true,
    residence_permit: false,
    financial_assets: 20000,
    vehicles: 0,
    houses: 1,
    medical_costs: 3000,
    education_costs: 1200,
    emergency_cost: 500,
    dibao_last_month: true,
    last_benefit: 800,
    grace_months_used: 2,
    members: [
      { person_id: 'p1', relation: 'head', age: 45, sex: 'male', co_resident: true, excluded_status: 'none', student: false, work_ability: 'full', disability_grade: 0, disability_type: 'none', catastrophic_illness: false, self_care: 'full', employed: true, wage_income: 2100.5, business_income: 0, property_income: 0, transfer_income: 0, basic_pension: 0, excluded_income: 0, has_capable_supporter: false },
      { person_id: 'p2', relation: 'spouse', age: 67, sex: 'female', co_resident: true, excluded_status: 'none', student: false, work_ability: 'none', disability_grade: 2, disability_type: 'physical', catastrophic_illness: true, self_care: 'partial', employed: false, wage_income: 0, business_income: 0, property_income: 50, transfer_income: 300, basic_pension: 200, excluded_income: 0, has_capable_supporter: false },
      { person_id: 'p3', relation: 'child', age: 9, sex: 'male', co_resident: true, excluded_status: 'none', student: true, work_ability: 'none', disability_grade: 0, disability_type: 'none', catastrophic_illness: false, self_care: 'full', employed: false, wage_income: 0, business_income: 0, property_income: 0, transfer_income: 0, basic_pension: 0, excluded_income: 0, has_capable_supporter: true },
    ],
  };
}

const householdCache = new Map<string, { raw: Record<string, unknown>; hh: Household }>();
export function household(region: string): { raw: Record<string, unknown>; hh: Household } {
  let h = householdCache.get(region);
  if (!h) {
    const raw = rawHousehold(region);
    const read = readHousehold(raw);
    if (!read.household) throw new Error(`the fuzz household does not fit the schema: ${JSON.stringify(read.problems)}`);
    h = { raw, hh: read.household };
    householdCache.set(region, h);
  }
  return h;
}

const DAY = 86_400_000;
/** A date inside the policy's effective period, chosen by `pick`. */
export function dateIn(ir: PolicyIR, pick: number): string {
  const from = Date.parse(ir.policy.effective.from);
  const to = ir.policy.effective.to ? Date.parse(ir.policy.effective.to) : from + 900 * DAY;
  if (!(to >= from)) return ir.policy.effective.from;
  const days = Math.floor((to - from) / DAY);
  return new Date(from + (pick % (days + 1)) * DAY).toISOString().slice(0, 10);
}

const JS_FAULTS: ErrorConstructor[] = [TypeError, ReferenceError, SyntaxError, RangeError, URIError, globalThis.EvalError];

export interface CaseStats {
  clean: number;
  evaluated: number;
}

/** Checks one text as the fuzzed file: every diagnostic well formed, an IR exactly when there is no error. */
export function checkCase(text: string): CheckResult {
  let r: CheckResult;
  try {
    r = checkPolicy(FILE, mapHost({ [FILE]: text, [FRAMEWORK]: FRAMEWORK_TEXT }));
  } catch (e) {
    fail('checkPolicy threw', text, e);
  }
  if (!Array.isArray(r.diagnostics)) fail('checkPolicy returned no diagnostics list', text);
  for (const d of r.diagnostics) checkDiagnostic(d, r, text);
  const hasError = r.diagnostics.some((d) => d.severity === 'error');
  if (hasError === !!r.ir) fail(hasError ? 'an IR despite errors' : 'no IR and no error', text);
  return r;
}

/** A policy that checks clean, evaluated by the interpreter (with an explanation, serialised): it may refuse the household only with an EvalError. */
export function interpretClean(ir: PolicyIR, text: string, pick: number, stats?: CaseStats, explain = false): void {
  const region = /^\d{6}$/.test(ir.policy.region) ? ir.policy.region : '310000';
  const { hh } = household(region);
  const date = dateIn(ir, pick);
  try {
    const r = evaluateHousehold(ir, hh, { date, explain });
    if (explain) JSON.stringify(r.explanation);
    if (stats) stats.evaluated++;
  } catch (e) {
    if (!(e instanceof EvalError)) fail(`the interpreter failed on ${date} with something else than an EvalError`, text, e);
  }
}

/**
 * A policy that checks clean, compiled: the module emits and instantiates (or the policy is refused
 * with compile-limit), and evaluates the household, refusing it only with a plain Error.
 */
export function compileClean(r: CheckResult, text: string, pick: number): void {
  const ir = r.ir!;
  let m;
  try {
    // Arithmetic too fine for exact compiled code is reported as a diagnostic (compile-limit).
    const c = compileIR(ir, r.files, { version: LANGUAGE_VERSION });
    if (!c.js) {
      for (const d of c.diagnostics) checkDiagnostic(d, r, text);
      if (c.diagnostics[0]?.code !== 'compile-limit') fail('no module and no compile-limit diagnostic', text);
      return;
    }
    m = instantiate(c.js);
  } catch (e) {
    fail('the policy checks cleanly but its compiled module does not emit or instantiate', text, e);
  }
  const region = /^\d{6}$/.test(ir.policy.region) ? ir.policy.region : '310000';
  const date = dateIn(ir, pick);
  try {
    m.evaluate(household(region).raw, { date });
  } catch (e) {
    // The compiled module refuses bad input or a conflict with a plain Error; anything else is a fault in the generated code.
    if (JS_FAULTS.some((C) => e instanceof C) || !(e instanceof Error)) fail(`the compiled module failed on ${date} with a JavaScript fault`, text, e);
  }
}

/** Checks one text; when it has no error, evaluates it with the interpreter and compiles and evaluates it. Throws a FuzzFailure on any fault. */
export function runCase(text: string, pick: number, stats?: CaseStats): void {
  const r = checkCase(text);
  if (!r.ir) return;
  if (stats) stats.clean++;
  interpretClean(r.ir, text, pick, stats);
  compileClean(r, text, pick);
}

/** Runs one case, returning its fault (a FuzzFailure) or undefined. Anything else is a fault of this test. */
export function attempt(text: string, pick: number, stats?: CaseStats, run: (text: string, pick: number, stats?: CaseStats) => void = runCase): FuzzFailure | undefined {
  try {
    run(text, pick, stats);
    return undefined;
  } catch (e) {
    if (e instanceof FuzzFailure) return e;
    throw e;
  }
}

