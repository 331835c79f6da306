/**
 * A pool of engines in workers, one shard each: the same Backend as one engine in-process, with the
 * same bytes (each worker sums whole chunks; the simulator adds them in order). Environment-agnostic:
 * it takes comlink endpoints, made by node.ts (worker_threads) or the studio (web workers).
 */
import * as Comlink from 'comlink';
import type { Behaviour, Job, MonthsRequest, Scenario } from '../types.ts';
import type { RunReply } from '../engine/engine.ts';
import { shardBuffers, type Shard } from '../engine/prepare.ts';
import type { Backend } from '../simulator.ts';
import type { Progress, WorkerApi } from './api.ts';

export interface WorkerHandle {
  readonly endpoint: Comlink.Endpoint;
  terminate(): void | Promise<unknown>;
}

export class PoolBackend implements Backend {
  private readonly remotes: Comlink.Remote<WorkerApi>[];
  private sizes: number[] = [];

  constructor(private readonly workers: readonly WorkerHandle[]) {
    if (workers.length === 0) throw new Error('a pool needs at least one worker');
    this.remotes = workers.map((w) => Comlink.wrap<WorkerApi>(w.endpoint));
  }

  get parts(): number {
    return this.workers.length;
  }

  async load(shards: Shard[]): Promise<void> {
    if (shards.length !== this.remotes.length) throw new Error(`${shards.length} shards for ${this.remotes.length} workers`);
    this.sizes = shards.map((s) => s.pop.households);
    await Promise.all(shards.map((s, i) => this.remotes[i]!.load(Comlink.transfer(s, shardBuffers(s)))));
  }

  async addPolicy(key: string, source: string): Promise<void> {
    await Promise.all(this.remotes.map((r) => r.addPolicy(key, source)));
  }

  async removePolicy(key: string): Promise<void> {
    await Promise.all(this.remotes.map((r) => r.removePolicy(key)));
  }

  /** One progress callback per worker, reporting the sum over all of them. */
  private progress(job: Job): (Progress | undefined)[] {
    const report = job.onProgress;
    if (!report) return this.remotes.map(() => undefined);
    const done = this.sizes.map(() => 0);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    return this.remotes.map((_, i) =>
      Comlink.proxy((d: number, t: number) => {
        done[i] = t > 0 ? (d / t) * this.sizes[i]! : 0;
        report(Math.round(done.reduce((a, b) => a + b, 0)), total);
      }),
    );
  }

  async run(scenarios: readonly Scenario[], behaviour: Behaviour, changes: boolean, job: Job): Promise<RunReply[]> {
    const id = job.id ?? -1;
    const cbs = this.progress(job);
    return Promise.all(this.remotes.map((r, i) => r.run([...scenarios], behaviour, changes, id, cbs[i]))) as Promise<RunReply[]>;
  }

  async months(request: MonthsRequest, job: Job): Promise<Float64Array[]> {
    const id = job.id ?? -1;
    const cbs = this.progress(job);
    return Promise.all(this.remotes.map((r, i) => r.months(request, id, cbs[i]))) as Promise<Float64Array[]>;
  }

  cancel(id: number): void {
    for (const r of this.remotes) void r.cancel(id);
  }

  async close(): Promise<void> {
    for (const r of this.remotes) r[Comlink.releaseProxy]();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
