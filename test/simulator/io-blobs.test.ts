/**
 * The studio's "open population" reader (simulator/population/blobs.ts: papaparse, hyparquet,
 * streamed JSON Lines over Blobs), run in Node on files the CLI writes: the same column bytes as the
 * CLI's DuckDB readers, money exact through Parquet DECIMALs, and the same problems.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, it, expect } from 'vitest';
import { generatePopulation, readPopulationBlobs, PopulationFileError, type Population, type NamedBlob } from '../../simulator/index.ts';
import { locatePopulation, readPopulationFiles, writePopulationFiles } from '../../cli/files/index.ts';
import { expectSameColumns } from '../support/simulator.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-blobs-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const synthetic: Population = { columns: generatePopulation({ region: '440000', year: 2023, households: 800, seed: 9 }).columns };
const blobs = (dir: string): NamedBlob[] => fs.readdirSync(dir).map((name) => ({ name, blob: new Blob([fs.readFileSync(path.join(dir, name))]) }));

describe('reading picked files in the browser’s way', () => {
  for (const format of ['csv', 'jsonl', 'parquet'] as const) {
    it(`${format}: the same column bytes and ids as written`, async () => {
      const dir = path.join(tmp, format);
      await writePopulationFiles(synthetic, dir, format);
      const back = await readPopulationBlobs(blobs(dir));
      expectSameColumns(synthetic.columns, back.columns);
      expect(back.ids!.persons.at(0)).toBe('H0000001-1');
    });
  }

  it('keeps money exact through Parquet DECIMALs (hyparquet gives them as floats)', async () => {
    const pop: Population = { columns: generatePopulation({ region: '310000', year: 2024, households: 3, seed: 1 }).columns };
    const amounts = [7, 6814061, 2147483647];
    amounts.forEach((fen, i) => (pop.columns.person.wage_income![i] = fen));
    pop.columns.household.financial_assets![0] = 900719925474099;
    const dir = path.join(tmp, 'exact');
    await writePopulationFiles(pop, dir, 'parquet');
    const back = await readPopulationBlobs(blobs(dir));
    expect(Array.from(back.columns.person.wage_income!.slice(0, 3))).toEqual(amounts);
    expect(back.columns.household.financial_assets![0]).toBe(900719925474099);
    // and DuckDB, which takes DECIMAL(18,2) straight into fen
    const duck = await readPopulationFiles(locatePopulation(dir));
    expectSameColumns(back.columns, duck.columns);
  });

  it('refuses files that are not a population, and names problems by row', async () => {
    await expect(readPopulationBlobs([{ name: 'households.csv', blob: new Blob(['x']) }])).rejects.toThrow(/households\.csv with persons\.csv/);
    const dir = path.join(tmp, 'bad');
    await writePopulationFiles({ columns: generatePopulation({ region: '310000', year: 2024, households: 3, seed: 1 }).columns }, dir, 'csv');
    const h = fs.readFileSync(path.join(dir, 'households.csv'), 'utf8').replace(',urban,', ',城里,');
    fs.writeFileSync(path.join(dir, 'households.csv'), h);
    const e = await readPopulationBlobs(blobs(dir)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PopulationFileError);
    expect((e as PopulationFileError).problems[0]).toMatchObject({ file: 'households.csv', field: 'area', message: expect.stringMatching(/"城里" is not one of urban, rural/) });
  });
});
