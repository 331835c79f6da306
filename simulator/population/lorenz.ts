/**
 * Income distributions from grouped data, as the World Bank's PovcalNet/PIP computes them (Datt
 * 1998, "Computational tools for poverty measurement and analysis", IFPRI FCND DP 50): a
 * parametric Lorenz curve fitted to the published points, either the General Quadratic
 * (Villasenor & Arnold 1989) or the Beta Lorenz curve (Kakwani 1980). Income at rank p is
 * mean × L'(p): drawing L'(U) for uniform U gives a population with that distribution, with a true
 * lower tail (incomes near zero occur; nothing is floored at a knot).
 *
 * The grouped data of China's statistics are five quintile means (hence four inner Lorenz points)
 * and, for some areas and years, the median. Each form is first estimated by Datt's least squares
 * on its linearised equation, then refined by Nelder–Mead on the relative errors of the five
 * quintile means and the median (so the curve answers to the figures as published, not to their
 * transforms); a candidate is kept only if it is a valid Lorenz curve (L' ≥ 0 from the 0.1st
 * percentile on, L' non-decreasing). The better valid one is used.
 */

export type LorenzForm = 'general-quadratic' | 'beta';

/** Published grouped income of one area: per-capita means, yuan a year. */
export interface GroupedIncome {
  readonly mean: number;
  /** quintile means, lowest first (their average need not equal `mean`: the mean wins) */
  readonly quintiles: readonly number[];
  readonly median?: number;
}

export interface LorenzCurve {
  readonly form: LorenzForm;
  /** a, b, c for the General Quadratic; θ, γ, δ for the Beta curve */
  readonly params: readonly [number, number, number];
  /** share of income held by the poorest p */
  lorenz(p: number): number;
  /** L'(p): income at rank p over the mean; negative values (an invalid tail) read as zero */
  slope(p: number): number;
}

export interface LorenzFit {
  readonly curve: LorenzCurve;
  readonly mean: number;
  /** fitted quintile means, yuan a year */
  readonly quintiles: readonly number[];
  /** (fitted − published) / published, per quintile */
  readonly quintileErrors: readonly number[];
  readonly median: number;
  readonly medianError?: number;
  /** the share of persons whose income the curve puts at zero (L' ≤ 0 at the bottom); 0 for a valid curve */
  readonly zeroShare: number;
  /** the lowest income the curve gives (mean × L'(0.0001)), yuan a year: near zero for a true lower tail */
  readonly floor: number;
  /** the other form's result, for the report */
  readonly rejected: readonly { readonly form: LorenzForm; readonly valid: boolean; readonly floor: number; readonly objective: number }[];
}

// ---------------------------------------------------------------- the two forms

/** General Quadratic: L(1 − L) = a(p² − L) + bL(p − 1) + c(p − L) (Villasenor & Arnold; Datt eq. 2). */
function generalQuadratic(a: number, b: number, c: number): LorenzCurve {
  const e = -(a + b + c + 1);
  const m = b * b - 4 * a;
  const n = 2 * b * e - 4 * c;
  const root = (p: number) => Math.sqrt(Math.max(0, m * p * p + n * p + e * e));
  return {
    form: 'general-quadratic',
    params: [a, b, c],
    lorenz: (p) => (p <= 0 ? 0 : p >= 1 ? 1 : -0.5 * (b * p + e + root(p))),
    slope: (p) => {
      const r = root(p);
      return r > 0 ? -b / 2 - (2 * m * p + n) / (4 * r) : Number.POSITIVE_INFINITY;
    },
  };
}

/** Beta Lorenz: L = p − θ p^γ (1 − p)^δ (Kakwani 1980; Datt eq. 3). */
function betaLorenz(theta: number, gamma: number, delta: number): LorenzCurve {
  return {
    form: 'beta',
    params: [theta, gamma, delta],
    lorenz: (p) => (p <= 0 ? 0 : p >= 1 ? 1 : p - theta * p ** gamma * (1 - p) ** delta),
    slope: (p) => {
      if (p >= 1) return Number.POSITIVE_INFINITY;
      if (p <= 0) p = 1e-12;
      return 1 - theta * p ** gamma * (1 - p) ** delta * (gamma / p - delta / (1 - p));
    },
  };
}

/** The lowest income (over the mean) a curve may give and still count as reaching down to zero. */
const MAX_FLOOR = 0.02;

const make = (form: LorenzForm, x: readonly number[]) => (form === 'beta' ? betaLorenz(x[0]!, x[1]!, x[2]!) : generalQuadratic(x[0]!, x[1]!, x[2]!));

// ---------------------------------------------------------------- fitting

/** Ordinary least squares without intercept handling: solves (XᵀX) β = Xᵀy for three columns. */
function ols3(rows: readonly (readonly number[])[], y: readonly number[]): number[] {
  const A = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const v = [0, 0, 0];
  rows.forEach((r, k) => {
    for (let i = 0; i < 3; i++) {
      v[i]! += r[i]! * y[k]!;
      for (let j = 0; j < 3; j++) A[i * 3 + j]! += r[i]! * r[j]!;
    }
  });
  // Cramer's rule on a 3 × 3 system.
  const det = (M: number[]) => M[0]! * (M[4]! * M[8]! - M[5]! * M[7]!) - M[1]! * (M[3]! * M[8]! - M[5]! * M[6]!) + M[2]! * (M[3]! * M[7]! - M[4]! * M[6]!);
  const d = det(A);
  return [0, 1, 2].map((c) => {
    const M = [...A];
    for (let i = 0; i < 3; i++) M[i * 3 + c] = v[i]!;
    return det(M) / d;
  });
}

/** Datt's regressions on the inner Lorenz points. */
function datt(form: LorenzForm, p: readonly number[], L: readonly number[]): number[] {
  if (form === 'general-quadratic')
    return ols3(
      p.map((x, i) => [x * x - L[i]!, L[i]! * (x - 1), x - L[i]!]),
      L.map((l) => l * (1 - l)),
    );
  // log(p − L) = log θ + γ log p + δ log(1 − p)
  const x = ols3(
    p.map((q) => [1, Math.log(q), Math.log(1 - q)]),
    p.map((q, i) => Math.log(q - L[i]!)),
  );
  return [Math.exp(x[0]!), x[1]!, x[2]!];
}

/** Checks L' on a grid from the 0.1st percentile: non-negative and non-decreasing (convex L). */
function isValid(curve: LorenzCurve, step = 0.001): boolean {
  let last = -Infinity;
  const points = Math.round(0.998 / step);
  for (let i = 0; i <= points; i++) {
    const p = 0.001 + i * step;
    const s = curve.slope(p);
    if (!(s >= 0) || s < last - 1e-9 || !Number.isFinite(s)) return false;
    last = s;
  }
  return Math.abs(curve.lorenz(0.999999) - 1) < 1e-3;
}

/** Median rank's income over the mean (L'(0.5)); 0 for an invalid curve. */
const medianRatio = (c: LorenzCurve) => Math.max(0, c.slope(0.5));

function objective(curve: LorenzCurve, shares: readonly number[], medianOverMean?: number): number {
  let s = 0;
  let prev = 0;
  for (let k = 1; k <= 5; k++) {
    const l = curve.lorenz(k / 5);
    const share = l - prev;
    prev = l;
    if (!(share > 0)) return 1e9;
    s += (share / shares[k - 1]! - 1) ** 2;
  }
  if (medianOverMean !== undefined) s += (medianRatio(curve) / medianOverMean - 1) ** 2;
  return s;
}

/** Nelder–Mead on three parameters (deterministic: fixed start simplex and iteration count). */
function nelderMead(f: (x: number[]) => number, start: number[], iterations = 600): number[] {
  const simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + (Math.abs(v) > 1e-3 ? 0.05 * v : 0.01) : v)))];
  let values = simplex.map(f);
  for (let it = 0; it < iterations; it++) {
    const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
    const pts = order.map((i) => simplex[i]!);
    const vals = order.map((i) => values[i]!);
    const centroid = start.map((_, j) => (pts[0]![j]! + pts[1]![j]! + pts[2]![j]!) / 3);
    const along = (t: number) => centroid.map((c, j) => c + t * (pts[3]![j]! - c));
    const reflected = along(-1);
    const fr = f(reflected);
    if (fr < vals[0]!) {
      const expanded = along(-2);
      const fe = f(expanded);
      [pts[3], vals[3]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < vals[2]!) {
      [pts[3], vals[3]] = [reflected, fr];
    } else {
      const contracted = along(0.5);
      const fc = f(contracted);
      if (fc < vals[3]!) [pts[3], vals[3]] = [contracted, fc];
      else
        for (let i = 1; i < 4; i++) {
          pts[i] = pts[i]!.map((v, j) => pts[0]![j]! + 0.5 * (v - pts[0]![j]!));
          vals[i] = f(pts[i]!);
        }
    }
    simplex.splice(0, 4, ...pts);
    values = vals;
  }
  const best = values.indexOf(Math.min(...values));
  return simplex[best]!;
}

/** The share of persons below `line` (yuan a year) under a curve and mean: H with L'(H) = line / mean. */
export function headcount(curve: LorenzCurve, mean: number, line: number): number {
  const target = line / mean;
  if (!(target > 0)) return 0;
  let lo = 0;
  let hi = 1;
  if (curve.slope(1e-9) >= target) return 0;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (curve.slope(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Poverty measures against a line under a curve: headcount H, poverty gap PG = H − L(H) μ / z, and
 * FGT2 = ∫₀ᴴ (1 − y(p)/z)² dp (by the midpoint rule over 2,000 steps).
 */
export function povertyMeasures(curve: LorenzCurve, mean: number, line: number): { headcount: number; gap: number; fgt2: number } {
  const H = headcount(curve, mean, line);
  if (H === 0) return { headcount: 0, gap: 0, fgt2: 0 };
  const gap = H - (curve.lorenz(H) * mean) / line;
  let fgt2 = 0;
  const steps = 2000;
  for (let i = 0; i < steps; i++) {
    const p = ((i + 0.5) / steps) * H;
    const y = Math.max(0, curve.slope(p)) * mean;
    fgt2 += (1 - y / line) ** 2;
  }
  return { headcount: H, gap, fgt2: (fgt2 / steps) * H };
}

/** Fits both forms to the grouped data and keeps the better valid one. */
export function fitLorenz(g: GroupedIncome): LorenzFit {
  if (g.quintiles.length !== 5 || g.quintiles.some((q, i) => !(q > 0) || (i > 0 && q < g.quintiles[i - 1]!)))
    throw new Error(`grouped income: expected five increasing positive quintile means, got ${g.quintiles.join(', ')}`);
  if (!(g.mean > 0)) throw new Error(`grouped income: expected a positive mean, got ${g.mean}`);
  const total = g.quintiles.reduce((a, b) => a + b, 0);
  const shares = g.quintiles.map((q) => q / total);
  const p = [0.2, 0.4, 0.6, 0.8];
  const L: number[] = [];
  shares.slice(0, 4).reduce((acc, s) => (L.push(acc + s), acc + s), 0);
  // The quintile means fix the shape; the mean (which wins over their average) the level.
  const medianOverMean = g.median !== undefined ? g.median / g.mean : undefined;
  const candidates = (['general-quadratic', 'beta'] as const).map((form) => {
    const start = datt(form, p, L);
    const penalised = (x: number[]) => {
      const c = make(form, x);
      return objective(c, shares, medianOverMean) + (isValid(c, 0.002) ? 0 : 10);
    };
    const x = nelderMead(penalised, start);
    const curve = make(form, x);
    const valid = isValid(curve);
    const floor = Math.max(0, Math.min(1, curve.slope(1e-4)));
    return { form, curve, valid, floor, objective: objective(curve, shares, medianOverMean) };
  });
  // A valid curve whose lowest incomes reach down towards zero is preferred: a curve with a floor
  // (L'(0) well above 0, which the General Quadratic allows) puts nobody below a fifth of the mean
  // or so, which is the fault the five-knot function had.
  const reachesZero = (c: { floor: number }) => c.floor <= MAX_FLOOR;
  const ranked = [...candidates].sort((a, b) => Number(b.valid) - Number(a.valid) || Number(reachesZero(b)) - Number(reachesZero(a)) || a.objective - b.objective);
  const best = ranked[0]!;
  const curve = best.curve;
  const fitted = [1, 2, 3, 4, 5].map((k) => ((curve.lorenz(k / 5) - curve.lorenz((k - 1) / 5)) * 5 * g.mean));
  // Published quintiles are compared at the published mean's level.
  const published = g.quintiles.map((q) => (q * g.mean * 5) / total);
  let zeroShare = 0;
  if (!(curve.slope(1e-9) > 0)) zeroShare = headcount(curve, g.mean, 1e-9 * g.mean);
  const median = medianRatio(curve) * g.mean;
  return {
    curve,
    mean: g.mean,
    quintiles: fitted,
    quintileErrors: fitted.map((f, k) => (f - published[k]!) / published[k]!),
    median,
    medianError: g.median !== undefined ? (median - g.median) / g.median : undefined,
    zeroShare,
    floor: best.floor * g.mean,
    rejected: ranked.slice(1).map((c) => ({ form: c.form, valid: c.valid, floor: c.floor * g.mean, objective: c.objective })),
  };
}
