/**
 * The query as a graph of SELECTs (nodes): base nodes over the tables, projections, joins of
 * households to members (inner) and of groups to households (left), and GROUP BYs. Before it is
 * written out, liveness decides what each node passes on: only the columns some later node reads,
 * found by reading the later nodes' SQL — so rows stay as narrow as the policy allows (engines copy
 * every column of a row through joins and aggregations).
 */
import type { Column } from './aggregate.ts';

export interface Node {
  readonly name: string;
  /** the rows this node computes on (a projection's, or a join's left side) */
  readonly input?: Node;
  /** a node joined by household_id: households to members (inner), groups to households (left) */
  readonly join?: { readonly node: Node; readonly kind: 'inner' | 'left' };
  /** a base node's FROM over the tables (its expressions read tables, not nodes), and its key */
  readonly from?: { readonly sql: string; readonly key: string };
  readonly cols: readonly Column[];
  /** one row per household_id of the input */
  readonly group?: boolean;
}

const KEY = 'household_id';

/** The identifiers (bare or quoted) an SQL text mentions outside its string literals. */
export function identifiers(sql: string): Set<string> {
  const out = new Set<string>();
  const text = sql.replace(/'(?:[^'\\]|''|\\.)*'/g, "''");
  for (const m of text.matchAll(/"[^"]*"|`[^`]*`|[A-Za-z_][A-Za-z0-9_]*/g)) out.add(m[0]);
  return out;
}

/** The columns a node can give (what it computes, and what its inputs give, for a projection or a join). */
function available(n: Node, memo: Map<Node, Set<string>>): Set<string> {
  let s = memo.get(n);
  if (s) return s;
  s = new Set(n.cols.map((c) => c.name));
  s.add(KEY);
  if (!n.from && !n.group) {
    for (const c of available(n.input!, memo)) s.add(c);
    if (n.join) for (const c of available(n.join.node, memo)) s.add(c);
  }
  memo.set(n, s);
  return s;
}

export interface Shaped {
  readonly node: Node;
  /** columns passed on from the inputs, then computed ones: the columns the node gives besides the key */
  readonly pass: readonly string[];
  readonly cols: readonly Column[];
  /** how many later nodes (or the final select) read it */
  readonly readers: number;
}

/**
 * Each node's columns, given the nodes in order (each after its inputs) and what the last one must
 * give. A column no later node reads is not passed on; a computed one nobody reads is not computed.
 */
export function shape(nodes: readonly Node[], last: Node, wanted: Iterable<string>): Shaped[] {
  const memo = new Map<Node, Set<string>>();
  const demand = new Map<Node, Set<string>>(nodes.map((n) => [n, new Set<string>()]));
  const readers = new Map<Node, number>(nodes.map((n) => [n, 0]));
  for (const c of wanted) if (available(last, memo).has(c)) demand.get(last)!.add(c);
  readers.set(last, 1);
  const out: Shaped[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    const want = demand.get(n)!;
    want.delete(KEY);
    const cols = n.cols.filter((c) => want.has(c.name));
    const computed = new Set(n.cols.map((c) => c.name));
    const pass = [...want].filter((c) => !computed.has(c)).sort();
    out.push({ node: n, pass, cols, readers: readers.get(n)! });
    if (n.from) {
      if (pass.length) throw new Error(`internal: ${pass.join(', ')} asked of base node ${n.name}`);
      continue;
    }
    const inputs = n.join ? [n.join.node, n.input!] : [n.input!];
    for (const x of inputs) readers.set(x, readers.get(x)! + 1);
    const need = new Set(pass);
    const from = new Set<string>();
    for (const x of inputs) for (const c of available(x, memo)) from.add(c);
    for (const c of cols) for (const id of identifiers(c.expr)) if (from.has(id)) need.add(id);
    need.delete(KEY);
    for (const c of need) {
      const x = inputs.find((y) => available(y, memo).has(c));
      if (!x) throw new Error(`internal: ${n.name} reads ${c}, which no input gives`);
      demand.get(x)!.add(c);
    }
  }
  return out.reverse();
}

/** A node's SELECT. */
export function selectOf(s: Shaped): string {
  const n = s.node;
  const key = n.from ? `${n.from.key} AS ${KEY}` : n.join ? `x.${KEY}` : KEY;
  const list = [key, ...s.pass, ...s.cols.map((c) => `${c.expr} AS ${c.name}`)].join(',\n    ');
  let from: string;
  if (n.from) from = n.from.sql;
  else if (n.join) from = `${n.input!.name} x\n  ${n.join.kind === 'left' ? 'LEFT JOIN' : 'JOIN'} ${n.join.node.name} y ON y.${KEY} = x.${KEY}`;
  else from = n.input!.name;
  return `SELECT ${list}\n  FROM ${from}${n.group ? `\n  GROUP BY ${KEY}` : ''}`;
}
