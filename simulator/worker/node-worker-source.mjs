// The worker_threads entry when running from the TypeScript sources (tests, tsx): registers tsx in
// this thread, then loads the real entry. The bundle uses dist/worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./node-worker.ts');
