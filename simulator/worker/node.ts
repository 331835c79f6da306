/**
 * Worker pools in Node (worker_threads). From source (tests, tsx) the workers load node-worker.ts
 * through tsx (node-worker-source.mjs); from the bundle (dist/doudi.js) dist/worker.js beside it.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { Simulator } from '../simulator.ts';
import { PoolBackend, type WorkerHandle } from './pool.ts';

function spawn(): WorkerHandle {
  const here = import.meta.url;
  const fromSource = here.endsWith('.ts');
  const entry = fromSource ? new URL('./node-worker-source.mjs', here) : new URL('./worker.js', here);
  const worker = new Worker(entry);
  return { endpoint: nodeEndpoint(worker), terminate: () => worker.terminate() };
}

/** The cores this machine offers. */
export const cores = (): number => availableParallelism();

/** A simulator over a pool of `size` worker threads. */
export function nodePool(size: number = cores()): Simulator {
  const n = Math.max(1, Math.floor(size));
  return new Simulator(new PoolBackend(Array.from({ length: n }, spawn)));
}
