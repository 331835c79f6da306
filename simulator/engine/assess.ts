/**
 * The population as the means test sees it. The generated (or imported) incomes are what households
 * have; an office assesses something else: part of wage, business and property income goes
 * unreported, what is reported is measured with error, and able-bodied members without work may be
 * assessed as earning an imputed wage. Each is a behaviour assumption (Behaviour), off by default,
 * documented in docs/simulator.md; the brief (§6, targeting research) asks for the gap between
 * survey income and assessed income to be explicit and adjustable.
 *
 * The assessed copy shares every column it does not change. Draws are per household from the
 * behaviour's seed and the household's draw key (keys.ts, from its id), so a shard in a worker
 * assesses its households exactly as one engine over everything does, in any order.
 */
import { rational, type Column, type PopulationColumns } from '../../language/index.ts';
import { normalQuantile, uniform3 } from '../population/random.ts';
import type { Assessment } from '../types.ts';

/** Salt of the income-error draw: uniform3(seed, household, salt) (take-up uses 101, 104, 105). */
export const INCOME_NOISE_SALT = 106;

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

/** The factor on a household's reported income, by its draw key: (1 − unreported) × exp(σz − σ²/2), z ~ N(0, 1). */
export function incomeFactor(a: Assessment, key: number): number {
  const keep = 1 - (a.unreportedIncome ?? 0);
  const s = a.incomeNoise ?? 0;
  if (s <= 0) return keep;
  // The draw is moved off 0 so that the quantile is finite.
  const u = (Math.floor(uniform3(a.seed ?? 1, key, INCOME_NOISE_SALT) * 4294967296) + 0.5) / 4294967296;
  return keep * Math.exp(s * normalQuantile(u) - (s * s) / 2);
}

/**
 * The population as assessed under `a`; `keys` are its households' draw keys (Prepared.key, or a
 * shard's). The recorded population itself when `a` changes nothing.
 */
export function assessedPopulation(pop: PopulationColumns, a: Assessment, keys: Uint32Array): PopulationColumns {
  let out = pop;
  if ((a.unreportedIncome ?? 0) > 0 || (a.incomeNoise ?? 0) > 0) out = incomeGap(out, a, keys);
  if ((a.imputedEarnings ?? 0) > 0) out = imputeEarnings(out, a.imputedEarnings!);
  return out;
}

/**
 * The reported share 1 − unreported as an exact fraction n/d of integers: the rate is a decimal (a
 * setting such as 20% or 0.125), read from its shortest decimal text, with at most six decimals so
 * that an amount in fen times n stays an exact integer.
 */
export function reportedShare(unreported: number): { n: number; d: number } {
  const r = rational.fromDecimalNumber(unreported);
  if (r.d > 1_000_000n) throw new Error(`unreported income ${unreported}: at most six decimals`);
  const keep = rational.sub(rational.ONE, r);
  return { n: Number(keep.n), d: Number(keep.d) };
}

/**
 * Wage, business and property income of every member as the means test sees it, to the fen:
 * without measurement error, exactly amount × (1 − unreported) rounded half away from zero (the
 * language's rounding, so a SQL engine gives the same fen); with it, times the household's drawn
 * factor and rounded to the fen.
 */
function incomeGap(pop: PopulationColumns, a: Assessment, keys: Uint32Array): PopulationColumns {
  const person: Record<string, Column> = { ...pop.person };
  const copies: Column[] = [];
  for (const f of GAP_FIELDS) {
    const c = pop.person[f];
    if (c) copies.push((person[f] = c.slice()));
  }
  const noise = (a.incomeNoise ?? 0) > 0;
  const { n, d } = reportedShare(a.unreportedIncome ?? 0);
  for (let h = 0; h < pop.households; h++) {
    const factor = noise ? incomeFactor(a, keys[h]!) : 0;
    for (let p = pop.memberStart[h]!; p < pop.memberStart[h + 1]!; p++) {
      for (const c of copies) {
        const x = c[p]!;
        if (x <= 0) continue;
        c[p] = noise ? Math.min(MAX_FEN, Math.round(x * factor)) : Math.floor((2 * x * n + d) / (2 * d));
      }
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
