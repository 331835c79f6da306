/**
 * The Shanghai reference policy written by hand over the same columns, the way an engineer would
 * write a fast loop without a compiler: the baseline the compiled code is measured against.
 * It must give the same outputs as the compiled module (checked by the benchmark and a test).
 */
import type { PopulationColumns } from '../language/index.ts';

export interface HandParams {
  /** fen per month */
  standard: number;
  tekunStandard: number;
  exemption: number;
  minimumWage: number;
  /** whole months */
  assetsMonths: number;
  graceMonths: number;
  capMonths: number;
  /** care fractions by self-care level (full, partial, none) as [numerator, denominator] */
  care: [number, number][];
  /** edge multiple as a fraction */
  edge: [number, number];
  /** rates as fractions */
  cpi: [number, number];
  food: [number, number];
  cpiTrigger: [number, number];
  foodTrigger: [number, number];
}

export interface HandOutputs {
  dibao_status: Uint8Array;
  dibao_benefit: Float64Array;
  dibao_persons: Int32Array;
  per_capita_income: Float64Array;
  edge_family: Uint8Array;
  tekun_persons: Int32Array;
  tekun_benefit: Float64Array;
  price_subsidy: Float64Array;
  temporary_assistance: Float64Array;
  help_first: Uint8Array;
  total_monthly: Float64Array;
}

export function allocHandOutputs(n: number): HandOutputs {
  return {
    dibao_status: new Uint8Array(n),
    dibao_benefit: new Float64Array(n),
    dibao_persons: new Int32Array(n),
    per_capita_income: new Float64Array(n),
    edge_family: new Uint8Array(n),
    tekun_persons: new Int32Array(n),
    tekun_benefit: new Float64Array(n),
    price_subsidy: new Float64Array(n),
    temporary_assistance: new Float64Array(n),
    help_first: new Uint8Array(n),
    total_monthly: new Float64Array(n),
  };
}

const ge = (a: [number, number], b: [number, number]) => a[0] * b[1] >= b[0] * a[1];

export function shanghaiByHand(pop: PopulationColumns, k: HandParams, out: HandOutputs): void {
  const H = pop.household;
  const P = pop.person;
  const ms = pop.memberStart;
  const assets = H.financial_assets!, vehicles = H.vehicles!, houses = H.houses!;
  const lastMonth = H.dibao_last_month!, lastBenefit = H.last_benefit!, graceUsed = H.grace_months_used!, emergency = H.emergency_cost!;
  const coRes = P.co_resident!, excluded = P.excluded_status!, employed = P.employed!, wage = P.wage_income!;
  const business = P.business_income!, property = P.property_income!, transfer = P.transfer_income!;
  const age = P.age!, grade = P.disability_grade!, dtype = P.disability_type!, ability = P.work_ability!;
  const ill = P.catastrophic_illness!, supporter = P.has_capable_supporter!, selfCare = P.self_care!;
  const std = k.standard;

  // Per-run constants: the price rate and the per-person subsidy, the care amounts by level.
  const cpiOn = ge(k.cpi, k.cpiTrigger);
  const foodOn = ge(k.food, k.foodTrigger);
  const rate: [number, number] = cpiOn && foodOn ? (ge(k.cpi, k.food) ? k.cpi : k.food) : cpiOn ? k.cpi : foodOn ? k.food : [0, 1];
  const pricePerPerson = Math.round((std * rate[0]) / (rate[1] * 100)) * 100;
  const tekunAmount = k.care.map(([n, d]) => k.tekunStandard + Math.round((k.minimumWage * n) / (d * 100)) * 100);
  const cap = k.capMonths * std;

  const income = new Float64Array(64);
  const flags = new Uint8Array(64); // 1 member, 2 特困
  for (let h = 0; h < pop.households; h++) {
    const ps = ms[h]!, pe = ms[h + 1]!;
    let members = 0;
    for (let p = ps, j = 0; p < pe; p++, j++) {
      const w = wage[p]! - (employed[p] ? k.exemption : 0);
      income[j] = (w > 0 ? w : 0) + business[p]! + property[p]! + transfer[p]!;
      const m = coRes[p] === 1 && excluded[p] === 0;
      flags[j] = m ? 1 : 0;
      if (m) members++;
    }
    const assetTest = members >= 1 && assets[h]! <= k.assetsMonths * std * members && vehicles[h] === 0 && houses[h]! <= 1;
    let tekun = 0, tekunBenefit = 0, n = 0, sum = 0, employedMember = false;
    for (let p = ps, j = 0; p < pe; p++, j++) {
      if (flags[j] === 0) continue;
      const a = age[p]!, g = grade[p]!, t = dtype[p]!;
      const noCapacity = a >= 60 || a < 18 || (g >= 1 && g <= 2) || ((t === 5 || t === 6) && g === 3) || ability[p] === 2;
      if (noCapacity && income[j]! < std && supporter[p] === 0 && assetTest) {
        flags[j] = 3;
        tekun++;
        tekunBenefit += tekunAmount[selfCare[p]!]!;
      } else {
        n++;
        sum += income[j]!;
        if (employed[p]) employedMember = true;
      }
    }
    const regular = n >= 1 && sum < std * n && assetTest;
    const grace = !regular && n >= 1 && lastMonth[h] === 1 && employedMember && assetTest && graceUsed[h]! < k.graceMonths;
    const edge = n >= 1 && !regular && !grace && assetTest && sum * k.edge[1] < k.edge[0] * std * n;
    let status = 0, benefit = 0, persons = 0;
    if (regular) {
      status = 1;
      benefit = Math.round((std * n - sum) / 100) * 100;
      persons = n;
    } else if (grace) {
      status = 2;
      benefit = lastBenefit[h]!;
      persons = n;
    } else if (edge) {
      let singles = 0, amount = 0;
      for (let p = ps, j = 0; p < pe; p++, j++) {
        if (flags[j] !== 1) continue;
        const g = grade[p]!, t = dtype[p]!;
        if (!((g >= 1 && g <= 2) || ((t === 5 || t === 6) && g === 3) || ill[p] === 1)) continue;
        const own = Math.round(Math.max(0, std - income[j]!) / 100) * 100;
        if (own > 0) {
          singles++;
          amount += own;
        }
      }
      if (singles > 0) {
        status = 3;
        benefit = amount;
        persons = singles;
      }
    }
    const price = (persons + tekun) * pricePerPerson;
    const cost = emergency[h]!;
    const eligible = cost > 0 && (status !== 0 || tekun > 0 || (n >= 1 && sum * k.edge[1] < k.edge[0] * std * n));
    const temporary = eligible ? Math.round(Math.min(cost, cap) / 100) * 100 : 0;
    out.dibao_status[h] = status;
    out.dibao_benefit[h] = benefit;
    out.dibao_persons[h] = persons;
    out.per_capita_income[h] = n > 0 ? Math.round(sum / n) : 0;
    out.edge_family[h] = edge ? 1 : 0;
    out.tekun_persons[h] = tekun;
    out.tekun_benefit[h] = tekunBenefit;
    out.price_subsidy[h] = price;
    out.temporary_assistance[h] = temporary;
    out.help_first[h] = eligible && temporary <= 2 * std ? 1 : 0;
    out.total_monthly[h] = benefit + tekunBenefit + price;
  }
}
