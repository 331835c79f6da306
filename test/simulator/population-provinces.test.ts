/**
 * Populations true to each province (issue 10, second round): a province's incomes spread by its
 * own inequality index around its own mean, its own age structure, and the residents of
 * institutions (集中供养) beside the family households — each drawn deterministically.
 */
import { describe, it, expect } from 'vitest';
import { PROVINCES, POOREST_URBAN, cityAreaShares, cityIncomeFactor, cityUrbanShare, calibrate, distribution, elderlyTilt, generatePopulation, householdFacts, inequalityIndex, institutionRatio, over60Target, provinceMean, provinceOf, provinceQuintileRatios, provinceSpread } from '../../simulator/index.ts';

const YEAR = 2024;
const zhejiang = provinceOf('330000')!;
const guangdong = provinceOf('440000')!;
const shanghai = provinceOf('310000')!;

describe("a province's own incomes", () => {
  it('narrows the spread where towns and villages earn alike, and keeps the provinces together on the national quintiles', () => {
    expect(inequalityIndex(zhejiang)).toBeCloseTo(Math.log(74997 / 40311) / Math.log(51821 / 21691), 12);
    for (const area of ['urban', 'rural'] as const) {
      const z = provinceSpread(YEAR, area, PROVINCES, zhejiang);
      const g = provinceSpread(YEAR, area, PROVINCES, guangdong);
      expect(z.theta).toBeLessThan(g.theta);
      expect(z.theta / z.theta0).toBeCloseTo(inequalityIndex(zhejiang), 12);
      // The mixture of every province (and city) at its own mean and spread gives the national shares within 2%.
      for (const e of z.mixtureErrors) expect(Math.abs(e)).toBeLessThan(0.02);
      // A narrower spread lifts the bottom quintile's share.
      expect(provinceQuintileRatios(YEAR, area, PROVINCES, zhejiang)[0]!).toBeGreaterThan(provinceQuintileRatios(YEAR, area, PROVINCES, provinceOf('620000'))[0]!);
    }
  });

  it('generates Zhejiang with its fitted quintiles over its mean (each within 6%) and its own mean (within 3%)', () => {
    const pop = generatePopulation({ region: '330000', year: YEAR, households: 60_000, seed: 3 });
    const f = householdFacts(pop.columns);
    for (const [a, area] of [[0, 'urban'], [1, 'rural']] as const) {
      // Family households only: the residents of institutions are apart from the survey's distribution.
      const d = distribution(f.disposable, f.size, (h) => pop.columns.household.area![h] === a && !pop.columns.person.institutional_care![pop.columns.memberStart[h]!]);
      expect(Math.abs(d.mean / provinceMean(zhejiang, YEAR, area) - 1), area).toBeLessThan(0.03);
      provinceQuintileRatios(YEAR, area, PROVINCES, zhejiang).forEach((q, k) => expect(Math.abs(d.quintiles[k]! / d.mean / q - 1), `${area} quintile ${k + 1}`).toBeLessThan(0.06));
    }
  });

  it('uses a year\'s own published incomes where the table has them (Guangdong 2021 [S])', () => {
    expect(provinceMean(guangdong, 2021, 'urban')).toBe(54854);
    expect(provinceMean(guangdong, 2021, 'rural')).toBe(22306);
    expect(guangdong.incomeByYear![2021]!.urban.tag).toBe('S');
    expect(guangdong.over60.tag).toBe('S');
    expect(zhejiang.urbanShare.tag).toBe('S');
    expect(shanghai.migrantShare.value).toBe(0.421);
  });

  it("spreads Guangdong's households over towns and villages by each city's own share in towns, keeps the province's area means, and gives Shenzhen's locals urban hukou", () => {
    // The cities' shares (2020 census, [M]) weighted by their households give the province's 74.15%.
    const cities = guangdong.cities!;
    const total = cities.reduce((a, c) => a + c.share, 0);
    expect(cities.reduce((a, c) => a + c.share * cityUrbanShare(guangdong, c.code), 0) / total).toBeCloseTo(0.7415, 3);
    for (const area of ['urban', 'rural'] as const) {
      // Weighted by each city's residents in the area, the city means average to the province's.
      const mean = cityAreaShares(guangdong, area).reduce((a, c) => a + c.share * cityIncomeFactor(guangdong, c.code, area), 0);
      expect(mean).toBeCloseTo(1, 12);
    }
    // Net of urbanisation, a rich city's townspeople earn less above a poor city's than its residents do.
    expect(cityIncomeFactor(guangdong, '440300', 'urban') / cityIncomeFactor(guangdong, '440900', 'urban')).toBeLessThan(76900 / 32000);
    const pop = generatePopulation({ region: '440000', year: YEAR, households: 40_000, seed: 5 });
    const H = pop.columns.household;
    const inTowns = (code: number) => {
      let n = 0;
      let urban = 0;
      for (let h = 0; h < pop.columns.households; h++) {
        if (H.region![h] !== code || pop.columns.person.institutional_care![pop.columns.memberStart[h]!]) continue;
        n++;
        if (H.area![h] === 0) urban++;
      }
      return urban / n;
    };
    expect(inTowns(440300)).toBeGreaterThan(0.98); // Shenzhen 99.54%
    expect(Math.abs(inTowns(440900) - 0.442)).toBeLessThan(0.04); // Maoming 44.2%
    // Shenzhen registers no rural hukou since 2004: its local households' hukou is urban; migrants keep theirs.
    let local = 0;
    let migrantsRural = 0;
    for (let h = 0; h < pop.columns.households; h++) {
      if (H.region![h] !== 440300 || pop.columns.person.institutional_care![pop.columns.memberStart[h]!]) continue;
      if (H.hukou_local![h]) {
        local++;
        expect(H.hukou_area![h]).toBe(0);
      } else if (H.hukou_area![h] === 1) migrantsRural++;
    }
    expect(local).toBeGreaterThan(500);
    expect(migrantsRural).toBeGreaterThan(100);
  });
});

describe("a province's own age structure", () => {
  it('solves the tilt so that the expected share aged 60+ is the target, more older persons for a higher target', () => {
    const sizes = [0.25, 0.55, 0.76, 0.89, 0.95, 1];
    const low = elderlyTilt(0.13, sizes, 0.7);
    const high = elderlyTilt(0.25, sizes, 0.7);
    expect(low).toBeLessThan(high);
  });

  it('gives Shanghai, Zhejiang and Guangdong their own shares aged 60+ (census 2020 aged to the year, within 1 point)', () => {
    for (const p of [shanghai, zhejiang, guangdong]) {
      const pop = generatePopulation({ region: p.code, year: YEAR, households: 30_000, seed: 2 }).columns;
      let old = 0;
      for (let q = 0; q < pop.persons; q++) if (pop.person.age![q]! >= 60) old++;
      expect(Math.abs(old / pop.persons - over60Target(p, YEAR).value), p.code).toBeLessThan(0.01);
    }
    expect(over60Target(guangdong, YEAR).value).toBeLessThan(over60Target(shanghai, YEAR).value);
  });
});

describe('residents of institutions (集中供养)', () => {
  const pop = generatePopulation({ region: '100000', year: YEAR, households: 100_000, seed: 7 });
  const C = pop.columns;
  const residents: number[] = [];
  for (let h = 0; h < C.households; h++) if (C.person.institutional_care![C.memberStart[h]!]) residents.push(h);

  it('draws them as one-person records without a capable supporter, older or severely disabled, with no counted income', () => {
    expect(residents.length).toBeGreaterThan(0);
    for (const h of residents) {
      const q = C.memberStart[h]!;
      expect(C.memberStart[h + 1]! - q).toBe(1);
      expect(C.person.has_capable_supporter![q]).toBe(0);
      const age = C.person.age![q]!;
      if (age < 60) expect([1, 2]).toContain(C.person.disability_grade![q]);
      expect(C.person.wage_income![q]! + C.person.business_income![q]! + C.person.property_income![q]! + C.person.transfer_income![q]!).toBe(0);
      expect(C.household.houses![h]).toBe(0);
      expect(C.household.vehicles![h]).toBe(0);
    }
    // Only they are in institutional care: no member of a family household of two or more is.
    for (let h = 0; h < C.households; h++) if (C.memberStart[h + 1]! - C.memberStart[h]! > 1) for (let q = C.memberStart[h]!; q < C.memberStart[h + 1]!; q++) expect(C.person.institutional_care![q]).toBe(0);
  });

  it('adds them in the proportion the table gives, on top of the family households', () => {
    const expected = PROVINCES.reduce((s, p) => s + institutionRatio(p) * p.population.value, 0) / PROVINCES.reduce((s, p) => s + p.population.value, 0);
    const share = residents.length / C.households;
    // Families and residents: the residents' share of records, about 1.835 m over 494 m (within sampling error).
    expect(share).toBeGreaterThan(0.002);
    expect(share).toBeLessThan(0.006);
    expect(Math.abs(share - expected / (1 + expected))).toBeLessThan(4 * Math.sqrt(share / C.households) + 0.001);
    expect(pop.meta.realHouseholds).toBeGreaterThan(494_160_000);
    expect(pop.meta.notes.some((n) => n.includes('institutions'))).toBe(true);
  });

  it('draws a resident the same whatever the population size, and the same seed gives the same records', () => {
    const small = generatePopulation({ region: '100000', year: YEAR, households: 20_000, seed: 7 }).columns;
    for (const h of residents.filter((x) => x < 20_000)) {
      const q = small.memberStart[h]!;
      expect(small.person.institutional_care![q]).toBe(1);
      expect(small.person.age![q]).toBe(C.person.age![C.memberStart[h]!]);
      expect(small.household.region![h]).toBe(C.household.region![h]);
    }
    const again = generatePopulation({ region: '100000', year: YEAR, households: 20_000, seed: 7 }).columns;
    expect(Buffer.from(again.person.institutional_care!.buffer).equals(Buffer.from(small.person.institutional_care!.buffer))).toBe(true);
  });
});

describe('who the poorest households are', () => {
  it('reports the poorest urban 5% against the national survey (size and employed over the average), from the generated households', () => {
    const pop = generatePopulation({ region: '100000', year: YEAR, households: 60_000, seed: 4 });
    const rows = calibrate(pop.columns, YEAR, '100000').rows;
    const size = rows.find((r) => r.name.startsWith('urban poorest 5% of households: persons'))!;
    const employed = rows.find((r) => r.name.startsWith('urban poorest 5% of households: employed'))!;
    expect(size.target).toBeCloseTo(3.3 / 2.91, 12);
    expect(employed.target).toBe(POOREST_URBAN.employed.value);
    // Computed here from the columns: the poorest 5% of urban family households by per-capita income.
    const f = householdFacts(pop.columns);
    const C = pop.columns;
    const idx = [...Array(C.households).keys()].filter((h) => C.household.area![h] === 0 && !C.person.institutional_care![C.memberStart[h]!]);
    idx.sort((a, b) => f.disposable[a]! - f.disposable[b]! || a - b);
    const poorest = idx.slice(0, Math.ceil(idx.length * 0.05));
    const mean = (hs: number[]) => hs.reduce((a, h) => a + f.size[h]!, 0) / hs.length;
    expect(size.generated).toBeCloseTo(mean(poorest) / mean(idx), 12);
    // The model's poorest are not smaller than average households (the survey has them larger).
    expect(size.generated).toBeGreaterThan(0.95);
    expect(employed.generated).toBeLessThan(1);
  });
});
