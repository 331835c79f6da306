/**
 * Which money values are provably a whole number of fen. Outputs, parameter values and test
 * expectations of money must be; anything divided or multiplied by a rate must be rounded first.
 */
import type * as I from '../ir/types.ts';
import * as Q from '../numbers/rational.ts';

export interface ExactnessEnv {
  /** is this parameter's every value a whole number of fen (money) or whole (integer, months)? */
  param(id: string): boolean;
  def(id: string): boolean;
}

const HUNDRED = Q.rat(100);

/** For money: value × 100 is whole. For other numbers: the value is whole. */
export function exact(e: I.Expr, env: ExactnessEnv): boolean {
  switch (e.k) {
    case 'const': {
      if (typeof e.v !== 'string') return true;
      const v = Q.parseRational(e.v);
      if (!v) return true; // dates, enum values, regions
      return Q.isInteger(e.t.k === 'money' ? Q.mul(v, HUNDRED) : v);
    }
    case 'field':
      return true;
    case 'param':
      return env.param(e.id);
    case 'def':
      return env.def(e.id);
    case 'date':
    case 'not':
    case 'cmp':
    case 'and':
    case 'or':
      return true;
    case 'neg':
    case 'abs':
      return exact(e.a, env);
    case 'arith':
      if (e.op === '+' || e.op === '-') return exact(e.a, env) && exact(e.b, env);
      if (e.op === '*') return exact(e.a, env) && exact(e.b, env);
      return false;
    case 'if':
      return exact(e.a, env) && exact(e.b, env);
    case 'match':
      return e.arms.every((a) => exact(a.body, env)) && (!e.otherwise || exact(e.otherwise, env));
    case 'table':
      return e.rows.every((r) => exact(r.result, env)) && (!e.else || exact(e.else, env));
    case 'agg':
      return (!e.body || exact(e.body, env)) && (!e.else || exact(e.else, env));
    case 'round': {
      const step = Q.parseRational(e.step)!;
      return Q.isInteger(e.t.k === 'money' ? Q.mul(step, HUNDRED) : step);
    }
    case 'minmax':
      return e.args.every((a) => exact(a, env));
  }
}
