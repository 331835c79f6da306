/** Number formatting in the studio: 万 and 亿 in Chinese, thousands separators in English. */
import { describe, expect, it } from 'vitest';
import { formatCount, formatMoney, formatMs, formatNumber, formatPercent } from '../../studio/app/lib/format.ts';

describe('money', () => {
  it('uses 亿 and 万 in Chinese', () => {
    expect(formatMoney(8_926_150_412, 'zh')).toBe('¥89.26亿');
    expect(formatMoney(1_528_030_504.5, 'zh', { signed: true })).toBe('+¥15.28亿');
    expect(formatMoney(-2_344_594_977, 'zh')).toBe('−¥23.45亿');
    expect(formatMoney(743_845_868, 'zh')).toBe('¥7.44亿');
    expect(formatMoney(52_508, 'zh')).toBe('¥5.25万');
    expect(formatMoney(1_500_000, 'zh')).toBe('¥150万');
    expect(formatMoney(1595, 'zh')).toBe('¥1,595');
    expect(formatMoney(115.5, 'zh')).toBe('¥115.50');
    expect(formatMoney(1e8, 'zh')).toBe('¥1亿');
  });

  it('groups thousands in English', () => {
    expect(formatMoney(8_926_150_412, 'en')).toBe('¥8,926,150,412');
    expect(formatMoney(1595, 'en')).toBe('¥1,595');
    expect(formatMoney(115.5, 'en')).toBe('¥115.50');
    expect(formatMoney(-12_345.4, 'en', { signed: true })).toBe('−¥12,345');
    expect(formatMoney(0, 'en', { signed: true })).toBe('¥0');
  });

  it('has short forms for axes and headlines', () => {
    expect(formatMoney(8_926_150_412, 'en', { compact: true })).toBe('¥8.93 bn');
    expect(formatMoney(45_000, 'en', { compact: true })).toBe('¥45 k');
    // five headline figures fit: billions above ¥1,000 m
    expect(formatMoney(8_926_150_412, 'en', { millions: true })).toBe('¥8.93 bn');
    expect(formatMoney(-1_788_200_000, 'en', { millions: true, signed: true })).toBe('−¥1.79 bn');
    expect(formatMoney(892_615_041, 'en', { millions: true })).toBe('¥892.6 m');
    expect(formatMoney(9_999_999, 'en', { millions: true })).toBe('¥9,999,999');
    expect(formatMoney(8_926_150_412, 'zh', { compact: true })).toBe('¥89.26亿');
  });

  it('shows what cannot be a number as a dash', () => {
    expect(formatMoney(NaN, 'zh')).toBe('—');
    expect(formatCount(Infinity, 'en')).toBe('—');
    expect(formatPercent(NaN)).toBe('—');
  });
});

describe('counts, shares, times', () => {
  it('counts persons', () => {
    expect(formatCount(931_128.5, 'zh')).toBe('93.11万');
    expect(formatCount(931_128.5, 'en')).toBe('931,129');
    expect(formatCount(12_345_678, 'zh')).toBe('1235万');
    expect(formatCount(230_056, 'en', { signed: true })).toBe('+230,056');
    expect(formatCount(-4, 'zh', { signed: true })).toBe('−4');
    expect(formatCount(1_195_732, 'en', { compact: true })).toBe('1.2 m');
  });

  it('shows shares and durations', () => {
    expect(formatPercent(0.3521)).toBe('35.2%');
    expect(formatPercent(-0.263, 1, { signed: true })).toBe('−26.3%');
    expect(formatPercent(0.1, 0, { signed: true })).toBe('+10%');
    expect(formatMs(98.4)).toBe('98 ms');
    expect(formatMs(1430)).toBe('1.4 s');
  });

  it('writes plain numbers', () => {
    expect(formatNumber(0.16666, 'zh', 4)).toBe('0.1667');
    expect(formatNumber(12345.5, 'en')).toBe('12,345.5');
    expect(formatNumber(12345.5, 'zh')).toBe('12345.5');
    expect(formatNumber(-2, 'en')).toBe('−2');
  });
});
