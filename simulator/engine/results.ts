/**
 * Named results from summed vectors: what `doudi simulate --json` prints and the studio charts.
 * Money is yuan; households and persons are real ones (weighted).
 */
import { PERIOD, PROGRAMMES, type Programme } from '../types.ts';
import { BANDS, CHANGE, DECILES, GROUP_WIDTH, SIZE_GROUPS, type RunLayout } from './layout.ts';
import { MONTH } from './months.ts';
import { reachResult, type Reach } from './reach.ts';
import { LEVELS, type Level } from './levels.ts';

export interface Totals {
  /** real households covered (weighted) */
  households: number;
  /** real persons covered: dibao and 特困 persons; for the price subsidy the persons paid; for temporary and 支出型 assistance the members of the households helped */
  persons: number;
  /** yuan a month (a yearly programme: a twelfth of the year) */
  monthly_cost: number;
  /** yuan a year (a monthly programme: twelve months like this one) */
  annual_cost: number;
  /** yuan a month per household covered */
  average_benefit: number;
}

export interface Group {
  readonly key: string;
  households: number;
  persons: number;
  /** households with dibao or 特困 */
  covered_households: number;
  covered_persons: number;
  monthly_cost: number;
  annual_cost: number;
  annual_cost_by_programme: Record<Programme, number>;
}

/** Yuan by level of government. */
export type LevelCosts = Record<Level, number>;

/**
 * Who pays (levels.ts): the cost by level of government, from the policy's central_share,
 * provincial_share and city_share in each household's region, applied to what each household is
 * paid (take-up applied). Present where the policy has the three shares.
 */
export interface ByLevel {
  /** yuan a year (a yearly programme: as paid in the year) */
  readonly annual: LevelCosts;
  /** yuan a month (a yearly programme: a twelfth) */
  readonly monthly: LevelCosts;
  /** yuan a year, per programme */
  readonly by_programme: Record<Programme, LevelCosts>;
  /** the province with its cities and counties (provincial + city + county), yuan a year */
  readonly local_annual: number;
}

export interface SimulationResult {
  readonly date: string;
  readonly policy: string;
  /** records evaluated */
  readonly records: number;
  readonly households: number;
  readonly persons: number;
  readonly programmes: Record<Programme, Totals>;
  readonly edge_families: number;
  readonly rigid_hardship: number;
  readonly monthly_cost: number;
  readonly annual_cost: number;
  readonly by_area: Group[];
  readonly by_region: Group[];
  readonly by_size: Group[];
  readonly by_decile: Group[];
  /** persons of the poorest tenth covered by dibao or 特困, and its share of their spending */
  readonly poorest_decile: { readonly coverage: number; readonly spending_share: number };
  /** records whose evaluation failed (a conflict), with the sites */
  readonly errors: { readonly records: number; readonly sites: readonly { readonly message: string; readonly records: number }[] };
  /** who is reached: by the programme's (hukou) area and region, recipients' categories, targeting and poverty (reach.ts) */
  readonly reach?: Reach;
  /** who pays: cost by level of government (levels.ts), where the policy gives the shares */
  readonly by_level?: ByLevel;
}

export interface Frame {
  readonly records: number;
  readonly households: number;
  readonly persons: number;
  readonly regionCodes: readonly string[];
}

const yuanMonthly = (p: Programme, fen: number): number => (PERIOD[p] === 'year' ? fen / 1200 : fen / 100);
const yuanAnnual = (p: Programme, fen: number): number => (PERIOD[p] === 'year' ? fen / 100 : (fen * 12) / 100);

export function simulationResult(v: Float64Array, L: RunLayout, frame: Frame, date: string, policy: string, sites: readonly { message: string }[]): SimulationResult {
  const programmes = {} as Record<Programme, Totals>;
  let monthly = 0;
  let annual = 0;
  PROGRAMMES.forEach((p, i) => {
    const households = v[i * 3]!;
    const t: Totals = {
      households,
      persons: v[i * 3 + 1]!,
      monthly_cost: yuanMonthly(p, v[i * 3 + 2]!),
      annual_cost: yuanAnnual(p, v[i * 3 + 2]!),
      average_benefit: 0,
    };
    t.average_benefit = households > 0 ? t.monthly_cost / households : 0;
    monthly += t.monthly_cost;
    annual += t.annual_cost;
    programmes[p] = t;
  });
  const group = (at: number, key: string): Group => {
    const byProgramme = {} as Record<Programme, number>;
    PROGRAMMES.forEach((p, i) => (byProgramme[p] = yuanAnnual(p, v[at + 5 + i]!)));
    return {
      key,
      households: v[at]!,
      persons: v[at + 1]!,
      covered_households: v[at + 2]!,
      covered_persons: v[at + 3]!,
      monthly_cost: v[at + 4]! / 1200,
      annual_cost: Object.values(byProgramme).reduce((a, b) => a + b, 0),
      annual_cost_by_programme: byProgramme,
    };
  };
  const by_area = ['urban', 'rural'].map((k, i) => group(L.area + i * GROUP_WIDTH, k));
  const by_region = frame.regionCodes.map((k, i) => group(L.region + i * GROUP_WIDTH, k));
  const by_size = SIZE_GROUPS.map((k, i) => group(L.size + i * GROUP_WIDTH, k));
  const by_decile = Array.from({ length: DECILES }, (_, i) => group(L.decile + i * GROUP_WIDTH, String(i + 1)));
  const poorest = by_decile[0]!;
  const spending = by_decile.reduce((s, g) => s + g.annual_cost_by_programme.dibao + g.annual_cost_by_programme.tekun, 0);
  const siteCounts: { message: string; records: number }[] = [];
  for (let i = 0; i < L.siteCount; i++) if (v[L.sites + i]! > 0) siteCounts.push({ message: sites[i]?.message ?? `site ${i + 1}`, records: v[L.sites + i]! });
  return {
    date,
    policy,
    records: frame.records,
    households: frame.households,
    persons: frame.persons,
    programmes,
    edge_families: v[L.misc]!,
    rigid_hardship: v[L.misc + 1]!,
    monthly_cost: monthly,
    annual_cost: annual,
    by_area,
    by_region,
    by_size,
    by_decile,
    poorest_decile: {
      coverage: poorest.persons > 0 ? poorest.covered_persons / poorest.persons : 0,
      spending_share: spending > 0 ? (poorest.annual_cost_by_programme.dibao + poorest.annual_cost_by_programme.tekun) / spending : 0,
    },
    errors: { records: v[L.misc + 2]!, sites: siteCounts },
    reach: reachResult(v, L.reachAt, L.reach, frame.regionCodes, frame.persons),
    ...(v[L.levels]! > 0 ? { by_level: byLevel(v, L.levels) } : {}),
  };
}

const levelRecord = (f: (l: Level, i: number) => number): LevelCosts => Object.fromEntries(LEVELS.map((l, i) => [l, f(l, i)])) as LevelCosts;

function byLevel(v: Float64Array, at: number): ByLevel {
  const by_programme = {} as Record<Programme, LevelCosts>;
  const annual = levelRecord(() => 0);
  const monthly = levelRecord(() => 0);
  PROGRAMMES.forEach((p, i) => {
    const base = at + 1 + i * LEVELS.length;
    by_programme[p] = levelRecord((_, l) => yuanAnnual(p, v[base + l]!));
    for (const [l, level] of LEVELS.entries()) {
      annual[level] += yuanAnnual(p, v[base + l]!);
      monthly[level] += yuanMonthly(p, v[base + l]!);
    }
  });
  return { annual, monthly, by_programme, local_annual: annual.provincial + annual.city + annual.county };
}

function minusLevels(a: ByLevel, b: ByLevel): ByLevel {
  const minus = (x: LevelCosts, y: LevelCosts) => levelRecord((l) => x[l] - y[l]);
  const by_programme = {} as Record<Programme, LevelCosts>;
  for (const p of PROGRAMMES) by_programme[p] = minus(a.by_programme[p], b.by_programme[p]);
  return { annual: minus(a.annual, b.annual), monthly: minus(a.monthly, b.monthly), by_programme, local_annual: a.local_annual - b.local_annual };
}

/**
 * reform − baseline, field by field, in the shape of a SimulationResult's figures; where both have
 * the shares, the change by level and the reform's net cost to the province (its provincial, city
 * and county budgets together, after the central subsidy), yuan a year.
 */
export type Delta = Pick<
  SimulationResult,
  'programmes' | 'edge_families' | 'rigid_hardship' | 'monthly_cost' | 'annual_cost' | 'by_area' | 'by_region' | 'by_size' | 'by_decile' | 'poorest_decile' | 'by_level'
> & { readonly net_cost_to_province?: number };

function minusGroup(a: Group, b: Group): Group {
  const byProgramme = {} as Record<Programme, number>;
  for (const p of PROGRAMMES) byProgramme[p] = a.annual_cost_by_programme[p] - b.annual_cost_by_programme[p];
  return {
    key: a.key,
    households: a.households - b.households,
    persons: a.persons - b.persons,
    covered_households: a.covered_households - b.covered_households,
    covered_persons: a.covered_persons - b.covered_persons,
    monthly_cost: a.monthly_cost - b.monthly_cost,
    annual_cost: a.annual_cost - b.annual_cost,
    annual_cost_by_programme: byProgramme,
  };
}

export function delta(reform: SimulationResult, base: SimulationResult): Delta {
  const programmes = {} as Record<Programme, Totals>;
  for (const p of PROGRAMMES) {
    const a = reform.programmes[p];
    const b = base.programmes[p];
    programmes[p] = {
      households: a.households - b.households,
      persons: a.persons - b.persons,
      monthly_cost: a.monthly_cost - b.monthly_cost,
      annual_cost: a.annual_cost - b.annual_cost,
      average_benefit: a.average_benefit - b.average_benefit,
    };
  }
  const pair = (xs: Group[], ys: Group[]) => xs.map((x, i) => minusGroup(x, ys[i]!));
  return {
    programmes,
    edge_families: reform.edge_families - base.edge_families,
    rigid_hardship: reform.rigid_hardship - base.rigid_hardship,
    monthly_cost: reform.monthly_cost - base.monthly_cost,
    annual_cost: reform.annual_cost - base.annual_cost,
    by_area: pair(reform.by_area, base.by_area),
    by_region: pair(reform.by_region, base.by_region),
    by_size: pair(reform.by_size, base.by_size),
    by_decile: pair(reform.by_decile, base.by_decile),
    poorest_decile: {
      coverage: reform.poorest_decile.coverage - base.poorest_decile.coverage,
      spending_share: reform.poorest_decile.spending_share - base.poorest_decile.spending_share,
    },
    ...(reform.by_level && base.by_level ? { by_level: minusLevels(reform.by_level, base.by_level), net_cost_to_province: reform.by_level.local_annual - base.by_level.local_annual } : {}),
  };
}

export type Bands = Record<(typeof BANDS)[number], number>;

export interface Changes {
  /** households (and their covered persons) covered by dibao or 特困 under the reform only */
  readonly newly_covered: { readonly households: number; readonly persons: number };
  /** covered under the baseline only (persons as covered there) */
  readonly no_longer_covered: { readonly households: number; readonly persons: number };
  /** households by the change of their net income (income before benefits plus benefits a month) */
  readonly winners_losers: Bands;
  readonly by_decile: readonly {
    readonly decile: number;
    readonly bands: Bands;
    /** yuan a month per household, on average */
    readonly average_change: number;
    /** the change as a share of the decile's net income */
    readonly relative_change: number;
  }[];
}

const bandsAt = (v: Float64Array, at: number): Bands => Object.fromEntries(BANDS.map((b, i) => [b, v[at + i]!])) as Bands;

export function changesResult(v: Float64Array): Changes {
  return {
    newly_covered: { households: v[CHANGE.newlyHouseholds]!, persons: v[CHANGE.newlyPersons]! },
    no_longer_covered: { households: v[CHANGE.noLongerHouseholds]!, persons: v[CHANGE.noLongerPersons]! },
    winners_losers: bandsAt(v, CHANGE.bands),
    by_decile: Array.from({ length: DECILES }, (_, d) => {
      const at = CHANGE.decile + d * CHANGE.decileWidth;
      const households = BANDS.reduce((s, _, i) => s + v[at + i]!, 0);
      return {
        decile: d + 1,
        bands: bandsAt(v, at),
        average_change: households > 0 ? v[at + 5]! / (1200 * households) : 0,
        relative_change: v[at + 6]! > 0 ? v[at + 5]! / v[at + 6]! : 0,
      };
    }),
  };
}

export interface MonthRow {
  readonly month: number;
  readonly date: string;
  readonly cpi_yoy: number | null;
  readonly dibao_households: number;
  readonly dibao_persons: number;
  readonly tekun_households: number;
  readonly tekun_persons: number;
  /** households approved this month (paid from the next) */
  readonly entries: number;
  readonly exits: number;
  /** households paid in their 渐退期 */
  readonly grace: number;
  readonly single: number;
  readonly reviews: number;
  readonly price_persons: number;
  /** yuan paid this month */
  readonly cost: { readonly dibao: number; readonly tekun: number; readonly price: number; readonly temporary: number; readonly total: number };
  readonly edge_families: number;
  /** households the low-income monitoring flags: not covered, and at the edge, in rigid hardship, hit by an emergency or a fall of income */
  readonly monitored: number;
  readonly rigid_hardship: number;
  readonly failed: number;
}

export function monthRow(v: Float64Array, month: number, date: string, cpi: number | null): MonthRow {
  const c = MONTH.cost;
  const cost = { dibao: v[c]! / 100, tekun: v[c + 1]! / 100, price: v[c + 2]! / 100, temporary: v[c + 3]! / 100, total: 0 };
  cost.total = cost.dibao + cost.tekun + cost.price + cost.temporary;
  return {
    month,
    date,
    cpi_yoy: cpi,
    dibao_households: v[MONTH.dibaoHouseholds]!,
    dibao_persons: v[MONTH.dibaoPersons]!,
    tekun_households: v[MONTH.tekunHouseholds]!,
    tekun_persons: v[MONTH.tekunPersons]!,
    entries: v[MONTH.entries]!,
    exits: v[MONTH.exits]!,
    grace: v[MONTH.grace]!,
    single: v[MONTH.single]!,
    reviews: v[MONTH.reviews]!,
    price_persons: v[MONTH.pricePersons]!,
    cost,
    edge_families: v[MONTH.edge]!,
    monitored: v[MONTH.monitored]!,
    rigid_hardship: v[MONTH.rigid]!,
    failed: v[MONTH.failed]!,
  };
}
