/**
 * Who is reached, baseline against reform: dibao and 特困 by the programme's (hukou) area,
 * recipients by the MCA's categories, persons per household and payment per person, coverage of
 * the income-eligible and inclusion against true income, and poverty before and after against the
 * standard and 40% of the median (simulator/engine/reach.ts). The report prints the same table.
 */
import { useStudio } from '../ui/context.ts';
import { useFmt } from '../ui/hooks.ts';
import type { SimulationResult } from '../../sim/protocol.ts';

type Fmt = ReturnType<typeof useFmt>;

interface Line {
  readonly zh: string;
  readonly en: string;
  readonly value: (r: SimulationResult, f: Fmt) => string;
}

const share = (part: number, all: number) => (all > 0 ? part / all : 0);

/** The figures, each read from a result's reach (absent where the policy has no standard). */
export const REACH_LINES: readonly Line[] = [
  { zh: '城市低保人数（按户籍）', en: 'urban dibao persons (by hukou)', value: (r, f) => f.count(r.reach!.by_area.dibao.urban.persons) },
  { zh: '农村低保人数（按户籍）', en: 'rural dibao persons (by hukou)', value: (r, f) => f.count(r.reach!.by_area.dibao.rural.persons) },
  { zh: '特困人数', en: '特困 persons', value: (r, f) => f.count(r.reach!.by_area.tekun.urban.persons + r.reach!.by_area.tekun.rural.persons) },
  { zh: '低保户均人数', en: 'persons per dibao household', value: (r, f) => f.num(r.reach!.recipients.dibao.persons_per_household, 2) },
  { zh: '低保人均月补助', en: 'dibao a month per person', value: (r, f) => f.money(r.reach!.recipients.dibao.payment_per_person) },
  ...(['elderly', 'minors', 'disabled', 'other'] as const).map(
    (k): Line => ({
      zh: `低保对象中${{ elderly: '老年人', minors: '未成年人', disabled: '残疾人', other: '其他' }[k]}占比`,
      en: `dibao recipients: ${{ elderly: 'aged 60+', minors: 'minors', disabled: 'disabled', other: 'other' }[k]}`,
      value: (r, f) => {
        const c = r.reach!.recipients.dibao.by_category;
        return f.pct(share(c[k], c.elderly + c.minors + c.disabled + c.other));
      },
    }),
  ),
  { zh: '收入低于标准的人数（真实收入）', en: 'persons under their standard (true income)', value: (r, f) => (r.reach!.targeting ? f.count(r.reach!.targeting.income_eligible_persons) : '—') },
  { zh: '其中获得保障的比例', en: 'of them covered', value: (r, f) => (r.reach!.targeting ? f.pct(r.reach!.targeting.coverage) : '—') },
  { zh: '保障对象中收入高于标准的比例', en: 'covered persons above their standard', value: (r, f) => (r.reach!.targeting ? f.pct(r.reach!.targeting.inclusion_error) : '—') },
  {
    zh: '低于标准：贫困发生率 / 缺口 / FGT2（救助前）',
    en: 'under the standard: headcount / gap / FGT2 (before)',
    value: (r, f) => {
      const p = r.reach!.poverty.dibao_line?.before;
      return p ? `${f.pct(p.headcount)} / ${f.pct(p.gap, 2)} / ${f.pct(p.fgt2, 2)}` : '—';
    },
  },
  {
    zh: '低于标准：贫困发生率 / 缺口 / FGT2（救助后）',
    en: 'under the standard: headcount / gap / FGT2 (after)',
    value: (r, f) => {
      const p = r.reach!.poverty.dibao_line?.after;
      return p ? `${f.pct(p.headcount)} / ${f.pct(p.gap, 2)} / ${f.pct(p.fgt2, 2)}` : '—';
    },
  },
  {
    zh: '低于中位数40%：救助前 → 救助后',
    en: 'under 40% of the median: before → after',
    value: (r, f) => `${f.pct(r.reach!.poverty.relative_line.before.headcount)} → ${f.pct(r.reach!.poverty.relative_line.after.headcount)} (${f.money(r.reach!.poverty.relative_line.line)})`,
  },
];

export function ReachCard() {
  const f = useFmt();
  const results = useStudio((s) => s.results);
  const base = results?.compare.baseline;
  const reform = results?.compare.reforms[0]?.reform;
  if (!base?.reach || !reform?.reach) return null;
  const zh = f.lang === 'zh';
  return (
    <div className="card table-card full-width" data-testid="reach">
      <div className="card-head">
        <div>
          <div className="card-title">{zh ? '保障覆盖了谁' : 'Who is reached'}</div>
          <div className="card-sub">{zh ? '城乡按户籍；目标瞄准以真实收入（非核定收入）衡量' : 'urban and rural by hukou; targeting against true (not assessed) income'}</div>
        </div>
      </div>
      <table className="table compact">
        <thead>
          <tr>
            <th />
            <th className="num">{zh ? '基准' : 'baseline'}</th>
            <th className="num">{zh ? '改革' : 'reform'}</th>
          </tr>
        </thead>
        <tbody>
          {REACH_LINES.map((l) => (
            <tr key={l.en}>
              <td>{zh ? l.zh : l.en}</td>
              <td className="num">{l.value(base, f)}</td>
              <td className="num">{l.value(reform, f)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
