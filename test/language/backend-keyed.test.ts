/**
 * Values keyed by a household value of type area (backend-js/schedule.ts): a value that reads only
 * parameters — regional ones too — and a household value of type area computed from fields (城乡救助
 * 类别 by hukou or residence, say) is computed once per region slot × area before the household loop
 * and read from that table where the value it is keyed by is known. A batch over households of
 * several regions must give what the interpreter gives for each household alone.
 */
import { describe, it, expect } from 'vitest';
import { checkAgreement, emitModule, instantiate, readOne, LANGUAGE_VERSION } from '../../language/index.ts';
import { check } from '../support/policies.ts';
import { household, person, populationOf } from '../support/simulator.ts';

const POLICY = `policy k "keyed"
  region 440000
  effective from 2023-01-01
  document "t" "T"

parameter area_base "标准" : money/month by area [t §1]
  from 2023-01-01 = { urban: ¥900, rural: ¥705.50 }

parameter bonus "地区加发" : money/month [t §2]
  from 2023-01-01 = ¥0
  region 440100 "广州":
    from 2023-01-01 = ¥123.45
  region 440106 "天河区":
    from 2023-01-01 = ¥77

parameter share "比例" : rate [t §3]
  from 2023-01-01 = 3.7%

parameter limit_months "月数" : months [t §3]
  from 2023-01-01 = 10 months

parameter by_hukou "按户籍" : bool [t §4]
  from 2023-01-01 = true

output home_area "类别" : area [t §5] = if by_hukou then hukou_area else area

household line "线" : money/month [t §6] = area_base(home_area) + bonus

household per_person "每人" : money/month [t §7] = round(line * share, ¥1)

output line_out "线（输出）" : money/month [t §8] = line

output per_person_out "每人（输出）" : money/month [t §8] = per_person

output effective_share "有效比例" : rate [t §8] = if home_area = urban then share else share * 2 / 3

output subsidy "补贴" : money/month [t §9] =
  if financial_assets < line * limit_months then per_person * sum(members: if co_resident then 1 else 0) else ¥0
`;

describe('values keyed by a household value of type area', () => {
  const r = check(POLICY);
  if (!r.ir) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  const ir = r.ir;
  const source = emitModule(ir, { version: LANGUAGE_VERSION });
  const m = instantiate(source);

  it('are read from their table by the region slot and the value they are keyed by', () => {
    expect(source).toContain('const h_per_person = K_per_person[KS[h] * 2 + h_home_area];');
    expect(source).toMatch(/K_per_person\[r \* 2 \+ a\] = h_per_person;/);
    // a fraction whose denominator is known only at run time: two tables, one index
    expect(source).toMatch(/const (t\d+) = KS\[h\] \* 2 \+ h_home_area, h_effective_share = K_effective_share\[\1\], hd_effective_share = KD_effective_share\[\1\];/);
  });

  it('give, over households of several regions in one batch, what the interpreter gives for each', () => {
    const regions = ['440000', '440100', '440106', '440300'];
    const raw: Record<string, unknown>[] = [];
    let k = 0;
    for (const region of regions)
      for (const area of ['urban', 'rural'])
        for (const hukou_area of ['urban', 'rural'])
          for (const assets of [0, 800000, 2000000])
            raw.push(household(`H${++k}`, { region, area, hukou_area, financial_assets: assets }, [person(), person({ relation: 'spouse', co_resident: k % 3 !== 0 })]));
    const pop = populationOf(raw);
    const regionsOf = m.regionsOf(pop.columns);
    expect(regionsOf.codes.length).toBe(regions.length);
    for (const date of ['2023-06-01', '2024-06-01']) {
      const params = m.resolveParameters({ date }, regionsOf.codes);
      const out = m.allocateOutputs(pop.columns.households);
      expect(m.evaluateBatch(pop.columns, regionsOf, params, out)).toBe(0);
      raw.forEach((x, h) => {
        const read = readOne(x);
        if (!('household' in read)) return expect.fail(read.message);
        expect(checkAgreement({ ir, compiled: m }, read.household, date), `household ${h}`).toEqual([]);
        const one = m.evaluate(x, { date }).outputs;
        expect(out.columns.line_out![h]! / 100, `line of household ${h}`).toBe(one.line_out);
        expect(out.columns.subsidy![h]! / 100, `subsidy of household ${h}`).toBe(one.subsidy);
        expect(out.columns.per_person_out![h]! / 100, `per person of household ${h}`).toBe(one.per_person_out);
        expect(out.columns.effective_share![h], `effective share of household ${h}`).toBe(one.effective_share);
      });
    }
    // Different regions and areas give different lines: the table is really indexed by both.
    const params = m.resolveParameters({ date: '2024-06-01' }, regionsOf.codes);
    const out = m.allocateOutputs(pop.columns.households);
    m.evaluateBatch(pop.columns, regionsOf, params, out);
    expect(new Set(Array.from(out.columns.line_out!)).size).toBe(6); // 440000 and 440300 have no bonus
  });
});
