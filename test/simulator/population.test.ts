/**
 * Synthetic populations: the same options give the same bytes, household h does not depend on how
 * many households are drawn, and the national population meets every calibration target within its
 * stated tolerance.
 */
import { describe, it, expect } from 'vitest';
import { PROVINCES, PopulationError, calibrate, calibrationText, generatePopulation, institutionRatio, provinceHouseholds, provinceOf, type GenerateOptions } from '../../simulator/index.ts';
import { columnBytes, expectSameColumns } from '../support/simulator.ts';

const OPTIONS: GenerateOptions = { region: '310000', year: 2024, households: 3000, seed: 7 };

describe('generator determinism', () => {
  it('gives byte-identical columns for the same options', () => {
    const a = generatePopulation(OPTIONS);
    const b = generatePopulation(OPTIONS);
    expectSameColumns(a.columns, b.columns);
    expect(b.meta).toEqual(a.meta);
    // Not a degenerate population: every column is filled with something.
    expect(a.columns.persons).toBeGreaterThan(a.columns.households);
    expect(a.columns.person.wage_income!.some((x) => x > 0)).toBe(true);
  });

  it('gives another population for another seed', () => {
    const a = columnBytes(generatePopulation(OPTIONS).columns);
    const b = columnBytes(generatePopulation({ ...OPTIONS, seed: 8 }).columns);
    const differing = [...a.keys()].filter((k) => Buffer.compare(Buffer.from(a.get(k)!), Buffer.from(b.get(k)!)) !== 0);
    expect(differing).toContain('person.wage_income');
    expect(differing).toContain('household.financial_assets');
    expect(differing.length).toBeGreaterThan(10);
  });

  it('draws household h the same whatever the population size (all but weight)', () => {
    const k = 1000;
    const small = generatePopulation({ ...OPTIONS, households: k }).columns;
    const large = generatePopulation({ ...OPTIONS, households: 2 * k }).columns;
    const persons = small.persons;
    expect(Array.from(large.memberStart.subarray(0, k + 1))).toEqual(Array.from(small.memberStart));
    for (const [name, col] of Object.entries(small.household)) {
      const head = large.household[name]!.subarray(0, k);
      if (name === 'weight') {
        // weight is real households / records: half as much for twice the records
        expect(head[0]).toBeCloseTo(col[0]! / 2, 9);
        continue;
      }
      expect(Buffer.compare(Buffer.from(head.buffer, head.byteOffset, head.byteLength), Buffer.from(col.buffer, col.byteOffset, col.byteLength)), `household.${name}`).toBe(0);
    }
    for (const [name, col] of Object.entries(small.person)) {
      const head = large.person[name]!.subarray(0, persons);
      expect(Buffer.compare(Buffer.from(head.buffer, head.byteOffset, head.byteLength), Buffer.from(col.buffer, col.byteOffset, col.byteLength)), `person.${name}`).toBe(0);
    }
  });

  it('weights each record by real households over records', () => {
    const g = generatePopulation({ ...OPTIONS, households: 2000 });
    // Family households (population / size, scaled to the census) and the residents of institutions beside them.
    const real = provinceHouseholds(provinceOf('310000')!) * (1 + institutionRatio(provinceOf('310000')!));
    expect(g.meta.realHouseholds).toBe(real);
    expect(g.meta.weight).toBe(real / 2000);
    expect(g.columns.household.weight!.every((w) => w === real / 2000)).toBe(true);
    expect(g.meta.persons).toBe(g.columns.persons);
  });
});

describe('calibration', () => {
  it('meets every national target of 2022 within its tolerance (200,000 households)', () => {
    const g = generatePopulation({ region: '100000', year: 2022, households: 200_000, seed: 1 });
    const report = calibrate(g.columns, 2022, '100000', g.meta.notes);
    const names = report.rows.map((r) => r.name);
    expect(names).toContain('national disposable income per person, mean (yuan/year)');
    expect(names).toContain('urban quintile 1 mean');
    expect(names).toContain('average household size');
    expect(report.rows.length).toBeGreaterThanOrEqual(30);
    const outside = report.rows.filter((r) => !(Math.abs(r.error) <= r.tolerance)).map((r) => `${r.name}: error ${r.error} > ${r.tolerance}`);
    expect(outside).toEqual([]);
    for (const r of report.rows) {
      expect(r.tolerance).toBeGreaterThan(0);
      expect(r.error).toBeCloseTo((r.generated - r.target) / r.target, 12);
    }
    expect(calibrationText(report)).not.toContain('outside tolerance');
  });

  it('reports a region (310000) with rows for its targets, named in the text', () => {
    const g = generatePopulation({ region: '310000', year: 2024, households: 20_000, seed: 1 });
    const report = calibrate(g.columns, 2024, '310000', g.meta.notes);
    expect(report.region).toBe('310000');
    expect(report.rows.length).toBeGreaterThan(5);
    const text = calibrationText(report);
    expect(text).toContain('region 310000');
    for (const r of report.rows) {
      expect(text).toContain(r.name);
      expect(Number.isFinite(r.generated)).toBe(true);
    }
    // Standing in for missing figures is said, not hidden.
    expect(report.notes.some((n) => n.includes('quintiles are not published'))).toBe(true);
    expect(report.notes.some((n) => n.includes('no provincial quintiles were found'))).toBe(true);
    for (const n of report.notes) expect(text).toContain(n);
  });

  it('rejects a bad region code with a PopulationError', () => {
    for (const region of ['31000', '3100000', 'shanghai', '31000x']) {
      expect(() => generatePopulation({ region, year: 2024, households: 10, seed: 1 })).toThrow(PopulationError);
      expect(() => generatePopulation({ region, year: 2024, households: 10, seed: 1 })).toThrow(/6-digit/);
    }
  });

  it('knows every province; a place inside one takes its incomes and needs its real households unless they are known', () => {
    for (const p of PROVINCES) {
      const g = generatePopulation({ region: p.code, year: 2024, households: 20, seed: 1 });
      expect(g.meta.realHouseholds).toBe(provinceHouseholds(p) * (1 + institutionRatio(p)));
      expect(g.columns.household.region!.every((r) => String(r).slice(0, 2) === p.code.slice(0, 2))).toBe(true);
    }
    const o = { region: '320500', year: 2024, households: 50, seed: 1 };
    expect(() => generatePopulation(o)).toThrow(PopulationError);
    expect(() => generatePopulation(o)).toThrow(/real households/);
    const g = generatePopulation({ ...o, realHouseholds: 5_000_000 });
    expect(g.meta.weight).toBe(100_000);
    expect(g.meta.notes.some((n) => n.includes('江苏省 (320000)'))).toBe(true);
    expect(g.columns.household.region!.every((r) => r === 320500)).toBe(true);
    // A city whose share of its province is known needs nothing more.
    const zj = provinceOf('330000')!;
    expect(generatePopulation({ region: '330700', year: 2024, households: 10, seed: 1 }).meta.realHouseholds).toBe(Math.round(provinceHouseholds(zj) * 0.108) * (1 + institutionRatio(zj)));
    // Outside the 31 provinces there are no statistics: a clear message, not a guess.
    expect(() => generatePopulation({ region: '710000', year: 2024, households: 10, seed: 1 })).toThrow(/no statistics for this region/);
  });

  it('rejects bad counts and seeds', () => {
    expect(() => generatePopulation({ region: '100000', year: 2022, households: 0, seed: 1 })).toThrow(PopulationError);
    expect(() => generatePopulation({ region: '100000', year: 2022, households: 1.5, seed: 1 })).toThrow(PopulationError);
    expect(() => generatePopulation({ region: '100000', year: 2022, households: 10, seed: 0.5 })).toThrow(PopulationError);
    expect(() => generatePopulation({ region: '120000', year: 2022, households: 10, seed: 1, realHouseholds: 0 })).toThrow(PopulationError);
    expect(() => generatePopulation({ region: '120000', year: 20222, households: 10, seed: 1 })).toThrow(/year 20222/);
  });
});
