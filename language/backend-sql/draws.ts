/**
 * The simulator's random draws in SQL, bit for bit: a household's draw key — the first four bytes
 * of md5(UTF-8 household_id), big-endian (simulator/engine/keys.ts) — and murmur3's hash3(seed,
 * key, salt) (simulator/population/random.ts), so that take-up decided in SQL is the JS engine's.
 *
 * All 32-bit arithmetic is done on non-negative BIGINTs with masks: a 32-bit multiply is split in
 * 16-bit halves of the constant, so no product passes 2^49; shifts and rotations multiply or
 * divide by powers of two. Each step is a separate column (a layer reads the one before), since a
 * step reads its input more than once and nesting them would repeat the text exponentially.
 */
import type { Dialect } from './dialect.ts';

const M32 = '4294967295';

/** The draw key of a household id expression, as a BIGINT in [0, 2^32). */
export function drawKeySql(D: Dialect, id: string): string {
  const hex = `substr(md5(${id}), 1, 8)`;
  switch (D.name) {
    case 'duckdb':
      return `CAST(('0x' || ${hex}) AS BIGINT)`;
    case 'postgres':
      return `(('x' || ${hex})::bit(32))::bigint`;
    case 'spark':
      return `CAST(conv(${hex}, 16, 10) AS BIGINT)`;
  }
}

const xor = (D: Dialect, a: string, b: string) => (D.name === 'duckdb' ? `xor(${a}, ${b})` : D.name === 'postgres' ? `(${a} # ${b})` : `(${a} ^ ${b})`);
const shr = (D: Dialect, a: string, n: number) => (D.name === 'spark' ? `shiftright(${a}, ${n})` : `(${a} >> ${n})`);

/** x · c mod 2^32 for a column x in [0, 2^32) and a constant c. */
function imul(x: string, c: number): string {
  const lo = c & 0xffff;
  const hi = c >>> 16;
  return `((${x} * ${lo} + ((${x} * ${hi}) & 65535) * 65536) & ${M32})`;
}

const rotl = (D: Dialect, x: string, r: number) => `(((${x} * ${2 ** r}) & ${M32}) | ${shr(D, x, 32 - r)})`;

/** JS's imul on unsigned 32-bit values, for constant folding. */
const mulU = (a: number, b: number) => Math.imul(a, b) >>> 0;
const rotlU = (x: number, r: number) => ((x << r) | (x >>> (32 - r))) >>> 0;

/** murmur3's body step on constants. */
function mixConst(h: number, w: number): number {
  let k = mulU(w >>> 0, 0xcc9e2d51);
  k = rotlU(k, 15);
  k = mulU(k, 0x1b873593);
  h = (h ^ k) >>> 0;
  h = rotlU(h, 13);
  return (mulU(h, 5) + 0xe6546b64) >>> 0;
}

/**
 * hash3(seed, key, salt) as steps: each `[name, expression]` reads `key` or earlier steps; put
 * each step in its own layer (or any later one). The last step is the hash, in [0, 2^32).
 */
export function hash3Steps(D: Dialect, seed: number, key: string, salt: number, prefix: string): [string, string][] {
  const steps: [string, string][] = [];
  let n = 0;
  const step = (e: string) => {
    const name = `${prefix}${n++}`;
    steps.push([name, e]);
    return name;
  };
  const h0 = mixConst(0x9e3779b9, seed >>> 0);
  // mix(h0, key)
  let k = step(imul(key, 0xcc9e2d51));
  k = step(rotl(D, k, 15));
  k = step(imul(k, 0x1b873593));
  let h = step(xor(D, String(h0), k));
  h = step(rotl(D, h, 13));
  h = step(`((${imul(h, 5)} + ${0xe6546b64}) & ${M32})`);
  // mix(h, salt): the salt's part is a constant
  let ks = mulU(salt >>> 0, 0xcc9e2d51);
  ks = rotlU(ks, 15);
  ks = mulU(ks, 0x1b873593);
  h = step(xor(D, h, String(ks)));
  h = step(rotl(D, h, 13));
  h = step(`((${imul(h, 5)} + ${0xe6546b64}) & ${M32})`);
  // finish
  h = step(xor(D, h, shr(D, h, 16)));
  h = step(imul(h, 0x85ebca6b));
  h = step(xor(D, h, shr(D, h, 13)));
  h = step(imul(h, 0xc2b2ae35));
  step(xor(D, h, shr(D, h, 16)));
  return steps;
}
