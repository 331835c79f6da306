/**
 * The compiled JavaScript and the exact interpreter must agree on every household: the same
 * outputs to the fen, the same households refused. Thousands of random households per policy,
 * through language/run's one agreement check (the one `doudi test` runs on every test case), with
 * settings through the one resolver.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkAgreement, readOne, resolveSettings, type PolicyIR, type CompiledPolicy, type Household } from '../../language/index.ts';
import { loadIR, compile } from '../support/policies.ts';
import { householdArb, dateArb } from '../support/households.ts';
import { household, person } from '../support/simulator.ts';

function agree(ir: PolicyIR, compiled: CompiledPolicy, hh: Household, date: string, sets: Record<string, string>): void {
  const { settings, problems } = resolveSettings(ir, sets);
  expect(problems, 'the settings of the case').toEqual([]);
  const differences = checkAgreement({ ir, compiled }, hh, date, settings);
  expect(differences, `${date} ${JSON.stringify(sets)}`).toEqual([]);
}

describe('interpreter and compiled code agree', () => {
  it('on the Shanghai reference policy (5,000 random households, dates and CPI months)', () => {
    const ir = loadIR('policies/shanghai/shanghai.doudi');
    const m = compile(ir);
    // Percentages to a hundredth, negative ones too, in the settings grammar as a user gives them.
    const pct = fc.integer({ min: -300, max: 1200 }).map((x) => `${(x / 100).toFixed(2)}%`);
    fc.assert(
      fc.property(householdArb(['310000']), dateArb('2023-07-01', '2025-12-31'), fc.option(pct), fc.option(pct), (hh, date, cpi, food) => {
        const sets: Record<string, string> = {};
        if (cpi) sets.cpi_yoy = cpi;
        if (food) sets['食品价格同比涨幅'] = food;
        agree(ir, m, hh, date, sets);
      }),
      { numRuns: 5000, seed: 20261129 },
    );
  });

  it('on a policy using every construct (5,000 random households across regions and dates)', () => {
    const ir = loadIR('test/fixtures/kitchen.doudi');
    const m = compile(ir);
    const regions = ['440000', '440100', '440106', '440300', '441900', '310000', '330700'];
    fc.assert(
      fc.property(householdArb(regions), dateArb('2023-01-01', '2026-12-31'), fc.option(fc.integer({ min: 0, max: 5000 })), fc.boolean(), (hh, date, bonus, strict) => {
        const sets: Record<string, string> = { strict: String(strict) };
        if (bonus !== null) sets.bonus_rate = `${bonus}/10000`;
        agree(ir, m, hh, date, sets);
      }),
      { numRuns: 5000, seed: 7 },
    );
  });

  it('fails when the two sides differ (the check can fail)', () => {
    const ir = loadIR('policies/shanghai/shanghai.doudi');
    const m = compile(ir);
    const read = readOne(household('h', {}, [person({ employed: true, wage_income: 1000 })]));
    if (!('household' in read)) return expect.fail(read.message);
    const hh = read.household;
    // A module whose dibao benefit is one fen more than the interpreter's.
    const off: CompiledPolicy = {
      ...m,
      evaluateBatch: (pop, regions, params, out, from, to) => {
        const failed = m.evaluateBatch(pop, regions, params, out, from, to);
        (out.columns.dibao_benefit as Float64Array | Int32Array)[0]! += 1;
        return failed;
      },
    };
    const { settings } = resolveSettings(ir, {});
    expect(checkAgreement({ ir, compiled: m }, hh, '2024-07-01', settings)).toEqual([]);
    expect(checkAgreement({ ir, compiled: off }, hh, '2024-07-01', settings)).toEqual([expect.stringMatching(/^dibao_benefit: compiled [\d.]+, interpreter [\d.]+$/)]);
  });
});
