/**
 * From the compiled policy's output columns to sums: take-up applied household by household with
 * common random numbers, then added into a chunk's vector (layout.ts). No allocation per household.
 */
import type { OutputColumns } from '../../language/index.ts';
import { uniform3 } from '../population/random.ts';
import type { Shard } from './prepare.ts';
import { PROGRAMMES, PROGRAMME_OUTPUTS, PERIOD, type Programme, type TakeUp } from '../types.ts';
import { CHANGE, GROUP_WIDTH, type RunLayout } from './layout.ts';
import { addReach, type ReachInput } from './reach.ts';
import { addLevels, type LevelShares } from './levels.ts';

/**
 * Salts of the take-up draws: uniform3(seed, household, salt). Dibao and 特困 share one draw — a
 * household's propensity to claim regular support — so a household that claims one also claims
 * the other when its rate is as high (no household loses support because a member moves from
 * dibao to 特困). Temporary assistance is claimed at the moment of need: draws of its own.
 */
export const TAKE_UP_SALT: Record<Programme, number> = { dibao: 101, tekun: 101, price: 101, temporary: 104, expenditure: 105 };

/** The take-up draw of the household with draw key `key` (keys.ts) for a programme: the same in every run with this seed. */
export const takeUpDraw = (seed: number, key: number, p: Programme): number => uniform3(seed, key, TAKE_UP_SALT[p]);

export interface Columns {
  readonly cost: readonly (ArrayLike<number> | undefined)[];
  readonly dibaoPersons?: ArrayLike<number>;
  readonly tekunPersons?: ArrayLike<number>;
  readonly edge?: ArrayLike<number>;
  readonly rigid?: ArrayLike<number>;
  readonly errors: Uint16Array;
}

export function columnsOf(out: OutputColumns): Columns {
  const c = out.columns;
  return {
    cost: PROGRAMMES.map((p) => c[PROGRAMME_OUTPUTS[p].cost]),
    dibaoPersons: c.dibao_persons,
    tekunPersons: c.tekun_persons,
    edge: c.edge_family,
    rigid: c.rigid_hardship,
    errors: out.errors,
  };
}

/** Per household of a chunk, what a run paid: for comparisons. */
export interface Paid {
  /** twelfths of a fen a month (a yearly programme's fen as they are, a monthly one's × 12): an integer */
  readonly total12: Float64Array;
  /** dibao and 特困 persons covered */
  readonly covered: Float64Array;
}

export const paidBuffers = (n: number): Paid => ({ total12: new Float64Array(n), covered: new Float64Array(n) });

const YEARLY = PROGRAMMES.map((p) => PERIOD[p] === 'year');
/** One household's payments per programme, for the split by level (reused: nothing is allocated per household). */
const paidNow = new Float64Array(PROGRAMMES.length);

/**
 * Adds households [a, b) of the shard into vec (one chunk's sums); when `paid` is given, also
 * records each household's payments at index h − a; with `levels`, who pays each payment.
 */
export function accumulate(shard: Shard, cols: Columns, take: TakeUp, seed: number, L: RunLayout, vec: Float64Array, a: number, b: number, paid?: Paid, reach?: ReachInput, levels?: LevelShares): void {
  const reachVec = reach ? vec.subarray(L.reachAt) : undefined;
  if (levels) vec[L.levels]! += 1;
  const pop = shard.pop;
  const weight = pop.household.weight!;
  const area = pop.household.area!;
  const ms = pop.memberStart;
  const [c0, c1, c2, c3, c4] = cols.cost;
  const dp = cols.dibaoPersons;
  const tp = cols.tekunPersons;
  const E = cols.errors;
  const keys = shard.key;
  for (let h = a; h < b; h++) {
    const w = weight[h]!;
    const members = ms[h + 1]! - ms[h]!;
    let r0 = 0;
    let r1 = 0;
    let r2 = 0;
    let r3 = 0;
    let r4 = 0;
    let dPersons = 0;
    let tPersons = 0;
    let pricePersons = 0;
    if (E[h] !== 0) {
      vec[L.misc + 2]! += 1;
      vec[L.sites + E[h]! - 1]! += 1;
    } else {
      const k = keys[h]!;
      const dibaoDue = c0 !== undefined && dp !== undefined && dp[h]! > 0;
      const tekunDue = c1 !== undefined && tp !== undefined && tp[h]! > 0;
      const priceDue = c2 !== undefined && c2[h]! > 0;
      // The household's propensity to claim regular support, drawn once (most households need none).
      const claim = dibaoDue || tekunDue || priceDue ? uniform3(seed, k, TAKE_UP_SALT.dibao) : 1;
      if (dibaoDue && claim < take.dibao) {
        r0 = c0[h]!;
        dPersons = dp[h]!;
      }
      if (tekunDue && claim < take.tekun) {
        r1 = c1[h]!;
        tPersons = tp[h]!;
      }
      // The price subsidy goes to the covered persons of the programmes the household claims
      // (and to edge families where a rule adds them, claimed with dibao).
      if (priceDue) {
        const entitled = (dp ? dp[h]! : 0) + (tp ? tp[h]! : 0);
        if (entitled > 0) {
          pricePersons = dPersons + tPersons;
          r2 = Math.round((c2[h]! * pricePersons) / entitled);
        } else if (claim < take.dibao) {
          pricePersons = members;
          r2 = c2[h]!;
        }
      }
      if (c3 && c3[h]! > 0 && uniform3(seed, k, TAKE_UP_SALT.temporary) < take.temporary) r3 = c3[h]!;
      if (c4 && c4[h]! > 0 && uniform3(seed, k, TAKE_UP_SALT.expenditure) < take.expenditure) r4 = c4[h]!;
      if (dPersons > 0) {
        vec[0]! += w;
        vec[1]! += w * dPersons;
        vec[2]! += w * r0;
      }
      if (tPersons > 0) {
        vec[3]! += w;
        vec[4]! += w * tPersons;
        vec[5]! += w * r1;
      }
      if (r2 > 0) {
        vec[6]! += w;
        vec[7]! += w * pricePersons;
        vec[8]! += w * r2;
      }
      if (r3 > 0) {
        vec[9]! += w;
        vec[10]! += w * members;
        vec[11]! += w * r3;
      }
      if (r4 > 0) {
        vec[12]! += w;
        vec[13]! += w * members;
        vec[14]! += w * r4;
      }
      if (cols.edge && cols.edge[h]) vec[L.misc]! += w;
      if (cols.rigid && cols.rigid[h]) vec[L.misc + 1]! += w;
      if (reach) addReach(L.reach, reachVec!, reach, h, w, dPersons, r0, tPersons, r1, r0 + r1 + r2);
      if (levels && r0 + r1 + r2 + r3 + r4 !== 0) {
        paidNow[0] = r0;
        paidNow[1] = r1;
        paidNow[2] = r2;
        paidNow[3] = r3;
        paidNow[4] = r4;
        addLevels(vec, L.levels, levels, shard.regionIndex[h]!, w, paidNow);
      }
    }
    const covered = dPersons + tPersons;
    // The month's total in twelfths of a fen, an integer (a twelfth of a yearly cost is not).
    const total12 = 12 * (r0 + r1 + r2 + r3) + (YEARLY[4] ? r4 : 12 * r4);
    if (paid) {
      paid.total12[h - a] = total12;
      paid.covered[h - a] = covered;
    }
    // Households and persons of each group are added once per chunk (groupBase); here only what was paid.
    if (covered === 0 && total12 === 0) continue;
    addGroup(vec, L.area + area[h]! * GROUP_WIDTH, w, covered, total12, r0, r1, r2, r3, r4);
    addGroup(vec, L.region + shard.regionIndex[h]! * GROUP_WIDTH, w, covered, total12, r0, r1, r2, r3, r4);
    addGroup(vec, L.size + shard.sizeGroup[h]! * GROUP_WIDTH, w, covered, total12, r0, r1, r2, r3, r4);
    addGroup(vec, L.decile + shard.decile[h]! * GROUP_WIDTH, w, covered, total12, r0, r1, r2, r3, r4);
  }
}

/**
 * Households and persons of each group for households [a, b): the same for every run over a
 * population, so computed once per chunk and added to each run's vector (addGroupBase).
 */
export function groupBase(shard: Shard, L: RunLayout, a: number, b: number): Float64Array {
  const base = new Float64Array(L.sites - L.area);
  const weight = shard.pop.household.weight!;
  const area = shard.pop.household.area!;
  const ms = shard.pop.memberStart;
  const region = shard.regionIndex, size = shard.sizeGroup, decile = shard.decile;
  const [a0, r0, s0, d0] = [L.area, L.region, L.size, L.decile].map((x) => x - L.area) as [number, number, number, number];
  // Four groups a household: written out, so that nothing is allocated per household even before
  // the loop is optimised (a fresh process runs it cold).
  for (let h = a; h < b; h++) {
    const w = weight[h]!;
    const wm = w * (ms[h + 1]! - ms[h]!);
    let i = a0 + area[h]! * GROUP_WIDTH;
    base[i]! += w;
    base[i + 1]! += wm;
    i = r0 + region[h]! * GROUP_WIDTH;
    base[i]! += w;
    base[i + 1]! += wm;
    i = s0 + size[h]! * GROUP_WIDTH;
    base[i]! += w;
    base[i + 1]! += wm;
    i = d0 + decile[h]! * GROUP_WIDTH;
    base[i]! += w;
    base[i + 1]! += wm;
  }
  return base;
}

export function addGroupBase(vec: Float64Array, L: RunLayout, base: Float64Array): void {
  for (let i = 0; i < base.length; i++) vec[L.area + i]! += base[i]!;
}

function addGroup(v: Float64Array, i: number, w: number, covered: number, total12: number, r0: number, r1: number, r2: number, r3: number, r4: number): void {
  if (covered > 0) {
    v[i + 2]! += w;
    v[i + 3]! += w * covered;
  }
  v[i + 4]! += w * total12;
  v[i + 5]! += w * r0;
  v[i + 6]! += w * r1;
  v[i + 7]! += w * r2;
  v[i + 8]! += w * r3;
  v[i + 9]! += w * r4;
}

/**
 * Adds the changes between a baseline and a reform for households [a, b): who is newly covered or no
 * longer covered, and each household's band by the change of its net income (income before
 * benefits plus benefits a month), all in twelfths of a fen, integers: a household loses or gains
 * more than 5 % when 20 × |change| > net, decided exactly.
 */
export function accumulateChange(shard: Shard, base: Paid, reform: Paid, vec: Float64Array, a: number, b: number): void {
  const weight = shard.pop.household.weight!;
  const ms = shard.pop.memberStart;
  for (let h = a; h < b; h++) {
    const i = h - a;
    const w = weight[h]!;
    const was = base.covered[i]!;
    const now = reform.covered[i]!;
    if (now > 0 && was === 0) {
      vec[CHANGE.newlyHouseholds]! += w;
      vec[CHANGE.newlyPersons]! += w * now;
    } else if (was > 0 && now === 0) {
      vec[CHANGE.noLongerHouseholds]! += w;
      vec[CHANGE.noLongerPersons]! += w * was;
    }
    const change12 = reform.total12[i]! - base.total12[i]!;
    // The household's income before benefits, whole fen: the per-capita income × members gives it
    // back to within far less than half a fen.
    const net12 = 12 * Math.round(shard.income[h]! * (ms[h + 1]! - ms[h]!)) + base.total12[i]!;
    const band = change12 === 0 ? 2 : change12 < 0 ? (-20 * change12 > net12 ? 0 : 1) : 20 * change12 > net12 ? 4 : 3;
    vec[CHANGE.bands + band]! += w;
    const d = CHANGE.decile + shard.decile[h]! * CHANGE.decileWidth;
    vec[d + band]! += w;
    vec[d + 5]! += w * change12;
    vec[d + 6]! += w * net12;
  }
}
