/**
 * The depth limits the checker enforces beyond single expressions (those are counted where they are
 * built, ../ast/expr.ts): chains of definitions or of parameters each reading the next
 * (LIMITS.definitionDepth), and exceptions to exceptions (LIMITS.expressionDepth).
 */
import type * as A from '../ast/index.ts';
import type * as I from '../ir/types.ts';
import { LIMITS } from '../limits.ts';
import type { CheckState } from './state.ts';
import type { Entry } from './compose.ts';
import { chainLengths, longestChain, type Graph } from './graph.ts';

/**
 * Refuses chains of definitions (and parameters) each reading the next longer than
 * LIMITS.definitionDepth, at the first declaration of such a chain that is past the limit:
 * every later stage evaluates or compiles a chain at the limit without recursing that deep.
 */
export function checkChainDepth(s: CheckState, g: Graph, order: readonly string[], entryOf: (key: string) => { readonly entry: Entry; readonly id: string }): void {
  const limit = LIMITS.definitionDepth;
  // Definitions and parameters are counted apart: rules read parameters, parameters never read rules.
  for (const kind of ['def:', 'param:'] as const) {
    const within: Graph = { edges: new Map([...g.edges].filter(([k]) => k.startsWith(kind)).map(([k, deps]) => [k, new Set([...deps].filter((d) => d.startsWith(kind)))])) };
    const length = chainLengths(within, order);
    for (const key of order) {
      if (length.get(key) !== limit + 1 || !key.startsWith(kind)) continue;
      const chain = longestChain(within, length, key).map((k) => k.slice(k.indexOf(':') + 1));
      const shown = [...chain.slice(0, 3), '…', ...chain.slice(-2)].join(' → ');
      const c = entryOf(key);
      const what = kind === 'def:' ? 'definitions' : 'parameters';
      s.report(c.entry.file, 'definition-chain-too-deep', { name: c.id, length: limit + 1, limit, what, chain: shown }, c.entry.decl.name.span);
    }
  }
}

/**
 * Exceptions to exceptions (`to`) must not loop, and must not nest deeper than
 * LIMITS.expressionDepth (evaluation follows the nesting). Each exception's nesting is found
 * once, walking up only as far as the first exception already known.
 */
export function checkExceptionNesting(s: CheckState, entry: Entry, d: A.DefinitionDecl, exceptions: readonly I.ExceptionIR[]): void {
  const parentOf = new Map(exceptions.map((x) => [x.label, x.parent]));
  /** how deep each exception nests (1: no parent); -1 for one that leads into a loop */
  const depth = new Map<string, number>();
  let tooDeep = false;
  for (const x of exceptions) {
    const path = [x.label];
    const onPath = new Set(path);
    let p = x.parent;
    let known = 0;
    let looped = false;
    while (p && parentOf.has(p)) {
      const k = depth.get(p);
      if (k !== undefined && k >= 0) {
        known = k;
        break;
      }
      if (onPath.has(p)) {
        s.report(entry.file, 'cycle', { chain: `exceptions ${path.join(' → ')} → ${p}` }, d.name.span);
        looped = true;
        break;
      }
      path.push(p);
      onPath.add(p);
      p = parentOf.get(p);
    }
    for (let i = path.length - 1; i >= 0; i--) depth.set(path[i]!, looped ? -1 : ++known);
    if (!tooDeep && depth.get(x.label)! > LIMITS.expressionDepth) {
      tooDeep = true;
      const at = d.exceptions.find((e) => e.label.text === x.label);
      s.report(entry.file, 'expression-too-deep', { what: `the exceptions of ${d.name.text} (exceptions to exceptions)`, limit: LIMITS.expressionDepth }, at?.label.span ?? d.name.span);
    }
  }
}
