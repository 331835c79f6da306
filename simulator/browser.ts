/**
 * The simulator's browser face: a pool of engines in web workers (worker/browser-worker.ts), one
 * shard each, or one engine in this thread when the machine has a single core. The one file
 * outside worker/ that touches a browser global (Worker); import it only from browser code.
 */
import { Simulator } from './simulator.ts';
import { PoolBackend } from './worker/pool.ts';

/** A simulator over up to `max` web workers (the cores the browser reports, at most `max`). */
export function browserPool(max = 4): Simulator {
  const cores = Math.min(max, globalThis.navigator?.hardwareConcurrency ?? 1);
  if (cores < 2) return new Simulator();
  const workers = Array.from({ length: cores }, () => {
    const w = new Worker(new URL('./worker/browser-worker.ts', import.meta.url), { type: 'module', name: 'doudi-engine' });
    return { endpoint: w, terminate: () => w.terminate() };
  });
  return new Simulator(new PoolBackend(workers));
}
