/**
 * The studio's coordinator worker: the simulator behind comlink (protocol.ts). With more than one
 * core, the work is split over a pool of engine workers (simulator/worker/browser-worker.ts), one
 * shard each; the results are the same bytes as one engine's.
 */
import * as Comlink from 'comlink';
import { Simulator } from '../../simulator/simulator.ts';
import { PoolBackend } from '../../simulator/worker/pool.ts';
import { SimService } from './service.ts';

function pool(): Simulator {
  const cores = Math.min(4, self.navigator?.hardwareConcurrency ?? 1);
  if (cores < 2) return new Simulator();
  const workers = Array.from({ length: cores }, () => {
    const w = new Worker(new URL('../../simulator/worker/browser-worker.ts', import.meta.url), { type: 'module', name: 'doudi-engine' });
    return { endpoint: w, terminate: () => w.terminate() };
  });
  return new Simulator(new PoolBackend(workers));
}

Comlink.expose(new SimService(pool()));
