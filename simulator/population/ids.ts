/**
 * The ids of a population read from files, held compactly and indexed without a JS Map (a Map holds
 * at most 2²⁴ ≈ 16.7 million entries; a population may have 20 million households and 50 million
 * persons).
 *
 * Household ids stay JS strings (the simulator keys its draws by them); person ids, needed only to
 * write the population back out, are packed as UTF-8 bytes in one growing buffer: an id costs its
 * length plus 8 bytes, outside the JS heap, instead of a ≈ 40-byte heap string.
 */

/** A list of ids by position; `readonly string[]` is one. */
export interface IdList {
  readonly length: number;
  at(i: number): string | undefined;
}

/** The longest id accepted, in UTF-8 bytes. */
export const MAX_ID_BYTES = 256;

const EMPTY = -1;

/** FNV-1a over UTF-16 code units: the same hash for a string wherever it is held. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** FNV-1a over bytes: for ASCII the same as hashString of the same text. */
function hashBytes(b: Uint8Array, start: number, length: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < start + length; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h >>> 0;
}

/** Whether bytes start … start+length are ASCII. */
export function isAscii(b: Uint8Array, start: number, length: number): boolean {
  for (let i = start; i < start + length; i++) if (b[i]! > 0x7f) return false;
  return true;
}

const codes: number[] = [];

/** ASCII bytes as a string (through one reused array: no view or buffer per call). */
export function asciiText(b: Uint8Array, start: number, length: number): string {
  if (length > 64) return new TextDecoder().decode(b.subarray(start, start + length));
  codes.length = length;
  for (let k = 0; k < length; k++) codes[k] = b[start + k]!;
  return String.fromCharCode.apply(null, codes);
}

/**
 * An open-addressing table of positions with the hash of each position kept, so growing never needs
 * the keys again. Callers probe it in their own loops (no closure per lookup).
 */
class PositionTable {
  slots: Int32Array;
  mask: number;
  /** hash of each position added */
  hashes: Uint32Array;
  private used = 0;

  /** `expected`: how many keys are likely, so the table need not grow (and rehash) on the way. */
  constructor(expected = 512) {
    let size = 1 << 10;
    while (size < expected * 2 && size < 1 << 30) size *= 2;
    this.slots = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
    this.hashes = new Uint32Array(Math.max(1 << 10, Math.min(expected, 1 << 28)));
  }

  /** Records `position` (with its hash) in the free slot the caller's probe ended on. */
  put(slot: number, position: number, hash: number): void {
    if (position >= this.hashes.length) {
      const grown = new Uint32Array(Math.max(position + 1, this.hashes.length * 2));
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[position] = hash;
    this.slots[slot] = position;
    if (++this.used * 2 > this.slots.length) this.grow();
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(EMPTY);
    this.mask = this.slots.length - 1;
    for (const at of old) {
      if (at === EMPTY) continue;
      let s = this.hashes[at]! & this.mask;
      while (this.slots[s] !== EMPTY) s = (s + 1) & this.mask;
      this.slots[s] = at;
    }
  }
}

/**
 * Household ids: strings in reading order, each found again in constant time. Files are usually
 * written in id order, so while the ids come in increasing order (which proves them distinct) no
 * hash table is kept; it is built from the list at the first id out of order or the first lookup
 * that `at` cannot answer.
 */
export class StringIds {
  readonly list: string[] = [];
  private table: PositionTable | undefined;
  /** the list's ids are in strictly increasing order (and not in the table) */
  private ordered = true;

  constructor(private readonly expected?: number) {}

  /** the slot the last failed lookup ended on */
  private free = 0;

  /** Adds the id; returns -1, or the position of the same id added before (then it is not added). */
  add(id: string): number {
    const n = this.list.length;
    if (this.ordered && (n === 0 || id > this.list[n - 1]!)) {
      this.list.push(id);
      return -1;
    }
    const t = this.indexed();
    const hash = hashString(id);
    const found = this.find(id, hash);
    if (found >= 0) return found;
    this.list.push(id);
    t.put(this.free, this.list.length - 1, hash);
    return -1;
  }

  /** The hash table of every id in the list (built once, when first needed). */
  private indexed(): PositionTable {
    if (this.table) return this.table;
    const t = new PositionTable(Math.max(this.expected ?? 0, this.list.length));
    this.table = t;
    this.ordered = false;
    for (let at = 0; at < this.list.length; at++) {
      const hash = hashString(this.list[at]!);
      let s = hash & t.mask;
      while (t.slots[s] !== EMPTY) s = (s + 1) & t.mask;
      t.put(s, at, hash);
    }
    return t;
  }

  /** The position of the id, or -1. */
  indexOf(id: string): number {
    this.indexed();
    return this.find(id, hashString(id));
  }

  private find(id: string, hash: number): number {
    const t = this.table!;
    for (let s = hash & t.mask; ; s = (s + 1) & t.mask) {
      const at = t.slots[s]!;
      if (at === EMPTY) {
        this.free = s;
        return -1;
      }
      if (t.hashes[at] === hash && this.list[at] === id) return at;
    }
  }

  /** Whether the id at position `at` is the ASCII text given as bytes. */
  isAsciiAt(at: number, b: Uint8Array, start: number, length: number): boolean {
    const id = this.list[at];
    if (id === undefined || id.length !== length) return false;
    let k = 0;
    while (k < length && id.charCodeAt(k) === b[start + k]) k++;
    return k === length;
  }

  /** The position of the id given as ASCII bytes, or -1 (no string is made). */
  indexOfAscii(b: Uint8Array, start: number, length: number): number {
    const hash = hashBytes(b, start, length);
    const t = this.indexed();
    for (let s = hash & t.mask; ; s = (s + 1) & t.mask) {
      const at = t.slots[s]!;
      if (at === EMPTY) return -1;
      if (t.hashes[at] === hash && this.isAsciiAt(at, b, start, length)) return at;
    }
  }
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Ids packed as UTF-8 bytes: `ends[i]` is where id i ends in `bytes` (it starts where id i-1 ends). */
export class PackedIds implements IdList {
  private bytes = new Uint8Array(1 << 16);
  private ends = new Float64Array(1 << 10);
  private used = 0;
  private count = 0;
  private table: PositionTable | undefined;
  /**
   * Indexed, while every id came in strictly increasing byte order: they are distinct, so no hash
   * table is needed yet. The first id out of order builds it from the ids so far.
   */
  private ordered: boolean;

  /** `indexed`: report an id given twice (through a hash table, once ids come out of order); `expected`: ids likely. */
  constructor(
    indexed = true,
    private readonly expected?: number,
  ) {
    this.ordered = indexed;
  }

  get length(): number {
    return this.count;
  }

  /** Bytes held (ids and their ends), for memory reports. */
  get byteLength(): number {
    return this.used + this.count * 8;
  }

  /**
   * Appends the id; returns -1, or (when indexed) the position of the same id added before, in which
   * case it is not added again.
   */
  add(id: string): number {
    const start = this.used;
    this.write(id);
    if (this.ordered && this.greaterThanLast(start)) {
      this.push();
      return -1;
    }
    return this.commit(start, hashString(id));
  }

  /** `add` for an id given as ASCII bytes (no string is made). */
  addAscii(b: Uint8Array, start: number, length: number): number {
    const at = this.used;
    if (at + length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, at + length));
      grown.set(this.bytes.subarray(0, at));
      this.bytes = grown;
    }
    const bytes = this.bytes;
    for (let k = 0; k < length; k++) bytes[at + k] = b[start + k]!;
    this.used += length;
    if (this.ordered && this.greaterThanLast(at)) {
      this.push();
      return -1;
    }
    return this.commit(at, hashBytes(b, start, length));
  }

  /** Keeps the bytes just written as a new id, unless (indexed) the same id is there already. */
  private commit(start: number, hash: number): number {
    if (this.ordered) this.index();
    const t = this.table;
    if (!t) {
      this.push();
      return -1;
    }
    let s = hash & t.mask;
    for (; ; s = (s + 1) & t.mask) {
      const at = t.slots[s]!;
      if (at === EMPTY) break;
      if (t.hashes[at] === hash && this.equalsLast(at, start)) {
        this.used = start;
        return at;
      }
    }
    this.push();
    t.put(s, this.count - 1, hash);
    return -1;
  }

  at(i: number): string | undefined {
    if (!(i >= 0 && i < this.count)) return undefined;
    const start = i === 0 ? 0 : this.ends[i - 1]!;
    const end = this.ends[i]!;
    let ascii = true;
    for (let k = start; k < end; k++) if (this.bytes[k]! > 0x7f) ascii = false;
    if (ascii && end - start <= 64) return String.fromCharCode.apply(null, this.bytes.subarray(start, end) as unknown as number[]);
    return decoder.decode(this.bytes.subarray(start, end));
  }

  /** The same ids in another order: id `order[k]` at position k. */
  reordered(order: Int32Array): PackedIds {
    const out = new PackedIds(false);
    out.bytes = new Uint8Array(Math.max(16, this.used));
    out.ends = new Float64Array(Math.max(1, order.length));
    let at = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      const start = i === 0 ? 0 : this.ends[i - 1]!;
      const end = this.ends[i]!;
      out.bytes.set(this.bytes.subarray(start, end), at);
      at += end - start;
      out.ends[k] = at;
    }
    out.used = at;
    out.count = order.length;
    return out;
  }

  /** Drops the hash table once every id is in (it is only needed while reading). */
  seal(): this {
    this.table = undefined;
    this.ordered = false;
    return this;
  }

  /** Whether the bytes just written at `start` … `used` come after the last id, byte by byte (or there is none). */
  private greaterThanLast(start: number): boolean {
    if (this.count === 0) return true;
    const a = this.count === 1 ? 0 : this.ends[this.count - 2]!;
    const b = this.ends[this.count - 1]!;
    const bytes = this.bytes;
    const n = Math.min(b - a, this.used - start);
    for (let k = 0; k < n; k++) {
      const x = bytes[a + k]!;
      const y = bytes[start + k]!;
      if (x !== y) return y > x;
    }
    return this.used - start > b - a;
  }

  /** Builds the hash table of the ids so far (the first id out of order). */
  private index(): void {
    this.ordered = false;
    const t = new PositionTable(Math.max(this.expected ?? 0, this.count));
    for (let i = 0; i < this.count; i++) {
      // The hash `add` or `addAscii` would have given it: of the UTF-16 text, the same as of the bytes for ASCII.
      const a = i === 0 ? 0 : this.ends[i - 1]!;
      const b = this.ends[i]!;
      const hash = isAscii(this.bytes, a, b - a) ? hashBytes(this.bytes, a, b - a) : hashString(decoder.decode(this.bytes.subarray(a, b)));
      let s = hash & t.mask;
      while (t.slots[s] !== EMPTY) s = (s + 1) & t.mask;
      t.put(s, i, hash);
    }
    this.table = t;
  }

  private write(id: string): void {
    // At most 3 bytes per UTF-16 code unit.
    if (this.used + id.length * 3 > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + id.length * 3));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    let ascii = true;
    for (let k = 0; k < id.length; k++) {
      const c = id.charCodeAt(k);
      if (c > 0x7f) {
        ascii = false;
        break;
      }
      this.bytes[this.used + k] = c;
    }
    this.used += ascii ? id.length : encoder.encodeInto(id, this.bytes.subarray(this.used)).written;
  }

  private push(): void {
    if (this.count === this.ends.length) {
      const grown = new Float64Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[this.count++] = this.used;
  }

  /** Whether id i has the bytes just written at `start` … `used`. */
  private equalsLast(i: number, start: number): boolean {
    const a = i === 0 ? 0 : this.ends[i - 1]!;
    const b = this.ends[i]!;
    if (b - a !== this.used - start) return false;
    for (let k = 0; k < b - a; k++) if (this.bytes[a + k] !== this.bytes[start + k]) return false;
    return true;
  }
}
