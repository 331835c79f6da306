/**
 * The explanation as compact JSON (`doudi eval --explain --json`, the studio's tree): a graph, not
 * trees — every value once, by key ("pci", "tekun#1" for member 2, "wage_income#0"), with the keys
 * it read; every declaration once, with its label, type, citations and place; every reason as
 * data (the interpreter's `why`: the exception by its label, the branch and what its condition
 * reads, the table row, the dated value). A three-person household's explanation stays under 20 KB.
 */
import type * as I from '../ir/types.ts';
import type { Why } from '../interpreter/index.ts';
import type { Reading } from './reading.ts';

export const EXPLANATION_FORMAT = 'doudi-explanation/1';

/** A reason as the compact form gives it: an if's condition names the nodes it read (indices into `nodes`). */
export type CompactWhy = Exclude<Why, { readonly if: unknown }> | { readonly if: 'then' | 'else'; readonly on: readonly number[] };

/**
 * One value. Short names, as there are a hundred or more of these per household: `k` its key
 * ("pci"; a member's value "tekun#1", member 2; a household field "financial_assets", a member's
 * "age#0"), `v` its value, `x` the exact value where `v` is rounded ("5743/3"), `why` the reasons,
 * `r` what it read (indices into `nodes`), `cite` citations of this value beyond its declaration's
 * (a parameter's dated value). A household field (the input) has only `k` and `v`.
 */
export interface CompactNode {
  readonly k: string;
  readonly v: number | boolean | string;
  readonly x?: string;
  readonly why?: readonly CompactWhy[];
  readonly r?: readonly number[];
  readonly cite?: readonly string[];
}

/** A declaration: its Chinese label, type (omitted for yes/no), citations ("assumption" marks a model assumption, spelt out in the policy). */
export interface Rule {
  readonly label?: string;
  readonly type?: string;
  readonly cite?: readonly string[];
  /** a rule that replaces the named base policy's (a province's own wording) */
  readonly overrides?: string;
  /** a scenario input rather than a parameter (parameters only) */
  readonly input?: true;
}

export interface CompactExplanation {
  readonly format: typeof EXPLANATION_FORMAT;
  readonly policy: string;
  readonly date: string;
  readonly household: string;
  /** person ids by member index (the n of "id#n") */
  readonly members: readonly string[];
  /** the outputs, in the policy's order: indices into `nodes` */
  readonly outputs: readonly number[];
  /** every value once, in the order a reader meets them from the outputs */
  readonly nodes: readonly CompactNode[];
  /** the definitions and outputs the values come from, by id (fields are the schema's: docs/language.md) */
  readonly rules: Readonly<Record<string, Rule>>;
  readonly parameters: Readonly<Record<string, Rule>>;
}

/** "def:tekun#1" → "tekun#1": one namespace holds definitions, parameters and fields. */
export const compactKey = (key: string): string => key.slice(key.indexOf(':') + 1);

/** A citation; a model assumption is marked as one, its wording left to the policy (and `doudi check`). */
const citeOf = (c: I.Cite): string => ('assumption' in c ? 'assumption' : c.locator ? `${c.doc} ${c.locator}` : c.doc);
const short = (c: string): string => (c.startsWith('assumption') ? 'assumption' : c);

/** The compact explanation of a reading's outputs: only what the outputs reached, each value once. */
export function compactExplanation(r: Reading): CompactExplanation {
  const index = new Map<string, number>();
  const order: string[] = [];
  // Numbered in the order a reader meets them: depth first from each output.
  const visit = (root: string) => {
    const stack = [root];
    while (stack.length) {
      const key = stack.pop()!;
      if (index.has(key) || !r.nodes.has(key)) continue;
      index.set(key, order.push(key) - 1);
      const reads = r.nodes.get(key)!.reads;
      for (let i = reads.length - 1; i >= 0; i--) stack.push(reads[i]!.key);
    }
  };
  r.ir.outputs.forEach((id) => visit(`def:${id}`));
  const decls = new Map<string, { cite: readonly I.Cite[] }>();
  for (const d of r.ir.definitions) decls.set(d.id, d);
  for (const p of r.ir.parameters) decls.set(p.id, p);
  // A parameter's dated value is a reason only where there was a choice (several dates, region blocks).
  const choice = new Set(r.ir.parameters.filter((p) => p.values.length > 1 || p.regions.length > 0).map((p) => p.id));
  const rules: Record<string, Rule> = {};
  const parameters: Record<string, Rule> = {};
  const nodes = order.map((key): CompactNode => {
    const n = r.nodes.get(key)!;
    if (n.kind === 'field') return { k: compactKey(key), v: n.value };
    const param = n.kind === 'parameter' || n.kind === 'input';
    const table = param ? parameters : rules;
    if (!table[n.id]) {
      const declared = [...new Set(decls.get(n.id)?.cite.map(citeOf) ?? [])];
      table[n.id] = {
        ...(n.label ? { label: n.label } : {}),
        ...(n.type !== 'bool' ? { type: n.type } : {}),
        ...(declared.length ? { cite: declared } : {}),
        // A province giving its own parameter values is routine; a rule it replaces is worth a note.
        ...(n.overrides && !param ? { overrides: n.overrides } : {}),
        ...(n.kind === 'input' ? { input: true as const } : {}),
      };
    }
    const cited = new Set([...(table[n.id]!.cite ?? []), ...n.why.flatMap((w) => ('exception' in w ? (w.cite ?? []).map(short) : []))]);
    const extra = [...new Set(n.cite.map(short))].filter((c) => !cited.has(c));
    const reads = n.reads.map((x) => index.get(x.key)).filter((i): i is number => i !== undefined);
    const why = n.why.filter((w) => !('value_from' in w) || choice.has(n.id)).map((w): CompactWhy => ('on' in w ? { if: w.if, on: on(w.on, n.member) } : w));
    return {
      k: compactKey(key),
      v: n.value,
      ...(n.exact ? { x: n.exact } : {}),
      ...(why.length ? { why } : {}),
      ...(reads.length ? { r: reads } : {}),
      ...(extra.length ? { cite: extra } : {}),
    };
  });
  /** The names an if's condition reads, as the nodes of this member (or the household) that were evaluated. */
  function on(names: readonly string[], member: number | undefined): number[] {
    const out: number[] = [];
    for (const id of names) {
      const keys = member === undefined ? [`def:${id}`, `param:${id}`, `field:${id}`] : [`def:${id}#${member}`, `field:${id}#${member}`, `def:${id}`, `param:${id}`, `field:${id}`];
      const hit = keys.map((k) => index.get(k)).find((i) => i !== undefined);
      if (hit !== undefined) out.push(hit);
    }
    return out;
  }
  return {
    format: EXPLANATION_FORMAT,
    policy: r.ir.policy.id,
    date: r.date,
    household: String(r.household.values.household_id ?? ''),
    members: r.household.members.map((m) => String(m.person_id ?? '')),
    outputs: r.ir.outputs.map((id) => index.get(`def:${id}`)!),
    nodes,
    rules,
    parameters,
  };
}

/**
 * The compact explanation as text: one line per node and per rule, so that it reads in a terminal
 * and diffs line by line, without the spaces of a fully indented print.
 */
export function explanationJson(x: unknown, indent = '  '): string {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return JSON.stringify(x);
  const entries = Object.entries(x as Record<string, unknown>);
  const inner = entries.map(([k, v]) => {
    const text = (k === 'nodes' || k === 'rules' || k === 'parameters') && v && typeof v === 'object' ? block(v as object) : k === 'explanation' ? explanationJson(v, indent + '  ') : JSON.stringify(v);
    return `${indent}${JSON.stringify(k)}: ${text}`;
  });
  return `{\n${inner.join(',\n')}\n${indent.slice(2)}}`;
}

/** A list or a map with one entry per line, unindented. */
function block(o: object): string {
  if (Array.isArray(o)) return o.length ? `[\n${o.map((v) => JSON.stringify(v)).join(',\n')}\n]` : '[]';
  const lines = Object.entries(o).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  return lines.length ? `{\n${lines.join(',\n')}\n}` : '{}';
}
