/**
 * provinces.doudi and the generator's province table (simulator/population/provinces.ts) must tell
 * the same story: each province's consumption and disposable income in the policy are the
 * derivation its header states, from the same table.
 */
import * as fs from 'node:fs';
import { describe, it, expect } from 'vitest';
import { PROVINCES, STANDARD_RATIO, yearTargets } from '../../simulator/index.ts';

const text = fs.readFileSync('policies/national/provinces.doudi', 'utf8');

/** The region blocks of one parameter: code → [[urban, rural] from 2023-01-01, [urban, rural] from 2024-01-01]. */
function blocks(parameter: string): Map<string, number[][]> {
  const start = text.indexOf(`override parameter ${parameter} `);
  const end = text.indexOf('\noverride parameter', start + 1);
  const body = text.slice(start, end < 0 ? undefined : end);
  const out = new Map<string, number[][]>();
  for (const m of body.matchAll(/region (\d{6}) "[^"]*":\n((?:    from .*\n)+)/g)) {
    const values = [...m[2]!.matchAll(/urban: ¥(\d+), rural: ¥(\d+)/g)].map((v) => [Number(v[1]), Number(v[2])]);
    out.set(m[1]!, values);
  }
  return out;
}

describe('provinces.doudi', () => {
  const year = (y: number) => yearTargets(y).targets;
  it('gives every province its consumption: 2023 income × the national consumption-to-income ratio of the area', () => {
    const consumption = blocks('last_year_consumption');
    expect(consumption.size).toBe(31);
    for (const p of PROVINCES) {
      const v = consumption.get(p.code)!;
      for (const [i, y] of [2022, 2023].entries())
        (['urban', 'rural'] as const).forEach((a, k) => {
          const expected = Math.round((p.income2023[a].value * year(y).consumption[a].value) / year(2023)[a].mean.value);
          expect(v[i]![k], `${p.code} ${a} ${y}`).toBe(expected);
        });
    }
  });

  it('gives every province its disposable income: 2023 × the national growth of the area', () => {
    const income = blocks('last_year_disposable_income');
    expect(income.size).toBe(31);
    for (const p of PROVINCES) {
      const v = income.get(p.code)!;
      for (const [i, y] of [2022, 2023].entries())
        (['urban', 'rural'] as const).forEach((a, k) => expect(v[i]![k], `${p.code} ${a} ${y}`).toBe(Math.round((p.income2023[a].value * year(y)[a].mean.value) / year(2023)[a].mean.value)));
    }
  });

  it('states the ratios the generator assumes', () => {
    expect(text).toContain(`urban: ${Math.round(STANDARD_RATIO.urban * 100)}%, rural: ${Math.round(STANDARD_RATIO.rural * 100)}%`);
  });
});
