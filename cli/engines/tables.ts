/**
 * A population held as columns (a synthetic one) put into an engine's tables: written as the two
 * tables' CSV (language/backend-sql/rows.ts) in the session's scratch folder and loaded with the
 * engine's own reader, with each household's place kept (`doudi_row`) for the deciles' ties and
 * the order of regions, as the JS engine has them. PostgreSQL tables are written over a connection
 * (postgres-tables.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tableColumns, tableDefinitions, type DialectName } from '../../language/backend-sql/index.ts';
import { writeTableCsv } from '../../language/backend-sql/rows.ts';
import type { Population } from '../../simulator/index.ts';
import type { EngineSession } from './session.ts';
import type { EngineTables } from './simulator.ts';

/** The tables a loaded population is read from. */
export const TABLES: EngineTables = { households: 'doudi_households', persons: 'doudi_persons', position: 'doudi_row' };

/** Writes households.csv and persons.csv of a population into `dir`. */
export function writeCsvPair(pop: Population, dir: string): void {
  for (const level of ['household', 'person'] as const) {
    const fd = fs.openSync(path.join(dir, level === 'household' ? 'households.csv' : 'persons.csv'), 'w', 0o644);
    try {
      writeTableCsv(pop.columns, level, (s) => fs.writeSync(fd, s), pop.ids);
    } finally {
      fs.closeSync(fd);
    }
  }
}

/** Spark's schema of a table: `name TYPE, …`. */
const sparkSchema = (level: 'household' | 'person') => tableColumns('spark', level).map((c) => `${c.name} ${c.type}`).join(', ');

/**
 * Statements that load a CSV pair written by `writeCsvPair` (the tables' own CSV: money in fen)
 * into TABLES, households in file order.
 */
export function csvPairStatements(dialect: DialectName, dir: string): string[] {
  const file = (t: string) => path.join(dir, `${t}.csv`).replace(/'/g, "''");
  if (dialect === 'duckdb')
    return [
      'DROP TABLE IF EXISTS doudi_households_in',
      'DROP TABLE IF EXISTS doudi_persons',
      tableDefinitions('duckdb', { households: 'doudi_households_in', persons: 'doudi_persons' }),
      `COPY doudi_households_in FROM '${file('households')}' (HEADER, NULLSTR '')`,
      `COPY doudi_persons FROM '${file('persons')}' (HEADER, NULLSTR '')`,
      // rowid is the row's place: COPY inserts in file order (preserve_insertion_order)
      'CREATE OR REPLACE VIEW doudi_households AS SELECT *, rowid AS doudi_row FROM doudi_households_in',
    ];
  if (dialect === 'spark')
    return [
      `CREATE OR REPLACE TEMPORARY VIEW doudi_households_csv (${sparkSchema('household')}) USING csv OPTIONS (path '${file('households')}', header 'true')`,
      `CREATE OR REPLACE TEMPORARY VIEW doudi_persons_csv (${sparkSchema('person')}) USING csv OPTIONS (path '${file('persons')}', header 'true')`,
      'DROP TABLE IF EXISTS doudi_households',
      // increasing in file order (partition index, then row within it); written once as Parquet in the session's warehouse
      'CREATE TABLE doudi_households USING parquet AS SELECT *, monotonically_increasing_id() AS doudi_row FROM doudi_households_csv',
      'DROP TABLE IF EXISTS doudi_persons',
      'CREATE TABLE doudi_persons USING parquet AS SELECT * FROM doudi_persons_csv',
    ];
  throw new Error(`${dialect}: tables are loaded with doudi population --out postgres://…`);
}

/** Loads a population held in memory into the session's engine (DuckDB or Spark). */
export async function loadPopulation(session: EngineSession, pop: Population): Promise<EngineTables> {
  if (!session.scratch) throw new Error(`${session.dialect} takes its tables from the database (--database)`);
  const dir = fs.mkdtempSync(path.join(session.scratch, 'tables-'));
  fs.chmodSync(dir, 0o755);
  writeCsvPair(pop, dir);
  await session.run(csvPairStatements(session.dialect, dir));
  // the engine copied the rows into its own tables
  fs.rmSync(dir, { recursive: true, force: true });
  return TABLES;
}
