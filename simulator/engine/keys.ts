/**
 * The key of a household's random draws. Every draw a run makes for a household (take-up, the
 * means test's measurement error, the months run's events) is keyed by the household's id, never by
 * its position in a file, so the same household gets the same draws whatever else the population
 * holds and in whatever order it comes.
 *
 * key = the first four bytes of md5(UTF-8 household_id), read big-endian as an unsigned 32-bit
 * integer. md5 is chosen because every engine Doudi's SQL runs on has it (DuckDB, PostgreSQL and
 * Spark all give `md5(text)` as hex), so a SQL backend computes the same key as
 * `('0x' || substr(md5(household_id), 1, 8))` read as an integer. Not for security.
 */

import { hash3 } from '../population/random.ts';

/** The id a household without one (a synthetic population) is known by: H0000001, H0000002, … */
export const syntheticHouseholdId = (h: number): string => `H${String(h + 1).padStart(7, '0')}`;

/** The draw keys of a population's households, from their ids (or the synthetic ids). */
export function householdKeys(count: number, ids?: readonly string[]): Uint32Array {
  const keys = new Uint32Array(count);
  for (let h = 0; h < count; h++) keys[h] = drawKey(ids ? ids[h]! : syntheticHouseholdId(h));
  return keys;
}

/** The draw key of the j-th member (from 0) of the household with draw key `household`. */
export const personKey = (household: number, j: number): number => hash3(household, j, PERSON_SALT);

/** Salt of personKey (draw salts elsewhere are 101–106 and 201–231). */
const PERSON_SALT = 301;

/** The draw key of one household id. */
export function drawKey(id: string): number {
  return md5First32(utf8(id));
}

function utf8(s: string): Uint8Array {
  // Ids are short and mostly ASCII: a hand loop avoids a TextEncoder per id.
  let ascii = true;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) ascii = false;
  if (!ascii) return new TextEncoder().encode(s);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

let block = new Uint8Array(128);
let view = new DataView(block.buffer);

/** The first 32 bits of md5(bytes), big-endian, as an unsigned integer (RFC 1321, unrolled). */
export function md5First32(bytes: Uint8Array): number {
  const n = bytes.length;
  const size = (((n + 8) >>> 6) + 1) * 64;
  if (size > block.length) {
    block = new Uint8Array(size);
    view = new DataView(block.buffer);
  }
  // The padded message: the bytes, 0x80, zeros, and the length in bits (little-endian) at the end.
  block.set(bytes);
  block[n] = 0x80;
  block.fill(0, n + 1, size);
  view.setUint32(size - 8, (n * 8) >>> 0, true);
  view.setUint32(size - 4, Math.floor((n * 8) / 4294967296), true);
  let a0 = 0x67452301;
  let b0 = 0xefcdab89 | 0;
  let c0 = 0x98badcfe | 0;
  let d0 = 0x10325476;
  for (let at = 0; at < size; at += 64) {
    const w0 = view.getInt32(at + 0, true);
    const w1 = view.getInt32(at + 4, true);
    const w2 = view.getInt32(at + 8, true);
    const w3 = view.getInt32(at + 12, true);
    const w4 = view.getInt32(at + 16, true);
    const w5 = view.getInt32(at + 20, true);
    const w6 = view.getInt32(at + 24, true);
    const w7 = view.getInt32(at + 28, true);
    const w8 = view.getInt32(at + 32, true);
    const w9 = view.getInt32(at + 36, true);
    const w10 = view.getInt32(at + 40, true);
    const w11 = view.getInt32(at + 44, true);
    const w12 = view.getInt32(at + 48, true);
    const w13 = view.getInt32(at + 52, true);
    const w14 = view.getInt32(at + 56, true);
    const w15 = view.getInt32(at + 60, true);
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    let t: number;
    t = (a + ((b & c) | (~b & d)) + 0xd76aa478 + w0) | 0;
    a = (b + ((t << 7) | (t >>> 25))) | 0;
    t = (d + ((a & b) | (~a & c)) + 0xe8c7b756 + w1) | 0;
    d = (a + ((t << 12) | (t >>> 20))) | 0;
    t = (c + ((d & a) | (~d & b)) + 0x242070db + w2) | 0;
    c = (d + ((t << 17) | (t >>> 15))) | 0;
    t = (b + ((c & d) | (~c & a)) + 0xc1bdceee + w3) | 0;
    b = (c + ((t << 22) | (t >>> 10))) | 0;
    t = (a + ((b & c) | (~b & d)) + 0xf57c0faf + w4) | 0;
    a = (b + ((t << 7) | (t >>> 25))) | 0;
    t = (d + ((a & b) | (~a & c)) + 0x4787c62a + w5) | 0;
    d = (a + ((t << 12) | (t >>> 20))) | 0;
    t = (c + ((d & a) | (~d & b)) + 0xa8304613 + w6) | 0;
    c = (d + ((t << 17) | (t >>> 15))) | 0;
    t = (b + ((c & d) | (~c & a)) + 0xfd469501 + w7) | 0;
    b = (c + ((t << 22) | (t >>> 10))) | 0;
    t = (a + ((b & c) | (~b & d)) + 0x698098d8 + w8) | 0;
    a = (b + ((t << 7) | (t >>> 25))) | 0;
    t = (d + ((a & b) | (~a & c)) + 0x8b44f7af + w9) | 0;
    d = (a + ((t << 12) | (t >>> 20))) | 0;
    t = (c + ((d & a) | (~d & b)) + 0xffff5bb1 + w10) | 0;
    c = (d + ((t << 17) | (t >>> 15))) | 0;
    t = (b + ((c & d) | (~c & a)) + 0x895cd7be + w11) | 0;
    b = (c + ((t << 22) | (t >>> 10))) | 0;
    t = (a + ((b & c) | (~b & d)) + 0x6b901122 + w12) | 0;
    a = (b + ((t << 7) | (t >>> 25))) | 0;
    t = (d + ((a & b) | (~a & c)) + 0xfd987193 + w13) | 0;
    d = (a + ((t << 12) | (t >>> 20))) | 0;
    t = (c + ((d & a) | (~d & b)) + 0xa679438e + w14) | 0;
    c = (d + ((t << 17) | (t >>> 15))) | 0;
    t = (b + ((c & d) | (~c & a)) + 0x49b40821 + w15) | 0;
    b = (c + ((t << 22) | (t >>> 10))) | 0;
    t = (a + ((d & b) | (~d & c)) + 0xf61e2562 + w1) | 0;
    a = (b + ((t << 5) | (t >>> 27))) | 0;
    t = (d + ((c & a) | (~c & b)) + 0xc040b340 + w6) | 0;
    d = (a + ((t << 9) | (t >>> 23))) | 0;
    t = (c + ((b & d) | (~b & a)) + 0x265e5a51 + w11) | 0;
    c = (d + ((t << 14) | (t >>> 18))) | 0;
    t = (b + ((a & c) | (~a & d)) + 0xe9b6c7aa + w0) | 0;
    b = (c + ((t << 20) | (t >>> 12))) | 0;
    t = (a + ((d & b) | (~d & c)) + 0xd62f105d + w5) | 0;
    a = (b + ((t << 5) | (t >>> 27))) | 0;
    t = (d + ((c & a) | (~c & b)) + 0x02441453 + w10) | 0;
    d = (a + ((t << 9) | (t >>> 23))) | 0;
    t = (c + ((b & d) | (~b & a)) + 0xd8a1e681 + w15) | 0;
    c = (d + ((t << 14) | (t >>> 18))) | 0;
    t = (b + ((a & c) | (~a & d)) + 0xe7d3fbc8 + w4) | 0;
    b = (c + ((t << 20) | (t >>> 12))) | 0;
    t = (a + ((d & b) | (~d & c)) + 0x21e1cde6 + w9) | 0;
    a = (b + ((t << 5) | (t >>> 27))) | 0;
    t = (d + ((c & a) | (~c & b)) + 0xc33707d6 + w14) | 0;
    d = (a + ((t << 9) | (t >>> 23))) | 0;
    t = (c + ((b & d) | (~b & a)) + 0xf4d50d87 + w3) | 0;
    c = (d + ((t << 14) | (t >>> 18))) | 0;
    t = (b + ((a & c) | (~a & d)) + 0x455a14ed + w8) | 0;
    b = (c + ((t << 20) | (t >>> 12))) | 0;
    t = (a + ((d & b) | (~d & c)) + 0xa9e3e905 + w13) | 0;
    a = (b + ((t << 5) | (t >>> 27))) | 0;
    t = (d + ((c & a) | (~c & b)) + 0xfcefa3f8 + w2) | 0;
    d = (a + ((t << 9) | (t >>> 23))) | 0;
    t = (c + ((b & d) | (~b & a)) + 0x676f02d9 + w7) | 0;
    c = (d + ((t << 14) | (t >>> 18))) | 0;
    t = (b + ((a & c) | (~a & d)) + 0x8d2a4c8a + w12) | 0;
    b = (c + ((t << 20) | (t >>> 12))) | 0;
    t = (a + (b ^ c ^ d) + 0xfffa3942 + w5) | 0;
    a = (b + ((t << 4) | (t >>> 28))) | 0;
    t = (d + (a ^ b ^ c) + 0x8771f681 + w8) | 0;
    d = (a + ((t << 11) | (t >>> 21))) | 0;
    t = (c + (d ^ a ^ b) + 0x6d9d6122 + w11) | 0;
    c = (d + ((t << 16) | (t >>> 16))) | 0;
    t = (b + (c ^ d ^ a) + 0xfde5380c + w14) | 0;
    b = (c + ((t << 23) | (t >>> 9))) | 0;
    t = (a + (b ^ c ^ d) + 0xa4beea44 + w1) | 0;
    a = (b + ((t << 4) | (t >>> 28))) | 0;
    t = (d + (a ^ b ^ c) + 0x4bdecfa9 + w4) | 0;
    d = (a + ((t << 11) | (t >>> 21))) | 0;
    t = (c + (d ^ a ^ b) + 0xf6bb4b60 + w7) | 0;
    c = (d + ((t << 16) | (t >>> 16))) | 0;
    t = (b + (c ^ d ^ a) + 0xbebfbc70 + w10) | 0;
    b = (c + ((t << 23) | (t >>> 9))) | 0;
    t = (a + (b ^ c ^ d) + 0x289b7ec6 + w13) | 0;
    a = (b + ((t << 4) | (t >>> 28))) | 0;
    t = (d + (a ^ b ^ c) + 0xeaa127fa + w0) | 0;
    d = (a + ((t << 11) | (t >>> 21))) | 0;
    t = (c + (d ^ a ^ b) + 0xd4ef3085 + w3) | 0;
    c = (d + ((t << 16) | (t >>> 16))) | 0;
    t = (b + (c ^ d ^ a) + 0x04881d05 + w6) | 0;
    b = (c + ((t << 23) | (t >>> 9))) | 0;
    t = (a + (b ^ c ^ d) + 0xd9d4d039 + w9) | 0;
    a = (b + ((t << 4) | (t >>> 28))) | 0;
    t = (d + (a ^ b ^ c) + 0xe6db99e5 + w12) | 0;
    d = (a + ((t << 11) | (t >>> 21))) | 0;
    t = (c + (d ^ a ^ b) + 0x1fa27cf8 + w15) | 0;
    c = (d + ((t << 16) | (t >>> 16))) | 0;
    t = (b + (c ^ d ^ a) + 0xc4ac5665 + w2) | 0;
    b = (c + ((t << 23) | (t >>> 9))) | 0;
    t = (a + (c ^ (b | ~d)) + 0xf4292244 + w0) | 0;
    a = (b + ((t << 6) | (t >>> 26))) | 0;
    t = (d + (b ^ (a | ~c)) + 0x432aff97 + w7) | 0;
    d = (a + ((t << 10) | (t >>> 22))) | 0;
    t = (c + (a ^ (d | ~b)) + 0xab9423a7 + w14) | 0;
    c = (d + ((t << 15) | (t >>> 17))) | 0;
    t = (b + (d ^ (c | ~a)) + 0xfc93a039 + w5) | 0;
    b = (c + ((t << 21) | (t >>> 11))) | 0;
    t = (a + (c ^ (b | ~d)) + 0x655b59c3 + w12) | 0;
    a = (b + ((t << 6) | (t >>> 26))) | 0;
    t = (d + (b ^ (a | ~c)) + 0x8f0ccc92 + w3) | 0;
    d = (a + ((t << 10) | (t >>> 22))) | 0;
    t = (c + (a ^ (d | ~b)) + 0xffeff47d + w10) | 0;
    c = (d + ((t << 15) | (t >>> 17))) | 0;
    t = (b + (d ^ (c | ~a)) + 0x85845dd1 + w1) | 0;
    b = (c + ((t << 21) | (t >>> 11))) | 0;
    t = (a + (c ^ (b | ~d)) + 0x6fa87e4f + w8) | 0;
    a = (b + ((t << 6) | (t >>> 26))) | 0;
    t = (d + (b ^ (a | ~c)) + 0xfe2ce6e0 + w15) | 0;
    d = (a + ((t << 10) | (t >>> 22))) | 0;
    t = (c + (a ^ (d | ~b)) + 0xa3014314 + w6) | 0;
    c = (d + ((t << 15) | (t >>> 17))) | 0;
    t = (b + (d ^ (c | ~a)) + 0x4e0811a1 + w13) | 0;
    b = (c + ((t << 21) | (t >>> 11))) | 0;
    t = (a + (c ^ (b | ~d)) + 0xf7537e82 + w4) | 0;
    a = (b + ((t << 6) | (t >>> 26))) | 0;
    t = (d + (b ^ (a | ~c)) + 0xbd3af235 + w11) | 0;
    d = (a + ((t << 10) | (t >>> 22))) | 0;
    t = (c + (a ^ (d | ~b)) + 0x2ad7d2bb + w2) | 0;
    c = (d + ((t << 15) | (t >>> 17))) | 0;
    t = (b + (d ^ (c | ~a)) + 0xeb86d391 + w9) | 0;
    b = (c + ((t << 21) | (t >>> 11))) | 0;
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  // The digest's first four bytes are a0 in little-endian order; read them big-endian.
  return (((a0 & 0xff) << 24) | (((a0 >>> 8) & 0xff) << 16) | (((a0 >>> 16) & 0xff) << 8) | ((a0 >>> 24) & 0xff)) >>> 0;
}
