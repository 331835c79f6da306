/**
 * The studio's coordinator worker: the simulator behind comlink (protocol.ts). With more than one
 * core, the work is split over a pool of engine workers (simulator/browser.ts), one shard each;
 * the results are the same bytes as one engine's.
 */
import * as Comlink from 'comlink';
import { browserPool } from '../../simulator/browser.ts';
import { SimService } from './service.ts';

Comlink.expose(new SimService(browserPool(4)));
