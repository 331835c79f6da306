/**
 * The decision behind a notice: what would change the outcome is exact — at the threshold a
 * notice gives, the policy itself decides the other way (checked with compiled code, to the fen).
 */
import { describe, it, expect } from 'vitest';
import { evaluateOne, explainHousehold, rational as Q, readExact, type Change, type Decision, type Item } from '../../language/index.ts';
import { compile, loadIR } from '../support/policies.ts';

const person = (o: Record<string, unknown> = {}) => ({ relation: 'head', age: 40, sex: 'male', co_resident: true, excluded_status: 'none', student: false, work_ability: 'full', disability_grade: 0, disability_type: 'none', catastrophic_illness: false, self_care: 'full', employed: false, wage_income: 0, business_income: 0, property_income: 0, transfer_income: 0, basic_pension: 0, excluded_income: 0, has_capable_supporter: false, ...o });
const household = (members: Record<string, unknown>[], o: Record<string, unknown> = {}) => ({ household_id: 'T', weight: 1, region: '310000', area: 'urban', hukou_local: true, residence_permit: false, financial_assets: 0, vehicles: 0, houses: 1, medical_costs: 0, education_costs: 0, emergency_cost: 0, dibao_last_month: false, last_benefit: 0, grace_months_used: 0, members: members.map((m, i) => ({ person_id: `T-${i + 1}`, household_id: 'T', ...person(m) })), ...o });

const shanghai = (() => {
  const ir = loadIR('policies/shanghai/shanghai.doudi');
  return { ir, compiled: compile(ir) };
})();
const national = (() => {
  const ir = loadIR('policies/national/model.doudi');
  return { ir, compiled: compile(ir) };
})();
const DATE = '2024-07-01';

function decision(pair: typeof shanghai, raw: unknown): Decision {
  const x = explainHousehold(pair, raw, { date: DATE });
  if (!x.ok) expect.fail(x.message);
  return x.decision;
}
const item = (d: Decision, p: Item['programme']) => d.items.find((i) => i.programme === p)!;
const change = <K extends Change['k']>(i: Item, k: K) => i.changes.find((c) => c.k === k) as Extract<Change, { k: K }>;
const status = (pair: typeof shanghai, raw: unknown) => {
  const r = evaluateOne(pair, raw, { date: DATE });
  if (!r.ok) expect.fail(r.message);
  return r.outputs;
};
/** Yuan (exact) as the schema's JSON amount: a decimal with at most two places. */
const yuan = (x: Q.Rational) => Number(Q.toDecimalString(x, 2));

describe('what would change the outcome, exactly', () => {
  it('income: strictly below standard × persons where a zero benefit still counts (Shanghai)', () => {
    // Business income is counted one for one (no employment deduction), split over three members.
    const raw = (business: number) => household([{ business_income: business }, { relation: 'spouse' }, { relation: 'child', age: 9, has_capable_supporter: true }]);
    const d = decision(shanghai, raw(6000));
    const c = change(item(d, 'dibao'), 'income_below');
    expect(c).toMatchObject({ line: 'standard', household: '4785', pci: '1595', strict: true, now: '6000', by: '1215' });
    const t = readExact(c.household);
    expect(status(shanghai, raw(yuan(Q.sub(t, Q.rat(1, 100))))).dibao_status).toBe('regular');
    expect(status(shanghai, raw(yuan(t))).dibao_status).toBe('none');
  });

  it('income: at most standard × persons − ¥0.50 where a benefit rounding to ¥0 is not paid (national model)', () => {
    const raw = (business: number) => household([{ business_income: business }, { relation: 'spouse' }, { relation: 'child', age: 9, has_capable_supporter: true }], { region: '420100' });
    const d = decision(national, raw(3000));
    const c = change(item(d, 'dibao'), 'income_below');
    expect(c).toMatchObject({ strict: false, household: '2201.5' });
    const t = readExact(c.household);
    expect(status(national, raw(yuan(t))).dibao_status).toBe('regular');
    expect(status(national, raw(yuan(Q.add(t, Q.rat(1, 100))))).dibao_status).toBe('none');
    // The same threshold told to a household on dibao: how far its income may rise.
    const on = decision(national, raw(1000));
    expect(change(item(on, 'dibao'), 'income_reaches')).toMatchObject({ household: '2201.5', strict: false, now: '1000', by: '1201.5' });
  });

  it('assets: at most months × standard × members; the edge line strictly', () => {
    const raw = (assets: number, business = 1000) => household([{ business_income: business }, { relation: 'spouse' }], { financial_assets: assets });
    const d = decision(shanghai, raw(100000));
    const dibao = item(d, 'dibao');
    expect(dibao.outcome).toBe('refused');
    expect(dibao.reasons).toEqual([expect.objectContaining({ k: 'assets', ok: false, limit: '38280', per_person: '50000' })]);
    const a = change(dibao, 'assets_below');
    expect(a).toMatchObject({ limit: '76560', by: '23440' });
    expect(status(shanghai, raw(yuan(readExact(a.limit)))).dibao_status).toBe('regular');
    expect(status(shanghai, raw(yuan(Q.add(readExact(a.limit), Q.rat(1, 100))))).dibao_status).toBe('none');
    const edge = change(item(decision(shanghai, raw(0, 7000)), 'edge'), 'income_below');
    expect(edge).toMatchObject({ line: 'edge', household: '6380', strict: true });
    expect(status(shanghai, raw(0, 6379.99)).edge_family).toBe(true);
    expect(status(shanghai, raw(0, 6380)).edge_family).toBe(false);
  });

  it('lists every condition that failed, each with its change', () => {
    const d = decision(shanghai, household([{ employed: true, wage_income: 9000 }], { vehicles: 1, houses: 3 }));
    const dibao = item(d, 'dibao');
    expect(dibao.reasons.map((r) => r.k)).toEqual(['income', 'vehicles', 'houses']);
    expect(dibao.changes.map((c) => c.k)).toEqual(['income_below', 'vehicles_below', 'houses_below']);
  });

  it('the 渐退期 says how many months remain, and the employment deduction what is counted', () => {
    const d = decision(shanghai, household([{ employed: true, wage_income: 5200 }, { relation: 'spouse' }], { dibao_last_month: true, last_benefit: 820, grace_months_used: 2 }));
    const dibao = item(d, 'dibao');
    expect(dibao).toMatchObject({ outcome: 'grace', amount: '820', persons: 2 });
    expect(change(dibao, 'grace_left').months).toBe(3);
    expect(dibao.facts[0]).toEqual({ k: 'deduction', wages: '5200', counted: '4330', method: 'fixed', exemption: '870' });
  });

  it('per-capita income that is not a whole number of fen stays exact', () => {
    const d = decision(shanghai, household([{ business_income: 1000 }, { relation: 'spouse' }, { relation: 'child', age: 9, has_capable_supporter: true }]));
    const f = item(d, 'dibao').facts.find((x) => x.k === 'income')!;
    expect(f).toMatchObject({ k: 'income', income: '1000', persons: 3, pci: '1000/3', below: true });
  });

  it('a policy without the framework lists its outputs with their citations', async () => {
    const { rules } = await import('../support/policies.ts');
    const r = rules`output o "一个结果" : money/month [d §3] = ¥12.5`;
    const ir = r.ir!;
    const d = decision({ ir, compiled: compile(ir) }, household([{}]));
    expect(d.items).toEqual([]);
    expect(d.outputs).toEqual([{ id: 'o', label: '一个结果', value: '12.5', cites: ['d §3'] }]);
  });
});
