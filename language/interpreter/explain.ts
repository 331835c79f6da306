/**
 * What the interpreter records of each value it computes (`ValueNode`), and the explanation trees
 * and coverage made from those records once a household is evaluated.
 */
import type * as I from '../ir/types.ts';
import * as Q from '../numbers/rational.ts';
import type { Household } from '../schema/index.ts';
import type { Scalar } from './params.ts';

export interface ExplainNode {
  readonly key: string;
  readonly kind: 'output' | 'definition' | 'parameter' | 'input' | 'field';
  readonly id: string;
  readonly label?: string;
  /** 0-based member index for person-level values */
  readonly member?: number;
  readonly personId?: string;
  readonly type: string;
  readonly value: number | boolean | string;
  /** the exact value, when `value` had to be rounded for display ("3703/3") */
  readonly exact?: string;
  /** the branch, exception, table row or dated value that decided the value, as text for an analyst */
  readonly because: readonly string[];
  /** the same, as data (`Why`): what a notice or a compact explanation is made from */
  readonly why: readonly Why[];
  readonly cite: readonly string[];
  readonly at?: { readonly file: string; readonly line: number; readonly column: number };
  /** the base policy whose declaration this one overrides */
  readonly overrides?: string;
  /** what it read; a node explained earlier in the tree appears again with `repeated` and no children */
  readonly reads: readonly ExplainNode[];
  readonly repeated?: boolean;
  /** what it read is explained in an entry of its own, after the outputs' (trees are cut TREE_DEPTH levels deep) */
  readonly continued?: boolean;
}

/**
 * Why a value is what it is, as data — never a fragment of code: the exception that applied (by its
 * label) or none, the branch an `if` took and the names its condition reads, the value a `match`
 * chose, the table rows that matched and the one that decided (1-based), the dated value of a
 * parameter in force (and the region block it came from), or a setting of the run.
 */
export type Why =
  | { readonly exception: string; readonly cite?: readonly string[] }
  | { readonly default: true }
  | { readonly if: 'then' | 'else'; readonly on: readonly string[] }
  | { readonly match: string; readonly otherwise?: true }
  | { readonly table: { readonly rows: readonly number[]; readonly row?: number; readonly else?: true } }
  | { readonly value_from: string; readonly region?: string; readonly block?: 'region' | 'prefecture' | 'province' | 'default' }
  | { readonly set: true };

/**
 * How deep one explanation tree goes. A chain of a thousand definitions would otherwise make a
 * tree a thousand levels deep, which JSON.stringify and recursive renderers cannot take; the
 * rest of such a tree continues in further entries of the explanation.
 */
export const TREE_DEPTH = 100;

/** One computed value, as recorded while evaluating. */
export interface ValueNode {
  key: string;
  kind: ExplainNode['kind'];
  id: string;
  member?: number;
  value: Scalar;
  type: I.ParameterIR['type'];
  /** keys of what it read, in order, each once (`readSet` makes that check cheap) */
  reads: string[];
  readSet?: Set<string>;
  because: string[];
  why: Why[];
  cite: string[];
  at?: { file: string; line: number; column: number };
  label?: string;
  overrides?: string;
}

const TWO_PLACES = Q.rat(1, 100);

export function scalarEquals(a: Scalar, b: Scalar): boolean {
  if (typeof a === 'object' && typeof b === 'object') return Q.eq(a, b);
  return a === b;
}

export function display(v: Scalar): { value: number | boolean | string; exact?: string } {
  if (typeof v !== 'object') return { value: v };
  const fen = Q.roundTo(v, TWO_PLACES, 'half-away');
  if (Q.eq(fen, v)) return { value: Number(Q.toDecimalString(v, 2)) };
  return { value: Number(Q.toDecimalString(v, 6)), exact: Q.toText(v) };
}

function typeName(t: I.ParameterIR['type']): string {
  return t.k === 'money' ? (t.period === 'month' ? 'money/month' : t.period === 'year' ? 'money/year' : 'money') : t.k === 'enum' ? t.name : t.k;
}

/**
 * The explanation tree of each of `keys`, in order; after them, the continuations of trees cut at
 * TREE_DEPTH levels. Each tree is complete on its own (with its continuations); within it, a node
 * explained once is not repeated.
 */
export function explanationTree(nodes: ReadonlyMap<string, ValueNode>, hh: Household, keys: readonly string[]): ExplainNode[] {
  const roots: ExplainNode[] = [];
  const continuations: ExplainNode[] = [];
  for (const key of keys) {
    const seen = new Set<string>();
    const cut: string[] = [];
    const build = (k: string, depth: number, root = false): ExplainNode => {
      const n = nodes.get(k)!;
      const repeated = !root && seen.has(k);
      seen.add(k);
      const reads = repeated ? [] : n.reads.filter((r) => nodes.has(r));
      const continued = !repeated && reads.length > 0 && depth >= TREE_DEPTH;
      if (continued) cut.push(k);
      const personId = n.member !== undefined ? String(hh.members[n.member]?.person_id ?? '') : undefined;
      return {
        key: k,
        kind: n.kind,
        id: n.id,
        ...(n.label ? { label: n.label } : {}),
        ...(n.member !== undefined ? { member: n.member, personId } : {}),
        type: typeName(n.type),
        ...display(n.value),
        because: n.because,
        why: n.why,
        cite: [...new Set(n.cite)],
        ...(n.at ? { at: n.at } : {}),
        ...(n.overrides ? { overrides: n.overrides } : {}),
        reads: continued ? [] : reads.map((r) => build(r, depth + 1)),
        ...(repeated ? { repeated: true } : {}),
        ...(continued ? { continued: true } : {}),
      };
    };
    roots.push(build(key, 1));
    for (let i = 0; i < cut.length; i++) continuations.push(build(cut[i]!, 1, true));
  }
  return [...roots, ...continuations];
}

/** Definitions reachable from `keys` through what was read. */
export function reachedFrom(nodes: ReadonlyMap<string, ValueNode>, keys: readonly string[]): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const stack = [...keys];
  while (stack.length) {
    const k = stack.pop()!;
    if (seen.has(k)) continue;
    seen.add(k);
    const n = nodes.get(k);
    if (!n) continue;
    if (n.kind === 'output' || n.kind === 'definition') out.add(n.id);
    for (const r of n.reads) stack.push(r);
  }
  return out;
}
