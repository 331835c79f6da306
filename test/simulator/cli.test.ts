/**
 * The simulator's commands as a user meets them (run in-process through main): a population
 * written to files and read back simulates exactly like the synthetic one it came from; the JSON
 * shapes that scripts rely on; usage errors exit 2 and bad input exits 1, with clear messages.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROGRAMMES } from '../../simulator/index.ts';
import { FRAMEWORK, SHANGHAI, cli } from '../support/simulator.ts';

const NATIONAL = 'policies/national/model.doudi';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-sim-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Runs a command expected to succeed and returns its parsed --json output. */
async function json(args: string[]): Promise<Record<string, unknown>> {
  const r = await cli([...args, '--json']);
  expect(r.err.includes('internal error'), r.err).toBe(false);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as Record<string, unknown>;
}

const without = (x: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(x).filter(([k]) => k !== key));

function expectTotalsShape(programmes: unknown): void {
  expect(Object.keys(programmes as object).sort()).toEqual([...PROGRAMMES].sort());
  for (const p of PROGRAMMES) {
    const t = (programmes as Record<string, Record<string, unknown>>)[p]!;
    for (const k of ['households', 'persons', 'monthly_cost', 'annual_cost']) expect(typeof t[k], `${p}.${k}`).toBe('number');
  }
}

describe('population files read back give the same simulation', () => {
  it('CSV: population --out DIR (defaults), then simulate --population DIR equals simulate --households', async () => {
    const dir = path.join(tmp, 'csv');
    const made = await cli(['population', '--households', '2000', '--out', dir, '--format', 'csv']);
    expect(made.code, made.err).toBe(0);
    expect(fs.existsSync(path.join(dir, 'households.csv'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'persons.csv'))).toBe(true);
    expect(fs.readdirSync(dir).some((f) => f.endsWith('.partial'))).toBe(false);
    expect(made.err).toMatch(/wrote .*households\.csv and .*persons\.csv \(2,000 households/);
    expect(made.out).toContain('Calibration, region 100000, 2023');

    const fromFiles = await json(['simulate', NATIONAL, '--population', dir, '--date', '2023-07-01']);
    const synthetic = await json(['simulate', NATIONAL, '--households', '2000', '--date', '2023-07-01']);
    expect(fromFiles.population).toContain(dir);
    expect(synthetic.population).toMatch(/全国 \(100000\), 2023, seed 1: 2,000 synthetic households/);
    expect(without(fromFiles, 'population')).toEqual(without(synthetic, 'population'));
    expect((synthetic.programmes as Record<string, { households: number }>).dibao.households).toBeGreaterThan(0);
  });

  it('JSON Lines: the same for Shanghai (region and year given to population)', async () => {
    const dir = path.join(tmp, 'jsonl');
    const made = await cli(['population', '--region', '310000', '--year', '2024', '--households', '2000', '--seed', '3', '--out', dir, '--format', 'jsonl']);
    expect(made.code, made.err).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'population.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2000);
    const fromFolder = await json(['simulate', SHANGHAI, '--population', dir, '--date', '2024-07-01', '--seed', '3']);
    const fromFile = await json(['simulate', SHANGHAI, '--population', path.join(dir, 'population.jsonl'), '--date', '2024-07-01', '--seed', '3']);
    const synthetic = await json(['simulate', SHANGHAI, '--households', '2000', '--seed', '3', '--date', '2024-07-01']);
    expect(without(fromFolder, 'population')).toEqual(without(synthetic, 'population'));
    expect(without(fromFile, 'population')).toEqual(without(synthetic, 'population'));
  });

  it('population --population DIR --out converts CSV to JSON Lines, with the ids kept', async () => {
    const src = path.join(tmp, 'convert-src');
    const dst = path.join(tmp, 'convert-dst');
    expect((await cli(['population', '--region', '310000', '--households', '300', '--out', src])).code).toBe(0);
    const r = await cli(['population', '--population', src, '--out', dst, '--format', 'jsonl']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('read without problems');
    const lines = fs.readFileSync(path.join(dst, 'population.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(300);
    expect(JSON.parse(lines[0]!).household_id).toBe('H0000001');
    const a = await json(['simulate', SHANGHAI, '--population', src, '--date', '2024-07-01']);
    const b = await json(['simulate', SHANGHAI, '--population', dst, '--date', '2024-07-01']);
    expect(without(a, 'population')).toEqual(without(b, 'population'));
  });

  it('population --json gives the calibration report', async () => {
    const j = await json(['population', '--region', '310000', '--households', '500']);
    expect(j.households).toBe(500);
    const calibration = j.calibration as { region: string; rows: { name: string; error: number; tolerance: number }[] };
    expect(calibration.region).toBe('310000');
    expect(calibration.rows.length).toBeGreaterThan(5);
    expect(calibration.rows[0]).toEqual(expect.objectContaining({ name: expect.any(String), error: expect.any(Number), tolerance: expect.any(Number) }));
  });
});

describe('output shapes', () => {
  const COMMON = ['--households', '2000', '--date', '2024-07-01'];

  it('simulate --json: programmes with households, persons, monthly and annual cost, and the total', async () => {
    const j = await json(['simulate', SHANGHAI, ...COMMON, '--set', 'cpi_yoy=4%']);
    expectTotalsShape(j.programmes);
    expect(typeof j.annual_cost).toBe('number');
    expect(j.annual_cost).toBeGreaterThan(0);
    const programmes = j.programmes as Record<string, { annual_cost: number }>;
    expect(j.annual_cost).toBeCloseTo(PROGRAMMES.reduce((s, p) => s + programmes[p]!.annual_cost, 0), 4);
    expect(programmes.price!.annual_cost).toBeGreaterThan(0);
    expect(j.date).toBe('2024-07-01');
    expect(j.policy).toBe('shanghai');
    for (const k of ['by_area', 'by_region', 'by_size', 'by_decile']) expect(Array.isArray(j[k]), k).toBe(true);
  });

  it('simulate --workers 2 prints the same JSON as one worker', async () => {
    const one = await json(['simulate', SHANGHAI, ...COMMON, '--workers', '1']);
    const two = await json(['simulate', SHANGHAI, ...COMMON, '--workers', '2']);
    expect(two).toEqual(one);
  });

  it('--take-up as a percentage and --impute-earnings with fen are accepted and act', async () => {
    const plain = await json(['simulate', SHANGHAI, ...COMMON]);
    const shares = await json(['simulate', SHANGHAI, ...COMMON, '--take-up', 'dibao=60%', '--take-up', 'tekun=0.85']);
    expect(shares).toEqual(plain); // the defaults, written otherwise
    const all = await json(['simulate', SHANGHAI, ...COMMON, '--take-up', 'dibao=100%']);
    type P = { programmes: { dibao: { households: number } } };
    expect((all as P).programmes.dibao.households).toBeGreaterThan((plain as P).programmes.dibao.households);
    // 2600.20 × 100 is not a whole number in floating point; it is still ¥2,600.20
    const imputed = await json(['simulate', SHANGHAI, ...COMMON, '--impute-earnings', '2600.20']);
    expect((imputed as P).programmes.dibao.households).toBeLessThan((plain as P).programmes.dibao.households);
    // Income the means test does not see, or sees with error: more households pass the income test.
    const unreported = await json(['simulate', SHANGHAI, ...COMMON, '--unreported-income', '30%']);
    expect(await json(['simulate', SHANGHAI, ...COMMON, '--unreported-income', '0.3'])).toEqual(unreported);
    expect((unreported as P).programmes.dibao.households).toBeGreaterThan((plain as P).programmes.dibao.households);
    const noisy = await json(['simulate', SHANGHAI, ...COMMON, '--income-noise', '0.5']);
    expect((noisy as P).programmes.dibao.households).toBeGreaterThan((plain as P).programmes.dibao.households);
    expect(await json(['simulate', SHANGHAI, ...COMMON, '--income-noise', '0'])).toEqual(plain);
  });

  it('simulate without --json prints a table of the programmes', async () => {
    const r = await cli(['simulate', SHANGHAI, ...COMMON]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('shanghai on 2024-07-01');
    for (const label of ['dibao 低保', 'tekun 特困', 'price 价格补贴', 'temporary 急难型', 'expenditure 支出型', 'total']) expect(r.out).toContain(label);
  });

  it('compare --json: baseline, reform and delta in the shape of simulate, and the changes', async () => {
    const j = await json(['compare', SHANGHAI, '--reform-set', 'dibao_standard=1800', ...COMMON]);
    for (const k of ['baseline', 'reform', 'delta']) {
      expectTotalsShape((j[k] as Record<string, unknown>).programmes);
      expect(typeof (j[k] as Record<string, unknown>).annual_cost, k).toBe('number');
    }
    const [base, reform, delta] = [j.baseline, j.reform, j.delta] as { annual_cost: number }[];
    expect(delta!.annual_cost).toBeCloseTo(reform!.annual_cost - base!.annual_cost, 4);
    expect(delta!.annual_cost).toBeGreaterThan(0);
    const changes = j.changes as { newly_covered: { households: number }; winners_losers: Record<string, number> };
    expect(changes.newly_covered.households).toBeGreaterThan(0);
    expect(Object.keys(changes.winners_losers)).toEqual(['lose_more_than_5pct', 'lose', 'no_change', 'gain', 'gain_more_than_5pct']);
    expect((j.reforms as unknown[]).length).toBe(1);
  });

  it('compare with a reform file applies it on the baseline', async () => {
    const j = await json(['compare', SHANGHAI, 'policies/reforms/raise-standard.doudi', ...COMMON]);
    const reforms = j.reforms as { name: string }[];
    expect(reforms.map((r) => r.name)).toEqual(['raise-standard']);
    expect((j.reform as { policy: string }).policy).not.toBe('shanghai');
  });

  it('compare with a reform file and --reform-set: the settings make their own reform, not the file\'s', async () => {
    const both = await json(['compare', SHANGHAI, 'policies/reforms/raise-standard.doudi', '--reform-set', 'dibao_standard=1800', ...COMMON]);
    const alone = await json(['compare', SHANGHAI, 'policies/reforms/raise-standard.doudi', ...COMMON]);
    const set = await json(['compare', SHANGHAI, '--reform-set', 'dibao_standard=1800', ...COMMON]);
    type R = { name: string; reform: unknown; delta: { annual_cost: number } };
    const [file, settings] = both.reforms as R[];
    expect([file!.name, settings!.name]).toEqual(['raise-standard', 'dibao_standard=1800']);
    expect(file).toEqual((alone.reforms as R[])[0]);
    expect(settings).toEqual((set.reforms as R[])[0]);
    expect(file!.delta.annual_cost).not.toBe(settings!.delta.annual_cost);
  });

  it('sweep --from 1500 --to 1700 --points 3', async () => {
    const j = await json(['sweep', SHANGHAI, '--parameter', 'dibao_standard', '--from', '1500', '--to', '1700', '--points', '3', ...COMMON]);
    expect(j.parameter).toBe('dibao_standard');
    expect(j.unit).toBe('money/month');
    const points = j.points as { value: string; x: number; marginal_cost: number | null; result: { annual_cost: number; programmes: unknown } }[];
    expect(points.map((p) => [p.value, p.x])).toEqual([
      ['1500', 1500],
      ['1600', 1600],
      ['1700', 1700],
    ]);
    expect(points[0]!.marginal_cost).toBeNull();
    for (const p of points) expectTotalsShape(p.result.programmes);
    expect(points[2]!.result.annual_cost).toBeGreaterThan(points[0]!.result.annual_cost);
    expect(points[1]!.marginal_cost).toBeCloseTo(((points[1]!.result.annual_cost - points[0]!.result.annual_cost) / 100) * 10, 4);
  });

  it('sweep of a rate input in percent: cpi_yoy from 3% to 4%', async () => {
    const j = await json(['sweep', SHANGHAI, '--parameter', 'cpi_yoy', '--from', '3%', '--to', '4%', '--points', '3', ...COMMON]);
    expect(j.unit).toBe('rate');
    const points = j.points as { value: string; x: number; result: { programmes: { price: { annual_cost: number } } } }[];
    expect(points.map((p) => p.value)).toEqual(['3%', '3.5%', '4%']);
    expect(points.map((p) => p.x)).toEqual([0.03, 0.035, 0.04]);
    // the 2016 rule starts at 3.5 %
    expect(points.map((p) => p.result.programmes.price.annual_cost > 0)).toEqual([false, true, true]);
  });

  it('months --months 3', async () => {
    const j = await json(['months', SHANGHAI, '--months', '3', '--cpi', '2%,4%', ...COMMON]);
    const months = j.months as { month: number; date: string; cpi_yoy: number; dibao_households: number; cost: { price: number; total: number } }[];
    expect(months.map((m) => [m.month, m.date, m.cpi_yoy])).toEqual([
      [0, '2024-07-01', 0.02],
      [1, '2024-08-01', 0.04],
      [2, '2024-09-01', 0.04],
    ]);
    expect(months.map((m) => m.cost.price > 0)).toEqual([false, true, true]);
    expect(months.every((m) => m.dibao_households > 0)).toBe(true);
    expect(j.totals).toEqual(expect.objectContaining({ cost: expect.any(Number), entries: expect.any(Number), exits: expect.any(Number), grace_household_months: expect.any(Number) }));
  });
});

describe('errors', () => {
  async function fails(args: string[], code: number, message: RegExp): Promise<string> {
    const r = await cli(args);
    expect(r.code, r.err).toBe(code);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
    expect(r.out).toBe('');
    return r.err;
  }

  it('usage errors exit 2 with a clear message', async () => {
    await fails(['simulate', SHANGHAI, '--households', '100'], 2, /doudi simulate: --date YYYY-MM-DD is required/);
    await fails(['simulate', SHANGHAI, '--households', '100', '--date', '2024-07-01', '--region', '31'], 2, /--region 31: expected a 6-digit code/);
    await fails(['simulate', SHANGHAI, '--households', '100', '--date', '2024-07-01', '--take-up', 'dibao=1.5'], 2, /--take-up dibao=1\.5: error setting-range: 1\.5 is out of range: expected a share from 0 to 1/);
    await fails(['simulate', SHANGHAI, '--households', '100', '--date', '2024-07-01', '--take-up', 'price=0.5'], 2, /--take-up price=0\.5: the programmes are dibao, tekun, temporary, expenditure/);
    await fails(['simulate', SHANGHAI, '--households', '100', '--date', '2024-07-01', '--take-up', 'dibao='], 2, /--take-up dibao=: error setting-number: "" is not a number: it is empty; expected a share from 0 to 1/);
    await fails(['simulate', SHANGHAI, '--households', '100', '--date', '2024-07-01', '--take-up', 'dibao=%'], 2, /--take-up dibao=%: error setting-number: .*expected a share/);
    await fails(['simulate', SHANGHAI, '--households', '100', '--date', '2024-07-01', '--impute-earnings', '2690.001'], 2, /--impute-earnings 2690\.001: error setting-range: .*expected yuan a month.*exact to the fen/);
    await fails(['simulate', SHANGHAI, '--households', '100', '--date', '2024-07-01', '--unreported-income', '95%'], 2, /--unreported-income 95%: error setting-range: 95% is out of range: expected a number from 0 to 0\.9 \(or 0% to 90%\)/);
    await fails(['simulate', SHANGHAI, '--households', '100', '--date', '2024-07-01', '--income-noise', '2'], 2, /--income-noise 2: error setting-range: 2 is out of range: expected a number from 0 to 1\.5$/m);
    await fails(['simulate', SHANGHAI, '--households', 'many', '--date', '2024-07-01'], 2, /--households many: expected a whole number/);
    await fails(['months', SHANGHAI, '--households', '100', '--date', '2024-07-01', '--months', '0'], 2, /--months 0/);
    await fails(['sweep', SHANGHAI, '--households', '100', '--date', '2024-07-01', '--from', '1500', '--to', '1700'], 2, /--parameter NAME is required/);
    await fails(['compare', SHANGHAI, '--households', '100', '--date', '2024-07-01'], 2, /at least one reform/);
    await fails(['population', '--format', 'xml', '--out', tmp], 2, /--format xml: expected csv, jsonl or parquet/);
  });

  it('a population folder with a bad row exits 1 naming file:row and field', async () => {
    const dir = path.join(tmp, 'bad');
    expect((await cli(['population', '--region', '310000', '--households', '20', '--out', dir])).code).toBe(0);
    const file = path.join(dir, 'persons.csv');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const header = lines[0]!.split(',');
    const cells = lines[2]!.split(',');
    cells[header.indexOf('sex')] = 'unknown';
    lines[2] = cells.join(',');
    fs.writeFileSync(file, lines.join('\n'));
    const err = await fails(['simulate', SHANGHAI, '--population', dir, '--date', '2024-07-01'], 1, /the population was not read \(1 problem\)/);
    expect(err).toContain(`${file}:3: field sex: the text "unknown" is not one of male, female`);
  });

  it('a population path that does not exist exits 1', async () => {
    await fails(['simulate', SHANGHAI, '--population', path.join(tmp, 'nowhere'), '--date', '2024-07-01'], 1, /--population .*nowhere: no such file or folder/);
  });

  it('a synthetic region without statistics exits 1 and names the regions there are', async () => {
    await fails(['population', '--region', '710000', '--households', '10'], 1, /region 710000: no statistics for this region; known are 100000/);
    expect((await cli(['population', '--region', '120000', '--households', '10', '--real-households', '1000000'])).code).toBe(0);
  });

  it('running a framework policy exits 1 with a clear message', async () => {
    await fails(['simulate', FRAMEWORK, '--households', '100', '--date', '2024-07-01'], 1, /framework\.doudi is a framework: .*run a province or the national model/);
  });
});
