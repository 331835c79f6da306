import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/** The studio (studio/, built into dist/studio) and the tests (vitest, from the repository root). */
export default defineConfig({
  root: here('./studio'),
  base: './',
  build: {
    outDir: here('./dist/studio'),
    emptyOutDir: true,
    // Monaco's editor chunk is ~3.9 MB; it is loaded lazily, after the first paint.
    chunkSizeWarningLimit: 5000,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, fs: { allow: [here('.')] } },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    root: here('.'),
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // vitest's default is one worker fewer than the cores: on a 2-core machine, one file at a time.
    // Two there: much of the suite waits on DuckDB, PostgreSQL, Spark's JVM or Chromium, so two files
    // overlap well (npm test's vitest part: 569 s with one worker, 378 s with two, 2026-12-05).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
