/**
 * From the engine's sums to the JS engine's run vector (simulator/engine/layout.ts), so that the
 * results are named by the very code that names the JS engine's (simulationResult, changesResult).
 *
 * Every sum comes back as exact decimal text of Σ W·x, W a household's integer weight in units of
 * `unit` (1 for whole weights, 10⁻⁶ for weights of at most six decimals, or the one weight every
 * household has, W = 1); a figure is that sum × unit (monthly totals and changes stay in twelfths of
 * a fen, as the JS engine keeps them; ÷ m or ÷ a line for the reach fractions), formed exactly and
 * rounded once to the nearest double. With whole weights every sum the JS engine makes of integers
 * is an integer below 2^53, exact in both: the same bytes. Otherwise the JS engine's float sums may differ from the exact figure in
 * the last bits.
 */
import { BIN, BINS, CHANGE, GROUP_WIDTH, LEVELS, RunLayout } from '../../simulator/index.ts';
import { rational as Q } from '../../language/index.ts';
import type { Row } from './session.ts';

/** An exact sum as text ("123", "-4", "12.000000" from a DECIMAL) as a BigInt; NULL (an empty sum) is 0. */
export function big(s: string | null | undefined): bigint {
  if (s === null || s === undefined || s === '') return 0n;
  const m = /^(-?\d+)(?:\.(0*))?$/.exec(s.trim());
  if (!m) throw new Error(`an engine's sum is not a whole number: ${s}`);
  return BigInt(m[1]!);
}

/** n / d (d > 0) as the nearest double. */
export function ratio(n: bigint, d: bigint): number {
  if (d === 1n) return Number(n);
  if (n % d === 0n) return Number(n / d);
  const neg = n < 0n;
  const a = neg ? -n : n;
  // 64 bits more than the quotient needs, so that one rounding (Number of a BigInt) decides
  const shift = BigInt(Math.max(0, 64 + d.toString(2).length - a.toString(2).length));
  const q = (a << shift) / d;
  const x = Number(q | (q * d === a << shift ? 0n : 1n)) / 2 ** Number(shift);
  return neg ? -x : x;
}

const exact = (r: Q.Rational): number => ratio(r.n, r.d);

/** What one unit of W weighs: real households per unit, n/d (d > 0). */
export interface Unit {
  readonly n: bigint;
  readonly d: bigint;
}

/** Σ W·x × unit ÷ k as the nearest double. */
const weighed = (sum: bigint, u: Unit, k = 1n): number => ratio(sum * u.n, u.d * k);
const times = (r: Q.Rational, u: Unit): number => exact(Q.mul(r, Q.rat(u.n, u.d)));

export interface Sums {
  readonly totals: Row;
  readonly groups: readonly Row[];
  readonly reach: readonly Row[];
  readonly histograms: readonly Row[];
  readonly lines: readonly Row[];
  readonly categories: readonly Row[];
  readonly refused: readonly Row[];
}

/**
 * The run vector of one scenario. `sites` are the compiled module's error sites (the engine's
 * doudi_error is a site's message); `unit` what a unit of W weighs; `levels` whether the shares exist.
 */
export function runVector(s: Sums, L: RunLayout, sites: readonly { message: string }[], unit: Unit, levels: boolean): Float64Array {
  const v = new Float64Array(L.length);
  const w = (x: string | null | undefined) => weighed(big(x), unit);
  const t = s.totals;
  for (let p = 0; p < 5; p++) {
    v[p * 3] = w(t[`p${p}_h`]);
    v[p * 3 + 1] = w(t[`p${p}_n`]);
    v[p * 3 + 2] = w(t[`p${p}_c`]);
  }
  v[L.misc] = w(t.edge);
  v[L.misc + 1] = w(t.rigid);
  v[L.misc + 2] = Number(big(t.refused));
  const groupAt: Record<string, number> = { area: L.area, slot: L.region, size: L.size, decile: L.decile };
  for (const g of s.groups) {
    const at = groupAt[g.kind!]! + Number(g.k) * GROUP_WIDTH;
    v[at] = w(g.households);
    v[at + 1] = w(g.persons);
    v[at + 2] = w(g.covered_households);
    v[at + 3] = w(g.covered_persons);
    v[at + 4] = w(g.total12);
    for (let p = 0; p < 5; p++) v[at + 5 + p] = w(g[`cost${p}`]);
  }
  for (const r of s.refused) {
    const i = sites.findIndex((x) => x.message === r.message);
    if (i < 0) throw new Error(`the engine refused households with a message the compiled policy does not know: ${r.message}`);
    v[L.sites + i] += Number(big(r.records));
  }
  reachVector(s, v, L.reachAt, L, w, unit);
  if (levels) {
    v[L.levels] = 1;
    for (let p = 0; p < 5; p++) for (let l = 0; l < LEVELS.length; l++) v[L.levels + 1 + p * LEVELS.length + l] = w(t[`lv${p}_${l}`]);
  }
  return v;
}

function reachVector(s: Sums, v: Float64Array, at: number, L: RunLayout, w: (x: string | null | undefined) => number, unit: Unit): void {
  const R = L.reach;
  for (const g of s.reach) {
    const k = Number(g.k);
    const put = (i: number, h: string, n: string, c: string) => {
      v[at + i] = w(g[h]);
      v[at + i + 1] = w(g[n]);
      v[at + i + 2] = w(g[c]);
    };
    if (g.kind === 'hukou') {
      put(R.area + k * 3, 'dh', 'dn', 'dc');
      put(R.area + 6 + k * 3, 'th', 'tn', 'tc');
    } else {
      put(R.region + k * 6, 'dh', 'dn', 'dc');
      put(R.region + k * 6 + 3, 'th', 'tn', 'tc');
    }
  }
  const t = s.totals;
  v[at + R.lineFound] = Number(big(t.line_found));
  v[at + R.targeting] = w(t.eligible);
  v[at + R.targeting + 1] = w(t.eligible_covered);
  v[at + R.targeting + 2] = w(t.covered);
  v[at + R.targeting + 3] = w(t.covered_not_eligible);
  // categories: Σ over groups of (Σ W·persons·count) / members
  const cats = [0, 1].map(() => [Q.ZERO, Q.ZERO, Q.ZERO, Q.ZERO]);
  for (const g of s.categories) {
    const k = g.kind === 'dibao' ? 0 : 1;
    const m = big(g.members);
    for (let c = 0; c < 4; c++) cats[k]![c] = Q.add(cats[k]![c]!, Q.rat(big(g[`k${c}`]), m));
  }
  for (let k = 0; k < 2; k++) for (let c = 0; c < 4; c++) v[at + R.categories + k * 4 + c] = times(cats[k]![c]!, unit);
  // the poverty line: headcount, gap and FGT2 (simulate-sums.ts linesSql)
  const line = [0, 1].map(() => ({ head: Q.ZERO, gap: Q.ZERO, fgt2: Q.ZERO }));
  for (const g of s.lines) {
    const k = g.kind === 'before' ? 0 : 1;
    const a = big(g.persons);
    const b = big(g.income);
    const c = big(g.income2);
    const m = big(g.m);
    const inv = Q.rat(big(g.line_d), big(g.line_n)); // 1 / line
    const x = line[k]!;
    x.head = Q.add(x.head, Q.rat(a));
    x.gap = Q.add(x.gap, Q.sub(Q.rat(a), Q.mul(inv, Q.rat(b))));
    x.fgt2 = Q.add(x.fgt2, Q.add(Q.sub(Q.rat(a), Q.mul(Q.rat(2n), Q.mul(inv, Q.rat(b)))), Q.mul(Q.mul(inv, inv), Q.rat(c, m))));
  }
  for (let k = 0; k < 2; k++) {
    const x = line[k]!;
    const base = at + R.line + k * 3;
    v[base] = times(x.head, unit);
    v[base + 1] = times(x.gap, unit);
    v[base + 2] = times(x.fgt2, unit);
  }
  // histograms: per bin Σ W·m, Σ W·x, Σ (W·x²)/m
  const hist = new Map<number, { persons: bigint; income: bigint; income2: Q.Rational }>();
  for (const g of s.histograms) {
    const i = (g.kind === 'before' ? 0 : BINS) + Number(g.bin);
    const h = hist.get(i) ?? { persons: 0n, income: 0n, income2: Q.ZERO };
    h.persons += big(g.persons);
    h.income += big(g.income);
    h.income2 = Q.add(h.income2, Q.rat(big(g.income2), big(g.m)));
    hist.set(i, h);
  }
  for (const [i, h] of hist) {
    const base = at + R.histogram + i * 3;
    v[base] = weighed(h.persons, unit);
    v[base + 1] = weighed(h.income, unit);
    v[base + 2] = times(h.income2, unit);
  }
  void BIN;
}

/** The changes vector of a comparison (CHANGE) from changesSql's rows. */
export function changeVector(rows: readonly Row[], unit: Unit): Float64Array {
  const v = new Float64Array(CHANGE.length);
  const sums = { nh: 0n, np: 0n, lh: 0n, lp: 0n };
  const bands = [0n, 0n, 0n, 0n, 0n];
  const per = Array.from({ length: 10 }, () => ({ bands: [0n, 0n, 0n, 0n, 0n], change: 0n, net: 0n }));
  for (const r of rows) {
    const d = per[Number(r.decile)]!;
    const b = Number(r.band);
    const h = big(r.households);
    d.bands[b]! += h;
    bands[b]! += h;
    d.change += big(r.change12);
    d.net += big(r.net12);
    sums.nh += big(r.newly_households);
    sums.np += big(r.newly_persons);
    sums.lh += big(r.no_longer_households);
    sums.lp += big(r.no_longer_persons);
  }
  v[CHANGE.newlyHouseholds] = weighed(sums.nh, unit);
  v[CHANGE.newlyPersons] = weighed(sums.np, unit);
  v[CHANGE.noLongerHouseholds] = weighed(sums.lh, unit);
  v[CHANGE.noLongerPersons] = weighed(sums.lp, unit);
  bands.forEach((x, b) => (v[CHANGE.bands + b] = weighed(x, unit)));
  per.forEach((d, i) => {
    const at = CHANGE.decile + i * CHANGE.decileWidth;
    d.bands.forEach((x, b) => (v[at + b] = weighed(x, unit)));
    v[at + 5] = weighed(d.change, unit);
    v[at + 6] = weighed(d.net, unit);
  });
  return v;
}
