/**
 * The ids of a population read from files (simulator/population/ids.ts): ids that come in
 * increasing order need no hash table, and the first id out of order builds one from those before,
 * so an id given twice is found wherever it is — before or after that point, ASCII or not, given as
 * text or as bytes.
 */
import { describe, it, expect } from 'vitest';
import { PackedIds, StringIds } from '../../simulator/index.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

function addAll(ids: PackedIds, list: readonly string[], asBytes: boolean): number[] {
  return list.map((s) => {
    const b = bytes(s);
    return asBytes && b.length === s.length ? ids.addAscii(b, 0, b.length) : ids.add(s);
  });
}

describe('PackedIds', () => {
  for (const asBytes of [false, true]) {
    const how = asBytes ? 'as bytes' : 'as text';
    it(`finds an id given twice while ids are in order, and after they stop being in order (${how})`, () => {
      const ids = new PackedIds(true, 4);
      // In order, then out of order (P10 < P2 as bytes), then a repeat of an id from the ordered part.
      const r = addAll(ids, ['P1', 'P2', 'P3', 'P10', 'P2', 'P4', 'P10', 'P5'], asBytes);
      expect(r).toEqual([-1, -1, -1, -1, 1, -1, 3, -1]);
      expect(ids.length).toBe(6);
      expect([0, 1, 2, 3, 4, 5].map((i) => ids.at(i))).toEqual(['P1', 'P2', 'P3', 'P10', 'P4', 'P5']);
    });

    it(`an id repeated right after itself is not in order, so it is found (${how})`, () => {
      const ids = new PackedIds(true);
      expect(addAll(ids, ['A', 'B', 'B'], asBytes)).toEqual([-1, -1, 1]);
      expect(addAll(ids, ['AB', 'A'], asBytes)).toEqual([-1, 0]);
    });
  }

  it('non-ASCII ids from the ordered part are found once the table is built', () => {
    const ids = new PackedIds(true);
    expect(ids.add('户1')).toBe(-1);
    expect(ids.add('户2')).toBe(-1);
    expect(ids.add('A')).toBe(-1); // out of order: the table is built from 户1 and 户2
    expect(ids.add('户1')).toBe(0);
    expect(ids.add('户2')).toBe(1);
    expect(ids.at(1)).toBe('户2');
  });

  it('a prefix comes before the longer id', () => {
    const ids = new PackedIds(true);
    expect(addAll(ids, ['H1', 'H1-1', 'H1-2', 'H1'], true)).toEqual([-1, -1, -1, 0]);
  });

  it('without indexing, every id is kept as given', () => {
    const ids = new PackedIds(false);
    expect(addAll(ids, ['B', 'A', 'A'], true)).toEqual([-1, -1, -1]);
    expect(ids.length).toBe(3);
  });
});

describe('StringIds', () => {
  it('finds ids by text and by bytes whether or not they came in order', () => {
    const ids = new StringIds(2);
    expect(['H1', 'H2', 'H3'].map((s) => ids.add(s))).toEqual([-1, -1, -1]);
    const b = bytes('xH2');
    expect(ids.indexOfAscii(b, 1, 2)).toBe(1);
    expect(ids.isAsciiAt(2, bytes('H3'), 0, 2)).toBe(true);
    expect(ids.isAsciiAt(3, bytes('H3'), 0, 2)).toBe(false);
    expect(ids.add('H0')).toBe(-1); // out of order
    expect(ids.add('H2')).toBe(1);
    expect(ids.add('H0')).toBe(3);
    expect(ids.indexOf('H3')).toBe(2);
    expect(ids.indexOf('H9')).toBe(-1);
    expect(ids.list).toEqual(['H1', 'H2', 'H3', 'H0']);
  });

  it('a lookup before any id is out of order builds the table, and later ids are still checked', () => {
    const ids = new StringIds();
    ids.add('a');
    ids.add('b');
    expect(ids.indexOf('a')).toBe(0);
    expect(ids.add('c')).toBe(-1);
    expect(ids.add('b')).toBe(1);
    expect(ids.indexOf('c')).toBe(2);
  });
});
