/**
 * The engine one worker runs: it holds a shard of the population and compiled policies, evaluates
 * scenarios chunk by chunk and returns each chunk's sums. The same class runs in-process (the CLI's
 * single-core path, tests) and behind comlink in a web worker or a worker_threads worker; a pool of
 * engines over shards gives the same bytes as one engine over everything.
 *
 * Long runs yield between chunks so that a cancel message can arrive, and report progress.
 */
import { instantiate, type CompiledPolicy, type OutputColumns, type PopulationColumns } from '../../language/index.ts';
import { Cancelled, DEFAULT_TAKE_UP, type Behaviour, type Job, type MonthsRequest, type Scenario, type TakeUp } from '../types.ts';
import { reachInput } from './reach.ts';
import { accumulate, accumulateChange, addGroupBase, columnsOf, groupBase, paidBuffers, type Paid } from './accumulate.ts';
import { levelShares } from './levels.ts';
import { CHANGE, RunLayout } from './layout.ts';
import { CHUNK, chunkViews, type Shard } from './prepare.ts';
import { runMonths } from './months.ts';
import { assessedPopulation, assessmentKey, assesses } from './assess.ts';

export interface RunReply {
  /** per scenario, its chunks' sums stacked (RunLayout of that scenario's policy) */
  readonly runs: Float64Array[];
  /** per scenario after the first, the changes from the first, stacked per chunk */
  readonly changes: Float64Array[];
}

interface Loaded {
  readonly policy: CompiledPolicy;
  /** chunk-sized outputs, reused by every run */
  readonly out: OutputColumns;
}

/** Resolves soon, letting queued messages (a cancel) run first. */
export const yieldNow = (): Promise<void> =>
  new Promise((resolve) => {
    const g = globalThis as { setImmediate?: (f: () => void) => void };
    if (g.setImmediate) g.setImmediate(resolve);
    else {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(0);
    }
  });

const now = (): number => (globalThis.performance ? performance.now() : Date.now());

export class Engine {
  private shard: Shard | undefined;
  private readonly policies = new Map<string, Loaded>();
  private readonly cancelled = new Set<number>();
  /** the shard as last assessed under behaviour assumptions (assess.ts) */
  private assessed: { key: string; pop: PopulationColumns } | undefined;
  /** per chunk, the households and persons of each group (they do not depend on the run) */
  private bases: Float64Array[] = [];

  /** Takes the shard this engine works on (replacing any before). */
  load(shard: Shard): { households: number; persons: number } {
    this.shard = shard;
    this.assessed = undefined;
    this.bases = [];
    return { households: shard.pop.households, persons: shard.pop.persons };
  }

  /** Compiles a policy module's source (from emitModule) under a key. */
  addPolicy(key: string, source: string): void {
    const policy = instantiate(source);
    this.policies.set(key, { policy, out: policy.allocateOutputs(CHUNK) });
  }

  removePolicy(key: string): void {
    this.policies.delete(key);
  }

  cancel(id: number): void {
    this.cancelled.add(id);
  }

  /** The shard, or a clear error when none was loaded. */
  private need(): Shard {
    if (!this.shard) throw new Error('no population is loaded');
    return this.shard;
  }

  private loaded(key: string): Loaded {
    const l = this.policies.get(key);
    if (!l) throw new Error(`no policy is loaded as "${key}"`);
    return l;
  }

  /** The shard as the means test sees it under the behaviour assumptions (assess.ts); kept for the next run. */
  population(b: Behaviour): PopulationColumns {
    const shard = this.need();
    if (!assesses(b)) return shard.pop;
    const key = assessmentKey(b);
    if (this.assessed?.key !== key) this.assessed = { key, pop: assessedPopulation(shard.pop, b, shard.key) };
    return this.assessed.pop;
  }

  /**
   * Evaluates every scenario over the shard, chunk by chunk, and sums; with `changes`, also the
   * changes of each scenario from the first (comparisons).
   */
  async run(scenarios: readonly Scenario[], behaviour: Behaviour, changes: boolean, job: Job = {}): Promise<RunReply> {
    const shard = this.need();
    if (scenarios.length === 0) throw new Error('a run needs at least one scenario');
    const pop = this.population(behaviour);
    const n = shard.pop.households;
    const chunks = Math.ceil(n / CHUNK);
    const take: TakeUp = { ...DEFAULT_TAKE_UP, ...behaviour.takeUp };
    const seed = behaviour.seed ?? 1;
    const regions = { codes: [...shard.regionCodes], slot: shard.regionIndex };
    const plans = scenarios.map((s) => {
      const l = this.loaded(s.policy);
      const params = l.policy.resolveParameters({ date: s.date, sets: { ...s.sets } }, regions.codes);
      const layout = new RunLayout(shard.regionCodes.length, l.policy.SITES.length);
      return { l, params, layout, levels: levelShares(params, regions.codes.length), stacked: new Float64Array(chunks * layout.length) };
    });
    const changeStacks = changes ? scenarios.slice(1).map(() => new Float64Array(chunks * CHANGE.length)) : [];
    const paid: Paid[] = changes ? scenarios.map(() => paidBuffers(Math.min(CHUNK, n))) : [];
    let last = now();
    let reported = last;
    for (let c = 0; c < chunks; c++) {
      const a = c * CHUNK;
      const b = Math.min(n, a + CHUNK);
      const view = chunkViews(pop)[c]!;
      const slot = shard.regionIndex.subarray(a, b);
      const sub = { ...shard, pop: view, offset: shard.offset + a, personOffset: shard.personOffset + pop.memberStart[a]!, income: shard.income.subarray(a, b), decile: shard.decile.subarray(a, b), sizeGroup: shard.sizeGroup.subarray(a, b), regionIndex: slot, key: shard.key.subarray(a, b) };
      plans.forEach((plan, i) => {
        plan.l.policy.evaluateBatch(view, { codes: regions.codes, slot }, plan.params, plan.l.out, 0, b - a);
        const vec = plan.stacked.subarray(c * plan.layout.length, (c + 1) * plan.layout.length);
        addGroupBase(vec, plan.layout, (this.bases[c] ??= groupBase(sub, plan.layout, 0, b - a)));
        accumulate(sub, columnsOf(plan.l.out), take, seed, plan.layout, vec, 0, b - a, changes ? paid[i] : undefined, reachInput(view, sub.income, slot, plan.params), plan.levels);
        if (changes && i > 0) accumulateChange(sub, paid[0]!, paid[i]!, changeStacks[i - 1]!.subarray(c * CHANGE.length, (c + 1) * CHANGE.length), 0, b - a);
      });
      const t = now();
      if (job.onProgress && (t - reported > 100 || c === chunks - 1)) {
        reported = t;
        job.onProgress(b, n);
      }
      if (t - last > 20 && c < chunks - 1) {
        await yieldNow();
        last = now();
        this.check(job);
      }
    }
    this.check(job);
    return { runs: plans.map((p) => p.stacked), changes: changeStacks };
  }

  /** The months run over this shard (months.ts). */
  async months(request: MonthsRequest, job: Job = {}): Promise<Float64Array> {
    const shard = this.need();
    const l = this.loaded(request.scenario.policy);
    return runMonths(shard, this.population(request.behaviour ?? {}), l.policy, l.out, request, async (done, total) => {
      job.onProgress?.(done, total);
      await yieldNow();
      this.check(job);
    });
  }

  private check(job: Job): void {
    if (job.id !== undefined && this.cancelled.has(job.id)) {
      this.cancelled.delete(job.id);
      throw new Cancelled();
    }
  }
}
