/**
 * The JS backend's scheduling stays O(n log n) (issue 12 item 4: it was quadratic, 8,000 outputs
 * compiled in 9 s and 20,000 in over 60 s). The work is counted, not timed: definitions handled
 * and comparisons made while ordering, for n and 4n definitions of the same shape.
 */
import { describe, it, expect } from 'vitest';
import { reachableDefinitions, emitModule, instantiate, LANGUAGE_VERSION, type PolicyIR } from '../../language/index.ts';
import { inlined, schedule, regionalParams, type ScheduleWork } from '../../language/backend-js/schedule.ts';
import { check, HEADER } from '../support/policies.ts';

/** The longest chain of outputs each reading the one before: with p0, LIMITS.definitionDepth definitions. */
const CHAIN = 999;

/** Policies of n outputs in shapes that stress the ordering differently. */
const SHAPES: Record<string, (n: number) => string> = {
  // every output ready at once: the ready list is as long as the policy
  independent: (n) => Array.from({ length: n }, (_, i) => `output o${i} "o${i}" : money/month [d §1] = ¥${i} + (if vehicles > ${i % 5} then ¥1 else ¥2)`).join('\n'),
  // a person-level value and its sum per output, each output reading the one before (in chains of
  // CHAIN, within LIMITS.definitionDepth): n member loops
  loops: (n) =>
    Array.from(
      { length: n },
      (_, i) =>
        `person p${i} "p${i}" : money/month [d §1] = wage_income * ${(i % 7) + 1} + (if age > ${i % 90} then ¥1 else ¥2)\n` +
        `output o${i} "o${i}" : money/month [d §1] = sum(members: p${i})${i % CHAIN ? ` + o${i - 1}` : ''}`,
    ).join('\n'),
  // one member loop with n person values, then n household values reading them in reverse
  wide: (n) =>
    [
      ...Array.from({ length: n }, (_, i) => `person q${i} "q${i}" : integer [d §1] = age + ${i}`),
      ...Array.from({ length: n }, (_, i) => `output o${i} "o${i}" : integer [d §1] = max(members: q${n - 1 - i} else 0) + (if vehicles > 1 then 1 else 0)`),
    ].join('\n'),
};

function ir(text: string): PolicyIR {
  const r = check(HEADER + text + '\n');
  if (!r.ir) expect.fail(r.diagnostics.slice(0, 3).map((d) => d.message).join('\n'));
  return r.ir;
}

function work(policy: PolicyIR): { steps: number; scheduled: number } {
  const defs = reachableDefinitions(policy, policy.outputs);
  const counted: ScheduleWork = { steps: 0 };
  const steps = schedule(defs, regionalParams(policy), inlined(defs), counted);
  return { steps: counted.steps, scheduled: steps.length };
}

describe('scheduling work', () => {
  for (const [name, make] of Object.entries(SHAPES))
    it(`grows as n log n, not n², for ${name} definitions`, () => {
      // loops are one chain at both sizes, so they stay within the checker's chain limit
      const [n1, n2] = name === 'loops' ? [CHAIN / 4, CHAIN].map(Math.floor) : [1000, 4000];
      const small = work(ir(make(n1!)));
      const large = work(ir(make(n2!)));
      expect(large.scheduled).toBeGreaterThanOrEqual(4 * small.scheduled - 4);
      // n log n gives 4 × log(4000)/log(1000) ≈ 4.8; the quadratic ordering gave 16
      expect(large.steps / small.steps).toBeLessThan(6);
    });
});

describe('a policy of 20,000 outputs', () => {
  it('compiles, loads and evaluates', () => {
    const policy = ir(SHAPES.loops!(10_000));
    expect(policy.outputs.length).toBe(10_000);
    const flat = ir(SHAPES.independent!(20_000));
    expect(flat.outputs.length).toBe(20_000);
    for (const p of [policy, flat]) {
      const m = instantiate(emitModule(p, { version: LANGUAGE_VERSION }));
      const household = {
        household_id: 'h', weight: 1, region: '310101', area: 'urban', hukou_local: true, residence_permit: false, financial_assets: 0, vehicles: 2,
        houses: 0, medical_costs: 0, education_costs: 0, emergency_cost: 0, dibao_last_month: false, last_benefit: 0, grace_months_used: 0,
        members: [{ person_id: 'a', relation: 'head', age: 40, sex: 'male', co_resident: true, excluded_status: 'none', student: false, work_ability: 'full', disability_grade: 0,
          disability_type: 'none', catastrophic_illness: false, self_care: 'full', employed: true, wage_income: 100, business_income: 0, property_income: 0,
          transfer_income: 0, basic_pension: 0, excluded_income: 0, has_capable_supporter: false }],
      };
      const out = m.evaluate(household, { date: '2024-07-01' }).outputs;
      if (p === flat) {
        expect(out.o0).toBe(1);
        expect(out.o19999).toBe(20001);
      } else {
        // p_i = 100 × (i mod 7 + 1) + (¥1 if 40 > i mod 90 else ¥2); o_i = p_i + o_(i-1) within a chain
        let sum = 0;
        for (let i = 9999 - (9999 % CHAIN); i < 10_000; i++) sum += 100 * ((i % 7) + 1) + (40 > i % 90 ? 1 : 2);
        expect(out.o9999).toBe(sum);
      }
    }
  });
});
