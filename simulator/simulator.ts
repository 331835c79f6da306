/**
 * The simulator as its users see it: a population, policies, and the questions — simulate, compare,
 * sweep, months — answered with named results. Work goes to a backend: one engine in-process, or a
 * pool of workers over shards (worker/pool.ts); both return each chunk's sums and the sums are
 * added here in chunk order, so every backend gives the same bytes.
 */
import { instantiate, type CompiledPolicy, type PolicyIR, type PopulationColumns } from '../language/index.ts';
import { monthRates, resolveScenario, sweepPoints } from './settings.ts';
import { Cancelled, type Behaviour, type Job, type MonthsRequest, type Scenario } from './types.ts';
import { Engine, type RunReply } from './engine/engine.ts';
import { CHANGE, RunLayout, sumChunks } from './engine/layout.ts';
import { addMonths, MONTH } from './engine/months.ts';
import { prepare, shardBounds, shardOf, type Prepared, type Shard } from './engine/prepare.ts';
import { changesResult, delta, monthRow, simulationResult, type Changes, type Delta, type Frame, type MonthRow, type SimulationResult } from './engine/results.ts';

/** Where the work runs: one engine here, or engines in workers, each over one shard. */
export interface Backend {
  /** how many shards the population is split into */
  readonly parts: number;
  load(shards: Shard[]): Promise<void>;
  addPolicy(key: string, source: string): Promise<void>;
  removePolicy(key: string): Promise<void>;
  /** per shard, in order */
  run(scenarios: readonly Scenario[], behaviour: Behaviour, changes: boolean, job: Job): Promise<RunReply[]>;
  months(request: MonthsRequest, job: Job): Promise<Float64Array[]>;
  cancel(id: number): void;
  close(): Promise<void>;
}

/** One engine in this thread. */
export class LocalBackend implements Backend {
  readonly parts = 1;
  private readonly engine = new Engine();
  async load(shards: Shard[]): Promise<void> {
    this.engine.load(shards[0]!);
  }
  async addPolicy(key: string, source: string): Promise<void> {
    this.engine.addPolicy(key, source);
  }
  async removePolicy(key: string): Promise<void> {
    this.engine.removePolicy(key);
  }
  async run(scenarios: readonly Scenario[], behaviour: Behaviour, changes: boolean, job: Job): Promise<RunReply[]> {
    return [await this.engine.run(scenarios, behaviour, changes, job)];
  }
  async months(request: MonthsRequest, job: Job): Promise<Float64Array[]> {
    return [await this.engine.months(request, job)];
  }
  cancel(id: number): void {
    this.engine.cancel(id);
  }
  async close(): Promise<void> {}
}

export interface PolicyEntry {
  /** the compiled module's source (emitModule) */
  readonly source: string;
  /** its IR: settings are resolved against it (names, labels, units), and a sweep's unit read from it */
  readonly ir: PolicyIR;
}

export interface Reform {
  readonly name: string;
  readonly scenario: Scenario;
}

export interface CompareResult {
  readonly baseline: SimulationResult;
  readonly reforms: readonly { readonly name: string; readonly reform: SimulationResult; readonly delta: Delta; readonly changes: Changes }[];
}

export interface SweepPoint {
  /** the value as set */
  readonly value: string;
  /** its number (yuan for money, a fraction for a rate) */
  readonly x: number;
  readonly result: SimulationResult;
  /** annual cost change per ¥10 (money) or per unit (other numbers) from the point before; null at the first */
  readonly marginal_cost: number | null;
}

export interface SweepResult {
  readonly parameter: string;
  readonly unit: string;
  readonly points: readonly SweepPoint[];
}

export interface MonthsResult {
  readonly policy: string;
  readonly months: readonly MonthRow[];
  readonly totals: { readonly cost: number; readonly entries: number; readonly exits: number; readonly grace_household_months: number };
}

export interface PopulationSummary {
  readonly records: number;
  readonly persons: number;
  readonly households: number;
  readonly real_persons: number;
  readonly regions: readonly string[];
  readonly bytes: number;
}

let nextJob = 1;

export class Simulator {
  private prep: Prepared | undefined;
  private frame: Frame | undefined;
  private readonly policies = new Map<string, { compiled: CompiledPolicy; ir: PolicyIR }>();
  /** jobs with an id under way, and whether they were cancelled */
  private readonly running = new Map<number, boolean>();

  constructor(readonly backend: Backend = new LocalBackend()) {}

  /** A fresh job id for cancellation. */
  static job(): number {
    return nextJob++;
  }

  get prepared(): Prepared | undefined {
    return this.prep;
  }

  /**
   * Takes a population (replacing the one before): prepared once, split into the backend's shards.
   * `ids` are the households' ids, which key their random draws (a synthetic population's are H0000001, …).
   */
  async setPopulation(pop: PopulationColumns, ids?: readonly string[]): Promise<PopulationSummary> {
    const prep = prepare(pop, ids);
    const bounds = shardBounds(pop.households, this.backend.parts);
    const copy = this.backend.parts > 1;
    const shards = bounds.map(([a, b]) => shardOf(prep, a, b, copy));
    while (shards.length < this.backend.parts) shards.push(shardOf(prep, pop.households, pop.households, copy));
    await this.backend.load(shards);
    this.prep = prep;
    this.frame = { records: pop.households, households: prep.totalHouseholds, persons: prep.totalPersons, regionCodes: prep.regionCodes };
    let bytes = pop.memberStart.byteLength;
    for (const c of [...Object.values(pop.household), ...Object.values(pop.person)]) bytes += c.byteLength;
    return { records: pop.households, persons: pop.persons, households: prep.totalHouseholds, real_persons: prep.totalPersons, regions: prep.regionCodes, bytes };
  }

  async addPolicy(key: string, entry: PolicyEntry): Promise<CompiledPolicy> {
    const compiled = instantiate(entry.source);
    await this.backend.addPolicy(key, entry.source);
    this.policies.set(key, { compiled, ir: entry.ir });
    return compiled;
  }

  async removePolicy(key: string): Promise<void> {
    this.policies.delete(key);
    await this.backend.removePolicy(key);
  }

  private need(): Frame {
    if (!this.frame) throw new Error('no population is loaded');
    return this.frame;
  }

  private policy(key: string): { compiled: CompiledPolicy; ir: PolicyIR } {
    const p = this.policies.get(key);
    if (!p) throw new Error(`no policy is loaded as "${key}"`);
    return p;
  }

  private layout(key: string): RunLayout {
    return new RunLayout(this.need().regionCodes.length, this.policy(key).compiled.SITES.length);
  }

  /**
   * The scenario with its settings resolved against its policy (names and labels to ids, values to
   * canonical text: settings.ts), checked in this thread first so that a bad setting fails with its
   * own message before any work goes to the backend.
   */
  private validate(s: Scenario): Scenario {
    const p = this.policy(s.policy);
    const resolved = resolveScenario(p.ir, s);
    p.compiled.resolveParameters({ date: resolved.date, sets: { ...resolved.sets } }, this.need().regionCodes);
    return resolved;
  }

  private result(reply: readonly RunReply[], i: number, s: Scenario): SimulationResult {
    const L = this.layout(s.policy);
    const v = sumChunks(reply.map((r) => r.runs[i]!), L.length);
    // Weights and members are bounded when read, but a total that is not a finite number must never
    // be printed as a result ("∞ households").
    if (!v.every(Number.isFinite)) throw new Error(`the totals of ${s.policy} on ${s.date} are not finite numbers: a weight or an amount in the population is too large to add up`);
    const p = this.policy(s.policy).compiled;
    return simulationResult(v, L, this.need(), s.date, p.policy.id, p.SITES);
  }

  async simulate(scenario: Scenario, behaviour: Behaviour = {}, job: Job = {}): Promise<SimulationResult> {
    this.need();
    const s = this.validate(scenario);
    const reply = await this.work(job, () => this.backend.run([s], behaviour, false, job));
    return this.result(reply, 0, s);
  }

  async compare(baseline: Scenario, reforms: readonly Reform[], behaviour: Behaviour = {}, job: Job = {}): Promise<CompareResult> {
    this.need();
    if (reforms.length === 0) throw new Error('a comparison needs at least one reform');
    const scenarios = [baseline, ...reforms.map((r) => r.scenario)].map((s) => this.validate(s));
    const reply = await this.work(job, () => this.backend.run(scenarios, behaviour, true, job));
    const base = this.result(reply, 0, scenarios[0]!);
    return {
      baseline: base,
      reforms: reforms.map((r, i) => {
        const reform = this.result(reply, i + 1, scenarios[i + 1]!);
        const changes = changesResult(sumChunks(reply.map((x) => x.changes[i]!), CHANGE.length));
        return { name: r.name, reform, delta: delta(reform, base), changes };
      }),
    };
  }

  /**
   * The scenario at each value of one parameter (by id, label or `name.entry`); values are setting
   * texts (yuan for money, 30% or 0.3 for a rate) or numbers read from their shortest decimal text.
   */
  async sweep(scenario: Scenario, parameter: string, values: readonly (string | number)[], behaviour: Behaviour = {}, job: Job = {}): Promise<SweepResult> {
    this.need();
    if (values.length === 0) throw new Error('a sweep needs at least one value');
    const { key, unit, points: swept } = sweepPoints(this.policy(scenario.policy).ir, parameter, values);
    const scenarios = swept.map((pt) => this.validate({ ...scenario, sets: { ...scenario.sets, [key]: pt.text } }));
    const reply = await this.work(job, () => this.backend.run(scenarios, behaviour, false, job));
    const per = unit.startsWith('money') ? 10 : 1;
    const points: SweepPoint[] = [];
    scenarios.forEach((s, i) => {
      const result = this.result(reply, i, s);
      const before = points[i - 1];
      const dx = before ? swept[i]!.x - before.x : 0;
      points.push({ value: swept[i]!.value, x: swept[i]!.x, result, marginal_cost: before && dx !== 0 ? ((result.annual_cost - before.result.annual_cost) / dx) * per : null });
    });
    return { parameter: key, unit, points };
  }

  async months(request: MonthsRequest, job: Job = {}): Promise<MonthsResult> {
    const frame = this.need();
    const scenario = this.validate(request.scenario);
    const ir = this.policy(scenario.policy).ir;
    const cpi = monthRates(ir, 'cpi_yoy', request.cpi);
    const foodCpi = monthRates(ir, 'food_cpi_yoy', request.foodCpi);
    // Each engine keeps the events of its own households: one for no household would vanish silently.
    for (const e of request.events ?? [])
      if (!Number.isInteger(e.household) || e.household < 0 || e.household >= frame.records) throw new Error(`event in month ${e.month}: no household ${e.household} (the population has ${frame.records})`);
    const entryWage = request.entryWage ?? this.entryWage();
    const parts = await this.work(job, () =>
      this.backend.months({ ...request, scenario, entryWage, ...(cpi ? { cpi: cpi.texts } : {}), ...(foodCpi ? { foodCpi: foodCpi.texts } : {}) }, job),
    );
    const W = MONTH.length;
    const rows: MonthRow[] = [];
    for (let m = 0; m < request.months; m++) {
      const v = new Float64Array(W);
      for (const part of parts) {
        const chunks = part.length / (request.months * W);
        for (let c = 0; c < chunks; c++) for (let i = 0; i < W; i++) v[i]! += part[(m * chunks + c) * W + i]!;
      }
      const rate = cpi?.numbers.length ? cpi.numbers[Math.min(m, cpi.numbers.length - 1)]! : null;
      rows.push(monthRow(v, m, addMonths(scenario.date, m), rate));
    }
    return {
      policy: this.policy(scenario.policy).compiled.policy.id,
      months: rows,
      totals: {
        cost: rows.reduce((s, r) => s + r.cost.total, 0),
        entries: rows.reduce((s, r) => s + r.entries, 0),
        exits: rows.reduce((s, r) => s + r.exits, 0),
        grace_household_months: rows.reduce((s, r) => s + r.grace, 0),
      },
    };
  }

  /** The median wage of employed persons by area (urban, rural), fen a month: the wage of a new job without an earlier one. */
  entryWage(): [number, number] {
    const pop = this.prep!.pop;
    const lists: number[][] = [[], []];
    const area = pop.household.area!;
    for (let h = 0; h < pop.households; h++)
      for (let p = pop.memberStart[h]!; p < pop.memberStart[h + 1]!; p++) if (pop.person.employed![p] && pop.person.wage_income![p]! > 0) lists[area[h]!]!.push(pop.person.wage_income![p]!);
    const median = (xs: number[], fallback: number) => {
      if (xs.length === 0) return fallback;
      xs.sort((a, b) => a - b);
      return xs[Math.floor(xs.length / 2)]!;
    };
    return [median(lists[0]!, 300000), median(lists[1]!, 200000)];
  }

  /**
   * Backend work for a job. A job cancelled before its answer arrives rejects with Cancelled
   * whichever backend ran it: a worker that was in its last chunk when the cancel came finishes it,
   * and its answer is refused here. Cancelled errors from workers come back as Cancelled.
   */
  private async work<T>(job: Job, f: () => Promise<T>): Promise<T> {
    const id = job.id;
    if (id !== undefined) this.running.set(id, false);
    try {
      const answer = await f();
      if (id !== undefined && this.running.get(id)) throw new Cancelled();
      return answer;
    } catch (e) {
      if (e instanceof Error && e.name === 'Cancelled' && !(e instanceof Cancelled)) throw new Cancelled();
      throw e;
    } finally {
      if (id !== undefined) this.running.delete(id);
    }
  }

  cancel(id: number): void {
    if (this.running.has(id)) this.running.set(id, true);
    this.backend.cancel(id);
  }

  async close(): Promise<void> {
    await this.backend.close();
  }
}
