/**
 * Persons supported in institutions (集中供养). 特困 persons living in 敬老院 and 福利院 (特困人员供养
 * 服务设施) are not members of family households — the census counts them in collective households
 * (集体户) — so a population of family households alone leaves them out, and with them a large part
 * of the published 特困. They are drawn here as records of one person each: an older person (or an
 * adult with a grade 1–2 disability) without a capable supporter, living in an institution, with no
 * income but the central basic pension, no house, vehicle or more than a little cash.
 *
 * How many: a demographic input, fixed before any run and never compared with the result it
 * feeds — the persons MCA counts in institutional care, spread over the provinces in proportion to
 * their rural residents aged 60+ (most institutions are township 敬老院). This is MCA's own split of
 * 特困 (集中 against 分散供养) used as a count of people in a kind of dwelling, as issue 10 allows; the
 * 特困 row of `doudi validate` is therefore not independent of it, and the report says so.
 */
import type { Figure } from './figures.ts';
import type { Stream } from './random.ts';
import { cumulative } from './random.ts';
import type { Columns } from './money.ts';
import { PROVINCES, provinceHouseholds, type Province } from './provinces.ts';
import { over60Target } from './targets.ts';

const M = (value: number, source: string): Figure => ({ value, tag: 'M', source });
const A = (value: number, source: string): Figure => ({ value, tag: 'A', source });

export const INSTITUTIONS = {
  persons: M(
    1_835_000,
    'rural 五保 persons supported in institutions (集中供养) at the end of 2013: 183.5万 of 537.2万 (民政部 2013年社会服务发展统计公报, from memory, unverified), held at that level since (assumption: the 五保/特困 total fell, while 生活不能自理 特困 were moved into institutions — the 2021 goal of 50% 集中供养 for them); for scale, residential care institutions housed 285.6万 persons at the end of 2013 (MCA social service statistics, 2013 Q4 [S, a copy at app.swchina.org])',
  ),
  urban: M(0.052, 'urban 特困 among all 特困, end 2017: 0.254 m of 4.923 m (brief §7 [S]): the share of institution residents with urban hukou, in towns\' welfare homes'),
  disabledAdults: A(0.12, 'residents under 60: adults with a grade 1–2 physical or grade 1–3 intellectual or mental disability (43号 §5), the rest older persons'),
  selfCare: A(0.35, 'self-care of residents: 35% none (全失能), 35% partial, 30% full (institutions take those who cannot live alone; 特困 who can care for themselves mostly stay at home)'),
};

const SELF_CARE = cumulative([0.3, 0.35, 0.35]);

/** Real persons in institutions per real family household, by province: the national count spread by rural residents aged 60+. */
const perHousehold: Map<string, number> = (() => {
  const weight = (p: Province) => p.population.value * (1 - p.urbanShare.value) * over60Target(p, 2020).value;
  const total = PROVINCES.reduce((s, p) => s + weight(p), 0);
  return new Map(PROVINCES.map((p) => [p.code, (INSTITUTIONS.persons.value * weight(p)) / total / provinceHouseholds(p)]));
})();

/** Persons in institutions per family household of a province (the ratio a population adds records in). */
export function institutionRatio(p: Province): number {
  return perHousehold.get(p.code) ?? 0;
}

function residentAge(s: Stream): number {
  // Older residents are older than older persons at large: 60 + an exponential of mean 15 years.
  return Math.min(100, 60 + Math.floor(-Math.log(1 - s.next()) * 15));
}

/** Fills record h (one person at `q`) as a resident of an institution in `region`. */
export function fillInstitution(C: Columns, h: number, q: number, region: number, centralPension: number, s: Stream): void {
  const urban = s.chance(INSTITUTIONS.urban.value);
  const disabled = s.chance(INSTITUTIONS.disabledAdults.value);
  C.region[h] = region;
  C.area[h] = urban ? 0 : 1;
  C.hukou_area[h] = urban ? 0 : 1;
  C.hukou_local[h] = 1;
  C.residence_permit[h] = 0;
  // A little cash (a resident's savings), never a house or a vehicle.
  C.financial_assets[h] = s.chance(0.5) ? 0 : Math.round(Math.exp(Math.log(3000) + 0.8 * s.normal()) * 100);
  C.vehicles[h] = 0;
  C.houses[h] = 0;
  C.medical_costs[h] = Math.round(Math.exp(Math.log(1800) + 0.9 * s.normal()) * 100);
  C.education_costs[h] = 0;
  C.emergency_cost[h] = 0;
  C.dibao_last_month[h] = 0;
  C.last_benefit[h] = 0;
  C.grace_months_used[h] = 0;
  C.last_dibao_status[h] = 0;
  const age = disabled ? s.int(18, 59) : residentAge(s);
  C.relation[q] = 0;
  C.age[q] = age;
  C.sex[q] = s.chance(0.6) ? 0 : 1; // most 五保 residents are men who never married [assumption]
  C.co_resident[q] = 1;
  C.excluded_status[q] = 0;
  C.student[q] = 0;
  C.work_ability[q] = disabled || age >= 70 ? 2 : 1;
  C.disability_grade[q] = disabled ? s.int(1, 2) : s.chance(0.25) ? s.int(1, 4) : 0;
  C.disability_type[q] = disabled ? (s.chance(0.5) ? 1 : s.chance(0.5) ? 5 : 6) : C.disability_grade[q] ? 1 : 0;
  C.catastrophic_illness[q] = s.chance(0.03) ? 1 : 0;
  C.self_care[q] = s.pick(SELF_CARE);
  C.employed[q] = 0;
  C.wage_income[q] = 0;
  C.business_income[q] = 0;
  C.property_income[q] = 0;
  C.transfer_income[q] = 0;
  C.basic_pension[q] = age >= 60 ? centralPension : 0;
  C.excluded_income[q] = 0;
  C.has_capable_supporter[q] = 0;
  C.poverty_alleviated[q] = 0;
  C.relapse_monitoring[q] = 0;
  C.child_status[q] = 0;
  C.entitled_group[q] = 0;
  C.unemployment_insurance[q] = 0;
  C.institutional_care[q] = 1;
}
