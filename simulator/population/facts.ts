/**
 * Facts about each household of a population read back from its columns — size, survey income,
 * income before assistance, hardship bits — and person-weighted summaries of a distribution. The
 * calibration report and the tests use them on any population, synthetic or read from files.
 */
import type { PopulationColumns } from '../../language/index.ts';
import { DISABLED, SEVERE, ELDERLY_ONLY, NO_WORKER, ILL, SINGLE_PARENT, SPOUSE, CHILD } from './household.ts';

export interface HouseholdFacts {
  readonly size: Uint8Array;
  /** per-capita disposable income as the survey measures it (assistance included), yuan a year */
  readonly disposable: Float64Array;
  /** per-capita income before assistance (what the means test may see), yuan a year */
  readonly preAssistance: Float64Array;
  /** hardship bits (household.ts) */
  readonly hardship: Uint8Array;
}

export function householdFacts(pop: PopulationColumns): HouseholdFacts {
  const n = pop.households;
  const P = pop.person;
  const size = new Uint8Array(n);
  const disposable = new Float64Array(n);
  const preAssistance = new Float64Array(n);
  const hardship = new Uint8Array(n);
  for (let h = 0; h < n; h++) {
    const a = pop.memberStart[h]!;
    const b = pop.memberStart[h + 1]!;
    let before = 0;
    let excluded = 0;
    let elderly = 0;
    let able = 0;
    let bits = 0;
    let spouse = false;
    let minorChild = false;
    for (let p = a; p < b; p++) {
      before += P.wage_income![p]! + P.business_income![p]! + P.property_income![p]! + P.transfer_income![p]! + P.basic_pension![p]!;
      excluded += P.excluded_income![p]!;
      const age = P.age![p]!;
      if (age >= 60) elderly++;
      else if (age >= 16 && P.work_ability![p] !== 2 && !P.student![p]) able++;
      const grade = P.disability_grade![p]!;
      if (grade) bits |= DISABLED;
      if (grade === 1 || grade === 2) bits |= SEVERE;
      if (P.catastrophic_illness![p]) bits |= ILL;
      if (P.relation![p] === SPOUSE) spouse = true;
      if (P.relation![p] === CHILD && age < 18) minorChild = true;
    }
    const k = b - a;
    if (k > 0 && elderly === k) bits |= ELDERLY_ONLY;
    else if (able === 0) bits |= NO_WORKER;
    if (!spouse && minorChild && k > 0 && P.age![a]! >= 18 && P.age![a]! < 60) bits |= SINGLE_PARENT;
    size[h] = k;
    hardship[h] = bits;
    preAssistance[h] = k > 0 ? (before * 12) / 100 / k : 0;
    disposable[h] = k > 0 ? ((before + excluded) * 12) / 100 / k : 0;
  }
  return { size, disposable, preAssistance, hardship };
}

/** Person-weighted mean, median and quintile means of per-capita income over the chosen households. */
export function distribution(income: Float64Array, size: Uint8Array, keep: (h: number) => boolean) {
  const idx: number[] = [];
  for (let h = 0; h < income.length; h++) if (keep(h) && size[h]! > 0) idx.push(h);
  idx.sort((a, b) => income[a]! - income[b]! || a - b);
  const total = idx.reduce((s, h) => s + size[h]!, 0);
  let acc = 0;
  let mean = 0;
  let median = 0;
  const qsum = [0, 0, 0, 0, 0];
  const qn = [0, 0, 0, 0, 0];
  for (const h of idx) {
    const w = size[h]!;
    const before = acc;
    acc += w;
    mean += income[h]! * w;
    if (before < total / 2 && acc >= total / 2) median = income[h]!;
    const k = Math.min(4, Math.floor(((before + acc) / 2 / total) * 5));
    qsum[k]! += income[h]! * w;
    qn[k]! += w;
  }
  return { mean: total ? mean / total : 0, median, quintiles: qsum.map((s, k) => s / (qn[k] || 1)), persons: total };
}
