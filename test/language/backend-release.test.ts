/**
 * The release folder (`doudi compile POLICY --target js --out DIR`, issue 11): written by the
 * command line, byte-identical from the same sources whatever the working folder, every file and
 * source hashed in the manifest, and a module that runs every test vector of the policy when
 * imported by plain Node from a folder outside the repository, refuses bad records one by one with
 * field and reason, and serves them through the node:http example of docs/examples.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LANGUAGE_VERSION } from '../../language/index.ts';

const ROOT = process.cwd();
const BIN = path.join(ROOT, 'cli/doudi.mjs');
const POLICY = 'policies/shanghai/shanghai.doudi';
const HOUSEHOLD = JSON.parse(fs.readFileSync('policies/shanghai/examples/household.json', 'utf8')) as Record<string, unknown> & { members: Record<string, unknown>[] };

let tmp = '';
let release = '';

/** `doudi compile` in a child process; resolves when it has written the folder. */
function compile(out: string, cwd = ROOT, policy = POLICY): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'compile', policy, '--target', 'js', '--out', out], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`compile failed (${code}): ${err}`))));
  });
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Runs an ES module script with plain node in `cwd`; returns its stdout parsed as JSON. */
function node(script: string, cwd: string): unknown {
  const file = path.join(cwd, `run-${process.pid}.mjs`);
  fs.writeFileSync(file, script);
  try {
    const r = spawnSync(process.execPath, [file], { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`node exited ${r.status}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-release-'));
  // Vendored as a service would: a folder outside the repository, no package.json above it. The
  // same policy compiled from another folder and by its absolute path, for the byte comparison.
  release = path.join(tmp, 'vendor', 'shanghai');
  await Promise.all([compile(release), compile(path.join(tmp, 'again'), path.join(ROOT, 'policies'), 'shanghai/shanghai.doudi'), compile(path.join(tmp, 'absolute'), os.tmpdir(), path.join(ROOT, POLICY))]);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the release folder', () => {
  it('holds the module, its types, the schema, the vectors, the IR, package.json, a README and the manifest', () => {
    expect(fs.readdirSync(release).sort()).toEqual(['README.md', 'manifest.json', 'package.json', 'shanghai.d.ts', 'shanghai.ir.json', 'shanghai.js', 'shanghai.schema.json', 'shanghai.tests.json']);
    const js = fs.readFileSync(path.join(release, 'shanghai.js'), 'utf8');
    // Standalone: no import, no require, nothing evaluated from text.
    expect(js).not.toMatch(/^\s*import\b|\bimport\s*\(|\brequire\s*\(|\beval\s*\(|\bFunction\s*\(/m);
    expect(JSON.parse(fs.readFileSync(path.join(release, 'package.json'), 'utf8'))).toMatchObject({ type: 'module', main: './shanghai.js', types: './shanghai.d.ts', private: true });
  });

  it('is byte-identical from the same sources, whatever the working folder or the form of the path', () => {
    for (const other of [path.join(tmp, 'again'), path.join(tmp, 'absolute')]) {
      expect(fs.readdirSync(other).sort()).toEqual(fs.readdirSync(release).sort());
      for (const f of fs.readdirSync(release)) expect(fs.readFileSync(path.join(other, f)).equals(fs.readFileSync(path.join(release, f))), f).toBe(true);
    }
  });

  it('has a manifest with the policy, the compiler and the hash of every source and every file', () => {
    const m = JSON.parse(fs.readFileSync(path.join(release, 'manifest.json'), 'utf8'));
    expect(m.policy).toMatchObject({ id: 'shanghai', region: '310000', effective: { from: '2023-07-01' } });
    expect(m.policy.name).toMatch(/上海/);
    expect(m.compiler).toEqual({ name: 'doudi', version: LANGUAGE_VERSION, ir: expect.any(Number) });
    const files = new Map<string, { sha256: string; bytes: number }>(m.files.map((f: { name: string; sha256: string; bytes: number }) => [f.name, f]));
    expect([...files.keys()].sort()).toEqual(fs.readdirSync(release).filter((f) => f !== 'manifest.json').sort());
    for (const [name, f] of files) {
      const bytes = fs.readFileSync(path.join(release, name));
      expect(f.sha256, name).toBe(sha256(bytes));
      expect(f.bytes, name).toBe(bytes.length);
    }
    // Sources: the policy, the framework it extends and the test files beside it, relative to the policy's folder.
    const sources = m.sources as { file: string; role: string; sha256: string }[];
    const tests = fs.readdirSync('policies/shanghai').filter((f) => f.endsWith('.test.doudi'));
    expect(sources.map((s) => s.file).sort()).toEqual(['../national/framework.doudi', 'shanghai.doudi', ...tests].sort());
    for (const s of sources) {
      expect(s.sha256, s.file).toBe(sha256(fs.readFileSync(path.join(ROOT, 'policies/shanghai', s.file))));
      expect(s.role, s.file).toBe(s.file.endsWith('.test.doudi') ? 'tests' : 'policy');
    }
  });

  it('runs every test vector of the policy through the module imported by plain Node', () => {
    const vectors = JSON.parse(fs.readFileSync(path.join(release, 'shanghai.tests.json'), 'utf8'));
    expect(vectors.count).toBeGreaterThan(100);
    const got = node(
      `import { evaluateRecord } from './vendor/shanghai/shanghai.js';
import { readFileSync } from 'node:fs';
const { vectors } = JSON.parse(readFileSync('./vendor/shanghai/shanghai.tests.json', 'utf8'));
const failed = [];
let errors = 0;
for (const v of vectors) {
  const r = evaluateRecord(v.household, { date: v.date, sets: v.sets });
  if (v.expectedError !== undefined) {
    errors++;
    if (!('errors' in r) || !r.errors.some((e) => e.reason.toLowerCase().includes(v.expectedError.toLowerCase()))) failed.push([v.name, r]);
  } else if (!('outputs' in r) || Object.entries(v.expected).some(([k, x]) => r.outputs[k] !== x)) failed.push([v.name, r, v.expected]);
}
process.stdout.write(JSON.stringify({ ran: vectors.length, errors, failed }));`,
      tmp,
    ) as { ran: number; errors: number; failed: unknown[] };
    expect(got.failed).toEqual([]);
    expect(got.ran).toBe(vectors.count);
    expect(got.errors).toBeGreaterThan(0);
  });

  it('refuses bad records one by one, naming field and reason, and evaluates the good ones beside them', () => {
    const member = HOUSEHOLD.members[0]!;
    const bad = [
      HOUSEHOLD,
      { ...HOUSEHOLD, vehicles: -1 },
      { ...HOUSEHOLD, area: 'suburb' },
      { ...HOUSEHOLD, members: [{ ...member, age: 'forty' }] },
      { ...HOUSEHOLD, members: [{ ...member, wage_income: 2000.005 }] },
      { ...HOUSEHOLD, members: [{ ...member, wage_income: '0x10' }] },
      { ...HOUSEHOLD, members: [{ ...member, wage_income: 1e21 }] },
      { ...HOUSEHOLD, members: [{ ...member, 年龄: 40 }] },
      { ...HOUSEHOLD, colour: 'blue' },
      { ...HOUSEHOLD, region: '31' },
      { ...HOUSEHOLD, members: 'none' },
      { ...HOUSEHOLD, members: [7] },
      Object.fromEntries(Object.entries(HOUSEHOLD).filter(([k]) => k !== 'weight')),
      null,
      [HOUSEHOLD],
      'a household',
    ];
    const got = node(
      `import { evaluateRecords, evaluateRecord, validate } from './vendor/shanghai/shanghai.js';
const records = ${JSON.stringify(bad)};
const opts = { date: '2024-07-01', sets: { cpi_yoy: '3.8%' } };
process.stdout.write(JSON.stringify({
  batch: evaluateRecords(records, opts),
  one: records.map((r) => evaluateRecord(r, opts)),
  valid: records.map((r) => validate(r)),
  date: evaluateRecord(records[0], { date: '2024-02-30' }),
  early: evaluateRecord(records[0], { date: '2020-01-01' }),
  unknown: evaluateRecord(records[0], { date: '2024-07-01', sets: { no_such: '1' } }),
  unit: evaluateRecord(records[0], { date: '2024-07-01', sets: { cpi_yoy: '3.6 months' } }),
  percentMoney: evaluateRecord(records[0], { date: '2024-07-01', sets: { dibao_standard: '160000%' } }),
  noOptions: evaluateRecord(records[0], undefined),
}));`,
      tmp,
    ) as Record<string, unknown> & { batch: { outputs?: Record<string, unknown>; errors?: { field: string; reason: string }[] }[]; one: unknown[]; valid: unknown[][] };
    const fields = got.batch.map((r) => (r.errors ?? []).map((e) => e.field));
    expect(got.batch[0]!.outputs).toBeDefined();
    expect(fields).toEqual([
      [],
      ['vehicles'],
      ['area'],
      ['members[0].age'],
      ['members[0].wage_income'],
      ['members[0].wage_income'],
      ['members[0].wage_income'],
      ['members[0].年龄'],
      ['colour'],
      ['region'],
      ['members'],
      ['members[0]'],
      ['weight'],
      [''],
      [''],
      [''],
    ]);
    const reasons = got.batch.flatMap((r) => (r.errors ?? []).map((e) => e.reason));
    expect(reasons).toEqual([
      '-1 is below the minimum 0',
      'the text "suburb" is not one of urban, rural',
      'must be a whole number, not the text "forty"',
      '2000.005 has more than two decimals (money is exact to the fen)',
      'the text "0x10" is not an amount in yuan',
      '1e+21 is not a plain decimal amount',
      'gives age twice (also as "age")',
      'unknown field "colour"',
      'must be a 6-digit region code, not the text "31"',
      'must be a list of persons, not the text "none"',
      'must be a person object, not 7',
      'is missing',
      'a household must be a JSON object, not null',
      'a household must be a JSON object, not a list',
      'a household must be a JSON object, not the text "a household"',
    ]);
    // One at a time and validate() say the same as the batch.
    expect(got.one).toEqual(got.batch);
    expect(got.valid).toEqual(got.batch.map((r) => r.errors ?? []));
    expect(got.date).toEqual({ errors: [{ field: 'date', reason: 'the date must be YYYY-MM-DD, not 2024-02-30' }] });
    expect(got.early).toEqual({ errors: [{ field: 'date', reason: 'policy shanghai has no value in force on 2020-01-01: it is in force from 2023-07-01' }] });
    expect(got.unknown).toEqual({ errors: [{ field: 'sets.no_such', reason: 'no parameter or input of shanghai has that name' }] });
    expect(got.unit).toEqual({ errors: [{ field: 'sets.cpi_yoy', reason: 'expected a rate, e.g. 3.5% or 0.035' }] });
    expect(got.percentMoney).toEqual({ errors: [{ field: 'sets.dibao_standard', reason: 'expected an amount in yuan, e.g. 1600 or 1600.50, not a percentage' }] });
    expect(got.noOptions).toEqual({ errors: [{ field: 'options', reason: 'must be an object { date, sets }' }] });
  });

  it('takes its vectors only from tests of exactly the policy compiled, and says why it cannot write', () => {
    const run = (args: string[]) => spawnSync(process.execPath, [BIN, 'compile', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    // A reform on another baseline than its tests were written for: compiled, its tests left out with a note.
    const reform = run(['policies/reforms/raise-standard.doudi', '--baseline', 'policies/shanghai/shanghai.doudi', '--target', 'js', '--out', path.join(tmp, 'reform')]);
    expect(reform.status).toBe(0);
    expect(reform.stderr).toMatch(/note: the tests of policies\/reforms\/raise-standard\.test\.doudi are left out of the release: its tests are written for .* on policies\/national\/model\.doudi/);
    expect(JSON.parse(fs.readFileSync(path.join(tmp, 'reform', 'raise_standard.tests.json'), 'utf8')).count).toBe(0);
    // A test file of another policy, given by hand, is refused.
    const other = run([POLICY, '--tests', 'policies/zhejiang/zhejiang.test.doudi', '--target', 'js', '--out', path.join(tmp, 'other')]);
    expect(other.status).toBe(1);
    expect(other.stderr).toContain('--tests policies/zhejiang/zhejiang.test.doudi: it does not extend policies/shanghai/shanghai.doudi');
    expect(fs.existsSync(path.join(tmp, 'other'))).toBe(false);
    // An --out that is a file.
    const file = path.join(tmp, 'a-file');
    fs.writeFileSync(file, '');
    const blocked = run([POLICY, '--target', 'js', '--out', file]);
    expect(blocked.status).toBe(1);
    expect(blocked.stderr.trim()).toBe(`doudi compile: cannot write to ${file}: it is a file, not a folder`);
  });

  it('serves households through the node:http example in docs/examples', async () => {
    const server = spawn(process.execPath, [path.join(ROOT, 'docs/examples/release-service/server.mjs'), release, '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        let err = '';
        server.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        server.stderr.on('data', (d: Buffer) => (err += d.toString()));
        server.on('exit', (code) => reject(new Error(`the service exited (${code}): ${err}`)));
      });
      const post = async (route: string, body: unknown) => {
        const r = await fetch(url + route, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        return { status: r.status, body: (await r.json()) as Record<string, unknown> };
      };
      const ok = await post('/evaluate', { household: HOUSEHOLD, date: '2024-07-01', sets: { cpi_yoy: '3.8%' } });
      expect(ok.status).toBe(200);
      // The same outputs as the command line gives for this household.
      const cli = spawnSync(process.execPath, [BIN, 'eval', POLICY, '--household', 'policies/shanghai/examples/household.json', '--date', '2024-07-01', '--set', 'cpi_yoy=3.8%'], { cwd: ROOT, encoding: 'utf8' });
      expect(ok.body).toEqual(JSON.parse(cli.stdout));
      const bad = await post('/evaluate', { household: { ...HOUSEHOLD, vehicles: 'two' }, date: '2024-07-01' });
      expect(bad.status).toBe(422);
      expect(bad.body).toEqual({ errors: [{ field: 'vehicles', reason: 'must be a whole number, not the text "two"' }] });
      const batch = await post('/evaluate-batch', { households: [HOUSEHOLD, { ...HOUSEHOLD, area: 'x' }], date: '2024-07-01', sets: { cpi_yoy: '3.8%' } });
      expect(batch.status).toBe(200);
      expect((batch.body.results as unknown[])[0]).toEqual(ok.body);
      expect((batch.body.results as { errors: { field: string }[] }[])[1]!.errors[0]!.field).toBe('area');
      const notJson = await fetch(url + '/evaluate', { method: 'POST', body: '{' });
      expect(notJson.status).toBe(400);
      const policy = await fetch(url + '/policy');
      expect(((await policy.json()) as { policy: { id: string } }).policy.id).toBe('shanghai');
    } finally {
      server.kill();
    }
  });
});
