/** JSON Lines populations streamed from disk in pieces, so a file of any size reads (not one string). */
import * as fs from 'node:fs';
import { InputError } from '../command.ts';
import { JsonlReader, PopulationBuilder, type Population } from '../../simulator/index.ts';

export async function readJsonlFile(file: string): Promise<Population> {
  const size = fs.statSync(file).size;
  // About 1,900 bytes per household line and 2.6 persons per household in the schema's JSON Lines.
  const b = new PopulationBuilder({ households: file, persons: file }, { households: Math.ceil(size / 1500), persons: Math.ceil(size / 550) });
  const reader = new JsonlReader(b);
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 22 });
  try {
    for await (const piece of stream) if (!reader.push(piece as string)) break;
  } catch (e) {
    throw new InputError(`${file}: ${(e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : `cannot be read (${(e as Error).message})`}`);
  } finally {
    stream.destroy();
  }
  reader.end();
  const pop = b.finish();
  if (!pop) throw b.error();
  return pop;
}
