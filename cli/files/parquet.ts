/**
 * Parquet populations: a households.parquet and a persons.parquet file with the same columns as the
 * CSV pair (two flat tables, as the SQL engines read them; not one file with nested members).
 * Written by DuckDB from the CSV pair with the schema's types — money as DECIMAL(18,2), so exact,
 * bools as BOOLEAN, enums and regions as text, counts as INTEGER, the weight as DOUBLE — and read by
 * DuckDB with any column types a producer chose: a column of the type Doudi writes is taken as codes
 * in SQL (typedSql), and any other value through its text, as the schema reads text, so a
 * DECIMAL(18,4) or a DOUBLE amount means what its digits say.
 */
import { HOUSEHOLD_FIELDS, PERSON_FIELDS, I32_MAX, stored, type FieldSpec, type Level } from '../../language/index.ts';
import { PopulationBuilder, tableColumns, type Population, type SourceFiles } from '../../simulator/index.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ident, literal, openDuckDB } from './duckdb.ts';
import { readTable } from './columns.ts';

/**
 * The code of a field straight from a Parquet column of the type Doudi writes for it, or NULL for a
 * value the schema would not take as it is (the text path then decides, with the schema's message):
 * BOOLEAN bools, integer counts in range, DECIMAL amounts with at most two decimals (exact, into fen),
 * DOUBLE weights from 10⁻⁶ to 10⁹ (or 0), as JS writes them without an exponent.
 */
function typedSql(f: FieldSpec, type: string, c: string): string | undefined {
  const t = f.type!;
  const integer = /^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|HUGEINT)$/.test(type);
  // DECIMALs of up to 18 digits: times 100 they still fit a BIGINT.
  const decimal = /^DECIMAL\(([1-9]|1[0-8]),([012])\)$/.exec(type);
  switch (t.k) {
    case 'bool':
      return type === 'BOOLEAN' ? `CASE WHEN ${c} THEN 1 WHEN NOT ${c} THEN 0 END` : undefined;
    case 'integer':
    case 'months':
      return integer ? `CASE WHEN ${c} BETWEEN ${f.min ?? 0} AND ${f.max ?? I32_MAX} THEN ${c} END` : undefined;
    case 'money': {
      if (!decimal && !integer) return undefined;
      const limit = f.column === 'i32' ? I32_MAX : Number.MAX_SAFE_INTEGER;
      const fen = decimal ? `TRY_CAST(${c} * 100 AS BIGINT)` : `TRY_CAST(${c} AS HUGEINT) * 100`;
      return `CASE WHEN ${fen} BETWEEN 0 AND ${limit} THEN ${fen} END`;
    }
    case 'number':
      return type === 'DOUBLE' ? `CASE WHEN ${c} = 0 OR ${c} BETWEEN 0.000001 AND ${f.max ?? 1e9} THEN ${c} END` : undefined;
    default:
      return undefined;
  }
}

async function schemaOf(connection: DuckDBConnection, file: string): Promise<{ name: string; type: string }[]> {
  const r = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${literal(file)})`);
  return r.getRowObjects().map((x) => ({ name: String(x.column_name), type: String(x.column_type) }));
}

/** A file DuckDB cannot read to the end (cut short, unreadable) is a problem of that file, not an internal error. */
async function readTableOf(file: string, b: PopulationBuilder, read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch (e) {
    b.problem(file, -1, '', `cannot be read as Parquet: ${(e as Error).message.split('\n')[0]}`);
  }
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
      await readTableOf(file, b, () => readTable(connection, b, {
        level,
        fields: header.fields,
        columns: schema.map((s) => ident(s.name)),
        text: (i) => (schema[i]!.type === 'VARCHAR' ? `r${i}` : `CAST(r${i} AS VARCHAR)`),
        typed: (f, i) => typedSql(f, schema[i]!.type, `r${i}`),
        from: `read_parquet(${literal(file)})`,
      }));
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
