/**
 * The shaped nodes written out for an engine: one WITH query for DuckDB and PostgreSQL, and for
 * Spark statements that create each node as a temporary view before the final SELECT.
 */
import type { Dialect } from './dialect.ts';
import { selectOf, type Shaped } from './query.ts';

const MODE = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.DOUDI_SQL_MAT ?? 'default';

export function emit(D: Dialect, params: string | undefined, nodes: readonly Shaped[], select: string): { setup: string[]; sql: string } {
  const items: { name: string; body: string; shared: boolean }[] = [];
  if (params) items.push({ name: 'doudi_parameters', body: params, shared: false });
  for (const n of nodes) items.push({ name: n.node.name, body: selectOf(n), shared: n.readers > 1 });
  if (D.name !== 'spark') {
    const hint = (shared: boolean) => (MODE === 'materialized' && shared ? ' MATERIALIZED' : MODE === 'not' ? ' NOT MATERIALIZED' : MODE === 'all' ? ' MATERIALIZED' : '');
    const sql = `WITH\n${items.map((c) => `${c.name} AS${hint(c.shared)} (\n  ${D.fence(c.body)}\n)`).join(',\n')}\n${select}`;
    return { setup: [], sql };
  }
  const setup = [
    // a view keeps its analysed plan (not its text to analyse again wherever it is read)
    'SET spark.sql.legacy.storeAnalyzedPlanForView=true',
    ...items.flatMap((c) =>
      c.shared && MODE !== 'views' ? [`UNCACHE TABLE IF EXISTS ${c.name}`, `DROP VIEW IF EXISTS ${c.name}`, `CACHE ${MODE === 'lazy' ? 'LAZY ' : ''}TABLE ${c.name} AS\n  ${c.body}`] : [`CREATE OR REPLACE TEMPORARY VIEW ${c.name} AS\n  ${c.body}`],
    ),
  ];
  return { setup, sql: select };
}
