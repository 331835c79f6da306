/** The documentation stays true: generated tables are current, and its first example runs. */
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import { regenerate } from '../../scripts/docs.ts';
import { check, expectClean } from '../support/policies.ts';
import { runTests } from '../../language/index.ts';

const doc = fs.readFileSync('docs/language.md', 'utf8');

describe('docs/language.md', () => {
  it('has up-to-date generated tables (npm run docs)', () => {
    expect(regenerate(doc) === doc, 'docs/language.md is stale: run npm run docs').toBe(true);
  });

  it('its first example checks cleanly and its test passes', () => {
    const first = /```doudi\n([\s\S]*?)```/.exec(doc)![1]!;
    const ir = expectClean(check(first));
    const report = runTests(ir);
    expect(report.results.map((r) => r.ok)).toEqual([true]);
  });

  it('lists every keyword in both spellings', () => {
    expect(doc).toContain('| `exception` | `例外` |');
    expect(doc).toContain('| `table` | `决策表` |');
  });
});
