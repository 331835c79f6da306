/**
 * What the batch emitter asks about an expression before generating it, looking through the
 * definitions that are computed where they are used: how costly it is to test, whether it
 * divides, whether it reads household-level values only, and which of its values are a choice
 * among parameters and constants.
 */
import type * as I from '../ir/types.ts';
import { defExprs, forEachExpr } from '../ir/walk.ts';

export class Operands {
  private readonly costs = new Map<string, number>();

  constructor(
    private readonly inline: ReadonlySet<string>,
    private readonly byId: ReadonlyMap<string, I.DefinitionIR>,
    private readonly regional: ReadonlySet<string>,
  ) {}

  /** `and`/`or` operands in the order to test them: cheapest first, unless one divides. */
  order(operands: readonly I.Expr[]): readonly I.Expr[] {
    if (operands.some((x) => this.divides(x))) return operands;
    const costs = new Map(operands.map((x) => [x, this.cost(x)]));
    return [...operands].sort((x, y) => costs.get(x)! - costs.get(y)!);
  }

  /**
   * The cost of testing an operand: its nodes, through definitions computed where they are used;
   * a value computed already costs one, an aggregation a loop.
   */
  cost(e: I.Expr): number {
    let c = 0;
    forEachExpr(e, (x) => {
      c += x.k === 'agg' ? 50 : 1;
      if (x.k === 'def' && this.inline.has(x.id)) {
        let k = this.costs.get(x.id);
        if (k === undefined) this.costs.set(x.id, (k = defExprs(this.byId.get(x.id)!).reduce((a, y) => a + this.cost(y), 0)));
        c += k;
      }
    });
    return c;
  }

  /**
   * Whether an operand divides (here or in a definition computed where it is used): a division may
   * rely on the operands before it for a non-zero divisor, so such a chain keeps its order.
   */
  divides(e: I.Expr): boolean {
    let d = false;
    forEachExpr(e, (x) => {
      if (x.k === 'arith' && x.op === '/') d = true;
      if (x.k === 'def' && this.inline.has(x.id) && defExprs(this.byId.get(x.id)!).some((y) => this.divides(y))) d = true;
    });
    return d;
  }

  /** Does the expression read only household-level values (looking through inlined definitions)? */
  householdLevel(e: I.Expr): boolean {
    let ok = true;
    forEachExpr(e, (x) => {
      if ((x.k === 'field' && x.level === 'person') || (x.k === 'def' && x.level === 'person' && !(this.inline.has(x.id) && this.householdLevel(this.byId.get(x.id)!.expr))) || x.k === 'agg') ok = false;
    });
    return ok;
  }

  /** The household-level conjuncts that lead a member filter, as one condition. */
  householdGuard(filter: I.Expr | undefined): I.Expr | undefined {
    if (!filter) return undefined;
    const e = filter.k === 'def' && this.inline.has(filter.id) ? this.byId.get(filter.id)!.expr : filter;
    const conjuncts: I.Expr[] = [];
    const spine = (x: I.Expr): void => {
      if (x.k === 'and') {
        spine(x.a);
        spine(x.b);
      } else conjuncts.push(x);
    };
    spine(e);
    const lead: I.Expr[] = [];
    for (const c of conjuncts) {
      if (!this.householdLevel(c)) break;
      lead.push(c);
    }
    return lead.length ? lead.reduce((a, b) => ({ k: 'and', t: a.t, a, b })) : undefined;
  }

  /**
   * The values an expression chooses among when it is a choice among parameters (not regional,
   * not indexed) and constants only — if/match/table arms, min/max of such; else undefined.
   */
  candidates(e: I.Expr): I.Expr[] | undefined {
    const all = (xs: readonly (I.Expr | undefined)[]): I.Expr[] | undefined => {
      const out: I.Expr[] = [];
      for (const x of xs) {
        const c = x && this.candidates(x);
        if (!c) return undefined;
        out.push(...c);
      }
      return out;
    };
    switch (e.k) {
      case 'const':
        return [e];
      case 'param':
        return !e.index && !this.regional.has(e.id) ? [e] : undefined;
      case 'if':
        return all([e.a, e.b]);
      case 'match':
        return all([...e.arms.map((a) => a.body), ...(e.otherwise ? [e.otherwise] : [])]);
      case 'table':
        // A sum or a count is none of the rows' results; every other hit policy gives one of them.
        return e.hit === 'collect-sum' || e.hit === 'collect-count' ? undefined : all([...e.rows.map((r) => r.result), ...(e.else ? [e.else] : [])]);
      case 'minmax':
        return all(e.args);
      default:
        return undefined;
    }
  }
}
