/**
 * The population as the means test sees it. The generated (or imported) incomes are what households
 * have; an office assesses something else: part of wage, business and property income goes
 * unreported, what is reported is measured with error, and able-bodied members without work may be
 * assessed as earning an imputed wage. Each is a behaviour assumption (Behaviour), off by default,
 * documented in docs/simulator.md; the brief (§6, targeting research) asks for the gap between
 * survey income and assessed income to be explicit and adjustable.
 *
 * The assessed copy shares every column it does not change. Draws are per household from the
 * behaviour's seed and the household's index in the whole population, so a shard in a worker
 * assesses its households exactly as one engine over everything does.
 */
import type { PopulationColumns } from '../../language/index.ts';
import type { Column } from '../../language/schema/columns.ts';
import { normalQuantile, uniform3 } from '../population/random.ts';

/** Behaviour assumptions about the income the means test assesses. */
export interface Assessment {
  /** seed of the draws (the run's seed) */
  readonly seed?: number;
  /**
   * Earnings imputed to able-bodied working-age members without work (yuan a month): members aged
   * 18–59 with full work ability, not students, not employed and without wages are assessed as
   * earning this much. Off when absent.
   */
  readonly imputedEarnings?: number;
  /** the share (0 … 0.9) of wage, business and property income the means test does not see */
  readonly unreportedIncome?: number;
  /**
   * σ (0 … 1.5) of the log-normal error, mean one, with which the means test measures a household's
   * wage, business and property income: one draw per household.
   */
  readonly incomeNoise?: number;
}

/** Salt of the income-error draw: uniform3(seed, household, salt) (take-up uses 101, 104, 105). */
export const INCOME_NOISE_SALT = 106;

/** Limits of the assumptions, checked where they come in (CLI, studio). */
export const ASSESSMENT_LIMITS = { unreportedIncome: [0, 0.9], incomeNoise: [0, 1.5] } as const;

const GAP_FIELDS = ['wage_income', 'business_income', 'property_income'] as const;
const MAX_FEN = 2_000_000_000;

/** A key that is equal for two assessments exactly when they assess the same incomes. */
export function assessmentKey(a: Assessment): string {
  const gap = (a.unreportedIncome ?? 0) > 0 || (a.incomeNoise ?? 0) > 0;
  return `${a.imputedEarnings ?? 0}|${a.unreportedIncome ?? 0}|${a.incomeNoise ?? 0}|${gap ? (a.seed ?? 1) : 0}`;
}

/** Whether an assessment changes anything (else the population is assessed as recorded). */
export function assesses(a: Assessment): boolean {
  return (a.imputedEarnings ?? 0) > 0 || (a.unreportedIncome ?? 0) > 0 || (a.incomeNoise ?? 0) > 0;
}

/** The factor on household h's reported income: (1 − unreported) × exp(σz − σ²/2), z ~ N(0, 1). */
export function incomeFactor(a: Assessment, household: number): number {
  const keep = 1 - (a.unreportedIncome ?? 0);
  const s = a.incomeNoise ?? 0;
  if (s <= 0) return keep;
  // The draw is moved off 0 so that the quantile is finite.
  const u = (Math.floor(uniform3(a.seed ?? 1, household, INCOME_NOISE_SALT) * 4294967296) + 0.5) / 4294967296;
  return keep * Math.exp(s * normalQuantile(u) - (s * s) / 2);
}

/**
 * The population as assessed under `a`; `offset` is the index of its first household in the whole
 * population (a shard's). The recorded population itself when `a` changes nothing.
 */
export function assessedPopulation(pop: PopulationColumns, a: Assessment, offset = 0): PopulationColumns {
  let out = pop;
  if ((a.unreportedIncome ?? 0) > 0 || (a.incomeNoise ?? 0) > 0) out = incomeGap(out, a, offset);
  if ((a.imputedEarnings ?? 0) > 0) out = imputeEarnings(out, a.imputedEarnings!);
  return out;
}

/** Wage, business and property income of every member times the household's factor, to the fen. */
function incomeGap(pop: PopulationColumns, a: Assessment, offset: number): PopulationColumns {
  const person: Record<string, Column> = { ...pop.person };
  const copies: Column[] = [];
  for (const f of GAP_FIELDS) {
    const c = pop.person[f];
    if (c) copies.push((person[f] = c.slice()));
  }
  for (let h = 0; h < pop.households; h++) {
    const factor = incomeFactor(a, offset + h);
    for (let p = pop.memberStart[h]!; p < pop.memberStart[h + 1]!; p++) {
      for (const c of copies) if (c[p]! > 0) c[p] = Math.min(MAX_FEN, Math.round(c[p]! * factor));
    }
  }
  return { ...pop, person };
}

/**
 * The population with imputed earnings (yuan a month): a copy whose wage column gives the amount to
 * members aged 18–59 with full work ability, not students, not employed and without wages.
 */
export function imputeEarnings(pop: PopulationColumns, amount: number): PopulationColumns {
  const P = pop.person;
  const wage = Int32Array.from(P.wage_income!);
  const fen = Math.round(amount * 100);
  for (let p = 0; p < wage.length; p++) {
    const age = P.age![p]!;
    if (age >= 18 && age <= 59 && P.work_ability![p] === 0 && !P.student![p] && !P.employed![p] && wage[p] === 0) wage[p] = fen;
  }
  return { ...pop, person: { ...P, wage_income: wage } };
}
