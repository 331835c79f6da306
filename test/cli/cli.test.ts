/**
 * The command line as a user meets it: exit codes 0 / 1 / 2, one-line messages for bad input
 * (never a stack trace), the documented output shapes, and a compiled module that runs in a
 * plain Node process with no Doudi installed. Most cases run the command in this process through
 * the same main() (`doudi`); a handful run it as a real process (`real`): usage, an evaluation,
 * the compiled module.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../support/simulator.ts';

const ROOT = process.cwd();
const BIN = path.join(ROOT, 'cli/doudi.mjs');
const SHANGHAI = 'policies/shanghai/shanghai.doudi';
const EXAMPLE = 'policies/shanghai/examples/household.json';
const EXAMPLES = 'policies/shanghai/examples/households.jsonl';

/** A real `doudi` process (the bundle, or the sources when the bundle is older). */
function real(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** `doudi` in this process, through main(). */
const doudi = (args: string[]) => cli(args);

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-cli-'));
});

function write(name: string, text: string): string {
  const p = path.join(tmp, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}

const noStackTrace = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('usage', () => {
  it('prints usage and exits 2 without a command, 0 with --help', async () => {
    const none = real([]);
    expect(none.code).toBe(2);
    expect(none.out).toContain('Usage: doudi <command>');
    expect((await doudi(['--help'])).code).toBe(0);
  });

  it.each(['check', 'test', 'eval', 'compile'])('%s --help explains its options and exits 0', async (cmd) => {
    const r = await doudi([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Usage: doudi ${cmd}`);
    expect(r.out).toMatch(/Exit code/);
  });

  it('rejects unknown commands and options with exit 2', async () => {
    const a = real(['frobnicate']);
    expect(a.code).toBe(2);
    expect(a.err).toContain('unknown command "frobnicate"');
    const b = await doudi(['check', '--frob', SHANGHAI]);
    expect(b.code).toBe(2);
    expect(b.err).toContain('--frob');
    expect((await doudi(['eval', SHANGHAI, '--household', EXAMPLE])).code).toBe(2); // no --date
    expect((await doudi(['eval', SHANGHAI, '--household', EXAMPLE, '--date', '2024-02-30'])).code).toBe(2);
    expect((await doudi(['compile', SHANGHAI, '--target', 'sql', '--out', tmp])).code).toBe(2);
  });
});

describe('check', () => {
  it('passes the shipped policies', async () => {
    const r = await doudi(['check', 'policies/']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/checked: 0 errors, 0 warnings/);
  });

  it('prints file:line:col: error CODE: message, the line and a caret, and exits 1', async () => {
    const f = write('bad.doudi', 'policy p "x"\n  region 310000\n  effective from 2024-01-01\n  document "d" "doc"\n\nhousehold a : money/month [d] = medical_costs + last_benefit\n');
    const r = await doudi(['check', f]);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/bad\.doudi:6:47: error unit-mismatch: money\/year and money\/month do not mix in this sum/);
    expect(lines[1]).toBe('  household a : money/month [d] = medical_costs + last_benefit');
    expect(lines[2]).toBe('                                                ^');
  });

  it('gives diagnostics as JSON with --json', async () => {
    const f = write('bad2.doudi', 'policy p "x"\n  region 310000\n  effective from 2024-01-01\n\nhousehold a : integer = b\n');
    const r = await doudi(['check', '--json', f]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.errors).toBe(1);
    expect(j.diagnostics.find((d: { severity: string }) => d.severity === 'error')).toMatchObject({ code: 'unknown-name', severity: 'error', range: { start: { line: 5, column: 25 } } });
  });

  it('names a missing path in one line', async () => {
    const r = await doudi(['check', 'no/such/place']);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe('doudi check: no/such/place: no such file or folder');
  });
});

describe('test', () => {
  it('runs the in-language tests of the shipped policies', async () => {
    const r = await doudi(['test', 'policies/']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\d+ passed, 0 failed/);
  });

  it('reports a failing expectation with its line, and unreached definitions', async () => {
    const f = write(
      't.doudi',
      [
        'policy p "x"',
        '  region 310000',
        '  effective from 2024-01-01',
        '  document "d" "doc"',
        'output a : integer [d] = count(members)',
        'output b : integer [d] = 2',
        'test "two members" [d]',
        '  date 2024-01-01',
        '  household { member { } member { } }',
        '  expect a = 3',
        '',
      ].join('\n'),
    );
    const r = await doudi(['test', f]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ two members');
    expect(r.out).toMatch(/t\.doudi:10: expected a = 3, got 2/);
    expect(r.out).toContain('not reached by any test: b');
  });
});

describe('eval', () => {
  it('prints {"outputs": …} with money in yuan', async () => {
    const r = real(['eval', SHANGHAI, '--household', EXAMPLE, '--date', '2024-07-01']);
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(r.out))).toEqual(['outputs']);
    expect(JSON.parse(r.out)).toMatchObject({
      outputs: {
        tekun_persons: 0,
        tekun_benefit: 0,
        per_capita_income: 565,
        edge_family: false,
        dibao_status: 'regular',
        dibao_benefit: 2060,
        dibao_persons: 2,
        price_subsidy: 0,
        temporary_assistance: 0,
        help_first: false,
        rigid_hardship: false,
        expenditure_assistance: 0,
        total_monthly: 2060,
      },
    });
  });

  it('applies --set to parameters and scenario inputs', async () => {
    const r = await doudi(['eval', SHANGHAI, '--household', EXAMPLE, '--date', '2024-07-01', '--set', 'dibao_standard=1600', '--set', 'cpi_yoy=3.6%']);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out).outputs;
    expect(o.dibao_benefit).toBe(2070); // (1600 − 565) × 2
    expect(o.price_subsidy).toBe(2 * 58); // round(1600 × 3.6%) = 58 per person
  });

  it('explains why, with the rule that fired and its citation', async () => {
    const r = await doudi(['eval', SHANGHAI, '--household', EXAMPLE, '--date', '2024-07-01', '--explain', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    type Node = { k: string; v: unknown; why?: object[]; r?: number[]; cite?: string[] };
    const nodes: Node[] = j.explanation.nodes;
    const status = nodes.find((n) => n.k === 'dibao_status')!;
    expect(status.v).toBe('regular');
    // The rule that fired, by its label, with its citation (whatever document the policy cites for it).
    expect(status.why![0]).toEqual({ exception: 'regular_case', cite: [expect.any(String)] });
    expect(j.explanation.rules.dibao_status.cite.length).toBeGreaterThan(0);
    expect(status.r!.length).toBeGreaterThan(0);
    const standard = nodes.find((n) => n.k === 'dibao_standard')!;
    expect(standard).toMatchObject({ v: '[1595, 1595]', cite: ['沪2024'] });
    expect(j.decision.items[0]).toMatchObject({ programme: 'dibao', outcome: 'granted', amount: '2060' });
  });

  it('evaluates a JSON Lines file in input order, one line per household', async () => {
    const r = await doudi(['eval', SHANGHAI, '--households', EXAMPLES, '--date', '2024-07-01']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.household_id)).toEqual(['SH-001', 'SH-002', 'SH-003', 'SH-004', 'SH-005']);
    expect(lines[0].outputs.dibao_benefit).toBe(2060);
  });

  it('names the file, line and field of bad input in one line, and changes nothing', async () => {
    const bad = write('bad.jsonl', fs.readFileSync(EXAMPLES, 'utf8').split('\n').map((l, i) => (i === 2 ? l.replace('"age": 38', '"age": "old"') : l)).join('\n'));
    const a = await doudi(['eval', SHANGHAI, '--households', bad, '--date', '2024-07-01']);
    expect(a.code).toBe(1);
    expect(a.out).toBe('');
    expect(a.err.trim()).toBe(`doudi eval: ${bad}:3: field members[0].age must be a whole number, not the text "old"`);
    const broken = write('broken.json', '{"household_id": ');
    const b = await doudi(['eval', SHANGHAI, '--household', broken, '--date', '2024-07-01']);
    expect(b.code).toBe(1);
    expect(b.err).toMatch(/^doudi eval: .*broken\.json: not valid JSON/);
    const unknown = write('unknown.json', fs.readFileSync(EXAMPLE, 'utf8').replace('"vehicles"', '"cars"'));
    const c = await doudi(['eval', SHANGHAI, '--household', unknown, '--date', '2024-07-01']);
    expect(c.code).toBe(1);
    expect(c.err).toMatch(/field cars unknown field "cars"|unknown field "cars"/);
    for (const r of [a, b, c]) noStackTrace(r.err);
  });

  it('refuses dates with no value in force, unknown settings and policies with errors', async () => {
    const early = await doudi(['eval', SHANGHAI, '--household', EXAMPLE, '--date', '2023-06-30']);
    expect(early.code).toBe(1);
    expect(early.err).toContain('no value in force on 2023-06-30');
    const set = await doudi(['eval', SHANGHAI, '--household', EXAMPLE, '--date', '2024-07-01', '--set', 'dibao_standard=abc']);
    expect(set.code).toBe(1);
    expect(set.err).toContain('--set dibao_standard=abc: error setting-number: "abc" is not a number');
    const unknown = await doudi(['eval', SHANGHAI, '--household', EXAMPLE, '--date', '2024-07-01', '--set', 'nope=1']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('--set nope=1: error setting-unknown-name: shanghai has no parameter or input called nope');
    const f = write('broken.doudi', 'policy p "x"\n  region 310000\n  effective from 2024-01-01\noutput a : integer = zzz\n');
    const bad = await doudi(['eval', f, '--household', EXAMPLE, '--date', '2024-07-01']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/error unknown-name/);
    expect(bad.err).toMatch(/cannot be run/);
    for (const r of [early, set, unknown, bad]) noStackTrace(r.err);
  });
});

describe('compile', () => {
  it('writes a standalone module, its types and the IR; the module runs without Doudi', async () => {
    const out = path.join(tmp, 'compiled');
    const r = real(['compile', SHANGHAI, '--target', 'js', '--out', out]);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(out)).toEqual(expect.arrayContaining(['shanghai.d.ts', 'shanghai.ir.json', 'shanghai.js']));
    const js = fs.readFileSync(path.join(out, 'shanghai.js'), 'utf8');
    expect(js).not.toMatch(/\bimport\b|\brequire\(/);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'shanghai.ir.json'), 'utf8')).policy.id).toBe('shanghai');
    // A fresh folder outside the repository: nothing to import but the module itself.
    const away = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-standalone-'));
    fs.copyFileSync(path.join(out, 'shanghai.js'), path.join(away, 'shanghai.mjs'));
    fs.copyFileSync(EXAMPLE, path.join(away, 'household.json'));
    const script = `import { evaluate } from './shanghai.mjs'; import fs from 'node:fs';
      const hh = JSON.parse(fs.readFileSync('household.json', 'utf8'));
      process.stdout.write(JSON.stringify(evaluate(hh, { date: '2024-07-01', sets: { cpi_yoy: '3.8%' } })));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: away, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const viaCli = await doudi(['eval', SHANGHAI, '--household', EXAMPLE, '--date', '2024-07-01', '--set', 'cpi_yoy=3.8%']);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(viaCli.out));
  });

  it('writes nothing for a policy with errors', async () => {
    const f = write('broken2.doudi', 'policy p "x"\n  region 310000\n  effective from 2024-01-01\noutput a : integer = zzz\n');
    const out = path.join(tmp, 'nothing');
    const r = await doudi(['compile', f, '--target', 'js', '--out', out]);
    expect(r.code).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('a reform on a baseline', () => {
  it('checks a reform and its test file on any province: the test file keeps the reform it tests', async () => {
    const r = await doudi(['check', 'policies/reforms/raise-standard.doudi', 'policies/reforms/raise-standard.test.doudi', '--baseline', 'policies/guangdong/guangdong.doudi', '--json']);
    noStackTrace(r.err);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { errors: number; diagnostics: { code: string; severity: string; message: string }[] };
    expect(report.errors).toBe(0);
    const list = report.diagnostics;
    // The reform's own parameter is seen by its tests, and the reform overrides the province's standard.
    expect(list.some((d) => d.code === 'override' && /dibao_standard overrides guangdong/.test(d.message))).toBe(true);
  });
});
