/**
 * Field values from files straight to the codes the columns hold (money in fen, enums as their
 * index, bools 0/1), without making a normalised record first.
 *
 * Each decoder has a fast path for the common spellings and falls back to the schema's own
 * `readFieldValue` for everything else, so a file means exactly what the schema says and every
 * problem keeps the schema's message: the fast paths accept only values that `readFieldValue`
 * accepts with the same result.
 */
import { enumSpec, encodeValue, readFieldValue, I32_MAX, type Column, type FieldSpec } from '../../language/index.ts';
import { asciiText } from './ids.ts';

/** A value to its column code; NaN when the value is not acceptable (`problemOf` says why). */
export type Decoder = (raw: unknown) => number;

/** The schema's message for a value a decoder refused. */
export function problemOf(f: FieldSpec, raw: unknown): string {
  return readFieldValue(f, raw).error ?? `cannot be stored`;
}

/** The schema's reading of a value, as a column code (NaN when refused). */
function slow(f: FieldSpec, raw: unknown): number {
  const r = readFieldValue(f, raw);
  return r.error !== undefined ? NaN : encodeValue(f, r.value);
}

const digit = (c: number) => c >= 48 && c <= 57;

/** Whole yuan up to 12 digits and at most two decimals, as fen; NaN for any other spelling. */
export function plainFen(s: string): number {
  const n = s.length;
  if (n === 0 || n > 15) return NaN;
  let whole = 0;
  let i = 0;
  for (; i < n && digit(s.charCodeAt(i)); i++) whole = whole * 10 + (s.charCodeAt(i) - 48);
  if (i === 0 || i > 12) return NaN;
  if (i === n) return whole * 100;
  if (s.charCodeAt(i) !== 46 || n - i - 1 < 1 || n - i - 1 > 2) return NaN;
  const a = s.charCodeAt(i + 1);
  if (!digit(a)) return NaN;
  if (n - i - 1 === 1) return whole * 100 + (a - 48) * 10;
  const b = s.charCodeAt(i + 2);
  return digit(b) ? whole * 100 + (a - 48) * 10 + (b - 48) : NaN;
}

/** A JSON number with at most two decimals in its shortest form, as fen; NaN otherwise (then the slow path decides). */
function numberFen(x: number): number {
  // Below 10⁹ yuan doubles are far closer together than a fen, so x is the double nearest to
  // fen/100 exactly when its shortest decimal form has at most two decimals.
  if (!(x >= 0 && x < 1e9)) return NaN;
  const fen = Math.round(x * 100);
  return fen / 100 === x ? fen : NaN;
}

function moneyDecoder(f: FieldSpec): Decoder {
  const limit = f.column === 'i32' ? I32_MAX : Number.MAX_SAFE_INTEGER;
  return (raw) => {
    const fen = typeof raw === 'string' ? plainFen(raw) : typeof raw === 'number' ? numberFen(raw) : NaN;
    return fen <= limit ? fen : slow(f, raw);
  };
}

function integerDecoder(f: FieldSpec): Decoder {
  const min = f.min ?? -Infinity;
  const max = f.max ?? Infinity;
  return (raw) => {
    let n = NaN;
    if (typeof raw === 'number') n = Number.isInteger(raw) ? raw : NaN;
    else if (typeof raw === 'string' && raw.length > 0 && raw.length <= 9) {
      n = 0;
      for (let i = 0; i < raw.length; i++) {
        const c = raw.charCodeAt(i);
        if (!digit(c)) {
          n = NaN;
          break;
        }
        n = n * 10 + (c - 48);
      }
    }
    return n >= min && n <= max ? n : slow(f, raw);
  };
}

function enumDecoder(f: FieldSpec, name: string): Decoder {
  const codes = new Map<unknown, number>();
  enumSpec(name)!.values.forEach((v, i) => {
    codes.set(v.id, i);
    codes.set(v.zh, i);
  });
  return (raw) => codes.get(raw) ?? slow(f, raw);
}

function boolDecoder(f: FieldSpec): Decoder {
  return (raw) => (raw === true || raw === 'true' ? 1 : raw === false || raw === 'false' ? 0 : slow(f, raw));
}

function regionDecoder(f: FieldSpec): Decoder {
  return (raw) => {
    if (typeof raw === 'string' && raw.length === 6) {
      let n = 0;
      for (let i = 0; i < 6; i++) {
        const c = raw.charCodeAt(i);
        if (!digit(c)) return slow(f, raw);
        n = n * 10 + (c - 48);
      }
      return n;
    }
    return slow(f, raw);
  };
}

const decoders = new Map<FieldSpec, Decoder>();

/** The decoder of a stored field (one per field, made once). */
export function decoderFor(f: FieldSpec): Decoder {
  let d = decoders.get(f);
  if (d) return d;
  const t = f.type!;
  switch (t.k) {
    case 'money':
      d = moneyDecoder(f);
      break;
    case 'integer':
    case 'months':
      d = integerDecoder(f);
      break;
    case 'enum':
      d = enumDecoder(f, t.name);
      break;
    case 'bool':
      d = boolDecoder(f);
      break;
    case 'region':
      d = regionDecoder(f);
      break;
    default:
      d = (raw) => slow(f, raw);
  }
  decoders.set(f, d);
  return d;
}

/** An id field's text (household_id, person_id), or undefined when the schema refuses the value. */
export function idText(f: FieldSpec, raw: unknown): string | undefined {
  if (typeof raw === 'string' && raw.length > 0) return raw;
  const r = readFieldValue(f, raw);
  return r.error === undefined ? String(r.value) : undefined;
}

/**
 * A field's code straight from UTF-8 bytes (a CSV cell as DuckDB holds it), for the plain spellings
 * only; NaN for anything else, which then goes through `decoderFor` as text. Accepts exactly what
 * the text fast paths above accept, with the same codes.
 */
export type ByteDecoder = (bytes: Uint8Array, start: number, length: number) => number;

const byteDecoders = new Map<FieldSpec, ByteDecoder>();

function bytesFen(b: Uint8Array, s: number, n: number): number {
  if (n === 0 || n > 15) return NaN;
  let whole = 0;
  let i = 0;
  for (; i < n && b[s + i]! >= 48 && b[s + i]! <= 57; i++) whole = whole * 10 + (b[s + i]! - 48);
  if (i === 0 || i > 12) return NaN;
  if (i === n) return whole * 100;
  const decimals = n - i - 1;
  if (b[s + i] !== 46 || decimals < 1 || decimals > 2) return NaN;
  const a = b[s + i + 1]!;
  if (!digit(a)) return NaN;
  if (decimals === 1) return whole * 100 + (a - 48) * 10;
  const c = b[s + i + 2]!;
  return digit(c) ? whole * 100 + (a - 48) * 10 + (c - 48) : NaN;
}

function bytesInteger(b: Uint8Array, s: number, n: number): number {
  if (n === 0 || n > 9) return NaN;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = b[s + i]!;
    if (!digit(c)) return NaN;
    v = v * 10 + (c - 48);
  }
  return v;
}

/**
 * A whole column of a chunk at once: `data` holds `n` 16-byte string structs (DuckDB's VARCHAR
 * vector: length in the first 4 bytes, text of up to 12 bytes inline from byte 4), `validity` its
 * NULL bits (null: none is NULL). Writes each code at `column[start + i]` and returns how many cells
 * it could not decode, their indices in `failed`; those go through `decoderFor` as text. Accepts
 * exactly what the field's ByteDecoder accepts, with the same codes: one tight loop per column
 * instead of a call per cell through a closure, which costs most of the time of reading a file.
 */
export type ColumnDecoder = (data: Uint8Array, validity: Uint8Array | null, n: number, column: Column, start: number, failed: Int32Array) => number;

const columnDecoders = new Map<FieldSpec, ColumnDecoder>();

const cellLength = (d: Uint8Array, o: number): number => (d[o]! | (d[o + 1]! << 8) | (d[o + 2]! << 16) | (d[o + 3]! << 24)) >>> 0;
const isValid = (validity: Uint8Array | null, i: number): boolean => validity === null || (validity[i >> 3]! & (1 << (i & 7))) !== 0;

/** The column decoder of a stored field (one per field, made once). */
export function columnDecoderFor(f: FieldSpec): ColumnDecoder {
  let d = columnDecoders.get(f);
  if (d) return d;
  const t = f.type!;
  if (t.k === 'money') {
    const limit = f.column === 'i32' ? I32_MAX : Number.MAX_SAFE_INTEGER;
    d = (data, validity, n, column, start, failed) => {
      let bad = 0;
      for (let i = 0; i < n; i++) {
        const o = i * 16;
        const len = isValid(validity, i) ? cellLength(data, o) : 99;
        const fen = len <= 12 ? bytesFen(data, o + 4, len) : NaN;
        if (fen <= limit) column[start + i] = fen;
        else failed[bad++] = i;
      }
      return bad;
    };
  } else if (t.k === 'integer' || t.k === 'months') {
    const min = f.min ?? -Infinity;
    const max = f.max ?? Infinity;
    d = (data, validity, n, column, start, failed) => {
      let bad = 0;
      for (let i = 0; i < n; i++) {
        const o = i * 16;
        const len = isValid(validity, i) ? cellLength(data, o) : 99;
        const v = len <= 12 ? bytesInteger(data, o + 4, len) : NaN;
        if (v >= min && v <= max) column[start + i] = v;
        else failed[bad++] = i;
      }
      return bad;
    };
  } else {
    const one = byteDecoderFor(f);
    d = (data, validity, n, column, start, failed) => {
      let bad = 0;
      for (let i = 0; i < n; i++) {
        const o = i * 16;
        const len = isValid(validity, i) ? cellLength(data, o) : 99;
        const code = len <= 12 ? one(data, o + 4, len) : NaN;
        if (code === code) column[start + i] = code;
        else failed[bad++] = i;
      }
      return bad;
    };
  }
  columnDecoders.set(f, d);
  return d;
}

/** The byte decoder of a stored field (one per field, made once). */
export function byteDecoderFor(f: FieldSpec): ByteDecoder {
  let d = byteDecoders.get(f);
  if (d) return d;
  const t = f.type!;
  switch (t.k) {
    case 'money': {
      const limit = f.column === 'i32' ? I32_MAX : Number.MAX_SAFE_INTEGER;
      d = (b, s, n) => {
        const fen = bytesFen(b, s, n);
        return fen <= limit ? fen : NaN;
      };
      break;
    }
    case 'integer':
    case 'months': {
      const min = f.min ?? -Infinity;
      const max = f.max ?? Infinity;
      d = (b, s, n) => {
        const v = bytesInteger(b, s, n);
        return v >= min && v <= max ? v : NaN;
      };
      break;
    }
    case 'region':
      d = (b, s, n) => (n === 6 ? bytesInteger(b, s, n) : NaN);
      break;
    case 'bool':
      // "true" / "false"
      d = (b, s, n) =>
        n === 4 && b[s] === 116 && b[s + 1] === 114 && b[s + 2] === 117 && b[s + 3] === 101 ? 1 : n === 5 && b[s] === 102 && b[s + 1] === 97 && b[s + 2] === 108 && b[s + 3] === 115 && b[s + 4] === 101 ? 0 : NaN;
      break;
    case 'enum': {
      const names = enumSpec(t.name)!.values.flatMap((v, i) => [v.id, v.zh].map((x) => ({ bytes: new TextEncoder().encode(x), code: i })));
      d = (b, s, n) => {
        for (const x of names) {
          if (x.bytes.length !== n) continue;
          let same = true;
          for (let k = 0; k < n && same; k++) same = b[s + k] === x.bytes[k];
          if (same) return x.code;
        }
        return NaN;
      };
      break;
    }
    case 'number':
      // The weight: a plain decimal up to 10⁹ of at most 17 digits; Number() rounds it as the schema does.
      d = (b, s, n) => {
        let dot = -1;
        for (let i = 0; i < n; i++) {
          const c = b[s + i]!;
          if (c === 46 && dot < 0 && i > 0 && i < n - 1) dot = i;
          else if (!digit(c)) return NaN;
        }
        const x = Number(asciiText(b, s, n));
        return x <= (f.max ?? Infinity) && n <= 17 ? x : NaN;
      };
      break;
    default:
      d = () => NaN;
  }
  byteDecoders.set(f, d);
  return d;
}
