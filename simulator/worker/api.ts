/**
 * What a worker exposes through comlink: the engine with flat arguments (a callback can only cross
 * as a top-level comlink proxy) and results moved back with an explicit transfer.
 */
import * as Comlink from 'comlink';
import type { Behaviour, MonthsRequest, Scenario } from '../types.ts';
import { Engine, type RunReply } from '../engine/engine.ts';
import type { Shard } from '../engine/prepare.ts';

export type Progress = (done: number, total: number) => void;

export class WorkerApi {
  private readonly engine = new Engine();

  load(shard: Shard): { households: number; persons: number } {
    return this.engine.load(shard);
  }

  addPolicy(key: string, source: string): void {
    this.engine.addPolicy(key, source);
  }

  removePolicy(key: string): void {
    this.engine.removePolicy(key);
  }

  async run(scenarios: Scenario[], behaviour: Behaviour, changes: boolean, id: number, onProgress?: Progress): Promise<RunReply> {
    const reply = await this.engine.run(scenarios, behaviour, changes, { id, onProgress });
    return Comlink.transfer(reply, [...reply.runs, ...reply.changes].map((a) => a.buffer as ArrayBuffer));
  }

  async months(request: MonthsRequest, id: number, onProgress?: Progress): Promise<Float64Array> {
    const result = await this.engine.months(request, { id, onProgress });
    return Comlink.transfer(result, [result.buffer as ArrayBuffer]);
  }

  cancel(id: number): void {
    this.engine.cancel(id);
  }
}

/** Serves a WorkerApi on an endpoint (a web worker's global scope, or a worker_threads port). */
export function serve(endpoint?: Comlink.Endpoint): void {
  Comlink.expose(new WorkerApi(), endpoint);
}
