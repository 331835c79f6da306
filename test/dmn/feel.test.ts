/** FEEL unary tests and literals as the importer reads them, and the Doudi cells they become. */
import { describe, it, expect } from 'vitest';
import { parseUnaryTests, parseLiteral } from '../../language/dmn/index.ts';
import { cellsOf, normalize, complement, type Column } from '../../language/dmn/cells.ts';
import { rational as Q } from '../../language/index.ts';

const NUM: Column = { k: 'number' };
const TEXT: Column = { k: 'enum', values: ['High', 'Low', 'Medium'].map((t) => ({ text: t, id: t })) };
const OPEN: Column = { ...TEXT, other: 'other' } as Column;

/** The cells of an entry, as one string per alternative ("-" for any, "never" for none). */
function cells(text: string, col: Column = NUM): string[] | string {
  const t = parseUnaryTests(text);
  if ('error' in t) return `error: ${t.error}`;
  const c = cellsOf(t, col);
  if ('error' in c) return `error: ${c.error}`;
  return c.k === 'any' ? ['-'] : c.k === 'never' ? ['never'] : [...c.alts];
}

describe('FEEL unary tests as cells', () => {
  it('reads -, literals, lists and comparisons', () => {
    expect(cells('-')).toEqual(['-']);
    expect(cells('')).toEqual(['-']);
    expect(cells('18')).toEqual(['18']);
    expect(cells('>=18')).toEqual(['>= 18']);
    expect(cells('< 18')).toEqual(['< 18']);
    expect(cells('1, 2, 3')).toEqual(['1, 2, 3']);
    expect(cells('"Medium","Low"', TEXT)).toEqual(['Low, Medium']);
    expect(cells('true', { k: 'bool' })).toEqual(['true']);
  });

  it('reads closed and open ranges in every notation', () => {
    expect(cells('[1..5]')).toEqual(['1..5']);
    expect(cells('[1..5)')).toEqual(['1..<5']);
    expect(cells('[1..5[')).toEqual(['1..<5']);
    expect(cells('(1..5]')).toEqual(['1<..5']);
    expect(cells(']1..5]')).toEqual(['1<..5']);
    expect(cells('(1..5)')).toEqual(['1<..<5']);
    expect(cells(']1..5[')).toEqual(['1<..<5']);
    expect(cells('[-2.5..-1]')).toEqual(['-2.5..-1']);
  });

  it('keeps decimals exact (never through binary floats)', () => {
    expect(cells('[0.1..0.3]')).toEqual(['0.1..0.3']);
    expect(cells('> 98.83')).toEqual(['> 98.83']);
    expect(cells('0.1, 0.2')).toEqual(['0.1, 0.2']);
    const lit = parseLiteral('123456789012.345678');
    expect('value' in lit && typeof lit.value === 'object' && Q.toText(lit.value as Q.Rational)).toBe('61728394506172839/500000');
  });

  it('turns not(…) and lists of tests into the fewest cells, splitting only what one cell cannot hold', () => {
    expect(cells('not(5)')).toEqual(['!= 5']);
    expect(cells('!= 5')).toEqual(['!= 5']);
    expect(cells('not(<18)')).toEqual(['>= 18']);
    expect(cells('not([1..5])')).toEqual(['< 1', '> 5']);
    expect(cells('<10, >20')).toEqual(['< 10', '> 20']);
    expect(cells('not(1, 2)')).toEqual(['< 1', '1<..<2', '> 2']);
    expect(cells('[1..3], [3..5]')).toEqual(['1..5']);
    expect(cells('[1..3), (3..5]')).toEqual(['1..<3', '3<..5']);
    expect(cells('<= 5, >= 5')).toEqual(['-']);
    expect(cells('not(-5..5)')).toMatch(/^error/);
    expect(cells('not("High")', TEXT)).toEqual(['Low, Medium']);
    expect(cells('not("High")', OPEN)).toEqual(['Low, Medium, other']);
    expect(cells('not("High", "Low", "Medium")', TEXT)).toEqual(['never']);
    expect(cells('not(true)', { k: 'bool' })).toEqual(['false']);
  });

  it('reads dates', () => {
    const DATE: Column = { k: 'date' };
    expect(cells('>= date("2024-07-01")', DATE)).toEqual(['>= 2024-07-01']);
    expect(cells('[@"2024-01-01"..@"2024-12-31")', DATE)).toEqual(['2024-01-01..<2024-12-31']);
    expect(cells('date("2024-02-30")', DATE)).toMatch(/^error: .*not a calendar date/);
  });

  it('names what it cannot translate', () => {
    expect(cells('> Age2')).toMatch(/^error: the name Age2/);
    expect(cells('< 10 + 5')).toMatch(/^error/);
    expect(cells('string length(x)')).toMatch(/^error/);
    expect(cells('null')).toMatch(/^error: null/);
    expect(cells('"High"')).toMatch(/^error: "High" in a column of numbers/);
    expect(cells('< "M"', TEXT)).toMatch(/^error: < over text/);
    expect(cells('"unterminated')).toMatch(/^error: a string without its closing quote/);
  });
});

describe('interval unions', () => {
  const iv = (lo: number | undefined, hi: number | undefined, loOpen = false, hiOpen = false) => ({
    ...(lo !== undefined ? { lo: { v: Q.rat(lo), open: loOpen } } : {}),
    ...(hi !== undefined ? { hi: { v: Q.rat(hi), open: hiOpen } } : {}),
  });
  it('merge what touches, keep apart what leaves a point out, and complement exactly', () => {
    expect(normalize([iv(3, 4), iv(1, 2, false, true), iv(2, 3)])).toEqual([iv(1, 4)]);
    expect(normalize([iv(1, 2, false, true), iv(2, 3, true)])).toHaveLength(2);
    expect(complement([iv(1, 2)])).toEqual([iv(undefined, 1, false, true), iv(2, undefined, true)]);
    expect(complement([])).toEqual([{}]);
    expect(complement([{}])).toEqual([]);
    expect(normalize([iv(2, 1)])).toEqual([]);
  });
});
