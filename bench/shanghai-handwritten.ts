/**
 * The Shanghai policy (policies/shanghai/shanghai.doudi on the national framework) written by hand
 * over the same columns, the way an engineer would write a fast loop for one province without a
 * compiler: the baseline the compiled code is measured against. It computes every output of the
 * compiled module, in the same columns and encodings (money in fen), and must give bit-identical
 * values (checked by the benchmark).
 *
 * It is specialised to Shanghai's parameter choices, as a hand-written loop for one province would
 * be: the same standards in urban and rural areas, the fixed employment exemption, the basic
 * pension not counted (so 特困 income and countable income are the same number), the gap method,
 * no minimum benefit, no 分类施保 add-ons, no price-subsidy floor, the price subsidy not extended
 * to edge families, and Shanghai's own 无劳动能力 rule (60 and over, under 18, any disability of
 * grade 1–2, intellectual or mental grade 3, or no work ability). The numbers themselves are
 * parameters (HandParams), in force on the benchmark's date.
 *
 * One pass over the members of each household, and no allocation per household: whether a member
 * would be 特困 does not depend on the household's asset test except through a final `and`, so the
 * loop keeps the would-be 特困 members' totals apart and settles them once the member count (and so
 * the asset test) is known. The 单人户 amounts are gathered in the same pass; they only count for
 * an edge family, which implies the asset test, so their members are exactly the non-特困 members.
 * All arithmetic is on whole fen and exact.
 */
import type { PopulationColumns } from '../language/index.ts';

export interface HandParams {
  /** 低保标准, fen per month (the same in urban and rural Shanghai) */
  standard: number;
  /** 特困人员基本生活标准, fen per month */
  tekunStandard: number;
  /** 就业收入豁免额, fen per month per employed member */
  exemption: number;
  /** 最低月工资, fen per month */
  minimumWage: number;
  /** whole months */
  assetsMonths: number;
  graceMonths: number;
  /** 急难型临时救助 cap, months of the standard */
  capMonths: number;
  /** 先行救助 limit, months of the standard */
  helpFirstMonths: number;
  /** 支出型临时救助 cap, months of the standard */
  expenditureCapMonths: number;
  /** asset limits */
  maxVehicles: number;
  maxHouses: number;
  /** care fractions by self-care level (full, partial, none) as [numerator, denominator] */
  care: [number, number][];
  /** edge multiple as a fraction */
  edge: [number, number];
  /** rates as fractions */
  cpi: [number, number];
  food: [number, number];
  cpiTrigger: [number, number];
  foodTrigger: [number, number];
  /** 上年居民人均可支配收入, fen per year */
  lastYearDisposableIncome: number;
  /** 刚性支出承受比例 as a fraction of yearly income; 12 × it must be a whole number */
  rigidShare: [number, number];
  /** whether 刚性支出困难家庭 is in force on the date (evaluation_date >= rigid_hardship_from) */
  rigidHardshipInForce: boolean;
  /** 生活支出 counted in 刚性支出 as a share of the standard per member, and the 认定 share of income */
  livingRate: [number, number];
  hardshipShare: [number, number];
  /** 访视照料服务 purchase cost, fen per person per month */
  serviceCost: number;
}

export interface HandOutputs {
  tekun_persons: Int32Array;
  tekun_benefit: Float64Array;
  per_capita_income: Float64Array;
  edge_family: Uint8Array;
  dibao_status: Uint8Array;
  dibao_benefit: Float64Array;
  dibao_persons: Int32Array;
  price_subsidy: Float64Array;
  temporary_assistance: Float64Array;
  help_first: Uint8Array;
  rigid_hardship: Uint8Array;
  expenditure_assistance: Float64Array;
  total_monthly: Float64Array;
  low_income_persons: Int32Array;
  service_persons: Int32Array;
  service_cost: Float64Array;
}

export function allocHandOutputs(n: number): HandOutputs {
  return {
    tekun_persons: new Int32Array(n),
    tekun_benefit: new Float64Array(n),
    per_capita_income: new Float64Array(n),
    edge_family: new Uint8Array(n),
    dibao_status: new Uint8Array(n),
    dibao_benefit: new Float64Array(n),
    dibao_persons: new Int32Array(n),
    price_subsidy: new Float64Array(n),
    temporary_assistance: new Float64Array(n),
    help_first: new Uint8Array(n),
    rigid_hardship: new Uint8Array(n),
    expenditure_assistance: new Float64Array(n),
    total_monthly: new Float64Array(n),
    low_income_persons: new Int32Array(n),
    service_persons: new Int32Array(n),
    service_cost: new Float64Array(n),
  };
}

const ge = (a: [number, number], b: [number, number]) => a[0] * b[1] >= b[0] * a[1];
/** num/den fen rounded to the yuan (half away from zero), in fen: for the per-run constants */
const toYuan = (num: number, den: number) => (num >= 0 ? Math.round(num / (den * 100)) : 0 - Math.round(-num / (den * 100))) * 100;

// Encodings of the enum columns.
const INTELLECTUAL = 5, MENTAL = 6; // disability_type
const NO_WORK_ABILITY = 2; // work_ability
const REGULAR = 1, GRACE = 2, SINGLE = 3; // dibao_status

export function shanghaiByHand(pop: PopulationColumns, k: HandParams, out: HandOutputs): void {
  const H = pop.household;
  const P = pop.person;
  const ms = pop.memberStart;
  const assets = H.financial_assets!, vehicles = H.vehicles!, houses = H.houses!;
  const lastMonth = H.dibao_last_month!, lastBenefit = H.last_benefit!, graceUsed = H.grace_months_used!, emergency = H.emergency_cost!;
  const medical = H.medical_costs!, education = H.education_costs!;
  const coRes = P.co_resident!, excluded = P.excluded_status!, employed = P.employed!, wage = P.wage_income!;
  const business = P.business_income!, property = P.property_income!, transfer = P.transfer_income!;
  const age = P.age!, grade = P.disability_grade!, dtype = P.disability_type!, ability = P.work_ability!;
  const ill = P.catastrophic_illness!, supporter = P.has_capable_supporter!, selfCare = P.self_care!, relapse = P.relapse_monitoring!;
  const {
    tekun_persons: oTekunPersons, tekun_benefit: oTekunBenefit, per_capita_income: oPci, edge_family: oEdge,
    dibao_status: oStatus, dibao_benefit: oBenefit, dibao_persons: oPersons, price_subsidy: oPrice,
    temporary_assistance: oTemporary, help_first: oHelpFirst, rigid_hardship: oRigid,
    expenditure_assistance: oExpenditure, total_monthly: oTotal,
    low_income_persons: oLow, service_persons: oService, service_cost: oServiceCost,
  } = out;

  // Per-run constants.
  const std = k.standard;
  const exemption = k.exemption;
  const assetLimit = k.assetsMonths * std; // per member
  const maxVehicles = k.maxVehicles, maxHouses = k.maxHouses, graceMonths = k.graceMonths;
  const [edgeN, edgeD] = k.edge; // pci < edge × standard  ⇔  sum × edgeD < edgeN × standard × n
  const edgeLine = edgeN * std;
  const cpiOn = ge(k.cpi, k.cpiTrigger);
  const foodOn = ge(k.food, k.foodTrigger);
  const rate: [number, number] = cpiOn && foodOn ? (ge(k.cpi, k.food) ? k.cpi : k.food) : cpiOn ? k.cpi : foodOn ? k.food : [0, 1];
  const pricePerPerson = rate[0] > 0 ? toYuan(std * rate[0], rate[1]) : 0;
  const tekunByCare = k.care.map(([n, d]) => k.tekunStandard + toYuan(k.minimumWage * n, d));
  const tekun0 = tekunByCare[0]!, tekun1 = tekunByCare[1]!, tekun2 = tekunByCare[2]!;
  const emergencyCap = k.capMonths * std;
  const helpFirstLimit = k.helpFirstMonths * std;
  const expenditureCap = k.expenditureCapMonths * std;
  const disposable = k.lastYearDisposableIncome; // fen per year
  // Rigid spending beyond capacity = rigid spending − share × 12 × monthly income: whole fen when
  // 12 × share is a whole number (Shanghai: 50%, so 6 × the monthly income).
  const yearlyShare = (12 * k.rigidShare[0]) / k.rigidShare[1];
  if (!Number.isInteger(yearlyShare)) throw new Error('shanghaiByHand: 12 × rigidShare must be a whole number');
  const rigidOn = k.rigidHardshipInForce;
  // 刚性支出困难家庭: costs + living (standard × livingRate a member, 12 months) > 12 × income × share.
  const [livN, livD] = k.livingRate, [shareN, shareD] = k.hardshipShare;

  for (let h = 0, households = pop.households; h < households; h++) {
    const ps = ms[h]!, pe = ms[h + 1]!;
    let members = 0, allIncome = 0; // co-resident members and their countable income
    let cand = 0, candIncome = 0, candBenefit = 0; // members who are 特困 if the household passes the asset test
    let employedOther = false; // an employed member who is not such a candidate
    let singles = 0, singleAmount = 0; // 单人户 members among the others, and their amounts
    let anyRelapse = false; // a member under 防返贫 monitoring (low-income whatever else holds)
    for (let p = ps; p < pe; p++) {
      if (coRes[p] === 0 || excluded[p] !== 0) continue;
      members++;
      if (relapse[p] !== 0) anyRelapse = true;
      const w = employed[p] !== 0 ? wage[p]! - exemption : wage[p]!;
      const income = (w > 0 ? w : 0) + business[p]! + property[p]! + transfer[p]!;
      allIncome += income;
      const g = grade[p]!;
      const severe = (g >= 1 && g <= 2) || (g === 3 && (dtype[p] === INTELLECTUAL || dtype[p] === MENTAL));
      const a = age[p]!;
      if ((a >= 60 || a < 18 || severe || ability[p] === NO_WORK_ABILITY) && income < std && supporter[p] === 0) {
        cand++;
        candIncome += income;
        const c = selfCare[p];
        candBenefit += c === 0 ? tekun0 : c === 1 ? tekun1 : tekun2;
      } else {
        if (employed[p] !== 0) employedOther = true;
        if (severe || ill[p] !== 0) {
          const own = Math.round((std - income) / 100) * 100;
          if (own > 0) {
            singles++;
            singleAmount += own;
          }
        }
      }
    }

    const assetTest = members >= 1 && assets[h]! <= assetLimit * members && vehicles[h]! <= maxVehicles && houses[h]! <= maxHouses;
    let tekun = 0, tekunBenefit = 0, n = members, sum = allIncome;
    if (assetTest) {
      tekun = cand;
      tekunBenefit = candBenefit;
      n -= cand;
      sum -= candIncome;
    }
    const belowEdge = n >= 1 && sum * edgeD < edgeLine * n;
    const regular = assetTest && n >= 1 && sum < std * n;
    // A household that is not regular and passes the asset test: its dibao members are the non-candidates.
    const grace = !regular && assetTest && n >= 1 && lastMonth[h] !== 0 && employedOther && graceUsed[h]! < graceMonths;
    const edge = !regular && !grace && assetTest && belowEdge;
    let status = 0, benefit = 0, persons = 0;
    if (regular) {
      status = REGULAR;
      benefit = Math.round((std * n - sum) / 100) * 100; // (standard − pci) × n, to the yuan; positive
      persons = n;
    } else if (grace) {
      status = GRACE;
      benefit = lastBenefit[h]!;
      persons = n;
    } else if (edge && singles > 0) {
      status = SINGLE;
      benefit = singleAmount;
      persons = singles;
    }
    const price = (persons + tekun) * pricePerPerson;

    const emergencyCost = emergency[h]!;
    const eligible = emergencyCost > 0 && (status !== 0 || tekun > 0 || belowEdge);
    const temporary = eligible ? Math.round((emergencyCost < emergencyCap ? emergencyCost : emergencyCap) / 100) * 100 : 0;

    // 支出型: over all members, 特困 or not; yearly amounts in fen.
    // Both need the asset test (2018 意见; 认定办法 Art. 4); the status counts living spending too.
    let expenditure = 0, hardship = false;
    if (assetTest && 12 * allIncome < disposable * members) {
      const yearly = 12 * allIncome;
      const rigid = medical[h]! + education[h]!;
      const excess = rigid - yearlyShare * allIncome;
      if (excess > 0 && (yearly - rigid) * edgeD < edgeLine * 12 * members)
        expenditure = Math.round((excess < expenditureCap ? excess : expenditureCap) / 100) * 100;
      hardship = rigidOn && status === 0 && tekun === 0 && !edge && (rigid * livD + 12 * std * members * livN) * shareD > yearly * shareN * livD;
    }

    // The low-income population (2023 意见 二) and, among it, who needs visiting and care services
    // (not 特困 persons): a second pass over the members only where someone can be low-income.
    let low = 0, service = 0;
    if (status !== 0 || tekun > 0 || edge || hardship || anyRelapse) {
      for (let p = ps; p < pe; p++) {
        if (coRes[p] === 0 || excluded[p] !== 0) continue;
        const w = employed[p] !== 0 ? wage[p]! - exemption : wage[p]!;
        const income = (w > 0 ? w : 0) + business[p]! + property[p]! + transfer[p]!;
        const g = grade[p]!;
        const severe = (g >= 1 && g <= 2) || (g === 3 && (dtype[p] === INTELLECTUAL || dtype[p] === MENTAL));
        const a = age[p]!;
        const isTekun = assetTest && (a >= 60 || a < 18 || severe || ability[p] === NO_WORK_ABILITY) && income < std && supporter[p] === 0;
        const covered = !isTekun && (status === REGULAR || status === GRACE || (status === SINGLE && (severe || ill[p] !== 0) && Math.round((std - income) / 100) > 0));
        if (isTekun || covered || edge || hardship || relapse[p] !== 0) {
          low++;
          if (!isTekun && selfCare[p] !== 0 && (a >= 60 || a < 18 || g >= 1)) service++;
        }
      }
    }

    oTekunPersons[h] = tekun;
    oTekunBenefit[h] = tekunBenefit;
    oPci[h] = n === 0 ? 0 : sum >= 0 ? Math.round(sum / n) : 0 - Math.round(-sum / n);
    oEdge[h] = edge ? 1 : 0;
    oStatus[h] = status;
    oBenefit[h] = benefit;
    oPersons[h] = persons;
    oPrice[h] = price;
    oTemporary[h] = temporary;
    oHelpFirst[h] = eligible && temporary <= helpFirstLimit ? 1 : 0;
    oRigid[h] = hardship ? 1 : 0;
    oExpenditure[h] = expenditure;
    oTotal[h] = benefit + tekunBenefit + price;
    oLow[h] = low;
    oService[h] = service;
    oServiceCost[h] = service * k.serviceCost;
  }
}
