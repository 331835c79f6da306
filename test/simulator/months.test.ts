/**
 * The months run, case by case on households written out in the schema: the 渐退期 pays last
 * month's benefit for exactly the policy's number of months and then the household leaves; a
 * newly eligible household is approved in the month it becomes eligible and paid from the next;
 * the price subsidy is paid only in months whose CPI rise reaches the trigger.
 */
import { describe, it, expect } from 'vitest';
import { Simulator, addMonths, generatePopulation, type MonthEvent, type MonthsRequest, type MonthsResult } from '../../simulator/index.ts';
import { GRACE_12, SHANGHAI, household, person, policyEntry, populationOf, type PolicyEntry } from '../support/simulator.ts';

/** No random job losses, job findings, illnesses or disasters: only scripted events happen. */
const STILL = { jobLoss: 0, jobFinding: 0, illness: 0, disaster: 0 };
const W = 3;

/** One urban Shanghai household of one member aged 40, able to work, out of work, no income: on dibao. */
const outOfWork = household('A', { weight: W }, [person()]);
/** The same, in work at ¥3,000 a month: above the standard after the ¥870 exemption. */
const inWork = household('B', { weight: W }, [person({ employed: true, wage_income: 3000 })]);

async function run(raw: Record<string, unknown>[], request: Omit<MonthsRequest, 'scenario' | 'behaviour' | 'dynamics'> & { date: string }, entry: PolicyEntry = policyEntry(SHANGHAI)): Promise<MonthsResult> {
  const sim = new Simulator();
  await sim.setPopulation(populationOf(raw).columns);
  await sim.addPolicy('p', entry);
  const { date, ...rest } = request;
  return sim.months({ ...rest, scenario: { policy: 'p', date }, behaviour: { takeUp: { dibao: 1 } }, dynamics: STILL });
}

/** The single-household result of the policy for a household as written. */
const evaluate = (raw: Record<string, unknown>, date: string, sets: Record<string, string> = {}) => policyEntry(SHANGHAI).compiled.evaluate(raw, { date, sets }).outputs;

describe('渐退期 (57号 Art. 33): a recipient who finds work', () => {
  // From May 2024 (standard ¥1,510); the standard rises to ¥1,595 in July, the month the job starts.
  const DATE = '2024-05-01';
  const job: MonthEvent = { month: 2, kind: 'job', household: 0, member: 0, amount: 5000 };

  it('the household is on regular dibao at the start, at the standard', () => {
    expect(evaluate(outOfWork, DATE)).toMatchObject({ dibao_status: 'regular', dibao_benefit: 1510, dibao_persons: 1 });
    expect(evaluate(outOfWork, '2024-07-01')).toMatchObject({ dibao_status: 'regular', dibao_benefit: 1595 });
    // with the wage, the rules alone would not pay it
    const working = household('A', {}, [person({ employed: true, wage_income: 5000 })]);
    expect(evaluate(working, '2024-07-01')).toMatchObject({ dibao_status: 'none', dibao_benefit: 0 });
  });

  it('without the job it stays on regular dibao, paid at the current standard', async () => {
    const r = await run([outOfWork], { date: DATE, months: 4 });
    expect(r.months.map((m) => m.cost.dibao)).toEqual([W * 1510, W * 1510, W * 1595, W * 1595]);
    expect(r.months.map((m) => m.grace)).toEqual([0, 0, 0, 0]);
    expect(r.totals.exits).toBe(0);
  });

  it('with the job: months 0–1 regular, months 2–7 in 渐退期 at last month\'s benefit, month 8 exit', async () => {
    const r = await run([outOfWork], { date: DATE, months: 10, events: [job] });
    expect(r.months.map((m) => m.date)).toEqual(['2024-05-01', '2024-06-01', '2024-07-01', '2024-08-01', '2024-09-01', '2024-10-01', '2024-11-01', '2024-12-01', '2025-01-01', '2025-02-01']);
    r.months.forEach((m, i) => {
      const at = `month ${i}`;
      expect(m.entries, at).toBe(0);
      if (i <= 1) {
        expect({ at, households: m.dibao_households, persons: m.dibao_persons, grace: m.grace, paid: m.cost.dibao, exits: m.exits }).toEqual({ at, households: W, persons: W, grace: 0, paid: W * 1510, exits: 0 });
      } else if (i <= 7) {
        // last month's benefit (¥1,510), not July's standard (¥1,595)
        expect({ at, households: m.dibao_households, persons: m.dibao_persons, grace: m.grace, paid: m.cost.dibao, exits: m.exits }).toEqual({ at, households: W, persons: W, grace: W, paid: W * 1510, exits: 0 });
      } else if (i === 8) {
        expect({ at, households: m.dibao_households, grace: m.grace, paid: m.cost.dibao, exits: m.exits }).toEqual({ at, households: 0, grace: 0, paid: 0, exits: W });
      } else {
        expect({ at, households: m.dibao_households, grace: m.grace, paid: m.cost.dibao, exits: m.exits }).toEqual({ at, households: 0, grace: 0, paid: 0, exits: 0 });
      }
    });
    expect(r.totals).toEqual({ cost: W * 1510 * 8, entries: 0, exits: W, grace_household_months: 6 * W });
  });

  it('under the 12-month reform (grace-12-months on Shanghai): 12 months of 渐退期', async () => {
    const reform = policyEntry(GRACE_12, SHANGHAI);
    expect(reform.compiled.evaluate(household('A', { dibao_last_month: true, last_benefit: 1510, grace_months_used: 11 }, [person({ employed: true, wage_income: 5000 })]), { date: '2024-07-01' }).outputs.dibao_status).toBe('grace');
    const r = await run([outOfWork], { date: DATE, months: 16, events: [job] }, reform);
    expect(r.months.map((m) => m.grace)).toEqual([0, 0, ...Array(12).fill(W), 0, 0]);
    expect(r.months.map((m) => m.dibao_households)).toEqual([...Array(14).fill(W), 0, 0]);
    expect(r.months.map((m) => m.exits)).toEqual([...Array(14).fill(0), W, 0]);
    expect(r.months.slice(2, 14).every((m) => m.cost.dibao === W * 1510)).toBe(true);
    expect(r.totals.grace_household_months).toBe(12 * W);
  });
});

describe('entries (57号 Art. 21)', () => {
  it('a household that becomes eligible is counted as an entry that month and paid from the next', async () => {
    const loss: MonthEvent = { month: 3, kind: 'job_loss', household: 0, member: 0 };
    expect(evaluate(inWork, '2024-07-01').dibao_status).toBe('none');
    const r = await run([inWork], { date: '2024-07-01', months: 6, events: [loss] });
    expect(r.months.map((m) => m.entries)).toEqual([0, 0, 0, W, 0, 0]);
    expect(r.months.map((m) => m.dibao_households)).toEqual([0, 0, 0, 0, W, W]);
    expect(r.months.map((m) => m.cost.dibao)).toEqual([0, 0, 0, 0, W * 1595, W * 1595]);
    expect(r.totals.entries).toBe(W);
  });

  it('a household eligible in the first month is the starting caseload, not an entry', async () => {
    const r = await run([outOfWork, inWork], { date: '2024-07-01', months: 2 });
    expect(r.months.map((m) => [m.entries, m.dibao_households])).toEqual([
      [0, W],
      [0, W],
    ]);
  });

  it('a household that does not claim is never an entry', async () => {
    const sim = new Simulator();
    await sim.setPopulation(populationOf([outOfWork, inWork]).columns);
    await sim.addPolicy('p', policyEntry(SHANGHAI));
    const loss: MonthEvent = { month: 1, kind: 'job_loss', household: 1, member: 0 };
    const r = await sim.months({ scenario: { policy: 'p', date: '2024-07-01' }, months: 3, behaviour: { takeUp: { dibao: 0 } }, dynamics: STILL, events: [loss] });
    expect(r.months.map((m) => [m.entries, m.dibao_households, m.cost.dibao])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });
});

describe('price subsidy month by month (2016 rule: CPI rise ≥ 3.5 %)', () => {
  it('is paid only in the months whose cpi reaches the trigger, at the rule\'s amount', async () => {
    const cpi = [0.02, 0.035, 0.04, 0.034, 0.05];
    const r = await run([outOfWork], { date: '2024-07-01', months: 6, cpi });
    const path = [...cpi, 0.05]; // the last value holds
    expect(r.months.map((m) => m.cpi_yoy)).toEqual(path);
    const expected = path.map((x) => W * (evaluate(outOfWork, '2024-07-01', { cpi_yoy: String(x) }).price_subsidy as number));
    expect(expected.map((x) => x > 0)).toEqual([false, true, true, false, true, true]);
    expect(expected[1]).toBe(W * 56); // round(1595 × 3.5 %)
    expect(r.months.map((m) => m.cost.price)).toEqual(expected);
    expect(r.months.map((m) => m.price_persons)).toEqual([0, W, W, 0, W, W]);
    expect(r.months.map((m) => m.cost.dibao)).toEqual(Array(6).fill(W * 1595));
  });

  it('over a synthetic population: cost in the months above the trigger only', async () => {
    const sim = new Simulator();
    await sim.setPopulation(generatePopulation({ region: '310000', year: 2024, households: 2000, seed: 4 }).columns);
    await sim.addPolicy('p', policyEntry(SHANGHAI));
    const r = await sim.months({ scenario: { policy: 'p', date: '2024-07-01' }, months: 4, cpi: [0.01, 0.036, 0.02, 0.045] });
    expect(r.months.map((m) => m.cost.price > 0)).toEqual([false, true, false, true]);
    expect(r.months.map((m) => m.price_persons > 0)).toEqual([false, true, false, true]);
    expect(r.months.every((m) => m.dibao_households > 0)).toBe(true);
    expect(r.totals.cost).toBeCloseTo(r.months.reduce((s, m) => s + m.cost.total, 0), 6);
  });
});

describe('单人户 and 渐退期 over months (last_dibao_status carried from month to month)', () => {
  // National model, from 2025-03-01 (urban standard ¥798.10, edge line ¥1,197.15): A works for
  // ¥2,000, B (physical grade 1, a capable supporter, so not 特困) has nothing: pci ¥1,000, an edge
  // family, B covered alone at ¥798. The run must tell the framework B was covered as 单人户.
  const MODEL = 'policies/national/model.doudi';
  const single = household('S', { weight: W }, [person({ employed: true, wage_income: 2000 }), person({ relation: 'spouse', disability_type: 'physical', disability_grade: 1, has_capable_supporter: true })]);

  it('a 单人户 whose income never changes stays 单人户 at every review, never in 渐退期', async () => {
    const r = await run([single], { date: '2025-03-01', months: 13 }, policyEntry(MODEL));
    expect(r.months.map((m) => [m.dibao_households, m.dibao_persons, m.single, m.grace, m.cost.dibao])).toEqual(Array(13).fill([W, W, W, 0, W * 798]));
  });

  it('when B finds work (¥900): 渐退期 for B alone, six months at ¥798, then the household leaves', async () => {
    const job: MonthEvent = { month: 2, kind: 'job', household: 0, member: 1, amount: 900 };
    const r = await run([single], { date: '2025-03-01', months: 10, events: [job] }, policyEntry(MODEL));
    expect(r.months.map((m) => m.grace)).toEqual([0, 0, ...Array(6).fill(W), 0, 0]);
    expect(r.months.map((m) => m.dibao_persons)).toEqual([...Array(8).fill(W), 0, 0]);
    expect(r.months.map((m) => m.cost.dibao)).toEqual([...Array(8).fill(W * 798), 0, 0]);
    expect(r.months.map((m) => m.exits)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, W, 0]);
  });
});

describe('the first month is the static run', () => {
  it('month 0 has the caseload and cost of simulate with the same draws (dibao, 特困, price subsidy)', async () => {
    const sim = new Simulator();
    await sim.setPopulation(generatePopulation({ region: '310000', year: 2024, households: 2000, seed: 9 }).columns);
    await sim.addPolicy('p', policyEntry(SHANGHAI));
    const sets = { cpi_yoy: '4%' };
    const behaviour = { seed: 3, takeUp: { dibao: 0.7, tekun: 0.9 } };
    const s = await sim.simulate({ policy: 'p', date: '2024-07-01', sets }, behaviour);
    const m = (await sim.months({ scenario: { policy: 'p', date: '2024-07-01', sets }, months: 1, behaviour })).months[0]!;
    expect(s.programmes.dibao.households).toBeGreaterThan(0);
    expect(s.programmes.tekun.households).toBeGreaterThan(0);
    expect(m.dibao_households).toBe(s.programmes.dibao.households);
    expect(m.dibao_persons).toBe(s.programmes.dibao.persons);
    expect(m.tekun_households).toBe(s.programmes.tekun.households);
    expect(m.tekun_persons).toBe(s.programmes.tekun.persons);
    expect(m.cost.dibao).toBeCloseTo(s.programmes.dibao.monthly_cost, 6);
    expect(m.cost.tekun).toBeCloseTo(s.programmes.tekun.monthly_cost, 6);
    expect(m.cost.price).toBeCloseTo(s.programmes.price.monthly_cost, 6);
    expect(m.price_persons).toBe(s.programmes.price.persons);
    expect(m.edge_families).toBeLessThanOrEqual(s.edge_families);
  });
});

describe('calendar', () => {
  it('adds months keeping the day where the month has it', () => {
    expect(addMonths('2024-07-01', 0)).toBe('2024-07-01');
    expect(addMonths('2024-07-01', 6)).toBe('2025-01-01');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-03-31', 13)).toBe('2025-04-30');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
  });
});

describe('months run checks its request', () => {
  it('rejects a number of months outside 1–240 and an event for a member the household lacks', async () => {
    await expect(run([outOfWork], { date: '2024-07-01', months: 0 })).rejects.toThrow(/1 to 240/);
    await expect(run([outOfWork], { date: '2024-07-01', months: 3, events: [{ month: 1, kind: 'job', household: 0, member: 4 }] })).rejects.toThrow(/household 0 has no member 4/);
    // an event for a household the population does not have is an error, not silently dropped
    await expect(run([outOfWork], { date: '2024-07-01', months: 3, events: [{ month: 1, kind: 'job_loss', household: 1, member: 0 }] })).rejects.toThrow(/no household 1 \(the population has 1\)/);
  });
});
