/**
 * Hardship and income together. A household's income rank is U = F(ε − m), where ε is a standard
 * normal draw of its own, m = Σ β_k b_k its hardship score over the bits of household.ts (only
 * elderly members, no member able to work, a disability, a severe one, a catastrophic illness, a
 * single parent with minors), and F the exact distribution of ε − m over persons: the mixture
 * Σ_j π_j Φ(t + m_j) over the hardship classes j, with π_j their shares of persons. So U is
 * uniform over persons whatever the β are — the area's calibrated income distribution is kept
 * exactly — while the hardship classes sit lower in it: a Gaussian copula between the latent
 * hardship score and the income rank (the latent-index form, as a discrete covariate needs).
 *
 * The β are solved so that each kind of household's mean income over the area's mean equals a
 * published ratio or a marked assumption (targets.ts HARDSHIP_RATIOS), never a caseload.
 * The class shares π come from a reference sample drawn by the generator's own code under a fixed
 * seed, so F does not depend on the population's seed or size.
 */
import { normalCdf, normalQuantile } from './random.ts';
import { CLASSES, DISABLED, SEVERE, ELDERLY_ONLY, NO_WORKER, ILL, SINGLE_PARENT } from './household.ts';
import { HARDSHIP_RATIOS } from './targets.ts';
import type { LorenzCurve } from './lorenz.ts';
import type { Area } from './income.ts';

const T_MIN = -16;
const T_MAX = 8;
const STEPS = 4096;
const DT = (T_MAX - T_MIN) / STEPS;
/** normal quantiles for the integrals over ε (midpoints of 128 equal-probability cells) */
const NODES = Array.from({ length: 128 }, (_, i) => normalQuantile((i + 0.5) / 128));

export interface HardshipGroup {
  readonly name: string;
  readonly bit: number;
  /** the group's mean per-capita income over the area's, as targeted */
  readonly target: number;
  readonly tag: 'S' | 'M' | 'A';
  readonly source: string;
  /** the group's share of persons in the reference sample */
  readonly share: number;
  /** the ratio the solved β give */
  readonly achieved: number;
  readonly beta: number;
}

export interface Copula {
  readonly area: Area;
  /** m_j for each class */
  readonly shifts: Float64Array;
  readonly groups: readonly HardshipGroup[];
  /** U for a latent score t = ε − m */
  rank(t: number): number;
  /** L'(U) for a latent score t: income over the area's mean (a table over t, interpolated) */
  level(t: number): number;
}

function targetsFor(area: Area) {
  const r = HARDSHIP_RATIOS;
  return [
    { name: 'a member with a disability', bit: DISABLED, f: r.disability[area] },
    { name: 'a member with a grade 1–2 disability', bit: SEVERE, f: { ...r.severeDisability, value: r.disability[area].value * r.severeDisability.value } },
    { name: 'only members aged 60+', bit: ELDERLY_ONLY, f: r.elderlyOnly[area] },
    { name: 'no member aged 16–59 able to work', bit: NO_WORKER, f: r.noWorker },
    { name: 'a member with a catastrophic illness', bit: ILL, f: r.catastrophicIllness },
    { name: 'a single parent with minors', bit: SINGLE_PARENT, f: r.singleParent },
  ];
}

function table(weights: Float64Array, shifts: Float64Array): Float64Array {
  const F = new Float64Array(STEPS + 1);
  let total = 0;
  for (let j = 0; j < CLASSES; j++) total += weights[j]!;
  for (let i = 0; i <= STEPS; i++) {
    const t = T_MIN + i * DT;
    let s = 0;
    for (let j = 0; j < CLASSES; j++) if (weights[j]! > 0) s += weights[j]! * normalCdf(t + shifts[j]!);
    F[i] = s / total;
  }
  return F;
}

function rankIn(F: Float64Array, t: number): number {
  const x = (t - T_MIN) / DT;
  if (x <= 0) return F[0]! * Math.exp(x * DT); // far below the grid: a vanishing tail
  if (x >= STEPS) return Math.min(F[STEPS]!, 1 - 1e-12);
  const i = Math.floor(x);
  const f = x - i;
  return F[i]! + f * (F[i + 1]! - F[i]!);
}

/**
 * Solves the β for an area: `weights` are the reference sample's persons per hardship class,
 * `curve` the area's Lorenz curve (a province's is the same curve at another mean, so the ratios
 * hold for every province).
 */
export function solveCopula(area: Area, weights: Float64Array, curve: LorenzCurve, solved?: Copula): Copula {
  const goals = targetsFor(area);
  // A region reuses the β solved on the whole country's classes (its own class shares still make
  // its F, so its marginal is exact); only the ratios it reaches differ a little.
  const beta = solved ? solved.groups.map((g) => g.beta) : goals.map(() => 0.5);
  const shifts = new Float64Array(CLASSES);
  const setShifts = () => {
    for (let j = 0; j < CLASSES; j++) {
      let m = 0;
      goals.forEach((g, k) => {
        if (j & g.bit) m += beta[k]!;
      });
      shifts[j] = m;
    }
  };
  let total = 0;
  for (let j = 0; j < CLASSES; j++) total += weights[j]!;
  const ratios = (F: Float64Array) => {
    const mean = new Float64Array(CLASSES);
    let all = 0;
    for (let j = 0; j < CLASSES; j++) {
      if (!weights[j]) continue;
      let s = 0;
      for (const e of NODES) s += Math.max(0, curve.slope(rankIn(F, e - shifts[j]!)));
      mean[j] = s / NODES.length;
      all += weights[j]! * mean[j]!;
    }
    all /= total;
    return goals.map((g) => {
      let w = 0;
      let s = 0;
      for (let j = 0; j < CLASSES; j++)
        if (j & g.bit) {
          w += weights[j]!;
          s += weights[j]! * mean[j]!;
        }
      return { share: w / total, ratio: w > 0 ? s / w / all : 1 };
    });
  };
  // Damped fixed-point iteration on log ratios: a larger β lowers the group's income.
  let F: Float64Array = new Float64Array(0);
  let r = goals.map(() => ({ share: 0, ratio: 1 }));
  for (let it = 0; it < (solved ? 0 : 40); it++) {
    setShifts();
    F = table(weights, shifts);
    r = ratios(F);
    let moved = 0;
    goals.forEach((g, k) => {
      if (r[k]!.share === 0) return;
      const step = 0.8 * (Math.log(r[k]!.ratio) - Math.log(g.f.value));
      beta[k] = Math.max(-1, Math.min(4, beta[k]! + step));
      moved = Math.max(moved, Math.abs(step));
    });
    if (moved < 1e-4) break;
  }
  setShifts();
  F = table(weights, shifts);
  r = ratios(F);
  const final = F;
  // L'(F(t)) on the same grid: smooth in t, so interpolation costs far less than the curve's powers.
  const levels = new Float64Array(STEPS + 1);
  for (let i = 0; i <= STEPS; i++) levels[i] = Math.max(0, curve.slope(F[i]!));
  return {
    area,
    shifts: shifts.slice(),
    groups: goals.map((g, k) => ({ name: g.name, bit: g.bit, target: g.f.value, tag: g.f.tag, source: g.f.source, share: r[k]!.share, achieved: r[k]!.ratio, beta: beta[k]! })),
    rank: (t) => rankIn(final, t),
    level: (t) => {
      const x = (t - T_MIN) / DT;
      if (x <= 0) return levels[0]!;
      if (x >= STEPS) return Math.max(0, curve.slope(rankIn(final, t)));
      const i = Math.floor(x);
      return levels[i]! + (x - i) * (levels[i + 1]! - levels[i]!);
    },
  };
}
