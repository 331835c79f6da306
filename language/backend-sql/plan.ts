/**
 * Which definition is computed where. A household value is computed once, on the household's row;
 * a member's value on the member's row, beside the household values it reads; aggregations over
 * members by one GROUP BY household_id per stage, joined back to the households one to one:
 *
 *   base        households with their parameter row; household values that read no aggregation
 *   stage s:    members   the members' values of the stage, on member rows joined to the
 *                         household values of the stage before (only where they read some)
 *               groups    every aggregation of the stage: one GROUP BY household_id
 *               households the household values that read those aggregations, on the household
 *                         rows LEFT JOIN the groups (a household without members has no group)
 *
 * A policy that alternates between members and households k times has k stages: each is one hash
 * join of members to households, one hash aggregation and one hash join back — where a chain of
 * window aggregates over every member row sorted each member row once per aggregation.
 *
 * Within a stage a level's values form sublayers: a value reads only sublayers before its own
 * (SQL cannot read a column defined in the same SELECT on every engine).
 */
import type * as I from '../ir/types.ts';
import { defExprs, forEachExpr } from '../ir/walk.ts';

export type AggExpr = Extract<I.Expr, { k: 'agg' }>;

export interface StageAgg {
  readonly a: AggExpr;
  /** the definition it is in (its errors and messages name this one) */
  readonly owner: I.DefinitionIR;
}

export interface Stage {
  /** members' definitions by sublayer */
  readonly person: I.DefinitionIR[][];
  /** aggregations over the stage's member rows */
  readonly aggs: StageAgg[];
  /** household definitions that read the stage's aggregations, by sublayer */
  readonly household: I.DefinitionIR[][];
}

export interface Plan {
  /** household definitions that read no aggregation, by sublayer */
  readonly base: I.DefinitionIR[][];
  readonly stages: Stage[];
}

/** The direct sub-expressions of e. */
export function children(e: I.Expr): I.Expr[] {
  const out: I.Expr[] = [];
  forEachExpr(e, (x) => x !== e && out.push(x));
  // forEachExpr walks the whole tree; keep only the direct children
  const inner = new Set<I.Expr>();
  for (const c of out) forEachExpr(c, (y) => y !== c && inner.add(y));
  return out.filter((c) => !inner.has(c));
}

/** Definitions an expression reads outside aggregations; the aggregations themselves into `aggs`. */
function scan(e: I.Expr, defs: Map<string, 'household' | 'person'>, aggs: AggExpr[]): void {
  if (e.k === 'agg') {
    aggs.push(e);
    // min/max's else is a household value read where the aggregation is
    if (e.else) scan(e.else, defs, aggs);
    return;
  }
  if (e.k === 'def') defs.set(e.id, e.level);
  for (const c of children(e)) scan(c, defs, aggs);
}

/** Splits definitions (in evaluation order) and their aggregations into the base and stages. */
export function planStages(defs: readonly I.DefinitionIR[]): Plan {
  /** household: -1 for the base, else its stage; person: its stage */
  const stageOf = new Map<string, number>();
  const subOf = new Map<string, number>();
  const levelOf = new Map<string, 'household' | 'person'>();
  const base: I.DefinitionIR[][] = [];
  const stages: Stage[] = [];
  const stage = (s: number): Stage => {
    while (stages.length <= s) stages.push({ person: [], aggs: [], household: [] });
    return stages[s]!;
  };
  // on member rows, a household value computed at stage t is there from stage t + 1
  const onMembers = (id: string, level: 'household' | 'person') => (level === 'person' ? stageOf.get(id)! : stageOf.get(id)! + 1);
  const put = (list: I.DefinitionIR[][], d: I.DefinitionIR, sub: number) => (list[sub] ??= []).push(d);
  for (const d of defs) {
    const reads = new Map<string, 'household' | 'person'>();
    const aggs: AggExpr[] = [];
    for (const x of defExprs(d)) scan(x, reads, aggs);
    levelOf.set(d.id, d.level);
    if (d.level === 'person') {
      // an aggregation inside a member's value is refused when its SQL is generated
      let s = 0;
      for (const [id, level] of reads) s = Math.max(s, onMembers(id, level));
      const sub = Math.max(-1, ...[...reads].filter(([id, l]) => l === 'person' && stageOf.get(id) === s).map(([id]) => subOf.get(id)!)) + 1;
      stageOf.set(d.id, s);
      subOf.set(d.id, sub);
      put(stage(s).person, d, sub);
      continue;
    }
    let s = -1;
    for (const [id, level] of reads) if (level === 'household') s = Math.max(s, stageOf.get(id)!);
    for (const a of aggs) {
      let as = 0;
      for (const x of [a.filter, a.body]) if (x) forEachExpr(x, (y) => y.k === 'def' && (as = Math.max(as, onMembers(y.id, y.level))));
      stage(as).aggs.push({ a, owner: d });
      s = Math.max(s, as);
    }
    const sub = Math.max(-1, ...[...reads].filter(([id, l]) => l === 'household' && stageOf.get(id) === s).map(([id]) => subOf.get(id)!)) + 1;
    stageOf.set(d.id, s);
    subOf.set(d.id, sub);
    put(s < 0 ? base : stage(s).household, d, sub);
  }
  const dense = (l: I.DefinitionIR[][]) => l.filter((x) => x !== undefined);
  return { base: dense(base), stages: stages.map((st) => ({ person: dense(st.person), aggs: st.aggs, household: dense(st.household) })) };
}
