/**
 * The population as the means test sees it (simulator/engine/assess.ts): unreported income, the
 * measurement error of what is reported, and imputed earnings — each off unless asked for, exact to
 * the fen, the same draws for a shard as for the whole population, and mean one for the error.
 */
import { describe, expect, it } from 'vitest';
import { assessedPopulation, assessmentKey, generatePopulation, incomeFactor, prepare, shardOf } from '../../simulator/index.ts';

const pop = generatePopulation({ region: '310000', year: 2024, households: 20_000, seed: 3 }).columns;
const keys = prepare(pop).key;
const P = pop.person;
const GAP = ['wage_income', 'business_income', 'property_income'] as const;

describe('the income the means test assesses', () => {
  it('is the recorded population itself when nothing is assumed', () => {
    expect(assessedPopulation(pop, {}, keys)).toBe(pop);
    expect(assessedPopulation(pop, { seed: 9, unreportedIncome: 0, incomeNoise: 0 }, keys)).toBe(pop);
  });

  it('leaves out the unreported share of wage, business and property income, to the fen, and nothing else', () => {
    const a = assessedPopulation(pop, { unreportedIncome: 0.25 }, keys);
    for (const f of GAP) {
      const before = P[f]!;
      const after = a.person[f]!;
      expect(after).not.toBe(before);
      expect(Array.from(after)).toEqual(Array.from(before, (x) => Math.round(x * 0.75)));
    }
    for (const f of ['transfer_income', 'basic_pension', 'excluded_income', 'age'] as const) expect(a.person[f]).toBe(P[f]);
    expect(a.household).toBe(pop.household);
    // the recorded columns are untouched
    expect(assessedPopulation(pop, {}, keys).person.wage_income).toBe(P.wage_income);
  });

  it('takes the reported share exactly, rounding half away from zero as the language does (no binary float)', () => {
    // 250 fen × (1 − 0.07) = 232.5 fen exactly: 233, where 250 × 0.93 in binary floats gives 232.4999…
    expect(250 * (1 - 0.07)).toBeLessThan(232.5);
    const one = { ...pop, households: 1, persons: 1, memberStart: Int32Array.of(0, 1), person: { ...P, wage_income: Int32Array.of(250), business_income: Int32Array.of(0), property_income: Int32Array.of(0) } };
    expect(assessedPopulation(one, { unreportedIncome: 0.07 }, keys).person.wage_income![0]).toBe(233);
    expect(() => assessedPopulation(one, { unreportedIncome: 0.1234567 }, keys)).toThrow(/six decimals/);
  });

  it('measures income with a log-normal error of mean one, one draw per household shared by its members', () => {
    const s = 0.5;
    let sum = 0;
    let sumLog = 0;
    const N = 200_000;
    for (let h = 0; h < N; h++) {
      const f = incomeFactor({ seed: 1, incomeNoise: s }, h);
      sum += f;
      sumLog += Math.log(f);
    }
    expect(sum / N).toBeCloseTo(1, 2);
    expect(sumLog / N).toBeCloseTo(-(s * s) / 2, 2);
    const a = assessedPopulation(pop, { seed: 1, incomeNoise: s }, keys);
    for (let h = 0; h < 500; h++) {
      const f = incomeFactor({ seed: 1, incomeNoise: s }, keys[h]!);
      for (let p = pop.memberStart[h]!; p < pop.memberStart[h + 1]!; p++) expect(a.person.wage_income![p]).toBe(Math.min(2e9, Math.round(P.wage_income![p]! * f)));
    }
    // another seed, other draws
    expect(incomeFactor({ seed: 2, incomeNoise: s }, 7)).not.toBe(incomeFactor({ seed: 1, incomeNoise: s }, 7));
  });

  it('assesses a shard exactly as the whole population, by household draw key', () => {
    const b = { seed: 5, unreportedIncome: 0.1, incomeNoise: 0.8, imputedEarnings: 2690 };
    const whole = assessedPopulation(pop, b, keys);
    const prep = prepare(pop);
    const shard = shardOf(prep, 12_000, 20_000, true);
    const part = assessedPopulation(shard.pop, b, shard.key);
    const first = pop.memberStart[12_000]!;
    for (const f of [...GAP, 'wage_income'] as const) expect(Array.from(part.person[f]!)).toEqual(Array.from(whole.person[f]!.subarray(first)));
  });

  it('imputes earnings after the income error: a member without wages is assessed at the imputed amount', () => {
    const a = assessedPopulation(pop, { seed: 1, incomeNoise: 0.8, imputedEarnings: 2000 }, keys);
    let imputed = 0;
    for (let p = 0; p < pop.persons; p++) {
      const idle = P.age![p]! >= 18 && P.age![p]! <= 59 && P.work_ability![p] === 0 && !P.student![p] && !P.employed![p] && P.wage_income![p] === 0;
      if (idle) {
        imputed++;
        expect(a.person.wage_income![p]).toBe(200_000);
      }
    }
    expect(imputed).toBeGreaterThan(0);
  });

  it('keys assessments by what they change: the seed matters only with an income error or gap', () => {
    expect(assessmentKey({ seed: 1, imputedEarnings: 2000 })).toBe(assessmentKey({ seed: 2, imputedEarnings: 2000 }));
    expect(assessmentKey({ seed: 1, incomeNoise: 0.2 })).not.toBe(assessmentKey({ seed: 2, incomeNoise: 0.2 }));
    expect(assessmentKey({ unreportedIncome: 0.1 })).not.toBe(assessmentKey({ unreportedIncome: 0.2 }));
  });
});
