/**
 * A population from files a user picked (browser File objects, or any Blob with a name): the
 * studio's "open population". Which files: households.csv with persons.csv, households.parquet with
 * persons.parquet, or one .jsonl file. JSON Lines is streamed; a CSV file is parsed from its text
 * (papaparse), so it must hold less than 512 MB (a JS string's limit); Parquet is read row group by
 * row group (hyparquet). Everything else is as for the CLI: problems name file, row and field, and a
 * file with any problem is rejected whole.
 */
import { PopulationBuilder } from './builder.ts';
import { CsvTable, parseCsvText } from './csv.ts';
import { JsonlReader } from './jsonl.ts';
import { blobBuffer, readParquetTable } from './parquet.ts';
import type { Population } from './problems.ts';

export interface NamedBlob {
  readonly name: string;
  readonly blob: Blob;
}

/** The largest CSV file the studio reads (JS strings hold at most 2²⁹ − 24 characters). */
export const MAX_CSV_BYTES = 512 * 2 ** 20;

/** Why these files are not a population, or undefined when they are one. */
export function populationFilesProblem(files: readonly NamedBlob[]): string | undefined {
  const names = files.map((f) => f.name);
  const has = (n: string) => names.includes(n);
  if (files.length === 1 && /\.jsonl$/i.test(names[0]!)) return undefined;
  if (files.length === 2 && has('households.csv') && has('persons.csv')) return undefined;
  if (files.length === 2 && has('households.parquet') && has('persons.parquet')) return undefined;
  return `a population is households.csv with persons.csv, households.parquet with persons.parquet, or one .jsonl file; not ${names.join(', ') || 'nothing'}`;
}

/** Reads a population from picked files; throws PopulationFileError (problems) or Error (wrong files). */
export async function readPopulationBlobs(files: readonly NamedBlob[]): Promise<Population> {
  const wrong = populationFilesProblem(files);
  if (wrong) throw new Error(wrong);
  const named = (n: string) => files.find((f) => f.name === n)!;
  let b: PopulationBuilder;
  if (files.length === 1) {
    const f = files[0]!;
    b = new PopulationBuilder({ households: f.name, persons: f.name });
    const reader = new JsonlReader(b);
    const text = f.blob.stream().pipeThrough(new TextDecoderStream());
    for await (const piece of text as unknown as AsyncIterable<string>) if (!reader.push(piece)) break;
    reader.end();
  } else if (files.some((f) => f.name.endsWith('.csv'))) {
    b = new PopulationBuilder({ households: 'households.csv', persons: 'persons.csv' });
    for (const f of [named('households.csv'), named('persons.csv')])
      if (f.blob.size > MAX_CSV_BYTES) throw new Error(`${f.name} is ${Math.round(f.blob.size / 2 ** 20)} MB; the studio reads CSV files up to 512 MB (use Parquet or JSON Lines, or the command line, for larger ones)`);
    const households = new CsvTable(b, 'household');
    parseCsvText(await named('households.csv').blob.text(), households);
    if (!b.full) parseCsvText(await named('persons.csv').blob.text(), new CsvTable(b, 'person', !households.usable));
  } else {
    b = new PopulationBuilder({ households: 'households.parquet', persons: 'persons.parquet' }, {}, 'row');
    // Persons are read only when the households could be (else they would all be "without a household").
    if (await readParquetTable(b, 'household', 'households.parquet', blobBuffer(named('households.parquet').blob))) await readParquetTable(b, 'person', 'persons.parquet', blobBuffer(named('persons.parquet').blob));
  }
  const pop = b.problemCount ? undefined : b.finish();
  if (pop) return pop;
  // Parquet rows count from 1 (row 0 is the schema); CSV and JSON Lines rows are lines already.
  throw files[0]!.name.endsWith('.parquet') ? b.error((_f, at) => at + 1) : b.error();
}
