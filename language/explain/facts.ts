/** One fact of a decision (decision.ts) as a sentence with its arithmetic, in Chinese or English. */
import * as Q from '../numbers/rational.ts';
import { rational } from './exact.ts';
import type { Fact } from './decision.ts';
import { money, pct, plain, type Lang } from './words.ts';

const times = (a: string, b: string) => Q.mul(rational(a), rational(b));
const persons = (n: number) => `${n} ${n === 1 ? 'person' : 'persons'}`;

const SINGLE_REASON: Record<'disability' | 'illness' | 'severe_disabled_adult', [string, string]> = {
  disability: ['重度残疾或三级智力、精神残疾', 'a severe disability'],
  illness: ['患重特大疾病', 'a catastrophic illness'],
  severe_disabled_adult: ['成年无业重度残疾人', 'an adult with a grade 1–2 disability and no work'],
};

const DEDUCTION: Record<string, [string, string]> = {
  proportion: ['按比例扣减就业成本', 'a share deducted for employment costs'],
  fixed: ['就业成员定额豁免', 'a fixed amount exempted per employed member'],
};

export function factText(lang: Lang, f: Fact): string {
  const zh = lang === 'zh';
  const m = (x: string | Q.Rational) => money(lang, x);
  switch (f.k) {
    case 'income': {
      const a = f.against;
      const line = a.line === 'standard' ? (zh ? `低保标准 ${m(a.standard)} 元` : `the standard ${m(a.standard)}`) : zh ? `低保边缘线 ${m(a.value)} 元（低保标准 ${m(a.standard)} 元 × ${plain(a.multiple)}）` : `the edge line ${m(a.value)} (the standard ${m(a.standard)} × ${plain(a.multiple)})`;
      return zh
        ? `家庭月可计收入 ${m(f.income)} 元 ÷ ${f.persons} 人 = 人均 ${m(f.pci)} 元，${f.below ? '低于' : '不低于'}${line}。`
        : `Counted household income ${m(f.income)} a month ÷ ${persons(f.persons)} = ${m(f.pci)} per person, ${f.below ? 'below' : 'not below'} ${line}.`;
    }
    case 'deduction': {
      const how = f.rate ? (zh ? `扣减 ${pct(f.rate)}` : `${pct(f.rate)} deducted`) : f.exemption ? (zh ? `每名就业成员豁免 ${m(f.exemption)} 元` : `${m(f.exemption)} exempted per employed member`) : (DEDUCTION[f.method] ?? [f.method, f.method])[zh ? 0 : 1];
      return zh ? `工资性收入 ${m(f.wages)} 元，扣除就业成本后计入 ${m(f.counted)} 元（${how}）。` : `Wages ${m(f.wages)} a month, of which ${m(f.counted)} is counted after the employment deduction (${how}).`;
    }
    case 'illness':
      return zh ? `因残疾、患重病增加的刚性支出扣减 ${m(f.deducted)} 元（扣减前可计收入 ${m(f.income)} 元）。` : `${m(f.deducted)} of disability or illness costs deducted (counted income before: ${m(f.income)}).`;
    case 'gap':
      return zh
        ? `低保金 =（低保标准 ${m(f.standard)} 元 − 人均收入 ${m(f.pci)} 元）× ${f.persons} 人 = ${m(f.amount)} 元（按元取整）。`
        : `Benefit = (the standard ${m(f.standard)} − ${m(f.pci)} per person) × ${persons(f.persons)} = ${m(f.amount)} (rounded to the yuan).`;
    case 'tiers':
      return zh
        ? `分档补助：低保标准 ${m(f.standard)} 元 × ${pct(f.rate)}（按元取整）× ${f.persons} 人 = ${m(f.amount)} 元。`
        : `Tiers: the standard ${m(f.standard)} × ${pct(f.rate)} (rounded to the yuan) × ${persons(f.persons)} = ${m(f.amount)}.`;
    case 'minimum':
      return zh ? `不低于最低保障金 ${m(f.amount)} 元。` : `Raised to the minimum benefit, ${m(f.amount)}.`;
    case 'addon':
      return zh ? `分类施保加发 ${m(f.amount)} 元。` : `Plus ${m(f.amount)} of category add-ons (分类施保).`;
    case 'grace': {
      const taper = f.taper ? (zh ? `，每月递减 ${pct(f.taper)}` : `, less ${pct(f.taper)} each month`) : '';
      const who = f.member_only ? (zh ? `，仅及原单人户成员（${f.persons} 人）` : `, for the member covered alone before (${persons(f.persons)})`) : '';
      return zh
        ? `上月低保金 ${m(f.last_benefit)} 元；本月继续发放 ${m(f.amount)} 元${taper}${who}（渐退期已享受 ${f.used} 个月，最长 ${f.months} 个月）。`
        : `Last month's benefit was ${m(f.last_benefit)}; ${m(f.amount)} is paid this month${taper}${who} (${f.used} of at most ${f.months} grace months used).`;
    }
    case 'single':
      return zh
        ? `成员${f.member}（${f.age} 岁，${SINGLE_REASON[f.reason][0]}）按单人户纳入：本人可计收入 ${m(f.own_income)} 元，低于低保标准 ${m(f.standard)} 元，每月 ${m(f.amount)} 元。`
        : `Member ${f.member} (aged ${f.age}, ${SINGLE_REASON[f.reason][1]}) is covered alone: own counted income ${m(f.own_income)}, below the standard ${m(f.standard)}: ${m(f.amount)} a month.`;
    case 'assets':
      return zh
        ? `家庭金融资产 ${m(f.total)} 元 ÷ ${f.persons} 人 = 人均 ${m(f.per_person)} 元，${f.ok ? '未超过' : '超过'}限额 ${m(f.limit)} 元（${plain(f.months)} 个月 × 低保标准 ${m(f.standard)} 元）。`
        : `Financial assets ${m(f.total)} ÷ ${persons(f.persons)} = ${m(f.per_person)} per person, ${f.ok ? 'within' : 'above'} the limit ${m(f.limit)} (${plain(f.months)} months × the standard ${m(f.standard)}).`;
    case 'vehicles':
      return zh ? `机动车 ${f.count} 辆，${f.ok ? '未超过' : '超过'}上限 ${f.max} 辆。` : `${f.count} motor ${f.count === 1 ? 'vehicle' : 'vehicles'}, ${f.ok ? 'within' : 'above'} the limit of ${f.max}.`;
    case 'houses':
      return zh ? `住房 ${f.count} 套，${f.ok ? '未超过' : '超过'}上限 ${f.max} 套。` : `${f.count} ${f.count === 1 ? 'house' : 'houses'}, ${f.ok ? 'within' : 'above'} the limit of ${f.max}.`;
    case 'hukou':
      return zh
        ? `户籍不在本地${f.permit ? (f.permit_route ? '' : '；持有居住证，但本地未开放在居住地申请') : '，且未持有本地居住证'}。`
        : `The hukou is registered elsewhere${f.permit ? (f.permit_route ? '' : '; the household holds a residence permit, but applying where one lives is not open here') : ' and the household holds no residence permit here'}.`;
    case 'zero_benefit':
      return zh ? `按规定计算的低保金为 ${m(f.amount)} 元（按元取整后为零），不予发放。` : `The benefit as computed is ${m(f.amount)} (it rounds to ¥0), so none is paid.`;
    case 'no_members':
      return zh ? '家庭没有低保核算成员（成员均为特困人员，或无共同生活成员）。' : 'No member counts for dibao (every member is a 特困 person, or none lives in the household).';
    case 'grace_over':
      return zh ? `渐退期已享受 ${f.used} 个月，已满 ${f.months} 个月。` : `${f.used} grace months have been used, of at most ${f.months}.`;
    case 'grace_needs_work':
      return zh ? '本地渐退期以家庭成员就业为条件，低保核算成员中无人就业。' : 'Here the grace period needs a member in work, and no member counted for dibao works.';
    case 'tekun':
      return zh
        ? `成员${f.member}（${f.age} 岁）本人收入 ${m(f.income)} 元，低于低保标准 ${m(f.standard)} 元：供养金 = 基本生活标准 ${m(f.basic)} 元 + 照料护理费 ${m(f.care)} 元 = ${m(f.amount)} 元。`
        : `Member ${f.member} (aged ${f.age}) has own income ${m(f.income)}, below the standard ${m(f.standard)}: support = the basic living standard ${m(f.basic)} + care ${m(f.care)} = ${m(f.amount)}.`;
    case 'price':
      return zh
        ? `居民消费价格同比上涨 ${pct(f.cpi)}（食品 ${pct(f.food_cpi)}），达到启动条件（${pct(f.trigger)}，食品 ${pct(f.food_trigger)}）：每人 ${m(f.per_person)} 元（低保标准 ${m(f.standard)} 元 × ${pct(f.rate)}，按元取整）× ${f.persons} 人 = ${m(f.amount)} 元。`
        : `Consumer prices rose ${pct(f.cpi)} (food ${pct(f.food_cpi)}), at or above the trigger (${pct(f.trigger)}, food ${pct(f.food_trigger)}): ${m(f.per_person)} per person (the standard ${m(f.standard)} × ${pct(f.rate)}, rounded to the yuan) × ${persons(f.persons)} = ${m(f.amount)}.`;
    case 'emergency': {
      const bear = times(f.income, f.months);
      const oneMonth = plain(f.months) === '1';
      const base = f.poor_only
        ? zh ? `急难支出 ${m(f.cost)} 元；本地急难型临时救助限于困难家庭（低保、特困或人均收入低于低保边缘线），你家属于困难家庭` : `An emergency cost of ${m(f.cost)}; here emergency help is for poor households (dibao, 特困, or income per person below the edge line), and this household is one`
        : zh ? `急难支出 ${m(f.cost)} 元，${f.bearable ? '未超过' : '超过'}家庭 ${plain(f.months)} 个月的收入 ${m(bear)} 元${oneMonth ? '' : `（月收入 ${m(f.income)} 元）`}`
        : `The emergency cost ${m(f.cost)} is ${f.bearable ? 'within' : 'more than'} ${plain(f.months)} ${oneMonth ? 'month' : 'months'} of the household's income, ${m(bear)}${oneMonth ? '' : ` (${m(f.income)} a month)`}`;
      if (f.amount === undefined) return base + (zh ? '。' : '.');
      const level = f.level_label ?? f.level;
      return zh
        ? `${base}${level ? `；属${level}急难` : ''}；救助金取急难支出与限额 ${m(f.limit ?? '0')} 元中的较小者：${m(f.amount)} 元。`
        : `${base}${f.level ? `; severity ${f.level}` : ''}; the help is the lesser of the cost and the limit ${m(f.limit ?? '0')}: ${m(f.amount)}.`;
    }
    case 'help_first':
      return zh ? `救助金不超过先行救助限额 ${m(f.limit)} 元，可先行救助。` : `The amount is within the help-first limit ${m(f.limit)}: it can be paid first (先行救助).`;
    case 'not_poor':
      return zh ? `本地急难型临时救助限于困难家庭：人均收入 ${m(f.pci)} 元不低于低保边缘线 ${m(f.edge)} 元，且家庭未享受低保、特困供养。` : `Here emergency help is for poor households only: income per person ${m(f.pci)} is not below the edge line ${m(f.edge)}, and the household has neither dibao nor 特困 support.`;
    case 'expenditure': {
      const base = zh
        ? `年刚性支出 ${m(f.spending)} 元，超过家庭年收入 ${m(f.income_year)} 元 × ${pct(f.share)} 的部分为 ${m(f.excess)} 元`
        : `Rigid spending of ${m(f.spending)} a year exceeds ${pct(f.share)} of the household's yearly income ${m(f.income_year)} by ${m(f.excess)}`;
      if (f.amount === undefined) return base + (zh ? '。' : '.');
      return zh ? `${base}；救助金取其与上限 ${m(f.cap ?? '0')} 元中的较小者：${m(f.amount)} 元。` : `${base}; the help is the lesser of that and the cap ${m(f.cap ?? '0')}: ${m(f.amount)}.`;
    }
    case 'disposable':
      return zh ? `家庭月收入 ${m(f.income)} 元，不低于上年居民人均可支配收入（按成员数计）。` : `The household's income, ${m(f.income)} a month, is not below last year's disposable income per member.`;
    case 'after_spending':
      return zh ? `扣除刚性支出后人均收入 ${m(f.pci)} 元，不低于低保边缘线 ${m(f.edge)} 元。` : `Income per member after rigid spending, ${m(f.pci)}, is not below the edge line ${m(f.edge)}.`;
    case 'hardship':
      return zh
        ? `年刚性支出 ${m(f.rigid)} 元与生活支出 ${m(f.living)} 元合计，超过家庭年收入 ${m(f.income_year)} 元 × ${pct(f.share)}。`
        : `Rigid spending ${m(f.rigid)} and living spending ${m(f.living)} a year together exceed ${pct(f.share)} of the household's yearly income ${m(f.income_year)}.`;
  }
}
