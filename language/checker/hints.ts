/**
 * "Did you mean …" for unknown names, in time linear in the number of unknown names.
 *
 * A name is suggested when its edit distance to the unknown one is at most 1 (unknown names of up
 * to 5 characters) or 2 (longer ones): the first three such names in declaration order. Comparing
 * every unknown name with every declared name is O(unknown × names) — 4,000 unknown names against
 * as many declarations took 26 s — so candidates come from an index: split a name into k + 1
 * pieces, and any name within edit distance k of it contains one of those pieces unchanged,
 * shifted by at most k places (the pigeonhole filter; Navarro, "A guided tour to approximate
 * string matching", 2001). An unknown name looks up a few dozen keys and computes the distance
 * only to names that share a piece.
 *
 * Two bounds keep adversarial sets of names (thousands sharing long prefixes) linear: a piece
 * shared by more than MAX_POSTING names is not looked up (it tells little), and at most
 * MAX_CHECKED candidates are compared, those sharing the most pieces first. A policy with fewer
 * names than either bound gets exactly the suggestions of comparing with every name.
 */

/** Names compared (edit distance computed) per unknown name, at most. */
export const MAX_CHECKED = 256;
/** Names a piece may be shared by and still be looked up. */
export const MAX_POSTING = 256;

/** Work done over all lookups — distances computed, index entries visited: tests assert on these instead of on time. */
export const hintStats = { comparisons: 0, postings: 0 };

/** The edit distance of `text` that still earns a suggestion. */
export const allowedDistance = (text: string): number => (text.length > 5 ? 2 : 1);

/** Is the Levenshtein distance of a and b at most k? Only the diagonal band |i − j| ≤ k is computed. */
export function withinDistance(a: string, b: string, k: number): boolean {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > k) return false;
  const over = k + 1;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = Math.min(j, over);
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(1, i - k);
    const hi = Math.min(n, i + k);
    cur[0] = Math.min(i, over);
    if (lo > 1) cur[lo - 1] = over;
    let best = cur[0]!;
    for (let j = lo; j <= hi; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = Math.min(v, over);
      if (cur[j]! < best) best = cur[j]!;
    }
    if (hi < n) cur[hi + 1] = over;
    if (best > k) return false;
    [prev, cur] = [cur, prev];
  }
  return prev[n]! <= k;
}

/** Where piece `i` of `k + 1` pieces of a name of `length` characters starts and ends. */
const piece = (length: number, k: number, i: number): [number, number] => [Math.floor((i * length) / (k + 1)), Math.floor(((i + 1) * length) / (k + 1))];

export class NameHints {
  /** key "k|length|piece index|piece text" → positions in `names` */
  private readonly index = new Map<string, number[]>();
  private readonly memo = new Map<string, string[]>();

  constructor(private readonly names: readonly string[]) {
    names.forEach((name, at) => {
      for (const k of [1, 2]) {
        for (let i = 0; i <= k; i++) {
          const [s, e] = piece(name.length, k, i);
          const key = `${k}|${name.length}|${i}|${name.slice(s, e)}`;
          const list = this.index.get(key);
          if (list) list.push(at);
          else this.index.set(key, [at]);
        }
      }
    });
  }

  /** Up to `max` names near `text`, in the order the names were given. */
  near(text: string, max = 3): string[] {
    const known = this.memo.get(text);
    if (known) return known;
    const k = allowedDistance(text);
    /** candidate → how many of its pieces `text` contains */
    const shared = new Map<number, number>();
    for (let length = Math.max(0, text.length - k); length <= text.length + k; length++) {
      for (let i = 0; i <= k; i++) {
        const [s, e] = piece(length, k, i);
        const seen = new Set<number>();
        for (let shift = -k; shift <= k; shift++) {
          const from = s + shift;
          if (from < 0 || from + (e - s) > text.length) continue;
          const list = this.index.get(`${k}|${length}|${i}|${text.slice(from, from + (e - s))}`);
          if (!list || list.length > MAX_POSTING) continue;
          hintStats.postings += list.length;
          for (const at of list) if (!seen.has(at)) seen.add(at);
        }
        for (const at of seen) shared.set(at, (shared.get(at) ?? 0) + 1);
      }
    }
    // The likeliest first (most pieces shared), then in declaration order; report in declaration order.
    const order = [...shared].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, MAX_CHECKED);
    const found: number[] = [];
    for (const [at] of order) {
      hintStats.comparisons++;
      if (withinDistance(this.names[at]!, text, k)) found.push(at);
    }
    const out = found.sort((a, b) => a - b).slice(0, max).map((at) => this.names[at]!);
    this.memo.set(text, out);
    return out;
  }
}
