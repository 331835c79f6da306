/**
 * Populations in files, environment-agnostic: the face of the readers and writers that run in
 * Node, browsers and workers alike. Formats: JSON Lines (one household with its members per line)
 * and the schema's CSV pair (households.csv, persons.csv); Parquet and fast file reading through
 * DuckDB live with the CLI (cli/files/), the studio reads Parquet with hyparquet.
 *
 * Reading goes straight into typed-array columns (builder.ts) and validates everything: a file with
 * any problem is rejected whole, every problem naming the file, the row and the field, with the
 * schema's own messages (decode.ts). Writing yields text in pieces (write.ts).
 */
import Papa from 'papaparse';
import { allocPopulation, encodeValue, HOUSEHOLD_FIELDS, PERSON_FIELDS, stored, type Household } from '../../language/index.ts';
import type { Population } from './problems.ts';

export { PopulationFileError, MAX_PROBLEMS, type Population, type FileProblem } from './problems.ts';
export { PopulationBuilder, type SourceFiles } from './builder.ts';
export { PackedIds, StringIds, MAX_ID_BYTES, isAscii, asciiText, type IdList } from './ids.ts';
export { tableColumns, type TableColumns } from './header.ts';
export { decoderFor, byteDecoderFor, columnDecoderFor, problemOf, plainFen, type Decoder, type ByteDecoder, type ColumnDecoder } from './decode.ts';
export { CsvTable, parseCsvText, fromCsv } from './csv.ts';
export { JsonlReader, fromJsonl } from './jsonl.ts';
export { readParquetTable, blobBuffer } from './parquet.ts';
export { readPopulationBlobs, populationFilesProblem, MAX_CSV_BYTES, type NamedBlob } from './blobs.ts';
export { householdsCsv, personsCsv, populationJsonl, householdJson, toCsv, toJsonl, csvCell, plainDecimal } from './write.ts';

/** A population from normalised households (tests, single cases), ids kept. */
export function fromHouseholds(list: readonly Household[]): Population {
  const persons = list.reduce((s, h) => s + h.members.length, 0);
  const pop = allocPopulation(list.length, persons);
  const householdIds: string[] = [];
  const personIds: string[] = [];
  let p = 0;
  list.forEach((h, i) => {
    pop.memberStart[i] = p;
    householdIds.push(String(h.values.household_id));
    for (const f of HOUSEHOLD_FIELDS) if (stored(f)) pop.household[f.id]![i] = encodeValue(f, h.values[f.id]);
    for (const m of h.members) {
      personIds.push(String(m.person_id));
      for (const f of PERSON_FIELDS) if (stored(f)) pop.person[f.id]![p] = encodeValue(f, m[f.id]);
      p++;
    }
  });
  pop.memberStart[list.length] = p;
  return { columns: pop, ids: { households: householdIds, persons: personIds } };
}

/** CSV text as rows of cells with the line each starts on (papaparse; blank lines skipped). */
export function parseCsv(text: string): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  let line = 1;
  Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    step: (r) => {
      const at = line;
      for (const c of r.data) line += c.split('\n').length - 1;
      line++;
      if (!(r.data.length === 1 && r.data[0] === '')) rows.push({ cells: r.data, line: at });
    },
  });
  return rows;
}
