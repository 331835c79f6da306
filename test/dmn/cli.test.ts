/** `doudi import dmn`, in-process through the code the CLI runs: files, options, messages, exit codes. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../cli/main.ts';
import { dmn } from './support.ts';

async function doudi(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

let tmp = '';
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-import-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const MODEL = dmn({
  name: 'Advertisement model',
  inputs: [['age', 'number']],
  decisions: [
    { name: 'Advertisement', hit: 'FIRST', inputs: ['age'], rules: [[['>18'], ['"Cars"']], [['>0'], ['"Toys"']]] },
    { name: 'Eligible', hit: 'UNIQUE', inputs: ['age'], rules: [[['>= 18'], ['true']], [['< 18'], ['false']]] },
  ],
});

describe('doudi import dmn', () => {
  it('prints the policy, or writes it with --out; the policy checks and evaluates with doudi eval', async () => {
    const file = path.join(tmp, 'ads.dmn');
    fs.writeFileSync(file, MODEL);
    const printed = await doudi(['import', 'dmn', file, '--default', 'Advertisement=nothing']);
    expect(printed.code, printed.err).toBe(0);
    expect(printed.out).toContain('output Advertisement : Advertisement [dmn decision d1 "Advertisement"] =');
    const out = path.join(tmp, 'ads.doudi');
    const written = await doudi(['import', 'dmn', file, '--out', out, '--default', 'Advertisement=nothing']);
    expect(written.code).toBe(0);
    expect(written.err).toContain(`imported 2 of 2 decisions from ${file} into ${out}`);
    expect(fs.readFileSync(out, 'utf8')).toBe(printed.out);
    expect((await doudi(['check', out])).code).toBe(0);
    const household = path.join(tmp, 'h.json');
    fs.writeFileSync(household, fs.readFileSync('policies/shanghai/examples/household.json'));
    const run = await doudi(['eval', out, '--household', household, '--date', '2024-07-01', '--set', 'age_input=0']);
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out).outputs).toEqual({ Advertisement: 'nothing', Eligible: false });
  });

  it('names what is missing and exits 1, writing what it could', async () => {
    const file = path.join(tmp, 'ads2.dmn');
    fs.writeFileSync(file, MODEL);
    const out = path.join(tmp, 'ads2.doudi');
    const r = await doudi(['import', 'dmn', file, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+: error dmn-no-default: t1 \\(decision table of decision "Advertisement"\\): no rule matches age_input = -1`, 'm'));
    expect(r.err).toContain('imported 1 of 2 decisions');
    expect(fs.readFileSync(out, 'utf8')).toContain('#   not imported: decision "Advertisement" (d1): dmn-no-default');
  });

  it('refuses bad usage (exit 2) and files it cannot read (exit 1), saying why', async () => {
    expect(await doudi(['import'])).toMatchObject({ code: 2, err: expect.stringContaining('give the format and the file: doudi import dmn FILE.dmn') });
    expect(await doudi(['import', 'xml', 'a.xml'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown format xml') });
    expect(await doudi(['import', 'dmn', 'a.dmn', 'b.dmn'])).toMatchObject({ code: 2, err: expect.stringContaining('give exactly one DMN file') });
    expect(await doudi(['import', 'dmn', path.join(tmp, 'none.dmn')])).toMatchObject({ code: 1, err: expect.stringContaining('cannot read the DMN file: no such file') });
    expect(await doudi(['import', 'dmn', tmp])).toMatchObject({ code: 1, err: expect.stringContaining('it is a folder') });
    const bad = path.join(tmp, 'bad.dmn');
    fs.writeFileSync(bad, '<definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/">\n  <decision>\n</definitions>');
    const r = await doudi(['import', 'dmn', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.dmn:3: error dmn-xml: the file: not well-formed XML at line 3, column \d+: unexpected close tag/);
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
    const file = path.join(tmp, 'ads3.dmn');
    fs.writeFileSync(file, MODEL);
    const nowhere = await doudi(['import', 'dmn', file, '--out', path.join(tmp, 'no/such/folder/x.doudi'), '--default', 'nothing']);
    expect(nowhere).toMatchObject({ code: 1, err: expect.stringContaining('cannot write the policy: its folder does not exist') });
  });

  it('is listed in doudi --help, with its own --help', async () => {
    expect((await doudi(['--help'])).out).toMatch(/import\s+translate a DMN file's decision tables into a Doudi policy/);
    expect((await doudi(['import', '--help'])).out).toContain('Usage: doudi import dmn FILE.dmn [--out FILE.doudi] [--default [NAME=]VALUE]…');
  });
});
