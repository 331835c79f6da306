/**
 * One household's columns once its members are drawn: its income rank (the copula) and level (the
 * Lorenz curve at the province's mean), employment, the split of its income by source before
 * assistance, hukou, supporters, the version 2 flags, assets and costs.
 *
 * The level drawn is per-capita disposable income as the survey measures it, which includes any
 * assistance the household received. The means test must see income before assistance, so the
 * assistance part of the household's transfers (an assumption: half of them near zero income,
 * none from twice the area's standard) is moved to `excluded_income` — the schema's place for
 * assistance benefits, which no rule counts. Of the resident basic pension only the centrally set
 * minimum is `basic_pension`; local top-ups are counted transfers.
 */
import type { PopulationColumns } from '../../language/index.ts';
import type { Stream } from './random.ts';
import { ASSUMPTIONS as A, type YearTargets } from './targets.ts';
import type { LorenzCurve } from './lorenz.ts';
import type { Copula } from './copula.ts';
import type { Province } from './provinces.ts';
import { SPOUSE, type Members } from './household.ts';
import { ALLEVIATION_PROVINCES, childStatus, hukou, supporters } from './people.ts';

/** The generated columns as typed fields of one fixed shape (a hot loop reads them; a string-keyed record would not stay fast). */
export interface Columns {
  readonly weight: Float64Array;
  readonly region: Int32Array;
  readonly area: Uint8Array;
  readonly hukou_local: Uint8Array;
  readonly residence_permit: Uint8Array;
  readonly financial_assets: Float64Array;
  readonly vehicles: Uint16Array;
  readonly houses: Uint16Array;
  readonly medical_costs: Int32Array;
  readonly education_costs: Int32Array;
  readonly emergency_cost: Int32Array;
  readonly dibao_last_month: Uint8Array;
  readonly last_benefit: Int32Array;
  readonly grace_months_used: Uint8Array;
  readonly hukou_area: Uint8Array;
  readonly last_dibao_status: Uint8Array;
  readonly relation: Uint8Array;
  readonly age: Uint8Array;
  readonly sex: Uint8Array;
  readonly co_resident: Uint8Array;
  readonly excluded_status: Uint8Array;
  readonly student: Uint8Array;
  readonly work_ability: Uint8Array;
  readonly disability_grade: Uint8Array;
  readonly disability_type: Uint8Array;
  readonly catastrophic_illness: Uint8Array;
  readonly self_care: Uint8Array;
  readonly employed: Uint8Array;
  readonly wage_income: Int32Array;
  readonly business_income: Int32Array;
  readonly property_income: Int32Array;
  readonly transfer_income: Int32Array;
  readonly basic_pension: Int32Array;
  readonly excluded_income: Int32Array;
  readonly has_capable_supporter: Uint8Array;
  readonly poverty_alleviated: Uint8Array;
  readonly relapse_monitoring: Uint8Array;
  readonly child_status: Uint8Array;
  readonly entitled_group: Uint8Array;
  readonly unemployment_insurance: Uint8Array;
  readonly institutional_care: Uint8Array;
}

export function columnsOf(pop: PopulationColumns): Columns {
  const H = pop.household;
  const P = pop.person;
  return {
    weight: H.weight as Float64Array,
    region: H.region as Int32Array,
    area: H.area as Uint8Array,
    hukou_local: H.hukou_local as Uint8Array,
    residence_permit: H.residence_permit as Uint8Array,
    financial_assets: H.financial_assets as Float64Array,
    vehicles: H.vehicles as Uint16Array,
    houses: H.houses as Uint16Array,
    medical_costs: H.medical_costs as Int32Array,
    education_costs: H.education_costs as Int32Array,
    emergency_cost: H.emergency_cost as Int32Array,
    dibao_last_month: H.dibao_last_month as Uint8Array,
    last_benefit: H.last_benefit as Int32Array,
    grace_months_used: H.grace_months_used as Uint8Array,
    hukou_area: H.hukou_area as Uint8Array,
    last_dibao_status: H.last_dibao_status as Uint8Array,
    relation: P.relation as Uint8Array,
    age: P.age as Uint8Array,
    sex: P.sex as Uint8Array,
    co_resident: P.co_resident as Uint8Array,
    excluded_status: P.excluded_status as Uint8Array,
    student: P.student as Uint8Array,
    work_ability: P.work_ability as Uint8Array,
    disability_grade: P.disability_grade as Uint8Array,
    disability_type: P.disability_type as Uint8Array,
    catastrophic_illness: P.catastrophic_illness as Uint8Array,
    self_care: P.self_care as Uint8Array,
    employed: P.employed as Uint8Array,
    wage_income: P.wage_income as Int32Array,
    business_income: P.business_income as Int32Array,
    property_income: P.property_income as Int32Array,
    transfer_income: P.transfer_income as Int32Array,
    basic_pension: P.basic_pension as Int32Array,
    excluded_income: P.excluded_income as Int32Array,
    has_capable_supporter: P.has_capable_supporter as Uint8Array,
    poverty_alleviated: P.poverty_alleviated as Uint8Array,
    relapse_monitoring: P.relapse_monitoring as Uint8Array,
    child_status: P.child_status as Uint8Array,
    entitled_group: P.entitled_group as Uint8Array,
    unemployment_insurance: P.unemployment_insurance as Uint8Array,
    institutional_care: P.institutional_care as Uint8Array,
  };
}

export interface MoneyContext {
  readonly year: number;
  readonly urban: boolean;
  readonly province: Province;
  /** the area's mean per-capita income in the province × the spread's c, yuan a year */
  readonly mean: number;
  /** the province's spread: income = mean × L'(U)^θ (income.ts) */
  readonly theta: number;
  readonly median: number;
  readonly curve: LorenzCurve;
  readonly copula: Copula;
  /** the generator's assumed dibao standard, yuan a month (income.ts) */
  readonly standard: number;
  /** income rank below which a household is under the edge line */
  readonly lowRank: number;
  /** chance that a household not only of older persons is a migrant household */
  readonly migrantRate: number;
  /** the central basic pension, fen a month */
  readonly centralPension: number;
  readonly sources: YearTargets['sources'];
  /** the city registers no rural hukou (Shenzhen since 2004): local households' hukou is urban */
  readonly noRuralHukou?: boolean;
}

const MAX = 2_000_000_000;
const fen = (yuanPerYear: number) => Math.min(MAX, Math.max(0, Math.round((yuanPerYear * 100) / 12)));

// Scratch arrays reused from household to household (no allocation per household).
const splits = new Float64Array(8);
const status = new Uint8Array(8);
const supported = new Uint8Array(8);

export function fillHousehold(C: Columns, h: number, start: number, m: Members, c: MoneyContext, people: Stream, money: Stream): void {
  const H = C;
  const P = C;
  const size = m.count;
  const bits = m.hardship();

  // Rank and level: U = F(ε − m_class); income = mean × L'(U).
  const t = money.normal() - c.copula.shifts[bits]!;
  const rank = c.copula.rank(t);
  const level = c.mean * c.copula.level(t) ** c.theta;
  const total = level * size;

  // Hukou: migrants are households of working age in towns (a household of older persons only stays local).
  const migrant = c.urban && !(bits & 1) && people.chance(c.migrantRate);
  const hk = hukou(c.urban, migrant, people);
  H.hukou_local[h] = hk.local;
  // The draw is made either way, so that the household's later draws do not move.
  H.hukou_area[h] = c.noRuralHukou && hk.local ? 0 : hk.area;
  H.residence_permit[h] = hk.permit;
  const ruralHukou = H.hukou_area[h] === 1;
  const alleviation = ruralHukou && ALLEVIATION_PROVINCES.has(c.province.code.slice(0, 2));
  const alleviated = alleviation && rank < 0.4 && people.chance(A.povertyAlleviated.value);
  const monitored = alleviation && rank < 0.2 && people.chance(A.relapseMonitoring.value);

  childStatus(m, people, status);
  supporters(m, status, { rank, lowRank: c.lowRank }, people, supported);

  // Members' own fields.
  const pensionShare = c.urban ? 0.3 : 1;
  const central = c.centralPension;
  let workers = 0;
  let elders = 0;
  let entitled = -1;
  let unemployed = -1;
  for (let i = 0; i < size; i++) {
    const q = start + i;
    const age = m.age[i]!;
    const ability = m.ability[i]!;
    const student = m.student[i]!;
    const working = !student && age >= 18 && ability < 2 && people.chance(age < 60 ? (ability === 0 ? A.employmentFullAbility.value : 0.4) : age < 70 ? A.employmentElderly.value : 0.03);
    if (working) workers++;
    if (age >= 60) elders++;
    P.relation[q] = m.relation[i]!;
    P.age[q] = age;
    P.sex[q] = m.relation[i] === SPOUSE ? 1 - P.sex[start]! : people.chance(0.5) ? 0 : 1;
    P.co_resident[q] = people.chance(0.98) ? 1 : 0;
    P.excluded_status[q] = people.chance(0.005) ? people.int(1, 4) : 0;
    P.student[q] = student;
    P.work_ability[q] = ability;
    P.disability_grade[q] = m.grade[i]!;
    P.disability_type[q] = m.type[i]!;
    P.catastrophic_illness[q] = m.ill[i]!;
    P.self_care[q] = m.care[i]!;
    P.employed[q] = working ? 1 : 0;
    const resident = age >= 60 && people.chance(pensionShare);
    P.basic_pension[q] = resident ? central : 0;
    P.has_capable_supporter[q] = supported[i]!;
    P.poverty_alleviated[q] = alleviated ? 1 : 0;
    P.relapse_monitoring[q] = monitored ? 1 : 0;
    P.child_status[q] = status[i]!;
    const isEntitled = age >= 18 && people.chance(A.entitledGroup.value * (age >= 60 ? 2 : 0.6));
    P.entitled_group[q] = isEntitled ? 1 : 0;
    if (isEntitled && entitled < 0) entitled = q;
    const ui = c.urban && !working && !student && age >= 18 && age < 60 && ability === 0 && people.chance(A.unemploymentInsurance.value);
    P.unemployment_insurance[q] = ui ? 1 : 0;
    if (ui && unemployed < 0) unemployed = q;
    // Members of family households live at home; residents of institutions are records of their own (institutions.ts).
    P.institutional_care[q] = 0;
    P.wage_income[q] = 0;
    P.business_income[q] = 0;
    P.property_income[q] = 0;
    P.transfer_income[q] = 0;
    P.excluded_income[q] = 0;
  }

  // Income by source: wages go to workers, business and property to the head, transfers to
  // elders first; a household without workers takes its income from the other sources.
  const shares = c.sources;
  const wShare = workers ? shares.wages.value * (0.9 + 0.8 * money.next()) * (1 + 0.15 * (workers - 1)) : 0;
  const bShare = shares.business.value * (c.urban ? 0.8 : 1.8) * (0.3 + 1.4 * money.next());
  const relative = c.median > 0 ? level / c.median : 0;
  const pShare = shares.property.value * (0.15 + 1.1 * money.next()) * Math.min(2, 0.5 + 0.5 * relative);
  const tShare = shares.transfers.value * (0.5 + money.next()) * (elders ? 1 + 0.5 * elders : 0.35);
  const sum = wShare + bShare + pShare + tShare;
  const wages = (total * wShare) / sum;
  // Transfers as the survey has them: pensions (the central part apart), support, benefits, and
  // any assistance received, which is taken out (module comment).
  let transfers = (total * tShare) / sum;
  const assistance = transfers * A.assistanceInSurveyIncome.value * Math.max(0, 1 - level / (2 * 12 * c.standard));
  transfers -= assistance;
  let centralYear = 0;
  for (let q = start; q < start + size; q++) centralYear += (P.basic_pension[q]! / 100) * 12;
  transfers = Math.max(0, transfers - centralYear);
  // Unemployment insurance and 优待抚恤 come out of the same pot.
  if (unemployed >= 0) {
    const benefit = Math.min(transfers, 0.4 * c.median);
    P.transfer_income[unemployed] = fen(benefit);
    transfers -= benefit;
  }
  let excludedHead = assistance;
  if (entitled >= 0) {
    const pension = Math.min(transfers, 6000);
    P.excluded_income[entitled] = fen(pension);
    transfers -= pension;
  }
  // Local top-ups of the resident pension stay in `transfers`: they are counted income.
  let workerIndex = 0;
  let splitSum = 0;
  for (let i = 0; i < workers; i++) splitSum += splits[i] = 0.5 + money.next();
  for (let i = 0; i < size; i++) {
    const q = start + i;
    const age = m.age[i]!;
    if (P.employed[q]) P.wage_income[q] = fen((wages * splits[workerIndex++]!) / splitSum);
    if (i === 0) {
      P.business_income[q] = fen((total * bShare) / sum);
      P.property_income[q] = fen((total * pShare) / sum);
    }
    const elderShare = elders ? (age >= 60 ? 1 / elders : 0) : i === 0 ? 1 : 0;
    P.transfer_income[q] = P.transfer_income[q]! + fen(transfers * elderShare);
    if (i === 0) {
      P.excluded_income[q] = P.excluded_income[q]! + fen(excludedHead);
      excludedHead = 0;
    }
    if (P.student[q] && money.chance(0.1)) P.excluded_income[q] = P.excluded_income[q]! + fen(money.int(1000, 8000));
  }

  // Assets and costs rise with income.
  H.financial_assets[h] = money.chance(0.08) ? 0 : Math.min(MAX, Math.round(total * A.assetsMedianYearsOfIncome.value * Math.exp(0.9 * money.normal() + 0.3 * Math.log(Math.max(relative, 1e-3))) * 100));
  H.vehicles[h] = money.chance(1 / (1 + Math.exp(-(1.6 * Math.log(Math.max(relative, 1e-3)) + (c.urban ? -0.2 : -0.9))))) ? (money.chance(0.12) ? 2 : 1) : 0;
  H.houses[h] = money.chance(c.urban ? 0.18 : 0.05) ? 0 : money.chance(Math.min(0.5, 0.08 * relative)) ? 2 : 1;
  let medical = 0;
  let education = 0;
  for (let i = 0; i < size; i++) {
    const age = m.age[i]!;
    medical += Math.exp(Math.log(age >= 60 ? 1800 : 500) + 0.9 * money.normal()) * (m.ill[i] ? 12 : 1);
    if (m.student[i]) education += Math.exp(Math.log(age <= 15 ? 2500 : 9000) + 0.6 * money.normal());
  }
  H.medical_costs[h] = Math.min(MAX, Math.round(medical * 100));
  H.education_costs[h] = Math.min(MAX, Math.round(education * 100));
  H.emergency_cost[h] = money.chance(A.emergencyMonthlyChance.value) ? Math.min(MAX, Math.round(Math.exp(Math.log(6000) + 0.8 * money.normal()) * 100)) : 0;
  H.dibao_last_month[h] = 0;
  H.last_benefit[h] = 0;
  H.grace_months_used[h] = 0;
  H.last_dibao_status[h] = 0;
}
