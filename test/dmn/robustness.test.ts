/**
 * The importer on damaged and hostile DMN files (seeded): it never throws, every problem has a
 * known code, names an element or the file with a line, and whatever text it returns checks
 * cleanly as Doudi.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkPolicy, mapHost } from '../../language/index.ts';
import { importDmn, PROBLEMS } from '../../language/dmn/index.ts';
import { dmn } from './support.ts';

const MODEL = dmn({
  name: 'Approval',
  inputs: [['Age', 'number'], ['Risk', 'string'], ['Affordable', 'boolean'], ['Since', 'date']],
  decisions: [
    {
      name: 'Approval Status',
      hit: 'PRIORITY',
      inputs: ['Age', { text: 'Risk', values: '"High", "Low", "Medium"' }, 'Affordable', 'Since'],
      outputs: [{ values: '"Approved", "Declined"', default: '"Declined"' }],
      rules: [
        [['[18..65)', '"Medium","Low"', 'true', '>= date("2020-01-01")'], ['"Approved"']],
        [['not([18..65))', '-', '-', '-'], ['"Declined"']],
        [['-', 'not("High")', 'false', '-'], ['"Declined"']],
      ],
    },
    { name: 'Points', hit: 'COLLECT', aggregation: 'SUM', inputs: ['Approval Status', 'Age'], rules: [[['"Approved"', '<10, >20'], ['1.5']], [['-', '-'], ['2']]] },
  ],
});

function holds(xml: string): void {
  let r;
  try {
    r = importDmn(xml, { file: 'f.dmn' });
  } catch (e) {
    throw new Error(`importDmn threw ${(e as Error).stack}\non ${JSON.stringify(xml)}`);
  }
  for (const p of r.problems) {
    expect(Object.keys(PROBLEMS), JSON.stringify(p)).toContain(p.code);
    expect(p.at.line, JSON.stringify(p)).toBeGreaterThanOrEqual(1);
    expect(p.message.length).toBeGreaterThan(0);
  }
  if (r.text !== undefined) {
    const c = checkPolicy('f.doudi', mapHost({ 'f.doudi': r.text }));
    expect(c.ir, `${c.diagnostics.map((d) => d.message).join('\n')}\n${r.text}`).toBeDefined();
  }
}

describe('the importer survives damaged files', () => {
  it('the undamaged model imports cleanly', () => {
    const r = importDmn(MODEL);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.imported).toBe(2);
    holds(MODEL);
  });

  it('1,000 random damages: cut, deleted, duplicated or replaced pieces', () => {
    const pieces = ['<', '>', '"', '&', '&amp;', ']]>', '<![CDATA[', '</text>', '<text>', '..', '[', ']', '(', ')', 'not(', '-', ',', 'null', 'date("2020-13-01")', '"x"', '1e5', '¥', '\u0000', '\ud800', '中文', ' '];
    const damage = fc.oneof(
      fc.record({ k: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ k: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ k: fc.constant('insert' as const), at: fc.nat(), piece: fc.constantFrom(...pieces) }),
      fc.record({ k: fc.constant('duplicate' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 200 }) }),
    );
    fc.assert(
      fc.property(fc.array(damage, { minLength: 1, maxLength: 4 }), (ds) => {
        let s = MODEL;
        for (const d of ds) {
          const at = d.at % (s.length + 1);
          if (d.k === 'cut') s = s.slice(0, at);
          else if (d.k === 'delete') s = s.slice(0, at) + s.slice(at + d.n);
          else if (d.k === 'insert') s = s.slice(0, at) + d.piece + s.slice(at);
          else s = s.slice(0, at) + s.slice(at, at + d.n) + s.slice(at);
        }
        holds(s);
      }),
      { numRuns: 1000, seed: 4242 },
    );
  });

  it('hostile files: deep nesting, entities, names that are keywords or collide, huge numbers, empty tables', () => {
    holds(`<definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/">${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</definitions>`);
    holds('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/">&b;</definitions>');
    holds(dmn({ inputs: [['table', 'number'], ['if', 'string'], ['members', 'boolean']], decisions: [{ name: 'table', inputs: ['table', 'if', 'members'], rules: [[['-', '"then"', 'true'], ['"else"']], [['-', '-', '-'], ['"first"']]], hit: 'FIRST' }] }));
    holds(dmn({ inputs: [['n', 'number']], decisions: [{ name: 'd', inputs: ['n'], rules: [[['> 123456789012345678901234567890'], ['1']], [['-'], ['0']]], hit: 'FIRST' }] }));
    holds(dmn({ inputs: [['n', 'number']], decisions: [{ name: 'd', inputs: ['n'], rules: [] }] }));
    holds(dmn({ inputs: [], decisions: [{ name: 'd', inputs: [], rules: [[[], ['1']]] }] }));
    holds(dmn({ inputs: [['x', undefined]], decisions: [{ name: 'd', inputs: ['x'], rules: [[['1'], ['"a"']], [['"b"'], ['"c"']]] }] }));
  });
});
