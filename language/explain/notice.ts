/**
 * A decision (decision.ts) as the written notice of 57号 §21, in Chinese or English: per programme
 * the decision, the arithmetic with its numbers, what would change the outcome and the articles.
 * Words only: every number comes from the decision, exactly.
 */
import * as Q from '../numbers/rational.ts';
import { exact as ex, rational } from './exact.ts';
import type { Change, Decision, Fact, Item } from './decision.ts';
import { factText } from './facts.ts';
import { cites, money, plain, type Lang } from './words.ts';

const ZH_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const TITLE: Record<Item['programme'], [string, string]> = {
  dibao: ['最低生活保障', 'Minimum living guarantee (低保)'],
  edge: ['低保边缘家庭', 'Edge family (低保边缘家庭)'],
  tekun: ['特困人员救助供养', 'Support for persons in extreme poverty (特困)'],
  price: ['价格临时补贴', 'Price subsidy (价格临时补贴)'],
  temporary: ['急难型临时救助', 'Emergency temporary assistance (急难型临时救助)'],
  expenditure: ['支出型临时救助', 'Expenditure-type temporary assistance (支出型临时救助)'],
  rigid_hardship: ['刚性支出困难家庭', 'Household in rigid-spending hardship (刚性支出困难家庭)'],
};

/** The decision in one sentence. */
function headline(lang: Lang, i: Item): string {
  const m = (x?: string) => money(lang, x ?? '0');
  const zh = lang === 'zh';
  const p = i.persons ?? 0;
  switch (i.programme) {
    case 'dibao':
      if (i.outcome === 'granted') return zh ? `经审核，纳入常规低保，每月发放低保金 ${m(i.amount)} 元，保障 ${p} 人。` : `Granted: regular dibao of ${m(i.amount)} a month for ${p} ${p === 1 ? 'person' : 'persons'}.`;
      if (i.outcome === 'grace') return zh ? `经审核，给予渐退期，每月继续发放低保金 ${m(i.amount)} 元，保障 ${p} 人。` : `Grace period (渐退期): dibao of ${m(i.amount)} a month continues for ${p} ${p === 1 ? 'person' : 'persons'}.`;
      if (i.outcome === 'single') return zh ? `经审核，按单人户纳入低保，每月发放低保金 ${m(i.amount)} 元，保障 ${p} 人。` : `Granted to members alone (单人户): dibao of ${m(i.amount)} a month for ${p} ${p === 1 ? 'person' : 'persons'}.`;
      return zh ? '经审核，不予纳入最低生活保障。' : 'Refused: the household does not qualify for dibao.';
    case 'edge':
      return i.outcome === 'granted'
        ? zh ? '认定为低保边缘家庭，可按规定获得相应的专项救助。' : 'Recognised as an edge family: the household may receive special assistance as provided.'
        : zh ? '不符合低保边缘家庭认定条件。' : 'Not recognised as an edge family.';
    case 'tekun':
      return zh ? `${p} 人认定为特困人员，每月供养金合计 ${m(i.amount)} 元。` : `${p === 1 ? '1 member is supported as a 特困 person' : `${p} members are supported as 特困 persons`}: ${m(i.amount)} a month in all.`;
    case 'price':
      return zh ? `每月发放价格临时补贴 ${m(i.amount)} 元（${p} 人）。` : `Price subsidy of ${m(i.amount)} a month (${p} ${p === 1 ? 'person' : 'persons'}).`;
    case 'temporary':
      return i.outcome === 'granted' ? (zh ? `给予急难型临时救助，一次性发放 ${m(i.amount)} 元。` : `Granted: a one-off payment of ${m(i.amount)}.`) : zh ? '不予急难型临时救助。' : 'Refused: no emergency assistance.';
    case 'expenditure':
      return i.outcome === 'granted' ? (zh ? `给予支出型临时救助，一次性发放 ${m(i.amount)} 元（每年一次）。` : `Granted: a one-off payment of ${m(i.amount)} (once a year).`) : zh ? '不予支出型临时救助。' : 'Refused: no expenditure-type assistance.';
    case 'rigid_hardship':
      return zh ? '认定为刚性支出困难家庭，可按规定获得相应的专项救助。' : 'Recognised as a household in rigid-spending hardship: it may receive special assistance as provided.';
  }
}

function changeText(lang: Lang, c: Change): string {
  const m = (x: string) => money(lang, x);
  const zh = lang === 'zh';
  switch (c.k) {
    case 'income_below': {
      const what = c.line === 'standard' ? (zh ? '低保标准' : 'the standard') : zh ? '低保边缘线' : 'the edge line';
      const over = ex(Q.sub(rational(c.now_pci), rational(c.pci)));
      const many = c.household !== c.pci;
      if (c.strict)
        return zh
          ? `人均可计收入低于 ${m(c.pci)} 元（${what}；现为 ${m(c.now_pci)} 元，高出 ${m(over)} 元${many ? `；家庭月可计收入须低于 ${m(c.household)} 元，现为 ${m(c.now)} 元` : ''}）`
          : `counted income per person is below ${m(c.pci)} (${what}; it is ${m(c.now_pci)}, ${m(over)} above${many ? `; for the household below ${m(c.household)}, it is ${m(c.now)}` : ''})`;
      return zh
        ? `家庭月可计收入不超过 ${m(c.household)} 元（人均低于${what}，且低保金按元取整后不为零；现为 ${m(c.now)} 元，高出 ${m(c.by)} 元）`
        : `counted household income is at most ${m(c.household)} a month (below ${what} per person, with a benefit that does not round to ¥0; it is ${m(c.now)}, ${m(c.by)} above)`;
    }
    case 'income_reaches':
      return c.strict
        ? zh ? `家庭月可计收入达到 ${m(c.household)} 元（人均 ${m(c.pci)} 元）时，不再符合常规低保条件；现为 ${m(c.now)} 元，相差 ${m(c.by)} 元。` : `Regular dibao ends when counted household income reaches ${m(c.household)} a month (${m(c.pci)} per person); it is ${m(c.now)}, ${m(c.by)} below.`
        : zh ? `家庭月可计收入超过 ${m(c.household)} 元（人均约 ${m(c.pci)} 元）时，不再符合常规低保条件；现为 ${m(c.now)} 元，相差 ${m(c.by)} 元。` : `Regular dibao ends when counted household income exceeds ${m(c.household)} a month (about ${m(c.pci)} per person); it is ${m(c.now)}, ${m(c.by)} below.`;
    case 'assets_below':
      return zh ? `家庭金融资产不超过 ${m(c.limit)} 元（现为 ${m(c.now)} 元，高出 ${m(c.by)} 元）` : `financial assets are at most ${m(c.limit)} (they are ${m(c.now)}, ${m(c.by)} above)`;
    case 'vehicles_below':
      return zh ? `机动车不超过 ${c.max} 辆（现有 ${c.now} 辆）` : `the household has at most ${c.max} motor ${c.max === 1 ? 'vehicle' : 'vehicles'} (it has ${c.now})`;
    case 'houses_below':
      return zh ? `住房不超过 ${c.max} 套（现有 ${c.now} 套）` : `the household has at most ${c.max} ${c.max === 1 ? 'house' : 'houses'} (it has ${c.now})`;
    case 'apply_at_hukou':
      return zh ? '向户籍所在地提出申请' : 'the application is made where the hukou is registered';
    case 'grace_left':
      return zh
        ? `渐退期还可享受 ${c.months} 个月；期满时人均收入仍不低于低保标准的，停发低保金。`
        : `${c.months} more ${c.months === 1 ? 'month' : 'months'} of grace remain; if income per person is still not below the standard then, dibao stops.`;
  }
}

/** What would change the outcome, as one sentence (every condition together). */
function changesText(lang: Lang, i: Item): string[] {
  const zh = lang === 'zh';
  const sentences = i.changes.filter((c) => c.k === 'income_reaches' || c.k === 'grace_left').map((c) => changeText(lang, c));
  const needs = i.changes.filter((c) => c.k !== 'income_reaches' && c.k !== 'grace_left').map((c) => changeText(lang, c));
  if (needs.length) {
    const goal =
      i.outcome === 'grace' ? (zh ? '可恢复常规低保' : 'regular dibao resumes')
      : i.programme === 'edge' ? (zh ? '可认定为低保边缘家庭' : 'the household can be recognised as an edge family')
      : zh ? '可纳入低保' : 'the household can be granted dibao';
    if (zh) sentences.push(needs.length === 1 ? `如${needs[0]}，即${goal}。` : `须同时满足：${needs.join('；')}，方${goal}。`);
    else sentences.push(needs.length === 1 ? `If ${needs[0]}, ${goal}.` : `If all of these hold — ${needs.join('; ')} — ${goal}.`);
  }
  return sentences;
}

function itemLines(lang: Lang, i: Item, n: number, documents: Decision['documents']): string[] {
  const zh = lang === 'zh';
  const lines = [zh ? `${ZH_NUMBERS[n] ?? n + 1}、${TITLE[i.programme][0]}：${headline(lang, i)}` : `${n + 1}. ${TITLE[i.programme][1]}: ${headline(lang, i)}`];
  const bullet = (f: Fact) => `   · ${factText(lang, f)}`;
  lines.push(...i.facts.map(bullet));
  if (i.reasons.length) lines.push(zh ? '   理由：' : '   Because:', ...i.reasons.map((f) => `   ${bullet(f)}`));
  const changes = changesText(lang, i);
  lines.push(...changes.map((c) => `   ${zh ? '说明：' : 'Note: '}${c}`));
  const articles = cites(lang, i.cites, documents);
  if (articles.length) lines.push(`   ${zh ? '依据：' : 'Under: '}${articles.join(zh ? '；' : '; ')}${zh ? '。' : '.'}`);
  return lines;
}

/** The notice: a header, each programme, the monthly total, and the draft's closing lines. */
export function noticeText(d: Decision, lang: Lang = 'zh'): string {
  const zh = lang === 'zh';
  const lines: string[] = [];
  lines.push(zh ? '社会救助审核确认结果告知书（草稿）' : 'Notice of the social assistance decision (draft)');
  const members = d.members !== undefined ? (zh ? ` · 共同生活成员 ${d.members} 人` : ` · ${d.members} co-resident ${d.members === 1 ? 'member' : 'members'}`) : '';
  lines.push(zh ? `家庭 ${d.household} · 行政区划 ${d.region} · 审核日期 ${d.date}${members}` : `Household ${d.household} · region ${d.region} · assessed on ${d.date}${members}`);
  lines.push(zh ? `适用政策：${d.policy.label ?? d.policy.id}（${d.policy.id}）` : `Policy: ${d.policy.id}${d.policy.label ? ` (${d.policy.label})` : ''}`);
  lines.push('');
  d.items.forEach((i, n) => lines.push(...itemLines(lang, i, n, d.documents), ''));
  for (const o of d.outputs ?? []) {
    const value = typeof o.value === 'boolean' ? (zh ? (o.value ? '是' : '否') : o.value ? 'yes' : 'no') : /^-?[\d./]+$/.test(o.value) ? plain(o.value) : o.value;
    const art = cites(lang, o.cites, d.documents);
    lines.push(`${zh ? (o.label ?? o.id) : o.id}${zh ? '：' : ': '}${value}${art.length ? ` [${art.join(zh ? '；' : '; ')}]` : ''}`);
  }
  if (d.outputs?.length) lines.push('');
  if (d.total_monthly !== undefined)
    lines.push(zh ? `每月救助合计 ${money(lang, d.total_monthly)} 元（低保金、特困供养金与价格临时补贴）。` : `Monthly total: ${money(lang, d.total_monthly)} (dibao, 特困 support and the price subsidy).`);
  if (!zh && Object.keys(d.documents).some((k) => !d.documents[k]!.startsWith('Doudi'))) {
    lines.push('Documents cited:');
    for (const [k, title] of Object.entries(d.documents)) if (!title.startsWith('Doudi')) lines.push(`  ${k}: ${title}`);
  }
  lines.push(
    zh
      ? '本告知书由系统根据申报与核对信息生成，为草稿，须经审核确认机关核对后出具。对审核确认结果有异议的，可以依法申请行政复议或者提起行政诉讼。'
      : 'This notice was drafted from the information declared and checked; it is a draft until the deciding office has checked it. A decision may be challenged by administrative reconsideration or an administrative lawsuit.',
  );
  return lines.join('\n') + '\n';
}
