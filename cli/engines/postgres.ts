/**
 * PostgreSQL's tables for a simulation: `doudi population --out postgres://…` writes a population
 * into `households` and `persons` (the schema's exact types: money BIGINT fen) through COPY FROM
 * STDIN (pg-copy-streams), and `simulate --engine postgres --database URL` finds them. Households
 * get `doudi_row`, their place in the population, from an identity column COPY fills in order, so
 * the deciles' ties and the regions' order are the JS engine's; tables a user loaded without it
 * break ties by household_id.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { tableDefinitions } from '../../language/backend-sql/index.ts';
import { writeTableCsv } from '../../language/backend-sql/rows.ts';
import type { Population } from '../../simulator/index.ts';
import { InputError } from '../command.ts';
import { redact, type EngineSession } from './session.ts';
import type { EngineTables } from './simulator.ts';

/** The name of a table in a message: the schema the URL's search_path gives, and the table. */
const TABLE_NAMES = { households: 'households', persons: 'persons' } as const;

/** A pg client, connected, or a clear refusal naming the server. */
async function connect(url: string) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw new InputError(`cannot connect to PostgreSQL at ${redact(url)}: ${(e as Error).message || (e as { code?: string }).code || 'no answer'}`);
  }
  return client;
}

/** Is `url` a PostgreSQL URL (postgres:// or postgresql://)? */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url);

/**
 * Writes a population into the database at `url`: tables households and persons (in the URL's
 * search_path), refused when either exists unless `replace`; one transaction, so a failure
 * leaves nothing half written.
 */
export async function writePostgres(url: string, pop: Population, replace: boolean): Promise<{ households: number; persons: number }> {
  const { from: copyFrom } = await import('pg-copy-streams');
  const client = await connect(url);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-pg-'));
  try {
    const exists = await client.query(`SELECT to_regclass('${TABLE_NAMES.households}') IS NOT NULL AS h, to_regclass('${TABLE_NAMES.persons}') IS NOT NULL AS p`);
    const there = [exists.rows[0].h && 'households', exists.rows[0].p && 'persons'].filter(Boolean);
    if (there.length && !replace) throw new InputError(`PostgreSQL at ${redact(url)} has a table ${there.join(' and a table ')} already; give --replace to replace them`);
    await client.query('BEGIN');
    await client.query(`DROP TABLE IF EXISTS ${TABLE_NAMES.persons}; DROP TABLE IF EXISTS ${TABLE_NAMES.households}`);
    await client.query(tableDefinitions('postgres'));
    // the household's place: filled by COPY in input order
    await client.query(`ALTER TABLE ${TABLE_NAMES.households} ADD COLUMN doudi_row BIGINT GENERATED ALWAYS AS IDENTITY`);
    for (const [level, table] of [['household', TABLE_NAMES.households], ['person', TABLE_NAMES.persons]] as const) {
      // written to a file first and streamed from it: memory stays small for any population
      const file = path.join(dir, `${table}.csv`);
      const fd = fs.openSync(file, 'w');
      try {
        writeTableCsv(pop.columns, level, (s) => fs.writeSync(fd, s), pop.ids);
      } finally {
        fs.closeSync(fd);
      }
      const header = fs.readFileSync(file, { encoding: 'utf8', flag: 'r' }).slice(0, 4096).split('\n')[0]!;
      await pipeline(fs.createReadStream(file), client.query(copyFrom(`COPY ${table} (${header}) FROM STDIN WITH (FORMAT csv, HEADER true)`)));
      fs.rmSync(file);
    }
    await client.query(`ANALYZE ${TABLE_NAMES.households}; ANALYZE ${TABLE_NAMES.persons}`);
    await client.query('COMMIT');
    return { households: pop.columns.households, persons: pop.columns.persons };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (e instanceof InputError) throw e;
    throw new InputError(`PostgreSQL at ${redact(url)}: ${(e as Error).message}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await client.end().catch(() => undefined);
  }
}

/** The tables a simulation reads in the session's database, checked: both exist; households' place if it has one. */
export async function postgresTables(session: EngineSession, url: string): Promise<{ tables: EngineTables; households: number }> {
  const r = await session.query(
    `SELECT to_regclass('${TABLE_NAMES.households}') IS NOT NULL AS h, to_regclass('${TABLE_NAMES.persons}') IS NOT NULL AS p, EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = '${TABLE_NAMES.households}' AND column_name = 'doudi_row' AND table_schema = ANY (current_schemas(false))) AS pos`,
  );
  const missing = [r[0]!.h !== 'true' && 'households', r[0]!.p !== 'true' && 'persons'].filter(Boolean);
  if (missing.length) throw new InputError(`PostgreSQL at ${redact(url)} has no table ${missing.join(' and no table ')} (write them with doudi population --out ${redact(url)}, or load them as docs/sql.md says)`);
  const n = await session.query(`SELECT count(*) AS n FROM ${TABLE_NAMES.households}`);
  return { tables: { households: TABLE_NAMES.households, persons: TABLE_NAMES.persons, ...(r[0]!.pos === 'true' ? { position: 'doudi_row' } : {}) }, households: Number(n[0]!.n) };
}
