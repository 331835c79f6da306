/**
 * Populations in files: JSON Lines and the CSV pair read back to the same column bytes, and a file
 * with problems is rejected whole, every problem naming the file, the row and the field.
 */
import { describe, it, expect } from 'vitest';
import { PopulationFileError, fromCsv, fromJsonl, generatePopulation, householdJson, parseCsv, toCsv, toJsonl, type FileProblem, type Population } from '../../simulator/index.ts';
import { expectSameColumns } from '../support/simulator.ts';

const synthetic: Population = { columns: generatePopulation({ region: '440000', year: 2023, households: 2000, seed: 3 }).columns };

/** Runs a reader expected to reject its input; returns the problems. */
function problemsOf(read: () => Population): readonly FileProblem[] {
  let result: Population | undefined;
  try {
    result = read();
  } catch (e) {
    expect(e).toBeInstanceOf(PopulationFileError);
    const err = e as PopulationFileError;
    const first = err.problems[0]!;
    expect(err.message).toContain(`${first.file}:${first.row}:`);
    return err.problems;
  }
  expect.fail(`expected a PopulationFileError; ${result!.columns.households} households were read`);
}

/** Expects a problem with these file, row and field, its message matching. */
const has = (problems: readonly FileProblem[], p: Omit<FileProblem, 'message'> & { message: RegExp }) =>
  expect(problems).toContainEqual({ ...p, message: expect.stringMatching(p.message) });

describe('round trips', () => {
  it('toJsonl → fromJsonl gives the same column bytes, with ids made up from positions', () => {
    const text = toJsonl(synthetic);
    expect(text.split('\n').filter(Boolean)).toHaveLength(2000);
    const back = fromJsonl(text, 'population.jsonl');
    expectSameColumns(synthetic.columns, back.columns);
    expect(back.ids!.households[0]).toBe('H0000001');
    expect(back.ids!.households[1999]).toBe('H0002000');
    expect(back.ids!.persons.at(0)).toBe('H0000001-1');
    expect(back.ids!.persons).toHaveLength(synthetic.columns.persons);
    // and again: the ids are kept now
    expect(toJsonl(back)).toBe(text);
  });

  it('toCsv → fromCsv gives the same column bytes', () => {
    const csv = toCsv(synthetic);
    const back = fromCsv(csv.households, csv.persons);
    expectSameColumns(synthetic.columns, back.columns);
    expect(back.ids!.households[41]).toBe('H0000042');
    const again = toCsv(back);
    expect(again).toEqual(csv);
  });

  it('writes money as yuan and enums as their ids', () => {
    const h = householdJson(synthetic, 0);
    const members = h.members as Record<string, unknown>[];
    expect(members.length).toBe(synthetic.columns.memberStart[1]! - synthetic.columns.memberStart[0]!);
    expect(typeof h.financial_assets).toBe('number');
    expect(h.financial_assets).toBe(synthetic.columns.household.financial_assets![0]! / 100);
    expect(['urban', 'rural']).toContain(h.area);
    expect(['male', 'female']).toContain(members[0]!.sex);
    expect(h.region).toMatch(/^44\d{4}$/);
  });

  it('reads CSV cells with quotes, commas and line breaks', () => {
    expect(parseCsv('a,b\n"x,1","say ""hi""\nthere"\r\n').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['x,1', 'say "hi"\nthere'],
    ]);
  });
});

// A small valid population to corrupt: three households.
const small: Population = { columns: generatePopulation({ region: '310000', year: 2024, households: 3, seed: 11 }).columns };
const lines = () => toJsonl(small).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown> & { members: Record<string, unknown>[] });
const jsonl = (rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

describe('JSON Lines problems', () => {
  it('names the file, row and field of a missing required field', () => {
    const rows = lines();
    delete rows[1]!.members[0]!.age;
    delete rows[2]!.financial_assets;
    const problems = problemsOf(() => fromJsonl(jsonl(rows), 'pop.jsonl'));
    has(problems, { file: 'pop.jsonl', row: 2, field: 'members[0].age', message: /missing/ });
    has(problems, { file: 'pop.jsonl', row: 3, field: 'financial_assets', message: /missing/ });
  });

  it('names an unknown enum value and lists the allowed ones', () => {
    const rows = lines();
    rows[0]!.members[0]!.sex = 'unknown';
    rows[2]!.area = '城里';
    const problems = problemsOf(() => fromJsonl(jsonl(rows), 'pop.jsonl'));
    has(problems, { file: 'pop.jsonl', row: 1, field: 'members[0].sex', message: /"unknown" is not one of male, female/ });
    has(problems, { file: 'pop.jsonl', row: 3, field: 'area', message: /urban, rural/ });
  });

  it('rejects a negative money amount', () => {
    const rows = lines();
    rows[1]!.members[0]!.wage_income = -5;
    const problems = problemsOf(() => fromJsonl(jsonl(rows), 'pop.jsonl'));
    expect(problems).toEqual([{ file: 'pop.jsonl', row: 2, field: 'members[0].wage_income', message: expect.stringMatching(/negative/) }]);
  });

  it('rejects duplicate household ids', () => {
    const rows = lines();
    rows[2]!.household_id = rows[0]!.household_id;
    for (const m of rows[2]!.members) m.household_id = rows[0]!.household_id;
    rows[2]!.members.forEach((m, i) => (m.person_id = `other-${i}`));
    const problems = problemsOf(() => fromJsonl(jsonl(rows), 'pop.jsonl'));
    has(problems, { file: 'pop.jsonl', row: 3, field: 'household_id', message: /H0000001 appears twice \(first on line 1\)/ });
  });

  it('rejects a line that is not JSON', () => {
    const rows: unknown[] = lines();
    rows.splice(1, 0, '{"household_id": "x", ');
    const problems = problemsOf(() => fromJsonl(jsonl(rows), 'pop.jsonl'));
    expect(problems).toHaveLength(1);
    has(problems, { file: 'pop.jsonl', row: 2, field: '', message: /not valid JSON/ });
  });

  it('reports every problem of a rejected file, not just the first', () => {
    const rows: unknown[] = lines();
    (rows[0] as { members: Record<string, unknown>[] }).members[0]!.wage_income = -1;
    (rows[1] as Record<string, unknown>).vehicles = 'two';
    rows.push('not json');
    const err = (() => {
      try {
        fromJsonl(jsonl(rows), 'pop.jsonl');
      } catch (e) {
        return e as PopulationFileError;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(PopulationFileError);
    expect(err!.problems.map((p) => [p.row, p.field])).toEqual([
      [1, 'members[0].wage_income'],
      [2, 'vehicles'],
      [4, ''],
    ]);
    expect(err!.message).toMatch(/^pop\.jsonl:1: field members\[0\]\.wage_income .*negative.*\(and 2 more problems\)$/);
  });
});

describe('CSV problems', () => {
  const csv = toCsv(small);
  const H = 'households.csv';
  const P = 'persons.csv';
  /** Replaces the cell of a column in a data row (1-based line of the file). */
  const edit = (text: string, line: number, column: string, value: string) => {
    const rows = text.trim().split('\n').map((l) => l.split(','));
    const at = rows[0]!.indexOf(column);
    expect(at, column).toBeGreaterThanOrEqual(0);
    rows[line - 1]![at] = value;
    return rows.map((r) => r.join(',')).join('\n') + '\n';
  };

  it('names a missing column and a missing (empty) field', () => {
    const rows = csv.persons.trim().split('\n').map((l) => l.split(','));
    const at = rows[0]!.indexOf('age');
    const without = rows.map((r) => r.filter((_, i) => i !== at).join(',')).join('\n');
    has(problemsOf(() => fromCsv(csv.households, without)), { file: P, row: 1, field: 'age', message: /column is missing/ });
    has(problemsOf(() => fromCsv(csv.households, edit(csv.persons, 3, 'age', ''))), { file: P, row: 3, field: 'age', message: /whole number/ });
  });

  it('reads a version-1 file (no schema version 2 columns) with the documented defaults', () => {
    const drop = (text: string, ids: string[]) => {
      const rows = text.trim().split('\n').map((l) => l.split(','));
      const keep = rows[0]!.map((c, i) => (ids.includes(c) ? -1 : i)).filter((i) => i >= 0);
      return rows.map((r) => keep.map((i) => r[i]).join(',')).join('\n') + '\n';
    };
    const v1 = fromCsv(drop(csv.households, ['hukou_area', 'last_dibao_status']), drop(csv.persons, ['poverty_alleviated', 'relapse_monitoring', 'child_status', 'entitled_group', 'unemployment_insurance', 'institutional_care']));
    const c = v1.columns;
    expect(Array.from(c.household.hukou_area!)).toEqual(Array.from(c.household.area!));
    const expected = Array.from(c.household.dibao_last_month!, (d) => (d ? 1 : 0));
    expect(Array.from(c.household.last_dibao_status!)).toEqual(expected);
    expect(c.person.child_status!.every((v) => v === 0)).toBe(true);
  });

  it('names an unknown enum value', () => {
    const problems = problemsOf(() => fromCsv(edit(csv.households, 2, 'area', 'suburb'), csv.persons));
    has(problems, { file: H, row: 2, field: 'area', message: /"suburb" is not one of urban, rural/ });
  });

  it('names a person whose household is absent', () => {
    const problems = problemsOf(() => fromCsv(csv.households, edit(csv.persons, 2, 'household_id', 'H9999999')));
    has(problems, { file: P, row: 2, field: 'household_id', message: /no household H9999999 in households\.csv/ });
  });

  it('rejects a negative money amount', () => {
    const problems = problemsOf(() => fromCsv(edit(csv.households, 3, 'financial_assets', '-100.50'), csv.persons));
    has(problems, { file: H, row: 3, field: 'financial_assets', message: /negative/ });
  });

  it('rejects duplicate household ids', () => {
    const problems = problemsOf(() => fromCsv(edit(csv.households, 3, 'household_id', 'H0000001'), csv.persons));
    has(problems, { file: H, row: 3, field: 'household_id', message: /H0000001 appears twice/ });
  });

  it('reports every problem across both files, with the file names given', () => {
    let hh = edit(csv.households, 2, 'area', 'x');
    hh = edit(hh, 4, 'vehicles', '-1');
    const pp = edit(edit(csv.persons, 2, 'sex', 'y'), 3, 'household_id', 'nope');
    const problems = problemsOf(() => fromCsv(hh, pp, { households: 'in/h.csv', persons: 'in/p.csv' }));
    expect(problems.map((p) => `${p.file}:${p.row}:${p.field}`)).toEqual(['in/h.csv:2:area', 'in/h.csv:4:vehicles', 'in/p.csv:2:sex', 'in/p.csv:3:household_id']);
  });
});
