/**
 * The 31 provinces: population, household size, urban share of residents, urban and rural
 * per-capita disposable income, the share of residents without local hukou, and the cities some
 * provinces are split into. Every figure carries its tag: the starting table of the domain brief
 * (§6b) is all [M] (remembered from the 2020 census communiqué and the 2024 statistical yearbook,
 * unverified), and so are the household sizes and migrant shares added here. Replace any with a
 * sourced figure and its tag when one is found.
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
  /** cities the households are spread over (shares of the province's households), where known */
  readonly cities?: readonly City[];
}

const BRIEF = 'brief §6b (from memory, unverified)';
const SIZE = '2020 census persons per family household, from memory, unverified';
const MIGRANT = '2020 census 流动人口 over residents, from memory, rounded, unverified';

type Row = [code: string, name: string, english: string, pop: number, urban: number, urbanIncome: number, ruralIncome: number, size: number, migrant: number];

// prettier-ignore
const ROWS: readonly Row[] = [
  ['110000', '北京市', 'Beijing', 21.9, 87.5, 88650, 37358, 2.31, 0.385],
  ['120000', '天津市', 'Tianjin', 13.9, 84.7, 56353, 30851, 2.40, 0.32],
  ['130000', '河北省', 'Hebei', 74.6, 60.1, 44833, 20688, 2.75, 0.15],
  ['140000', '山西省', 'Shanxi', 34.9, 62.5, 42006, 17677, 2.51, 0.2],
  ['150000', '内蒙古自治区', 'Inner Mongolia', 24.0, 67.5, 51025, 21221, 2.39, 0.3],
  ['210000', '辽宁省', 'Liaoning', 42.6, 72.1, 48253, 21483, 2.32, 0.22],
  ['220000', '吉林省', 'Jilin', 24.1, 62.6, 40877, 19472, 2.37, 0.2],
  ['230000', '黑龙江省', 'Heilongjiang', 31.9, 65.6, 38505, 19756, 2.27, 0.18],
  ['310000', '上海市', 'Shanghai', 24.9, 89.3, 89477, 42988, 2.32, 0.42],
  ['320000', '江苏省', 'Jiangsu', 84.7, 73.4, 63211, 30488, 2.61, 0.28],
  ['330000', '浙江省', 'Zhejiang', 64.6, 72.2, 74997, 40311, 2.35, 0.4],
  ['340000', '安徽省', 'Anhui', 61.0, 58.3, 47446, 21144, 2.61, 0.17],
  ['350000', '福建省', 'Fujian', 41.5, 68.8, 56153, 26722, 2.73, 0.33],
  ['360000', '江西省', 'Jiangxi', 45.2, 60.4, 45554, 21358, 2.90, 0.15],
  ['370000', '山东省', 'Shandong', 101.5, 63.1, 51571, 23776, 2.70, 0.17],
  ['410000', '河南省', 'Henan', 99.4, 55.4, 40234, 20053, 2.92, 0.16],
  ['420000', '湖北省', 'Hubei', 57.8, 62.9, 44990, 21293, 2.64, 0.2],
  ['430000', '湖南省', 'Hunan', 66.4, 58.8, 49243, 20921, 2.68, 0.17],
  ['440000', '广东省', 'Guangdong', 126.0, 74.2, 59307, 25142, 2.63, 0.41],
  ['450000', '广西壮族自治区', 'Guangxi', 50.1, 54.2, 41827, 18656, 2.96, 0.17],
  ['460000', '海南省', 'Hainan', 10.1, 60.3, 42661, 20708, 3.0, 0.25],
  ['500000', '重庆市', 'Chongqing', 32.1, 69.5, 47435, 20820, 2.46, 0.25],
  ['510000', '四川省', 'Sichuan', 83.7, 56.7, 45227, 19978, 2.52, 0.21],
  ['520000', '贵州省', 'Guizhou', 38.6, 53.2, 42772, 14817, 2.78, 0.2],
  ['530000', '云南省', 'Yunnan', 47.2, 50.1, 43563, 16361, 2.85, 0.19],
  ['540000', '西藏自治区', 'Tibet', 3.6, 35.7, 51900, 19924, 3.19, 0.15],
  ['610000', '陕西省', 'Shaanxi', 39.5, 62.7, 44713, 16992, 2.57, 0.22],
  ['620000', '甘肃省', 'Gansu', 25.0, 52.2, 39833, 13131, 2.87, 0.16],
  ['630000', '青海省', 'Qinghai', 5.9, 60.1, 41752, 15614, 2.86, 0.22],
  ['640000', '宁夏回族自治区', 'Ningxia', 7.2, 65.0, 42096, 17772, 2.63, 0.25],
  ['650000', '新疆维吾尔自治区', 'Xinjiang', 25.9, 56.5, 40578, 17948, 2.58, 0.26],
];

/**
 * Cities, their shares of the province's households (2020 census) and their per-capita disposable
 * income of all residents (2023), all from memory, rounded, unverified ([M]). A city's incomes are
 * the province's × its income over the household-weighted average of its province's cities.
 */
export interface City {
  readonly code: string;
  readonly share: number;
  readonly income: number;
}

const CITIES: Readonly<Record<string, readonly City[]>> = {
  '440000': [
    { code: '440100', share: 0.148, income: 80500 },
    { code: '440300', share: 0.139, income: 76900 },
    { code: '441900', share: 0.083, income: 70000 },
    { code: '440600', share: 0.075, income: 71900 },
    { code: '442000', share: 0.035, income: 63000 },
    { code: '440400', share: 0.019, income: 71400 },
    { code: '441300', share: 0.048, income: 48700 },
    { code: '440700', share: 0.038, income: 43900 },
    { code: '441200', share: 0.033, income: 34700 },
    { code: '440500', share: 0.044, income: 35700 },
    { code: '440200', share: 0.023, income: 33000 },
    { code: '441600', share: 0.023, income: 28900 },
    { code: '440800', share: 0.056, income: 31600 },
    { code: '445100', share: 0.021, income: 31000 },
    { code: '445200', share: 0.048, income: 28500 },
    { code: '440900', share: 0.049, income: 32000 },
    { code: '441500', share: 0.021, income: 31000 },
    { code: '441700', share: 0.021, income: 33000 },
    { code: '441800', share: 0.031, income: 31500 },
    { code: '445300', share: 0.019, income: 28500 },
    { code: '441400', share: 0.033, income: 29500 },
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

export const PROVINCES: readonly Province[] = ROWS.map(([code, name, english, pop, urban, ui, ri, size, migrant]) => ({
  code,
  name,
  english,
  population: M(pop, BRIEF),
  householdSize: M(size, SIZE),
  urbanShare: M(urban / 100, BRIEF),
  income2023: { urban: M(ui, BRIEF), rural: M(ri, BRIEF) },
  migrantShare: M(migrant, MIGRANT),
  cities: CITIES[code],
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

/**
 * Rural incomes differ less between a province's cities than all residents' incomes do (Guangzhou
 * against Meizhou: about 1.9 × rural, 2.7 × all residents, from memory [M]): a city's rural factor
 * is its all-resident factor to the power ln 1.9 / ln 2.7 ≈ 0.65.
 */
export const RURAL_CITY_EXPONENT: Figure = { value: 0.65, tag: 'M', source: 'Guangzhou against Meizhou, rural about 1.9 ×, all residents about 2.7 × (2023, from memory, unverified)' };

/** A city's income relative to its province in an area (1 for a province without a city table, or a place not in it). */
export function cityIncomeFactor(p: Province, code: string, area: 'urban' | 'rural' = 'urban'): number {
  const city = p.cities?.find((c) => c.code === code);
  if (!city) return 1;
  const e = area === 'urban' ? 1 : RURAL_CITY_EXPONENT.value;
  const total = p.cities!.reduce((s, c) => s + c.share, 0);
  const average = p.cities!.reduce((s, c) => s + c.share * c.income ** e, 0) / total;
  return city.income ** e / average;
}
