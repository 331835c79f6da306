/**
 * In-language tests → the IR's test cases: each test's date, settings, household (written inline
 * or read from a JSON file) and expected values, checked against the policy's names and types.
 * A test with a problem is reported and left out of the IR.
 */
import type * as A from '../ast/index.ts';
import type * as I from '../ir/types.ts';
import { T, type Type } from '../types/index.ts';
import { findField, readHousehold } from '../schema/index.ts';
import * as Q from '../numbers/rational.ts';
import type { CheckState } from './state.ts';
import type { Composition, Entry, FileInfo } from './compose.ts';
import type { ExprCtx, ValueInfo } from './context.ts';
import { validDate } from './constants.ts';
import { NO_FACTS } from './facts.ts';
import { exact } from './exactness.ts';
import { resolvePath, type SourceHost } from './host.ts';

/** What lowering tests needs of the expression checker. */
export interface ValueChecks {
  check(e: A.Expr, ctx: ExprCtx, expected?: Type): I.Expr;
  expectType(e: A.Expr, declared: Type, ctx: ExprCtx, what: string): I.Expr;
}

const isErr = (e: I.Expr): boolean => e.t.k === 'error';

export class TestLowering {
  constructor(
    private readonly s: CheckState,
    private readonly comp: Composition,
    private readonly host: SourceHost,
    private readonly ex: ValueChecks,
    private readonly info: (entry: Entry) => ValueInfo,
  ) {}

  private constant(e: A.Expr, t: Type | undefined, file: FileInfo, what: string, exactFen = true): I.Value | undefined {
    const ctx: ExprCtx = { file, level: 'constant', facts: NO_FACTS, deps: new Set(), inAggregate: false, owner: what };
    const x = t ? this.ex.expectType(e, t, ctx, what) : this.ex.check(e, ctx);
    if (isErr(x)) return undefined;
    if (x.k !== 'const') {
      this.s.report(file, 'type-mismatch', { what, expected: 'a constant value', found: 'an expression' }, e.span);
      return undefined;
    }
    if (exactFen && t?.k === 'money' && !exact(x, { param: () => true, def: () => true })) {
      this.s.report(file, 'money-not-exact', { what }, e.span);
      return undefined;
    }
    return x.v;
  }

  private recordToJson(r: A.RecordNode, file: FileInfo, level: 'household' | 'person'): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of r.fields) {
      const spec = findField(level, f.name.text);
      if (!spec) {
        this.s.report(file, 'test-household', { field: f.name.text, message: `is not a ${level} field of the schema` }, f.name.span);
        continue;
      }
      if (!spec.type) {
        const v = f.value.k === 'number' ? f.value.text : f.value.k === 'name' ? f.value.name.text : undefined;
        if (v !== undefined) out[spec.id] = v;
        continue;
      }
      // A region is written as its 6-digit code; a count of months may be written as a whole number.
      const t = spec.type.k === 'region' || (spec.type.k === 'months' && f.value.k === 'number') ? T.integer : spec.type;
      const v = this.constant(f.value, t, file, `${spec.id}`);
      if (v === undefined) continue;
      if (typeof v === 'boolean') out[spec.id] = v;
      else if (spec.type.k === 'money') out[spec.id] = Q.toDecimalString(Q.parseRational(v)!, 6);
      else if (spec.type.k === 'integer' || spec.type.k === 'months' || spec.type.k === 'number') out[spec.id] = Q.toNumber(Q.parseRational(v)!);
      else out[spec.id] = v;
    }
    if (level === 'household') out.members = r.members.map((m) => this.recordToJson(m, file, 'person'));
    else if (r.members.length) this.s.report(file, 'test-household', { field: 'member', message: 'a member has no members' }, r.members[0]!.span);
    return out;
  }

  run(): I.TestIR[] {
    const file = this.comp.file;
    const out: I.TestIR[] = [];
    const region = this.comp.header.region;
    for (const t of file.parsed.ast.tests) {
      const before = this.s.diagnostics.length;
      const at = this.s.at(file, t.span);
      if (!t.date) this.s.report(file, 'test-no-date', {}, t.name.span);
      else if (!validDate(t.date.value)) this.s.report(file, 'bad-literal', { message: `${t.date.value} is not a calendar date` }, t.date.span);
      else if (!t.expectError) {
        const eff = this.comp.header.effective;
        if (eff && (t.date.value < eff.from || (eff.to && t.date.value > eff.to)))
          this.s.report(file, 'date-out-of-range', { message: `${this.comp.header.id} is in force from ${eff.from}${eff.to ? ` to ${eff.to}` : ''}; ${t.date.value} is outside that` }, t.date.span);
      }
      const sets: { id: string; value: I.Value }[] = [];
      for (const st of t.sets) {
        const entry = this.s.valueByName.get(st.name.text);
        if (!entry || entry.decl.kind === 'definition') {
          this.s.report(file, 'test-unknown-name', { name: st.name.text, why: entry ? 'is a definition; set parameters and inputs' : 'is no parameter or input of this policy' }, st.name.span);
          continue;
        }
        const info = this.info(entry);
        // A parameter given per enum value is set as a whole: every entry takes the value.
        const v = this.constant(st.value, info.type, file, `the value of ${st.name.text}`);
        if (v !== undefined) sets.push({ id: info.id, value: v });
      }
      let household: I.TestIR['household'] | undefined;
      if (!t.household) this.s.report(file, 'test-no-household', {}, t.name.span);
      else {
        let raw: unknown;
        let lenient = true;
        const span = t.householdSpan ?? t.span;
        if ('from' in t.household) {
          lenient = false;
          const path = resolvePath(file.path, t.household.from.value);
          const text = this.host.read(path);
          if (text === undefined) this.s.report(file, 'file-not-found', { path: t.household.from.value, reason: '' }, t.household.from.span);
          else {
            try {
              raw = JSON.parse(text);
            } catch (err) {
              this.s.report(file, 'test-household', { field: t.household.from.value, message: `is not valid JSON: ${(err as Error).message}` }, t.household.from.span);
            }
          }
        } else raw = this.recordToJson(t.household.record, file, 'household');
        if (raw !== undefined && this.s.diagnostics.length === before) {
          const r = readHousehold(raw, { lenient, defaultRegion: region });
          for (const p of r.problems) this.s.report(file, 'test-household', { field: p.field || '(household)', message: p.message }, 'from' in t.household ? t.household.from.span : span);
          if (r.household) household = { values: r.household.values, members: r.household.members };
        }
      }
      const expects: { id: string; value: I.Value; at: I.At }[] = [];
      for (const x of t.expects) {
        const entry = this.s.valueByName.get(x.name.text);
        const info = entry && this.info(entry);
        if (!entry || !info || info.kind !== 'def' || info.level !== 'household') {
          const why = !entry ? (findField('household', x.name.text) || findField('person', x.name.text) ? 'is an input field; expect outputs or household definitions' : 'is no output or definition of this policy') : info?.kind === 'def' ? 'is person-level; expect household-level outputs or definitions' : 'is a parameter; expect outputs or household definitions';
          this.s.report(file, 'test-unknown-name', { name: x.name.text, why }, x.name.span);
          continue;
        }
        // An expected value is compared exactly; it may be a fraction (¥1000 / 3).
        const v = this.constant(x.value, info.type, file, `the expected ${x.name.text}`, false);
        if (v !== undefined) expects.push({ id: info.id, value: v, at: this.s.at(file, x.span) });
      }
      if (t.expectError && !['error', '错误'].includes(t.expectError.word.text))
        this.s.report(file, 'syntax', { message: `expect "${t.expectError.text}" needs the word error: expect error "${t.expectError.text}"` }, t.expectError.word.span);
      if (t.expectError && t.expects.length) this.s.report(file, 'test-unknown-name', { name: 'expect error', why: 'cannot be combined with expected values: a failing evaluation has none' }, t.expectError.span);
      if (!t.expects.length && !t.expectError) this.s.report(file, 'test-no-expect', {}, t.name.span);
      if (household && t.date && this.s.diagnostics.length === before)
        out.push({ name: t.name.value, cite: this.s.cites(file, t.cites), date: t.date.value, sets, household, expects, ...(t.expectError ? { expectError: t.expectError.text } : {}), file: file.path, at });
    }
    return out;
  }
}
