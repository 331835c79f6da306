/**
 * The DMN TCK's decision-table models (compliance level 2), read where they are: ../shared/dmn-tck
 * beside the repository (not copied into it). Every model goes through `doudi import dmn`; every
 * test case through `doudi eval` (the compiled module, with --explain: the interpreter), the module
 * `doudi compile` writes, and the exact interpreter — in-process, through the code the CLI runs.
 * A case passes when all three give the TCK's expected result exactly, or is refused for a reason
 * docs/language.md gives (list-valued hit policies). Skipped, saying so, only when the folder is absent.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../cli/main.ts';
import { importDmn, readXml, attr, type XmlElement, type DmnImport } from '../../language/dmn/index.ts';
import { checkPolicy, mapHost, evaluateHousehold, parseSetting, readHousehold, rational as Q, type PolicyIR, type Scalar } from '../../language/index.ts';
import { EMPTY_HOUSEHOLD } from './support.ts';

const TCK = path.resolve(process.cwd(), '../shared/dmn-tck/compliance-level-2');
const present = fs.existsSync(TCK);
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const DATE = '2024-01-01';

/**
 * Models with a table DMN leaves null for some input, imported with the result named here (no
 * test case reaches it). Each is first imported without, which must report dmn-no-default.
 */
const DEFAULTS: Record<string, string[]> = {
  '0111-first-hitpolicy-singleoutputcol': ['Advertisement="none"'],
  '0114-min-collect-hitpolicy': ['CarInsurance=0'],
  '0118-multi-priority-hitpolicy': ['"none"'],
};

/** The models refused, and why (docs/language.md, "List-valued hit policies"). */
const REFUSED: Record<string, string> = {
  '0109-ruleOrder-hitpolicy': 'dmn-list-valued',
  '0110-outputOrder-hitpolicy': 'dmn-list-valued',
  '0112-ruleOrder-hitpolicy-singleinoutcol': 'dmn-list-valued',
  '0113-outputOrder-hitpolicy-singleinoutcol': 'dmn-list-valued',
  '0119-multi-collect-hitpolicy': 'dmn-list-valued',
};

interface Value {
  readonly type: string;
  readonly text: string;
}
type Expected = Value | { readonly components: Readonly<Record<string, Value>> } | { readonly list: readonly Expected[] };
interface Case {
  readonly id: string;
  readonly inputs: Readonly<Record<string, Value>>;
  readonly results: Readonly<Record<string, Expected>>;
}

const child = (e: XmlElement, name: string) => e.children.filter((c) => c.name === name);
const valueOf = (e: XmlElement): Value => ({ type: (attr(e, 'type', XSI) ?? '').replace(/^xsd:/, ''), text: e.text.trim() });
function expectedOf(e: XmlElement): Expected {
  const list = child(e, 'list')[0];
  if (list) return { list: child(list, 'item').map(expectedOf) };
  const comps = child(e, 'component');
  if (comps.length) return { components: Object.fromEntries(comps.map((c) => [attr(c, 'name')!, valueOf(child(c, 'value')[0]!)])) };
  return valueOf(child(e, 'value')[0]!);
}

function casesOf(file: string): Case[] {
  const root = readXml(fs.readFileSync(file, 'utf8'));
  return child(root, 'testCase').map((t) => ({
    id: attr(t, 'id')!,
    inputs: Object.fromEntries(child(t, 'inputNode').map((n) => [attr(n, 'name')!, valueOf(child(n, 'value')[0]!)])),
    results: Object.fromEntries(child(t, 'resultNode').map((n) => [attr(n, 'name')!, expectedOf(child(n, 'expected')[0]!)])),
  }));
}

const models = present ? fs.readdirSync(TCK).filter((d) => fs.existsSync(path.join(TCK, d, `${d}.dmn`))).sort() : [];

/** Runs doudi in-process; its exit code and what it printed. */
async function doudi(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

/** A value as the TCK writes it, compared exactly with what a run gave (text, an exact rational, or a boolean). */
function same(want: Value, got: unknown, values: Readonly<Record<string, string>> | undefined): boolean {
  if (want.type === 'string') return got === (values?.[want.text] ?? want.text);
  if (want.type === 'boolean') return String(got) === want.text;
  const w = Q.parseDecimal(want.text);
  if (!w) return false;
  if (typeof got === 'object' && got !== null) return Q.eq(got as Q.Rational, w);
  // The compiled module prints a number; its decimal text is read exactly, never compared as a float.
  const g = typeof got === 'number' ? Q.fromDecimalNumber(got) : undefined;
  return g !== undefined && Q.eq(g, w);
}

const tally = { passed: 0, refused: 0, cases: 0, refusedBy: {} as Record<string, number> };
let tmp = '';
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-tck-'));
});
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  if (present) process.stdout.write(`DMN TCK (compliance level 2, ${models.length} models): ${tally.passed} of ${tally.cases} cases pass; ${tally.refused} refused (${Object.entries(tally.refusedBy).map(([k, n]) => `${k}: ${n}`).join(', ')})\n`);
});

describe.skipIf(!present)('the DMN TCK (../shared/dmn-tck)', () => {
  it('has its 17 decision-table models and 51 test cases', () => {
    expect(models).toHaveLength(17);
    expect(models.reduce((n, m) => n + casesOf(path.join(TCK, m, `${m}-test-01.xml`)).length, 0)).toBe(51);
  });

  describe.each(models)('%s', (model) => {
    const dmnFile = path.join(TCK, model, `${model}.dmn`);
    const cases = present ? casesOf(path.join(TCK, model, `${model}-test-01.xml`)) : [];
    const refusal = REFUSED[model];
    let policy = '';
    let map: DmnImport;
    let ir: PolicyIR;
    let module: { evaluate(h: unknown, o: unknown): { outputs: Record<string, unknown> } };

    it(refusal ? `is refused: ${refusal}` : 'imports, checks and compiles', async () => {
      policy = path.join(tmp, `${model}.doudi`);
      const defaults = (DEFAULTS[model] ?? []).flatMap((d) => ['--default', d]);
      const r = await doudi(['import', 'dmn', dmnFile, '--out', policy, ...defaults]);
      if (refusal) {
        expect(r.code, r.err).toBe(1);
        expect(r.err).toMatch(new RegExp(`error ${refusal}: \\S+ \\(decision table of decision `));
        tally.refused += cases.length;
        tally.cases += cases.length;
        tally.refusedBy[refusal] = (tally.refusedBy[refusal] ?? 0) + cases.length;
        return;
      }
      expect(r.code, r.err).toBe(0);
      if (DEFAULTS[model]) {
        const without = await doudi(['import', 'dmn', dmnFile]);
        expect(without.code).toBe(1);
        expect(without.err).toMatch(/error dmn-no-default: \S+ \(decision table of decision "[^"]+"\): no rule matches .*--default/);
      }
      // The mapping of DMN names, from the same translation the command wrote.
      const defaultsList = (DEFAULTS[model] ?? []).map((d) => (d.startsWith('"') || !d.includes('=') ? { value: d } : { key: d.slice(0, d.indexOf('=')), value: d.slice(d.indexOf('=') + 1) }));
      map = importDmn(fs.readFileSync(dmnFile, 'utf8'), { file: path.basename(dmnFile), policyPath: policy, defaults: defaultsList });
      expect(fs.readFileSync(policy, 'utf8')).toBe(map.text);
      const checked = checkPolicy(policy, mapHost({ [policy]: map.text! }));
      expect(checked.ir, checked.diagnostics.map((d) => d.message).join('\n')).toBeDefined();
      ir = checked.ir!;
      const out = path.join(tmp, `${model}-js`);
      const c = await doudi(['compile', policy, '--target', 'js', '--out', out]);
      expect(c.code, c.err).toBe(0);
      const js = fs.readdirSync(out).find((f) => f.endsWith('.js'))!;
      module = await import(pathToFileURL(path.join(out, js)).href);
    });

    it.each(cases.map((c) => [c.id, c] as const))(`case %s`, async (_id, c) => {
      if (refusal) return;
      expect(map, 'the model was imported').toBeDefined();
      const household: Record<string, unknown> = structuredClone(EMPTY_HOUSEHOLD);
      const sets: Record<string, string> = {};
      for (const [name, v] of Object.entries(c.inputs)) {
        const input = map.inputs.find((i) => i.dmn === name);
        expect(input, `input ${name} is imported`).toBeDefined();
        const text = v.type === 'string' ? input!.values?.[v.text] ?? input!.other ?? v.text : v.text;
        if (input!.field) household[input!.name] = v.type === 'decimal' ? Number(text) : v.type === 'boolean' ? text === 'true' : text;
        else sets[input!.name] = text;
      }
      const file = path.join(tmp, `${model}-${c.id}.json`);
      fs.writeFileSync(file, JSON.stringify(household));
      const run = await doudi(['eval', policy, '--household', file, '--date', DATE, ...Object.entries(sets).flatMap(([k, v]) => ['--set', `${k}=${v}`]), '--explain', '--json']);
      expect(run.code, run.err).toBe(0);
      const cli = JSON.parse(run.out) as { outputs: Record<string, unknown>; explanation: { nodes: { k: string; why?: object[] }[] } };
      const compiled = module.evaluate(structuredClone(household), { date: DATE, sets }).outputs;
      const exact: Record<string, Scalar> = {};
      for (const [k, v] of Object.entries(sets)) exact[k] = parseSetting(ir.parameters.find((p) => p.id === k)!, v, ir.enums);
      const interpreted = evaluateHousehold(ir, readHousehold(household).household!, { date: DATE, sets: exact }).values;

      const problems: string[] = [];
      for (const [decision, want] of Object.entries(c.results)) {
        const outs = map.outputs.filter((o) => o.decision === decision);
        const wanted: [typeof outs[number], Value][] =
          'components' in want ? Object.entries(want.components).map(([name, v]) => [outs.find((o) => o.output === name)!, v]) : 'list' in want ? [] : [[outs[0]!, want]];
        if (!wanted.length || wanted.some(([o]) => !o)) problems.push(`${decision}: no imported output for ${JSON.stringify(want)}`);
        for (const [o, v] of wanted) {
          if (!o) continue;
          for (const [via, got] of [['doudi eval', cli.outputs[o.name]], ['compiled module', compiled[o.name]], ['interpreter', interpreted[o.name]]] as const)
            if (!same(v, got, o.values)) problems.push(`${decision}${o.output ? `.${o.output}` : ''} (${via}): expected ${v.text}, got ${typeof got === 'object' ? Q.toText(got as Q.Rational) : String(got)}`);
          // The explanation names the row (or the default) that decided the value.
          const node = cli.explanation.nodes.find((n) => n.k === o.name);
          if (!node?.why?.some((w) => 'table' in w)) problems.push(`${o.name}: the explanation names no row (${JSON.stringify(node?.why)})`);
        }
      }
      expect(problems).toEqual([]);
      tally.passed++;
      tally.cases++;
    });
  });

  it('counts: 36 cases pass, 15 are refused for list-valued hit policies', () => {
    expect({ passed: tally.passed, refused: tally.refused, cases: tally.cases }).toEqual({ passed: 36, refused: 15, cases: 51 });
  });
});

describe.skipIf(present)('the DMN TCK', () => {
  it('is skipped: ../shared/dmn-tck is absent beside the repository', () => {});
});
