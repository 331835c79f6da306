/**
 * Nothing in a policy source reaches generated code except as data. Policies whose free text is
 * hostile (quotes, backslashes, backticks, `${…}`, comment terminators, </script>, line breaks and
 * line separators, NUL, lone surrogates, prototype keys, very long text) in every place a source
 * has free text — the policy label, document keys and titles, citations, labels of parameters,
 * inputs, enums, enum values, definitions and region blocks, test names, comments, file paths —
 * must compile to a module that
 *   (a) parses (instantiate's `new Function`; and as a real ES module file in Node),
 *   (b) runs without touching globals or Object.prototype,
 *   (c) gives every hostile text back exactly, as data,
 *   (d) is, once its JSON string literals and `//` comments are removed, the very code emitted for
 *       the same policy with every free text replaced by a plain word;
 * and TypeScript declarations whose `/** … *\/` comments the text cannot close.
 * Identifiers are only ever emitted when they match a strict pattern: names that are JavaScript
 * keywords, module internals, Chinese, or very long must compile; names that are properties of every
 * object are refused (`reserved-name`); literals beyond the exact range are refused (`bad-literal`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, it, expect, afterAll } from 'vitest';
import {
  checkPolicy,
  mapHost,
  resolvePath,
  emitModule,
  compileIR,
  emitDeclarations,
  instantiate,
  evaluateHousehold,
  readHousehold,
  runTests,
  EvalError,
  LANGUAGE_VERSION,
  rational as Q,
  type CheckResult,
  type CompiledPolicy,
  type Household,
  type PolicyIR,
  type Scalar,
} from '../../language/index.ts';
import { check, rules, codes, formatAll, expectClean, expectDiagnostic, HEADER } from '../support/policies.ts';

// ---------------------------------------------------------------- hostile text

const PAYLOAD = 'globalThis.pwned = 1; Object.prototype.polluted = 1;';

/** Free texts that would change the program if they ever reached code, a comment's end or a template. */
const HOSTILE: Record<string, string> = {
  'double and single quotes': `he said "stop" and 'go' "); ${PAYLOAD} ("`,
  'closing a JSON literal': `"}]; ${PAYLOAD} [{"a":"`,
  'closing a single-quoted string': `'); ${PAYLOAD} ('`,
  backslashes: String.raw`C:\new\table\ \" \\" \u0041 \x41 \u2028 ends with a backslash \\`,
  'backticks and template': '`${' + PAYLOAD + '}` ${globalThis.pwned = 1}',
  'comment terminators': `*/ ${PAYLOAD} /* // **/ /** */`,
  '</script>': `</script><script>${PAYLOAD}</script><!-- --> <![CDATA[ ]]>`,
  'HTML-like comments': `--> ${PAYLOAD} <!--`,
  'real newlines (from \\n escapes)': `one\n${PAYLOAD}\n// three\r\n*/ four\r${PAYLOAD}`,
  'line separator U+2028': `a\u2028${PAYLOAD}\u2028// b`,
  'paragraph separator U+2029': `a\u2029${PAYLOAD}\u2029`,
  NUL: `a\u0000b\u0000${PAYLOAD}\u0000`,
  'control characters': '\u0001\u0007\b\t\u000b\f\u001b[31m\u007f\u0085\u00a0\u200b\u200e\u202e reversed',
  'lone surrogates': '\ud800 \udfff \udc00\ud800 \ud83d',
  __proto__: '__proto__',
  constructor: 'constructor',
  'prototype JSON': `{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}`,
  'full-width and CJK': '\ufeff全角：“引号”（括号）【方括号】，、。；＃ ＂ ＇ ｀ ￥１２３',
  'unicode escapes as text': String.raw`\u0022); ${PAYLOAD} //\u000a`,
  'very long': 'x'.repeat(4000) + `*/ ${PAYLOAD} /*` + '长'.repeat(3000) + '\n'.repeat(50) + '"'.repeat(100),
};

const PLAIN = 'plain';

/** A Doudi string literal whose value is exactly `s` (the AST reads "…" literals as JSON). */
const str = (s: string): string => JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
/** Text without line breaks: what a comment, a citation or a “…” literal can hold as written. */
const oneLine = (s: string): string => s.replace(/[\r\n\u2028\u2029]/g, ' ');
/** A “…” literal (no escapes) holding `s` minus its closing quotes and line breaks. */
const curlyText = (s: string): string => oneLine(s).replace(/”/g, '"');
/** Citation text: no brackets, no line breaks; wrapped so that trimming changes nothing. */
const citeText = (s: string): string => `<${oneLine(s).replace(/[[\]]/g, '|')}>`;
/** A document key that a citation can name: no whitespace, §, brackets or line breaks. */
const keyText = (s: string): string => 'k' + s.replace(/[\s§[\]【】]/g, '');

/** Where the free text of a hostile policy goes, and what must come back out. */
interface Texts {
  label(slot: string): string;
  curly(slot: string): string;
  readonly key: string;
  readonly title: string;
  readonly cite: string;
  readonly comment: string;
}

function texts(h: string): Texts {
  return {
    label: (slot) => `${h} ${slot}`,
    curly: (slot) => `${curlyText(h)} ${slot}`,
    key: keyText(h),
    title: h,
    cite: citeText(h),
    comment: oneLine(h),
  };
}

/** A policy with free text in every place a source has some. Its line structure does not depend on the text. */
function hostilePolicy(t: Texts): string {
  const S = (slot: string) => str(t.label(slot));
  const C = (slot: string) => `“${t.curly(slot)}”`;
  return `# ${t.comment}
// ${t.comment}
policy t ${S('policy')} [assumption: ${t.cite}] # ${t.comment}
  region 310000 ${S('region')}
  effective from 2024-01-01
  document ${str(t.key)} ${str(t.title)}
  document "plain" ${S('title')}

# ${t.comment}
parameter standard ${S('parameter')} : money/month [${t.key} §${t.cite}] [assumption: ${t.cite}]
  from 2024-01-01 = ¥1000 [${t.key} §1] # ${t.comment}
  region 310100 ${C('block')}:
    from 2024-01-01 = ¥1100 [assumption: ${t.cite}] // ${t.comment}

input bonus ${S('input')} : rate = 0% [assumption: ${t.cite}]

enum level ${S('enum')} [assumption: ${t.cite}] { low ${C('low')}, high ${S('high')} }

person adult ${S('person')} : bool [assumption: ${t.cite}] = age >= 18 # ${t.comment}
household n ${S('household')} : integer [plain §1] = count(members where adult)
output benefit ${S('output')} : money/month [${t.key} §${t.cite}] [assumption: ${t.cite}] =
  if n > 0 then round((standard - ¥100) * n * (100% + bonus), ¥1) else ¥0 // ${t.comment}
  exception many [assumption: ${t.cite}] when n > 5 then ¥1
output status ${S('status')} : level [plain] = if benefit > ¥0 then high else low
output clash ${C('clash')} : integer [plain] = 0
  exception a [${t.key} §${t.cite}] when n > 2 then 1
  exception b [plain] when n > 3 then 2

test ${S('test')} [assumption: ${t.cite}]
  date 2024-06-01
  household {
    member { age: 30 } # ${t.comment}
    member { age: 10 }
  }
  expect n = 1
  expect benefit = ¥900
`;
}

// ---------------------------------------------------------------- households

function rawHousehold(ages: readonly number[], region = '310000'): Record<string, unknown> {
  return {
    household_id: 'h1',
    weight: 1,
    region,
    area: 'urban',
    hukou_local: true,
    residence_permit: false,
    financial_assets: 1000,
    vehicles: 0,
    houses: 1,
    medical_costs: 0,
    education_costs: 0,
    emergency_cost: 0,
    dibao_last_month: false,
    last_benefit: 0,
    grace_months_used: 0,
    members: ages.map((age, i) => ({
      person_id: `p${i + 1}`,
      relation: i === 0 ? 'head' : 'child',
      age,
      sex: i % 2 ? 'female' : 'male',
      co_resident: true,
      excluded_status: 'none',
      student: age < 18,
      work_ability: 'full',
      disability_grade: 0,
      disability_type: 'none',
      catastrophic_illness: false,
      self_care: 'full',
      employed: age >= 18,
      wage_income: age >= 18 ? 1234.5 : 0,
      business_income: 0,
      property_income: 0,
      transfer_income: 0,
      basic_pension: 0,
      excluded_income: 0,
      has_capable_supporter: false,
    })),
  };
}

function normalised(raw: Record<string, unknown>): Household {
  const r = readHousehold(raw);
  if (!r.household) throw new Error(`test household does not fit the schema: ${JSON.stringify(r.problems)}`);
  return r.household;
}

// ---------------------------------------------------------------- (a), (b): compile and run without side effects

const anyGlobal = globalThis as Record<string, unknown>;
const WATCHED: readonly object[] = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype, Boolean.prototype];

/** Runs `f` and fails if it left anything on globalThis or on a built-in prototype. */
function inert<T>(f: () => T): T {
  delete anyGlobal.pwned;
  const before = WATCHED.map((o) => Reflect.ownKeys(o));
  const globals = new Set(Reflect.ownKeys(globalThis));
  const result = f();
  expect(anyGlobal.pwned, 'globalThis.pwned').toBeUndefined();
  expect(({} as Record<string, unknown>).polluted, 'Object.prototype.polluted').toBeUndefined();
  WATCHED.forEach((o, i) => expect(Reflect.ownKeys(o), 'a built-in prototype changed').toEqual(before[i]));
  expect(Reflect.ownKeys(globalThis).filter((k) => !globals.has(k)), 'new globals').toEqual([]);
  return result;
}

const emit = (ir: PolicyIR): string => emitModule(ir, { version: LANGUAGE_VERSION });

/** Emits, instantiates and evaluates households through the compiled module, with nothing leaking out. */
function compileInert(ir: PolicyIR, households: readonly Record<string, unknown>[] = [rawHousehold([30, 10])], date = '2024-06-01'): { source: string; m: CompiledPolicy; results: ({ outputs: Record<string, unknown> } | Error)[] } {
  return inert(() => {
    const source = emit(ir);
    const m = instantiate(source);
    const results = households.map((hh) => {
      try {
        return m.evaluate(hh, { date });
      } catch (e) {
        if (!(e instanceof Error) || e.constructor !== Error) throw e; // a TypeError or a SyntaxError is a fault of the generated code
        return e;
      }
    });
    return { source, m, results };
  });
}

/** The interpreter's value and the compiled module's are the same (money in yuan there). */
function expectSameValue(id: string, exact: Scalar, compiled: unknown): void {
  if (typeof exact !== 'object') return void expect(compiled, id).toBe(exact);
  expect(typeof compiled, id).toBe('number');
  const want = Q.toNumber(exact);
  expect(Math.abs((compiled as number) - want), `${id}: compiled ${String(compiled)}, exact ${Q.toText(exact)}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
}

/** Compiles, evaluates one household both ways and compares every output. */
function agreeOn(ir: PolicyIR, ages: readonly number[] = [30, 10], date = '2024-06-01'): Record<string, unknown> {
  const raw = rawHousehold(ages, ir.policy.region);
  const { results } = compileInert(ir, [raw], date);
  const compiled = results[0]!;
  let exact: Record<string, Scalar> | undefined;
  try {
    exact = inert(() => evaluateHousehold(ir, normalised(raw), { date }).values);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
  }
  expect(compiled instanceof Error, `interpreter ${exact ? 'succeeded' : 'failed'}, compiled ${compiled instanceof Error ? `failed: ${compiled.message}` : 'succeeded'}`).toBe(!exact);
  if (!exact || compiled instanceof Error) return {};
  for (const id of ir.outputs) expectSameValue(id, exact[id]!, compiled.outputs[id]);
  return compiled.outputs;
}

// ---------------------------------------------------------------- (d): code without its data

const LINE_END = /[\n\r\u2028\u2029]/;

/**
 * Splits generated JavaScript into code, JSON string literals and `//` comments. Single-quoted
 * strings and block comments (the module's own, fixed text) stay in the code. Every double-quoted
 * literal found must be valid JSON, which checks that the scan stays in step with the code.
 */
function splitCode(js: string): { code: string; strings: string[]; comments: string[] } {
  let code = '';
  const strings: string[] = [];
  const comments: string[] = [];
  let i = 0;
  while (i < js.length) {
    const c = js[i]!;
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < js.length && js[j] !== c) {
        if (LINE_END.test(js[j]!)) throw new Error(`a line break inside a string literal at ${j}: ${JSON.stringify(js.slice(Math.max(0, j - 80), j + 20))}`);
        j += js[j] === '\\' ? 2 : 1;
      }
      if (j >= js.length) throw new Error(`unterminated string literal at ${i}`);
      const lit = js.slice(i, j + 1);
      if (c === '"') {
        strings.push(JSON.parse(lit) as string);
        code += '""';
      } else code += lit;
      i = j + 1;
    } else if (c === '/' && js[i + 1] === '/') {
      let j = i;
      while (j < js.length && !LINE_END.test(js[j]!)) j++;
      comments.push(js.slice(i, j));
      i = j;
    } else if (c === '/' && js[i + 1] === '*') {
      const j = js.indexOf('*/', i + 2);
      if (j < 0) throw new Error(`unterminated block comment at ${i}`);
      code += js.slice(i, j + 2);
      i = j + 2;
    } else {
      code += c;
      i++;
    }
  }
  return { code, strings, comments };
}

/** Declarations without their doc comments, `//` comments and string literals; and the doc comments. */
function splitDeclarations(dts: string): { code: string; docs: string[] } {
  const docs: string[] = [];
  const lines = dts.split('\n').map((line) => {
    const m = /^(\s*)\/\*\* (.*) \*\/$/.exec(line);
    if (m) {
      docs.push(m[2]!);
      return `${m[1]}/** */`;
    }
    return line;
  });
  return { code: splitCode(lines.join('\n')).code, docs };
}

// ================================================================ the tests

describe('hostile free text reaches generated code only as data', () => {
  const plainResult = check(hostilePolicy(texts(PLAIN)));
  const plainIR = expectCleanOrThrow(plainResult);
  const plainCode = splitCode(emit(plainIR)).code;
  const plainDecl = splitDeclarations(emitDeclarations(plainIR)).code;

  function expectCleanOrThrow(r: CheckResult): PolicyIR {
    const errors = r.diagnostics.filter((d) => d.severity !== 'info');
    if (errors.length || !r.ir) throw new Error(`expected no diagnostics; got:\n${formatAll(r)}`);
    return r.ir;
  }

  it('the plain policy checks, passes its own test and evaluates', () => {
    const report = runTests(plainIR);
    expect(report.results.map((x) => [x.name, x.ok, x.error])).toEqual([[`${PLAIN} test`, true, undefined]]);
    expect(agreeOn(plainIR)).toMatchObject({ benefit: 900, status: 'high', clash: 0 });
  });

  for (const [name, h] of Object.entries(HOSTILE)) {
    describe(name, () => {
      const t = texts(h);
      const source = hostilePolicy(t);
      const r = check(source);

      it('checks cleanly, keeps every text exactly in the IR and passes its own test', () => {
        const ir = expectClean(r);
        expect(ir.policy.label).toBe(t.label('policy'));
        expect(ir.policy.cite).toEqual([{ assumption: t.cite }]);
        expect(ir.documents).toEqual([
          { key: t.key, title: t.title, policy: 't' },
          { key: 'plain', title: t.label('title'), policy: 't' },
        ]);
        const standard = ir.parameters.find((p) => p.id === 'standard')!;
        expect(standard.label).toBe(t.label('parameter'));
        expect(standard.regions.map((x) => x.label)).toEqual([t.curly('block')]);
        expect(standard.cite).toEqual([{ doc: t.key, locator: `§${t.cite}`, title: t.title }, { assumption: t.cite }]);
        expect(ir.parameters.find((p) => p.id === 'bonus')!.label).toBe(t.label('input'));
        const level = ir.enums.find((e) => e.id === 'level')!;
        expect([level.label, ...level.values.map((v) => v.label)]).toEqual([t.label('enum'), t.curly('low'), t.label('high')]);
        const labels = Object.fromEntries(ir.definitions.map((d) => [d.id, d.label]));
        expect(labels).toMatchObject({ adult: t.label('person'), n: t.label('household'), benefit: t.label('output'), status: t.label('status'), clash: t.curly('clash') });
        expect(ir.tests.map((x) => x.name)).toEqual([t.label('test')]);
        const report = runTests(ir);
        expect(report.results.map((x) => [x.name, x.ok, x.error])).toEqual([[t.label('test'), true, undefined]]);
      });

      it('(a, b) compiles to a module that instantiates and evaluates without side effects', () => {
        const ir = expectClean(r);
        const out = agreeOn(ir);
        expect(out).toMatchObject({ benefit: 900, status: 'high', clash: 0 });
        // a conflict: the site's message is data too
        const { m, results } = compileInert(ir, [rawHousehold([30, 31, 32, 33])]);
        const err = results[0];
        expect(err).toBeInstanceOf(Error);
        const site = m.SITES.find((s) => s.message === (err as Error).message)!;
        expect(site).toMatchObject({ kind: 'exception', definition: 'clash', file: 'test.doudi' });
      });

      it('(c) gives the texts back exactly, as data', () => {
        const ir = expectClean(r);
        const { m } = compileInert(ir);
        expect(m.policy.label).toBe(t.label('policy'));
        expect((m.policy as unknown as { documents: unknown }).documents).toEqual([
          { key: t.key, title: t.title, policy: 't' },
          { key: 'plain', title: t.label('title'), policy: 't' },
        ]);
        const outputs = Object.fromEntries(m.outputs.map((o) => [o.id, { label: o.label, cite: o.cite }]));
        expect(outputs).toEqual({
          benefit: { label: t.label('output'), cite: [`${t.key} §${t.cite}`, `assumption: ${t.cite}`] },
          status: { label: t.label('status'), cite: ['plain'] },
          clash: { label: t.curly('clash'), cite: ['plain'] },
        });
      });

      it('(d) changes nothing but string literals and comments', () => {
        const ir = expectClean(r);
        const js = emit(ir);
        const split = splitCode(js);
        expect(split.code).toBe(plainCode);
        // every comment stayed one line, and the texts are in the data
        for (const c of split.comments) expect(c).not.toMatch(LINE_END);
        expect(split.strings).toContain(t.label('policy'));
        expect(split.strings).toContain(t.title);
        const dts = emitDeclarations(ir);
        const decl = splitDeclarations(dts);
        expect(decl.code).toBe(plainDecl);
        expect(dts.split('\n').length).toBe(emitDeclarations(plainIR).split('\n').length);
        for (const doc of decl.docs) expect(doc, 'a doc comment closed early').not.toContain('*/');
        // every line that opens a doc comment closes it on the same line
        for (const line of dts.split('\n')) if (line.includes('/**')) expect(line).toMatch(/^\s*\/\*\* (?:(?!\*\/).)* \*\/$/);
      });
    });
  }

  it('a hostile entry file path and a hostile base file path are data too', () => {
    for (const h of Object.values(HOSTILE)) {
      const basePath = oneLine(h).replace(/\.\.|[/\\]/g, '_') + '.doudi';
      const base = `policy basis "basis"\n  region 310000\n  effective from 2024-01-01\n  document "d" "doc"\noutput twice "twice" : integer [d] = 0\n  exception a [d] when count(members) > 2 then 1\n  exception b [d] when count(members) > 3 then 2\n`;
      const derived = (p: string) => `policy derived "derived" extends ${str(p)}\noutput one "one" : integer [d] = 1\n`;
      const entry = `entry ${oneLine(h).replace(/\.\.|[/\\]/g, '_')}.doudi`;
      const run = (entryPath: string, bp: string) => {
        const key = resolvePath(entryPath, bp);
        const r = checkPolicy(entryPath, mapHost(new Map([[entryPath, derived(bp)], [key, base]])));
        if (!r.ir) throw new Error(formatAll(r));
        return { ir: r.ir, key };
      };
      const hostile = run(entry, basePath);
      const plain = run('entry plain.doudi', 'plain.doudi');
      expect(hostile.ir.policy.file).toBe(entry);
      expect(hostile.ir.policy.chain.map((c) => c.file)).toEqual([entry, hostile.key]);
      const { m, results } = compileInert(hostile.ir, [rawHousehold([30]), rawHousehold([30, 31, 32, 33])]);
      expect((m.policy as unknown as { chain: unknown }).chain).toEqual([{ id: 'derived', file: entry }, { id: 'basis', file: hostile.key }]);
      expect(results[0]).toEqual({ outputs: expect.objectContaining({ one: 1, twice: 0 }) });
      const site = m.SITES.find((s) => s.message === (results[1] as Error).message)!;
      expect(site).toMatchObject({ definition: 'twice', file: hostile.key });
      expect(splitCode(emit(hostile.ir)).code).toBe(splitCode(emit(plain.ir)).code);
    }
  });
});

describe('names', () => {
  const PROPERTY_NAMES = ['__proto__', 'constructor', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__'];
  const DECLARATIONS: Record<string, (n: string) => string> = {
    parameter: (n) => `parameter ${n} "参数 甲" : integer [d]\n  from 2024-01-01 = 1\n`,
    input: (n) => `input ${n} "输入 甲" : integer = 0 [d]\n`,
    person: (n) => `person ${n} "个人 甲" : integer [d] = age\n`,
    household: (n) => `household ${n} "家庭 甲" : integer [d] = count(members)\n`,
    output: (n) => `output ${n} "输出 甲" : integer [d] = 1\n`,
    enum: (n) => `enum ${n} "枚举 甲" { a, b }\n`,
  };

  it('names of properties every object has are refused as declaration names (reserved-name)', () => {
    for (const n of PROPERTY_NAMES)
      for (const [kind, decl] of Object.entries(DECLARATIONS)) {
        const r = check(HEADER + decl(n));
        const d = expectDiagnostic(r, 'reserved-name', { line: 5, column: decl(n).indexOf(n) + 1 });
        expect(d.message, `${kind} ${n}`).toContain(n);
        expect(r.ir, `${kind} ${n}`).toBeUndefined();
      }
  });

  it('property names where a policy may use them as data (enum values, exception labels, document keys, test names, the policy id) are refused or stay data', () => {
    for (const n of PROPERTY_NAMES) {
      const text = `policy ${n} "策略 甲"
  region 310000
  effective from 2024-01-01
  document ${str(n)} "文件 甲"
enum kind "类别 甲" { ${n} "值 甲", other "值 乙" }
parameter rate_by "比率 甲" : number by kind [${n}]
  from 2024-01-01 = { ${n}: 2, other: 3 }
household pick "选择 甲" : kind [${n} §1] = if count(members) > 1 then kind.${n} else other
output chosen "输出 甲" : kind [${n}] = match pick { ${n} => kind.${n}, otherwise => other }
output value "输出 乙" : number [${n}] = rate_by(pick) + rate_by(kind.${n})
  exception ${n} [${n}] when count(members) > 5 then 0
test ${str(n)} [${n}]
  date 2024-06-01
  household { member { age: 3 } member { age: 40 } }
  expect chosen = ${n}
  expect value = 4
`;
      const r = check(text);
      if (!r.ir) {
        expect(codes(r).length, `${n}: refused without a diagnostic`).toBeGreaterThan(0);
        continue;
      }
      const ir = r.ir;
      expect(runTests(ir).results.map((x) => [x.name, x.ok, x.error])).toEqual([[n, true, undefined]]);
      const out = agreeOn(ir, [3, 40]);
      expect(out, n).toEqual({ chosen: n, value: 4 });
      expect(agreeOn(ir, [40]), n).toEqual({ chosen: 'other', value: 5 });
      expect(agreeOn(ir, [1, 2, 3, 4, 5, 6]), n).toEqual({ chosen: n, value: 0 });
    }
  });

  it('a label that is a property name is an alias at most, and stays data', () => {
    for (const n of PROPERTY_NAMES) {
      const r = rules`output o "${n}" : integer [d] = 1
output p "输出 乙" : integer [d] = ${n} + 1
`;
      if (!r.ir) {
        expect(codes(r).length).toBeGreaterThan(0);
        continue;
      }
      expect(agreeOn(r.ir), n).toEqual({ o: 1, p: 2 });
      expect(compileInert(r.ir).m.outputs[0]!.label).toBe(n);
    }
  });

  /** JavaScript keywords and globals, the generated module's own names, Chinese and very long names. */
  const NAMES = [
    'function', 'return', 'this', 'eval', 'arguments', 'let', 'var', 'const', 'class', 'new', 'delete', 'typeof', 'instanceof', 'void', 'with', 'yield', 'await',
    'static', 'debugger', 'super', 'import', 'export', 'null', 'undefined', 'NaN', 'Infinity', 'globalThis', 'Object', 'Math', 'Function', 'require', 'process', 'prototype',
    'h', 'p', 'j', 'r', 'ps', 'pe', 'err', 'errors', 'DAY', 'MS', 'slot', 'E', 'pop', 'out', 'params', 'regions', 'N', 'D', 'day', 'maxMembers', 'ok', 'values',
    'gcd', 'divFloor', 'roundSteps', 'parseFraction', 'dayNumber', 'evaluate', 'evaluateBatch', 'readHousehold', 'regionsOf', 'resolveParameters', 'allocateOutputs',
    'regionBlock', 'settingValue', 'readValue', 'readRecord', 'outputs', 'SITES', 'PARAMS', 'FIELDS', 'FORMULAS', 't0', 't1d', 't0f', 'pn_x', 'PN_x', 'h_x', 's_x', 'v_x', 'O_x', 'H_age', 'P_age',
    '低保标准', '最低生活保障金额', '㐀', '䶿', '一', '鿿', '豈', '﨩', '中文_name_混合', '_', '__', '_0',
    'a'.repeat(63), 'b'.repeat(64), 'c'.repeat(65), 'd'.repeat(300), '长'.repeat(200),
  ];

  /** Four policies per name: as a parameter, enum, enum value and exception label; as a person, a household and an output definition. */
  const ROLES: Record<string, (n: string) => string> = {
    'parameter, enum, enum value, exception label': (n) => `parameter ${n} "参数 甲" : money/month [d]
  from 2024-01-01 = ¥1000
enum ${n} "枚举 甲" { ${n} "值 甲", other "值 乙" }
household pick "选择 甲" : ${n} [d] = if count(members) > 1 then ${n}.${n} else other
output o "输出 甲" : money/month [d] = ${n} * count(members)
  exception ${n} [d] when count(members) > 3 then ¥0
output o2 "输出 乙" : ${n} [d] = pick
`,
    person: (n) => `person ${n} "个人 甲" : money/month [d] = wage_income + ¥1
output o "输出 甲" : money/month [d] = sum(members: ${n})
`,
    household: (n) => `household ${n} "家庭 甲" : integer [d] = count(members)
household ratio "比 甲" : number [d] = if ${n} > 0 then 1 / ${n} else 0
output o "输出 甲" : integer [d] = ${n} + 1
output o2 "输出 乙" : number [d] = ratio
`,
    output: (n) => `output ${n} "输出 甲" : integer [d] = count(members)
`,
  };

  it('JavaScript keywords, globals, the module\'s own names, Chinese and very long names compile and evaluate', () => {
    const failures: string[] = [];
    for (const n of NAMES)
      for (const [role, decl] of Object.entries(ROLES)) {
        const r = check(HEADER + decl(n));
        if (!r.ir) {
          failures.push(`${n} as ${role} does not check:\n${formatAll(r)}`);
          continue;
        }
        try {
          for (const ages of [[30, 10], [30, 31, 32, 33]]) agreeOn(r.ir, ages);
        } catch (e) {
          failures.push(`${n} as ${role}: ${(e as Error).message.split('\n')[0]}`);
        }
      }
    expect(failures).toEqual([]);
  });

  it('every identifier the lexer accepts compiles: all CJK compatibility ideographs U+F900–U+FAFF', () => {
    const chars = Array.from({ length: 0xfaff - 0xf900 + 1 }, (_, i) => String.fromCharCode(0xf900 + i));
    const bad: string[] = [];
    for (const ch of chars) {
      const r = check(HEADER + `output x${ch} "输出 甲" : integer [d] = count(members)\n`);
      if (!r.ir) continue; // refused by the checker: fine
      try {
        agreeOn(r.ir);
      } catch {
        bad.push(`U+${ch.charCodeAt(0).toString(16).toUpperCase()}`);
      }
    }
    expect(bad, 'names that check cleanly but whose compiled module does not run').toEqual([]);
  });

  it('an identifier with an unassigned compatibility ideograph (U+FA6E) is refused or compiles', () => {
    const r = check(HEADER + 'output a\uFA6E "输出 甲" : integer [d] = 1\n');
    if (r.ir) expect(() => compileInert(r.ir!)).not.toThrow();
    else expect(codes(r).length).toBeGreaterThan(0);
  });

  /**
   * A fraction whose denominator is known only at run time is kept as two JavaScript values, the
   * second named like the first plus "d"; a definition named like that must not collide with it.
   */
  it('a definition whose name is another one\'s plus "d" compiles and agrees with the interpreter', () => {
    const cases: Record<string, string> = {
      'person level, in one member loop': `person q "个人 甲" : number [d] = if age > 0 then 1 / age else 0
person qd "个人 乙" : integer [d] = age
output o "输出 甲" : number [d] = sum(members: q + q + q + qd + qd + qd)
`,
      'person level, kept per member for a later loop': `person q "个人 甲" : number [d] = if age > 0 then 1 / age else 0
person qd "个人 乙" : integer [d] = age
output o "输出 甲" : number [d] = sum(members: q + q + q) + sum(members: qd + qd + qd)
`,
      'household level, a constant': `household n "家庭 甲" : integer [d] = count(members)
household r "家庭 乙" : number [d] = if n > 0 then 1 / n else 0
household rd "家庭 丙" : integer [d] = 2
output o "输出 甲" : number [d] = r + rd
`,
      'household level, per household': `household n "家庭 甲" : integer [d] = count(members)
household r "家庭 乙" : number [d] = if n > 0 then 1 / n else 0
household rd "家庭 丙" : integer [d] = n + 1
output o "输出 甲" : number [d] = r + rd
`,
    };
    const failures: string[] = [];
    for (const [what, text] of Object.entries(cases)) {
      const ir = expectClean(check(HEADER + text));
      for (const ages of [[30], [30, 10], [30, 31, 32, 33]])
        try {
          agreeOn(ir, ages);
        } catch (e) {
          failures.push(`${what}, ${ages.length} member(s): ${(e as Error).name}: ${(e as Error).message.split('\n')[0]}`);
          break;
        }
    }
    expect(failures).toEqual([]);
  });
});

describe('numbers', () => {
  const D400 = '1' + '0'.repeat(400);
  const F400 = '0.' + '3'.repeat(400);
  const HUGE = ['99999999999999999999', D400, F400, '9007199254740993', '123456789012345678', '0.' + '0'.repeat(20) + '1'];
  /** Every place a number literal can stand, with `#` for the literal. */
  const PLACES: Record<string, string> = {
    money: 'output o "输出 甲" : money [d] = ¥#\n',
    'money in 元': 'output o "输出 甲" : money [d] = #元\n',
    number: 'output o "输出 甲" : number [d] = #\n',
    percent: 'output o "输出 甲" : rate [d] = #%\n',
    months: 'output o "输出 甲" : months [d] = # months\n',
    comparison: 'output o "输出 甲" : bool [d] = count(members) > #\n',
    'parameter value': 'parameter p "参数 甲" : money/month [d]\n  from 2024-01-01 = ¥#\noutput o "输出 甲" : money/month [d] = p\n',
    'indexed parameter value': 'parameter p "参数 甲" : number by area [d]\n  from 2024-01-01 = { urban: #, rural: 1 }\noutput o "输出 甲" : number [d] = p(area)\n',
    'input default': 'input i "输入 甲" : number = # [d]\noutput o "输出 甲" : number [d] = i\n',
    'rounding step': 'output o "输出 甲" : money/month [d] = round(sum(members: wage_income), ¥#)\n',
    'table cell': 'output o "输出 甲" : integer [d] =\n  table first (count(members))\n    | >= # => 1\n    else 0\n',
    'test expectation': 'output o "输出 甲" : number [d] = 1\ntest "t" [d]\n  date 2024-06-01\n  household { member { age: 30 } }\n  expect o = #\n',
    'test household value': 'output o "输出 甲" : integer [d] = 1\ntest "t" [d]\n  date 2024-06-01\n  household { member { wage_income: ¥# } }\n  expect o = 1\n',
    'test setting': 'input i "输入 甲" : number = 0 [d]\noutput o "输出 甲" : number [d] = i\ntest "t" [d]\n  date 2024-06-01\n  set i = #\n  household { member { age: 30 } }\n  expect o = 1\n',
  };

  it('literals beyond the exact range are refused with bad-literal wherever they stand, and never emitted', () => {
    for (const lit of HUGE)
      for (const [place, text] of Object.entries(PLACES)) {
        const r = check(HEADER + text.replace('#', lit));
        const bad = r.diagnostics.filter((d) => d.code === 'bad-literal');
        expect(bad.length, `${place}: ${lit.slice(0, 30)}…\n${formatAll(r)}`).toBeGreaterThan(0);
        expect(r.ir).toBeUndefined();
        for (const d of bad) expect(d.range.start.line, place).toBeGreaterThan(4);
      }
  });

  /** Runs each policy text: it must be refused with a diagnostic, or compile to a module that agrees with the interpreter. */
  function refusedOrCompiles(cases: Record<string, string>): string[] {
    const failures: string[] = [];
    for (const [what, text] of Object.entries(cases)) {
      const r = check(HEADER + text);
      if (!r.ir) {
        if (!codes(r).length) failures.push(`${what}: no IR and no error`);
        continue;
      }
      // Arithmetic too fine for exact compiled code is refused when compiling, with a diagnostic.
      const c = compileIR(r.ir, r.files, { version: LANGUAGE_VERSION });
      if (!c.js) {
        if (c.diagnostics[0]?.code !== 'compile-limit') failures.push(`${what}: no module and no compile-limit diagnostic`);
        continue;
      }
      try {
        for (const ages of [[30], [30, 10, 70]]) agreeOn(r.ir, ages);
      } catch (e) {
        failures.push(`${what}: checks cleanly but ${(e as Error).name}: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    return failures;
  }

  it('money literals the checker accepts compile, up to the largest exact amount in fen (¥90071992547409.91)', () => {
    const cases: Record<string, string> = {};
    for (const lit of ['0.01', '9007199254740.99', '90071992547409.91', '90071992547409.92', '100000000000000', '999999999999999']) {
      cases[`output ¥${lit}`] = PLACES.money!.replace('#', lit);
      cases[`parameter ¥${lit}`] = PLACES['parameter value']!.replace('#', lit);
      cases[`comparison with ¥${lit}`] = 'output o "输出 甲" : bool [d] = sum(members: wage_income) > ¥#\n'.replace('#', lit);
      cases[`test expectation ¥${lit}`] = 'output o "输出 甲" : money [d] = ¥1\ntest "t" [d]\n  date 2024-06-01\n  household { member { age: 30 } }\n  expect o = ¥#\n'.replace('#', lit);
    }
    expect(refusedOrCompiles(cases)).toEqual([]);
  });

  it('fractions whose denominators grow beyond the exact range are refused or compile', () => {
    expect(
      refusedOrCompiles({
        'a sum of fractions with large coprime denominators':
          'household n "家庭 甲" : integer [d] = count(members)\noutput o "输出 甲" : number [d] = n / 999999999999999 + n / 999999999999998\n',
        'a product of rates with many decimals':
          'output o "输出 甲" : money/month [d] = round(sum(members: wage_income) * 12.3456789012345% * 12.3456789012344%, ¥0.01)\n',
        'a sum of unit fractions of the primes up to 47':
          'household n "家庭 甲" : integer [d] = count(members)\noutput o "输出 甲" : number [d] = n / 3 + n / 7 + n / 11 + n / 13 + n / 17 + n / 19 + n / 23 + n / 29 + n / 31 + n / 37 + n / 41 + n / 43 + n / 47\n',
        'the same sum of constants (folded by the checker)':
          'output o "输出 甲" : number [d] = 1 / 3 + 1 / 7 + 1 / 11 + 1 / 13 + 1 / 17 + 1 / 19 + 1 / 23 + 1 / 29 + 1 / 31 + 1 / 37 + 1 / 41 + 1 / 43 + 1 / 47\n',
      }),
    ).toEqual([]);
  });
});

describe('host paths a policy names', () => {
  it('extends and household from naming object properties report a missing file, and do not throw', () => {
    for (const p of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const extending = () => check(`policy t "test" extends ${str(p)}\n  region 310000\n  effective from 2024-01-01\n`);
      expect(extending, `extends "${p}"`).not.toThrow();
      expect(codes(extending()), `extends "${p}"`).toContain('file-not-found');
      const from = () => rules`output o "输出 甲" : integer [d] = 1
test "t" [d]
  date 2024-06-01
  household from ${str(p)}
  expect o = 1
`;
      expect(from, `household from "${p}"`).not.toThrow();
      expect(codes(from()), `household from "${p}"`).toContain('file-not-found');
    }
  });
});

describe('the hostile artefacts as real files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-adversarial-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('every module loads as an ES module in Node, and every declaration file type-checks', () => {
    const artefacts = Object.values(HOSTILE).flatMap((h) => {
      const ir = check(hostilePolicy(texts(h))).ir;
      return ir ? [{ js: emit(ir), dts: emitDeclarations(ir) }] : [];
    });
    expect(artefacts.length, 'every hostile policy checks').toBe(Object.keys(HOSTILE).length);
    const files = artefacts.map((a, i) => {
      const base = path.join(dir, `policy${i}`);
      fs.writeFileSync(`${base}.mjs`, a.js);
      fs.writeFileSync(`${base}.d.mts`, a.dts);
      return base;
    });
    const loader = `
      const files = ${JSON.stringify(files.map((f) => `${f}.mjs`))};
      const failures = [];
      for (const f of files) {
        try {
          const m = await import(f);
          if (typeof m.evaluate !== 'function' || typeof m.policy !== 'object') failures.push(f + ': exports missing');
          m.evaluate(${JSON.stringify(rawHousehold([30, 10]))}, { date: '2024-06-01' });
        } catch (e) { failures.push(f + ': ' + e); }
      }
      if (globalThis.pwned !== undefined || ({}).polluted !== undefined) failures.push('globals or Object.prototype changed');
      console.log(JSON.stringify(failures));
    `;
    const node = spawnSync(process.execPath, ['--input-type=module', '-e', loader], { encoding: 'utf8' });
    expect(node.stderr).toBe('');
    expect(JSON.parse(node.stdout.trim().split('\n').pop()!)).toEqual([]);

    const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
    const checker = path.join(dir, 'use.mts');
    fs.writeFileSync(checker, files.map((f, i) => `import type * as M${i} from './${path.basename(f)}.mjs';\nexport type O${i} = M${i}.Outputs;`).join('\n') + '\n');
    const ts = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', ...files.map((f) => `${f}.d.mts`), checker], {
      encoding: 'utf8',
      cwd: dir,
    });
    expect(`${ts.stdout}${ts.stderr}`.trim()).toBe('');
    expect(ts.status).toBe(0);
  });
});
