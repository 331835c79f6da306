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

/** An open-addressing table of positions, keyed by a hash; the caller says whether a position holds the key. */
class PositionTable {
  private slots = new Int32Array(1 << 10).fill(EMPTY);
  private mask = (1 << 10) - 1;
  private used = 0;

  /** The position holding the key, or the free slot to put it in (as -(slot + 1)). */
  find(hash: number, holds: (position: number) => boolean): number {
    for (let s = hash & this.mask; ; s = (s + 1) & this.mask) {
      const at = this.slots[s]!;
      if (at === EMPTY) return -(s + 1);
      if (holds(at)) return at;
    }
  }

  put(free: number, position: number, rehash: (position: number) => number): void {
    this.slots[-free - 1] = position;
    if (++this.used * 2 > this.slots.length) this.grow(rehash);
  }

  private grow(rehash: (position: number) => number): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(EMPTY);
    this.mask = this.slots.length - 1;
    for (const at of old) {
      if (at === EMPTY) continue;
      let s = rehash(at) & this.mask;
      while (this.slots[s] !== EMPTY) s = (s + 1) & this.mask;
      this.slots[s] = at;
    }
  }
}

/** Household ids: strings in reading order, each found again in constant time. */
export class StringIds {
  readonly list: string[] = [];
  private readonly table = new PositionTable();
  private readonly rehash = (i: number) => hashString(this.list[i]!);

  /** Adds the id; returns -1, or the position of the same id added before (then it is not added). */
  add(id: string): number {
    const found = this.table.find(hashString(id), (i) => this.list[i] === id);
    if (found >= 0) return found;
    this.list.push(id);
    this.table.put(found, this.list.length - 1, this.rehash);
    return -1;
  }

  /** The position of the id, or -1. */
  indexOf(id: string): number {
    const found = this.table.find(hashString(id), (i) => this.list[i] === id);
    return found >= 0 ? found : -1;
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
  private readonly rehash = (i: number) => hashString(this.at(i)!);

  /** `indexed`: keep a hash table so that `add` can report an id given twice. */
  constructor(indexed = true) {
    if (indexed) this.table = new PositionTable();
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
    if (this.table) {
      const found = this.table.find(hashString(id), (i) => this.equalsLast(i, start));
      if (found >= 0) {
        this.used = start;
        return found;
      }
      this.push();
      this.table.put(found, this.count - 1, this.rehash);
    } else this.push();
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
    return this;
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
