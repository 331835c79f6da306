/**
 * Decision texts (57号 §21's written notice), one folder per household under notices/: `case.json`
 * (policy, date, settings), `household.json`, and the expected `notice.zh.txt` and `notice.en.txt`.
 * Run with UPDATE_GOLDEN=1 (npm run golden:update) to rewrite them after an intended change, then
 * read the diff. Also here: the compact explanation's size and shape on the same households.
 */
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { explainHousehold, explanationJson, noticeText, resolveSettings, type PolicyIR } from '../../language/index.ts';
import { compile, loadIR } from '../support/policies.ts';
import { cli } from '../support/simulator.ts';

const ROOT = 'test/golden/notices';
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface Case {
  readonly policy: string;
  readonly date: string;
  readonly sets?: Record<string, string>;
}

const cases = fs.readdirSync(ROOT).filter((n) => fs.statSync(path.join(ROOT, n)).isDirectory()).sort();
const policies = new Map<string, { ir: PolicyIR; compiled: ReturnType<typeof compile> }>();
function policy(file: string) {
  let p = policies.get(file);
  if (!p) {
    const ir = loadIR(file);
    policies.set(file, (p = { ir, compiled: compile(ir) }));
  }
  return p;
}

function explained(name: string) {
  const dir = path.join(ROOT, name);
  const c = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')) as Case;
  const household = JSON.parse(fs.readFileSync(path.join(dir, 'household.json'), 'utf8')) as { members: unknown[] };
  const pair = policy(c.policy);
  const settings = resolveSettings(pair.ir, Object.entries(c.sets ?? {}).map(([name, value]) => ({ name, value, option: 'case.json' })));
  expect(settings.problems).toEqual([]);
  const x = explainHousehold(pair, household, { date: c.date, settings: settings.settings });
  if (!x.ok) expect.fail(`${name}: ${x.message}`);
  return { dir, c, household, x };
}

function compare(file: string, actual: string): void {
  if (UPDATE) {
    fs.writeFileSync(file, actual);
    return;
  }
  const expected = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (expected === undefined) expect.fail(`${file} does not exist (run npm run golden:update)`);
  expect(actual, `${file} differs (run npm run golden:update if the change is intended)`).toBe(expected);
}

describe('decision texts', () => {
  it('has the households the notices are checked on', () => {
    expect(cases).toEqual(expect.arrayContaining(['regular-dibao', 'grace', 'single', 'edge-family', 'tekun', 'refused-assets', 'refused-income', 'emergency']));
  });

  for (const name of cases)
    it(name, () => {
      const { dir, x } = explained(name);
      compare(path.join(dir, 'notice.zh.txt'), noticeText(x.decision, 'zh'));
      compare(path.join(dir, 'notice.en.txt'), noticeText(x.decision, 'en'));
    });

  it('doudi eval --explain prints the same notice, in Chinese by default and in English with --lang en', async () => {
    const dir = path.join(ROOT, 'edge-family');
    const c = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')) as Case;
    const zh = await cli(['eval', c.policy, '--household', path.join(dir, 'household.json'), '--date', c.date, '--explain']);
    expect(zh.code, zh.err).toBe(0);
    expect(zh.out).toBe(fs.readFileSync(path.join(dir, 'notice.zh.txt'), 'utf8'));
    const en = await cli(['eval', c.policy, '--household', path.join(dir, 'household.json'), '--date', c.date, '--explain', '--lang', 'en']);
    expect(en.out).toBe(fs.readFileSync(path.join(dir, 'notice.en.txt'), 'utf8'));
  });
});

describe('the compact explanation', () => {
  for (const name of cases)
    it(`${name}: every value once, reasons as data, what it read by index`, () => {
      const { x, household } = explained(name);
      const e = x.explanation;
      const text = explanationJson(e);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(e)));
      if (household.members.length <= 3) expect(Buffer.byteLength(text)).toBeLessThan(20 * 1024);
      const keys = e.nodes.map((n) => n.k);
      expect(new Set(keys).size).toBe(keys.length);
      for (const n of e.nodes) {
        for (const r of n.r ?? []) expect(r).toBeLessThan(e.nodes.length);
        // Never a fragment of code: no line numbers, no "if at line …".
        for (const w of n.why ?? []) expect(JSON.stringify(w)).not.toMatch(/line|if at/);
      }
      expect(e.outputs.map((i) => e.nodes[i]!.k)).toEqual(policy(JSON.parse(fs.readFileSync(path.join(ROOT, name, 'case.json'), 'utf8')).policy).ir.outputs);
    });
});
