/**
 * One simulation: a compiled policy over a prepared population on a date, turned into what each
 * programme covers and costs, weighted to real households, broken down by area, region, household
 * size and income decile. Take-up is drawn once per household and programme from the seed, so a
 * baseline and a reform see the same draws (common random numbers).
 */
import type { CompiledPolicy, OutputColumns } from '../../language/index.ts';
import { hash32 } from '../population/random.ts';
import type { Prepared } from './prepare.ts';

export const PROGRAMMES = ['dibao', 'tekun', 'price', 'temporary', 'expenditure'] as const;
export type Programme = (typeof PROGRAMMES)[number];

/** Which outputs a programme reads, by the framework's output ids. */
const OUTPUTS: Record<Programme, { cost: string; persons?: string; covered?: string }> = {
  dibao: { cost: 'dibao_benefit', persons: 'dibao_persons', covered: 'dibao_status' },
  tekun: { cost: 'tekun_benefit', persons: 'tekun_persons' },
  price: { cost: 'price_subsidy' },
  temporary: { cost: 'temporary_assistance' },
  expenditure: { cost: 'expenditure_assistance' },
};

/** Behaviour: the share of eligible households that claim, by programme (a model assumption). */
export type TakeUp = Readonly<Record<Exclude<Programme, 'price'>, number>>;

export const DEFAULT_TAKE_UP: TakeUp = { dibao: 0.6, tekun: 0.85, temporary: 0.5, expenditure: 0.3 };

export interface RunOptions {
  readonly date: string;
  readonly sets?: Readonly<Record<string, string>>;
  readonly takeUp?: Partial<TakeUp>;
  /** the seed of the take-up draws */
  readonly seed?: number;
}

export interface Totals {
  /** real households covered (weighted) */
  households: number;
  /** real persons covered (weighted); 0 for programmes paid per household */
  persons: number;
  /** yuan per month */
  monthly_cost: number;
  /** yuan per year (12 months of this month) */
  annual_cost: number;
  /** yuan per covered household per month */
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
  cost_by_programme: Record<Programme, number>;
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
  readonly poorest_decile: { readonly coverage: number; readonly spending_share: number };
  /** records whose evaluation failed (a conflict), with the sites */
  readonly errors: { readonly count: number; readonly sites: readonly { readonly message: string; readonly records: number }[] };
}

/** Per-household amounts received (fen per month) and coverage, after take-up. */
export interface Outcome {
  readonly received: Record<Programme, Float64Array>;
  /** dibao persons and 特困 persons actually covered */
  readonly dibaoPersons: Float64Array;
  readonly tekunPersons: Float64Array;
  readonly total: Float64Array;
  readonly failed: Uint8Array;
}

const PROGRAMME_SALT: Record<Programme, number> = { dibao: 101, tekun: 102, price: 103, temporary: 104, expenditure: 105 };

/** The take-up draw of household h for a programme: uniform in [0, 1), the same in every run with this seed. */
export const takeUpDraw = (seed: number, h: number, p: Programme): number => hash32(seed, h, PROGRAMME_SALT[p]) / 4294967296;

function column(out: OutputColumns, id: string): ArrayLike<number> | undefined {
  return out.columns[id];
}

/** Amounts each household receives once take-up is applied. */
export function outcome(prep: Prepared, out: OutputColumns, o: RunOptions, range = { from: 0, to: prep.pop.households }): Outcome {
  const n = prep.pop.households;
  const take = { ...DEFAULT_TAKE_UP, ...o.takeUp };
  const seed = o.seed ?? 1;
  const received = Object.fromEntries(PROGRAMMES.map((p) => [p, new Float64Array(n)])) as Record<Programme, Float64Array>;
  const dibaoPersons = new Float64Array(n);
  const tekunPersons = new Float64Array(n);
  const total = new Float64Array(n);
  const failed = new Uint8Array(n);
  const cost = Object.fromEntries(PROGRAMMES.map((p) => [p, column(out, OUTPUTS[p].cost)])) as Record<Programme, ArrayLike<number> | undefined>;
  const dp = column(out, 'dibao_persons');
  const tp = column(out, 'tekun_persons');
  for (let h = range.from; h < range.to; h++) {
    if (out.errors[h] !== 0) {
      failed[h] = 1;
      continue;
    }
    const takesDibao = takeUpDraw(seed, h, 'dibao') < take.dibao;
    const takesTekun = takeUpDraw(seed, h, 'tekun') < take.tekun;
    let sum = 0;
    if (cost.dibao && takesDibao) {
      received.dibao[h] = cost.dibao[h]!;
      dibaoPersons[h] = dp ? dp[h]! : 0;
    }
    if (cost.tekun && takesTekun) {
      received.tekun[h] = cost.tekun[h]!;
      tekunPersons[h] = tp ? tp[h]! : 0;
    }
    // The price subsidy is paid to the covered persons of the programmes the household claims.
    if (cost.price && cost.price[h]! > 0) {
      const persons = (dp ? dp[h]! : 0) + (tp ? tp[h]! : 0);
      const claimed = dibaoPersons[h]! + tekunPersons[h]!;
      received.price[h] = persons > 0 ? Math.round((cost.price[h]! * claimed) / persons) : takesDibao ? cost.price[h]! : 0;
    }
    if (cost.temporary && takeUpDraw(seed, h, 'temporary') < take.temporary) received.temporary[h] = cost.temporary[h]!;
    if (cost.expenditure && takeUpDraw(seed, h, 'expenditure') < take.expenditure) received.expenditure[h] = cost.expenditure[h]!;
    for (const p of PROGRAMMES) sum += received[p][h]!;
    total[h] = sum;
  }
  return { received, dibaoPersons, tekunPersons, total, failed };
}

const emptyTotals = (): Totals => ({ households: 0, persons: 0, monthly_cost: 0, annual_cost: 0, average_benefit: 0 });
const emptyGroup = (key: string): Group => ({
  key,
  households: 0,
  persons: 0,
  covered_households: 0,
  covered_persons: 0,
  monthly_cost: 0,
  annual_cost: 0,
  cost_by_programme: Object.fromEntries(PROGRAMMES.map((p) => [p, 0])) as Record<Programme, number>,
});

/** Sums in fixed chunks of households added in order: the same result however the work was split. */
export const CHUNK = 65536;

export function aggregate(prep: Prepared, out: OutputColumns, oc: Outcome, policy: CompiledPolicy, o: RunOptions): SimulationResult {
  const pop = prep.pop;
  const n = pop.households;
  const weight = pop.household.weight!;
  const area = pop.household.area!;
  const status = column(out, 'dibao_status');
  const edge = column(out, 'edge_family');
  const rigid = column(out, 'rigid_hardship');
  const programmes = Object.fromEntries(PROGRAMMES.map((p) => [p, emptyTotals()])) as Record<Programme, Totals>;
  const groups = {
    area: [emptyGroup('urban'), emptyGroup('rural')],
    region: prep.regionCodes.map((c) => emptyGroup(c)),
    size: ['1', '2', '3', '4', '5', '6+'].map((k) => emptyGroup(k)),
    decile: Array.from({ length: 10 }, (_, i) => emptyGroup(String(i + 1))),
  };
  let edgeFamilies = 0;
  let rigidHardship = 0;
  let failedRecords = 0;
  const failedSites = new Map<number, number>();
  // Partial sums per chunk, then added in chunk order.
  for (let c0 = 0; c0 < n; c0 += CHUNK) {
    const c1 = Math.min(n, c0 + CHUNK);
    const part = Object.fromEntries(PROGRAMMES.map((p) => [p, { households: 0, persons: 0, cost: 0 }])) as Record<Programme, { households: number; persons: number; cost: number }>;
    const gpart = {
      area: groups.area.map(() => new Float64Array(6 + PROGRAMMES.length)),
      region: groups.region.map(() => new Float64Array(6 + PROGRAMMES.length)),
      size: groups.size.map(() => new Float64Array(6 + PROGRAMMES.length)),
      decile: groups.decile.map(() => new Float64Array(6 + PROGRAMMES.length)),
    };
    let e = 0;
    let r = 0;
    for (let h = c0; h < c1; h++) {
      const w = weight[h]!;
      const members = pop.memberStart[h + 1]! - pop.memberStart[h]!;
      if (oc.failed[h]) {
        failedRecords++;
        failedSites.set(out.errors[h]!, (failedSites.get(out.errors[h]!) ?? 0) + 1);
      }
      for (const p of PROGRAMMES) {
        const amount = oc.received[p][h]!;
        if (amount > 0 || (p === 'dibao' && status && status[h]! > 0 && oc.dibaoPersons[h]! > 0)) {
          part[p].households += w;
          part[p].cost += w * amount;
          if (p === 'dibao') part[p].persons += w * oc.dibaoPersons[h]!;
          if (p === 'tekun') part[p].persons += w * oc.tekunPersons[h]!;
        }
      }
      if (edge && edge[h]) e += w;
      if (rigid && rigid[h]) r += w;
      const coveredPersons = oc.dibaoPersons[h]! + oc.tekunPersons[h]!;
      const add = (g: Float64Array) => {
        g[0]! += w;
        g[1]! += w * members;
        if (coveredPersons > 0) {
          g[2]! += w;
          g[3]! += w * coveredPersons;
        }
        g[4]! += w * oc.total[h]!;
        PROGRAMMES.forEach((p, i) => (g[6 + i]! += w * oc.received[p][h]!));
      };
      add(gpart.area[area[h]!]!);
      add(gpart.region[prep.regionIndex[h]!]!);
      add(gpart.size[prep.sizeGroup[h]!]!);
      add(gpart.decile[prep.decile[h]!]!);
    }
    for (const p of PROGRAMMES) {
      programmes[p].households += part[p].households;
      programmes[p].persons += part[p].persons;
      programmes[p].monthly_cost += part[p].cost / 100;
    }
    edgeFamilies += e;
    rigidHardship += r;
    for (const key of ['area', 'region', 'size', 'decile'] as const) {
      groups[key].forEach((g, i) => {
        const v = gpart[key][i]!;
        g.households += v[0]!;
        g.persons += v[1]!;
        g.covered_households += v[2]!;
        g.covered_persons += v[3]!;
        g.monthly_cost += v[4]! / 100;
        PROGRAMMES.forEach((p, k) => (g.cost_by_programme[p] += v[6 + k]! / 100));
      });
    }
  }
  let monthly = 0;
  for (const p of PROGRAMMES) {
    const t = programmes[p];
    t.annual_cost = t.monthly_cost * 12;
    t.average_benefit = t.households > 0 ? t.monthly_cost / t.households : 0;
    monthly += t.monthly_cost;
  }
  for (const key of ['area', 'region', 'size', 'decile'] as const) for (const g of groups[key]) g.annual_cost = g.monthly_cost * 12;
  const poorest = groups.decile[0]!;
  const spending = groups.decile.reduce((s, g) => s + g.cost_by_programme.dibao + g.cost_by_programme.tekun, 0);
  return {
    date: o.date,
    policy: policy.policy.id,
    records: n,
    households: prep.totalHouseholds,
    persons: prep.totalPersons,
    programmes,
    edge_families: edgeFamilies,
    rigid_hardship: rigidHardship,
    monthly_cost: monthly,
    annual_cost: monthly * 12,
    by_area: groups.area,
    by_region: groups.region,
    by_size: groups.size,
    by_decile: groups.decile,
    poorest_decile: {
      coverage: poorest.persons > 0 ? poorest.covered_persons / poorest.persons : 0,
      spending_share: spending > 0 ? (poorest.cost_by_programme.dibao + poorest.cost_by_programme.tekun) / spending : 0,
    },
    errors: { count: failedRecords, sites: [...failedSites].map(([site, records]) => ({ message: policy.SITES[site - 1]?.message ?? `site ${site}`, records })) },
  };
}

/** Evaluates the policy over the population and aggregates: the whole of one simulation. */
export function simulate(prep: Prepared, policy: CompiledPolicy, o: RunOptions): { result: SimulationResult; out: OutputColumns; outcome: Outcome } {
  const regions = { codes: [...prep.regionCodes], slot: prep.regionIndex };
  const params = policy.resolveParameters({ date: o.date, sets: o.sets }, regions.codes);
  const out = policy.allocateOutputs(prep.pop.households);
  policy.evaluateBatch(prep.pop, regions, params, out);
  const oc = outcome(prep, out, o);
  return { result: aggregate(prep, out, oc, policy, o), out, outcome: oc };
}
