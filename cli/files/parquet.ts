/**
 * Parquet populations: a households.parquet and a persons.parquet file with the same columns as the
 * CSV pair (two flat tables, as the SQL engines read them; not one file with nested members).
 * Written by DuckDB from the CSV pair with the schema's types — money as DECIMAL(18,2), so exact,
 * bools as BOOLEAN, enums and regions as text, the weight as DOUBLE — and read by DuckDB with any
 * column types a producer chose: every cell goes through its text form, so a DECIMAL(18,4), an
 * integer or a DOUBLE amount means what its digits say, and the schema decides as for CSV.
 */
import { HOUSEHOLD_FIELDS, PERSON_FIELDS, stored, type FieldSpec, type Level } from '../../language/index.ts';
import { PopulationBuilder, tableColumns, type Population, type SourceFiles } from '../../simulator/index.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ident, literal, openDuckDB } from './duckdb.ts';
import { readTable } from './columns.ts';

/** The text of a Parquet column of this DuckDB type, as the schema reads text. */
function textOf(column: string, type: string): string {
  const c = ident(column);
  return type === 'VARCHAR' ? c : `CAST(${c} AS VARCHAR)`;
}

async function schemaOf(connection: DuckDBConnection, file: string): Promise<{ name: string; type: string }[]> {
  const r = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${literal(file)})`);
  return r.getRowObjects().map((x) => ({ name: String(x.column_name), type: String(x.column_type) }));
}

/** Reads the Parquet pair; a file with any problem is rejected whole (PopulationFileError). Rows count from 1; row 0 is the schema. */
export async function readParquetPair(files: SourceFiles): Promise<Population> {
  const b = new PopulationBuilder(files, {}, 'row');
  const { connection, close } = await openDuckDB();
  try {
    let householdsRead = true;
    for (const [level, file] of [['household', files.households], ['person', files.persons]] as [Level, string][]) {
      let schema: { name: string; type: string }[];
      try {
        schema = await schemaOf(connection, file);
      } catch (e) {
        b.problem(file, -1, '', `is not a Parquet file DuckDB can read (${(e as Error).message.split('\n')[0]})`);
        householdsRead = false;
        continue;
      }
      const header = tableColumns(schema.map((s) => s.name), level, (field, message) => b.problem(file, -1, field, message));
      if (!header) householdsRead = false;
      if (!header || !householdsRead) continue;
      b.leaveOut(header.absent);
      await readTable(connection, b, { level, fields: header.fields, text: schema.map((s) => textOf(s.name, s.type)), from: `read_parquet(${literal(file)})` });
      if (b.full) break;
    }
  } finally {
    close();
  }
  const pop = b.problemCount ? undefined : b.finish();
  if (pop) return pop;
  throw b.error((_file, at) => at + 1);
}

/** The Parquet type a field is written as. */
function parquetType(f: FieldSpec): string {
  switch (f.type?.k) {
    case undefined:
    case 'enum':
    case 'region':
      return 'VARCHAR';
    case 'money':
      return 'DECIMAL(18,2)';
    case 'bool':
      return 'BOOLEAN';
    case 'number':
      return 'DOUBLE';
    default:
      return 'INTEGER';
  }
}

/** Converts a CSV file of the schema (as written by cli/files/write.ts) into Parquet with the schema's types. */
export async function csvToParquet(level: Level, csv: string, target: string): Promise<void> {
  const fields = (level === 'household' ? HOUSEHOLD_FIELDS : PERSON_FIELDS).filter((f) => f.type === undefined || stored(f));
  const ordered = level === 'household' ? fields : [...fields.filter((f) => f.type === undefined), ...fields.filter((f) => f.type !== undefined)];
  const columns = `{${ordered.map((f) => `${literal(f.id)}: 'VARCHAR'`).join(', ')}}`;
  const select = ordered.map((f) => `CAST(${ident(f.id)} AS ${parquetType(f)}) AS ${ident(f.id)}`).join(', ');
  const { connection, close } = await openDuckDB();
  try {
    await connection.run(
      `COPY (SELECT ${select} FROM read_csv(${literal(csv)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${columns})) TO ${literal(target)} (FORMAT parquet, COMPRESSION snappy)`,
    );
  } finally {
    close();
  }
}
