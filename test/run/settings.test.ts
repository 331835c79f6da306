/**
 * The settings grammar and resolver (language/run): names by id, label and entry; values exact in
 * every spelling a user types; every unit that does not fit the parameter refused with its own
 * code (issue 12 item 5); lists that stay unambiguous; and the canonical text every compiled module
 * reads as the same exact value the interpreter gets.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseQuantity, rational as Q, resolveSettings, splitList, type PolicyIR, type Scalar, type SettingCode } from '../../language/index.ts';
import { loadIR, compile } from '../support/policies.ts';

const ir: PolicyIR = loadIR('policies/shanghai/shanghai.doudi');
const compiled = compile(ir);

/** The one setting's exact value and canonical text, or the codes of its problems. */
function one(name: string, value: string): { key: string; exact: Scalar; text: string } | SettingCode[] {
  const { settings, problems } = resolveSettings(ir, [{ name, value }]);
  if (problems.length) return problems.map((p) => p.code);
  const [key] = Object.keys(settings.text);
  return { key: key!, exact: settings.exact[key!]!, text: settings.text[key!]! };
}

const value = (name: string, text: string): Q.Rational => {
  const r = one(name, text);
  if (Array.isArray(r)) return expect.fail(`${name}=${text}: ${r.join(', ')}`);
  return r.exact as Q.Rational;
};

describe('names', () => {
  it('by id, by Chinese label, and one entry by id or label', () => {
    expect(one('dibao_standard', '1600')).toMatchObject({ key: 'dibao_standard' });
    expect(one('低保标准', '1600')).toMatchObject({ key: 'dibao_standard' });
    expect(one('dibao_standard.rural', '1600')).toMatchObject({ key: 'dibao_standard.rural' });
    expect(one('低保标准.农村', '1600')).toMatchObject({ key: 'dibao_standard.rural' });
    expect(one('居民消费价格同比涨幅', '3.6%')).toMatchObject({ key: 'cpi_yoy' });
  });

  it('refuses unknown names (with a hint), entries a parameter does not have, and a name set twice to two values', () => {
    const r = resolveSettings(ir, [{ name: 'dibao_standart', value: '1600' }]);
    expect(r.problems.map((p) => p.code)).toEqual(['setting-unknown-name']);
    expect(r.problems[0]!.message).toContain('did you mean dibao_standard');
    expect(r.problems[0]!.where).toBe('--set dibao_standart=1600');
    expect(one('dibao_standard.suburban', '1600')).toEqual(['setting-unknown-entry']);
    expect(one('cpi_yoy.urban', '3%')).toEqual(['setting-unknown-entry']);
    const twice = resolveSettings(ir, [
      { name: 'dibao_standard', value: '1600' },
      { name: '低保标准', value: '¥1,600' },
      { name: 'cpi_yoy', value: '3%' },
      { name: '居民消费价格同比涨幅', value: '4%' },
    ]);
    expect(twice.problems.map((p) => [p.code, p.params])).toEqual([['setting-repeated', { key: 'cpi_yoy', first: '3/100', second: '4%' }]]);
  });
});

describe('values, exactly', () => {
  it('amounts in yuan in every spelling are the same fen', () => {
    for (const t of ['1600', '¥1600', '￥1600', '1,600', '1，600', '1600元', '¥ 1,600.00', '１６００', '+1600']) expect(Q.eq(value('dibao_standard', t), Q.rat(1600)), t).toBe(true);
    expect(Q.eq(value('dibao_standard', '1,600.5'), Q.rat(32010, 20))).toBe(true);
    expect(Q.eq(value('dibao_standard', '12,345,678.91'), Q.rat(1234567891, 100))).toBe(true);
  });

  it('rates as percentages (negative too), fractions of one and fractions', () => {
    expect(Q.eq(value('cpi_yoy', '2.8%'), Q.rat(7, 250))).toBe(true); // never 0.027999999999999997
    expect(Q.eq(value('cpi_yoy', '0.028'), Q.rat(7, 250))).toBe(true);
    expect(Q.eq(value('cpi_yoy', '7/250'), Q.rat(7, 250))).toBe(true);
    expect(Q.eq(value('cpi_yoy', '-0.5%'), Q.rat(-1, 200))).toBe(true);
    expect(Q.eq(value('cpi_yoy', '−0.5％'), Q.rat(-1, 200))).toBe(true);
    expect(Q.eq(value('cpi_yoy', '1/3'), Q.rat(1, 3))).toBe(true);
  });

  it('months with or without the unit; enums by id or label; yes/no in both keyword sets', () => {
    expect(Q.eq(value('grace_months', '6 months'), Q.rat(6))).toBe(true);
    expect(Q.eq(value('grace_months', '6个月'), Q.rat(6))).toBe(true);
    expect(one('emergency_months.minor', '3')).toMatchObject({ key: 'emergency_months.minor', text: '3' });
  });

  it('any amount of whole fen, written with separators, ¥ or 元, resolves to exactly that many fen (property)', () => {
    const fen = fc.integer({ min: 0, max: 999_999_999_999 });
    fc.assert(
      fc.property(fen, fc.constantFrom('', '¥', '￥'), fc.constantFrom('', '元'), fc.constantFrom(',', '，', ''), (f, pre, post, sep) => {
        if (pre && post) return;
        const whole = String(Math.floor(f / 100)).replace(/\B(?=(\d{3})+$)/g, sep);
        const text = `${pre}${whole}.${String(f % 100).padStart(2, '0')}${post}`;
        expect(Q.eq(value('dibao_standard', text), Q.rat(f, 100)), text).toBe(true);
      }),
      { numRuns: 2000, seed: 12 },
    );
  });

  it('the canonical text is what compiled code reads: the same exact value as the interpreter gets', () => {
    const sets = { dibao_standard: '¥1,600.55', 'emergency_months.grave': '5个月', cpi_yoy: '−2.35%', food_cpi_yoy: '7/300' };
    const { settings, problems } = resolveSettings(ir, sets);
    expect(problems).toEqual([]);
    const p = compiled.resolveParameters({ date: '2024-07-01', sets: { ...settings.text } }, ['310000']);
    const at = (id: string, i = 0) => Q.rat(p.n[id]![i]!, p.d[id]![i]!);
    expect(Q.eq(at('dibao_standard'), Q.rat(160055))).toBe(true); // fen
    expect(Q.eq(at('dibao_standard', 1), Q.rat(160055))).toBe(true);
    expect(Q.eq(at('cpi_yoy'), settings.exact.cpi_yoy as Q.Rational)).toBe(true);
    expect(Q.eq(at('food_cpi_yoy'), Q.rat(7, 300))).toBe(true);
    expect(settings.text).toEqual({ dibao_standard: '1600.55', 'emergency_months.grave': '5', cpi_yoy: '-47/2000', food_cpi_yoy: '7/300' });
  });
});

describe('refusals, each with its own code (issue 12 item 5)', () => {
  it.each([
    ['cpi_yoy', '3.6 months', 'setting-unit'],
    ['cpi_yoy', '¥3.6', 'setting-unit'],
    ['dibao_standard', '160000%', 'setting-unit'],
    ['dibao_standard', '6 months', 'setting-unit'],
    ['grace_months', '¥6', 'setting-unit'],
    ['grace_months', '60%', 'setting-unit'],
    ['dibao_standard', '0x10', 'setting-number'],
    ['cpi_yoy', '0x10', 'setting-number'],
    ['dibao_standard', '1_600', 'setting-number'],
    ['dibao_standard', '1e3', 'setting-number'],
    ['dibao_standard', '1,60', 'setting-number'],
    ['dibao_standard', '1 600', 'setting-number'],
    ['dibao_standard', '.5', 'setting-number'],
    ['dibao_standard', 'Infinity', 'setting-number'],
    ['dibao_standard', '', 'setting-number'],
    ['dibao_standard', 'abc', 'setting-number'],
    ['cpi_yoy', '1/0', 'setting-number'],
    ['dibao_standard', '1600.005', 'setting-not-fen'],
    ['dibao_standard', '12345678901234.56', 'setting-too-large'],
    ['cpi_yoy', '0.0000001', 'setting-too-large'],
    ['grace_months', '6.5', 'setting-not-whole'],
    ['grace_months', '1/3', 'setting-not-whole'],
  ] as const)('%s=%s → %s', (name, text, code) => {
    expect(one(name, text)).toEqual([code]);
  });

  it('says what was expected, and a large amount with two decimals is "too large", not "more than two decimals" (issue 12 item 9)', () => {
    const unit = resolveSettings(ir, { cpi_yoy: '3.6 months' }).problems[0]!;
    expect(unit.message).toBe('cpi_yoy is a rate, so a number of months does not fit: expected a percentage such as 3.5% or -0.5%, or a fraction of one such as 0.035 or 7/200');
    const money = resolveSettings(ir, { dibao_standard: '160000%' }).problems[0]!;
    expect(money.message).toContain('dibao_standard is money (yuan a month), so a percentage does not fit: expected an amount in yuan');
    const large = resolveSettings(ir, { dibao_standard: '12345678901234.56' }).problems[0]!;
    expect(large.message).not.toContain('decimals');
    expect(large.message).toContain('at most ¥10,000,000,000');
    const hex = resolveSettings(ir, { dibao_standard: '0x10' }).problems[0]!;
    expect(hex.message).toContain('hexadecimal');
  });
});

describe('echoes', () => {
  it('make bidirectional controls, zero-width characters and control characters visible (issue 12 item 9)', () => {
    const r = resolveSettings(ir, [{ name: 'dibao\u202e_standard', value: '16\u200b00' }, { name: 'dibao_standard', value: '1\u000700' }]);
    expect(r.problems.map((p) => p.where)).toEqual(['--set dibao\\u{202e}_standard=16\\u{200b}00', '--set dibao_standard=1\\u{0007}00']);
    expect(r.problems[0]!.message).toContain('dibao\\u{202e}_standard');
    expect(r.problems[1]!.message).toContain('"1\\u{0007}00"');
    for (const p of r.problems) expect(`${p.where} ${p.message}`).not.toMatch(/[\u0007\u200b\u202e]/);
  });
});

describe('lists', () => {
  it('split on commas, or on semicolons when the items have thousands separators', () => {
    expect(splitList('2.8%,3.2%,-0.5%')).toEqual({ ok: true, value: ['2.8%', '3.2%', '-0.5%'] });
    expect(splitList('1500,1600')).toEqual({ ok: true, value: ['1500', '1600'] });
    expect(splitList('1.5, 600')).toEqual({ ok: true, value: ['1.5', '600'] });
    expect(splitList('1,600;1,700')).toEqual({ ok: true, value: ['1,600', '1,700'] });
    expect(splitList('2.8％，3.2％')).toEqual({ ok: true, value: ['2.8%', '3.2%'] });
  });

  it('refuse a comma that could be a thousands separator, and empty items', () => {
    expect(splitList('1,600')).toMatchObject({ ok: false, why: expect.stringContaining('could be a thousands separator') });
    expect(splitList('1500,1,600')).toMatchObject({ ok: false });
    expect(splitList('2%,,3%')).toMatchObject({ ok: false, why: 'an item of the list is empty' });
  });

  it('quantities say which unit they carry', () => {
    expect(parseQuantity('3.5%')).toMatchObject({ ok: true, value: { unit: 'percent' } });
    expect(parseQuantity('¥3.5')).toMatchObject({ ok: true, value: { unit: 'yuan' } });
    expect(parseQuantity('3.5 months')).toMatchObject({ ok: true, value: { unit: 'months' } });
    expect(parseQuantity('3.5')).toMatchObject({ ok: true, value: { unit: 'none' } });
    expect(parseQuantity('¥3%')).toMatchObject({ ok: false });
  });
});
