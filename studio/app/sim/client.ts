/** The coordinator worker (studio/sim/sim.worker.ts) behind comlink. */
import * as Comlink from 'comlink';
import type { SimApi } from '../../sim/protocol.ts';
import SimWorker from '../../sim/sim.worker.ts?worker';

export type Sim = Comlink.Remote<SimApi>;

export function startSim(): Sim {
  return Comlink.wrap<SimApi>(new SimWorker());
}

/** True for the error a cancelled job rejects with (its name survives the worker boundary). */
export function isCancelled(e: unknown): boolean {
  return e instanceof Error && (e.name === 'Cancelled' || e.message === 'cancelled');
}
