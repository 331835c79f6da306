/**
 * What every run over a population needs and that does not depend on the policy: each household's
 * per-capita income and income decile, its size group, its region, computed once per population.
 */
import type { PopulationColumns } from '../../language/index.ts';

export interface Prepared {
  readonly pop: PopulationColumns;
  /** per-capita disposable income before benefits, fen per month */
  readonly income: Float64Array;
  /** 0 … 9, by per-capita income, each decile a tenth of the weighted persons */
  readonly decile: Uint8Array;
  /** members − 1, at most 5 (6+) */
  readonly sizeGroup: Uint8Array;
  readonly regionCodes: readonly string[];
  readonly regionIndex: Uint16Array;
  /** weight × members */
  readonly totalPersons: number;
  readonly totalHouseholds: number;
}

export function prepare(pop: PopulationColumns): Prepared {
  const n = pop.households;
  const P = pop.person;
  const weight = pop.household.weight!;
  const [wage, business, property, transfer, pension] = [P.wage_income!, P.business_income!, P.property_income!, P.transfer_income!, P.basic_pension!];
  const income = new Float64Array(n);
  const sizeGroup = new Uint8Array(n);
  let totalPersons = 0;
  let totalHouseholds = 0;
  for (let h = 0; h < n; h++) {
    const a = pop.memberStart[h]!;
    const b = pop.memberStart[h + 1]!;
    let sum = 0;
    for (let p = a; p < b; p++) sum += wage[p]! + business[p]! + property[p]! + transfer[p]! + pension[p]!;
    income[h] = b > a ? sum / (b - a) : 0;
    sizeGroup[h] = Math.max(0, Math.min(5, b - a - 1));
    totalPersons += weight[h]! * (b - a);
    totalHouseholds += weight[h]!;
  }
  // Deciles of persons: households in order of per-capita income (whole fen; ties by position, for
  // determinism). One numeric sort of keys income × 2^24 + position when they fit in 2^53.
  const order = new Uint32Array(n);
  let maxIncome = 0;
  for (let h = 0; h < n; h++) if (income[h]! > maxIncome) maxIncome = income[h]!;
  if (n < 2 ** 24 && Math.floor(maxIncome) < 2 ** 29) {
    const keys = new Float64Array(n);
    for (let h = 0; h < n; h++) keys[h] = Math.floor(income[h]!) * 16777216 + h;
    keys.sort();
    for (let i = 0; i < n; i++) order[i] = keys[i]! % 16777216;
  } else {
    for (let h = 0; h < n; h++) order[h] = h;
    order.sort((x, y) => Math.floor(income[x]!) - Math.floor(income[y]!) || x - y);
  }
  const decile = new Uint8Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const h = order[i]!;
    const w = weight[h]! * (pop.memberStart[h + 1]! - pop.memberStart[h]!);
    const mid = acc + w / 2;
    decile[h] = totalPersons > 0 ? Math.min(9, Math.floor((mid / totalPersons) * 10)) : 0;
    acc += w;
  }
  const codes: string[] = [];
  const index = new Map<number, number>();
  const regionIndex = new Uint16Array(n);
  const region = pop.household.region!;
  for (let h = 0; h < n; h++) {
    let i = index.get(region[h]!);
    if (i === undefined) {
      i = codes.length;
      index.set(region[h]!, i);
      codes.push(String(region[h]!).padStart(6, '0'));
    }
    regionIndex[h] = i;
  }
  return { pop, income, decile, sizeGroup, regionCodes: codes, regionIndex, totalPersons, totalHouseholds };
}
