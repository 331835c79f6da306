/**
 * The structure of synthetic populations: the income distribution is the fitted curve's (the
 * headcount below any line within sampling error, with the hardship copula in place), hardship
 * sits low in it, hukou is drawn apart from residence, supporters follow the household's
 * structure, the schema v2 flags fall where they may, and the country is its provinces.
 */
import { describe, it, expect } from 'vitest';
import { ALLEVIATION_PROVINCES, DISABLED, ELDERLY_ONLY, NO_WORKER, PROVINCES, SEVERE, distribution, generatePopulation, householdFacts, provinceHeadcount, provinceHouseholds, provinceMean, provinceOf } from '../../simulator/index.ts';

const YEAR = 2024;
const zhejiang = generatePopulation({ region: '330000', year: YEAR, households: 200_000, seed: 5 });
const Z = zhejiang.columns;
const facts = householdFacts(Z);

/** Persons below a line among households kept, and the standard error of that share (households as clusters). */
function below(keep: (h: number) => boolean, line: number) {
  let all = 0;
  let under = 0;
  let n = 0;
  for (let h = 0; h < Z.households; h++) {
    if (!keep(h)) continue;
    n++;
    all += facts.size[h]!;
    if (facts.disposable[h]! < line) under += facts.size[h]!;
  }
  const share = under / all;
  // Cluster sampling: the variance of a ratio of household totals (size at most 7: a design effect ≤ 7).
  const se = Math.sqrt((share * (1 - share) * 7) / n);
  return { share, se, n };
}

describe('income: the generated population has the fitted distribution', () => {
  it('gives the fitted curve\'s headcount below every line, within sampling error, in each area (copula in place)', () => {
    const province = provinceOf('330000')!;
    for (const [a, area] of [[0, 'urban'], [1, 'rural']] as const) {
      const mean = provinceMean(province, YEAR, area);
      for (const ratio of [0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 2]) {
        const line = ratio * mean;
        const fitted = provinceHeadcount(province, YEAR, area, line, PROVINCES);
        const got = below((h) => Z.household.area![h] === a, line);
        expect(Math.abs(got.share - fitted), `${area} below ${ratio} × mean: generated ${got.share}, fitted ${fitted}, se ${got.se}`).toBeLessThan(4 * got.se + 0.002);
      }
    }
  });

  it('puts households in hardship low in the distribution while the whole stays calibrated', () => {
    for (const a of [0, 1]) {
      const inArea = (h: number) => Z.household.area![h] === a;
      const all = distribution(facts.disposable, facts.size, inArea).mean;
      for (const bit of [ELDERLY_ONLY, DISABLED, SEVERE, NO_WORKER]) {
        const group = distribution(facts.disposable, facts.size, (h) => inArea(h) && (facts.hardship[h]! & bit) !== 0);
        expect(group.mean / all, `area ${a}, bit ${bit}`).toBeLessThan(1);
      }
      const severe = distribution(facts.disposable, facts.size, (h) => inArea(h) && (facts.hardship[h]! & SEVERE) !== 0).mean;
      const none = distribution(facts.disposable, facts.size, (h) => inArea(h) && facts.hardship[h] === 0).mean;
      expect(severe).toBeLessThan(0.85 * none);
    }
  });

  it('keeps the assistance the survey income contained apart: income before assistance is never above it', () => {
    let moved = 0;
    for (let h = 0; h < Z.households; h++) {
      expect(facts.preAssistance[h]!).toBeLessThanOrEqual(facts.disposable[h]! + 1e-9);
      if (facts.preAssistance[h]! < facts.disposable[h]!) moved++;
    }
    expect(moved).toBeGreaterThan(0);
    // The basic pension column is the central minimum only (123 a month in 2024 [M]).
    const pensions = new Set<number>();
    for (let p = 0; p < Z.persons; p++) if (Z.person.basic_pension![p]) pensions.add(Z.person.basic_pension![p]!);
    expect([...pensions]).toEqual([12300]);
  });
});

describe('hukou, supporters and the version 2 fields', () => {
  it('draws hukou apart from residence: migrants are working-age town households, about the province\'s share', () => {
    let persons = 0;
    let migrants = 0;
    let mismatch = 0;
    for (let h = 0; h < Z.households; h++) {
      const size = facts.size[h]!;
      persons += size;
      if (!Z.household.hukou_local![h]) {
        migrants += size;
        expect(Z.household.area![h]).toBe(0);
        expect(facts.hardship[h]! & ELDERLY_ONLY).toBe(0);
      } else expect(Z.household.residence_permit![h]).toBe(0);
      if (Z.household.hukou_area![h] !== Z.household.area![h]) mismatch++;
    }
    expect(migrants / persons).toBeGreaterThan(0.36);
    expect(migrants / persons).toBeLessThan(0.44);
    expect(mismatch / Z.households).toBeGreaterThan(0.1);
    const shanghai = generatePopulation({ region: '310000', year: YEAR, households: 50_000, seed: 5 }).columns;
    const sh = householdFacts(shanghai);
    let shMigrants = 0;
    let shPersons = 0;
    for (let h = 0; h < shanghai.households; h++) {
      shPersons += sh.size[h]!;
      if (!shanghai.household.hukou_local![h]) shMigrants += sh.size[h]!;
    }
    // "In Shanghai around two fifths of residents" (issue 10; 2020 census [M]).
    expect(shMigrants / shPersons).toBeGreaterThan(0.37);
    expect(shMigrants / shPersons).toBeLessThan(0.47);
  });

  it('derives supporters from the household: a child of working age at home supports; minors have parents unless orphaned', () => {
    const P = Z.person;
    let elderly = 0;
    let unsupported = 0;
    for (let h = 0; h < Z.households; h++) {
      const a = Z.memberStart[h]!;
      const b = Z.memberStart[h + 1]!;
      const head = P.age![a]!;
      for (let p = a; p < b; p++) {
        const age = P.age![p]!;
        if (age < 18) expect(P.has_capable_supporter![p], 'a minor').toBe(P.child_status![p] ? 0 : 1);
        if (age < 60) continue;
        elderly++;
        if (!P.has_capable_supporter![p]) unsupported++;
        // An older head living with a child of working age able to work is supported.
        const capableChild = [...Array(b - a).keys()].some((j) => P.relation![a + j] === 2 && P.age![a + j]! >= 18 && P.age![a + j]! < 60 && P.work_ability![a + j] !== 2);
        if (p === a && head >= 60 && capableChild) expect(P.has_capable_supporter![p]).toBe(1);
      }
    }
    // Childless (≈ 5% [M]) or with children unable: a few per cent, never most.
    expect(unsupported / elderly).toBeGreaterThan(0.02);
    expect(unsupported / elderly).toBeLessThan(0.12);
  });

  it('sets the version 2 flags only where they can be', () => {
    const g = generatePopulation({ region: '100000', year: YEAR, households: 100_000, seed: 3 }).columns;
    const P = g.person;
    let alleviated = 0;
    let orphans = 0;
    let insured = 0;
    for (let h = 0; h < g.households; h++) {
      const province = String(g.household.region![h]).slice(0, 2);
      for (let p = g.memberStart[h]!; p < g.memberStart[h + 1]!; p++) {
        if (P.poverty_alleviated![p] || P.relapse_monitoring![p]) {
          alleviated++;
          expect(ALLEVIATION_PROVINCES.has(province)).toBe(true);
          expect(g.household.hukou_area![h]).toBe(1);
        }
        if (P.child_status![p]) {
          orphans++;
          expect(P.age![p]).toBeLessThan(18);
        }
        if (P.unemployment_insurance![p]) {
          insured++;
          expect(P.employed![p]).toBe(0);
          expect(g.household.area![h]).toBe(0);
          expect(P.age![p]).toBeGreaterThanOrEqual(18);
          expect(P.age![p]).toBeLessThan(60);
        }
        if (P.institutional_care![p]) expect(P.has_capable_supporter![p]).toBe(0);
      }
    }
    expect(alleviated).toBeGreaterThan(0);
    expect(orphans).toBeGreaterThan(0);
    expect(insured).toBeGreaterThan(0);
  });
});

describe('the country as the sum of its provinces', () => {
  it('draws each province\'s households in proportion to its households, with its own region codes', () => {
    const n = 100_000;
    const g = generatePopulation({ region: '100000', year: YEAR, households: n, seed: 9 }).columns;
    const counts = new Map<string, number>();
    for (let h = 0; h < n; h++) {
      const key = `${String(g.household.region![h]).slice(0, 2)}0000`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const total = PROVINCES.reduce((s, p) => s + provinceHouseholds(p), 0);
    expect(total).toBeCloseTo(494_160_000, -3);
    for (const p of PROVINCES) {
      const share = provinceHouseholds(p) / total;
      const got = (counts.get(p.code) ?? 0) / n;
      expect(Math.abs(got - share), p.code).toBeLessThan(4 * Math.sqrt((share * (1 - share)) / n) + 1e-4);
    }
    // Guangdong's and Zhejiang's households carry their cities' codes.
    for (let h = 0; h < n; h++) {
      const r = g.household.region![h]!;
      if (String(r).startsWith('44') || String(r).startsWith('33')) expect(r % 10000).not.toBe(0);
    }
  });
});
