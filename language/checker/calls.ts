/**
 * Built-in functions (round, min, max, abs, monthly, yearly) and aggregations over members (sum,
 * count, any, all, min, max). The expression checker hands them their checked arguments through
 * a narrow interface.
 */
import type * as A from '../ast/index.ts';
import type * as I from '../ir/types.ts';
import { T, typeText, isNumeric, isMoney, type Type } from '../types/index.ts';
import * as Q from '../numbers/rational.ts';
import type { Code, MessageParameterTypes, Span } from '../diagnostics/index.ts';
import { builtinByName, BUILTINS, type Builtin } from './builtins.ts';
import { whenTrue, withFacts } from './facts.ts';
import { ERR, isErr, type ExprCtx } from './context.ts';
import { unify } from './unify.ts';
import { fold, numericText } from './constants.ts';

/** What calls need of the expression checker. */
export interface CallChecks {
  check(e: A.Expr, ctx: ExprCtx, expected?: Type): I.Expr;
  expectBool(e: A.Expr, ctx: ExprCtx): I.Expr;
  /** reports and returns an error node */
  fail<C extends Code>(ctx: ExprCtx, code: C, params: MessageParameterTypes[C], span: Span): I.Expr;
}

export function checkBuiltin(ck: CallChecks, b: Builtin, name: string, args: I.Expr[], e: Extract<A.Expr, { k: 'call' }>, ctx: ExprCtx): I.Expr {
  const bad = (message: string) => ck.fail(ctx, 'bad-call', { message }, e.span);
  switch (b) {
    case 'round':
    case 'round_up':
    case 'round_down': {
      if (args.length < 1 || args.length > 2) return bad(`${name} takes a value and a step: ${name}(x, ¥1)`);
      const x = args[0]!;
      if (!isNumeric(x.t) || x.t.k === 'months') return bad(`${name} rounds money or numbers, not ${typeText(x.t)}`);
      const step: I.Expr = args[1] ?? { k: 'const', t: T.integer, v: '1' };
      if (!args[1] && isMoney(x.t)) return ck.fail(ctx, 'bad-step', { message: `rounding money needs its step: ${name}(x, ¥1) or ${name}(x, ¥0.01)` }, e.span);
      const sv = step.k === 'const' && typeof step.v === 'string' ? Q.parseRational(step.v) : undefined;
      const stepSpan = e.args[1]?.span ?? e.span;
      if (!sv || Q.cmp(sv, Q.ZERO) <= 0) return ck.fail(ctx, 'bad-step', { message: 'the step is a positive constant, such as ¥1, ¥10, ¥0.01 or 0.5' }, stepSpan);
      if (isMoney(x.t) !== isMoney(step.t))
        return ck.fail(ctx, 'bad-step', { message: isMoney(x.t) ? `the step for money is money: ¥${numericText(step)}` : 'a number is rounded to a number step, not money' }, stepSpan);
      const t: Type = isMoney(x.t) ? x.t : Q.isInteger(sv) && x.t.k !== 'rate' ? T.integer : x.t.k === 'rate' ? T.rate : T.number;
      return { k: 'round', t, fn: b, a: x, step: Q.toText(sv) };
    }
    case 'min':
    case 'max': {
      if (args.length < 2) return bad(`${name} takes two or more values, or members: ${name}(members where …: x else 0)`);
      let t: Type = args[0]!.t;
      for (let i = 1; i < args.length; i++) {
        const u = unify(t, args[i]!.t);
        if (!u) {
          if (isMoney(t) !== isMoney(args[i]!.t)) return ck.fail(ctx, 'money-vs-number', { what: `in ${name}(…)`, example: numericText(isMoney(t) ? args[i]! : args[0]!) }, e.args[i]!.span);
          return ck.fail(ctx, 'type-mismatch', { what: `the values of ${name}`, expected: typeText(t), found: typeText(args[i]!.t) }, e.args[i]!.span);
        }
        t = u;
      }
      if (!isNumeric(t) && t.k !== 'date') return bad(`${name} compares numbers, money, months or dates`);
      return { k: 'minmax', t, fn: b, args };
    }
    case 'abs': {
      if (args.length !== 1 || !isNumeric(args[0]!.t)) return bad('abs takes one number or amount');
      return { k: 'abs', t: args[0]!.t, a: args[0]! };
    }
    case 'monthly':
    case 'yearly': {
      const want = b === 'monthly' ? 'year' : 'month';
      const x = args[0];
      if (args.length !== 1 || !x || !isMoney(x.t) || (x.t.period !== want && x.t.period !== 'any'))
        return bad(`${name} takes one money/${want} amount${x ? `, not ${typeText(x.t)}` : ''}`);
      const twelve: I.Expr = { k: 'const', t: T.integer, v: '12' };
      return fold(b === 'monthly' ? '/' : '*', x, twelve, T.money(b === 'monthly' ? 'month' : 'year'));
    }
    case 'evaluation_date':
      return bad('evaluation_date is a value, not a function');
    default:
      return bad(`${name} goes over the household's members: ${name}(members where …${b === 'count' ? '' : ': …'})`);
  }
}

export function checkAggregate(ck: CallChecks, e: Extract<A.Expr, { k: 'aggregate' }>, ctx: ExprCtx, expected?: Type): I.Expr {
  const name = e.fn.text;
  const b = builtinByName(name);
  const fn = b && BUILTINS.find((x) => x.id === b)?.aggregate ? (b as I.AggFn) : undefined;
  if (!fn) return ck.fail(ctx, 'bad-call', { message: `${name} does not go over members; use sum, count, any, all, min or max` }, e.fn.span);
  if (ctx.level !== 'household' || ctx.inAggregate)
    return ck.fail(ctx, 'aggregate-body', {
      message: ctx.level === 'constant' ? 'parameter values are the same for every household; they cannot go over members' : `${name}(members …) is a household-level value: define it as a household definition and read that here`,
    }, e.span);
  const inner: ExprCtx = { ...ctx, level: 'person', inAggregate: true };
  const filter = e.filter ? ck.expectBool(e.filter, inner) : undefined;
  const bodyCtx = filter ? { ...inner, facts: withFacts(inner.facts, whenTrue(filter)) } : inner;
  if (fn === 'count') {
    if (e.body) return ck.fail(ctx, 'aggregate-body', { message: 'count takes only a filter: count(members where …)' }, e.body.span);
    if (e.else) return ck.fail(ctx, 'aggregate-body', { message: 'count is 0 when no member matches; it takes no else' }, e.else.span);
    if (filter && isErr(filter)) return ERR;
    return { k: 'agg', t: T.integer, fn, filter };
  }
  if (fn === 'any' || fn === 'all') {
    if (e.else) return ck.fail(ctx, 'aggregate-body', { message: `${name} takes no else` }, e.else.span);
    const body = e.body ? ck.expectBool(e.body, bodyCtx) : undefined;
    if ((filter && isErr(filter)) || (body && isErr(body))) return ERR;
    if (!filter && !body) return ck.fail(ctx, 'aggregate-body', { message: `${name}(members …) needs a condition: ${name}(members where …)` }, e.span);
    return { k: 'agg', t: T.bool, fn, filter, body };
  }
  if (!e.body) return ck.fail(ctx, 'aggregate-body', { message: `${name} needs the value to ${fn === 'sum' ? 'add up' : 'compare'}: ${name}(members where …: <value>)` }, e.span);
  const body = ck.check(e.body, bodyCtx, expected);
  if ((filter && isErr(filter)) || isErr(body)) return ERR;
  if (!isNumeric(body.t)) return ck.fail(ctx, 'type-mismatch', { what: `the value of ${name}`, expected: 'a number, an amount or months', found: typeText(body.t) }, e.body.span);
  if (fn === 'sum') {
    if (e.else) return ck.fail(ctx, 'aggregate-body', { message: 'sum is 0 when no member matches; it takes no else' }, e.else.span);
    return { k: 'agg', t: body.t, fn, filter, body };
  }
  if (!e.else) return ck.fail(ctx, 'aggregate-needs-else', { fn: name }, e.span);
  const dflt = ck.check(e.else, ctx, body.t);
  if (isErr(dflt)) return ERR;
  const t = unify(body.t, dflt.t);
  if (!t) {
    if (isMoney(body.t) !== isMoney(dflt.t)) return ck.fail(ctx, 'money-vs-number', { what: `in the else of ${name}`, example: numericText(dflt) }, e.else.span);
    return ck.fail(ctx, 'type-mismatch', { what: `the else of ${name}`, expected: typeText(body.t), found: typeText(dflt.t) }, e.else.span);
  }
  return { k: 'agg', t, fn, filter, body, else: dflt };
}
