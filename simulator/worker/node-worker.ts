/** The worker_threads entry: one engine served through comlink over the parent port. */
import { parentPort } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { serve } from './api.ts';

if (!parentPort) throw new Error('node-worker.ts runs as a worker thread');
serve(nodeEndpoint(parentPort));
