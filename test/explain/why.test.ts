/** The interpreter's reasons as data (`why`): the exception by its label, the branch and what its condition reads, the table row, the dated value. */
import { describe, it, expect } from 'vitest';
import { evaluateHousehold, readHousehold, type ExplainNode, type Household } from '../../language/index.ts';
import { expectClean, loadIR, rules } from '../support/policies.ts';

const hh = (raw: Record<string, unknown>): Household => readHousehold(raw, { lenient: true, defaultRegion: '310000' }).household!;

/** Every node of the trees, by key, first full occurrence. */
function flat(trees: readonly ExplainNode[]): Map<string, ExplainNode> {
  const out = new Map<string, ExplainNode>();
  const walk = (n: ExplainNode) => {
    if (!n.repeated && !out.has(n.key)) out.set(n.key, n);
    n.reads.forEach(walk);
  };
  trees.forEach(walk);
  return out;
}

describe('why, as data', () => {
  const ir = loadIR('policies/shanghai/shanghai.doudi');
  const household = hh({ members: [{ age: 45, employed: true, wage_income: 2000 }, { age: 10, student: true, has_capable_supporter: true }] });
  const nodes = flat(evaluateHousehold(ir, household, { date: '2024-07-01', explain: true }).explanation!);

  it('names the exception that applied by its label, with its citation', () => {
    expect(nodes.get('def:dibao_status')!.why).toEqual([{ exception: 'regular_case', cite: ['暂行办法 §9'] }]);
    expect(nodes.get('def:dibao_benefit')!.why).toEqual([{ exception: 'regular_case', cite: ['57号 §23'] }]);
  });

  it('gives the branch an if took and the names its condition reads, never a line of code', () => {
    expect(nodes.get('def:pci')!.why).toEqual([{ if: 'else', on: ['n'] }]);
    for (const n of nodes.values()) for (const w of n.why) expect(JSON.stringify(w)).not.toMatch(/line/);
  });

  it('gives the value a match chose and the dated value of a parameter', () => {
    expect(nodes.get('def:base_benefit')!.why).toEqual([{ match: 'gap' }]);
    expect(nodes.get('param:dibao_standard')!.why).toEqual([{ value_from: '2024-07-01' }]);
  });

  it('says which region block a value came from, and when a value was set for the run', () => {
    const r = evaluateHousehold(ir, household, { date: '2024-07-01', explain: true, sets: { cpi_yoy: { n: 1n, d: 25n } } });
    const all = flat(r.explanation!);
    expect(all.get('param:cpi_yoy')!.why).toEqual([{ set: true }]);
    const three = expectClean(rules`parameter s : money/month [d]
  from 2024-01-01 = ¥100
  region 310000:
    from 2024-01-01 = ¥200
output o : money/month [d] = s`);
    const block = flat(evaluateHousehold(three, hh({ region: '310101', members: [{ age: 30 }] }), { date: '2024-07-01', explain: true }).explanation!);
    expect(block.get('param:s')!.why).toEqual([{ value_from: '2024-01-01', region: '310101', block: 'province' }]);
  });

  it('gives the table rows that matched and the one that decided', () => {
    const ir2 = expectClean(rules`output r : integer [d] =
  table first (houses, vehicles)
    | 1 | -  => 1
    | 0 | -  => 2
    | -  | - => 3
output q : integer [d] =
  table first (houses)
    | 5 => 1
    else 3`);
    const t = flat(evaluateHousehold(ir2, hh({ houses: 0, vehicles: 0, members: [{ age: 30 }] }), { date: '2024-07-01', explain: true }).explanation!);
    expect(t.get('def:r')!.why).toEqual([{ table: { rows: [2], row: 2 } }]);
    expect(t.get('def:q')!.why).toEqual([{ table: { rows: [], else: true } }]);
  });
});
