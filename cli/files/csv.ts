/**
 * The CSV pair through DuckDB's CSV reader (RFC 4180: quotes, doubled quotes, line breaks in quoted
 * cells, a UTF-8 byte order mark, blank lines skipped), streamed into columns. The header row is
 * read with papaparse first, so that a column given twice is seen as such (DuckDB would rename it).
 */
import * as fs from 'node:fs';
import Papa from 'papaparse';
import { PopulationBuilder, tableColumns, type Population, type SourceFiles } from '../../simulator/index.ts';
import type { Level } from '../../language/index.ts';
import { duckMessage, literal, openDuckDB } from './duckdb.ts';
import { readTable } from './columns.ts';
import { csvLines } from './lines.ts';

/** The cells of a CSV file's first row (read from its first megabyte). */
function headerCells(file: string): string[] | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('utf8');
    const rows = Papa.parse<string[]>(text, { preview: 1, skipEmptyLines: false }).data;
    return rows[0];
  } finally {
    fs.closeSync(fd);
  }
}

/** A row DuckDB's CSV reader refused (wrong number of cells, an unclosed quote, bad UTF-8) as a problem. */
function rejectMessage(type: string, message: string): string {
  const cells = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (cells) return `has ${cells[2]} cells; the header has ${cells[1]}`;
  return `is not valid CSV (${type.toLowerCase()}): ${message.split('\n')[0]}`;
}

/** Reads the CSV pair; a file with any problem is rejected whole (PopulationFileError). */
export async function readCsvPair(files: SourceFiles): Promise<Population> {
  const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  const sizes = { households: size(files.households), persons: size(files.persons) };
  // About 85 bytes per household row and 140 per person row in the schema's CSV.
  const b = new PopulationBuilder(files, { households: Math.ceil(sizes.households / 80), persons: Math.ceil(sizes.persons / 130) });
  const rejected = new Map<string, Set<number>>();
  const { connection, close } = await openDuckDB();
  try {
    let householdsRead = true;
    for (const [level, file] of [['household', files.households], ['person', files.persons]] as [Level, string][]) {
      // Problems are numbered by data row from 0 (at ≥ 0) or by DuckDB's record number, the header
      // being record 1 (at = -record); csvLines turns both into lines.
      let cells: string[] | undefined;
      try {
        cells = headerCells(file);
      } catch (e) {
        b.problem(file, -1, '', `cannot be read (${(e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message})`);
        householdsRead = false;
        continue;
      }
      const header = !cells || (cells.length === 1 && cells[0]!.trim() === '') ? undefined : tableColumns(cells, level, (field, message) => b.problem(file, -1, field, message));
      if (!cells || (cells.length === 1 && cells[0]!.trim() === '')) b.problem(file, -1, '', 'is empty: the first row must name the columns');
      if (!header) householdsRead = false;
      if (!header || !householdsRead) continue;
      b.leaveOut(header.absent);
      const columns = `{${header.fields.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ')}}`;
      // Rows DuckDB cannot split into the header's cells are kept aside (store_rejects) with their
      // record numbers, so the other rows are still checked and every problem is listed.
      const scan = `rejects_${level}`;
      const from = `read_csv(${literal(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${columns}, max_line_size = 4194304, store_rejects = true, rejects_scan = '${scan}_scan', rejects_table = '${scan}')`;
      try {
        await readTable(connection, b, { level, fields: header.fields, columns: header.fields.map((_, i) => `c${i}`), text: (i) => `r${i}`, from });
      } catch (e) {
        b.problem(file, -1, '', `cannot be read as CSV: ${duckMessage(e)}`);
      }
      const refused = await connection.runAndReadAll(`SELECT line, error_type, error_message FROM ${scan} ORDER BY line LIMIT 100`).catch(() => undefined);
      const records = new Set<number>();
      for (const [line, type, message] of refused?.getRows() ?? []) {
        records.add(Number(line));
        b.problem(file, -Number(line), '', rejectMessage(String(type), String(message)));
      }
      rejected.set(file, records);
      if (b.full) break;
    }
  } finally {
    close();
  }
  const pop = b.problemCount ? undefined : b.finish();
  if (pop) return pop;
  throw b.error(await csvLines(b.problemRows(), rejected));
}
