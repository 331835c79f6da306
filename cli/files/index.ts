/**
 * Population files for the command line (Node only): where a population's files are, reading them
 * fast into the simulator's columns (CSV and Parquet through DuckDB, JSON Lines streamed) and
 * writing them in pieces. The formats and their rules are in simulator/population/ and docs/simulator.md.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Population } from '../../simulator/index.ts';
import { InputError } from '../command.ts';
import { readCsvPair } from './csv.ts';
import { readJsonlFile } from './jsonl.ts';
import { readParquetPair } from './parquet.ts';

export { writePopulationFiles, type PopulationFormat } from './write.ts';

export type PopulationSource = { readonly format: 'csv' | 'parquet'; readonly households: string; readonly persons: string } | { readonly format: 'jsonl'; readonly file: string };

const PAIRS = { csv: ['households.csv', 'persons.csv'], parquet: ['households.parquet', 'persons.parquet'] } as const;

/** The files of a population at `p`: a folder (with one CSV pair, Parquet pair or population.jsonl), a .jsonl file, or one file of a pair. */
export function locatePopulation(p: string): PopulationSource {
  if (!fs.existsSync(p)) throw new InputError(`--population ${p}: no such file or folder`);
  let folder: boolean;
  try {
    folder = fs.statSync(p).isDirectory();
    if (folder) fs.readdirSync(p);
    else fs.accessSync(p, fs.constants.R_OK);
  } catch (e) {
    throw new InputError(`--population ${p}: ${(e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : `cannot be read (${(e as Error).message})`}`);
  }
  if (folder) {
    const found: PopulationSource[] = [];
    for (const format of ['csv', 'parquet'] as const) {
      const [hh, pp] = PAIRS[format].map((n) => path.join(p, n)) as [string, string];
      if (!fs.existsSync(hh) && !fs.existsSync(pp)) continue;
      for (const f of [hh, pp]) if (!fs.existsSync(f)) throw new InputError(`--population ${p}: ${path.basename(f)} is missing (a ${format === 'csv' ? 'CSV' : 'Parquet'} population is ${PAIRS[format].join(' with ')})`);
      found.push({ format, households: hh, persons: pp });
    }
    const jsonl = path.join(p, 'population.jsonl');
    if (fs.existsSync(jsonl)) found.push({ format: 'jsonl', file: jsonl });
    if (found.length > 1) throw new InputError(`--population ${p}: the folder holds more than one population (${found.map((f) => f.format).join(', ')}); give a folder with one, or the file itself`);
    if (!found.length) throw new InputError(`--population ${p}: the folder has none of households.csv + persons.csv, households.parquet + persons.parquet, population.jsonl`);
    return found[0]!;
  }
  const base = path.basename(p);
  for (const format of ['csv', 'parquet'] as const) {
    const i = (PAIRS[format] as readonly string[]).indexOf(base);
    if (i < 0) continue;
    const other = path.join(path.dirname(p), PAIRS[format][1 - i]!);
    if (!fs.existsSync(other)) throw new InputError(`--population ${p}: ${path.basename(other)} is missing beside it (a ${format === 'csv' ? 'CSV' : 'Parquet'} population is ${PAIRS[format].join(' with ')})`);
    return { format, households: i === 0 ? p : other, persons: i === 0 ? other : p };
  }
  if (/\.parquet$/i.test(p)) throw new InputError(`--population ${p}: a Parquet population is households.parquet with persons.parquet; give their folder`);
  return { format: 'jsonl', file: p };
}

/** Reads a population's files; a file with any problem is rejected whole (PopulationFileError). */
export async function readPopulationFiles(source: PopulationSource): Promise<Population> {
  if (source.format === 'jsonl') return readJsonlFile(source.file);
  const files = { households: source.households, persons: source.persons };
  return source.format === 'csv' ? readCsvPair(files) : readParquetPair(files);
}
