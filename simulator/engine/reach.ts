/**
 * Who is reached: the figures a validation against published statistics and a targeting study
 * need, summed per chunk like every other result (layout.ts) and named here.
 *
 * - dibao and 特困 by the programme's area — the hukou's (城市/农村低保 follow the hukou) — and by
 *   region: households, persons, cost;
 * - recipients by the MCA's categories (older persons 60+, minors, disabled, other; a person is
 *   counted in the first that applies), persons per recipient household, payment per person;
 * - targeting against true income (the recorded income, not the assessed one): the persons of
 *   households whose per-capita income before assistance is under their own standard (the
 *   income-eligible), the share of them covered, and the share of covered persons who are not;
 * - poverty before and after dibao, 特困 and the price subsidy: headcount, gap and FGT2 of persons
 *   against each household's own dibao standard, and against 40% of the median per-capita income
 *   before assistance (from a histogram of ¥20 bins, so chunks add like every other sum).
 */
import type { CompiledPolicy, PopulationColumns } from '../../language/index.ts';

type CompiledParameters = ReturnType<CompiledPolicy['resolveParameters']>;

/** ¥20 bins of per-capita monthly income, fen, up to ¥10,000 (the last bin holds the rest). */
export const BIN = 2000;
export const BINS = 501;
const CATEGORIES = ['elderly', 'minors', 'disabled', 'other'] as const;

export class ReachLayout {
  readonly area = 0; // dibao, tekun × urban, rural × households, persons, cost
  readonly categories = 12; // dibao, tekun × 4
  readonly targeting = 20; // eligible, eligible covered, covered, covered not eligible (persons)
  readonly line = 24; // before, after × headcount, gap, fgt2 against the household's standard
  readonly lineFound = 30; // households with a standard (0: the policy has no dibao_standard)
  readonly histogram = 31; // before, after × BINS × persons, Σ persons·y, Σ persons·y²
  readonly region: number; // regions × dibao, tekun × households, persons, cost
  readonly length: number;
  constructor(readonly regions: number) {
    this.region = this.histogram + 2 * BINS * 3;
    this.length = this.region + regions * 6;
  }
}

/** What one household brings to the reach sums, beyond what accumulate.ts already has. */
export interface ReachInput {
  readonly pop: PopulationColumns;
  /** per-capita income before assistance (true), fen a month */
  readonly income: Float64Array;
  readonly regionIndex: Uint16Array;
  /** the household's own dibao standard, fen a month (NaN where the policy has none) */
  readonly line: (h: number) => number;
}

/**
 * The reach input of a chunk: its households (the assessed view: the same members and hukou),
 * their true per-capita income, region slots, and the policy's dibao standard by region slot and
 * the household's hukou area (the framework's `dibao_standard`, by area; NaN without one).
 */
export function reachInput(pop: PopulationColumns, income: Float64Array, slot: Uint16Array, params: CompiledParameters): ReachInput {
  const n = params.n.dibao_standard;
  const d = params.d.dibao_standard;
  const hukou = pop.household.hukou_area!;
  const width = n && params.codes.length > 0 ? n.length / params.codes.length : 0;
  return {
    pop,
    income,
    regionIndex: slot,
    line: n && d && width >= 1 ? (h) => {
      const i = slot[h]! * width + (width === 2 ? hukou[h]! : 0);
      return n[i]! / d[i]!;
    } : () => NaN,
  };
}

function category(pop: PopulationColumns, p: number): number {
  const age = pop.person.age![p]!;
  return age >= 60 ? 0 : age < 18 ? 1 : pop.person.disability_grade![p]! > 0 ? 2 : 3;
}

/**
 * Adds household h. `dibao`, `tekun`: persons covered and fen paid this month; `paid`: the monthly
 * payments (dibao, 特困, price subsidy) that enter income after assistance.
 */
export function addReach(R: ReachLayout, v: Float64Array, x: ReachInput, h: number, w: number, dibaoPersons: number, dibaoCost: number, tekunPersons: number, tekunCost: number, paid: number): void {
  const pop = x.pop;
  const a = pop.memberStart[h]!;
  const b = pop.memberStart[h + 1]!;
  const members = b - a;
  if (members === 0) return;
  const area = pop.household.hukou_area![h]!;
  const wm = w * members;
  const covered = dibaoPersons + tekunPersons > 0;
  if (dibaoPersons > 0) {
    const i = R.area + area * 3;
    v[i]! += w;
    v[i + 1]! += w * dibaoPersons;
    v[i + 2]! += w * dibaoCost;
    const r = R.region + x.regionIndex[h]! * 6;
    v[r]! += w;
    v[r + 1]! += w * dibaoPersons;
    v[r + 2]! += w * dibaoCost;
  }
  if (tekunPersons > 0) {
    const i = R.area + 6 + area * 3;
    v[i]! += w;
    v[i + 1]! += w * tekunPersons;
    v[i + 2]! += w * tekunCost;
    const r = R.region + x.regionIndex[h]! * 6 + 3;
    v[r]! += w;
    v[r + 1]! += w * tekunPersons;
    v[r + 2]! += w * tekunCost;
  }
  if (covered) categories(R, v, pop, a, b, w, dibaoPersons, tekunPersons);
  const before = x.income[h]!;
  const after = before + paid / members;
  const line = x.line(h);
  // Plain code, no arrays: this runs once per household of every run.
  if (line > 0) {
    v[R.lineFound]! += 1;
    const eligible = before < line;
    if (eligible) v[R.targeting]! += wm;
    if (covered) {
      v[R.targeting + 2]! += wm;
      if (eligible) v[R.targeting + 1]! += wm;
      else v[R.targeting + 3]! += wm;
    }
    if (eligible) poorer(v, R.line, wm, 1 - before / line);
    if (after < line) poorer(v, R.line + 3, wm, 1 - after / line);
  }
  bin(v, R.histogram, wm, before);
  bin(v, R.histogram + BINS * 3, wm, after);
}

function poorer(v: Float64Array, at: number, wm: number, gap: number): void {
  v[at]! += wm;
  v[at + 1]! += wm * gap;
  v[at + 2]! += wm * gap * gap;
}

function bin(v: Float64Array, at: number, wm: number, y: number): void {
  const i = at + (y >= (BINS - 1) * BIN ? BINS - 1 : y > 0 ? Math.floor(y / BIN) : 0) * 3;
  v[i]! += wm;
  v[i + 1]! += wm * y;
  v[i + 2]! += wm * y * y;
}

/** Covered persons by category: dibao's over the household's members, 特困's over those without a capable supporter, each scaled to the persons covered. */
function categories(R: ReachLayout, v: Float64Array, pop: PopulationColumns, a: number, b: number, w: number, dibaoPersons: number, tekunPersons: number): void {
  const P = pop.person;
  const counts = [0, 0, 0, 0];
  const unsupported = [0, 0, 0, 0];
  let members = 0;
  let alone = 0;
  for (let p = a; p < b; p++) {
    if (!P.co_resident![p] || P.excluded_status![p]) continue;
    const c = category(pop, p);
    counts[c]!++;
    members++;
    if (!P.has_capable_supporter![p] && c < 3) {
      unsupported[c]!++;
      alone++;
    }
  }
  for (let c = 0; c < 4; c++) {
    if (dibaoPersons > 0 && members > 0) v[R.categories + c]! += (w * dibaoPersons * counts[c]!) / members;
    if (tekunPersons > 0 && alone > 0) v[R.categories + 4 + c]! += (w * tekunPersons * unsupported[c]!) / alone;
  }
}

export interface Poverty {
  /** share of persons under the line */
  readonly headcount: number;
  /** mean shortfall over the line, across all persons */
  readonly gap: number;
  /** mean squared shortfall (FGT2) */
  readonly fgt2: number;
}

export interface ProgrammeReach {
  readonly households: number;
  readonly persons: number;
  /** yuan a year */
  readonly annual_cost: number;
}

export interface Reach {
  /** by the programme's area, which follows the hukou (城市低保 / 农村低保) */
  readonly by_area: Record<'dibao' | 'tekun', Record<'urban' | 'rural', ProgrammeReach>>;
  readonly by_region: readonly { readonly key: string; readonly dibao: ProgrammeReach; readonly tekun: ProgrammeReach }[];
  readonly recipients: Record<
    'dibao' | 'tekun',
    {
      readonly by_category: Record<(typeof CATEGORIES)[number], number>;
      readonly persons_per_household: number;
      /** yuan a month per person covered */
      readonly payment_per_person: number;
    }
  >;
  /** against true income (recorded, not assessed); absent where the policy has no dibao_standard */
  readonly targeting?: { readonly income_eligible_persons: number; readonly coverage: number; readonly exclusion_error: number; readonly inclusion_error: number };
  readonly poverty: {
    readonly dibao_line?: { readonly before: Poverty; readonly after: Poverty };
    readonly relative_line: { readonly line: number; readonly median: number; readonly before: Poverty; readonly after: Poverty };
  };
}

/** Reads the reach block of a summed vector; `persons` is the weighted persons of the population. */
export function reachResult(v: Float64Array, at: number, R: ReachLayout, regionCodes: readonly string[], persons: number): Reach {
  const hasLine = v[at + R.lineFound]! > 0;
  const prog = (i: number): ProgrammeReach => ({ households: v[at + i]!, persons: v[at + i + 1]!, annual_cost: (v[at + i + 2]! * 12) / 100 });
  const by_area = {
    dibao: { urban: prog(R.area), rural: prog(R.area + 3) },
    tekun: { urban: prog(R.area + 6), rural: prog(R.area + 9) },
  };
  const by_region = regionCodes.map((key, r) => ({ key, dibao: prog(R.region + r * 6), tekun: prog(R.region + r * 6 + 3) }));
  const recipients = (k: 0 | 1) => {
    const area = k === 0 ? by_area.dibao : by_area.tekun;
    const households = area.urban.households + area.rural.households;
    const covered = area.urban.persons + area.rural.persons;
    const cost = area.urban.annual_cost + area.rural.annual_cost;
    const by_category = Object.fromEntries(CATEGORIES.map((c, i) => [c, v[at + R.categories + k * 4 + i]!])) as Record<(typeof CATEGORIES)[number], number>;
    return { by_category, persons_per_household: households > 0 ? covered / households : 0, payment_per_person: covered > 0 ? cost / 12 / covered : 0 };
  };
  const line = (k: 0 | 1): Poverty => ({ headcount: v[at + R.line + k * 3]! / persons, gap: v[at + R.line + k * 3 + 1]! / persons, fgt2: v[at + R.line + k * 3 + 2]! / persons });
  const t = at + R.targeting;
  return {
    by_area,
    by_region,
    recipients: { dibao: recipients(0), tekun: recipients(1) },
    targeting: hasLine ? { income_eligible_persons: v[t]!, coverage: v[t]! > 0 ? v[t + 1]! / v[t]! : 0, exclusion_error: v[t]! > 0 ? 1 - v[t + 1]! / v[t]! : 0, inclusion_error: v[t + 2]! > 0 ? v[t + 3]! / v[t + 2]! : 0 } : undefined,
    poverty: { dibao_line: hasLine ? { before: line(0), after: line(1) } : undefined, relative_line: relative(v, at + R.histogram, persons) },
  };
}

/** Median of income before assistance from the histogram, and poverty against 40% of it (yuan a month). */
function relative(v: Float64Array, at: number, persons: number) {
  const hist = (k: number, i: number, j: number) => v[at + (k * BINS + i) * 3 + j]!;
  let acc = 0;
  let median = 0;
  for (let i = 0; i < BINS; i++) {
    const n = hist(0, i, 0);
    if (acc + n >= persons / 2 && n > 0) {
      median = (i + (persons / 2 - acc) / n) * BIN;
      break;
    }
    acc += n;
  }
  const z = 0.4 * median;
  const measure = (k: number): Poverty => {
    let head = 0;
    let gap = 0;
    let fgt2 = 0;
    for (let i = 0; i < BINS && i * BIN < z; i++) {
      const n = hist(k, i, 0);
      if (n === 0) continue;
      // The bin holding the line counts the share of it below the line (incomes spread evenly in a bin).
      const part = (i + 1) * BIN <= z ? 1 : (z - i * BIN) / BIN;
      const sy = hist(k, i, 1);
      const syy = hist(k, i, 2);
      head += n * part;
      gap += part * (n - sy / z);
      fgt2 += part * (n - (2 * sy) / z + syy / (z * z));
    }
    return { headcount: head / persons, gap: gap / persons, fgt2: fgt2 / persons };
  };
  return { line: z / 100, median: median / 100, before: measure(0), after: measure(1) };
}
