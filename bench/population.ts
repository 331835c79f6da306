/**
 * A seeded random population for benchmarks, held as the language's typed-array columns. Not
 * calibrated (that is the simulator's generator): it only has to exercise every branch of the
 * Shanghai policy in realistic proportions.
 */
import { allocPopulation, type PopulationColumns } from '../language/index.ts';

/** mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SIZES = [0.254, 0.297, 0.21, 0.132, 0.062, 0.045];

export function benchPopulation(households: number, seed = 1, region = 310000): PopulationColumns {
  const r = rng(seed);
  const sizes = new Uint8Array(households);
  let persons = 0;
  for (let h = 0; h < households; h++) {
    let u = r();
    let s = 1;
    for (const p of SIZES) {
      if (u < p) break;
      u -= p;
      s++;
    }
    sizes[h] = Math.min(s, 6);
    persons += sizes[h]!;
  }
  const pop = allocPopulation(households, persons);
  const H = pop.household;
  const P = pop.person;
  let p = 0;
  // Incomes in fen: mostly modest, a tail of low earners so that dibao, edge and 特困 cases occur.
  const money = (scale: number) => Math.floor(-Math.log(1 - r()) * scale);
  for (let h = 0; h < households; h++) {
    pop.memberStart[h] = p;
    H.weight![h] = 1;
    H.region![h] = region;
    H.area![h] = r() < 0.9 ? 0 : 1;
    H.hukou_local![h] = r() < 0.8 ? 1 : 0;
    H.residence_permit![h] = r() < 0.3 ? 1 : 0;
    H.financial_assets![h] = r() < 0.4 ? money(2_000_000) : money(40_000_000);
    H.vehicles![h] = r() < 0.75 ? 0 : 1;
    H.houses![h] = r() < 0.2 ? 0 : r() < 0.85 ? 1 : 2;
    H.medical_costs![h] = money(300_000);
    H.education_costs![h] = money(200_000);
    H.emergency_cost![h] = r() < 0.05 ? money(1_000_000) : 0;
    const last = r() < 0.05;
    H.dibao_last_month![h] = last ? 1 : 0;
    H.last_benefit![h] = last ? money(150_000) : 0;
    H.grace_months_used![h] = last ? Math.floor(r() * 8) : 0;
    for (let j = 0; j < sizes[h]!; j++, p++) {
      const age = Math.floor(r() * 90);
      const grade = r() < 0.06 ? 1 + Math.floor(r() * 4) : 0;
      P.relation![p] = j === 0 ? 0 : 1 + Math.floor(r() * 6);
      P.age![p] = age;
      P.sex![p] = r() < 0.5 ? 0 : 1;
      P.co_resident![p] = r() < 0.96 ? 1 : 0;
      P.excluded_status![p] = r() < 0.98 ? 0 : 1 + Math.floor(r() * 4);
      P.student![p] = age >= 6 && age < 22 && r() < 0.8 ? 1 : 0;
      P.work_ability![p] = grade ? 1 + Math.floor(r() * 2) : r() < 0.95 ? 0 : 2;
      P.disability_grade![p] = grade;
      P.disability_type![p] = grade ? 1 + Math.floor(r() * 7) : 0;
      P.catastrophic_illness![p] = r() < 0.02 ? 1 : 0;
      P.self_care![p] = age > 75 ? Math.floor(r() * 3) : r() < 0.97 ? 0 : 1 + Math.floor(r() * 2);
      const working = age >= 18 && age < 60 && r() < 0.75;
      P.employed![p] = working ? 1 : 0;
      P.wage_income![p] = working ? money(600_000) : 0;
      P.business_income![p] = r() < 0.1 ? money(300_000) : 0;
      P.property_income![p] = r() < 0.2 ? money(50_000) : 0;
      P.transfer_income![p] = age >= 60 ? money(300_000) : r() < 0.1 ? money(80_000) : 0;
      P.basic_pension![p] = age >= 60 ? 20_000 : 0;
      P.excluded_income![p] = r() < 0.05 ? money(20_000) : 0;
      P.has_capable_supporter![p] = r() < 0.5 ? 1 : 0;
    }
  }
  pop.memberStart[households] = p;
  return pop;
}
