/**
 * Population files on disk, read by the command line's fast readers (cli/files/: the CSV pair and
 * a Parquet pair through DuckDB, JSON Lines streamed) and written in pieces: the same column bytes
 * and ids as the population written, every problem with file, line (or row) and field, and the
 * regressions of issue 12 (items 1, 2 and 7).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, it, expect } from 'vitest';
import { generatePopulation, PopulationFileError, populationJsonl, personsCsv, toCsv, toJsonl, fromJsonl, fromCsv, type FileProblem, type Population, Simulator } from '../../simulator/index.ts';
import { locatePopulation, readPopulationFiles, writePopulationFiles } from '../../cli/files/index.ts';
import { expectSameColumns, policyEntry, SHANGHAI } from '../support/simulator.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-files-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const folder = () => path.join(tmp, `p${++n}`);

const synthetic: Population = { columns: generatePopulation({ region: '310000', year: 2024, households: 1500, seed: 5 }).columns };

async function read(p: string): Promise<Population> {
  return readPopulationFiles(locatePopulation(p));
}

async function problemsOf(p: string): Promise<readonly FileProblem[]> {
  try {
    const pop = await read(p);
    expect.fail(`expected a PopulationFileError; ${pop.columns.households} households were read`);
  } catch (e) {
    if (!(e instanceof PopulationFileError)) throw e;
    return e.problems;
  }
}

const has = (problems: readonly FileProblem[], p: Omit<FileProblem, 'message'> & { message: RegExp }) => expect(problems).toContainEqual({ ...p, message: expect.stringMatching(p.message) });

/** A CSV pair written from text, in a fresh folder. */
function csvPair(households: string, persons: string): { dir: string; h: string; p: string } {
  const dir = folder();
  fs.mkdirSync(dir);
  const h = path.join(dir, 'households.csv');
  const p = path.join(dir, 'persons.csv');
  fs.writeFileSync(h, households);
  fs.writeFileSync(p, persons);
  return { dir, h, p };
}

describe('round trips through every format', () => {
  for (const format of ['csv', 'jsonl', 'parquet'] as const) {
    it(`${format}: written in pieces and read back to the same column bytes and ids`, async () => {
      const dir = folder();
      const written = await writePopulationFiles(synthetic, dir, format);
      expect(written.every((f) => fs.existsSync(f) && !f.endsWith('.partial'))).toBe(true);
      expect(fs.readdirSync(dir).some((f) => f.includes('partial'))).toBe(false);
      const back = await read(dir);
      expectSameColumns(synthetic.columns, back.columns);
      expect(back.ids!.households[0]).toBe('H0000001');
      expect(back.ids!.persons.at(synthetic.columns.persons - 1)).toBe(`H0001500-${synthetic.columns.memberStart[1500]! - synthetic.columns.memberStart[1499]!}`);
      // and out again: the ids are kept now, and the files are the same
      const again = folder();
      await writePopulationFiles(back, again, format);
      for (const f of fs.readdirSync(dir)) if (!f.endsWith('.parquet')) expect(fs.readFileSync(path.join(again, f)).equals(fs.readFileSync(path.join(dir, f))), f).toBe(true);
    });
  }

  it('the DuckDB reader and the papaparse reader give the same bytes from the same CSV', async () => {
    const csv = toCsv(synthetic);
    const { dir } = csvPair(csv.households, csv.persons);
    expectSameColumns((await read(dir)).columns, fromCsv(csv.households, csv.persons).columns);
  });

  it('persons in any order are grouped by household, in file order within each', async () => {
    const csv = toCsv(synthetic);
    const [head, ...rows] = csv.persons.trim().split('\n');
    const shuffled = [head, ...rows.slice().reverse()].join('\n') + '\n';
    const { dir } = csvPair(csv.households, shuffled);
    const back = await read(dir);
    expect(back.columns.memberStart).toEqual(synthetic.columns.memberStart);
    // members within a household now come in reverse
    const first = synthetic.columns.memberStart[1]! - 1;
    expect(back.ids!.persons.at(0)).toBe(`H0000001-${first + 1}`);
    expect(back.columns.person.age![0]).toBe(synthetic.columns.person.age![first]);
  });

  it('accepts a UTF-8 byte order mark at the start of each file', async () => {
    const csv = toCsv(synthetic);
    const { dir } = csvPair('\uFEFF' + csv.households, '\uFEFF' + csv.persons);
    expectSameColumns((await read(dir)).columns, synthetic.columns);
    const jsonl = path.join(folder() + '.jsonl');
    fs.writeFileSync(jsonl, '\uFEFF' + toJsonl(synthetic));
    expectSameColumns((await read(jsonl)).columns, synthetic.columns);
  });

  it('writes in pieces of bounded size, never one string per file (issue 12.1)', () => {
    // A piece ends at the first line (or household) past the size asked for.
    const longest = (text: string) => Math.max(...text.split('\n').map((l) => l.length + 1));
    const pieces = [...populationJsonl(synthetic, 4096)];
    expect(pieces.length).toBeGreaterThan(100);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(4096 + longest(toJsonl(synthetic)));
    expect(pieces.join('')).toBe(toJsonl(synthetic));
    const csvPieces = [...personsCsv(synthetic, 4096)];
    expect(csvPieces.length).toBeGreaterThan(10);
    expect(Math.max(...csvPieces.map((p) => p.length))).toBeLessThanOrEqual(4096 + 10 * longest(toCsv(synthetic).persons));
  });
});

describe('problems name the file, the line and the field', () => {
  const small: Population = { columns: generatePopulation({ region: '310000', year: 2024, households: 4, seed: 11 }).columns };
  const csv = toCsv(small);
  const lines = (text: string) => text.trim().split('\n');
  const edit = (text: string, line: number, column: string, value: string) => {
    const rows = lines(text).map((l) => l.split(','));
    rows[line - 1]![rows[0]!.indexOf(column)] = value;
    return rows.map((r) => r.join(',')).join('\n') + '\n';
  };

  it('values, with lines counted across blank lines and line breaks in quoted cells', async () => {
    const hh = lines(edit(edit(csv.households, 3, 'financial_assets', '1.005'), 4, 'area', '"sub\nurb"'));
    hh.splice(2, 0, '');
    const { dir, h, p } = csvPair(hh.join('\n') + '\n', edit(csv.persons, 3, 'sex', 'x'));
    const problems = await problemsOf(dir);
    expect(problems.map((x) => `${x.file}:${x.row}:${x.field}`)).toEqual([`${h}:4:financial_assets`, `${h}:5:area`, `${p}:3:sex`]);
    has(problems, { file: h, row: 4, field: 'financial_assets', message: /more than two decimals/ });
  });

  it('a row with too few cells does not hide the problems around it', async () => {
    const pp = lines(edit(csv.persons, 2, 'age', 'old'));
    pp[2] = pp[2]!.split(',').slice(0, -1).join(',');
    const pp2 = edit(pp.join('\n') + '\n', 4, 'sex', 'x');
    const { dir, p } = csvPair(csv.households, pp2);
    const problems = await problemsOf(dir);
    expect(problems.map((x) => `${x.row}:${x.field}`)).toEqual(['2:age', '3:', '4:sex']);
    has(problems, { file: p, row: 3, field: '', message: /has 26 cells; the header has 27/ });
  });

  it('a duplicate household id points at the first', async () => {
    const { dir, h } = csvPair(edit(csv.households, 4, 'household_id', 'H0000001'), csv.persons);
    has(await problemsOf(dir), { file: h, row: 4, field: 'household_id', message: /^H0000001 appears twice \(first on line 2\)$/ });
  });

  it('a column given twice — by id, or by id and Chinese name — is refused, not silently last-wins (issue 12.2)', async () => {
    for (const extra of ['weight', '权重']) {
      const hh = lines(csv.households).map((l, i) => `${l},${i === 0 ? extra : '1'}`);
      const { dir, h } = csvPair(hh.join('\n') + '\n', csv.persons);
      const problems = await problemsOf(dir);
      expect(problems).toEqual([{ file: h, row: 1, field: 'weight', message: expect.stringMatching(new RegExp(`column 18 \\("${extra}"\\) gives weight again: column 2`)) }]);
      // and the papaparse reader alike
      expect(() => fromCsv(hh.join('\n') + '\n', csv.persons)).toThrow(/gives weight again/);
    }
  });

  it('a JSON key given twice in one object is refused (issue 12.2)', () => {
    const line = toJsonl(small).split('\n')[0]!;
    const twice = line.replace('"weight":', '"weight":1,"weight":');
    expect(() => fromJsonl(twice + '\n', 'p.jsonl')).toThrow(/p\.jsonl:1: field weight the key "weight" appears twice/);
    const member = line.replace('"age":', '"age": 3, "age":');
    try {
      fromJsonl(member + '\n', 'p.jsonl');
      expect.fail('read');
    } catch (e) {
      expect((e as PopulationFileError).problems).toContainEqual({ file: 'p.jsonl', row: 1, field: 'members[0].age', message: 'the key "age" appears twice in one object' });
    }
    // the same key in two different objects is fine
    expect(fromJsonl(toJsonl(small), 'p.jsonl').columns.households).toBe(4);
  });

  it('Parquet problems name the row (from 1) and the column', async () => {
    const dir = folder();
    await writePopulationFiles(small, dir, 'csv');
    const bad = edit(fs.readFileSync(path.join(dir, 'persons.csv'), 'utf8'), 3, 'relation', 'boss');
    fs.writeFileSync(path.join(dir, 'persons.csv'), bad);
    const pq = folder();
    fs.mkdirSync(pq);
    const { csvToParquet } = await import('../../cli/files/parquet.ts');
    await csvToParquet('household', path.join(dir, 'households.csv'), path.join(pq, 'households.parquet'));
    // a relation that is not one of the enum's ids is written as text and refused on reading
    await csvToParquet('person', path.join(dir, 'persons.csv'), path.join(pq, 'persons.parquet'));
    has(await problemsOf(pq), { file: path.join(pq, 'persons.parquet'), row: 2, field: 'relation', message: /"boss" is not one of head/ });
  });
});

describe('bounds on weights and members (issue 12.7)', () => {
  const one = (weight: string) => {
    const csv = toCsv({ columns: generatePopulation({ region: '310000', year: 2024, households: 1, seed: 2 }).columns });
    const [head, row] = csv.households.trim().split('\n');
    const cells = row!.split(',');
    cells[1] = weight;
    return csvPair(`${head}\n${cells.join(',')}\n`, csv.persons);
  };

  it('a weight must be a plain decimal from 0 to 1,000,000,000 with at most 17 digits', async () => {
    for (const [w, message] of [
      ['1e308', /must be a decimal number such as 48\.25, not the text "1e308"/],
      ['0x10', /must be a decimal number/],
      ['1000000000.5', /above the maximum 1000000000/],
      ['-1', /below the minimum 0/],
      ['1.000000000000000001', /more than 17 significant digits/],
    ] as const) {
      const { dir, h } = one(w);
      has(await problemsOf(dir), { file: h, row: 2, field: 'weight', message });
    }
    expect((await read(one('1000000000').dir)).columns.household.weight![0]).toBe(1e9);
    expect((await read(one('0.25').dir)).columns.household.weight![0]).toBe(0.25);
  });

  it('a household has at most 100 members', async () => {
    const csv = toCsv({ columns: generatePopulation({ region: '310000', year: 2024, households: 1, seed: 2 }).columns });
    const [head, row] = csv.persons.trim().split('\n');
    const members = Array.from({ length: 101 }, (_, i) => row!.replace(/^[^,]+/, `P${i}`));
    const { dir, p } = csvPair(csv.households, [head, ...members].join('\n') + '\n');
    has(await problemsOf(dir), { file: p, row: 102, field: 'household_id', message: /household H0000001 has more than 100 members/ });
    const jsonl = JSON.parse(toJsonl({ columns: generatePopulation({ region: '310000', year: 2024, households: 1, seed: 2 }).columns })) as { members: Record<string, unknown>[] };
    jsonl.members = Array.from({ length: 101 }, (_, i) => ({ ...jsonl.members[0], person_id: `P${i}` }));
    expect(() => fromJsonl(JSON.stringify(jsonl), 'p.jsonl')).toThrow(/field members has 101 persons; a household has at most 100/);
  });

  it('a run whose totals are not finite numbers is an error, never "∞ households"', async () => {
    const columns = generatePopulation({ region: '310000', year: 2024, households: 300, seed: 3 }).columns;
    // Past the readers' bounds (columns made directly): the simulator still refuses to report it.
    columns.household.weight!.fill(1e308);
    const sim = new Simulator();
    await sim.setPopulation(columns);
    await sim.addPolicy('sh', policyEntry(SHANGHAI));
    await expect(sim.simulate({ policy: 'sh', date: '2024-07-01', sets: {} })).rejects.toThrow(/totals of sh on 2024-07-01 are not finite numbers/);
  });
});
