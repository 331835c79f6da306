/**
 * Decision tables, hit policy by hit policy: what the checker reports, what the interpreter and the
 * compiled module give (they must agree), what an explanation says — and the reference's examples,
 * which are quoted from docs/examples/tables.doudi.
 */
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import { rules, check, codes, expectDiagnostic, expectClean, compile, HEADER } from '../support/policies.ts';
import { evaluateHousehold, readHousehold, runTests, checkPolicy, rational as Q, type EvalError, type PolicyIR, type Scalar } from '../../language/index.ts';
import { fsHost } from '../support/policies.ts';

/** A household of the given fields with one member of the given fields (schema defaults elsewhere). */
function household(fields: Record<string, unknown> = {}, member: Record<string, unknown> = {}) {
  const base = { household_id: 'T1', weight: 1, region: '310000', area: 'urban', hukou_local: true, residence_permit: false, financial_assets: 0, vehicles: 0, houses: 0, medical_costs: 0, education_costs: 0, emergency_cost: 0, dibao_last_month: false, last_benefit: 0, grace_months_used: 0 };
  const person = { person_id: 'T1-1', household_id: 'T1', relation: 'head', age: 40, sex: 'male', co_resident: true, excluded_status: 'none', student: false, work_ability: 'full', disability_grade: 0, disability_type: 'none', catastrophic_illness: false, self_care: 'full', employed: false, wage_income: 0, business_income: 0, property_income: 0, transfer_income: 0, basic_pension: 0, excluded_income: 0, has_capable_supporter: false };
  return { ...base, ...fields, members: [{ ...person, ...member }] };
}

const text = (v: Scalar | unknown): string => (typeof v === 'object' && v !== null ? Q.toText(v as Q.Rational) : String(v));

/**
 * Output `id` for a household by the interpreter (with its explanation's reasons) and by the
 * compiled module, which must agree: the same value, or both an error at the same table.
 */
function both(ir: PolicyIR, id: string, raw: ReturnType<typeof household>) {
  const hh = readHousehold(raw).household!;
  let value: string;
  let because: readonly string[] = [];
  try {
    const r = evaluateHousehold(ir, hh, { date: '2024-07-01', explain: true });
    value = text(r.values[id]);
    because = r.explanation!.find((n) => n.id === id)!.because;
  } catch (e) {
    value = `error: ${(e as EvalError).message}`;
  }
  let compiled: string;
  try {
    const v = compile(ir).evaluate(structuredClone(raw), { date: '2024-07-01' }).outputs[id];
    compiled = typeof v === 'number' ? Q.toText(Q.fromDecimalNumber(v)) : String(v);
  } catch (e) {
    compiled = `error: ${(e as Error).message}`;
  }
  if (value.startsWith('error')) expect(compiled, `interpreted ${value}`).toMatch(new RegExp(`^error: \\w+ ${value.match(/table at line \d+/)![0]}`));
  else expect(compiled, `compiled ${compiled}, interpreted ${value}`).toBe(value);
  return { value, because };
}

describe('hit policies', () => {
  const policy = (hit: string, result: string, rows: string, extra = '') =>
    expectClean(check(`${HEADER}
enum level { high, mid, low }
parameter cut : integer [d] from 2024-01-01 = 2
${extra}output r : ${result} [d] =
  table ${hit} (houses, vehicles)
${rows}`));

  it('any: overlapping rows that agree are fine; the first matching row gives the value', () => {
    const ir = policy('any', 'level', '    | 0    | -    => high\n    | -    | 0    => high\n    | >= 1 | >= 1 => low\n');
    expect(both(ir, 'r', household({ houses: 0, vehicles: 0 }))).toEqual({ value: 'high', because: ['table rows 1, 2 (any: the same result); row 1 (line 10)'] });
    expect(both(ir, 'r', household({ houses: 2, vehicles: 3 })).value).toBe('low');
  });

  it('any: rows that can both match with different constant results are reported with an input', () => {
    const r = check(`${HEADER}\noutput r : integer [d] =\n  table any (houses)\n    | >= 1 => 1\n    | <= 2 => 2\n`);
    expect(expectDiagnostic(r, 'table-any-conflict').message).toBe('rows 1 and 2 of this any table both match (1) and give different results; an any table\'s matching rows must agree');
  });

  it('any: a disagreement the checker cannot see is an evaluation error naming the rows, in both engines', () => {
    const ir = expectClean(check(`${HEADER}\nparameter cut : integer [d] from 2024-01-01 = 2\noutput r : integer [d] =\n  table any (houses)\n    | >= cut => 1\n    | >= 1   => houses\n  else 0\n`));
    expect(both(ir, 'r', household({ houses: 1 })).value).toBe('1');
    expect(both(ir, 'r', household({ houses: 3 })).value).toMatch(/^error: any table at line \d+: rows 1 and 2 both match and give different results \(1, 3\)/);
    expect(both(ir, 'r', household({ houses: 2 })).value).toMatch(/^error/);
  });

  it('priority: the result first in the enum’s order wins, whatever the row order; ties go to the earlier row', () => {
    const ir = policy('priority', 'level', '    | -    | -    => low\n    | >= 1 | -    => mid\n    | -    | >= 1 => high\n');
    expect(both(ir, 'r', household({ houses: 1, vehicles: 1 }))).toEqual({ value: 'high', because: ['table rows 1, 2, 3; priority: row 3 (line 12) (high)'] });
    expect(both(ir, 'r', household({ houses: 1 })).value).toBe('mid');
    expect(both(ir, 'r', household()).value).toBe('low');
  });

  it('priority: results that are computed are ranked when the household is evaluated', () => {
    const ir = expectClean(check(`${HEADER}\nenum level { high, mid, low }\nhousehold basis : level [d] = if vehicles > 0 then high else low\noutput r : level [d] =\n  table priority (houses)\n    | >= 1 => basis\n    | -    => mid\n`));
    expect(both(ir, 'r', household({ houses: 1, vehicles: 1 })).value).toBe('high');
    expect(both(ir, 'r', household({ houses: 1 })).value).toBe('mid');
  });

  it('priority needs enum results; collect sum, min and max numbers', () => {
    expect(expectDiagnostic(rules`output r : integer [d] =\n  table priority (houses)\n    | - => 1\n`, 'type-mismatch').message).toContain('priority table');
    expect(expectDiagnostic(rules`output r : bool [d] =\n  table collect min (houses)\n    | - => true\n`, 'type-mismatch').message).toContain('collect min table');
  });

  it('collect min and max: the least or greatest matching result, exactly; else when none matches', () => {
    const rows = '    | >= 1 | -    => 1/3\n    | -    | >= 1 => 0.3\n    | -    | -    => 2\n';
    const min = policy('collect min', 'number', rows);
    expect(both(min, 'r', household({ houses: 1, vehicles: 1 }))).toEqual({ value: '3/10', because: ['table rows 1, 2, 3; least: row 2 (line 11)'] });
    const max = policy('collect max', 'number', rows);
    expect(both(max, 'r', household({ houses: 1 })).value).toBe('2');
    const money = expectClean(rules`parameter p : money/month [d] from 2024-01-01 = ¥100.50\noutput r : money/month [d] =\n  table collect max (houses)\n    | >= 1 => p\n    | >= 2 => ¥99.99\n  else ¥0\n`);
    expect(both(money, 'r', household({ houses: 2 })).value).toBe('201/2');
    expect(both(money, 'r', household()).value).toBe('0');
  });

  it('collect count: how many rows match (0, or else, when none does); its results are not used', () => {
    const ir = policy('collect count', 'integer', '    | 0 | -    => level.high\n    | - | 0    => level.low\n    | - | >= 5 => level.mid\n');
    expect(both(ir, 'r', household())).toEqual({ value: '2', because: ['table rows 1, 2'] });
    expect(both(ir, 'r', household({ houses: 1, vehicles: 1 })).value).toBe('0');
    const withElse = expectClean(rules`output r : integer [d] =\n  table collect count (houses)\n    | >= 1 => 1\n  else 7\n`);
    expect(both(withElse, 'r', household()).value).toBe('7');
    expectDiagnostic(rules`output r : integer [d] =\n  table collect count (houses)\n    | >= 1 => 1\n  else 0.5\n`, 'type-mismatch');
  });

  it('a table that needs a row for every input says which input has none — any, priority, collect min and max too', () => {
    for (const hit of ['any', 'priority', 'collect min', 'collect max']) {
      const result = hit === 'priority' ? 'level' : 'integer';
      const value = hit === 'priority' ? 'high' : '1';
      const r = check(`${HEADER}\nenum level { high, low }\noutput r : ${result} [d] =\n  table ${hit} (houses)\n    | >= 1 => ${value}\n`);
      expect(expectDiagnostic(r, 'table-incomplete').message, hit).toBe('no row matches (0); add a row for it, or an else result');
    }
    expectClean(rules`output r : integer [d] =\n  table collect sum (houses)\n    | >= 1 => 1\n`);
  });

  it('refuses list-valued hit policies and unknown words, in both languages', () => {
    for (const hit of ['rule order', 'output order', 'collect', '规则顺序', '输出顺序', '汇总'])
      expect(codes(rules`output r : integer [d] =\n  table ${hit} (houses)\n    | - => 1\n`), hit).toEqual(['table-list-valued']);
    expect(expectDiagnostic(rules`output r : integer [d] =\n  table everything (houses)\n    | - => 1\n`, 'table-hit-policy').message).toMatch(/^"everything" is no hit policy; write unique, first, any, priority/);
    expect(codes(rules`output r : integer [d] =\n  table collect median (houses)\n    | - => 1\n`)).toEqual(['table-hit-policy']);
  });

  it('keeps the words free elsewhere: any(members …) is a function, priority a name', () => {
    expectClean(rules`household priority : integer [d] = 1\nhousehold some : bool [d] = any(members where age > 60)\noutput r : integer [d] =\n  table any (some)\n    | true => priority\n    | - => 0\n`);
  });
});

describe('ranges that leave an end out', () => {
  it('are checked for overlaps and gaps as exactly as closed ones', () => {
    // [500, 1000) and 1000 do not overlap; (1000, 2000) and 2000 do not either; nothing is left out.
    expectClean(rules`output band : integer [d] =\n  table unique (financial_assets)\n    | < ¥500         => 1\n    | ¥500..<¥1000   => 2\n    | ¥1000<..<¥2000 => 3\n    | ¥1000, ¥2000   => 4\n    | > ¥2000        => 5\n`);
    expect(expectDiagnostic(rules`output band : integer [d] =\n  table unique (financial_assets)\n    | < ¥500     => 1\n    | ¥500..¥1000 => 2\n    | ¥1000..<¥2000 => 3\n    | >= ¥2000   => 4\n`, 'table-overlap').message).toBe('rows 2 and 3 of this unique table both match (¥1000)');
  });

  it('evaluate with their ends left out, in both engines', () => {
    const ir = expectClean(rules`output band : integer [d] =\n  table unique (financial_assets)\n    | < ¥500         => 1\n    | ¥500..<¥1000   => 2\n    | ¥1000<..<¥2000 => 3\n    | ¥1000, ¥2000   => 4\n    | > ¥2000        => 5\n`);
    const at = (v: number) => both(ir, 'band', household({ financial_assets: v })).value;
    expect([at(499.99), at(500), at(999.99), at(1000), at(1000.01), at(2000), at(2000.01)]).toEqual(['1', '2', '2', '4', '3', '4', '5']);
  });

  it('are refused on yes/no and enum columns, as closed ones are', () => {
    expectDiagnostic(rules`output r : integer [d] =\n  table first (area)\n    | urban..<rural => 1\n    | - => 0\n`, 'table-cell');
  });
});

describe('the reference’s examples (docs/examples/tables.doudi)', () => {
  it('check cleanly and their tests pass, interpreted and compiled', () => {
    const r = checkPolicy('docs/examples/tables.doudi', fsHost);
    const ir = expectClean(r);
    const report = runTests(ir);
    expect(report.results.map((x) => [x.name, x.ok])).toEqual(report.results.map((x) => [x.name, true]));
    expect(report.results.length).toBeGreaterThanOrEqual(2);
  });

  it('are quoted in docs/language.md as written', () => {
    const doc = fs.readFileSync('docs/language.md', 'utf8');
    const source = fs.readFileSync('docs/examples/tables.doudi', 'utf8');
    const section = doc.slice(doc.indexOf('**Decision tables**'), doc.indexOf('Older examples, from the shipped policies'));
    const blocks = [...section.matchAll(/```doudi\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    for (const block of blocks) for (const decl of block.split(/\n\n/)) expect(source, decl).toContain(decl.trim());
  });
});
