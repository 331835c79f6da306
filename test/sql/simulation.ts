/**
 * `doudi simulate|compare|sweep --engine X --json` against the JS engine on the same population
 * file: the same JSON, byte for byte, except the few figures the JS engine adds up in floating
 * point from non-integers (FLOAT_SUMS: a share of a household, a gap and its square; equal to 12
 * digits here), with take-up, imputed earnings and
 * unreported income on. The population has whole weights of 1 to 4, so every other sum is an
 * exact integer in both engines. Bad inputs are refused with clear messages.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../support/simulator.ts';
import { startPostgres, type PostgresServer } from '../../scripts/engines/postgres.ts';
import { sparkAbsent } from '../../scripts/engines/spark.ts';
import { REQUIRE } from './engines.ts';

/**
 * Figures the JS engine sums in floating point from fractions (a share of a household, a gap over a
 * line and its square): exact in SQL. Money is not among them: monthly totals and changes are summed
 * in twelfths of a fen, integers, in every engine, so they must be the same bytes.
 */
export const FLOAT_SUMS = [/^reach\.poverty\.\w+\.(before|after)\.(gap|fgt2)$/, /^reach\.recipients\.\w+\.by_category\.\w+$/];

/**
 * Every leaf of `a` and `b`: identical, or (FLOAT_SUMS, also as a delta of two results) equal to 12
 * digits or to a millionth of a yuan (a delta subtracts two float sums); `population` (the data's
 * description) aside.
 */
export function expectSameJson(a: unknown, b: unknown, where = ''): void {
  const bad: string[] = [];
  const walk = (x: unknown, y: unknown, p: string) => {
    if (p === 'population') return;
    if (x !== null && typeof x === 'object') {
      if (y === null || typeof y !== 'object') return void bad.push(`${p}: ${JSON.stringify(y)}`);
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const k of keys) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], p ? `${p}.${k}` : k);
      return;
    }
    if (x === y) return;
    const path = p.replace(/^reforms\.\d+\.(reform|delta|changes)\./, (_, k) => (k === 'changes' ? 'changes.' : '')).replace(/^(baseline|reform|delta|points\.\d+\.result)\./, '');
    if (typeof x === 'number' && typeof y === 'number' && FLOAT_SUMS.some((r) => r.test(path)) && Math.abs(x - y) <= Math.max(1e-12 * Math.max(Math.abs(x), Math.abs(y)), 1e-6)) return;
    bad.push(`${p}: JS ${JSON.stringify(x)}, engine ${JSON.stringify(y)}`);
  };
  walk(a, b, '');
  expect(bad.slice(0, 20), `${where}: fields that differ`).toEqual([]);
}

const SHANGHAI = 'policies/shanghai/shanghai.doudi';
const REFORM = 'policies/reforms/edge-2x.doudi';
const BEHAVIOUR = ['--take-up', 'dibao=0.7', '--take-up', 'temporary=0.6', '--impute-earnings', '2690', '--unreported-income', '20%', '--seed', '3'];

/** A Shanghai population file of `n` households with whole weights 1 to 4 (the CSV pair). */
export async function populationFile(dir: string, n: number): Promise<string> {
  const out = path.join(dir, 'pop');
  const r = await cli(['population', '--region', '310000', '--households', String(n), '--real-households', String(n), '--seed', '5', '--out', out]);
  if (r.code !== 0) throw new Error(r.err);
  const file = path.join(out, 'households.csv');
  const [head, ...rows] = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  const w = head!.split(',').indexOf('weight');
  fs.writeFileSync(file, [head, ...rows.map((line, i) => line.split(',').map((c, k) => (k === w ? String(1 + (i % 4)) : c)).join(','))].join('\n') + '\n');
  return out;
}

type Engine = 'duckdb' | 'postgres' | 'spark';

/** Why the engine cannot run here, or undefined. */
function absent(engine: Engine): string | undefined {
  if (engine === 'spark') return sparkAbsent();
  if (engine === 'postgres' && !process.env.DOUDI_POSTGRES_URL && !fs.existsSync('/usr/lib/postgresql/15/bin/postgres')) return 'PostgreSQL 15 is not installed (apt-get install postgresql) and DOUDI_POSTGRES_URL is not set';
  return undefined;
}

/**
 * `quick` (Spark, where every statement is a job and every command starts a session): compare
 * with one reform, no sweep — the sweep runs the same scenarios' path compare does.
 */
export function simulationSuite(engine: Engine, households: number, quick = false): void {
  const why = absent(engine);
  if (why && REQUIRE) throw new Error(`${engine} is required here (DOUDI_REQUIRE_ENGINES=1) but absent: ${why}`);
  describe.skipIf(why !== undefined)(`doudi simulate, compare, sweep --engine ${engine}${why ? ` (skipped: ${why})` : ''}`, () => {
    let dir = '';
    let pop = '';
    let server: PostgresServer | undefined;
    /** the options that give the engine its population */
    let where: string[] = [];
    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), `doudi-engine-${engine}-`));
      pop = await populationFile(dir, households);
      where = ['--population', pop];
      if (engine === 'postgres') {
        let url = process.env.DOUDI_POSTGRES_URL;
        if (!url) {
          const s = await startPostgres();
          if (typeof s === 'string') throw new Error(s);
          server = s;
          url = s.url;
        }
        // a schema of its own: other files may use the same server
        const schema = `doudi_engine_${process.pid}`;
        const pg = (await import('pg')).default;
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
        await c.end();
        const db = `${url}${url.includes('?') ? '&' : '?'}options=-csearch_path%3D${schema}`;
        const w = await cli(['population', '--population', pop, '--out', db]);
        expect(w.err).toMatch(/wrote the tables households and persons/);
        expect(w.code).toBe(0);
        // the tables are there: a second write is refused unless --replace
        const again = await cli(['population', '--population', pop, '--out', db]);
        expect(again.code).toBe(1);
        expect(again.err).toMatch(/has a table households and a table persons already; give --replace/);
        where = ['--database', db];
      }
    }, 600_000);
    afterAll(() => {
      server?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    const both = async (args: string[]) => {
      const js = await cli([...args, '--population', pop, '--json']);
      expect(js.err).toBe('');
      expect(js.code).toBe(0);
      const sql = await cli([...args, ...where, '--engine', engine, '--json']);
      expect(sql.err).toBe('');
      expect(sql.code).toBe(0);
      return [JSON.parse(js.out), JSON.parse(sql.out)] as const;
    };

    it('simulate: the JS engine\'s JSON, with take-up, imputed earnings and unreported income', async () => {
      const [js, sql] = await both(['simulate', SHANGHAI, '--date', '2024-07-01', '--set', 'cpi_yoy=4%', ...BEHAVIOUR]);
      expectSameJson(js, sql, 'simulate');
      expect(sql.programmes.dibao.households).toBeGreaterThan(0);
      expect(sql.households).toBe(Math.round(sql.households));
    }, 600_000);

    it('compare: a reform file and --reform-set, the same draws', async () => {
      const [js, sql] = await both(['compare', SHANGHAI, ...(quick ? [] : [REFORM]), '--reform-set', 'dibao_standard=¥1650', '--date', '2024-07-01', ...BEHAVIOUR]);
      expectSameJson(js, sql, 'compare');
      expect(sql.reforms).toHaveLength(quick ? 1 : 2);
      expect(sql.reforms.at(-1).delta.annual_cost).toBeGreaterThan(0);
    }, 600_000);

    it.skipIf(quick)('sweep: the curve and its marginal costs', async () => {
      const [js, sql] = await both(['sweep', SHANGHAI, '--parameter', 'dibao_standard', '--values', '1500,1595,1700', '--date', '2024-07-01', ...BEHAVIOUR]);
      expectSameJson(js, sql, 'sweep');
      expect(sql.points).toHaveLength(3);
    }, 600_000);

    it.skipIf(engine === 'postgres')('refuses a bad population file whole, naming file, line and field', async () => {
      const bad = path.join(dir, 'bad');
      fs.cpSync(pop, bad, { recursive: true });
      const file = path.join(bad, 'households.csv');
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const head = lines[0]!.split(',');
      const set = (line: number, field: string, value: string) => {
        const cells = lines[line - 1]!.split(',');
        cells[head.indexOf(field)] = value;
        lines[line - 1] = cells.join(',');
      };
      set(4, 'financial_assets', '12.345');
      set(6, 'area', 'city');
      lines[8] = lines[7]!;
      fs.writeFileSync(file, lines.join('\n'));
      const r = await cli(['simulate', SHANGHAI, '--date', '2024-07-01', '--population', bad, '--engine', engine]);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      // the household overwritten by the copy leaves its members without a household
      expect(r.err).toMatch(/the population was not read \(\d+ problems\)/);
      expect(r.err).toMatch(/persons\.csv:\d+: field household_id: household "H\d+" is not in /);
      expect(r.err).toContain(`${file}:4: field financial_assets: "12.345" must be an amount in yuan, not negative, with at most two decimals`);
      expect(r.err).toContain(`${file}:6: field area: "city" is not one of urban, rural`);
      expect(r.err).toMatch(new RegExp(`${file}:9: field household_id: "H\\d+" appears twice \\(first on line 8\\)`));
      const none = await cli(['simulate', SHANGHAI, '--date', '2024-07-01', '--population', path.join(dir, 'absent'), '--engine', engine]);
      expect(none.code).toBe(1);
      expect(none.err).toMatch(/--population .*absent: no such file or folder/);
    }, 600_000);

    it.skipIf(engine !== 'postgres')('names a database it cannot reach, or one without the tables', async () => {
      const r = await cli(['simulate', SHANGHAI, '--date', '2024-07-01', '--engine', 'postgres', '--database', 'postgres://nobody:secret@127.0.0.1:1/none']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/PostgreSQL at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none: cannot connect/);
      expect(r.err).not.toContain('secret');
      const usage = await cli(['simulate', SHANGHAI, '--date', '2024-07-01', '--engine', 'postgres']);
      expect(usage.code).toBe(2);
      expect(usage.err).toMatch(/--engine postgres needs --database/);
      const empty = `${where[1]!.replace(/search_path%3D\w+/, 'search_path%3Dnowhere')}`;
      const t = await cli(['simulate', SHANGHAI, '--date', '2024-07-01', '--engine', 'postgres', '--database', empty]);
      expect(t.code).toBe(1);
      expect(t.err).toMatch(/has no table households and no table persons/);
    });

    it('refuses --income-noise, naming the option and the engine', async () => {
      const r = await cli(['simulate', SHANGHAI, '--date', '2024-07-01', ...where, '--engine', engine, '--income-noise', '0.3']);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`--income-noise cannot run with --engine ${engine}: .*floating-point`));
    });
  });
}
