/**
 * What synthetic populations are calibrated to: the published statistics of the domain brief
 * (§6), each tagged by how sure it is — S seen in an official text, M from memory (unverified),
 * A a model assumption of ours — and the regions the generator knows. Caseloads and spending are
 * never targets: they are outputs to compare with published figures.
 */

import type { Figure } from './figures.ts';

export type { Figure, Tag } from './figures.ts';

const S = (value: number, source = 'brief §6'): Figure => ({ value, tag: 'S', source });
const M = (value: number, source = 'brief §6'): Figure => ({ value, tag: 'M', source });
const A = (value: number, source: string): Figure => ({ value, tag: 'A', source });

/** Per-capita disposable income, yuan per year, by area. */
export interface IncomeTargets {
  readonly mean: Figure;
  readonly median?: Figure;
  /** quintile means, lowest first */
  readonly quintiles?: readonly Figure[];
}

export interface YearTargets {
  readonly year: number;
  readonly national: IncomeTargets;
  readonly urban: IncomeTargets;
  readonly rural: IncomeTargets;
  /** shares of disposable income: wages, business, property, transfers */
  readonly sources: { readonly wages: Figure; readonly business: Figure; readonly property: Figure; readonly transfers: Figure };
  readonly consumption: { readonly urban: Figure; readonly rural: Figure };
}

import { PROVINCES, provinceHouseholds, provinceOf, CENSUS_FAMILY_HOUSEHOLDS, type Province } from './provinces.ts';

const q = (tag: 'S' | 'M', ...v: number[]): Figure[] => v.map((x) => (tag === 'S' ? S(x) : M(x)));

export const YEARS: readonly YearTargets[] = [
  {
    year: 2021,
    national: { mean: S(35128), median: S(29975), quintiles: q('S', 8333, 18445, 29053, 44949, 85836) },
    urban: { mean: S(47412), median: S(43504), quintiles: q('M', 16746, 30133, 42498, 59005, 102596) },
    rural: { mean: S(18931), median: S(16902), quintiles: q('M', 4856, 11586, 16546, 23167, 43082) },
    sources: { wages: S(0.559), business: S(0.168), property: S(0.088), transfers: S(0.186) },
    consumption: { urban: S(30307), rural: S(15916) },
  },
  {
    year: 2022,
    national: { mean: S(36883), median: S(31370), quintiles: q('S', 8601, 19303, 30598, 47397, 90116) },
    urban: { mean: S(49283), median: S(45123), quintiles: q('M', 16971, 31180, 44283, 61724, 107224) },
    rural: { mean: S(20133), median: S(17734), quintiles: q('M', 5025, 11965, 17451, 24646, 46075) },
    sources: { wages: S(0.558), business: S(0.167), property: S(0.087), transfers: S(0.187) },
    consumption: { urban: S(30391), rural: S(16632) },
  },
  {
    year: 2023,
    national: { mean: S(39218), median: S(33036), quintiles: q('S', 9215, 20442, 32195, 50220, 95055) },
    urban: { mean: S(51821), median: M(47122, 'NBS 2023 communiqué, from memory, unverified') },
    rural: { mean: S(21691), median: M(18748, 'NBS 2023 communiqué, from memory, unverified') },
    sources: { wages: A(0.558, 'the 2022 shares (2023 not in the brief)'), business: A(0.167, 'the 2022 shares'), property: A(0.087, 'the 2022 shares'), transfers: A(0.187, 'the 2022 shares') },
    consumption: { urban: M(32994), rural: M(18175) },
  },
  {
    // Not in the brief: the NBS 2024 communiqué as remembered (unverified), so every figure is M.
    year: 2024,
    national: {
      mean: M(41314, 'NBS 2024 communiqué, from memory, unverified'),
      median: M(34707, 'NBS 2024 communiqué, from memory, unverified'),
      quintiles: q('M', 9542, 21608, 34076, 53359, 98809),
    },
    urban: { mean: M(54188, 'NBS 2024 communiqué, from memory, unverified'), median: M(49302, 'NBS 2024 communiqué, from memory, unverified') },
    rural: { mean: M(23119, 'NBS 2024 communiqué, from memory, unverified'), median: M(19605, 'NBS 2024 communiqué, from memory, unverified') },
    sources: { wages: A(0.558, 'the 2022 shares (2024 not in the brief)'), business: A(0.167, 'the 2022 shares'), property: A(0.087, 'the 2022 shares'), transfers: A(0.187, 'the 2022 shares') },
    consumption: { urban: M(34557, 'NBS 2024 communiqué, from memory, unverified'), rural: M(19280, 'NBS 2024 communiqué, from memory, unverified') },
  },
];

/**
 * The centrally set minimum basic pension of 城乡居民基本养老保险, yuan a month, by year (the part
 * 57号 Art. 13 excludes from counted income; local top-ups are counted and go to transfer income).
 */
export const CENTRAL_BASIC_PENSION: readonly { readonly from: number; readonly value: Figure }[] = [
  { from: 2020, value: M(93, 'national minimum basic pension from 2020, from memory, unverified') },
  { from: 2022, value: M(98, 'national minimum raised by ¥5 in 2022, from memory, unverified') },
  { from: 2023, value: M(103, 'national minimum raised by ¥5 in 2023, from memory, unverified') },
  { from: 2024, value: M(123, 'national minimum raised by ¥20 in 2024, from memory, unverified') },
];

export function centralBasicPension(year: number): Figure {
  let f = CENTRAL_BASIC_PENSION[0]!.value;
  for (const x of CENTRAL_BASIC_PENSION) if (x.from <= year) f = x.value;
  return f;
}

/** Household-size shares (1 … 6+), average size, and the one-person share. */
export const HOUSEHOLD_SIZE = {
  shares: [M(0.254), M(0.297), M(0.21), M(0.132), M(0.062), M(0.046)],
  average: S(2.62),
  onePerson: S(0.2539),
};

export const AGE = { over60: S(0.198, 'brief §6 (end 2022)'), over65: S(0.149, 'brief §6 (end 2022)') };

/** The 2020 census's national share aged 60+ (264.02 m of 1,411.78 m, from memory, unverified): the base of the provinces' census shares. */
export const AGE_2020 = { over60: M(0.187, '2020 census communiqué: 18.70% aged 60+ (from memory, unverified)'), over65: M(0.135, '2020 census communiqué: 13.50% aged 65+ (from memory, unverified)') };

/**
 * A province's share aged 60+ (or 65+) in a year: its 2020 census share × the country's ageing
 * since (end 2022 over 2020, linear between; later years keep end 2022's, the last national figure
 * at hand) — an assumption: provinces age at the national pace.
 */
export function over60Target(p: Province, year: number, age: 60 | 65 = 60): Figure {
  const base = age === 60 ? AGE_2020.over60.value : AGE_2020.over65.value;
  const last = age === 60 ? AGE.over60.value : AGE.over65.value;
  const t = Math.min(1, Math.max(0, (year - 2020) / 2));
  const own = age === 60 ? p.over60 : p.over65;
  return { value: own.value * (1 + t * (last / base - 1)), tag: own.tag === 'S' ? 'M' : own.tag, source: `${p.name} ${age}+ in 2020 (${own.source}) × the national ageing to ${year} (assumption)` };
}
export const DISABILITY = { share: M(0.06, 'brief §6 (≈ 85 m disabled people)') };

/** Generator settings that are model assumptions, documented here and in the calibration report. */
export const ASSUMPTIONS = {
  urbanShareOfHouseholds: A(0.575, 'the urban share implied by the national, urban and rural means of 2022: (36,883 − 20,133) / (49,283 − 20,133)'),
  employmentFullAbility: A(0.78, 'working-age members with full capacity who are in work'),
  employmentElderly: A(0.15, 'members aged 60–69 in work'),
  assetsMedianYearsOfIncome: A(1.2, 'financial assets ≈ 1.2 years of household income at the median, rising with income'),
  emergencyMonthlyChance: A(0.01, 'households facing an accident, disaster or sudden illness in a month'),
  assistanceInSurveyIncome: A(0.5, 'the share of a household\'s survey transfers that is assistance (dibao, 特困, temporary) when its income is near zero, falling linearly to none at twice the area\'s assumed standard; removed to give pre-assistance income'),
  hukouUrbanLocal: A(0.94, 'urban residents with local hukou whose hukou is urban: solves 45.4% hukou urbanisation [M] from 63.9% residence urbanisation [M] with ≈ 25% migrants in towns, 25% of them with urban hukou'),
  hukouUrbanRural: A(0.03, 'rural residents whose hukou is urban'),
  hukouUrbanMigrant: A(0.25, 'migrants (hukou outside the county) whose hukou is urban; most migrants hold rural hukou'),
  residencePermit: A(0.6, 'migrants holding a residence permit where they live'),
  childless: M(0.05, 'older persons without a living child, ≈ 5% (CHARLS/CLHLS order of magnitude, from memory, unverified)'),
  childrenLowIncomeCorrelation: M(0.5, 'intergenerational income correlation in China ≈ 0.5 (published estimates 0.4–0.6, from memory, unverified)'),
  supporterSevereDisability: M(0.02, 'a working-age child with a grade 1–2 disability (≈ 2% of adults), who cannot support (43号 §8)'),
  adultDisabledSupport: A(0.5, 'an adult without work capacity living without a capable adult: a supporter elsewhere (parents, children) able to support'),
  skippedGeneration: M(0.04, 'households of grandparents and grandchildren only among two- and three-person households (2020 census 隔代户 order of magnitude, from memory)'),
  orphan: M(0.017, 'orphans among children of skipped-generation households: ≈ 0.16 m 孤儿 [M] among ≈ 3% of ≈ 298 m children'),
  unsupportedChild: M(0.033, '事实无人抚养儿童 among children of skipped-generation households: ≈ 0.3 m [M] among ≈ 3% of children'),
  povertyAlleviated: A(0.4, 'rural-hukou households of the 22 central and western provinces in the poorest 40% of their area: 98.99 m 脱贫人口 (2020) [M] ≈ 16% of those provinces\' rural-hukou persons'),
  relapseMonitoring: A(0.12, 'rural-hukou households of the 22 provinces in the poorest 20%: ≈ 2–3% of their rural-hukou persons under 防返贫 monitoring [M]'),
  entitledGroup: M(0.006, '优抚对象 ≈ 0.6% of adults, mostly older (≈ 8 m, from memory, unverified)'),
  unemploymentInsurance: A(0.03, 'urban members aged 18–59 with full capacity, out of work, who draw unemployment insurance (≈ 3 m recipients [M])'),
  unemploymentBenefitShare: A(0.8, 'unemployment insurance ≈ 80% of the province\'s minimum wage level, taken as 40% of the urban median income per month'),
};

/**
 * Hardship and income: the mean per-capita income of a kind of household over the area's mean.
 * These are what the copula's coefficients are solved for (copula.ts); none is a caseload.
 */
export const HARDSHIP_RATIOS = {
  disability: {
    urban: S(14050 / 24565, 'CDPF 2012 monitoring: urban households with a disabled member 14,050 against the urban 24,565 (ecns.cn 2013-06-27)'),
    rural: S(6971 / 7917, 'CDPF 2012 monitoring: rural households with a disabled member 6,971 against the rural 7,917 (ecns.cn 2013-06-27)'),
  },
  severeDisability: A(0.8, 'a grade 1–2 disability: a further 20% below households with a milder one'),
  elderlyOnly: { urban: A(0.8, 'households of persons aged 60+ only, urban (pensions)'), rural: A(0.6, 'households of persons aged 60+ only, rural (small resident pensions)') },
  noWorker: A(0.6, 'households with no member aged 16–59 able to work (not only elderly)'),
  catastrophicIllness: A(0.65, 'households with a member with a catastrophic illness'),
  singleParent: A(0.75, 'a single parent with minors'),
};

/**
 * What a region code stands for: the whole country (100000) is every province in proportion to
 * its households; a province code (XX0000) is that province, spread over its cities where they are
 * known; another code inside a province is that place with its province's incomes (real households
 * from its share when known, else given).
 */
export interface RegionProfile {
  readonly code: string;
  readonly name: string;
  /** real family households, when known or derived */
  readonly households?: Figure;
  /** provinces making up the region, with their shares of its households */
  readonly parts: readonly { readonly province: Province; readonly share: number; readonly cities?: readonly { readonly code: string; readonly share: number }[] }[];
}

export function regionProfile(code: string): RegionProfile | undefined {
  if (code === '100000') {
    const total = PROVINCES.reduce((s, p) => s + provinceHouseholds(p), 0);
    return {
      code,
      name: '全国',
      households: S(CENSUS_FAMILY_HOUSEHOLDS, 'brief §6 (2020 census family households)'),
      parts: PROVINCES.map((p) => ({ province: p, share: provinceHouseholds(p) / total, cities: p.cities })),
    };
  }
  const province = provinceOf(code);
  if (!province) return undefined;
  const derived = (n: number, how: string): Figure => ({ value: n, tag: 'M', source: `derived: ${how} (provinces.ts)` });
  if (code === province.code)
    return { code, name: province.name, households: derived(provinceHouseholds(province), 'population / household size, scaled to the census total'), parts: [{ province, share: 1, cities: province.cities }] };
  const city = province.cities?.find((c) => c.code === code);
  return {
    code,
    name: `${province.name} ${code}`,
    households: city ? derived(Math.round(provinceHouseholds(province) * city.share), `the province's households × the city's share ${city.share}`) : undefined,
    parts: [{ province, share: 1, cities: [{ code, share: 1 }] }],
  };
}

/** The targets of a year: the nearest year with figures, marked when it stands in for another. */
export function yearTargets(year: number): { targets: YearTargets; note?: string } {
  const exact = YEARS.find((y) => y.year === year);
  if (exact) return { targets: exact };
  const nearest = year < YEARS[0]!.year ? YEARS[0]! : YEARS[YEARS.length - 1]!;
  return { targets: nearest, note: `no figures for ${year}: the ${nearest.year} figures stand in (assumption)` };
}
