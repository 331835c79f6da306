/** Small traversals of IR expressions shared by the backends. */
import type { Expr, PolicyIR, DefinitionIR } from './types.ts';

/** Calls `f` on every sub-expression of `e`, `e` first. */
export function forEachExpr(e: Expr, f: (x: Expr) => void): void {
  f(e);
  switch (e.k) {
    case 'param':
      if (e.index) forEachExpr(e.index, f);
      return;
    case 'neg':
    case 'not':
    case 'abs':
    case 'round':
      forEachExpr(e.a, f);
      return;
    case 'arith':
    case 'cmp':
    case 'and':
    case 'or':
      forEachExpr(e.a, f);
      forEachExpr(e.b, f);
      return;
    case 'if':
      forEachExpr(e.c, f);
      forEachExpr(e.a, f);
      forEachExpr(e.b, f);
      return;
    case 'match':
      forEachExpr(e.on, f);
      for (const a of e.arms) forEachExpr(a.body, f);
      if (e.otherwise) forEachExpr(e.otherwise, f);
      return;
    case 'table':
      for (const i of e.inputs) forEachExpr(i, f);
      for (const r of e.rows) {
        for (const c of r.cells) {
          if (c.k === 'cmp') forEachExpr(c.v, f);
          else if (c.k === 'range') {
            forEachExpr(c.lo, f);
            forEachExpr(c.hi, f);
          } else if (c.k === 'in') for (const v of c.vs) forEachExpr(v, f);
        }
        forEachExpr(r.result, f);
      }
      if (e.else) forEachExpr(e.else, f);
      return;
    case 'agg':
      if (e.filter) forEachExpr(e.filter, f);
      if (e.body) forEachExpr(e.body, f);
      if (e.else) forEachExpr(e.else, f);
      return;
    case 'minmax':
      for (const a of e.args) forEachExpr(a, f);
      return;
    default:
      return;
  }
}

export function defExprs(d: DefinitionIR): Expr[] {
  return [d.expr, ...d.exceptions.flatMap((x) => [x.when, x.then])];
}

/** The definitions needed to compute `targets`, in evaluation order. */
export function reachableDefinitions(ir: PolicyIR, targets: readonly string[]): DefinitionIR[] {
  const byId = new Map(ir.definitions.map((d) => [d.id, d]));
  const need = new Set<string>();
  const stack = [...targets];
  while (stack.length) {
    const id = stack.pop()!;
    if (need.has(id) || !byId.has(id)) continue;
    need.add(id);
    for (const x of defExprs(byId.get(id)!)) forEachExpr(x, (e) => e.k === 'def' && stack.push(e.id));
  }
  return ir.definitions.filter((d) => need.has(d.id));
}
