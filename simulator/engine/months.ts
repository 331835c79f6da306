/**
 * A dynamic run over M months. Each month people find and lose work, fall seriously ill, meet an
 * accident or disaster, and have birthdays; then the policy is evaluated on that month's date with
 * each household's state from the month before (paid dibao last month and how — last_dibao_status,
 * schema v2 —, last month's benefit, grace months used), and the state is carried on:
 *
 * - a household that claims is approved in the month it becomes eligible and paid from the next
 *   (57号 Art. 21); whether it claims is its take-up draw (common random numbers);
 * - a recipient is reassessed at its review — every 12 months for a stable household, every 6 for a
 *   volatile one (57号 Art. 31) — and in any month its employment or health changes (changes must be
 *   reported) or while it is in its 渐退期; between reviews it keeps being paid, at the current
 *   standard when the rules still find it eligible, at last month's amount otherwise;
 * - the 渐退期, 单人户 and edge status come from the policy's own rules on that state.
 *
 * Every draw is keyed by (seed, month, household or person, purpose) — a household by its draw key
 * (keys.ts, from its id), a person by the household's key and the person's place in it — never by
 * position in the population, so a pool gives the same bytes as one engine. The probabilities are model assumptions (DEFAULT_DYNAMICS, documented).
 */
import { enumSpec, type CompiledPolicy, type OutputColumns, type PopulationColumns } from '../../language/index.ts';
import { hash3, uniform4 } from '../population/random.ts';
import { personKey } from './keys.ts';
import { DEFAULT_DYNAMICS, DEFAULT_TAKE_UP, type Dynamics, type MonthEvent, type MonthsRequest, type TakeUp } from '../types.ts';
import { TAKE_UP_SALT, takeUpDraw } from './accumulate.ts';
import { CHUNK, chunkViews, type Shard } from './prepare.ts';

/** Sums per month and chunk. */
export const MONTH = {
  dibaoHouseholds: 0,
  dibaoPersons: 1,
  tekunHouseholds: 2,
  tekunPersons: 3,
  entries: 4,
  exits: 5,
  grace: 6,
  single: 7,
  /** fen paid: dibao, 特困, price subsidy, 急难型 temporary assistance */
  cost: 8,
  edge: 12,
  monitored: 13,
  rigid: 14,
  failed: 15,
  pricePersons: 16,
  reviews: 17,
  length: 18,
} as const;

/** YYYY-MM-DD plus m months, the day kept where the month has it (else its last day). */
export function addMonths(date: string, m: number): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (mo - 1) + m;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

// Numbers come from engine users; the simulator sends canonical setting text.
const rateText = (x: string | number): string => String(x);

/** Runs the months over one shard; returns months × chunks × MONTH.length sums. */
export async function runMonths(
  shard: Shard,
  base: PopulationColumns,
  policy: CompiledPolicy,
  out: OutputColumns,
  req: MonthsRequest,
  tick: (done: number, total: number) => Promise<void>,
): Promise<Float64Array> {
  const M = req.months;
  if (!Number.isInteger(M) || M < 1 || M > 240) throw new Error(`months ${M}: expected a whole number from 1 to 240`);
  const dyn: Dynamics = { ...DEFAULT_DYNAMICS, ...req.dynamics };
  const take: TakeUp = { ...DEFAULT_TAKE_UP, ...req.behaviour?.takeUp };
  const seed = req.behaviour?.seed ?? 1;
  const n = base.households;
  const chunks = Math.ceil(n / CHUNK);
  const statusValues = policy.outputs.find((o) => o.id === 'dibao_status')?.values ?? [];
  const S_NONE = statusValues.indexOf('none');
  const S_GRACE = statusValues.indexOf('grace');
  const S_SINGLE = statusValues.indexOf('single');
  // last_dibao_status is the schema's dibao_status enum: each output value's index in it (none if
  // absent). A grace period entered from 单人户 keeps `single`: the household is still covered as a
  // 单人户 (its grace covers that member only), which the rules can tell only from this field.
  const schemaStatus = enumSpec('dibao_status')!.values.map((x) => x.id);
  const toSchema = Uint8Array.from(statusValues, (x) => Math.max(0, schemaStatus.indexOf(x)));
  const SCHEMA_SINGLE = schemaStatus.indexOf('single');
  const coveredAs = (s: number, last: number): number => (s === S_GRACE && last === SCHEMA_SINGLE ? SCHEMA_SINGLE : toSchema[s]!);
  for (const id of ['dibao_status', 'dibao_benefit', 'dibao_persons'])
    if (!out.columns[id]) throw new Error(`the months run needs the output ${id}, which policy ${policy.policy.id} does not have`);

  // The state that changes, as copies; everything else is read from the population as it is.
  const H = base.household;
  const P = base.person;
  const employed = Uint8Array.from(P.employed!);
  const wage = Int32Array.from(P.wage_income!);
  const potential = Int32Array.from(P.wage_income!);
  const age = Uint8Array.from(P.age!);
  const ill = Uint8Array.from(P.catastrophic_illness!);
  const medical = Int32Array.from(H.medical_costs!);
  const emergency = Int32Array.from(H.emergency_cost!);
  const lastMonth = new Uint8Array(n);
  const lastBenefit = new Int32Array(n);
  const graceUsed = new Uint8Array(n);
  const lastStatus = new Uint8Array(n);
  const pop: PopulationColumns = {
    ...base,
    household: { ...H, medical_costs: medical, emergency_cost: emergency, dibao_last_month: lastMonth, last_dibao_status: lastStatus, last_benefit: lastBenefit, grace_months_used: graceUsed },
    person: { ...P, employed, wage_income: wage, age, catastrophic_illness: ill },
  };
  const enrolled = new Uint8Array(n);
  const pending = new Uint8Array(n);
  const changed = new Uint8Array(n);
  const lastPersons = new Uint8Array(n);
  const prevIncome = new Float64Array(n);
  const ms = pop.memberStart;
  const weight = H.weight!;
  const area = H.area!;
  const entryWage = req.entryWage ?? [300000, 200000];
  const events = new Map<number, MonthEvent[]>();
  for (const e of req.events ?? []) {
    const local = e.household - shard.offset;
    if (local < 0 || local >= n) continue;
    const list = events.get(e.month) ?? [];
    list.push(e);
    events.set(e.month, list);
  }
  const startMonth = Number(req.scenario.date.slice(5, 7));
  const regions = { codes: [...shard.regionCodes], slot: shard.regionIndex };
  const result = new Float64Array(M * chunks * MONTH.length);
  const incomeOf = (h: number): number => {
    let s = 0;
    for (let p = ms[h]!; p < ms[h + 1]!; p++) s += wage[p]! + P.business_income![p]! + P.property_income![p]! + P.transfer_income![p]! + P.basic_pension![p]!;
    return ms[h + 1]! > ms[h]! ? s / (ms[h + 1]! - ms[h]!) : 0;
  };
  for (let h = 0; h < n; h++) prevIncome[h] = incomeOf(h);

  for (let m = 0; m < M; m++) {
    const date = addMonths(req.scenario.date, m);
    const sets: Record<string, string> = { ...req.scenario.sets };
    if (req.cpi?.length) sets.cpi_yoy = rateText(req.cpi[Math.min(m, req.cpi.length - 1)]!);
    if (req.foodCpi?.length) sets.food_cpi_yoy = rateText(req.foodCpi[Math.min(m, req.foodCpi.length - 1)]!);
    const params = policy.resolveParameters({ date, sets }, regions.codes);
    const calendarMonth = (startMonth - 1 + m) % 12;

    // Dynamics (none in the first month: it is the starting point).
    changed.fill(0);
    if (m > 0) {
      for (let h = 0; h < n; h++) {
        const g = shard.key[h]!;
        emergency[h] = 0;
        for (let p = ms[h]!; p < ms[h + 1]!; p++) {
          const gp = personKey(g, p - ms[h]!);
          if (hash3(seed, gp, 201) % 12 === calendarMonth && age[p]! < 150) age[p]! += 1;
          const a = age[p]!;
          if (employed[p]) {
            if (a >= 16 && a <= 64 && uniform4(seed, m, gp, 211) < dyn.jobLoss) {
              employed[p] = 0;
              wage[p] = 0;
              changed[h] = 1;
            }
          } else if (a >= 16 && a <= 59 && P.work_ability![p] !== 2 && !P.student![p]) {
            const chance = P.work_ability![p] === 0 ? dyn.jobFinding : dyn.jobFinding / 2;
            if (uniform4(seed, m, gp, 212) < chance) {
              employed[p] = 1;
              wage[p] = potential[p]! > 0 ? potential[p]! : entryWage[area[h]!]!;
              changed[h] = 1;
            }
          }
          if (!ill[p] && uniform4(seed, m, gp, 213) < dyn.illness) {
            ill[p] = 1;
            const [lo, hi] = dyn.illnessCost;
            medical[h] = Math.min(2_000_000_000, medical[h]! + Math.round((lo + (hi - lo) * uniform4(seed, m, gp, 214)) * 100));
            changed[h] = 1;
          }
        }
        if (uniform4(seed, m, g, 221) < dyn.disaster) {
          const [lo, hi] = dyn.disasterCost;
          emergency[h] = Math.round((lo + (hi - lo) * uniform4(seed, m, g, 222)) * 100);
          changed[h] = 1;
        }
      }
    }
    for (const e of events.get(m) ?? []) {
      const h = e.household - shard.offset;
      const p = ms[h]! + (e.member ?? 0);
      if (e.kind !== 'disaster' && (e.member ?? 0) >= ms[h + 1]! - ms[h]!) throw new Error(`event in month ${e.month}: household ${e.household} has no member ${e.member}`);
      changed[h] = 1;
      if (e.kind === 'job') {
        employed[p] = 1;
        wage[p] = e.amount !== undefined ? Math.round(e.amount * 100) : potential[p]! > 0 ? potential[p]! : entryWage[area[h]!]!;
      } else if (e.kind === 'job_loss') {
        employed[p] = 0;
        wage[p] = 0;
      } else if (e.kind === 'illness') {
        ill[p] = 1;
        medical[h] = Math.min(2_000_000_000, medical[h]! + Math.round((e.amount ?? 0) * 100));
      } else emergency[h] = Math.round((e.amount ?? 0) * 100);
    }
    for (let h = 0; h < n; h++) {
      if (pending[h]) {
        enrolled[h] = 1;
        pending[h] = 0;
        changed[h] = 1; // just assessed
      }
      lastMonth[h] = enrolled[h]!;
    }

    for (let c = 0; c < chunks; c++) {
      const a = c * CHUNK;
      const b = Math.min(n, a + CHUNK);
      policy.evaluateBatch(chunkViews(pop)[c]!, { codes: regions.codes, slot: shard.regionIndex.subarray(a, b) }, params, out, 0, b - a);
      const col = out.columns;
      const status = col.dibao_status!;
      const benefit = col.dibao_benefit!;
      const dp = col.dibao_persons!;
      const tp = col.tekun_persons;
      const tb = col.tekun_benefit;
      const price = col.price_subsidy;
      const temp = col.temporary_assistance;
      const edge = col.edge_family;
      const rigid = col.rigid_hardship;
      const v = result.subarray((m * chunks + c) * MONTH.length, (m * chunks + c + 1) * MONTH.length);
      for (let h = a; h < b; h++) {
        const i = h - a;
        const g = shard.key[h]!;
        const w = weight[h]!;
        const income = incomeOf(h);
        const dropped = prevIncome[h]! > 0 && income <= prevIncome[h]! * (1 - dyn.incomeDrop);
        prevIncome[h] = income;
        if (out.errors[i] !== 0) {
          v[MONTH.failed]! += w;
          continue;
        }
        const s = status[i]!;
        const claims = takeUpDraw(seed, g, 'dibao') < take.dibao;
        let paid = 0;
        let persons = 0;
        let inGrace = false;
        let paidAs = lastStatus[h]!; // the status paid under: this month's when assessed, else last month's
        if (m === 0) {
          if (s !== S_NONE && s !== S_GRACE && claims) {
            enrolled[h] = 1;
            paid = benefit[i]!;
            persons = dp[i]!;
            paidAs = coveredAs(s, paidAs);
          }
        } else if (enrolled[h]) {
          let volatile = false;
          for (let p = ms[h]!; p < ms[h + 1]!; p++) if (employed[p] || (age[p]! >= 16 && age[p]! <= 59 && P.work_ability![p] === 0 && !P.student![p])) volatile = true;
          const cycle = volatile ? dyn.reviewVolatile : dyn.reviewStable;
          const review = (m + (hash3(seed, g, 231) % cycle)) % cycle === 0;
          if (review) v[MONTH.reviews]! += w;
          if (review || changed[h] || graceUsed[h]! > 0) {
            if (s === S_NONE) {
              enrolled[h] = 0;
              v[MONTH.exits]! += w;
            } else {
              paid = benefit[i]!;
              persons = dp[i]!;
              inGrace = s === S_GRACE;
              paidAs = coveredAs(s, paidAs);
            }
          } else if (s !== S_NONE && s !== S_GRACE) {
            paid = benefit[i]!;
            persons = dp[i]!;
            paidAs = coveredAs(s, paidAs);
          } else {
            paid = lastBenefit[h]!;
            persons = lastPersons[h]!;
          }
        } else if (s !== S_NONE && s !== S_GRACE && claims) {
          pending[h] = 1;
          v[MONTH.entries]! += w;
        }
        if (enrolled[h] && persons > 0) {
          v[MONTH.dibaoHouseholds]! += w;
          v[MONTH.dibaoPersons]! += w * persons;
          v[MONTH.cost]! += w * paid;
          if (inGrace) v[MONTH.grace]! += w;
          if (s === S_SINGLE) v[MONTH.single]! += w;
          lastBenefit[h] = paid;
          lastPersons[h] = Math.min(255, persons);
          lastStatus[h] = paidAs;
          graceUsed[h] = inGrace ? graceUsed[h]! + 1 : 0;
        } else {
          if (enrolled[h]) enrolled[h] = 0;
          lastBenefit[h] = 0;
          lastPersons[h] = 0;
          // approved this month, paid from the next: next month it is enrolled under this status
          lastStatus[h] = pending[h] ? toSchema[s]! : 0;
          graceUsed[h] = 0;
          persons = 0;
        }
        let tPersons = 0;
        if (tp && tb && tp[i]! > 0 && takeUpDraw(seed, g, 'tekun') < take.tekun) {
          tPersons = tp[i]!;
          v[MONTH.tekunHouseholds]! += w;
          v[MONTH.tekunPersons]! += w * tPersons;
          v[MONTH.cost + 1]! += w * tb[i]!;
        }
        if (price && price[i]! > 0) {
          const entitled = dp[i]! + (tp ? tp[i]! : 0);
          const claimed = Math.min(entitled, persons) + tPersons;
          if (entitled > 0 && claimed > 0) {
            v[MONTH.cost + 2]! += w * Math.round((price[i]! * claimed) / entitled);
            v[MONTH.pricePersons]! += w * claimed;
          }
        }
        if (temp && temp[i]! > 0 && uniform4(seed, m, g, TAKE_UP_SALT.temporary) < take.temporary) v[MONTH.cost + 3]! += w * temp[i]!;
        const covered = persons > 0 || tPersons > 0;
        const isEdge = edge ? edge[i]! > 0 : false;
        if (isEdge && !covered) v[MONTH.edge]! += w;
        if (rigid && rigid[i]) v[MONTH.rigid]! += w;
        if (!covered && (isEdge || (rigid && rigid[i]) || emergency[h]! > 0 || dropped)) v[MONTH.monitored]! += w;
      }
    }
    await tick(m + 1, M);
  }
  return result;
}
