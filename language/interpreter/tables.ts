/**
 * Decision tables, exactly: which rows match, the value the hit policy makes of them, what the
 * explanation says (the rows that matched and the one that decided) and which rows count as taken
 * for test coverage. A `unique` table with two matching rows, or an `any` table whose matching rows
 * disagree, is an evaluation error naming the rows.
 */
import type * as I from '../ir/types.ts';
import * as Q from '../numbers/rational.ts';
import { EvalError, type Scalar } from './params.ts';
import type { Why } from './explain.ts';

/** What table evaluation needs of the household run. */
export interface TableRun {
  ev(e: I.Expr, m: number | undefined): Scalar;
  compare(op: I.CompareOp, a: Scalar, b: Scalar): boolean;
  /** records why the value being computed is what it is: as text, and as data */
  decide(what: string, why: Why): void;
  /** rows that decided a value: "table@line:col:row N" */
  readonly taken: Set<string>;
  /** an enum's values in declared order */
  enumValues(id: string): readonly string[];
}

type Table = Extract<I.Expr, { k: 'table' }>;

function cell(run: TableRun, c: I.Cell, x: Scalar, m: number | undefined): boolean {
  switch (c.k) {
    case 'any':
      return true;
    case 'cmp':
      return run.compare(c.op, x, run.ev(c.v, m));
    case 'range':
      return run.compare(c.loOpen ? '>' : '>=', x, run.ev(c.lo, m)) && run.compare(c.hiOpen ? '<' : '<=', x, run.ev(c.hi, m));
    case 'in':
      return c.vs.some((v) => run.compare('=', x, run.ev(v, m)));
  }
}

const show = (v: Scalar): string => (typeof v === 'object' ? Q.toDecimalString(v, 4) : String(v));
const list = (rows: readonly number[]): string => rows.map((r) => r + 1).join(', ');
/** 0-based row indices as the 1-based row numbers an explanation gives. */
const rows = (matches: readonly number[]): number[] => matches.map((r) => r + 1);

export function evaluateTable(run: TableRun, e: Table, m: number | undefined): Scalar {
  const inputs = e.inputs.map((x) => run.ev(x, m));
  const matches: number[] = [];
  for (let r = 0; r < e.rows.length; r++) {
    if (e.rows[r]!.cells.every((c, i) => cell(run, c, inputs[i]!, m))) {
      matches.push(r);
      if (e.hit === 'first') break;
    }
  }
  const tag = `table@${e.at[0]}:${e.at[1]}`;
  const line = (r: number) => `row ${r + 1} (line ${e.rows[r]!.at[0]})`;
  const take = (rows: readonly number[]) => rows.forEach((r) => run.taken.add(`${tag}:row ${r + 1}`));
  const result = (r: number) => run.ev(e.rows[r]!.result, m);
  const otherwise = (): Scalar => {
    run.decide('table: else', { table: { rows: [], else: true } });
    run.taken.add(`${tag}:else`);
    return run.ev(e.else!, m);
  };
  if (e.hit === 'unique' && matches.length > 1)
    throw new EvalError('table-conflict', `unique table at line ${e.at[0]}: rows ${matches[0]! + 1} and ${matches[1]! + 1} both match`, undefined);

  switch (e.hit) {
    case 'collect-sum':
    case 'collect-count': {
      if (!matches.length && e.else) return otherwise();
      run.decide(matches.length ? `table rows ${list(matches)}` : 'table: no row matches', { table: { rows: rows(matches) } });
      take(matches);
      if (e.hit === 'collect-count') return Q.rat(matches.length);
      let sum: Q.Rational = Q.ZERO;
      for (const r of matches) sum = Q.add(sum, result(r) as Q.Rational);
      return sum;
    }
    case 'collect-min':
    case 'collect-max': {
      if (!matches.length) return otherwise();
      let best = matches[0]!;
      let value = result(best);
      for (const r of matches.slice(1)) {
        const v = result(r);
        if (run.compare(e.hit === 'collect-min' ? '<' : '>', v, value)) [best, value] = [r, v];
      }
      run.decide(`table rows ${list(matches)}; ${e.hit === 'collect-min' ? 'least' : 'greatest'}: ${line(best)}`, { table: { rows: rows(matches), row: best + 1 } });
      take([best]);
      return value;
    }
    case 'any': {
      if (!matches.length) return otherwise();
      const value = result(matches[0]!);
      for (const r of matches.slice(1)) {
        const v = result(r);
        if (!run.compare('=', v, value))
          throw new EvalError('table-conflict', `any table at line ${e.at[0]}: rows ${matches[0]! + 1} and ${r + 1} both match and give different results (${show(value)}, ${show(v)})`, undefined);
      }
      run.decide(matches.length > 1 ? `table rows ${list(matches)} (any: the same result); ${line(matches[0]!)}` : `table ${line(matches[0]!)}`, { table: { rows: rows(matches), row: matches[0]! + 1 } });
      take(matches);
      return value;
    }
    case 'priority': {
      if (!matches.length) return otherwise();
      // The enum's declared order is the priority; among rows of the same result, the first.
      const order = run.enumValues((e.t as { name: string }).name);
      let best = matches[0]!;
      let value = result(best);
      for (const r of matches.slice(1)) {
        const v = result(r);
        if (order.indexOf(v as string) < order.indexOf(value as string)) [best, value] = [r, v];
      }
      run.decide(matches.length > 1 ? `table rows ${list(matches)}; priority: ${line(best)} (${show(value)})` : `table ${line(best)}`, { table: { rows: rows(matches), row: best + 1 } });
      take([best]);
      return value;
    }
    default: {
      if (!matches.length) return otherwise();
      run.decide(`table ${line(matches[0]!)}`, { table: { rows: [matches[0]! + 1], row: matches[0]! + 1 } });
      take([matches[0]!]);
      return result(matches[0]!);
    }
  }
}
