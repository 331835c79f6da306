/**
 * Line numbers for problems in CSV files read by DuckDB, which numbers data rows but not the lines
 * they start on (a quoted cell may hold line breaks; blank lines are skipped). Only when a file has
 * problems is it read again, with papaparse, up to the last row a problem names.
 */
import * as fs from 'node:fs';
import Papa from 'papaparse';

/** Where a row of a CSV file starts. */
async function startLines(file: string, ordinals: ReadonlySet<number>, records: ReadonlySet<number>, rejected: ReadonlySet<number>): Promise<{ byOrdinal: Map<number, number>; byRecord: Map<number, number> }> {
  const byOrdinal = new Map<number, number>();
  const byRecord = new Map<number, number>();
  const lastOrdinal = Math.max(-1, ...ordinals);
  const lastRecord = Math.max(0, ...records);
  let line = 1;
  let record = 0;
  let ordinal = -1;
  await new Promise<void>((resolve, reject) => {
    const stream = fs.createReadStream(file, { encoding: 'utf8' });
    Papa.parse<string[]>(stream as unknown as File, {
      skipEmptyLines: false,
      step: (r, parser) => {
        const at = line;
        for (const c of r.data) for (let i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) line++;
        line++;
        record++;
        if (records.has(record)) byRecord.set(record, at);
        const blank = r.data.length === 1 && r.data[0] === '';
        if (record > 1 && !blank && !rejected.has(record) && ordinals.has(++ordinal)) byOrdinal.set(ordinal, at);
        if (ordinal >= lastOrdinal && record >= lastRecord) {
          parser.abort();
          stream.destroy();
        }
      },
      complete: () => resolve(),
      error: (e: Error) => reject(e),
    });
  });
  return { byOrdinal, byRecord };
}

/**
 * Maps the builder's row numbers to lines: `at ≥ 0` is the data row from 0 (not counting the rows
 * DuckDB refused, by record number in `rejected`), `at < 0` is DuckDB's record number −at (the header
 * is record 1, blank lines count, a row with line breaks in quotes counts once).
 */
export async function csvLines(rows: Map<string, number[]>, rejected: ReadonlyMap<string, ReadonlySet<number>>): Promise<(file: string, at: number) => number> {
  const maps = new Map<string, Awaited<ReturnType<typeof startLines>>>();
  for (const [file, ats] of rows) {
    const ordinals = new Set(ats.filter((a) => a >= 0));
    const records = new Set(ats.filter((a) => a < 0).map((a) => -a));
    maps.set(file, await startLines(file, ordinals, records, rejected.get(file) ?? new Set()));
  }
  return (file, at) => {
    const m = maps.get(file);
    const line = at >= 0 ? m?.byOrdinal.get(at) : m?.byRecord.get(-at);
    return line ?? (at >= 0 ? at + 2 : -at);
  };
}
