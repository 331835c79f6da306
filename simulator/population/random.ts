/**
 * Seeded randomness. Every draw comes from a stream keyed by (seed, household, purpose), so a
 * household's draws do not depend on how many households come before it, which worker makes it,
 * or in what order: the same inputs give the same bytes.
 */

const SEED = 0x9e3779b9;

/** One word into the running hash (murmur3's body step). */
const mixWord = (h: number, w: number): number => {
  let k = Math.imul(w | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
};

/** murmur3's finaliser. */
const finish = (h: number): number => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

/** A 32-bit hash of integers (a murmur3-style finaliser over each word). */
export function hash32(...words: number[]): number {
  let h = SEED;
  for (const w of words) h = mixWord(h, w);
  return finish(h);
}

/** hash32(a, b, c) without the rest-argument array: for hot loops. */
export const hash3 = (a: number, b: number, c: number): number => finish(mixWord(mixWord(mixWord(SEED, a), b), c));

/** hash32(a, b, c, d) without the rest-argument array. */
export const hash4 = (a: number, b: number, c: number, d: number): number => finish(mixWord(mixWord(mixWord(mixWord(SEED, a), b), c), d));

/** A uniform draw in [0, 1) from (a, b, c). */
export const uniform3 = (a: number, b: number, c: number): number => hash3(a, b, c) / 4294967296;

/** A uniform draw in [0, 1) from (a, b, c, d). */
export const uniform4 = (a: number, b: number, c: number, d: number): number => hash4(a, b, c, d) / 4294967296;

/** A small, fast generator (mulberry32) with the draws the generator needs. */
export class Stream {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  /** uniform in [0, 1) */
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** true with probability p */
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** an integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  /** a standard normal draw (Box–Muller, one value per call) */
  normal(): number {
    let u = this.next();
    if (u < 1e-12) u = 1e-12;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  /** index drawn from cumulative probabilities (the last entry is 1) */
  pick(cumulative: readonly number[]): number {
    const u = this.next();
    for (let i = 0; i < cumulative.length; i++) if (u < cumulative[i]!) return i;
    return cumulative.length - 1;
  }
}

/** The stream of household h for one purpose, under a population seed. */
export const streamFor = (seed: number, household: number, purpose: number): Stream => new Stream(hash3(seed, household, purpose));

export function cumulative(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let s = 0;
  return weights.map((w) => (s += w / total));
}

/** Φ⁻¹ (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Φ (Abramowitz–Stegun 7.1.26 through erf, error < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x / Math.SQRT2));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(x * x) / 2);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}
