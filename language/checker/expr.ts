/**
 * Expressions: name resolution, types and units, division guards. Each AST expression becomes a
 * typed IR expression; a mistake is reported once and yields an `error`-typed node so that it does
 * not cascade.
 */
import type * as A from '../ast/index.ts';
import type * as I from '../ir/types.ts';
import { T, typeText, sameType, isDimensionless, isNumeric, isMoney as money, type Type } from '../types/index.ts';
import { findField, type Level } from '../schema/index.ts';
import { KEYWORDS } from '../lexer/vocabulary.ts';
import * as Q from '../numbers/rational.ts';
import type { Code, MessageParameterTypes, Span } from '../diagnostics/index.ts';
import type { CheckState } from './state.ts';
import type { Entry } from './compose.ts';
import { builtinByName, BUILTINS } from './builtins.ts';
import { whenTrue, whenFalse, withFacts, nonZero } from './facts.ts';
import { ERR, isErr, type ExprCtx, type ValueInfo } from './context.ts';
import { BranchType, dimensionless, unify, unifyPeriod } from './unify.ts';
import { fitsExactly, fold, numericText, validDate } from './constants.ts';
import { NameHints } from './hints.ts';
import { checkTableRows } from './tables.ts';
import { checkAggregate, checkBuiltin } from './calls.ts';

const PERIOD_HINT = 'convert with monthly(…) or yearly(…), or multiply a monthly amount by a number of months';

export class ExprChecker {
  private hints?: { readonly size: number; readonly index: NameHints };
  constructor(
    private readonly s: CheckState,
    private readonly info: (entry: Entry) => ValueInfo,
  ) {}

  private err<C extends Code>(ctx: ExprCtx, code: C, params: MessageParameterTypes[C], span: Span): I.Expr {
    this.s.report(ctx.file, code, params, span);
    return ERR;
  }

  private at(ctx: ExprCtx, span: Span): I.At {
    return this.s.at(ctx.file, span);
  }

  // ---------- literals ----------

  private rational(ctx: ExprCtx, text: string, span: Span, scale?: Q.Rational, money = false): Q.Rational | undefined {
    let v = Q.parseDecimal(text);
    if (!v) {
      this.err(ctx, 'bad-literal', { message: `${text} is not a number` }, span);
      return undefined;
    }
    if (scale) v = Q.mul(v, scale);
    if (!fitsExactly(v, money)) {
      this.err(ctx, 'bad-literal', { message: `${text} has too many digits: numbers are limited to 15 significant digits` }, span);
      return undefined;
    }
    return v;
  }

  private literal(e: Extract<A.Expr, { text: string }>, ctx: ExprCtx): I.Expr {
    switch (e.k) {
      case 'number': {
        const v = this.rational(ctx, e.text, e.span);
        if (!v) return ERR;
        return { k: 'const', t: e.text.includes('.') ? T.number : T.integer, v: Q.toText(v) };
      }
      case 'money': {
        const v = this.rational(ctx, e.text, e.span, undefined, true);
        return v ? { k: 'const', t: T.money('any'), v: Q.toText(v) } : ERR;
      }
      case 'percent': {
        const v = this.rational(ctx, e.text, e.span, Q.rat(1, 100));
        return v ? { k: 'const', t: T.rate, v: Q.toText(v) } : ERR;
      }
      case 'months': {
        const v = this.rational(ctx, e.text, e.span);
        if (!v) return ERR;
        if (!Q.isInteger(v)) return this.err(ctx, 'bad-literal', { message: `a number of months is whole: ${e.text}` }, e.span);
        return { k: 'const', t: T.months, v: Q.toText(v) };
      }
      case 'date': {
        if (!validDate(e.text)) return this.err(ctx, 'bad-literal', { message: `${e.text} is not a calendar date` }, e.span);
        return { k: 'const', t: T.date, v: e.text };
      }
    }
  }

  // ---------- names ----------

  private enumValue(en: I.EnumIR, name: string): string | undefined {
    return en.values.find((v) => v.id === name || v.label === name)?.id;
  }

  /** A bare name that might be an enum value of `expected`. */
  private asEnumValue(name: string, expected: Type | undefined): I.Expr | undefined {
    if (expected?.k !== 'enum') return undefined;
    const en = this.s.enumByName.get(expected.name);
    const v = en && this.enumValue(en, name);
    return v ? { k: 'const', t: expected, v } : undefined;
  }

  private valueRef(entry: Entry, span: Span, ctx: ExprCtx): I.Expr {
    const info = this.info(entry);
    if (info.kind === 'def') {
      if (ctx.level === 'constant')
        return this.err(ctx, 'parameter-uses-household', { name: ctx.owner, what: `reading the definition ${info.id}` }, span);
      if (info.level === 'person' && ctx.level === 'household') return this.err(ctx, 'person-in-household', { name: info.id }, span);
      ctx.deps.add(`def:${info.id}`);
      return { k: 'def', t: info.type, level: info.level!, id: info.id };
    }
    if (info.by) {
      return this.err(
        ctx,
        'bad-call',
        { message: `${info.id} has one value per ${info.by.id}: write ${info.id}(<a ${info.by.id}>), e.g. ${info.id}(${info.by.id})` },
        span,
      );
    }
    ctx.deps.add(`param:${info.id}`);
    return { k: 'param', t: info.type, id: info.id };
  }

  private fieldRef(level: Level, id: string, t: Type, span: Span, ctx: ExprCtx): I.Expr {
    if (ctx.level === 'constant') return this.err(ctx, 'parameter-uses-household', { name: ctx.owner, what: `reading the household field ${id}` }, span);
    if (level === 'person' && ctx.level === 'household') return this.err(ctx, 'person-in-household', { name: id }, span);
    return { k: 'field', t, level, id };
  }

  private name(e: Extract<A.Expr, { k: 'name' }>, ctx: ExprCtx, expected?: Type): I.Expr {
    const text = e.name.text;
    if (!text) return ERR; // recovered parse
    if (e.qualifier) {
      const en = this.s.enumByName.get(e.qualifier.text);
      if (!en) return this.err(ctx, 'unknown-type', { name: e.qualifier.text }, e.qualifier.span);
      const v = this.enumValue(en, text);
      if (!v) return this.err(ctx, 'unknown-enum-value', { value: text, enum: en.id, values: en.values.map((x) => x.id).join(', ') }, e.name.span);
      return { k: 'const', t: T.enum(en.id), v };
    }
    const entry = this.s.valueByName.get(text);
    const enumHit = this.asEnumValue(text, expected);
    if (entry) {
      if (enumHit) {
        const t = this.info(entry).type;
        if (t.k === 'enum' && expected?.k === 'enum' && t.name === expected.name)
          return this.err(ctx, 'ambiguous-name', { name: text, enum: expected.name }, e.span);
        return enumHit;
      }
      return this.valueRef(entry, e.span, ctx);
    }
    if (enumHit) return enumHit;
    const b = builtinByName(text);
    if (b === 'evaluation_date') return { k: 'date', t: T.date };
    if (b) return this.err(ctx, 'bad-call', { message: `${text} is a function: call it, e.g. ${BUILTINS.find((x) => x.id === b)!.doc.split(':')[0]}` }, e.span);
    const hf = findField('household', text);
    const pf = findField('person', text);
    const inPerson = ctx.level === 'person';
    const f = inPerson ? (pf ?? hf) : (hf ?? pf);
    if (f) {
      if (!f.readable || !f.type)
        return this.err(ctx, 'unreadable-field', { name: text, why: f.id === 'weight' ? 'is a simulation weight; rules do not read it' : 'is an identifier, not a value rules can use' }, e.span);
      return this.fieldRef(f.level, f.id, f.type, e.span, ctx);
    }
    return this.unknown(text, e.span, ctx, expected);
  }

  /** The index of every name a reference could mean, built on the first unknown name (and again if names were added). */
  private nameHints(): NameHints {
    if (this.hints?.size !== this.s.valueByName.size) this.hints = { size: this.s.valueByName.size, index: new NameHints([...this.s.valueByName.keys(), ...BUILTINS.flatMap((b) => b.names)]) };
    return this.hints.index;
  }

  private unknown(text: string, span: Span, ctx: ExprCtx, expected?: Type): I.Expr {
    for (const kw of KEYWORDS) {
      for (const z of kw.zh) {
        if (text.startsWith(z) && text.length > z.length) {
          const rest = text.slice(z.length);
          if (this.s.valueByName.has(rest) || findField('household', rest) || findField('person', rest) || builtinByName(rest))
            return this.err(ctx, 'glued-keyword', { name: text, keyword: z, rest }, span);
        }
      }
    }
    const enums = this.s.enums.filter((en) => this.enumValue(en, text));
    if (enums.length && expected?.k !== 'enum') {
      const en = enums[0]!;
      return this.err(ctx, 'unknown-name', { name: text, hint: `it is a value of ${enums.map((x) => x.id).join(', ')}: compare it with such a value, or write ${en.id}.${text}` }, span);
    }
    if (expected?.k === 'enum') {
      const en = this.s.enumByName.get(expected.name);
      if (en) return this.err(ctx, 'unknown-enum-value', { value: text, enum: en.id, values: en.values.map((x) => x.id).join(', ') }, span);
    }
    const near = this.nameHints().near(text);
    return this.err(ctx, 'unknown-name', { name: text, hint: near.length ? `did you mean ${near.join(' or ')}?` : '' }, span);
  }

  // ---------- operators ----------

  private arith(e: Extract<A.Expr, { k: 'binary' }>, op: I.ArithOp, ctx: ExprCtx): I.Expr {
    const a = this.check(e.left, ctx);
    const b = this.check(e.right, ctx);
    if (isErr(a) || isErr(b)) return ERR;
    const ta = a.t;
    const tb = b.t;
    const what = `in this ${op === '+' ? 'sum' : op === '-' ? 'difference' : op === '*' ? 'product' : 'division'}`;
    const bad = () => this.err(ctx, 'bad-operands', { op: `"${op}"`, left: typeText(ta), right: typeText(tb) }, e.opSpan);
    if (!isNumeric(ta) || !isNumeric(tb)) return bad();
    if (op === '/' && !nonZero(b, ctx.facts)) {
      const named = b.k === 'def' || b.k === 'field';
      const src = ctx.file.source.text.slice(e.right.span.start, e.right.span.end).replace(/\s+/g, ' ');
      const text = named ? b.id : src.length > 40 ? src.slice(0, 39) + '…' : src;
      return this.err(ctx, 'division-may-be-zero', { divisor: text, example: named ? text : 'n', named }, e.right.span);
    }
    if (op === '/' && b.k === 'param') ctx.deps.add(`divisor:${b.id}`);
    const result = (t: Type, x = a, y = b) => fold(op, x, y, t);
    if (op === '+' || op === '-') {
      if (money(ta) && money(tb)) {
        const p = unifyPeriod(ta.period, tb.period);
        if (!p) return this.err(ctx, 'unit-mismatch', { what, left: typeText(ta), right: typeText(tb), hint: PERIOD_HINT }, e.opSpan);
        return result(T.money(p));
      }
      if (money(ta) || money(tb)) return this.err(ctx, 'money-vs-number', { what, example: numericText(money(ta) ? b : a) }, e.opSpan);
      if (ta.k === 'months' && tb.k === 'months') return result(T.months);
      if (ta.k === 'months' || tb.k === 'months')
        return this.err(ctx, 'unit-mismatch', { what, left: typeText(ta), right: typeText(tb), hint: 'write a number of months as "6 months"' }, e.opSpan);
      return result(dimensionless(ta, tb));
    }
    if (op === '*') {
      if (money(ta) && money(tb)) return bad();
      if (money(ta) && isDimensionless(tb)) return result(ta);
      if (money(tb) && isDimensionless(ta)) return result(tb);
      if (money(ta) || money(tb)) {
        // money × months: a flow over a number of months is an amount
        const m = money(ta) ? ta : (tb as Extract<Type, { k: 'money' }>);
        if (m.period === 'stock') return this.err(ctx, 'unit-mismatch', { what, left: typeText(ta), right: typeText(tb), hint: 'an amount times months has no meaning; did you mean a monthly amount?' }, e.opSpan);
        const product = fold('*', a, b, T.money('stock'));
        return m.period === 'year' ? fold('/', product, { k: 'const', t: T.integer, v: '12' }, T.money('stock')) : product;
      }
      if (ta.k === 'months' && tb.k === 'months') return bad();
      if (ta.k === 'months' || tb.k === 'months') return result(T.months);
      return result(dimensionless(ta, tb));
    }
    // division
    if (money(ta) && money(tb)) {
      if (!unifyPeriod(ta.period, tb.period)) return this.err(ctx, 'unit-mismatch', { what, left: typeText(ta), right: typeText(tb), hint: PERIOD_HINT }, e.opSpan);
      return result(T.number);
    }
    if (money(ta) && isDimensionless(tb)) return result(ta);
    if (money(ta) && tb.k === 'months') {
      if (ta.period !== 'stock' && ta.period !== 'any') return this.err(ctx, 'unit-mismatch', { what, left: typeText(ta), right: typeText(tb), hint: 'divide an amount (money) by months to get money/month' }, e.opSpan);
      return result(T.money('month'));
    }
    if (money(tb)) return bad();
    if (ta.k === 'months' && tb.k === 'months') return result(T.number);
    if (ta.k === 'months' && isDimensionless(tb)) return result(T.months);
    if (tb.k === 'months') return bad();
    return result(T.number);
  }

  /** Checks `a op b` for a comparison, choosing which side to check first so enum values resolve. */
  private compare(op: I.CompareOp, left: A.Expr, right: A.Expr, opSpan: Span, ctx: ExprCtx): I.Expr {
    const bareLeft = left.k === 'name' && !left.qualifier && !this.s.valueByName.has(left.name.text) && !findField('household', left.name.text) && !findField('person', left.name.text);
    let a: I.Expr;
    let b: I.Expr;
    if (bareLeft) {
      b = this.check(right, ctx);
      a = this.check(left, ctx, b.t);
    } else {
      a = this.check(left, ctx);
      const bareRight = right.k === 'name' && !right.qualifier && !this.s.valueByName.has(right.name.text) && this.s.enums.some((en) => this.enumValue(en, right.name.text));
      if (isErr(a) && bareRight) return ERR; // the left side is already reported; its enum value cannot be resolved
      b = this.check(right, ctx, a.t);
    }
    return this.compareTyped(op, a, b, opSpan, ctx);
  }

  compareTyped(op: I.CompareOp, a: I.Expr, b: I.Expr, opSpan: Span, ctx: ExprCtx): I.Expr {
    if (isErr(a) || isErr(b)) return ERR;
    const ta = a.t;
    const tb = b.t;
    const what = 'in this comparison';
    const node = (x: I.Expr, y: I.Expr): I.Expr => ({ k: 'cmp', t: T.bool, op, a: x, b: y });
    const ordered = op !== '=' && op !== '!=';
    if (ta.k === 'region' || tb.k === 'region') {
      const other = ta.k === 'region' ? b : a;
      if (other.t.k === 'region') return ordered ? this.err(ctx, 'bad-operands', { op: `"${op}"`, left: 'region', right: 'region' }, opSpan) : node(a, b);
      if (other.k === 'const' && other.t.k === 'integer' && /^\d{6}$/.test(String(other.v))) {
        const c: I.Expr = { k: 'const', t: T.region, v: String(other.v) };
        if (ordered) return this.err(ctx, 'bad-operands', { op: `"${op}"`, left: 'region', right: 'region' }, opSpan);
        return ta.k === 'region' ? node(a, c) : node(c, b);
      }
      return this.err(ctx, 'type-mismatch', { what: 'comparing a region', expected: 'a region or a 6-digit code', found: typeText(other.t) }, opSpan);
    }
    if (ta.k === 'enum' || tb.k === 'enum' || ta.k === 'bool' || tb.k === 'bool') {
      if (!sameType(ta, tb)) return this.err(ctx, 'type-mismatch', { what, expected: typeText(ta), found: typeText(tb) }, opSpan);
      if (ordered) return this.err(ctx, 'bad-operands', { op: `"${op}"`, left: typeText(ta), right: typeText(tb) }, opSpan);
      return node(a, b);
    }
    if (ta.k === 'date' || tb.k === 'date') {
      if (ta.k !== tb.k) return this.err(ctx, 'type-mismatch', { what, expected: 'date', found: typeText(ta.k === 'date' ? tb : ta) }, opSpan);
      return node(a, b);
    }
    if (money(ta) && money(tb)) {
      if (!unifyPeriod(ta.period, tb.period)) return this.err(ctx, 'unit-mismatch', { what, left: typeText(ta), right: typeText(tb), hint: PERIOD_HINT }, opSpan);
      return node(a, b);
    }
    if (money(ta) || money(tb)) return this.err(ctx, 'money-vs-number', { what, example: numericText(money(ta) ? b : a) }, opSpan);
    if ((ta.k === 'months') !== (tb.k === 'months'))
      return this.err(ctx, 'unit-mismatch', { what, left: typeText(ta), right: typeText(tb), hint: 'write a number of months as "6 months"' }, opSpan);
    if (!isNumeric(ta) || !isNumeric(tb)) return this.err(ctx, 'type-mismatch', { what, expected: typeText(ta), found: typeText(tb) }, opSpan);
    return node(a, b);
  }

  private logic(k: 'and' | 'or', e: Extract<A.Expr, { k: 'binary' }>, ctx: ExprCtx): I.Expr {
    const a = this.expectBool(e.left, ctx);
    const more = k === 'and' ? whenTrue(a) : whenFalse(a);
    const b = this.expectBool(e.right, { ...ctx, facts: withFacts(ctx.facts, more) });
    if (isErr(a) || isErr(b)) return ERR;
    return { k, t: T.bool, a, b };
  }

  expectBool(e: A.Expr, ctx: ExprCtx): I.Expr {
    const x = this.check(e, ctx, T.bool);
    if (!isErr(x) && x.t.k !== 'bool') return this.err(ctx, 'type-mismatch', { what: 'a condition', expected: 'bool', found: typeText(x.t) }, e.span);
    return x;
  }

  /** Checks `e` and that it fits `declared`; reports where it does not. */
  expectType(e: A.Expr, declared: Type, ctx: ExprCtx, what: string): I.Expr {
    const x = this.check(e, ctx, declared);
    if (isErr(x) || declared.k === 'error') return x;
    if (declared.k === 'integer' && (x.t.k === 'number' || x.t.k === 'rate'))
      return this.err(ctx, 'type-mismatch', { what: `${what} is an integer`, expected: 'integer', found: `${typeText(x.t)} (round it: round(…))` }, e.span);
    if (money(declared) && isDimensionless(x.t)) return this.err(ctx, 'money-vs-number', { what: `in ${what}, which is money`, example: numericText(x) }, e.span);
    if (money(declared) && money(x.t) && !unifyPeriod(declared.period, x.t.period))
      return this.err(ctx, 'unit-mismatch', { what: `in ${what}`, left: `${typeText(declared)} (declared)`, right: `${typeText(x.t)} (its value)`, hint: PERIOD_HINT }, e.span);
    if (!unify(declared, x.t) || (declared.k === 'integer' && x.t.k !== 'integer'))
      return this.err(ctx, 'type-mismatch', { what, expected: typeText(declared), found: typeText(x.t) }, e.span);
    return x;
  }

  // ---------- the dispatcher ----------

  check(e: A.Expr, ctx: ExprCtx, expected?: Type): I.Expr {
    switch (e.k) {
      case 'error':
        return ERR;
      case 'number':
      case 'money':
      case 'percent':
      case 'months':
      case 'date':
        return this.literal(e, ctx);
      case 'bool':
        return { k: 'const', t: T.bool, v: e.value };
      case 'base': {
        if (!ctx.base) return this.err(ctx, 'base-outside-override', {}, e.span);
        ctx.base.use();
        if (ctx.base.kind === 'def') {
          ctx.deps.add(`def:${ctx.base.id}`);
          return { k: 'def', t: ctx.base.type, level: ctx.base.level!, id: ctx.base.id };
        }
        ctx.deps.add(`param:${ctx.base.id}`);
        const ix = ctx.base.index;
        if (ix) return { k: 'param', t: ctx.base.type, id: ctx.base.id, index: { k: 'const', t: T.enum(ix.enumId), v: ix.value } };
        return { k: 'param', t: ctx.base.type, id: ctx.base.id };
      }
      case 'name':
        return this.name(e, ctx, expected);
      case 'unary': {
        if (e.op === 'not') {
          const a = this.expectBool(e.operand, ctx);
          return isErr(a) ? ERR : { k: 'not', t: T.bool, a };
        }
        const a = this.check(e.operand, ctx);
        if (isErr(a)) return ERR;
        if (!isNumeric(a.t)) return this.err(ctx, 'bad-operands', { op: '"-"', left: typeText(a.t), right: '' }, e.span);
        if (a.k === 'const' && typeof a.v === 'string') return { k: 'const', t: a.t, v: Q.toText(Q.neg(Q.parseRational(a.v)!)) };
        return { k: 'neg', t: a.t, a };
      }
      case 'binary':
        switch (e.op) {
          case '+':
          case '-':
          case '*':
          case '/':
            return this.arith(e, e.op, ctx);
          case 'and':
          case 'or':
            return this.logic(e.op, e, ctx);
          default:
            return this.compare(e.op, e.left, e.right, e.opSpan, ctx);
        }
      case 'in':
        return this.inExpr(e, ctx);
      case 'if': {
        const c = this.expectBool(e.cond, ctx);
        const a = this.check(e.then, { ...ctx, facts: withFacts(ctx.facts, whenTrue(c)) }, expected);
        const b = this.check(e.else, { ...ctx, facts: withFacts(ctx.facts, whenFalse(c)) }, expected ?? a.t);
        if (isErr(c) || isErr(a) || isErr(b)) return ERR;
        const t = unify(a.t, b.t);
        if (!t) return this.err(ctx, 'type-mismatch', { what: 'the two branches of this if', expected: typeText(a.t), found: typeText(b.t) }, e.else.span);
        return { k: 'if', t, c, a, b, at: this.at(ctx, e.span) };
      }
      case 'match':
        return this.match(e, ctx, expected);
      case 'table':
        return this.table(e, ctx, expected);
      case 'call':
        return this.call(e, ctx, expected);
      case 'aggregate':
        return checkAggregate(this, e, ctx, expected);
    }
  }

  private inExpr(e: Extract<A.Expr, { k: 'in' }>, ctx: ExprCtx): I.Expr {
    const x = this.check(e.operand, ctx);
    if (isErr(x)) return ERR;
    if (e.range) {
      const lo = this.check(e.range[0], ctx, x.t);
      const hi = this.check(e.range[1], ctx, x.t);
      const a = this.compareTyped('>=', x, lo, e.range[0].span, ctx);
      const b = this.compareTyped('<=', x, hi, e.range[1].span, ctx);
      if (isErr(a) || isErr(b)) return ERR;
      return { k: 'and', t: T.bool, a, b };
    }
    let out: I.Expr | undefined;
    for (const v of e.values ?? []) {
      const c = this.compareTyped('=', x, this.check(v, ctx, x.t), v.span, ctx);
      if (isErr(c)) return ERR;
      out = out ? { k: 'or', t: T.bool, a: out, b: c } : c;
    }
    return out ?? ERR;
  }

  private match(e: Extract<A.Expr, { k: 'match' }>, ctx: ExprCtx, expected?: Type): I.Expr {
    const on = this.check(e.on, ctx);
    if (isErr(on)) return ERR;
    if (on.t.k !== 'enum') return this.err(ctx, 'type-mismatch', { what: 'match', expected: 'an enum value', found: typeText(on.t) }, e.on.span);
    const en = this.s.enumByName.get(on.t.name)!;
    const covered = new Set<string>();
    const arms: { values: string[]; body: I.Expr; at: I.At }[] = [];
    let otherwise: I.Expr | undefined;
    const result = new BranchType('the arms of this match', (p, span) => this.err(ctx, 'type-mismatch', p, span));
    const take = (body: I.Expr, span: Span) => result.take(body, span);
    let failed = false;
    for (const arm of e.arms) {
      if (!arm.values) {
        if (covered.size === en.values.length) this.s.report(ctx.file, 'match-unreachable', {}, arm.span);
        otherwise = this.check(arm.body, ctx, expected);
        take(otherwise, arm.body.span);
        continue;
      }
      const values: string[] = [];
      for (const v of arm.values) {
        const c = this.check(v, { ...ctx, level: 'constant' }, on.t);
        if (isErr(c)) {
          failed = true;
          continue;
        }
        if (c.k !== 'const' || c.t.k !== 'enum' || c.t.name !== en.id) {
          this.err(ctx, 'type-mismatch', { what: 'a match arm', expected: `a value of ${en.id}`, found: typeText(c.t) }, v.span);
          failed = true;
          continue;
        }
        const id = String(c.v);
        if (covered.has(id)) this.err(ctx, 'match-duplicate', { value: id }, v.span);
        covered.add(id);
        values.push(id);
      }
      const body = this.check(arm.body, ctx, expected);
      take(body, arm.body.span);
      arms.push({ values, body, at: this.at(ctx, arm.span) });
    }
    if (!otherwise && !failed && !result.failed) {
      const missing = en.values.filter((v) => !covered.has(v.id)).map((v) => v.id);
      if (missing.length) return this.err(ctx, 'match-not-exhaustive', { missing: missing.join(', ') }, e.on.span);
    }
    if (failed || result.failed || !result.type) return ERR;
    return { k: 'match', t: result.type, on, arms, otherwise, at: this.at(ctx, e.span) };
  }

  private table(e: Extract<A.Expr, { k: 'table' }>, ctx: ExprCtx, expected?: Type): I.Expr {
    const inputs = e.inputs.map((x) => this.check(x, ctx));
    if (inputs.some(isErr)) return ERR;
    return checkTableRows(this, e, inputs, ctx, expected);
  }

  /** Used by the table checker: reports and returns an error node. */
  fail<C extends Code>(ctx: ExprCtx, code: C, params: MessageParameterTypes[C], span: Span): I.Expr {
    return this.err(ctx, code, params, span);
  }

  warn<C extends Code>(ctx: ExprCtx, code: C, params: MessageParameterTypes[C], span: Span): void {
    this.s.report(ctx.file, code, params, span);
  }

  location(ctx: ExprCtx, span: Span): I.At {
    return this.at(ctx, span);
  }

  enumValues(name: string): string[] | undefined {
    return this.s.enumByName.get(name)?.values.map((v) => v.id);
  }

  private call(e: Extract<A.Expr, { k: 'call' }>, ctx: ExprCtx, expected?: Type): I.Expr {
    const name = e.callee.text;
    const entry = this.s.valueByName.get(name);
    if (entry) {
      const info = this.info(entry);
      if (!info.by) return this.err(ctx, 'bad-call', { message: `${name} is not a function; only parameters declared "by" an enum take an argument` }, e.span);
      if (e.args.length !== 1) return this.err(ctx, 'bad-call', { message: `${name} takes one ${info.by.id} value` }, e.span);
      const idx = this.check(e.args[0]!, ctx, T.enum(info.by.id));
      if (isErr(idx)) return ERR;
      if (idx.t.k !== 'enum' || idx.t.name !== info.by.id)
        return this.err(ctx, 'type-mismatch', { what: `the index of ${name}`, expected: info.by.id, found: typeText(idx.t) }, e.args[0]!.span);
      ctx.deps.add(`param:${info.id}`);
      return { k: 'param', t: info.type, id: info.id, index: idx };
    }
    const b = builtinByName(name);
    if (!b) return this.unknown(name, e.callee.span, ctx);
    const args = e.args.map((a) => this.check(a, ctx, b === 'min' || b === 'max' ? expected : undefined));
    if (args.some(isErr)) return ERR;
    return checkBuiltin(this, b, name, args, e, ctx);
  }
}

