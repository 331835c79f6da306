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
