// Bundles the command line, the benchmark and the simulator's worker into dist/ for Node (no TypeScript loader at run
// time). `npm ci` runs this through the prepare script; `npm test` and `npm run bench` run it first.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // DuckDB is a native module: loaded from node_modules at run time, never bundled.
  external: ['@duckdb/node-api', '@duckdb/node-bindings'],
  // Bundled CommonJS dependencies may call require() for Node built-ins.
  banner: { js: "import { createRequire as __doudiRequire } from 'node:module'; const require = __doudiRequire(import.meta.url);" },
};

await build({ ...common, entryPoints: { doudi: 'cli/main.ts', bench: 'bench/run.ts', worker: 'simulator/worker/node-worker.ts' }, outdir: 'dist' });
