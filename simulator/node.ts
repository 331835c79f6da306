/**
 * The simulator's Node face: a pool of worker_threads engines. The one file outside worker/ that
 * touches node:*; import it only from Node code (the CLI, the bench, tests).
 */
export { nodePool, cores } from './worker/node.ts';
