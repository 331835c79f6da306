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
  /** the branch, exception, table row or dated value that decided the value */
  readonly because: readonly string[];
  readonly cite: readonly string[];
  readonly at?: { readonly file: string; readonly line: number; readonly column: number };
  /** the base policy whose declaration this one overrides */
  readonly overrides?: string;
  /** what it read; a node explained earlier in the tree appears again with `repeated` and no children */
  readonly reads: readonly ExplainNode[];
  readonly repeated?: boolean;
}

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

/** The explanation tree of each of `keys`. Each is complete on its own; within it, a node explained once is not repeated. */
export function explanationTree(nodes: ReadonlyMap<string, ValueNode>, hh: Household, keys: readonly string[]): ExplainNode[] {
  let seen = new Set<string>();
  const build = (key: string): ExplainNode => {
    const n = nodes.get(key)!;
    const repeated = seen.has(key);
    seen.add(key);
    const personId = n.member !== undefined ? String(hh.members[n.member]?.person_id ?? '') : undefined;
    const shown = display(n.value);
    return {
      key,
      kind: n.kind,
      id: n.id,
      ...(n.label ? { label: n.label } : {}),
      ...(n.member !== undefined ? { member: n.member, personId } : {}),
      type: typeName(n.type),
      ...shown,
      because: n.because,
      cite: [...new Set(n.cite)],
      ...(n.at ? { at: n.at } : {}),
      ...(n.overrides ? { overrides: n.overrides } : {}),
      reads: repeated ? [] : n.reads.filter((k) => nodes.has(k)).map(build),
      ...(repeated ? { repeated: true } : {}),
    };
  };
  return keys.map((k) => {
    seen = new Set();
    return build(k);
  });
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
