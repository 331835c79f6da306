/**
 * The 31 provinces: population, household size, urban share of residents, urban and rural
 * per-capita disposable income, the share of residents without local hukou, the shares aged 60+
 * and 65+, and the cities some provinces are split into. Every figure carries its tag: the starting
 * table of the domain brief (§6b) is all [M] (remembered from the 2020 census communiqué and the
 * 2024 statistical yearbook, unverified), and so are the household sizes, migrant and age shares
 * added here. Where a province's own publication was found (SOURCED below: the 2020 census
 * communiqués of Shanghai, Zhejiang and Guangdong, Guangdong's income releases), its figure
 * replaces the remembered one with tag S and the place it was read.
 *
 * Derived figures say how they are derived:
 * - households = population / household size, rescaled so that the 31 provinces sum to the 2020
 *   census's 494.16 m family households [S] (the census population includes collective households);
 * - consumption by area = income × the national ratio of consumption to income in that area and
 *   year (an assumption: provinces' own consumption figures are not in the brief);
 * - a province's income in another year = its 2023 income × the national growth of that area's mean.
 */
import type { Figure } from './figures.ts';

const M = (value: number, source: string): Figure => ({ value, tag: 'M', source });

export interface Province {
  readonly code: string;
  readonly name: string;
  readonly english: string;
  /** residents, 2020 census, millions */
  readonly population: Figure;
  /** persons per family household, 2020 census */
  readonly householdSize: Figure;
  /** share of residents living in urban areas, 2020 */
  readonly urbanShare: Figure;
  /** per-capita disposable income 2023, yuan a year */
  readonly income2023: { readonly urban: Figure; readonly rural: Figure };
  /** share of residents whose hukou is registered outside the county or city they live in (流动人口), 2020 */
  readonly migrantShare: Figure;
  /** shares of residents aged 60+ and 65+, 2020 census */
  readonly over60: Figure;
  readonly over65: Figure;
  /** a year's own published per-capita disposable income by area, where found (other years: 2023 × the national growth) */
  readonly incomeByYear?: Readonly<Record<number, { readonly urban: Figure; readonly rural: Figure }>>;
  /** cities the households are spread over (shares of the province's households), where known */
  readonly cities?: readonly City[];
}

const BRIEF = 'brief §6b (from memory, unverified)';
const SIZE = '2020 census persons per family household, from memory, unverified';
const MIGRANT = '2020 census 流动人口 over residents, from memory, rounded, unverified';
const AGES = '2020 census provincial age shares, from memory, unverified';

type Row = [code: string, name: string, english: string, pop: number, urban: number, urbanIncome: number, ruralIncome: number, size: number, migrant: number, over60: number, over65: number];

// prettier-ignore
const ROWS: readonly Row[] = [
  ['110000', '北京市', 'Beijing', 21.9, 87.5, 88650, 37358, 2.31, 0.385, 19.63, 13.30],
  ['120000', '天津市', 'Tianjin', 13.9, 84.7, 56353, 30851, 2.40, 0.32, 21.66, 14.75],
  ['130000', '河北省', 'Hebei', 74.6, 60.1, 44833, 20688, 2.75, 0.15, 19.85, 13.92],
  ['140000', '山西省', 'Shanxi', 34.9, 62.5, 42006, 17677, 2.51, 0.2, 18.92, 12.90],
  ['150000', '内蒙古自治区', 'Inner Mongolia', 24.0, 67.5, 51025, 21221, 2.39, 0.3, 19.78, 13.05],
  ['210000', '辽宁省', 'Liaoning', 42.6, 72.1, 48253, 21483, 2.32, 0.22, 25.72, 17.42],
  ['220000', '吉林省', 'Jilin', 24.1, 62.6, 40877, 19472, 2.37, 0.2, 23.06, 15.61],
  ['230000', '黑龙江省', 'Heilongjiang', 31.9, 65.6, 38505, 19756, 2.27, 0.18, 23.22, 15.61],
  ['310000', '上海市', 'Shanghai', 24.9, 89.3, 89477, 42988, 2.32, 0.42, 23.38, 16.28],
  ['320000', '江苏省', 'Jiangsu', 84.7, 73.4, 63211, 30488, 2.61, 0.28, 21.84, 16.20],
  ['330000', '浙江省', 'Zhejiang', 64.6, 72.2, 74997, 40311, 2.35, 0.4, 18.70, 13.27],
  ['340000', '安徽省', 'Anhui', 61.0, 58.3, 47446, 21144, 2.61, 0.17, 18.79, 15.01],
  ['350000', '福建省', 'Fujian', 41.5, 68.8, 56153, 26722, 2.73, 0.33, 15.98, 11.10],
  ['360000', '江西省', 'Jiangxi', 45.2, 60.4, 45554, 21358, 2.90, 0.15, 18.74, 11.89],
  ['370000', '山东省', 'Shandong', 101.5, 63.1, 51571, 23776, 2.70, 0.17, 20.90, 15.13],
  ['410000', '河南省', 'Henan', 99.4, 55.4, 40234, 20053, 2.92, 0.16, 18.08, 13.49],
  ['420000', '湖北省', 'Hubei', 57.8, 62.9, 44990, 21293, 2.64, 0.2, 20.42, 14.59],
  ['430000', '湖南省', 'Hunan', 66.4, 58.8, 49243, 20921, 2.68, 0.17, 19.88, 14.81],
  ['440000', '广东省', 'Guangdong', 126.0, 74.2, 59307, 25142, 2.63, 0.41, 12.35, 8.58],
  ['450000', '广西壮族自治区', 'Guangxi', 50.1, 54.2, 41827, 18656, 2.96, 0.17, 16.69, 12.20],
  ['460000', '海南省', 'Hainan', 10.1, 60.3, 42661, 20708, 3.0, 0.25, 14.65, 10.43],
  ['500000', '重庆市', 'Chongqing', 32.1, 69.5, 47435, 20820, 2.46, 0.25, 21.87, 17.08],
  ['510000', '四川省', 'Sichuan', 83.7, 56.7, 45227, 19978, 2.52, 0.21, 21.71, 16.93],
  ['520000', '贵州省', 'Guizhou', 38.6, 53.2, 42772, 14817, 2.78, 0.2, 15.38, 11.56],
  ['530000', '云南省', 'Yunnan', 47.2, 50.1, 43563, 16361, 2.85, 0.19, 14.91, 10.75],
  ['540000', '西藏自治区', 'Tibet', 3.6, 35.7, 51900, 19924, 3.19, 0.15, 8.52, 5.67],
  ['610000', '陕西省', 'Shaanxi', 39.5, 62.7, 44713, 16992, 2.57, 0.22, 19.20, 13.32],
  ['620000', '甘肃省', 'Gansu', 25.0, 52.2, 39833, 13131, 2.87, 0.16, 17.03, 12.58],
  ['630000', '青海省', 'Qinghai', 5.9, 60.1, 41752, 15614, 2.86, 0.22, 12.14, 8.68],
  ['640000', '宁夏回族自治区', 'Ningxia', 7.2, 65.0, 42096, 17772, 2.63, 0.25, 13.52, 9.62],
  ['650000', '新疆维吾尔自治区', 'Xinjiang', 25.9, 56.5, 40578, 17948, 2.58, 0.26, 11.28, 7.76],
];

/**
 * Cities, their shares of the province's households (2020 census), their per-capita disposable
 * income of all residents (2023) and, where known, their share of residents living in towns (2020
 * census), all from memory, rounded, unverified ([M]). A city's incomes are the province's × its
 * income level over its province's average (cityIncomeFactor).
 */
export interface City {
  readonly code: string;
  readonly share: number;
  readonly income: number;
  /** share of the city's residents living in towns (2020 census); absent: the province's */
  readonly urban?: number;
  /** the city registers no rural hukou: every local household's hukou is urban (SHENZHEN_HUKOU) */
  readonly noRuralHukou?: boolean;
}

/** Shenzhen turned every registered resident into an urban one by 31 October 2004 [S]. */
export const SHENZHEN_HUKOU = 'Shenzhen to become 1st city without farmer (Xinhua, China Daily 2004-07-02, chinadaily.com.cn/english/doc/2004-07/02/content_345068.htm): by 31 October 2004 all registered permanent residents become city dwellers, villagers\' committees become neighbourhood committees (270,000 farmers)';

/**
 * Guangdong's cities' shares of residents in towns, 2020 census (广东省第七次全国人口普查公报, city
 * table; from memory, unverified [M]: Shenzhen 99.54% … Maoming and Yunfu about 44%). Weighted by
 * the cities' households they give 74.15%, the province's published share (brief §6b: 74.2) — a
 * check of the remembered figures, not a fit.
 */
export const CITY_URBAN_SOURCE = '2020 census, each city\'s share of residents in towns (广东省第七次全国人口普查公报), from memory, unverified';

const CITIES: Readonly<Record<string, readonly City[]>> = {
  '440000': [
    { code: '440100', share: 0.148, income: 80500, urban: 0.8619 },
    { code: '440300', share: 0.139, income: 76900, urban: 0.9954, noRuralHukou: true },
    { code: '441900', share: 0.083, income: 70000, urban: 0.9215 },
    { code: '440600', share: 0.075, income: 71900, urban: 0.9516 },
    { code: '442000', share: 0.035, income: 63000, urban: 0.8807 },
    { code: '440400', share: 0.019, income: 71400, urban: 0.9047 },
    { code: '441300', share: 0.048, income: 48700, urban: 0.7269 },
    { code: '440700', share: 0.038, income: 43900, urban: 0.6772 },
    { code: '441200', share: 0.033, income: 34700, urban: 0.5136 },
    { code: '440500', share: 0.044, income: 35700, urban: 0.7062 },
    { code: '440200', share: 0.023, income: 33000, urban: 0.5761 },
    { code: '441600', share: 0.023, income: 28900, urban: 0.5 },
    { code: '440800', share: 0.056, income: 31600, urban: 0.4611 },
    { code: '445100', share: 0.021, income: 31000, urban: 0.641 },
    { code: '445200', share: 0.048, income: 28500, urban: 0.524 },
    { code: '440900', share: 0.049, income: 32000, urban: 0.442 },
    { code: '441500', share: 0.021, income: 31000, urban: 0.554 },
    { code: '441700', share: 0.021, income: 33000, urban: 0.543 },
    { code: '441800', share: 0.031, income: 31500, urban: 0.539 },
    { code: '445300', share: 0.019, income: 28500, urban: 0.442 },
    { code: '441400', share: 0.033, income: 29500, urban: 0.523 },
  ],
  '330000': [
    { code: '330100', share: 0.19, income: 73800 },
    { code: '330200', share: 0.146, income: 72000 },
    { code: '330300', share: 0.147, income: 63000 },
    { code: '330400', share: 0.083, income: 67000 },
    { code: '330500', share: 0.052, income: 65000 },
    { code: '330600', share: 0.082, income: 71000 },
    { code: '330700', share: 0.108, income: 63700 },
    { code: '330800', share: 0.035, income: 50500 },
    { code: '330900', share: 0.018, income: 70000 },
    { code: '331000', share: 0.102, income: 64000 },
    { code: '331100', share: 0.039, income: 50000 },
  ],
};

const S = (value: number, source: string): Figure => ({ value, tag: 'S', source });

const SH_CENSUS = '上海市第七次全国人口普查主要数据 (市政府新闻发布会, shanghai.gov.cn 2021-05-18, as reported)';
const ZJ_CENSUS = '浙江省第七次人口普查主要数据发布会 (浙江省统计局 2021-05-13, as reported by 中国新闻网 2021-05-14)';
const GD_CENSUS_1 = '广东省第七次全国人口普查公报 第一号 (广东省统计局 2021-05-15): 126,012,510 residents; 42,469,178 family households holding 111,671,837 persons';
const GD_CENSUS_4 = '广东省第七次全国人口普查公报 第四号 (广东省统计局 2021-05-15): 15,565,066 aged 60+, 10,813,000 aged 65+';
const GD_2021 = '2021年广东居民收入和消费支出情况 (国家统计局广东调查总队 2022-01-19)';

/**
 * Figures read in a province's own publications. They replace the remembered row's; the income
 * of another year still comes from the 2023 figure (incomeByYear holds the years found).
 */
const SOURCED: Readonly<Record<string, Partial<Omit<Province, 'code' | 'name' | 'english' | 'cities'>>>> = {
  '310000': {
    population: S(24.870895, `${SH_CENSUS}: 24,870,895 residents`),
    urbanShare: S(0.893, `${SH_CENSUS}: 22,209,380 in towns, 89.3%`),
    migrantShare: S(0.421, `${SH_CENSUS}: 10,479,652 residents from other provinces (外省市来沪常住人口), 42.1% (the hukou of the rest is in Shanghai, so 流动人口 within Shanghai is not counted)`),
  },
  '330000': {
    population: S(64.567588, `${ZJ_CENSUS}: 64,567,588 residents`),
    urbanShare: S(0.7217, `${ZJ_CENSUS}: 46,598,465 in towns, 72.17%`),
    over60: S(0.187, `${ZJ_CENSUS}: 12,072,684 aged 60+, 18.70%`),
    over65: S(0.1327, `${ZJ_CENSUS}: 8,566,349 aged 65+, 13.27%`),
  },
  '440000': {
    population: S(126.01251, GD_CENSUS_1),
    householdSize: S(2.63, `${GD_CENSUS_1}: 2.63 persons per family household`),
    over60: S(0.1235, `${GD_CENSUS_4}: 12.35%`),
    over65: S(0.0858, `${GD_CENSUS_4}: 8.58%`),
    income2023: { urban: S(59307, 'brief §6 (Guangdong 2023 urban disposable income, [S])'), rural: M(25142, BRIEF) },
    incomeByYear: { 2021: { urban: S(54854, `${GD_2021}: urban 54,854, rural 22,306 (all residents 44,993, urban-rural ratio 2.46)`), rural: S(22306, GD_2021) } },
  },
};

export const PROVINCES: readonly Province[] = ROWS.map(([code, name, english, pop, urban, ui, ri, size, migrant, over60, over65]) => ({
  code,
  name,
  english,
  population: M(pop, BRIEF),
  householdSize: M(size, SIZE),
  urbanShare: M(urban / 100, BRIEF),
  income2023: { urban: M(ui, BRIEF), rural: M(ri, BRIEF) },
  migrantShare: M(migrant, MIGRANT),
  over60: M(over60 / 100, AGES),
  over65: M(over65 / 100, AGES),
  cities: CITIES[code],
  ...SOURCED[code],
}));

/** The 2020 census's family households [S], which the provinces' derived counts add up to. */
export const CENSUS_FAMILY_HOUSEHOLDS = 494_160_000;

const rawHouseholds = PROVINCES.map((p) => (p.population.value * 1e6) / p.householdSize.value);
const rawTotal = rawHouseholds.reduce((a, b) => a + b, 0);

/** Real family households of a province: population / household size, scaled to the census total. */
export function provinceHouseholds(p: Province): number {
  return Math.round((rawHouseholds[PROVINCES.indexOf(p)]! * CENSUS_FAMILY_HOUSEHOLDS) / rawTotal);
}

/** The province of a region code (its first two digits), if any. */
export function provinceOf(code: string): Province | undefined {
  const key = `${code.slice(0, 2)}0000`;
  return PROVINCES.find((p) => p.code === key);
}

/** A city's share of residents in towns: its own where the city table has it, else its province's. */
const inTowns = (p: Province, c: City | undefined): number => c?.urban ?? p.urbanShare.value;

export function cityUrbanShare(p: Province, code: string): number {
  return inTowns(p, p.cities?.find((c) => c.code === code));
}

/**
 * A city's income level net of its mix of towns and villages: its all-resident income over what
 * that mix gives at its province's urban/rural income ratio r (u + (1 − u)/r, u its urban share).
 * An all-resident income mixes level and urbanisation — Shenzhen's residents all live in towns,
 * Maoming's fewer than half — so it overstates how much more a rich city's townspeople earn (an
 * assumption: every city has its province's urban/rural ratio).
 */
function cityLevel(p: Province, c: City): number {
  const u = inTowns(p, c);
  const r = p.income2023.urban.value / p.income2023.rural.value;
  return c.income / (u + (1 - u) / r);
}

/**
 * Rural incomes differ less between a province's cities than their levels do: Guangzhou against
 * Meizhou, rural incomes about 1.9 × (2023, from memory [M]) where their levels differ by about
 * 2.15 × (all residents 80,500 against 29,500 at 86.2% and 52.3% in towns): a city's rural factor is
 * its level's to the power ln 1.9 / ln(level ratio) ≈ 0.84. The urban factor is the level's.
 */
const GZ_MZ_RURAL = 1.9;
function ruralExponent(): number {
  const gd = PROVINCES.find((p) => p.code === '440000')!;
  const level = (code: string) => cityLevel(gd, gd.cities!.find((c) => c.code === code)!);
  return Math.log(GZ_MZ_RURAL) / Math.log(level('440100') / level('441400'));
}
export const RURAL_CITY_EXPONENT: Figure = { value: ruralExponent(), tag: 'M', source: 'Guangzhou against Meizhou: rural incomes about 1.9 × (2023, from memory, unverified) over their income levels\' ratio (cityLevel)' };

/**
 * A city's shares of its province's residents in an area: its share of households × its share of
 * residents in that area (the province's without a city table).
 */
export function cityAreaShares(p: Province, area: 'urban' | 'rural'): { code: string; share: number }[] {
  if (!p.cities) return [];
  const w = p.cities.map((c) => c.share * (area === 'urban' ? inTowns(p, c) : 1 - inTowns(p, c)));
  const total = w.reduce((a, b) => a + b, 0);
  return p.cities.map((c, i) => ({ code: c.code, share: w[i]! / total }));
}

/**
 * A city's mean income relative to its province's in an area (1 for a province without a city
 * table, or a place not in it): its level (to the rural exponent in villages) over the average of
 * its province's cities, weighted by their residents in the area, so the province's area mean stays
 * its own.
 */
export function cityIncomeFactor(p: Province, code: string, area: 'urban' | 'rural' = 'urban'): number {
  const city = p.cities?.find((c) => c.code === code);
  if (!city) return 1;
  const e = area === 'urban' ? 1 : RURAL_CITY_EXPONENT.value;
  const shares = cityAreaShares(p, area);
  const average = p.cities!.reduce((s, c, i) => s + shares[i]!.share * cityLevel(p, c) ** e, 0);
  return cityLevel(p, city) ** e / average;
}
