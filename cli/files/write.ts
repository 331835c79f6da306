/**
 * Writes a population's files as the generators in simulator/population/write.ts yield them, a
 * piece at a time with back-pressure, so no file is ever one string. Each file is written beside its
 * target (NAME.partial) and renamed into place at the end, so an interrupted run leaves no half file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { householdsCsv, personsCsv, populationJsonl, type Population } from '../../simulator/index.ts';
import { InputError } from '../command.ts';
import { csvToParquet } from './parquet.ts';

export type PopulationFormat = 'csv' | 'jsonl' | 'parquet';

/** What went wrong with a file, in words (EACCES, ENOSPC, …). */
function why(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'the disk is full' : code === 'EROFS' ? 'the file system is read-only' : (e as Error).message;
}

/** Resolves on the event or on an error (which the stream's own error listener keeps). */
function either(out: fs.WriteStream, event: 'drain' | 'finish'): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off(event, done);
      out.off('error', done);
      resolve();
    };
    out.on(event, done);
    out.on('error', done);
  });
}

async function writePieces(file: string, pieces: Iterable<string>): Promise<void> {
  const out = fs.createWriteStream(file);
  let failed: unknown;
  out.on('error', (e) => (failed = e));
  try {
    for (const piece of pieces) {
      if (failed) break;
      if (!out.write(piece)) await either(out, 'drain');
    }
    if (!failed) {
      const finished = either(out, 'finish');
      out.end();
      await finished;
    }
  } catch (e) {
    failed ??= e;
  }
  if (failed) {
    out.destroy();
    fs.rmSync(file, { force: true });
    throw new InputError(`cannot write ${file}: ${why(failed)}`);
  }
}

/** Writes the population into `dir` (created if missing) in one format; returns the files written. */
export async function writePopulationFiles(pop: Population, dir: string, format: PopulationFormat): Promise<string[]> {
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new InputError(`--out ${dir}: a file is in the way; give a folder`);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new InputError(`--out ${dir}: cannot make the folder: ${why(e)}`);
  }
  const place = (partial: string, target: string) => {
    try {
      fs.renameSync(partial, target);
    } catch (e) {
      throw new InputError(`cannot write ${target}: ${why(e)}`);
    }
    return target;
  };
  if (format === 'jsonl') {
    const target = path.join(dir, 'population.jsonl');
    await writePieces(target + '.partial', populationJsonl(pop));
    return [place(target + '.partial', target)];
  }
  const h = path.join(dir, 'households.csv');
  const p = path.join(dir, 'persons.csv');
  if (format === 'csv') {
    await writePieces(h + '.partial', householdsCsv(pop));
    await writePieces(p + '.partial', personsCsv(pop));
    return [place(h + '.partial', h), place(p + '.partial', p)];
  }
  // Parquet: the CSV pair first (as temporary files), turned into Parquet by DuckDB with the schema's types.
  const written: string[] = [];
  for (const [csv, pieces, level, name] of [
    [h + '.partial', householdsCsv(pop), 'household', 'households.parquet'],
    [p + '.partial', personsCsv(pop), 'person', 'persons.parquet'],
  ] as const) {
    const target = path.join(dir, name);
    try {
      await writePieces(csv, pieces);
      await csvToParquet(level, csv, target + '.partial');
    } catch (e) {
      fs.rmSync(target + '.partial', { force: true });
      throw e instanceof InputError ? e : new InputError(`cannot write ${target}: ${why(e)}`);
    } finally {
      fs.rmSync(csv, { force: true });
    }
    written.push(target + '.partial');
  }
  return written.map((w) => place(w, w.replace(/\.partial$/, '')));
}
