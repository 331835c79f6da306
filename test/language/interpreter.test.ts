/** The reference interpreter: exact values, explanations, parameters by date and region, conflicts. */
import { describe, it, expect } from 'vitest';
import { evaluateHousehold, readHousehold, EvalError, rational as Q, type Household, type PolicyIR, type ExplainNode } from '../../language/index.ts';
import { rules, expectClean, loadIR, compile } from '../support/policies.ts';
import { toColumns } from '../../language/index.ts';

const hh = (raw: Record<string, unknown>): Household => readHousehold(raw, { lenient: true, defaultRegion: '310000' }).household!;

function fails(ir: PolicyIR, h: Household, date: string): EvalError {
  try {
    evaluateHousehold(ir, h, { date });
  } catch (e) {
    if (e instanceof EvalError) return e;
    throw e;
  }
  return expect.fail('expected an EvalError');
}

describe('explanations', () => {
  const ir = loadIR('policies/shanghai/shanghai.doudi');
  const household = hh({ members: [{ age: 45, employed: true, wage_income: 2000 }, { age: 10, student: true, has_capable_supporter: true }] });

  it('shows each value, what it read, the rule that fired and its citation', () => {
    const r = evaluateHousehold(ir, household, { date: '2024-07-01', explain: true });
    const benefit = r.explanation!.find((n) => n.id === 'dibao_benefit')!;
    expect(benefit).toMatchObject({ kind: 'output', value: 2060, type: 'money/month', because: ['exception regular_case [57号 §23]'] });
    expect(benefit.cite).toEqual(['57号 §23']);
    // regular_benefit is read first by regular_dibao (a benefit of ¥0 is no benefit): find its full node
    const find = (n: ExplainNode, id: string): ExplainNode | undefined => (n.id === id && !n.repeated ? n : n.reads.map((x) => find(x, id)).find(Boolean));
    const base = find(benefit, 'base_benefit')!;
    expect(base.because).toEqual(['match gap']);
    const pci = base.reads.find((n) => n.id === 'pci')!;
    expect(pci.value).toBe(565);
    expect(pci.because).toEqual([expect.stringMatching(/^if at line \d+: else$/)]);
    const standard = find(benefit, 'dibao_standard')!;
    expect(standard).toMatchObject({ kind: 'parameter', value: '[1595, 1595]', because: ['value from 2024-07-01'] });
    expect(standard.cite).toContain('沪2024');
  });

  it('names the member a person-level value belongs to, and shows exact fractions', () => {
    const three = hh({ members: [{ age: 40, business_income: 1000 }, { age: 40 }, { age: 40 }] });
    const r = evaluateHousehold(ir, three, { date: '2024-07-01', explain: true, targets: ['pci'] });
    const pci = r.explanation!.find((n) => n.id === 'pci')!;
    expect(pci.exact).toBe('1000/3');
    const sum = pci.reads.find((n) => n.id === 'income_sum')!.reads.find((n) => n.id === 'dibao_income')!;
    const member = sum.reads.find((n) => n.id === 'countable_income' && n.member === 0)!;
    expect(member.personId).toBe('test-1');
    expect(Q.eq(r.values.pci as Q.Rational, Q.rat(1000, 3))).toBe(true);
  });
});

describe('parameters by date and region', () => {
  const ir = expectClean(rules`parameter s : money/month [d]
  from 2024-01-01 = ¥100
  from 2024-07-01 = ¥110
  region 440000:
    from 2024-01-01 = ¥200
  region 440100:
    from 2024-01-01 = ¥300
  region 440106:
    from 2024-03-01 = ¥400
output v : money/month [d] = s`);
  const at = (region: string, date: string) => evaluateHousehold(ir, hh({ region, members: [] }), { date }).values.v as Q.Rational;

  it('takes the value in force on the date, in the most specific region block', () => {
    expect(Q.toNumber(at('310000', '2024-06-30'))).toBe(100);
    expect(Q.toNumber(at('310000', '2024-07-01'))).toBe(110);
    expect(Q.toNumber(at('440300', '2024-07-01'))).toBe(200);
    expect(Q.toNumber(at('440104', '2024-07-01'))).toBe(300);
    expect(Q.toNumber(at('440106', '2024-07-01'))).toBe(400);
  });

  it('says when no value is in force, and does not fall back to a less specific block', () => {
    const e = fails(ir, hh({ region: '440106', members: [] }), '2024-02-01');
    expect(e.message).toBe('parameter s has no value in force on 2024-02-01 in region 440106 (its first value is from 2024-03-01)');
  });

  it('agrees with the compiled module', () => {
    const m = compile(ir);
    const pop = toColumns(['310000', '440300', '440104', '440106'].map((region) => hh({ region, members: [] })));
    const regions = m.regionsOf(pop);
    const params = m.resolveParameters({ date: '2024-07-01' }, regions.codes);
    const out = m.allocateOutputs(4);
    m.evaluateBatch(pop, regions, params, out);
    expect(Array.from(out.columns.v!)).toEqual([11000, 20000, 30000, 40000]);
    expect(() => m.resolveParameters({ date: '2024-02-01' }, ['440106'])).toThrow('parameter s has no value in force on 2024-02-01 in region 440106 (its first value is from 2024-03-01)');
  });
});

describe('conflicts', () => {
  it('two exceptions that apply with different results are an error naming both', () => {
    const ir = expectClean(rules`output v : integer [d] = 0
  exception a [d §1] when count(members) > 0 then 1
  exception b [d §2] when count(members) > 1 then 2`);
    expect(evaluateHousehold(ir, hh({ members: [{}] }), { date: '2024-01-01' }).values.v).toEqual(Q.rat(1));
    const e = fails(ir, hh({ members: [{}, {}] }), '2024-01-01');
    expect(e.code).toBe('exception-conflict');
    expect(e.message).toContain('exceptions a (1) and b (2) both apply with different results');
    // the compiled module flags the same household
    const m = compile(ir);
    expect(() => m.evaluate({ ...readHouseholdJson(2) }, { date: '2024-01-01' })).toThrow(/exception b and another that applies give different results/);
  });

  it('exceptions that agree, or are nested with "to", are not a conflict', () => {
    const ir = expectClean(rules`output v : integer [d] = 0
  exception a [d] when count(members) > 0 then 1
  exception b [d] when count(members) > 1 then 1
  exception c to a [d] when count(members) > 2 then 1`);
    expect(evaluateHousehold(ir, hh({ members: [{}, {}, {}] }), { date: '2024-01-01' }).values.v).toEqual(Q.rat(1));
  });

  it('a unique table whose parameter cells overlap at run time is an error', () => {
    const ir = expectClean(rules`parameter cut : integer [d]
  from 2024-01-01 = 2
output v : integer [d] =
  table unique (vehicles)
    | < cut => 1
    | >= 1  => 2
    else 0`);
    expect(fails(ir, hh({ vehicles: 1, members: [] }), '2024-01-01').code).toBe('table-conflict');
    expect(evaluateHousehold(ir, hh({ vehicles: 3, members: [] }), { date: '2024-01-01' }).values.v).toEqual(Q.rat(2));
  });
});

/** A complete schema household with n default members, for compiled modules (strict input). */
function readHouseholdJson(n: number): Record<string, unknown> {
  const h = hh({ members: Array.from({ length: n }, () => ({})) });
  const money = new Set(['financial_assets', 'medical_costs', 'education_costs', 'emergency_cost', 'last_benefit', 'wage_income', 'business_income', 'property_income', 'transfer_income', 'basic_pension', 'excluded_income']);
  const conv = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, money.has(k) ? (v as number) / 100 : v]));
  return { ...conv(h.values), members: h.members.map((m) => conv(m)) };
}
