/**
 * Explanations on random households (fast-check, fixed seed), for every shipped policy: the
 * decision and its notice in both languages, the compact explanation and the cliff never fail
 * where compiled code evaluates the household, the decision agrees with the outputs, and the
 * explanation names every output.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { earningsPathOf, explainRead, noticeText, readExact, rational as Q } from '../../language/index.ts';
import { compile, loadIR } from '../support/policies.ts';
import { householdArb } from '../support/households.ts';

const POLICIES = ['policies/shanghai/shanghai.doudi', 'policies/national/model.doudi', 'policies/zhejiang/zhejiang.doudi', 'policies/guangdong/guangdong.doudi'];
const REGIONS: Record<string, string[]> = {
  'policies/shanghai/shanghai.doudi': ['310000'],
  'policies/national/model.doudi': ['100000', '420100', '510000'],
  'policies/zhejiang/zhejiang.doudi': ['330000', '330702'],
  'policies/guangdong/guangdong.doudi': ['440100', '440300', '441500'],
};

describe.each(POLICIES)('%s', (file) => {
  const ir = loadIR(file);
  const pair = { ir, compiled: compile(ir) };
  it('explains random households without failing, and says what the outputs say', () => {
    fc.assert(
      fc.property(householdArb(REGIONS[file]!), (hh) => {
        const x = explainRead(pair, hh, { date: '2024-07-01' });
        if (!x.ok) {
          // Only the household's own conflicts may stop it (never a crash of the explanation).
          expect(x.stage).toBe('evaluation');
          expect(x.message).not.toMatch(/explanation failed/);
          return;
        }
        for (const lang of ['zh', 'en'] as const) expect(noticeText(x.decision, lang).length).toBeGreaterThan(50);
        const dibao = x.decision.items.find((i) => i.programme === 'dibao');
        const status = x.outputs.dibao_status;
        if (dibao) expect(dibao.outcome).toBe(status === 'regular' ? 'granted' : status === 'none' ? 'refused' : status);
        if (dibao?.amount) expect(Q.eq(readExact(dibao.amount), Q.fromDecimalNumber(x.outputs.dibao_benefit as number))).toBe(true);
        expect(Q.eq(readExact(x.decision.total_monthly!), Q.fromDecimalNumber(x.outputs.total_monthly as number))).toBe(true);
        const keys = x.explanation.outputs.map((i) => x.explanation.nodes[i]!.k);
        expect(keys).toEqual(ir.outputs);
      }),
      { seed: 9, numRuns: 150 },
    );
  });

  it('draws the cliff of random households', () => {
    fc.assert(
      fc.property(householdArb(REGIONS[file]!), (hh) => {
        const member = hh.members.findIndex((m) => m.co_resident !== false);
        if (member < 0) return;
        const c = earningsPathOf(pair, hh, { from: 0, to: 800000, step: 50000 }, member + 1, { date: '2024-07-01' });
        if (!c.ok) {
          expect(c.stage).toBe('evaluation');
          return;
        }
        expect(c.cliff.points).toHaveLength(17);
        for (const p of c.cliff.points.slice(1)) expect(p.marginal_rate_exact).not.toBeNull();
      }),
      { seed: 10, numRuns: 60 },
    );
  });
});
