/**
 * Synthetic populations: seeded, deterministic households and members in the schema's columns,
 * calibrated to the published statistics of targets.ts. Each household draws from its own
 * stream (seed, household index), so household h is the same whatever the population size, and
 * generation can be split across workers.
 *
 * The joint structure is explicit and simple: one income level per household (members' incomes
 * move together), elderly and disabled members work less, assets and vehicles rise with income,
 * supporters are more likely where other adults of the household work.
 */
import { allocPopulation, type PopulationColumns } from '../../language/index.ts';
import { streamFor, cumulative, type Stream } from './random.ts';
import { yearTargets, regionProfile, HOUSEHOLD_SIZE, ASSUMPTIONS, type IncomeTargets, type RegionProfile } from './targets.ts';

export class PopulationError extends Error {}

export interface GenerateOptions {
  /** 6-digit region code; 100000 is the whole country */
  readonly region: string;
  readonly year: number;
  readonly households: number;
  readonly seed: number;
  /** real households the population stands for; required for a region without a known total */
  readonly realHouseholds?: number;
}

export interface PopulationMeta {
  readonly region: string;
  readonly regionName: string;
  readonly year: number;
  readonly seed: number;
  readonly households: number;
  readonly persons: number;
  /** real households each record stands for */
  readonly weight: number;
  readonly realHouseholds: number;
  /** where the generator stood in for missing figures */
  readonly notes: readonly string[];
}

export interface SyntheticPopulation {
  readonly columns: PopulationColumns;
  readonly meta: PopulationMeta;
}

// Purposes: independent streams per household.
const P_SHAPE = 1;
const P_PEOPLE = 2;
const P_MONEY = 3;

const SIZE_CUMULATIVE = cumulative(HOUSEHOLD_SIZE.shares.map((f) => f.value));

/**
 * The distribution of per-capita income of one area: a quantile function through five knots
 * (at the middle of each quintile), log-linear between them and beyond, with the knots solved so
 * that the five quintile means equal the published ones. Draws are Q(u) for uniform u.
 */
export class IncomeDistribution {
  private readonly logs: readonly number[];
  private constructor(private readonly knots: readonly number[]) {
    this.logs = knots.map(Math.log);
  }

  static readonly AT = [0.1, 0.3, 0.5, 0.7, 0.9];

  quantile(u: number): number {
    // Knots 0.2 apart: segment i covers [0.1 + 0.2 i, 0.3 + 0.2 i], the ends extended.
    const i = u <= 0.3 ? 0 : u <= 0.5 ? 1 : u <= 0.7 ? 2 : 3;
    const t = (u - 0.1 - 0.2 * i) * 5;
    const l = this.logs;
    return Math.exp(l[i]! + t * (l[i + 1]! - l[i]!));
  }

  /** Quintile means by numerical integration. */
  quintileMeans(): number[] {
    const out = [0, 0, 0, 0, 0];
    const steps = 400;
    for (let q = 0; q < 5; q++) {
      let s = 0;
      for (let i = 0; i < steps; i++) s += this.quantile((q + (i + 0.5) / steps) / 5);
      out[q] = s / steps;
    }
    return out;
  }

  scaled(factor: number): IncomeDistribution {
    return new IncomeDistribution(this.knots.map((k) => k * factor));
  }

  /** Solves the knots for the quintile means (fixed-point iteration; converges in a few dozen steps). */
  static fit(quintiles: readonly number[]): IncomeDistribution {
    let d = new IncomeDistribution(quintiles);
    for (let it = 0; it < 60; it++) {
      const m = d.quintileMeans();
      d = new IncomeDistribution(d.knots.map((k, i) => k * (quintiles[i]! / m[i]!)));
    }
    return d;
  }
}

/**
 * An area's distribution for a year: the shape of its quintiles (its own, or 2022's when the year
 * has none), scaled so that the mean is the published mean. The urban and rural quintiles are
 * from memory (M) and their average is a few per cent above the official (S) means: the means win.
 */
export function incomeDistribution(t: IncomeTargets, shape: IncomeTargets): IncomeDistribution {
  const quintiles = (t.quintiles ?? shape.quintiles!).map((q) => q.value);
  const implied = quintiles.reduce((a, b) => a + b, 0) / 5;
  return IncomeDistribution.fit(quintiles).scaled(t.mean.value / implied);
}

interface Member {
  relation: number;
  age: number;
}

// relation codes in the schema's order: head spouse child parent grandchild sibling other
const HEAD = 0;
const SPOUSE = 1;
const CHILD = 2;
const PARENT = 3;
const GRANDCHILD = 4;

function elderlyAge(s: Stream): number {
  return Math.min(100, 60 + Math.floor(-Math.log(1 - s.next()) * 12.5));
}

/** Who lives in a household of `size` members: relations and ages. */
function composition(size: number, urban: boolean, s: Stream, out: Member[]): number {
  let k = 0;
  const put = (relation: number, age: number) => {
    const m = out[k++]!;
    m.relation = relation;
    m.age = age;
  };
  if (size === 1) {
    put(HEAD, s.chance(urban ? 0.3 : 0.4) ? elderlyAge(s) : s.int(20, 59));
    return k;
  }
  const u = s.next();
  if (size === 2) {
    if (u < 0.46) {
      const a = s.int(22, 59);
      put(HEAD, a);
      put(SPOUSE, Math.max(18, Math.min(59, a + s.int(-4, 4))));
    } else if (u < 0.76) {
      const a = elderlyAge(s);
      put(HEAD, a);
      put(SPOUSE, Math.max(55, a + s.int(-4, 4)));
    } else if (u < 0.92) {
      const a = s.int(26, 59);
      put(HEAD, a);
      put(CHILD, Math.max(0, Math.min(a - 20, s.int(0, 24))));
    } else {
      const a = elderlyAge(s);
      put(HEAD, a);
      put(CHILD, Math.max(18, a - s.int(22, 35)));
    }
    return k;
  }
  // Three members or more: a couple, children, and sometimes grandparents.
  const elderCount = size >= 5 ? (u < 0.45 ? 2 : 1) : size === 4 ? (u < 0.3 ? 1 : 0) : u < 0.12 ? 1 : 0;
  const a = s.int(24, 58);
  put(HEAD, a);
  put(SPOUSE, Math.max(20, Math.min(59, a + s.int(-4, 4))));
  const children = size - 2 - elderCount;
  for (let i = 0; i < children; i++) put(i >= 3 ? GRANDCHILD : CHILD, Math.max(0, Math.min(a - 20, s.int(0, 24))));
  for (let i = 0; i < elderCount; i++) put(PARENT, Math.max(a + 20, elderlyAge(s)));
  return k;
}

function householdSize(s: Stream): number {
  const k = s.pick(SIZE_CUMULATIVE) + 1;
  return k === 6 && s.chance(0.4) ? 7 : k;
}

// disability types in the schema's order: none physical visual hearing speech intellectual mental multiple
const DISABILITY_TYPE = cumulative([0, 0.5, 0.13, 0.15, 0.02, 0.07, 0.09, 0.04]);
const DISABILITY_GRADE = cumulative([0, 0.12, 0.2, 0.3, 0.38]);
const CARE_VERY_OLD = cumulative([0.4, 0.35, 0.25]);
const CARE_OLD = cumulative([0.75, 0.18, 0.07]);

export function generatePopulation(o: GenerateOptions): SyntheticPopulation {
  if (!/^\d{6}$/.test(o.region)) throw new PopulationError(`region ${o.region}: expected a 6-digit code (100000 is the whole country)`);
  if (!Number.isInteger(o.households) || o.households < 1 || o.households > 20_000_000) throw new PopulationError(`households ${o.households}: expected a whole number from 1 to 20,000,000`);
  if (!Number.isInteger(o.seed)) throw new PopulationError(`seed ${o.seed}: expected a whole number`);
  const profile: RegionProfile | undefined = regionProfile(o.region);
  const notes: string[] = [];
  const real = o.realHouseholds ?? profile?.households?.value;
  if (real === undefined)
    throw new PopulationError(
      `region ${o.region} has no known number of real households; give it with --real-households N (known: ${['100000', '310000', '440000', '330000'].join(', ')})`,
    );
  if (!(real > 0)) throw new PopulationError(`real households ${real}: expected a positive number`);
  if (!profile) notes.push(`region ${o.region} has no profile: national incomes and urban share are used (assumption)`);
  else if (profile.households && profile.households.tag !== 'S' && o.realHouseholds === undefined) notes.push(`${profile.name}: ${profile.households.value} real households (${profile.households.source})`);
  const { targets, note } = yearTargets(o.year);
  if (note) notes.push(note);

  const scale = profile?.incomeScale ?? { urban: { value: 1 }, rural: { value: 1 } };
  const urbanShare = (profile?.urbanShare ?? ASSUMPTIONS.urbanShareOfHouseholds).value;
  // Urban and rural figures without quintiles borrow the shape of the last year that has them.
  const shape = yearTargets(2022).targets;
  const dist = {
    urban: incomeDistribution(targets.urban, shape.urban).scaled(scale.urban.value),
    rural: incomeDistribution(targets.rural, shape.rural).scaled(scale.rural.value),
  };
  const median = { urban: dist.urban.quantile(0.5), rural: dist.rural.quantile(0.5) };
  if (!targets.urban.quintiles) notes.push(`${targets.year}: urban and rural quintiles are not published; their spread is taken from 2022 (assumption)`);
  const cities = profile?.cities ? cumulative(profile.cities.map((c) => c.share)) : undefined;

  // First pass: sizes (from each household's shape stream), to size the person columns.
  const n = o.households;
  const sizes = new Uint8Array(n);
  let persons = 0;
  for (let h = 0; h < n; h++) {
    const s = streamFor(o.seed, h, P_SHAPE);
    s.next(); // the area draw comes first in the second pass too
    sizes[h] = householdSize(s);
    persons += sizes[h]!;
  }
  const pop = allocPopulation(n, persons);
  const H = pop.household;
  const P = pop.person;
  const weight = real / n;
  const shares = targets.sources;
  const fen = (yuanPerYear: number) => Math.min(2_000_000_000, Math.max(0, Math.round((yuanPerYear * 100) / 12)));

  const members: Member[] = Array.from({ length: 8 }, () => ({ relation: 0, age: 0 }));
  const splits = new Float64Array(8);
  let p = 0;
  for (let h = 0; h < n; h++) {
    const shape = streamFor(o.seed, h, P_SHAPE);
    const people = streamFor(o.seed, h, P_PEOPLE);
    const money = streamFor(o.seed, h, P_MONEY);
    const urban = shape.next() < urbanShare;
    const size = householdSize(shape);
    pop.memberStart[h] = p;
    H.weight![h] = weight;
    H.region![h] = Number(cities ? profile!.cities![people.pick(cities)]!.code : o.region);
    H.area![h] = urban ? 0 : 1;
    H.hukou_area![h] = H.area![h]!;
    const local = people.chance(urban ? 0.82 : 0.95);
    H.hukou_local![h] = local ? 1 : 0;
    H.residence_permit![h] = !local && people.chance(0.6) ? 1 : 0;

    // One income level per household: per-capita disposable income, yuan per year.
    const level = (urban ? dist.urban : dist.rural).quantile(money.next());
    const total = level * size;

    const count = composition(size, urban, people, members);
    let workers = 0;
    let elders = 0;
    const start = p;
    for (let mi = 0; mi < count; mi++) {
      const m = members[mi]!;
      const age = m.age;
      const disabled = people.chance(age < 18 ? 0.015 : age < 60 ? 0.04 : age < 75 ? 0.12 : 0.22);
      const grade = disabled ? people.pick(DISABILITY_GRADE) : 0;
      const type = disabled ? people.pick(DISABILITY_TYPE) : 0;
      const ill = people.chance(age < 60 ? 0.006 : 0.03);
      const ability = grade === 1 || grade === 2 || age >= 80 || (ill && people.chance(0.5)) ? 2 : grade > 0 || age >= 60 ? 1 : 0;
      const careNeed = age >= 85 || grade === 1 ? people.pick(CARE_VERY_OLD) : age >= 75 || grade === 2 ? people.pick(CARE_OLD) : 0;
      const student = age >= 6 && age <= 22 && (age <= 15 || people.chance(age <= 18 ? 0.9 : 0.55));
      const working = !student && age >= 18 && ability < 2 && people.chance(age < 60 ? (ability === 0 ? ASSUMPTIONS.employmentFullAbility.value : 0.4) : age < 70 ? ASSUMPTIONS.employmentElderly.value : 0.03);
      if (working) workers++;
      if (age >= 60) elders++;
      P.relation![p] = m.relation;
      P.age![p] = age;
      P.sex![p] = m.relation === SPOUSE ? 1 - (P.sex![start] ?? 0) : people.chance(0.5) ? 0 : 1;
      P.co_resident![p] = people.chance(0.98) ? 1 : 0;
      P.excluded_status![p] = people.chance(0.005) ? people.int(1, 4) : 0;
      P.student![p] = student ? 1 : 0;
      P.work_ability![p] = ability;
      P.disability_grade![p] = grade;
      P.disability_type![p] = type;
      P.catastrophic_illness![p] = ill ? 1 : 0;
      P.self_care![p] = careNeed;
      P.employed![p] = working ? 1 : 0;
      P.basic_pension![p] = age >= 60 && (!urban || people.chance(0.3)) ? ASSUMPTIONS.basicPensionMonthly.value * 100 : 0;
      p++;
    }

    // Income by source: wages go to workers, business and property to the head, transfers to
    // elders first; a household without workers takes its income from the other sources.
    const wShare = workers ? shares.wages.value * (0.9 + 0.8 * money.next()) * (1 + 0.15 * (workers - 1)) : 0;
    const bShare = shares.business.value * (urban ? 0.8 : 1.8) * (0.3 + 1.4 * money.next());
    const relative = level / (urban ? median.urban : median.rural);
    const pShare = shares.property.value * (0.15 + 1.1 * money.next()) * Math.min(2, 0.5 + 0.5 * relative);
    const tShare = shares.transfers.value * (0.5 + money.next()) * (elders ? 1 + 0.5 * elders : 0.35);
    const sum = wShare + bShare + pShare + tShare;
    const wages = (total * wShare) / sum;
    const business = (total * bShare) / sum;
    const property = (total * pShare) / sum;
    let transfers = (total * tShare) / sum;
    // The basic pension is part of transfers in the statistics; the schema keeps it apart.
    let pensionsYear = 0;
    for (let q = start; q < p; q++) pensionsYear += (P.basic_pension![q]! / 100) * 12;
    transfers = Math.max(0, transfers - pensionsYear);
    let workerIndex = 0;
    let splitSum = 0;
    for (let i = 0; i < workers; i++) splitSum += splits[i] = 0.5 + money.next();
    for (let q = start; q < p; q++) {
      const isHead = q === start;
      const age = P.age![q]!;
      if (P.employed![q]) P.wage_income![q] = fen((wages * splits[workerIndex++]!) / splitSum);
      if (isHead) {
        P.business_income![q] = fen(business);
        P.property_income![q] = fen(property);
      }
      const elderShare = elders ? (age >= 60 ? 1 / elders : 0) : isHead ? 1 : 0;
      P.transfer_income![q] = fen(transfers * elderShare);
      P.excluded_income![q] = P.student![q] && money.chance(0.1) ? fen(money.int(1000, 8000)) : 0;
      // A legal supporter able to support (children, spouse, parents — in or outside the household):
      // nearly always for children and the elderly, more so when other adults of the household work.
      const othersWork = workers - (P.employed![q] ? 1 : 0);
      const supported = age < 18 || age >= 60 ? (othersWork > 0 ? ASSUMPTIONS.supporterWithWorkers.value : ASSUMPTIONS.supporterWithoutWorkers.value) : othersWork > 0 ? 0.5 : 0.2;
      P.has_capable_supporter![q] = people.chance(supported) ? 1 : 0;
    }

    // Assets and costs rise with income.
    H.financial_assets![h] = money.chance(0.08) ? 0 : Math.round(total * ASSUMPTIONS.assetsMedianYearsOfIncome.value * Math.exp(0.9 * money.normal() + 0.3 * Math.log(relative)) * 100);
    H.vehicles![h] = money.chance(1 / (1 + Math.exp(-(1.6 * Math.log(relative) + (urban ? -0.2 : -0.9))))) ? (money.chance(0.12) ? 2 : 1) : 0;
    H.houses![h] = money.chance(urban ? 0.18 : 0.05) ? 0 : money.chance(Math.min(0.5, 0.08 * relative)) ? 2 : 1;
    let medical = 0;
    let education = 0;
    for (let q = start; q < p; q++) {
      const age = P.age![q]!;
      medical += Math.exp(Math.log(age >= 60 ? 1800 : 500) + 0.9 * money.normal()) * (P.catastrophic_illness![q] ? 12 : 1);
      if (P.student![q]) education += Math.exp(Math.log(age <= 15 ? 2500 : 9000) + 0.6 * money.normal());
    }
    H.medical_costs![h] = Math.min(2_000_000_000, Math.round(medical * 100));
    H.education_costs![h] = Math.min(2_000_000_000, Math.round(education * 100));
    H.emergency_cost![h] = money.chance(ASSUMPTIONS.emergencyMonthlyChance.value) ? Math.min(2_000_000_000, Math.round(Math.exp(Math.log(6000) + 0.8 * money.normal()) * 100)) : 0;
    H.dibao_last_month![h] = 0;
    H.last_benefit![h] = 0;
    H.grace_months_used![h] = 0;
  }
  pop.memberStart[n] = p;
  return {
    columns: pop,
    meta: { region: o.region, regionName: profile?.name ?? o.region, year: o.year, seed: o.seed, households: n, persons, weight, realHouseholds: real, notes },
  };
}
