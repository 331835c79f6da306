/**
 * What synthetic populations are calibrated to: the published statistics of the domain brief
 * (§6), each tagged by how sure it is — S seen in an official text, M from memory (unverified),
 * A a model assumption of ours — and the regions the generator knows. Caseloads and spending are
 * never targets: they are outputs to compare with published figures.
 */

export type Tag = 'S' | 'M' | 'A';

export interface Figure {
  readonly value: number;
  readonly tag: Tag;
  readonly source: string;
}

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
    urban: { mean: S(51821) },
    rural: { mean: S(21691) },
    sources: { wages: A(0.558, 'the 2022 shares (2023 not in the brief)'), business: A(0.167, 'the 2022 shares'), property: A(0.087, 'the 2022 shares'), transfers: A(0.187, 'the 2022 shares') },
    consumption: { urban: M(32994), rural: M(18175) },
  },
];

/** Household-size shares (1 … 6+), average size, and the one-person share. */
export const HOUSEHOLD_SIZE = {
  shares: [M(0.254), M(0.297), M(0.21), M(0.132), M(0.062), M(0.046)],
  average: S(2.62),
  onePerson: S(0.2539),
};

export const AGE = { over60: S(0.198, 'brief §6 (end 2022)'), over65: S(0.149, 'brief §6 (end 2022)') };
export const DISABILITY = { share: M(0.06, 'brief §6 (≈ 85 m disabled people)') };

/** Generator settings that are model assumptions, documented here and in the calibration report. */
export const ASSUMPTIONS = {
  urbanShareOfHouseholds: A(0.575, 'the urban share implied by the national, urban and rural means of 2022: (36,883 − 20,133) / (49,283 − 20,133)'),
  employmentFullAbility: A(0.78, 'working-age members with full capacity who are in work'),
  employmentElderly: A(0.15, 'members aged 60–69 in work'),
  assetsMedianYearsOfIncome: A(1.2, 'financial assets ≈ 1.2 years of household income at the median, rising with income'),
  basicPensionMonthly: A(200, 'the basic pension of 城乡居民基本养老保险 per month (national minimum ¥103 plus local top-ups)'),
  emergencyMonthlyChance: A(0.01, 'households facing an accident, disaster or sudden illness in a month'),
  supporterWithWorkers: A(0.99, 'children and elderly with a legal supporter able to support, when another adult of the household works'),
  supporterWithoutWorkers: A(0.95, 'the same when no other adult of the household works (supporters elsewhere); 特困 are about 0.3% of the population'),
};

export interface RegionProfile {
  readonly code: string;
  readonly name: string;
  /** real family households, when known */
  readonly households?: Figure;
  /** per-capita income relative to the national figures, by area */
  readonly incomeScale: { readonly urban: Figure; readonly rural: Figure };
  readonly urbanShare: Figure;
  /** cities the households are spread over (shares of the region's households) */
  readonly cities?: readonly { readonly code: string; readonly share: number }[];
}

export const REGIONS: readonly RegionProfile[] = [
  {
    code: '100000',
    name: '全国',
    households: S(494_160_000, 'brief §6 (2020 census family households)'),
    incomeScale: { urban: A(1, 'national figures'), rural: A(1, 'national figures') },
    urbanShare: ASSUMPTIONS.urbanShareOfHouseholds,
  },
  {
    code: '310000',
    name: '上海市',
    households: M(9_650_000, 'from memory (2020 census); unverified'),
    incomeScale: { urban: M(1.64, 'Shanghai 2023 per-capita disposable income ≈ 84,834 against the urban 51,821; from memory'), rural: M(1.9, 'Shanghai rural ≈ 42,988 against 21,691; from memory') },
    urbanShare: M(0.89, 'from memory'),
  },
  {
    code: '440000',
    name: '广东省',
    households: M(32_000_000, 'from memory (2020 census); unverified'),
    incomeScale: { urban: S(59307 / 51821, 'brief §6: Guangdong urban 59,307 (2023) against the national urban 51,821'), rural: A(1.15, 'Guangdong rural not in the brief') },
    urbanShare: M(0.74, 'from memory'),
    cities: [
      { code: '440100', share: 0.148 },
      { code: '440300', share: 0.139 },
      { code: '441900', share: 0.083 },
      { code: '440600', share: 0.075 },
      { code: '442000', share: 0.035 },
      { code: '440400', share: 0.019 },
      { code: '441300', share: 0.048 },
      { code: '440700', share: 0.038 },
      { code: '441200', share: 0.033 },
      { code: '440500', share: 0.044 },
      { code: '440200', share: 0.023 },
      { code: '441600', share: 0.023 },
      { code: '440800', share: 0.056 },
      { code: '445100', share: 0.021 },
      { code: '445200', share: 0.048 },
      { code: '440900', share: 0.049 },
      { code: '441500', share: 0.021 },
      { code: '441700', share: 0.021 },
      { code: '441800', share: 0.031 },
      { code: '445300', share: 0.019 },
      { code: '441400', share: 0.033 },
    ],
  },
  {
    code: '330000',
    name: '浙江省',
    households: M(25_000_000, 'from memory (2020 census); unverified'),
    incomeScale: { urban: M(1.43, 'Zhejiang 2023 urban ≈ 74,000 against 51,821; from memory'), rural: M(1.86, 'Zhejiang 2023 rural ≈ 40,311 against 21,691; from memory') },
    urbanShare: M(0.73, 'from memory'),
    cities: [
      { code: '330100', share: 0.19 },
      { code: '330200', share: 0.146 },
      { code: '330300', share: 0.147 },
      { code: '330400', share: 0.083 },
      { code: '330500', share: 0.052 },
      { code: '330600', share: 0.082 },
      { code: '330700', share: 0.108 },
      { code: '330800', share: 0.035 },
      { code: '330900', share: 0.018 },
      { code: '331000', share: 0.102 },
      { code: '331100', share: 0.039 },
    ],
  },
];

export function regionProfile(code: string): RegionProfile | undefined {
  return REGIONS.find((r) => r.code === code);
}

/** The targets of a year: the nearest year with figures, marked when it stands in for another. */
export function yearTargets(year: number): { targets: YearTargets; note?: string } {
  const exact = YEARS.find((y) => y.year === year);
  if (exact) return { targets: exact };
  const nearest = year < YEARS[0]!.year ? YEARS[0]! : YEARS[YEARS.length - 1]!;
  return { targets: nearest, note: `no figures for ${year}: the ${nearest.year} figures stand in (assumption)` };
}
