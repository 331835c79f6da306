/**
 * Golden tests, one folder per case: `input.doudi` (and any files it extends) beside the expected
 * `diagnostics.txt`, `ir.json` and `module.js`. Cases under `policies/` take their input from the
 * repository's policies. Run with UPDATE_GOLDEN=1 (npm run golden:update) to rewrite the
 * expected files after an intended change, then read the diff.
 */
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkPolicy, emitModule, LANGUAGE_VERSION } from '../../language/index.ts';
import { fsHost } from '../support/policies.ts';
import { diagnosticsBaseline } from '../support/baseline.ts';

const ROOT = 'test/golden';
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function cases(): { name: string; dir: string; input: string }[] {
  const out: { name: string; dir: string; input: string }[] = [];
  for (const group of ['cases', 'policies']) {
    const base = path.join(ROOT, group);
    if (!fs.existsSync(base)) continue;
    for (const name of fs.readdirSync(base).sort()) {
      const dir = path.join(base, name);
      const pointer = path.join(dir, 'source.txt');
      const input = fs.existsSync(pointer) ? fs.readFileSync(pointer, 'utf8').trim() : path.join(dir, 'input.doudi');
      out.push({ name: `${group}/${name}`, dir, input: input.split(path.sep).join('/') });
    }
  }
  return out;
}

function compare(file: string, actual: string | undefined): void {
  if (UPDATE) {
    if (actual === undefined) fs.rmSync(file, { force: true });
    else fs.writeFileSync(file, actual);
    return;
  }
  const expected = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (actual === expected) return;
  expect.fail(`${file} differs (run npm run golden:update if the change is intended):\n${diff(expected, actual)}`);
}

/** The first differing lines, with a little context, in unified-diff style. */
function diff(expected: string | undefined, actual: string | undefined): string {
  if (expected === undefined) return '(the expected file does not exist)';
  if (actual === undefined) return '(nothing was produced, but the expected file exists)';
  const a = expected.split('\n');
  const b = actual.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let ea = a.length - 1;
  let eb = b.length - 1;
  while (ea >= i && eb >= i && a[ea] === b[eb]) {
    ea--;
    eb--;
  }
  const from = Math.max(0, i - 3);
  const out = [`@@ line ${i + 1} @@`, ...a.slice(from, i).map((l) => `  ${l}`), ...a.slice(i, Math.min(ea + 1, i + 20)).map((l) => `- ${l}`), ...b.slice(i, Math.min(eb + 1, i + 20)).map((l) => `+ ${l}`)];
  return out.join('\n');
}

describe('golden', () => {
  for (const c of cases()) {
    it(c.name, () => {
      const r = checkPolicy(c.input, fsHost);
      compare(path.join(c.dir, 'diagnostics.txt'), diagnosticsBaseline(r));
      compare(path.join(c.dir, 'ir.json'), r.ir ? JSON.stringify(r.ir, null, 1) + '\n' : undefined);
      compare(path.join(c.dir, 'module.js'), r.ir ? emitModule(r.ir, { version: LANGUAGE_VERSION }) : undefined);
    });
  }
});
