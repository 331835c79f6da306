/** CSV exports: UTF-8 with a byte-order mark, CRLF, quoting only where needed. */
import { describe, expect, it } from 'vitest';
import { BOM, csvBytes, csvCell, toCsv } from '../../studio/app/lib/csv.ts';

describe('csv', () => {
  it('starts with a BOM and ends rows with CRLF', () => {
    const text = toCsv(['programme', '年度支出'], [
      ['dibao', 6_666_000_000],
      ['特困', 1.5],
    ]);
    expect(text.startsWith(BOM)).toBe(true);
    expect(text).toBe('\uFEFFprogramme,年度支出\r\ndibao,6666000000\r\n特困,1.5\r\n');
  });

  it('writes the BOM as EF BB BF and Chinese as UTF-8', () => {
    const bytes = csvBytes(toCsv(['低保'], []));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe('低保\r\n');
  });

  it('quotes commas, quotes, line breaks and edge spaces', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('leaves missing values empty', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(NaN)).toBe('');
    expect(csvCell(false)).toBe('false');
    expect(toCsv(['a', 'b', 'c'], [[1, null, 3]])).toBe('\uFEFFa,b,c\r\n1,,3\r\n');
  });
});
