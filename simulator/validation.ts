/**
 * The validation report, as EUROMOD's country reports have one: the shipped national and
 * provincial policies run on their own synthetic populations, and every published figure of the
 * domain brief (§7) beside what they give, with the ratio and the likely cause of the gap.
 *
 * Published figures are compared here and nowhere else: no generator or behaviour assumption is
 * set from them (targets.ts and the docs say the same), and a goal not met is reported as such.
 */
import type { SimulationResult } from './engine/results.ts';

/** One published figure and where its simulated counterpart comes from. */
export interface PublishedFigure {
  readonly id: string;
  readonly name: string;
  /** its name in Chinese (the studio's default language) */
  readonly name_zh: string;
  /** the run that gives the simulated value (VALIDATION_RUNS) */
  readonly run: string;
  readonly published: number;
  /** published as a range (persons per household: 1.5–1.8) */
  readonly range?: readonly [number, number];
  readonly unit: 'persons' | 'households' | 'share' | 'ratio' | 'yuan';
  readonly date: string;
  readonly tag: 'S' | 'M' | 'A';
  readonly source: string;
  /** the goal of issue 10, when there is one */
  readonly goal?: { readonly kind: 'ratio'; readonly within: number } | { readonly kind: 'range'; readonly lo: number; readonly hi: number } | { readonly kind: 'points'; readonly within: number };
  /** what the figure reads from a result */
  readonly read: (r: SimulationResult) => number;
  /** the likely causes of a gap, by its direction, in English and in Chinese */
  readonly causes: Causes;
}

export interface Causes {
  readonly above: string;
  readonly below: string;
  readonly zh: { readonly above: string; readonly below: string };
}

export interface ValidationRun {
  readonly id: string;
  readonly policy: string;
  readonly region: string;
  /** the year of the statistics the population is drawn from */
  readonly year: number;
  readonly date: string;
}

export const VALIDATION_RUNS: readonly ValidationRun[] = [
  { id: 'national-2024', policy: 'policies/national/provinces.doudi', region: '100000', year: 2024, date: '2024-12-01' },
  { id: 'national-2024-06', policy: 'policies/national/provinces.doudi', region: '100000', year: 2024, date: '2024-06-30' },
  { id: 'national-2023-10', policy: 'policies/national/provinces.doudi', region: '100000', year: 2023, date: '2023-10-31' },
  { id: 'zhejiang-2021', policy: 'policies/zhejiang/zhejiang.doudi', region: '330000', year: 2021, date: '2022-01-01' },
  { id: 'guangdong-2023', policy: 'policies/guangdong/guangdong.doudi', region: '440000', year: 2023, date: '2023-03-31' },
];

const reach = (r: SimulationResult) => {
  if (!r.reach) throw new Error('the result has no reach figures (an engine without them)');
  return r.reach;
};
const persons = (r: SimulationResult, p: 'dibao' | 'tekun', area?: 'urban' | 'rural') => {
  const a = reach(r).by_area[p];
  return area ? a[area].persons : a.urban.persons + a.rural.persons;
};
const regionPersons = (r: SimulationResult, p: 'dibao' | 'tekun', prefix: string) => reach(r).by_region.filter((g) => g.key.startsWith(prefix)).reduce((s, g) => s + g[p].persons, 0);

const TAKE_UP = 'take-up (0.6 for dibao, 0.85 for 特困, an assumption)';
const TAKE_UP_ZH = '领取率（低保 0.6、特困 0.85，假设）';
const SHAPE = 'the province\'s incomes are the national area shape at its own mean, spread by its own urban/rural income ratio (an assumption: no provincial quintiles were found), so its lower tail may be longer than its own';
const SHAPE_ZH = (province: string) => `${province}收入为全国城乡分布的形状，取本省均值，按本省城乡收入比调整离散度（假设：未找到分省五等份数据），其低收入尾部可能长于实际`;
const URBAN_CAUSES: Causes = {
  above: `${TAKE_UP} applied in towns as in villages, where urban studies find about half of the eligible claim; the urban curve is 2022's shape at the year's mean, its lowest tail extrapolated from five quintiles`,
  below: 'the asset test (24 months of the standard, no vehicle) and hukou_area deciding the programme; the urban curve\'s lowest tail extrapolated from five quintiles',
  zh: {
    above: `${TAKE_UP_ZH}在城镇与农村相同，而城镇研究发现符合条件者约一半申请；城镇曲线为 2022 年的形状、取当年均值，最低尾部由五等份外推`,
    below: '资产审核（24 个月标准、无机动车）以及由户籍类别（hukou_area）决定项目；城镇曲线的最低尾部由五等份外推',
  },
};
const RURAL_CAUSES: Causes = {
  above: `${TAKE_UP}; ${SHAPE}`,
  below: 'the asset test and supporters; standards from the consumption rule where none is published',
  zh: { above: `${TAKE_UP_ZH}；${SHAPE_ZH('本省')}`, below: '资产审核与赡养人；未公布标准处按消费支出规则推算标准' },
};
const PROVINCE_CAUSES = (province: string, extra: string, provinceZh: string, extraZh: string): Causes => ({
  above: `${SHAPE.replace("the province's", `${province}'s`)}; ${TAKE_UP}; ${extra}`,
  below: `${province}'s incomes by city from memory [M]; ${extra}`,
  zh: { above: `${SHAPE_ZH(provinceZh)}；${TAKE_UP_ZH}；${extraZh}`, below: `${provinceZh}各市收入凭记忆 [M]；${extraZh}` },
});
const TEKUN_CAUSES: Causes = {
  above: 'older persons without a capable supporter at national rates (childless 5% [M], children unable), where the province\'s children are richer; residents of institutions spread over the provinces by rural residents aged 60+ [assumption], where a rich province houses fewer',
  below: 'residents of institutions are 2013\'s rural 五保 in institutions (1.835 m [M]), urban welfare homes and later growth left out, and take-up (0.85) applies to them too; childlessness (5%, [M]) and children unable to support (43号 §8) are the only routes to no supporter at home. Not independent: the residents of institutions are MCA\'s own split of 特困 used as a count of people',
  zh: {
    above: '无履行能力赡养人的老年人按全国比例生成（无子女 5% [M]、子女无赡养能力），而本省子女更富裕；集中供养人员按农村 60 岁及以上人口分配到各省 [假设]，而富裕省份供养的较少',
    below: '集中供养人员取 2013 年农村五保集中供养人数（183.5 万 [M]），未计城市福利机构和其后的增长，且领取率（0.85）对其同样适用；无子女（5% [M]）和子女无赡养能力（43号 §8）是在家无赡养人的唯一途径。并非独立：集中供养人数本是民政部对特困人员的分项，在此用作人数',
  },
};

export const PUBLISHED_FIGURES: readonly PublishedFigure[] = [
  { id: 'urban-dibao-2024', name: 'urban dibao persons, end 2024', name_zh: '城市低保人数，2024 年末', run: 'national-2024', published: 6_250_000, unit: 'persons', date: '2024-12-31', tag: 'S', source: 'brief §7 (third-party quote of NBS)', goal: { kind: 'ratio', within: 0.3 }, read: (r) => persons(r, 'dibao', 'urban'), causes: URBAN_CAUSES },
  { id: 'rural-dibao-2024', name: 'rural dibao persons, end 2024', name_zh: '农村低保人数，2024 年末', run: 'national-2024', published: 33_615_000, unit: 'persons', date: '2024-12-31', tag: 'S', source: 'brief §7 (third-party quote of NBS)', goal: { kind: 'ratio', within: 0.3 }, read: (r) => persons(r, 'dibao', 'rural'), causes: RURAL_CAUSES },
  { id: 'urban-dibao-2024-06', name: 'urban dibao persons, end June 2024', name_zh: '城市低保人数，2024 年 6 月末', run: 'national-2024-06', published: 6_480_000, unit: 'persons', date: '2024-06-30', tag: 'S', source: 'brief §7', read: (r) => persons(r, 'dibao', 'urban'), causes: URBAN_CAUSES },
  { id: 'rural-dibao-2024-06', name: 'rural dibao persons, end June 2024', name_zh: '农村低保人数，2024 年 6 月末', run: 'national-2024-06', published: 33_890_000, unit: 'persons', date: '2024-06-30', tag: 'S', source: 'brief §7', read: (r) => persons(r, 'dibao', 'rural'), causes: RURAL_CAUSES },
  {
    id: 'tekun-2023',
    name: '特困 persons, October 2023 (4.6 m and more)',
    name_zh: '特困人员人数，2023 年 10 月（460 万以上）',
    run: 'national-2023-10',
    published: 4_600_000,
    unit: 'persons',
    date: '2023-10-31',
    tag: 'S',
    source: 'brief §7',
    goal: { kind: 'ratio', within: 0.3 },
    read: (r) => persons(r, 'tekun'),
    causes: TEKUN_CAUSES,
  },
  {
    id: 'edge-2023',
    name: '低保边缘 (6 m and more; simulated: households)',
    name_zh: '低保边缘（600 万以上；模拟值为户数）',
    run: 'national-2023-10',
    published: 6_000_000,
    unit: 'households',
    date: '2023-10-31',
    tag: 'S',
    source: 'brief §7',
    read: (r) => r.edge_families,
    causes: {
      above: 'definition: the simulated figure counts every family passing the edge test; the published one counts those registered, and may be persons',
      below: 'definition: the published figure may count persons',
      zh: { above: '口径：模拟值计入通过边缘家庭认定的所有家庭，公布值为已登记者，且可能按人计', below: '口径：公布值可能按人计' },
    },
  },
  {
    id: 'persons-per-household',
    name: 'persons per dibao household (1.5–1.8)',
    name_zh: '低保户户均人数（1.5–1.8）',
    run: 'national-2024',
    published: 1.65,
    range: [1.5, 1.8],
    unit: 'ratio',
    date: '2024-12-31',
    tag: 'S',
    source: 'brief §7 ("in every source")',
    goal: { kind: 'range', lo: 1.4, hi: 2 },
    read: (r) => reach(r).recipients.dibao.persons_per_household,
    causes: {
      above: 'the unit: the model assesses the census\'s residential household as 57号 Art. 7 reads it (spouse, minor and dependent children, and every co-resident relative with a legal duty of support — so co-resident parents and adult children are in it; its sizes, and its poorest fifth as large as surveys find), and counts 单人户 as one person (7% of simulated recipient households). Offices assess hukou households: local rules let married children and their parents be assessed apart (分户: Zibo 2022; Jieyang counts only adult children without a hukou of their own) [L], and hold back households of adults able to work (work tests; a third of simulated recipient households have two such adults) — rules and practice beyond the national text, which no published rate quantifies',
      below: '单人户 cases cover one member',
      zh: {
        above:
          '认定单位：模型按 57号 第七条认定普查的居住家庭（配偶、未成年及不能独立生活的子女，以及共同居住且有法定赡养、扶养、抚养义务的亲属——因此同住的父母与成年子女都在内；其规模，以及最贫困五分之一家庭的规模，与调查相符），单人户按一人计（占模拟受助家庭的 7%）。实际工作按户籍家庭认定：地方规定允许已婚子女与父母分户认定（淄博 2022；揭阳只计没有独立户口的成年子女）[L]，并通过就业审核排除有劳动能力的成年人家庭（模拟受助家庭中三分之一有两名这样的成年人）——这些是国家文本之外的规则和做法，没有公布的比率可以量化',
        below: '单人户只保障一名成员',
      },
    },
  },
  {
    id: 'elderly-share',
    name: 'share of dibao recipients aged 60+ (about 35%)',
    name_zh: '低保对象中 60 岁及以上者占比（约 35%）',
    run: 'national-2024',
    published: 0.35,
    unit: 'share',
    date: '2022-03-31',
    tag: 'S',
    source: 'brief §7 (Q1 2022)',
    goal: { kind: 'points', within: 0.1 },
    read: (r) => {
      const d = reach(r).recipients.dibao.by_category;
      const all = d.elderly + d.minors + d.disabled + d.other;
      return all > 0 ? d.elderly / all : 0;
    },
    causes: {
      above: 'the copula ratio for older households (an assumption, 0.6 rural) sets them low; data year (a 2022 figure)',
      below: 'older persons count their pensions\' local top-ups; 特困 takes older persons without supporters out of dibao; data year (a 2022 figure)',
      zh: {
        above: '老年家庭的 copula 收入比（假设，农村 0.6）使其收入偏低；数据年份（2022 年数字）',
        below: '老年人的养老金地方补贴计入收入；特困供养把无赡养人的老年人移出低保；数据年份（2022 年数字）',
      },
    },
  },
  {
    id: 'payment-per-person',
    name: 'dibao paid per person a month (about ¥380 in 2022: H1 spending 92.6 bn over 40.6 m persons)',
    name_zh: '低保人均月支出（2022 年约 380 元：上半年支出 926 亿元 ÷ 4,060 万人）',
    run: 'national-2024',
    published: 380,
    unit: 'yuan',
    date: '2022-06-30',
    tag: 'S',
    source: 'brief §7 (mid-2022: 92.6 bn ÷ 6 months ÷ 40.6 m persons, derived)',
    read: (r) => reach(r).recipients.dibao.payment_per_person,
    causes: {
      above: 'data year: standards grew from 2022 to 2024; incomes near zero are paid the whole standard',
      below: 'the published average holds 分类施保 add-ons and local top-ups the framework leaves at zero; simulated recipients near the line get small gaps (a later data year would push the other way)',
      zh: {
        above: '数据年份：标准从 2022 年到 2024 年有所提高；收入接近零者领取全额标准',
        below: '公布的平均数含分类施保加发和地方补贴，框架中为零；模拟中收入接近标准线的受助者差额较小（更晚的数据年份会起相反作用）',
      },
    },
  },
  {
    id: 'zhejiang-dibao-2021',
    name: 'Zhejiang dibao persons, 2021',
    name_zh: '浙江低保人数，2021 年',
    run: 'zhejiang-2021',
    published: 592_600,
    unit: 'persons',
    date: '2021-12-31',
    tag: 'S',
    source: 'brief §7',
    goal: { kind: 'ratio', within: 0.35 },
    read: (r) => regionPersons(r, 'dibao', '33'),
    causes: PROVINCE_CAUSES('Zhejiang', 'data year: the 2022 standard (¥950) on 2021 incomes', '浙江', '数据年份：2022 年标准（950 元）用于 2021 年收入'),
  },
  {
    id: 'zhejiang-tekun-2021',
    name: 'Zhejiang 特困 persons, 2021',
    name_zh: '浙江特困人员人数，2021 年',
    run: 'zhejiang-2021',
    published: 35_700,
    unit: 'persons',
    date: '2021-12-31',
    tag: 'S',
    source: 'brief §7',
    read: (r) => regionPersons(r, 'tekun', '33'),
    causes: TEKUN_CAUSES,
  },
  {
    id: 'guangdong-dibao-2023',
    name: 'Guangdong dibao persons, end March 2023',
    name_zh: '广东低保人数，2023 年 3 月末',
    run: 'guangdong-2023',
    published: 1_285_000,
    unit: 'persons',
    date: '2023-03-31',
    tag: 'S',
    source: 'brief §7',
    goal: { kind: 'ratio', within: 0.35 },
    read: (r) => regionPersons(r, 'dibao', '44'),
    causes: PROVINCE_CAUSES('Guangdong', 'Guangdong\'s published coverage is half the country\'s (rural 1.14 m of about 32.5 m rural residents, 3.5%, against about 7%) at similar rural standards and higher incomes: its own lower tail or take-up, which no figure at hand gives; its cities\' incomes and shares in towns are from memory [M]; the 2023 minimum tier standards read as the standards each city pays, the tier 1–3 figure for rural households too',
      '广东',
      '广东公布的覆盖率只有全国的一半（农村 114 万人，约占 3,250 万农村居民的 3.5%，全国约 7%），而农村标准相近、收入更高：原因在其本省的低收入尾部或领取率，手头没有数字可以说明；各市收入与城镇人口比重凭记忆 [M]；2023 年各类地区最低标准被当作各市实际发放的标准，一至三类地区的标准也用于农村家庭',
    ),
  },
  { id: 'guangdong-urban-dibao-2023', name: 'Guangdong urban dibao persons, end March 2023', name_zh: '广东城市低保人数，2023 年 3 月末', run: 'guangdong-2023', published: 146_000, unit: 'persons', date: '2023-03-31', tag: 'S', source: 'brief §7', read: (r) => persons(r, 'dibao', 'urban'), causes: PROVINCE_CAUSES('Guangdong', 'Guangdong\'s urban coverage (0.1% of residents) is far below the national one', '广东', '广东城镇覆盖率（占居民 0.1%）远低于全国') },
  { id: 'guangdong-rural-dibao-2023', name: 'Guangdong rural dibao persons, end March 2023', name_zh: '广东农村低保人数，2023 年 3 月末', run: 'guangdong-2023', published: 1_139_000, unit: 'persons', date: '2023-03-31', tag: 'S', source: 'brief §7', read: (r) => persons(r, 'dibao', 'rural'), causes: PROVINCE_CAUSES('Guangdong', 'the tier 1–3 standard paid to rural households too', '广东', '一至三类地区的标准也发给农村家庭') },
  {
    id: 'guangdong-tekun-2023',
    name: 'Guangdong 特困 persons, end March 2023',
    name_zh: '广东特困人员人数，2023 年 3 月末',
    run: 'guangdong-2023',
    published: 215_800,
    unit: 'persons',
    date: '2023-03-31',
    tag: 'S',
    source: 'brief §7',
    read: (r) => regionPersons(r, 'tekun', '44'),
    causes: TEKUN_CAUSES,
  },
];

export interface ValidationRow {
  readonly id: string;
  readonly name: string;
  readonly name_zh: string;
  readonly run: string;
  readonly simulated: number;
  readonly published: number;
  readonly range?: readonly [number, number];
  readonly unit: PublishedFigure['unit'];
  readonly tag: PublishedFigure['tag'];
  readonly source: string;
  /** simulated / published */
  readonly ratio: number;
  /** the goal, in words, and whether it is met (absent where issue 10 set none) */
  readonly goal?: { readonly text: string; readonly text_zh: string; readonly met: boolean };
  /** the likely cause of the gap ('close' when there is little gap), and in Chinese ('接近') */
  readonly cause: string;
  readonly cause_zh: string;
}

function goalOf(f: PublishedFigure, simulated: number): ValidationRow['goal'] {
  const g = f.goal;
  if (!g) return undefined;
  if (g.kind === 'ratio') return { text: `within ±${Math.round(g.within * 100)}%`, text_zh: `±${Math.round(g.within * 100)}% 以内`, met: Math.abs(simulated / f.published - 1) <= g.within };
  if (g.kind === 'range') return { text: `between ${g.lo} and ${g.hi}`, text_zh: `${g.lo} 至 ${g.hi} 之间`, met: simulated >= g.lo && simulated <= g.hi };
  return { text: `within ${Math.round(g.within * 100)} points`, text_zh: `${Math.round(g.within * 100)} 个百分点以内`, met: Math.abs(simulated - f.published) <= g.within };
}

/** The rows of the report from each run's result. */
export function validationRows(results: Readonly<Record<string, SimulationResult>>): ValidationRow[] {
  return PUBLISHED_FIGURES.filter((f) => results[f.run]).map((f) => {
    const simulated = f.read(results[f.run]!);
    const ratio = f.published ? simulated / f.published : 0;
    const inRange = f.range ? simulated >= f.range[0] && simulated <= f.range[1] : Math.abs(ratio - 1) <= 0.1;
    return {
      id: f.id,
      name: f.name,
      name_zh: f.name_zh,
      run: f.run,
      simulated,
      published: f.published,
      range: f.range,
      unit: f.unit,
      tag: f.tag,
      source: f.source,
      ratio,
      goal: goalOf(f, simulated),
      cause: inRange ? 'close' : ratio > 1 ? f.causes.above : f.causes.below,
      cause_zh: inRange ? '接近' : ratio > 1 ? f.causes.zh.above : f.causes.zh.below,
    };
  });
}
