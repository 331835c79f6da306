/** `importDmn`: what a DMN model becomes, what it refuses (named by element id), and how the result evaluates. */
import { describe, it, expect } from 'vitest';
import { importDmn } from '../../language/dmn/index.ts';
import { dmn, imported, problems, codesOf, run, type ModelSpec } from './support.ts';

const APPROVAL = {
  inputs: [['Age', 'number'], ['Risk Category', 'string'], ['isAffordable', 'boolean']] as const,
  decisions: [
    {
      name: 'Approval Status',
      inputs: ['Age', { text: 'Risk Category', values: '"High", "Low", "Medium"' }, 'isAffordable'],
      outputs: [{ values: '"Approved", "Declined"' }],
      rules: [
        [['>=18', '"Medium","Low"', 'true'], ['"Approved"']],
        [['<18', '"Medium","Low"', 'true'], ['"Declined"']],
        [['-', '"High"', 'true'], ['"Declined"']],
        [['-', '-', 'false'], ['"Declined"']],
      ],
    },
  ],
} as const;

describe('a DMN model as a Doudi policy', () => {
  it('imports input data as inputs, text as enums, the table row by row, and cites the DMN ids', () => {
    const r = imported(APPROVAL);
    expect(codesOf(r)).toEqual([]);
    expect(r.text).toContain('input Age : number = 0 [dmn input data i1 "Age"]');
    expect(r.text).toContain('enum Risk_Category { High, Low, Medium }');
    expect(r.text).toContain('output Approval_Status "Approval Status" : Approval_Status [dmn decision d1 "Approval Status"] =');
    expect(r.text).toMatch(/\| >= 18 \| Low, Medium \| true\s+=> Approved\s+# rule d1-r1/);
    expect(r.inputs.map((i) => i.name)).toEqual(['Age', 'Risk_Category', 'isAffordable']);
    expect(r.outputs).toEqual([{ decision: 'Approval Status', element: 'd1', name: 'Approval_Status', kind: 'string', values: { Approved: 'Approved', Declined: 'Declined' } }]);
    expect(run(r.ir!, { Age: '18', Risk_Category: 'Medium', isAffordable: 'true' }).Approval_Status).toBe('Approved');
    expect(run(r.ir!, { Age: '17.99', Risk_Category: 'Low', isAffordable: 'true' }).Approval_Status).toBe('Declined');
  });

  it('is deterministic: the same file gives the same bytes', () => {
    expect(importDmn(dmn(APPROVAL)).text).toBe(importDmn(dmn(APPROVAL)).text);
  });

  it('splits a rule whose test needs several cells into disjoint rows, so unique and collect count it once', () => {
    const r = imported({
      inputs: [['n', 'number']],
      decisions: [
        { name: 'band', hit: 'UNIQUE', inputs: ['n'], rules: [[['<10, >20'], ['"outside"']], [['[10..20]'], ['"inside"']]] },
        { name: 'points', hit: 'COLLECT', aggregation: 'SUM', inputs: ['n'], rules: [[['not([0..5])'], ['1']], [['>= 0'], ['10']]] },
      ],
    });
    expect(codesOf(r)).toEqual([]);
    expect(r.text).toMatch(/\| < 10\s+=> outside\s+# rule d1-r1 \(1 of 2\)/);
    expect(r.text).toMatch(/\| > 20\s+=> outside\s+# rule d1-r1 \(2 of 2\)/);
    expect(run(r.ir!, { n: '25' })).toEqual({ band: 'outside', points: '11' });
    expect(run(r.ir!, { n: '15' })).toEqual({ band: 'inside', points: '11' });
    expect(run(r.ir!, { n: '-1' })).toEqual({ band: 'outside', points: '1' });
    expect(run(r.ir!, { n: '3' })).toEqual({ band: 'outside', points: '10' });
  });

  it('reads schema fields when a name and type match, and renames what would clash with Doudi', () => {
    const r = imported({
      inputs: [['area', 'string'], ['houses', 'number'], ['age', 'number'], ['table', 'number']],
      decisions: [{ name: 'kind', hit: 'FIRST', inputs: ['area', 'houses', 'age', 'table'], rules: [[['"urban"', '>= 1', '< 18', '-'], ['1']], [['-', '-', '-', '-'], ['2']]] }],
    });
    expect(r.inputs.map((i) => [i.dmn, i.name, i.field])).toEqual([['area', 'area', true], ['houses', 'houses', true], ['age', 'age_input', false], ['table', 'table_input', false]]);
    expect(codesOf(r, 'info')).toEqual(['dmn-renamed', 'dmn-renamed']);
    expect(r.text).toContain('table first (area, houses, age_input, table_input)');
  });

  it('imports decisions that read other decisions, in the order they need', () => {
    const r = imported({
      inputs: [['income', 'number']],
      decisions: [
        { name: 'Benefit', hit: 'UNIQUE', inputs: ['Eligible'], rules: [[['true'], ['100']], [['false'], ['0']]] },
        { name: 'Eligible', hit: 'UNIQUE', inputs: ['income'], rules: [[['< 1000'], ['true']], [['>= 1000'], ['false']]] },
      ],
    });
    expect(codesOf(r)).toEqual([]);
    expect(r.text!.indexOf('output Eligible')).toBeLessThan(r.text!.indexOf('output Benefit'));
    expect(run(r.ir!, { income: '999.99' })).toEqual({ Eligible: 'true', Benefit: '100' });
  });

  it('defaults: DMN default outputs become else; a table DMN would leave null is named, and --default supplies its result', () => {
    const model: ModelSpec = { inputs: [['age', 'number']], decisions: [{ name: 'Advertisement', hit: 'FIRST', inputs: ['age'], rules: [[['>18'], ['"Cars"']], [['>0'], ['"Toys"']]] }] };
    const none = imported(model);
    expect(none.text).toBeUndefined();
    expect(problems(none).join('\n')).toMatch(/error dmn-no-default: t1 \(decision table of decision "Advertisement"\): no rule matches age_input = -1, where DMN gives null.*--default Advertisement=VALUE/);
    const keyed = imported(model, { defaults: [{ key: 'Advertisement', value: '"none"' }] });
    expect(codesOf(keyed)).toEqual([]);
    expect(keyed.text).toContain('enum Advertisement { Cars, Toys, none }');
    expect(run(keyed.ir!, { age_input: '0' }).Advertisement).toBe('none');
    const general = imported(model, { defaults: [{ value: 'nothing' }] });
    expect(run(general.ir!, { age_input: '0' }).Advertisement).toBe('nothing');
    const wrong = imported(model, { defaults: [{ key: 'Advert', value: 'x' }] });
    expect(problems(wrong).join('\n')).toMatch(/dmn-default: --default Advert=…: "Advert" names no output/);
  });

  it('several outputs: one Doudi output per DMN output, each with its default', () => {
    const r = imported({
      inputs: [['Age', 'number']],
      decisions: [
        {
          name: 'Approval',
          hit: 'UNIQUE',
          inputs: ['Age'],
          outputs: [{ name: 'Status', typeRef: 'string', default: '"Declined"' }, { name: 'Rate', typeRef: 'string', default: '"Standard"' }],
          rules: [[['>=18'], ['"Approved"', '"Best"']]],
        },
      ],
    });
    expect(r.outputs.map((o) => [o.output, o.name])).toEqual([['Status', 'Approval_Status'], ['Rate', 'Approval_Rate']]);
    expect(run(r.ir!, { Age: '20' })).toEqual({ Approval_Status: 'Approved', Approval_Rate: 'Best' });
    expect(run(r.ir!, { Age: '2' })).toEqual({ Approval_Status: 'Declined', Approval_Rate: 'Standard' });
  });
});

describe('what the importer refuses, named by element id', () => {
  it('list-valued hit policies', () => {
    for (const hit of ['RULE ORDER', 'OUTPUT ORDER', 'COLLECT']) {
      const r = importDmn(dmn({ inputs: [['n', 'number']], decisions: [{ name: 'L', hit, inputs: ['n'], rules: [[['-'], ['1']]] }] }));
      expect(r.text).toBeUndefined();
      expect(problems(r)).toEqual([expect.stringMatching(new RegExp(`test.dmn:5: error dmn-list-valued: t1 \\(decision table of decision "L"\\): hit policy ${hit}.* returns a list`))]);
    }
  });

  it('decisions that are not tables, cells beyond literals, unknown names, and what depends on them', () => {
    const r = importDmn(
      dmn({
        inputs: [['n', 'number']],
        decisions: [
          { name: 'lit', literal: 'n * 2' },
          { name: 'bad cell', inputs: ['n'], rules: [[['> m'], ['1']]] },
          { name: 'bad input', inputs: ['n + 1'], rules: [[['-'], ['1']]] },
          { name: 'unknown', inputs: ['p'], rules: [[['-'], ['1']]] },
          { name: 'reads lit', inputs: ['lit'], rules: [[['-'], ['1']]] },
          { name: 'fine', inputs: ['n'], rules: [[['-'], ['1']]] },
        ],
      }),
      { file: 'test.dmn' },
    );
    const text = problems(r).join('\n');
    expect(text).toMatch(/error dmn-logic: d1 \(decision "lit"\): its logic is a literalExpression/);
    expect(text).toMatch(/error dmn-feel: d2-r1-i1 \(input entry 1 of rule 1 of decision "bad cell"\): "> m": the name m/);
    expect(text).toMatch(/error dmn-feel: input expression 1 of decision "bad input": the input expression "n \+ 1"/);
    expect(text).toMatch(/error dmn-name: .*"p" names no input data and no decision/);
    expect(text).toMatch(/error dmn-needs: .*reads decision "lit", which could not be imported/);
    expect(r.imported).toBe(1);
    expect(r.text).toContain('#   not imported: decision "lit" (d1): dmn-logic');
    expect(r.text).toContain('output fine');
  });

  it('files that are not DMN, with the line and column', () => {
    expect(problems(importDmn('<definitions><decision></definitions>'))[0]).toMatch(/^test.dmn:1: error dmn-xml: the file: not well-formed XML at line 1, column \d+: /);
    expect(problems(importDmn('<?xml version="1.0"?>\n<html/>'))[0]).toMatch(/error dmn-not-dmn: .*<html>.*DMN model namespace/);
    expect(problems(importDmn(''))[0]).toMatch(/dmn-xml/);
  });
});

describe('every hit policy the language has', () => {
  it('imports ANY, PRIORITY and COLLECT MIN/MAX/COUNT as the same hit policies', () => {
    const r = imported({
      inputs: [['n', 'number']],
      decisions: [
        { name: 'a', hit: 'ANY', inputs: ['n'], rules: [[['>= 0'], ['"yes"']], [['> 5'], ['"yes"']], [['< 0'], ['"no"']]] },
        { name: 'p', hit: 'PRIORITY', inputs: ['n'], outputs: [{ values: '"high", "low"' }], rules: [[['-'], ['"low"']], [['> 5'], ['"high"']]] },
        { name: 'lo', hit: 'COLLECT', aggregation: 'MIN', inputs: ['n'], rules: [[['-'], ['10.5']], [['> 5'], ['2.25']]] },
        { name: 'hi', hit: 'COLLECT', aggregation: 'MAX', inputs: ['n'], rules: [[['-'], ['10.5']], [['> 5'], ['20']]] },
        { name: 'c', hit: 'COLLECT', aggregation: 'COUNT', inputs: ['n'], rules: [[['-'], ['"x"']], [['> 5'], ['"y"']], [['> 7'], ['"x"']]] },
      ],
    });
    expect(codesOf(r)).toEqual([]);
    for (const hit of ['table any', 'table priority', 'table collect min', 'table collect max', 'table collect count']) expect(r.text).toContain(hit);
    expect(run(r.ir!, { n: '6' })).toEqual({ a: 'yes', p: 'high', lo: '9/4', hi: '20', c: '2' });
    expect(run(r.ir!, { n: '-1' })).toEqual({ a: 'no', p: 'low', lo: '21/2', hi: '21/2', c: '1' });
  });

  it('names a DMN ANY table whose overlapping rules disagree, with the input', () => {
    const r = imported({ inputs: [['n', 'number']], decisions: [{ name: 'a', hit: 'ANY', inputs: ['n'], rules: [[['>= 0'], ['1']], [['> 5'], ['2']], [['< 0'], ['0']]] }] });
    expect(problems(r).join('\n')).toMatch(/error dmn-check: d1 \(decision "a"\): the translation does not check \(line \d+\): rows 1 and 2 of this any table both match \(6\) and give different results/);
  });

  it('imports a decision table with open and half-open ranges as Doudi ranges', () => {
    const r = imported({
      inputs: [['income', 'number']],
      decisions: [{ name: 'band', hit: 'UNIQUE', inputs: ['income'], rules: [[['< 500'], ['1']], [['[500..1000)'], ['2']], [['(1000..2000)'], ['3']], [['1000, 2000'], ['4']], [['> 2000'], ['5']]] }],
    });
    expect(codesOf(r)).toEqual([]);
    expect(r.text).toContain('| 500..<1000');
    expect(r.text).toContain('| 1000<..<2000');
    expect(['499.99', '500', '999.99', '1000', '1000.01', '2000', '2000.01'].map((x) => run(r.ir!, { income: x }).band)).toEqual(['1', '2', '2', '4', '3', '4', '5']);
  });
});
