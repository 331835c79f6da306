/**
 * Regression tests for what an attack on the command line found (issue 12 items 5, 6, 8, 9) and
 * for the run surface's promises (issue 8): closed pipes, file-system failures with their own
 * causes, settings through the one grammar everywhere, and messages that blame what is at fault.
 * Most run in this process through main(); the pipe and the permission cases need real processes
 * (as an unprivileged user when the tests run as root, who may read anything).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli, type CliRun } from '../support/simulator.ts';

const ROOT = process.cwd();
const BIN = path.join(ROOT, 'cli/doudi.mjs');
const SH = 'policies/shanghai/shanghai.doudi';
const HH = 'policies/shanghai/examples/household.json';
const HHS = 'policies/shanghai/examples/households.jsonl';
const SMALL = ['--households', '300', '--date', '2024-07-01'];
const POLICY_TEXT = 'policy p "x"\n  region 310000\n  effective from 2024-01-01\n  document "d" "a document"\n\noutput a : integer [d] = 1\n';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-hard-'));
  fs.chmodSync(tmp, 0o755);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const p = path.join(tmp, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
};

/** A clean failure: the exit code, a message matching, nothing on stdout, no stack trace or internal error. */
function refused(r: CliRun, code: number, message: RegExp): void {
  expect(r.code, r.err).toBe(code);
  expect(r.err).toMatch(message);
  expect(r.err).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
  expect(r.out).toBe('');
}

/** A real doudi process, as an unprivileged user when these tests run as root. */
function spawned(args: string[], opts: { shell?: boolean } = {}) {
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const r = opts.shell
    ? spawnSync('bash', ['-c', args.join(' ')], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
    : spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, ...asUser, env: { ...process.env, HOME: tmp } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('settings reach every command through one grammar (issue 8)', () => {
  it('simulate takes a parameter by its Chinese label, as eval does', async () => {
    const byLabel = await cli(['simulate', SH, ...SMALL, '--json', '--set', '低保标准=1600']);
    const byId = await cli(['simulate', SH, ...SMALL, '--json', '--set', 'dibao_standard=1,600']);
    expect(byLabel.code, byLabel.err).toBe(0);
    expect(byLabel.out).toBe(byId.out);
  });

  it('months --cpi takes any percentage, negative ones too, exactly', async () => {
    const r = await cli(['months', SH, ...SMALL, '--months', '4', '--json', '--cpi', '2.8%,3.2%,-0.5%', '--food-cpi', '0.061;−1.5%']);
    expect(r.code, r.err).toBe(0);
    const months = (JSON.parse(r.out) as { months: { cpi_yoy: number }[] }).months;
    expect(months.map((m) => m.cpi_yoy)).toEqual([0.028, 0.032, -0.005, -0.005]);
  });

  it('refuses units that do not fit, hexadecimal and underscores, in --set, --cpi and the behaviour options (issue 12 item 5)', async () => {
    refused(await cli(['simulate', SH, ...SMALL, '--set', 'cpi_yoy=3.6 months']), 1, /--set cpi_yoy=3\.6 months: error setting-unit: cpi_yoy is a rate/);
    refused(await cli(['simulate', SH, ...SMALL, '--set', 'dibao_standard=160000%']), 1, /error setting-unit: dibao_standard is money/);
    refused(await cli(['simulate', SH, ...SMALL, '--set', 'grace_months=¥6']), 1, /error setting-unit: grace_months is a number of months/);
    refused(await cli(['months', SH, ...SMALL, '--months', '2', '--cpi', '0x10']), 1, /--cpi 0x10: error setting-number: .*hexadecimal/);
    refused(await cli(['months', SH, ...SMALL, '--months', '2', '--cpi', '3.6 months']), 1, /--cpi 3\.6 months: error setting-unit/);
    refused(await cli(['months', SH, ...SMALL, '--months', '2', '--cpi', '1,600']), 2, /error setting-list: .*could be a thousands separator/);
    refused(await cli(['simulate', SH, ...SMALL, '--set', 'dibao_standard=1_600']), 1, /error setting-number: .*underscores/);
    refused(await cli(['simulate', SH, ...SMALL, '--take-up', 'dibao=0x1']), 2, /--take-up dibao=0x1: error setting-number/);
    refused(await cli(['simulate', SH, ...SMALL, '--take-up', 'dibao=¥0.5']), 2, /--take-up dibao=¥0\.5: error setting-range/);
    refused(await cli(['simulate', SH, ...SMALL, '--impute-earnings', '60%']), 2, /--impute-earnings 60%: error setting-range: .*expected yuan a month/);
    refused(await cli(['compare', SH, ...SMALL, '--reform-set', 'dibao_standard=1e3']), 1, /--reform-set dibao_standard=1e3: error setting-number: .*exponent/);
  });

  it('sweeps by label, with values in the grammar, and says which option is wrong (never --set) (issue 12 item 9)', async () => {
    const r = await cli(['sweep', SH, ...SMALL, '--json', '--parameter', '低保标准', '--values', '1,500;¥1,600']);
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { parameter: string; points: { x: number }[] }).points.map((p) => p.x)).toEqual([1500, 1600]);
    const bad = await cli(['sweep', SH, ...SMALL, '--parameter', 'dibao_standard', '--values', '1500,abc']);
    refused(bad, 1, /--values abc: error setting-number/);
    expect(bad.err).not.toContain('--set');
    refused(await cli(['sweep', SH, ...SMALL, '--parameter', 'dibao_standard', '--from', '3%', '--to', '5%']), 1, /--from 3%: error setting-unit/);
    const many = Array.from({ length: 1001 }, (_, i) => String(1000 + i)).join(',');
    refused(await cli(['sweep', SH, ...SMALL, '--parameter', 'dibao_standard', '--values', many]), 2, /--values: 1,001 values; a sweep runs at most 1,000/);
  });
});

describe('messages that blame what is at fault (issue 12 item 9)', () => {
  it('a framework evaluated directly, and an unknown setting, are the policy’s fault, not the household file’s', async () => {
    const framework = await cli(['eval', 'policies/national/framework.doudi', '--household', HH, '--date', '2024-07-01']);
    refused(framework, 1, /^doudi eval: policies\/national\/framework\.doudi is a framework/);
    expect(framework.err).not.toContain(HH);
    const unknown = await cli(['eval', SH, '--household', HH, '--date', '2024-07-01', '--set', 'nope=1']);
    refused(unknown, 1, /^doudi eval: --set nope=1: error setting-unknown-name/);
    expect(unknown.err).not.toContain(HH);
    const early = await cli(['eval', SH, '--household', HH, '--date', '2023-06-30']);
    refused(early, 1, new RegExp(`^doudi eval: ${SH} on 2023-06-30: policy shanghai has no value in force`));
  });

  it('--baseline equal to the policy is wrong usage, not a duplicate document', async () => {
    const r = await cli(['eval', SH, '--household', HH, '--date', '2024-07-01', '--baseline', SH]);
    refused(r, 2, /the baseline .*shanghai\.doudi is .*shanghai\.doudi itself/);
    expect(r.err).not.toMatch(/duplicate/);
  });

  it('a byte-order mark at the start of JSON is accepted', async () => {
    const one = write('bom.json', '\uFEFF' + fs.readFileSync(HH, 'utf8'));
    const many = write('bom.jsonl', '\uFEFF' + fs.readFileSync(HHS, 'utf8'));
    const a = await cli(['eval', SH, '--household', one, '--date', '2024-07-01']);
    expect(a.code, a.err).toBe(0);
    expect(a.out).toBe((await cli(['eval', SH, '--household', HH, '--date', '2024-07-01'])).out);
    const b = await cli(['eval', SH, '--households', many, '--date', '2024-07-01']);
    expect(b.code, b.err).toBe(0);
  });

  it('eval --households refuses a repeated household id, as simulate does', async () => {
    const lines = fs.readFileSync(HHS, 'utf8').trim().split('\n');
    const f = write('twice.jsonl', [...lines, lines[1]!].join('\n'));
    refused(await cli(['eval', SH, '--households', f, '--date', '2024-07-01']), 1, /twice\.jsonl:6: household_id SH-002 is already used on line 2/);
  });

  it('--year outside the years there can be statistics for is refused', async () => {
    refused(await cli(['population', '--year', '1800', '--households', '10']), 2, /--year 1800: expected a year from 2000 to 2050/);
    refused(await cli(['simulate', SH, ...SMALL, '--year', '2999']), 2, /--year 2999/);
  });
});

describe('the file system (issue 12 item 8)', () => {
  it('check of a folder reports a dangling link and a loop of links with their causes, and checks the rest', async () => {
    const dir = path.join(tmp, 'folder');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'fine.doudi'), POLICY_TEXT);
    fs.symlinkSync(path.join(dir, 'gone.doudi'), path.join(dir, 'dangling.doudi'));
    fs.symlinkSync(path.join(dir, 'loop-b'), path.join(dir, 'loop-a'));
    fs.symlinkSync(path.join(dir, 'loop-a'), path.join(dir, 'loop-b'));
    fs.symlinkSync(dir, path.join(dir, 'itself'));
    const r = await cli(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/dangling\.doudi: a symbolic link to .*gone\.doudi, which does not exist/);
    expect(r.err).toMatch(/loop-a: a loop of symbolic links/);
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
    expect(r.out).toMatch(/1 file checked: 0 errors, 0 warnings; 3 paths could not be read/);
  });

  it('a 2 GB policy and /dev/zero are refused with their causes, without reading them', async () => {
    const big = path.join(tmp, 'big.doudi');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 2 * 1024 ** 3);
    refused(await cli(['eval', big, '--household', HH, '--date', '2024-07-01']), 1, /big\.doudi: cannot read the policy: it is 2\.0 GB; the limit is 16\.0 MB/);
    const c = await cli(['check', big]);
    expect(c.err).toMatch(/big\.doudi: cannot read the policy: it is 2\.0 GB/);
    expect(c.code).toBe(1);
    refused(await cli(['eval', SH, '--household', '/dev/zero', '--date', '2024-07-01']), 1, /\/dev\/zero: cannot read the household: it is a device, not a file/);
    refused(await cli(['eval', SH, '--households', '/dev/zero', '--date', '2024-07-01']), 1, /\/dev\/zero: cannot read the households: it is a device/);
    refused(await cli(['eval', '/dev/zero', '--household', HH, '--date', '2024-07-01']), 1, /\/dev\/zero: cannot read the policy: it is a device/);
  });

  it('a household file that is not UTF-8, or a folder, is refused with that cause', async () => {
    refused(await cli(['eval', SH, '--household', write('latin1.json', '\u00ff'.replace('\u00ff', '')), '--date', '2024-07-01']), 1, /not valid JSON/);
    const bad = path.join(tmp, 'bytes.json');
    fs.writeFileSync(bad, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    refused(await cli(['eval', SH, '--household', bad, '--date', '2024-07-01']), 1, /bytes\.json: cannot read the household: it is not UTF-8 text/);
    refused(await cli(['eval', SH, '--household', tmp, '--date', '2024-07-01']), 1, /cannot read the household: it is a folder/);
  });

  it('permission denied on an input, a folder and an output folder, each said as such (real processes)', () => {
    const secret = write('locked/household.json', fs.readFileSync(HH, 'utf8'));
    fs.chmodSync(secret, 0o000);
    const input = spawned(['eval', SH, '--household', secret, '--date', '2024-07-01']);
    expect(input.code, input.err).toBe(1);
    expect(input.err).toContain(`${secret}: cannot read the household: permission denied`);
    const closed = path.join(tmp, 'closed');
    fs.mkdirSync(closed);
    fs.writeFileSync(path.join(closed, 'x.doudi'), POLICY_TEXT);
    fs.chmodSync(closed, 0o000);
    const folder = spawned(['check', tmp]);
    expect(folder.err).toMatch(/closed: cannot search the folder: permission denied/);
    const readOnly = path.join(tmp, 'read-only');
    fs.mkdirSync(readOnly);
    fs.chmodSync(readOnly, 0o555);
    const out = spawned(['population', '--households', '50', '--out', path.join(readOnly, 'pop')]);
    expect(out.code, out.err).toBe(1);
    expect(out.err).toMatch(/permission denied/);
    const compiled = spawned(['compile', SH, '--target', 'js', '--out', path.join(readOnly, 'js')]);
    expect(compiled.code, compiled.err).toBe(1);
    expect(compiled.err).toMatch(/cannot write to .*read-only\/js: permission denied/);
    const lockedPopulation = write('locked/population.jsonl', fs.readFileSync(HHS, 'utf8'));
    fs.chmodSync(lockedPopulation, 0o000);
    const population = spawned(['simulate', SH, '--population', lockedPopulation, '--date', '2024-07-01']);
    expect(population.code, population.err).toBe(1);
    expect(population.err).toContain(`${lockedPopulation}: permission denied`);
    for (const r of [input, folder, out, compiled, population]) expect(r.err).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
    fs.chmodSync(closed, 0o755);
  });
});

describe('pipes (issue 12 item 6)', () => {
  it('doudi eval … | head -1 ends quietly when head closes the pipe', () => {
    const lines = fs.readFileSync(HHS, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { household_id: string; members: { household_id: string }[] });
    const many = Array.from({ length: 20000 }, (_, i) => {
      const h = structuredClone(lines[i % lines.length]!);
      h.household_id = `P${i}`;
      for (const m of h.members) m.household_id = h.household_id;
      return JSON.stringify(h);
    });
    const file = write('many.jsonl', many.join('\n') + '\n');
    const errFile = path.join(tmp, 'pipe.err');
    const r = spawned([`set -o pipefail; "${process.execPath}" "${BIN}" eval ${SH} --households "${file}" --date 2024-07-01 2>"${errFile}" | head -1`], { shell: true });
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.out).household_id).toBe('P0');
    expect(fs.readFileSync(errFile, 'utf8')).toBe('');
    expect(r.code).toBe(0);
  });
});
