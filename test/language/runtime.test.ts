/** The arithmetic every compiled module carries, against exact rationals. */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { runtimeFunctions } from '../../language/backend-js/index.ts';
import { rational as Q } from '../../language/index.ts';

const rt = runtimeFunctions();
const MODES = ['half-away', 'up', 'down'] as const;

describe('runtime arithmetic', () => {
  it('roundSteps is exact for every safe numerator and denominator, in every mode', () => {
    const big = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
    const small = fc.integer({ min: -100_000, max: 100_000 });
    fc.assert(
      fc.property(fc.oneof(big, small), fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })), fc.integer({ min: 0, max: 2 }), (x, y, mode) => {
        const want = Q.roundTo(Q.rat(x, y), Q.ONE, MODES[mode]!);
        expect(rt.roundSteps(x, y, mode)).toBe(Number(want.n));
      }),
      { numRuns: 20_000, seed: 3 },
    );
  });

  it('rounds halves away from zero on both sides', () => {
    expect(rt.roundSteps(5, 2, 0)).toBe(3);
    expect(rt.roundSteps(-5, 2, 0)).toBe(-3);
    expect(rt.roundSteps(55825, 1000, 0)).toBe(56); // 1595 × 3.5% = 55.825 → 56
    expect(rt.roundSteps(-7, 2, 1)).toBe(-3);
    expect(rt.roundSteps(-7, 2, 2)).toBe(-4);
  });

  it('Math.round/ceil/floor of the float quotient equal the exact result below 2^52 (the generated fast path)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 52 - 1 }), fc.oneof(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 2 ** 40 })), (x, y) => {
        expect(Math.round(x / y)).toBe(rt.roundSteps(x, y, 0));
        expect(Math.ceil(x / y)).toBe(rt.roundSteps(x, y, 1));
        expect(Math.floor(x / y)).toBe(rt.roundSteps(x, y, 2));
      }),
      { numRuns: 20_000, seed: 4 },
    );
  });

  it('refuses to round past 2^53 (NaN marks the household)', () => {
    expect(rt.roundSteps(2 ** 53 + 2, 3, 0)).toBeNaN();
  });

  it('parses settings exactly', () => {
    expect(rt.parseFraction('3.5%')).toEqual([7, 200]);
    expect(rt.parseFraction('1/3')).toEqual([1, 3]);
    expect(rt.parseFraction('-0.035')).toEqual([-7, 200]);
    expect(rt.parseFraction('1600.50')).toEqual([3201, 2]);
    expect(rt.parseFraction('1e5')).toBeUndefined();
    expect(rt.parseFraction('abc')).toBeUndefined();
  });

  it('counts days from 1970-01-01', () => {
    expect(rt.dayNumber('1970-01-02')).toBe(1);
    expect(rt.dayNumber('2024-03-01') - rt.dayNumber('2024-02-28')).toBe(2);
  });
});
