/**
 * doudi compile --target sql: the files it writes are the backend's (tables and query for the
 * dialect, the column map), the query runs on DuckDB over the tables it defines, and a date the
 * policy is not in force on, an unknown setting or a missing dialect is refused with a clear message.
 */
import { describe, it, expect, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileSql } from '../../language/backend-sql/index.ts';
import { loadIR } from '../support/policies.ts';
import { cli, populationOf, household, person } from '../support/simulator.ts';
import { duckdb, writeTables } from './engines.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-sql-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const SHANGHAI = 'policies/shanghai/shanghai.doudi';

describe('doudi compile --target sql', () => {
  it('writes the tables, the query and its columns; the query runs on the tables', async () => {
    const out = path.join(tmp, 'duckdb');
    const r = await cli(['compile', SHANGHAI, '--target', 'sql', '--dialect', 'duckdb', '--date', '2024-07-01', '--set', 'cpi_yoy=3%', '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['shanghai.duckdb.columns.json', 'shanghai.duckdb.sql', 'tables.duckdb.sql']);
    const q = compileSql(loadIR(SHANGHAI), { dialect: 'duckdb', date: '2024-07-01', sets: { cpi_yoy: '3%' } });
    const script = fs.readFileSync(path.join(out, 'shanghai.duckdb.sql'), 'utf8');
    expect(script).toBe(q.script);
    const columns = JSON.parse(fs.readFileSync(path.join(out, 'shanghai.duckdb.columns.json'), 'utf8'));
    expect(columns.columns).toEqual(q.columns);
    // two households: one paid dibao (income ¥1,000 under the ¥1,595 standard), one without members
    const pop = populationOf([household('A', {}, [person({ wage_income: 1000 })]), household('B', {}, [])]);
    const e = await duckdb();
    await e.load(writeTables(pop.columns, pop.ids));
    const rows = await e.query(script.replace(/;\s*$/, ''));
    await e.close();
    const a = rows.find((x) => x.household_id === 'A')!;
    expect(a.doudi_error).toBeNull();
    expect(a.dibao_benefit).toBe('59500');
    expect(rows.find((x) => x.household_id === 'B')!.dibao_benefit).toBe('0');
  }, 120_000);

  it('refuses a date out of effect, an unknown setting and a missing dialect', async () => {
    const base = ['compile', SHANGHAI, '--target', 'sql', '--out', path.join(tmp, 'no')];
    const early = await cli([...base, '--dialect', 'postgres', '--date', '2020-01-01']);
    expect(early.code).toBe(1);
    expect(early.err).toContain('no value in force on 2020-01-01');
    const unknown = await cli([...base, '--dialect', 'spark', '--date', '2024-07-01', '--set', 'nope=1']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('--set nope');
    const none = await cli([...base, '--date', '2024-07-01']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('--dialect duckdb|postgres|spark');
    expect(fs.existsSync(path.join(tmp, 'no'))).toBe(false);
  });
});
