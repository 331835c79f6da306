/**
 * The SQL backend without an engine: what it refuses and how (clear errors naming the definition
 * and its place), and properties of every query it writes — no binary floats, no engine rounding,
 * divisions only through the guarded macro.
 */
import { describe, it, expect } from 'vitest';
import { compileSql, SqlCompileError, DIALECTS } from '../../language/backend-sql/index.ts';
import { expectClean, loadIR, rules } from '../support/policies.ts';

const POLICIES = ['policies/shanghai/shanghai.doudi', 'policies/zhejiang/zhejiang.doudi', 'policies/guangdong/guangdong.doudi', 'policies/national/model.doudi', 'test/fixtures/kitchen.doudi'];

function refusal(f: () => unknown): SqlCompileError {
  try {
    f();
  } catch (e) {
    if (e instanceof SqlCompileError) return e;
    throw e;
  }
  return expect.fail('expected the SQL backend to refuse');
}

describe('queries the SQL backend writes', () => {
  it.each(POLICIES)('%s: no DOUBLE, no engine rounding, every division guarded, in every dialect', (file) => {
    const ir = loadIR(file);
    const date = file.includes('kitchen') ? '2025-03-01' : '2024-07-01';
    for (const dialect of DIALECTS) {
      const q = compileSql(ir, { dialect, date });
      const text = q.script.replace(/'(?:[^'\\]|''|\\.)*'/g, "''");
      expect(text, dialect).not.toMatch(/DOUBLE|FLOAT|REAL|NUMERIC\(|DECIMAL\(\d+,\s*[1-9]/i);
      expect(text, dialect).not.toMatch(/\b(round|ceil|ceiling|floor|trunc|sign|signum)\s*\(/i);
      // integer division only: DuckDB's //, PostgreSQL's / or div(), Spark's div — each on NULLIF(…, 0)
      const divisions = dialect === 'duckdb' ? text.match(/\/\/ (\S+)/g) ?? [] : dialect === 'spark' ? text.match(/\bdiv (\S+)/g) ?? [] : text.match(/(?:\/|div\([^,]+,) (\S+)/g) ?? [];
      for (const d of divisions) expect(d, dialect).toMatch(/NULLIF\(/);
      if (dialect === 'duckdb') expect(text).not.toMatch(/[^/]\/[^/*]/);
    }
  });

  it('a parameter varying by region becomes a table keyed by region block, found by code, prefecture and province', () => {
    const q = compileSql(loadIR('test/fixtures/kitchen.doudi'), { dialect: 'postgres', date: '2025-03-01' });
    expect(q.sql).toContain('doudi_parameters');
    expect(q.sql).toMatch(/WHEN h\."region" IN \(440000, 440100, 440106, 440300\) THEN h\."region"/);
    expect(q.sql).toMatch(/% 100 IN \(440100, 440300\)/);
    expect(q.sql).toMatch(/% 10000 IN \(440000\)/);
  });
});

describe('what the SQL backend refuses', () => {
  it('a date the policy is not in force on, and settings that do not exist or do not parse', () => {
    const ir = loadIR('policies/shanghai/shanghai.doudi');
    const early = refusal(() => compileSql(ir, { dialect: 'duckdb', date: '2023-06-30' }));
    expect(early.code).toBe('out-of-effect');
    expect(early.message).toContain('no value in force on 2023-06-30');
    const unknown = refusal(() => compileSql(ir, { dialect: 'duckdb', date: '2024-07-01', sets: { nope: '1' } }));
    expect(unknown.code).toBe('bad-setting');
    expect(unknown.message).toContain('--set nope');
    const bad = refusal(() => compileSql(ir, { dialect: 'spark', date: '2024-07-01', sets: { cpi_yoy: 'lots' } }));
    expect(bad.code).toBe('bad-setting');
    expect(bad.message).toContain('cpi_yoy');
  });

  it('a sum over members of fractions whose denominator differs by member, naming the definition and its line', () => {
    const ir = expectClean(rules`
person older "年龄加一" : integer [d §1] = age + 1
person inverse "倒数" : number [d §1] = if older > 0 then 1 / older else 0
household share_sum "份额和" : number [d §1] = sum(members: inverse)
output out "输出" : number [d §1] = share_sum
`);
    const e = refusal(() => compileSql(ir, { dialect: 'duckdb', date: '2024-07-01' }));
    expect(e.code).toBe('sql-unsupported');
    expect(e.message).toMatch(/share_sum cannot be compiled to SQL: a sum over members of fractions whose denominator differs from member to member/);
    expect(e.at?.file).toBe('test.doudi');
    expect(e.at?.line).toBe(8);
  });

  it('a member average over a household denominator is exact and accepted', () => {
    const ir = expectClean(rules`
household size "人数" : integer [d §1] = count(members)
person share "份额" : money/month [d §1] = if size > 0 then wage_income / size else ¥0
output total "份额合计" : money/month [d §1] = round(sum(members: share), ¥0.01)
`);
    for (const dialect of DIALECTS) expect(compileSql(ir, { dialect, date: '2024-07-01' }).columns).toEqual([{ output: 'total', column: 'total', kind: 'money' }]);
  });
});

describe('how each engine is given the query', () => {
  it.each(POLICIES)('%s: on Spark each shared step is a table written once and dropped after, and no statement reads a step it neither defines nor finds as a table', (file) => {
    const ir = loadIR(file);
    const date = file.includes('kitchen') ? '2025-03-01' : '2024-07-01';
    const q = compileSql(ir, { dialect: 'spark', date });
    const tables: string[] = [];
    const stepsRead = (sql: string) => new Set([...sql.matchAll(/\b(?:FROM|JOIN)\s+(doudi_\w+)/g)].map((m) => m[1]!));
    const ctes = (sql: string) => new Set([...sql.matchAll(/^(doudi_\w+) AS \($/gm)].map((m) => m[1]!));
    const check = (sql: string) => {
      const own = ctes(sql);
      for (const s of stepsRead(sql)) expect(own.has(s) || tables.includes(s), `${s} read before it exists`).toBe(true);
      // a step is a CTE of one statement only, or a table: never copied into two statements
      for (const c of own) expect(tables.includes(c), `${c} is a table and a CTE`).toBe(false);
      return own;
    };
    const seen = new Set<string>();
    for (let i = 0; i < q.setup.length; i += 2) {
      const name = /^DROP TABLE IF EXISTS (doudi_\w+)$/.exec(q.setup[i]!)?.[1];
      expect(name, q.setup[i]).toBeDefined();
      expect(q.setup[i + 1]!.startsWith(`CREATE TABLE ${name} USING parquet AS\n`)).toBe(true);
      for (const c of check(q.setup[i + 1]!)) {
        expect(seen.has(c), `${c} is a CTE of two statements`).toBe(false);
        seen.add(c);
      }
      tables.push(name!);
    }
    for (const c of check(q.sql)) expect(seen.has(c), `${c} is a CTE of two statements`).toBe(false);
    expect(tables.length).toBeGreaterThan(0);
    // the query reads tables of the setup, and steps of its own
    expect([...stepsRead(q.sql)].some((x) => tables.includes(x))).toBe(true);
    expect(ctes(q.sql).size).toBeGreaterThan(0);
    expect(q.teardown).toEqual(tables.map((t) => `DROP TABLE IF EXISTS ${t}`));
    expect(q.script).not.toMatch(/CACHE|TEMPORARY VIEW/);
  });

  it('DuckDB: one WITH query; PostgreSQL: the same with the JIT off around it', () => {
    const ir = loadIR('policies/shanghai/shanghai.doudi');
    const duck = compileSql(ir, { dialect: 'duckdb', date: '2024-07-01' });
    expect([duck.setup, duck.teardown]).toEqual([[], []]);
    expect(duck.sql.startsWith('WITH\n')).toBe(true);
    const pg = compileSql(ir, { dialect: 'postgres', date: '2024-07-01' });
    expect([pg.setup, pg.teardown]).toEqual([['SET jit = off'], ['RESET jit']]);
  });

  it('refuses input table names that are not plain SQL names or are the query\'s own steps', () => {
    const ir = loadIR('policies/shanghai/shanghai.doudi');
    expect(compileSql(ir, { dialect: 'spark', date: '2024-07-01', households: 'doudi_households', persons: 'doudi_persons' }).sql).toContain('doudi_result');
    const own = refusal(() => compileSql(ir, { dialect: 'spark', date: '2024-07-01', households: 'doudi_h1_4' }));
    expect(own.code).toBe('bad-setting');
    expect(own.message).toContain("households table's name doudi_h1_4 is one the query uses");
    const odd = refusal(() => compileSql(ir, { dialect: 'duckdb', date: '2024-07-01', persons: 'Persons; DROP' }));
    expect(odd.message).toContain('persons table\'s name "Persons; DROP" is not a plain lower-case SQL name');
  });
});
