/**
 * The compiled JavaScript and the exact interpreter must agree on every household: the same
 * outputs to the fen, the same households refused. Thousands of random households per policy.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { evaluateHousehold, toColumns, EvalError, rational as Q, type PolicyIR, type Household, type Scalar, type CompiledPolicy } from '../../language/index.ts';
import { loadIR, compile } from '../support/policies.ts';
import { householdArb, dateArb } from '../support/households.ts';

interface Case {
  hh: Household;
  date: string;
  sets: Record<string, string>;
}

function interpreted(ir: PolicyIR, c: Case): { values?: Record<string, Scalar>; error?: string } {
  const sets: Record<string, Scalar> = {};
  for (const [k, v] of Object.entries(c.sets)) {
    const p = ir.parameters.find((x) => x.id === k)!;
    sets[k] = p.type.k === 'bool' ? v === 'true' : Q.parseRational(v)!;
  }
  try {
    return { values: evaluateHousehold(ir, c.hh, { date: c.date, sets }).values as Record<string, Scalar> };
  } catch (e) {
    if (e instanceof EvalError) return { error: e.code };
    throw e;
  }
}

/** Evaluates many cases in one batch per (date, sets) group, as the simulator does. */
function compiledValue(m: CompiledPolicy, c: Case): { values?: Record<string, number | string | boolean>; error?: string } {
  const pop = toColumns([c.hh]);
  const regions = m.regionsOf(pop);
  let params;
  try {
    params = m.resolveParameters({ date: c.date, sets: c.sets }, regions.codes);
  } catch (e) {
    return { error: (e as Error).message };
  }
  const out = m.allocateOutputs(1);
  m.evaluateBatch(pop, regions, params, out);
  if (out.errors[0]) return { error: m.SITES[out.errors[0] - 1]!.kind };
  const values: Record<string, number | string | boolean> = {};
  for (const o of m.outputs) {
    const v = out.columns[o.id]![0]!;
    values[o.id] = o.values ? o.values[v]! : o.type === 'bool' ? v === 1 : v;
  }
  return { values };
}

function agree(ir: PolicyIR, m: CompiledPolicy, c: Case): void {
  const a = interpreted(ir, c);
  const b = compiledValue(m, c);
  if (a.error || b.error) {
    expect({ interpreterFailed: !!a.error, compiledFailed: !!b.error }).toEqual({ interpreterFailed: true, compiledFailed: true });
    return;
  }
  for (const o of m.outputs) {
    const want = a.values![o.id]!;
    const got = b.values![o.id]!;
    if (typeof want !== 'object') {
      expect(got, o.id).toBe(want);
      continue;
    }
    if (o.type.startsWith('money')) expect(Q.eq(Q.rat(got as number), Q.mul(want, Q.rat(100))), `${o.id}: compiled ${got} fen, exact ${Q.toDecimalString(want, 6)} yuan`).toBe(true);
    else if (o.type === 'integer' || o.type === 'months') expect(got, o.id).toBe(Number(want.n / want.d));
    else expect(Math.abs((got as number) - Q.toNumber(want)), `${o.id}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(Q.toNumber(want))));
  }
}

describe('interpreter and compiled code agree', () => {
  it('on the Shanghai reference policy (5,000 random households, dates and CPI months)', () => {
    const ir = loadIR('policies/shanghai/shanghai.doudi');
    const m = compile(ir);
    const pct = fc.integer({ min: 0, max: 1200 }).map((x) => `${x / 100}%`);
    fc.assert(
      fc.property(householdArb(['310000']), dateArb('2023-07-01', '2025-12-31'), fc.option(pct), fc.option(pct), (hh, date, cpi, food) => {
        const sets: Record<string, string> = {};
        if (cpi) sets.cpi_yoy = String(Q.toText(Q.parseRational(cpi)!));
        if (food) sets.food_cpi_yoy = String(Q.toText(Q.parseRational(food)!));
        agree(ir, m, { hh, date, sets });
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
        agree(ir, m, { hh, date, sets });
      }),
      { numRuns: 5000, seed: 7 },
    );
  });
});
