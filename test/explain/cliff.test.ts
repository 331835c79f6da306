/** The benefit cliff: net income and the marginal rate along one member's earnings, exact, with the counted income and the 渐退期. */
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { earningsPath, evaluateOne, parseEarningsPath, rational as Q, readExact, type EarningsPath } from '../../language/index.ts';
import { compile, loadIR } from '../support/policies.ts';
import { cli } from '../support/simulator.ts';

const shanghai = (() => {
  const ir = loadIR('policies/shanghai/shanghai.doudi');
  return { ir, compiled: compile(ir) };
})();
const DATE = '2024-07-01';
const GRACE = JSON.parse(fs.readFileSync('test/golden/notices/grace/household.json', 'utf8')) as { members: Record<string, unknown>[] };

const path_ = (text: string): EarningsPath => {
  const p = parseEarningsPath(text);
  if (!p.ok) expect.fail(p.why);
  return p.value;
};

describe('the earnings path', () => {
  it('reads FROM:TO:STEP in yuan exactly, and TO is always the last point', () => {
    expect(path_('0:6000:500')).toEqual({ from: 0, to: 600000, step: 50000 });
    expect(path_('¥1,000.50:2000元:333.33')).toEqual({ from: 100050, to: 200000, step: 33333 });
    const p = parseEarningsPath('0:1000:300');
    expect(p.ok && p.value).toEqual({ from: 0, to: 100000, step: 30000 });
  });

  it('refuses what is not a path, each with its reason', () => {
    const why = (t: string) => {
      const p = parseEarningsPath(t);
      return p.ok ? 'ok' : p.why;
    };
    expect(why('0:6000')).toMatch(/expected FROM:TO:STEP/);
    expect(why('0:6000:0')).toBe('STEP must be more than 0');
    expect(why('5000:1000:10')).toMatch(/TO \(1000\) is below FROM \(5000\)/);
    expect(why('0:6000:0.001')).toMatch(/more than two decimals/);
    expect(why('-100:6000:10')).toMatch(/negative/);
    expect(why('0:6000:1%')).toMatch(/not an amount in yuan/);
    expect(why('0:1e3:10')).toMatch(/TO "1e3"/);
    expect(why('0:100000:10')).toMatch(/10,001 points; at most 1,000/);
    expect(why('0:30000000:100000')).toMatch(/above the largest monthly wage/);
  });
});

describe('the cliff', () => {
  const run = (text: string, member = 1, raw: unknown = GRACE) => {
    const c = earningsPath(shanghai, raw, path_(text), member, { date: DATE });
    if (!c.ok) expect.fail(c.message);
    return c.cliff;
  };

  it('agrees with evaluating each household on its own, and net income adds up to the fen', () => {
    const c = run('0:8000:250');
    expect(c.points).toHaveLength(33);
    for (const p of c.points) {
      const raw = { ...GRACE, members: GRACE.members.map((m, j) => (j === 0 ? { ...m, wage_income: p.earnings, employed: p.earnings > 0 ? true : m.employed } : m)) };
      const r = evaluateOne(shanghai, raw, { date: DATE });
      if (!r.ok) expect.fail(r.message);
      expect([p.dibao, p.tekun, p.price, p.dibao_status]).toEqual([r.outputs.dibao_benefit, r.outputs.tekun_benefit, r.outputs.price_subsidy, r.outputs.dibao_status]);
      const fen = (x: number) => Q.fromDecimalNumber(x);
      expect(Q.eq(fen(p.net_income), Q.add(Q.add(fen(p.earnings), fen(c.other_income)), fen(p.benefits)))).toBe(true);
    }
  });

  it('shows the employment deduction (¥870 exempted) and a 100% marginal rate where each yuan counted cuts dibao by a yuan', () => {
    const c = run('2000:4000:500');
    expect(c.points.map((p) => p.counted_income)).toEqual([1130, 1630, 2130, 2630, 3130]);
    expect(c.points.slice(1).map((p) => p.marginal_rate_exact)).toEqual(['1', '1', '1', '1']);
  });

  it('shows the 渐退期 of a household on dibao last month: above the standard the benefit is last month’s', () => {
    const c = run('0:8000:500');
    const grace = c.points.filter((p) => p.dibao_status === 'grace');
    expect(grace.length).toBeGreaterThan(0);
    for (const p of grace) expect(p.dibao).toBe(820);
    // Entering the grace period the benefit jumps up to last month's: a negative marginal rate, exact.
    const first = c.points.indexOf(grace[0]!);
    const before = c.points[first - 1]!;
    const rate = Q.sub(Q.ONE, Q.div(Q.sub(Q.fromDecimalNumber(grace[0]!.net_income), Q.fromDecimalNumber(before.net_income)), Q.sub(Q.fromDecimalNumber(grace[0]!.earnings), Q.fromDecimalNumber(before.earnings))));
    expect(Q.eq(readExact(grace[0]!.marginal_rate_exact!), rate)).toBe(true);
    expect(Q.cmp(rate, Q.ZERO)).toBeLessThan(0);
  });

  it('names the member, and refuses one who is not there or does not live in the household', () => {
    expect(run('0:1000:500', 2).person_id).toBe('N-GRACE-2');
    const bad = earningsPath(shanghai, GRACE, path_('0:1000:500'), 3, { date: DATE });
    expect(bad).toMatchObject({ ok: false, stage: 'household', message: 'member 3: the household has 2 members' });
    const away = { ...GRACE, members: GRACE.members.map((m, j) => (j === 1 ? { ...m, co_resident: false } : m)) };
    const gone = earningsPath(shanghai, away, path_('0:1000:500'), 2, { date: DATE });
    expect(gone.ok).toBe(false);
    expect(!gone.ok && gone.message).toMatch(/does not live in the household/);
  });
});

describe('doudi eval --earnings-path', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-cliff-'));
  const file = path.join(dir, 'grace.json');
  fs.writeFileSync(file, JSON.stringify(GRACE));
  const SH = 'policies/shanghai/shanghai.doudi';

  it('prints a table in Chinese by default, in English with --lang en, and JSON with --json', async () => {
    const zh = await cli(['eval', SH, '--household', file, '--date', DATE, '--earnings-path', '0:8000:2000']);
    expect(zh.code, zh.err).toBe(0);
    expect(zh.out).toContain('工资性收入');
    expect(zh.out).toContain('渐退期');
    const en = await cli(['eval', SH, '--household', file, '--date', DATE, '--earnings-path', '0:8000:2000', '--lang', 'en']);
    expect(en.out).toMatch(/earnings +counted +per capita +status/);
    expect(en.out).toMatch(/8,000 .* grace/);
    const j = await cli(['eval', SH, '--household', file, '--date', DATE, '--earnings-path', '0:8000:2000', '--member', '1', '--json']);
    const cliff = JSON.parse(j.out).cliff;
    expect(cliff.points.map((p: { earnings: number }) => p.earnings)).toEqual([0, 2000, 4000, 6000, 8000]);
  });

  it('refuses bad usage with exit code 2, and a bad member with exit code 1', async () => {
    const usage = async (args: string[], msg: RegExp) => {
      const r = await cli(['eval', SH, '--household', file, '--date', DATE, ...args]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
    };
    await usage(['--earnings-path', '0:100'], /--earnings-path 0:100: expected FROM:TO:STEP/);
    await usage(['--member', '2'], /--member goes with --earnings-path/);
    await usage(['--explain', '--earnings-path', '0:100:10'], /not both/);
    await usage(['--explain', '--lang', 'fr'], /--lang fr: expected zh or en/);
    await usage(['--lang', 'en'], /--lang goes with --explain or --earnings-path/);
    await usage(['--earnings-path', '0:100:10', '--member', 'x'], /--member x/);
    const r = await cli(['eval', SH, '--household', file, '--date', DATE, '--earnings-path', '0:100:10', '--member', '5']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('member 5: the household has 2 members');
  });
});
