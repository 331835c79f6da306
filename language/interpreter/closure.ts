/**
 * What a definition needs, in the order to compute it: the parameters and definitions it reads
 * directly or through others, dependencies first. The interpreter computes these ahead when
 * definitions nest deeply (see `HouseholdRun.def`), so that a chain of a thousand definitions
 * never becomes a thousand nested JavaScript calls.
 */
import type * as I from '../ir/types.ts';
import { defExprs, forEachExpr } from '../ir/walk.ts';

export class Dependencies {
  private readonly defs: Map<string, { d: I.DefinitionIR; at: number }>;
  private readonly params: Map<string, { p: I.ParameterIR; at: number }>;

  constructor(ir: I.PolicyIR) {
    this.defs = new Map(ir.definitions.map((d, at) => [d.id, { d, at }]));
    this.params = new Map(ir.parameters.map((p, at) => [p.id, { p, at }]));
  }

  /**
   * The parameters and definitions `key` reads, transitively (without `key`), parameters first and
   * each kind in the IR's dependency-first order; the search stops at those `known` says are computed.
   */
  of(key: string, known: (key: string) => boolean): string[] {
    const found = new Set<string>();
    const stack = [key];
    while (stack.length) {
      const k = stack.pop()!;
      for (const dep of this.direct(k)) {
        if (found.has(dep) || known(dep)) continue;
        found.add(dep);
        stack.push(dep);
      }
    }
    const rank = (k: string): number => (k.startsWith('param:') ? this.params.get(k.slice(6))!.at : this.params.size + this.defs.get(k.slice(4))!.at);
    return [...found].filter((k) => (k.startsWith('param:') ? this.params.has(k.slice(6)) : this.defs.has(k.slice(4)))).sort((a, b) => rank(a) - rank(b));
  }

  private direct(key: string): string[] {
    const exprs: I.Expr[] = [];
    if (key.startsWith('def:')) {
      const d = this.defs.get(key.slice(4))?.d;
      if (d) exprs.push(...defExprs(d));
    } else {
      const p = this.params.get(key.slice(6))?.p;
      if (p) for (const v of [...p.values, ...p.regions.flatMap((r) => r.values)]) exprs.push(...(Array.isArray(v.value) ? (v.value as I.Expr[]) : [v.value as I.Expr]));
    }
    const out: string[] = [];
    for (const e of exprs)
      forEachExpr(e, (x) => {
        if (x.k === 'def') out.push(`def:${x.id}`);
        else if (x.k === 'param') out.push(`param:${x.id}`);
      });
    return out;
  }
}
