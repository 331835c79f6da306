/**
 * The studio in Chinese shows the population's notes and calibration rows in Chinese: every note
 * and row name the generator writes — for the country, provinces with and without a city table,
 * a city, and years with and without published quintiles — has a Chinese form.
 */
import { describe, expect, it } from 'vitest';
import { calibrationName, calibrationNote } from '../../studio/app/i18n/calibration.ts';
import { calibrate, generatePopulation } from '../../simulator/index.ts';

const CASES = [
  ['100000', 2024],
  ['310000', 2024],
  ['330000', 2021],
  ['440000', 2023],
  ['440300', 2023],
  ['510000', 2022],
  ['310000', 2026],
] as const;

describe('the calibration panel in Chinese', () => {
  for (const [region, year] of CASES) {
    it(`gives every note and row of ${region} in ${year} a Chinese form`, () => {
      const pop = generatePopulation({ region, year, households: 2000, seed: 1 });
      const calibration = calibrate(pop.columns, year, region, pop.meta.notes);
      const notes = [...pop.meta.notes, ...calibration.notes];
      expect(notes.length).toBeGreaterThan(0);
      for (const n of notes) {
        const zh = calibrationNote(n);
        expect(zh, n).not.toBe(n);
        // the numbers a note gives are kept
        for (const x of n.match(/\d[\d,.]*\d/g) ?? []) expect(zh, `${n} → ${zh}`).toContain(x.replace(/[.,]$/, ''));
      }
      for (const r of calibration.rows) expect(calibrationName(r.name), r.name).not.toBe(r.name);
    });
  }

  it('shows a note of a form it does not know as written', () => {
    expect(calibrationNote('something new (assumption)')).toBe('something new (assumption)');
  });
});
