/**
 * Who lives in a household: its size, its members' relations and ages, and their disability,
 * illness, capacity to work and self-care — everything the income draw does not depend on, drawn
 * from the household's own streams. The same code draws the copula's reference sample
 * (copula.ts), so the hardship classes it weighs are the generator's own.
 */
import { cumulative, type Stream } from './random.ts';
import { HOUSEHOLD_SIZE, ASSUMPTIONS } from './targets.ts';

// relation codes in the schema's order: head spouse child parent grandchild sibling other
export const HEAD = 0;
export const SPOUSE = 1;
export const CHILD = 2;
export const PARENT = 3;
export const GRANDCHILD = 4;

/** Hardship bits of a household (copula.ts joins them to the income rank). */
export const ELDERLY_ONLY = 1;
export const NO_WORKER = 2;
export const DISABLED = 4;
export const SEVERE = 8;
export const ILL = 16;
export const SINGLE_PARENT = 32;
export const CLASSES = 64;

/** The members of one household, in scratch arrays reused from household to household. */
export class Members {
  count = 0;
  /** the household type drawn (for skipped-generation and single-parent households) */
  skipped = false;
  singleParent = false;
  readonly relation = new Uint8Array(8);
  readonly age = new Uint8Array(8);
  readonly grade = new Uint8Array(8);
  readonly type = new Uint8Array(8);
  readonly ill = new Uint8Array(8);
  readonly ability = new Uint8Array(8);
  readonly care = new Uint8Array(8);
  readonly student = new Uint8Array(8);

  put(relation: number, age: number): void {
    this.relation[this.count] = relation;
    this.age[this.count] = age;
    this.count++;
  }

  /** The household's hardship bits. */
  hardship(): number {
    let bits = 0;
    let elderly = 0;
    let able = 0;
    for (let i = 0; i < this.count; i++) {
      const age = this.age[i]!;
      if (age >= 60) elderly++;
      else if (age >= 16 && this.ability[i] !== 2 && !this.student[i]) able++;
      if (this.grade[i]) bits |= DISABLED;
      if (this.grade[i] === 1 || this.grade[i] === 2) bits |= SEVERE;
      if (this.ill[i]) bits |= ILL;
    }
    if (elderly === this.count) bits |= ELDERLY_ONLY;
    else if (able === 0) bits |= NO_WORKER;
    if (this.singleParent) bits |= SINGLE_PARENT;
    return bits;
  }
}

/**
 * Household-size shares tilted to a province's average size: shares_k ∝ national_k × λ^k, with λ
 * solved by bisection so that the mean is the province's (one parameter: the census's shape, the
 * province's level). 6+ counts as 6.4 persons (7 with probability 0.4).
 */
export function sizeCumulative(average: number): number[] {
  const base = HOUSEHOLD_SIZE.shares.map((f) => f.value);
  const sizes = [1, 2, 3, 4, 5, 6.4];
  const meanAt = (l: number) => {
    const w = base.map((b, k) => b * l ** k);
    const t = w.reduce((a, b) => a + b, 0);
    return w.reduce((a, x, k) => a + x * sizes[k]!, 0) / t;
  };
  let lo = 0.2;
  let hi = 5;
  for (let i = 0; i < 60; i++) {
    const mid = Math.sqrt(lo * hi);
    if (meanAt(mid) < average) lo = mid;
    else hi = mid;
  }
  const l = Math.sqrt(lo * hi);
  return cumulative(base.map((b, k) => b * l ** k));
}

export function householdSize(s: Stream, sizes: readonly number[]): number {
  const k = s.pick(sizes) + 1;
  return k === 6 && s.chance(0.4) ? 7 : k;
}

function elderlyAge(s: Stream): number {
  return Math.min(100, 60 + Math.floor(-Math.log(1 - s.next()) * 12.5));
}

const minorAge = (s: Stream) => s.int(0, 17);

// Household types by size, national shares at tilt 1 (the census's broad shares, targets.ts, [M]).
const SINGLE_ELDERLY = { urban: 0.3, rural: 0.4 };
const TWO = { youngCouple: 0.46, elderlyCouple: 0.3, parentChild: 0.16, elderlyWithChild: 0.08 };
const ELDERS_3 = 0.12;
const ELDERS_4 = 0.3;
const ELDERS_5_TWO = 0.45;
const ELDERS_5_ONE = 0.55;
/** an older spouse is 60+ unless the head is 60–63 and the spouse a few years younger: 92% (from elderlyAge) */
const SPOUSE_ELDERLY = 0.92;
const MAX_TILT = 2.5;

const skipRate = (urban: boolean) => ASSUMPTIONS.skippedGeneration.value * (urban ? 0.5 : 1.5);

/**
 * Relations and ages. Household types follow the census's broad shares (targets.ts, [M]); `tilt`
 * scales every type with older members (an older person alone, an older couple, an older parent
 * living with children), the others taking the rest, so a province's share of persons aged 60+
 * is its own (elderlyTilt). Tilt 1 is the national model.
 */
function composition(size: number, urban: boolean, s: Stream, m: Members, tilt: number): void {
  m.count = 0;
  m.skipped = false;
  m.singleParent = false;
  if (size === 1) {
    m.put(HEAD, s.chance(Math.min(0.9, tilt * SINGLE_ELDERLY[urban ? 'urban' : 'rural'])) ? elderlyAge(s) : s.int(20, 59));
    return;
  }
  const u = s.next();
  // Skipped-generation households: grandparents with grandchildren, no parent (隔代户).
  if (size <= 3 && s.chance(skipRate(urban))) {
    m.skipped = true;
    const a = elderlyAge(s);
    m.put(HEAD, a);
    if (size === 3) m.put(SPOUSE, Math.max(55, a + s.int(-4, 4)));
    m.put(GRANDCHILD, minorAge(s));
    return;
  }
  if (size === 2) {
    const rest = (1 - (TWO.elderlyCouple + TWO.elderlyWithChild) * tilt) / (TWO.youngCouple + TWO.parentChild);
    const young = TWO.youngCouple * rest;
    const couple = young + TWO.elderlyCouple * tilt;
    const parent = couple + TWO.parentChild * rest;
    if (u < young) {
      const a = s.int(22, 59);
      m.put(HEAD, a);
      m.put(SPOUSE, Math.max(18, Math.min(59, a + s.int(-4, 4))));
    } else if (u < couple) {
      const a = elderlyAge(s);
      m.put(HEAD, a);
      m.put(SPOUSE, Math.max(55, a + s.int(-4, 4)));
    } else if (u < parent) {
      const a = s.int(26, 59);
      m.put(HEAD, a);
      const c = Math.max(0, Math.min(a - 20, s.int(0, 24)));
      m.put(CHILD, c);
      m.singleParent = c < 18;
    } else {
      const a = elderlyAge(s);
      m.put(HEAD, a);
      m.put(CHILD, Math.max(18, a - s.int(22, 35)));
    }
    return;
  }
  // Three members or more: a couple (or, for some three-person households, a single parent),
  // children, and sometimes grandparents.
  const two = Math.min(0.9, ELDERS_5_TWO * tilt);
  const elderCount =
    size >= 5 ? (u < two ? 2 : u < Math.min(1, two + ELDERS_5_ONE * tilt) ? 1 : 0) : size === 4 ? (u < Math.min(0.9, ELDERS_4 * tilt) ? 1 : 0) : u < Math.min(0.9, ELDERS_3 * tilt) ? 1 : 0;
  const a = s.int(24, 58);
  m.put(HEAD, a);
  const single = size === 3 && elderCount === 0 && s.chance(0.06);
  if (!single) m.put(SPOUSE, Math.max(20, Math.min(59, a + s.int(-4, 4))));
  const children = size - (single ? 1 : 2) - elderCount;
  let minors = 0;
  for (let i = 0; i < children; i++) {
    const c = Math.max(0, Math.min(a - 20, s.int(0, 24)));
    if (c < 18) minors++;
    m.put(i >= 3 ? GRANDCHILD : CHILD, c);
  }
  m.singleParent = single && minors > 0;
  for (let i = 0; i < elderCount; i++) m.put(PARENT, Math.max(a + 20, elderlyAge(s)));
}

/** Expected persons aged 60+ in a household of `size` in an area at a tilt (the draws of composition, in closed form). */
function expectedElderly(size: number, urban: boolean, tilt: number): number {
  if (size === 1) return Math.min(0.9, tilt * SINGLE_ELDERLY[urban ? 'urban' : 'rural']);
  const g = size <= 3 ? skipRate(urban) : 0;
  const skipped = size === 2 ? 1 : 1 + SPOUSE_ELDERLY;
  let own: number;
  if (size === 2) own = TWO.elderlyCouple * tilt * (1 + SPOUSE_ELDERLY) + TWO.elderlyWithChild * tilt;
  else if (size === 3) own = Math.min(0.9, ELDERS_3 * tilt);
  else if (size === 4) own = Math.min(0.9, ELDERS_4 * tilt);
  else {
    const two = Math.min(0.9, ELDERS_5_TWO * tilt);
    own = 2 * two + (Math.min(1, two + ELDERS_5_ONE * tilt) - two);
  }
  return g * skipped + (1 - g) * own;
}

/**
 * The tilt that gives a share of persons aged 60+ (family households of the province's sizes, its
 * urban share of households): the expected share is increasing in the tilt, so bisection finds it.
 */
export function elderlyTilt(target: number, sizes: readonly number[], urbanShare: number): number {
  const probs = sizes.map((c, k) => c - (k ? sizes[k - 1]! : 0));
  const shareAt = (tilt: number) => {
    let elderly = 0;
    let persons = 0;
    probs.forEach((p, k) => {
      const size = k + 1;
      const mean = size === 6 ? 6.4 : size;
      for (const [urban, w] of [[true, urbanShare], [false, 1 - urbanShare]] as const) {
        // a 6+ household is 6 or 7 persons; its older members are those of a 6-person household
        elderly += p * w * expectedElderly(size, urban, tilt);
        persons += p * w * mean;
      }
    });
    return elderly / persons;
  };
  let lo = 0.05;
  let hi = MAX_TILT;
  if (shareAt(hi) <= target) return hi;
  if (shareAt(lo) >= target) return lo;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (shareAt(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

// disability types in the schema's order: none physical visual hearing speech intellectual mental multiple
const DISABILITY_TYPE = cumulative([0, 0.5, 0.13, 0.15, 0.02, 0.07, 0.09, 0.04]);
const DISABILITY_GRADE = cumulative([0, 0.12, 0.2, 0.3, 0.38]);
const CARE_VERY_OLD = cumulative([0.4, 0.35, 0.25]);
const CARE_OLD = cumulative([0.75, 0.18, 0.07]);

/** Draws a household's members and their health, capacity and schooling (`tilt`: composition's). */
export function drawMembers(size: number, urban: boolean, s: Stream, m: Members, tilt = 1): void {
  composition(size, urban, s, m, tilt);
  for (let i = 0; i < m.count; i++) {
    const age = m.age[i]!;
    const disabled = s.chance(age < 18 ? 0.015 : age < 60 ? 0.04 : age < 75 ? 0.12 : 0.22);
    const grade = disabled ? s.pick(DISABILITY_GRADE) : 0;
    m.grade[i] = grade;
    m.type[i] = disabled ? s.pick(DISABILITY_TYPE) : 0;
    const ill = s.chance(age < 60 ? 0.006 : 0.03);
    m.ill[i] = ill ? 1 : 0;
    m.ability[i] = grade === 1 || grade === 2 || age >= 80 || (ill && s.chance(0.5)) ? 2 : grade > 0 || age >= 60 ? 1 : 0;
    m.care[i] = age >= 85 || grade === 1 ? s.pick(CARE_VERY_OLD) : age >= 75 || grade === 2 ? s.pick(CARE_OLD) : 0;
    m.student[i] = age >= 6 && age <= 22 && (age <= 15 || s.chance(age <= 18 ? 0.9 : 0.55)) ? 1 : 0;
  }
}
