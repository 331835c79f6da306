/**
 * The shaped nodes written out for an engine. DuckDB and PostgreSQL: one WITH query (both
 * materialise a CTE that is read twice on their own, and read it from there; PostgreSQL's JIT
 * turned off around it). Spark: every node
 * read by two later nodes becomes a table of its own (`CREATE TABLE … USING parquet AS`), written
 * once in `setup`, and every other node a CTE of the one statement that reads it.
 *
 * Why tables on Spark: Spark copies a CTE or a view into every place that reads it, and each
 * stage's household node is read twice (by the next stage's members and by its households), so
 * the plan doubled with every stage — the optimiser and the broadcasts ran out of memory on a few
 * hundred households. A cached view (`CACHE TABLE`) keeps the data but not the plan short: each
 * cached relation carries the plan it was computed by, with its own cached inputs' plans inside,
 * and Spark writes that text into every execution it keeps — again doubling per stage, held in
 * the driver's heap until it ran out. A table read back from files has a plan of one scan, so each
 * statement's plan is only its own nodes, and nothing stays in memory between statements.
 */
import type { Dialect } from './dialect.ts';
import { identifiers, selectOf, type Node, type Shaped } from './query.ts';

export interface Emitted {
  readonly setup: string[];
  readonly sql: string;
  readonly teardown: string[];
}

interface Item {
  readonly name: string;
  readonly body: string;
  /** the items it reads (by name) */
  readonly reads: readonly string[];
  readonly shared: boolean;
}

const PARAMETERS = 'doudi_parameters';

export function emit(D: Dialect, params: string | undefined, nodes: readonly Shaped[], select: string, last: Node): Emitted {
  const items: Item[] = [];
  if (params) items.push({ name: PARAMETERS, body: params, reads: [], shared: false });
  for (const n of nodes) {
    const node = n.node;
    const reads = node.from ? [...identifiers(node.from.sql)].filter((x) => x === PARAMETERS && params) : [node.input!.name, ...(node.join ? [node.join.node.name] : [])];
    items.push({ name: node.name, body: selectOf(n), reads, shared: n.readers > 1 });
  }
  const withClause = (list: readonly Item[]) => (list.length ? `WITH\n${list.map((c) => `${c.name} AS (\n  ${D.fence(c.body)}\n)`).join(',\n')}\n` : '');
  if (D.name === 'duckdb') return { setup: [], sql: `${withClause(items)}${select}`, teardown: [] };
  // PostgreSQL knows no statistics of a CTE, so its row estimates multiply with every join of the
  // stages (billions for Shanghai) and the cost passes the JIT's thresholds: LLVM then spent 5.3 s
  // of 6.0 s compiling the expressions for 10,000 households (100,000: 11 s with JIT, 6.5 s without)
  if (D.name === 'postgres') return { setup: ['SET jit = off'], sql: `${withClause(items)}${select}`, teardown: ['RESET jit'] };

  // Spark: the CTEs of a statement are the unshared items it reads, and theirs, up to a table
  const byName = new Map(items.map((c) => [c.name, c]));
  const ctesOf = (roots: readonly string[]): Item[] => {
    const want = new Set<string>();
    const visit = (name: string) => {
      const c = byName.get(name)!;
      if (c.shared || want.has(name)) return;
      want.add(name);
      c.reads.forEach(visit);
    };
    roots.forEach(visit);
    // in the order of the items: each after what it reads
    return items.filter((c) => want.has(c.name));
  };
  const tables = items.filter((c) => c.shared);
  const setup = tables.flatMap((t) => [`DROP TABLE IF EXISTS ${t.name}`, `CREATE TABLE ${t.name} USING parquet AS\n${withClause(ctesOf(t.reads))}${t.body}`]);
  const sql = `${withClause(ctesOf([last.name]))}${select}`;
  return { setup, sql, teardown: tables.map((t) => `DROP TABLE IF EXISTS ${t.name}`) };
}
