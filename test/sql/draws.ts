/**
 * The simulator's draws computed in SQL must be the JS engine's, bit for bit: the draw key of a
 * household id (md5's first 32 bits) and hash3(seed, key, salt), for ids of every shape.
 */
import { expect } from 'vitest';
import { dialectOf } from '../../language/backend-sql/dialect.ts';
import { drawKeySql, hash3Steps } from '../../language/backend-sql/draws.ts';
import { drawKey, hash3 } from '../../simulator/index.ts';
import type { SqlEngine } from './engines.ts';

/** Synthetic ids, ids of files (Chinese, quotes, long), and the seeds and salts of take-up. */
const IDS = [
  ...Array.from({ length: 500 }, (_, h) => `H${String(h + 1).padStart(7, '0')}`),
  ...Array.from({ length: 200 }, (_, h) => `沪-${h}-家庭`),
  "O'Brien",
  'a"b',
  'back\\slash',
  'x'.repeat(200),
  '0',
];
const RUNS: [number, number][] = [
  [1, 101],
  [20261204, 104],
  [4294967295, 105],
  [0, 106],
];

export async function checkDraws(engine: SqlEngine): Promise<void> {
  const D = dialectOf(engine.dialect);
  const problems: string[] = [];
  for (const [seed, salt] of RUNS) {
    const steps = hash3Steps(D, seed, 'k', salt, 's');
    const ctes = [`t0 AS (SELECT id, ${drawKeySql(D, 'id')} AS k FROM (VALUES ${IDS.map((i) => `(${D.str(i)})`).join(', ')}) AS v(id))`];
    // each step in its own layer, fenced (PostgreSQL would otherwise substitute the steps into each other)
    steps.forEach(([n, x], i) => ctes.push(`t${i + 1} AS (${D.fence(`SELECT *, ${x} AS ${n} FROM t${i}`)})`));
    const rows = await engine.query(`WITH ${ctes.join(', ')} SELECT id, k, ${steps[steps.length - 1]![0]} AS h FROM t${steps.length}`);
    expect(rows.length).toBe(IDS.length);
    for (const r of rows) {
      const key = drawKey(r.id!);
      if (r.k !== String(key)) problems.push(`${JSON.stringify(r.id)}: key ${r.k}, simulator ${key}`);
      else if (r.h !== String(hash3(seed, key, salt))) problems.push(`${JSON.stringify(r.id)} seed ${seed} salt ${salt}: hash ${r.h}, simulator ${hash3(seed, key, salt)}`);
    }
  }
  expect(problems.slice(0, 20)).toEqual([]);
}
