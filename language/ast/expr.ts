/**
 * CST → AST for expressions: operator precedence over the grammar's flat operator sequences, and
 * the depth limit (LIMITS.expressionDepth).
 *
 * Depth is the height of the expression's tree, counted as the reference defines it: a name or a
 * literal is one level; each parenthesis pair, `if`, `match`, `table`, call, aggregation, `not`,
 * `-` and binary operator adds one (so `a + b + c` is three levels: one per operator, one for the
 * leaves); a list of n values (call arguments, `in (…)`, a cell's values) adds n − 1 more, as the
 * IR makes it a chain. Heights are computed while building — never by a second walk, which would
 * itself recurse as deep as the tree — and building stops at the first node past the limit: the
 * whole top-level expression becomes one `error` node with one diagnostic. Every level the
 * builder descends into counts toward the limit too, so its own recursion is bounded.
 */
import type { CstNode, IToken } from 'chevrotain';
import type { MessageParameterTypes, Span } from '../diagnostics/index.ts';
import { LIMITS } from '../limits.ts';
import type * as A from './nodes.ts';
import { nodeSpan, offsetOf, sub, subs, tok, toks, tokSpan } from './cst.ts';
import { hitPolicyOf } from '../lexer/vocabulary.ts';

export type Problem =
  | { readonly code: 'syntax'; readonly params: MessageParameterTypes['syntax']; readonly span: Span }
  | { readonly code: 'table-hit-policy'; readonly params: MessageParameterTypes['table-hit-policy']; readonly span: Span }
  | { readonly code: 'expression-too-deep'; readonly params: MessageParameterTypes['expression-too-deep']; readonly span: Span };

const OPS: Record<string, A.BinaryOp> = {
  Or: 'or',
  And: 'and',
  Eq: '=',
  Neq: '!=',
  Le: '<=',
  Ge: '>=',
  Lt: '<',
  Gt: '>',
  Plus: '+',
  Minus: '-',
  Star: '*',
  Slash: '/',
};
const PREC = { or: 1, and: 2, not: 3, compare: 4, additive: 5, multiplicative: 6 } as const;
const OP_LEVEL: Record<A.BinaryOp, keyof typeof PREC> = {
  or: 'or',
  and: 'and',
  '=': 'compare',
  '!=': 'compare',
  '<': 'compare',
  '<=': 'compare',
  '>': 'compare',
  '>=': 'compare',
  '+': 'additive',
  '-': 'additive',
  '*': 'multiplicative',
  '/': 'multiplicative',
};

/** Stands for a subtree past the depth limit while it propagates up; never leaves this file. */
const TOO_DEEP: A.Expr = { k: 'error', span: { start: 0, end: 0 } };

export class ExprBuilder {
  private readonly heights = new WeakMap<A.Expr, number>();
  /** levels the builder has descended into (each one an ancestor level of what it builds) */
  private open = 0;
  /** the top-level expression being built, and whether its depth was already reported */
  private top: { span: Span; reported: boolean } = { span: { start: 0, end: 0 }, reported: false };

  constructor(
    private readonly empty: Span,
    /** offsets where the parser already refused nesting (reported there; not again here) */
    private readonly parserDeep: readonly number[],
    readonly problems: Problem[],
  ) {}

  /** A whole expression (a definition's value, an exception's condition, a test value…). */
  build(n: CstNode | undefined): A.Expr {
    const span = nodeSpan(n, this.empty);
    this.top = { span, reported: this.parserDeep.some((o) => o >= span.start && o < span.end) };
    this.open = 0;
    const e = this.expr(n);
    return e === TOO_DEEP ? { k: 'error', span } : e;
  }

  // ---- depth ----

  private height(e: A.Expr): number {
    return this.heights.get(e) ?? 1;
  }

  private tooDeep(span: Span): A.Expr {
    if (!this.top.reported) {
      this.top.reported = true;
      this.problems.push({ code: 'expression-too-deep', params: { what: 'this expression', limit: LIMITS.expressionDepth }, span });
    }
    return TOO_DEEP;
  }

  /** `e`, one level above its highest child (and `extra` more for a list), or TOO_DEEP. `floor`: a height the children reach otherwise. */
  private node(e: A.Expr, children: readonly (A.Expr | undefined)[], extra = 0, floor = 0, at: Span = e.span): A.Expr {
    let h = floor;
    for (const c of children) {
      if (!c) continue;
      if (c === TOO_DEEP) return TOO_DEEP;
      h = Math.max(h, this.height(c));
    }
    h += 1 + extra;
    if (h > LIMITS.expressionDepth) return this.tooDeep(at);
    this.heights.set(e, h);
    return e;
  }

  /** Builds below one more level of nesting, refusing before the builder itself goes too deep. */
  private nested<T>(at: Span, f: () => T): T | A.Expr {
    if (this.open >= LIMITS.expressionDepth) return this.tooDeep(at);
    this.open++;
    try {
      return f();
    } finally {
      this.open--;
    }
  }

  private sub(n: CstNode | undefined, outer: Span): A.Expr {
    return this.nested(n ? nodeSpan(n, outer) : outer, () => this.expr(n));
  }

  // ---- expressions ----

  private expr(n: CstNode | undefined): A.Expr {
    if (!n) return { k: 'error', span: this.empty };
    // A part the parser had to recover is already reported; checking it would only add noise.
    if (n.recoveredNode) return { k: 'error', span: nodeSpan(n, this.empty) };
    if (n.name !== 'expression' && n.name !== 'operand') return { k: 'error', span: nodeSpan(n, this.empty) };
    const c = n.children;
    const whole = nodeSpan(n, this.empty);
    if (!c.BinaryOp && !c.PrefixOp && !c.In && c.primary?.length === 1) return this.primary(c.primary[0] as CstNode, whole);
    const targets = subs(n, 'inTarget');
    return this.sequence(subs(n, 'primary'), toks(n, 'PrefixOp'), toks(n, 'BinaryOp'), toks(n, 'In').map((t, i) => ({ t, target: targets[i] })), whole);
  }

  /**
   * Operator precedence over the flat sequence the grammar gives:
   * or < and < not < comparisons and "in" < + - < * / < unary minus.
   */
  private sequence(primaries: CstNode[], prefixes: IToken[], ops: IToken[], ins: { t: IToken; target: CstNode | undefined }[], whole: Span): A.Expr {
    type Item =
      | { kind: 'primary'; node: CstNode; at: number }
      | { kind: 'prefix'; t: IToken; at: number }
      | { kind: 'op'; op: A.BinaryOp; span: Span; at: number }
      | { kind: 'in'; target: CstNode | undefined; span: Span; at: number };
    const items: Item[] = [];
    for (const p of primaries) items.push({ kind: 'primary', node: p, at: offsetOf(p) });
    for (const t of prefixes) items.push({ kind: 'prefix', t, at: t.startOffset });
    for (const t of ops) items.push({ kind: 'op', op: OPS[t.tokenType.name]!, span: tokSpan(t), at: t.startOffset });
    for (const x of ins) items.push({ kind: 'in', target: x.target, span: tokSpan(x.t), at: x.t.startOffset });
    if (items.length > 1) items.sort((a, b) => a.at - b.at);
    let pos = 0;
    const prefix = (): A.Expr => {
      const u = items[pos];
      if (!u) return { k: 'error', span: whole };
      if (u.kind === 'prefix') {
        pos++;
        const not = u.t.tokenType.name === 'Not';
        const span = tokSpan(u.t);
        const operand = this.nested(span, () => (not ? climb(PREC.not) : prefix()));
        if (operand === TOO_DEEP) return TOO_DEEP;
        return this.node({ k: 'unary', op: not ? 'not' : '-', operand, span: { start: u.t.startOffset, end: Math.max(operand.span.end, u.t.startOffset + u.t.image.length) } }, [operand]);
      }
      if (u.kind !== 'primary') return { k: 'error', span: u.span };
      pos++;
      return this.primary(u.node, whole);
    };
    const climb = (min: number): A.Expr => {
      let left = prefix();
      while (pos < items.length && left !== TOO_DEEP) {
        const it = items[pos]!;
        if (it.kind === 'in') {
          if (PREC.compare < min) break;
          pos++;
          left = this.inExpr(left, it.target, it.span);
          continue;
        }
        if (it.kind !== 'op') break;
        const prec = PREC[OP_LEVEL[it.op]];
        if (prec < min) break;
        pos++;
        const right = this.nested(it.span, () => climb(prec + 1));
        if (right === TOO_DEEP) return TOO_DEEP;
        left = this.node({ k: 'binary', op: it.op, left, right, opSpan: it.span, span: { start: left.span.start, end: right.span.end } }, [left, right], 0, 0, it.span);
      }
      return left;
    };
    return climb(0);
  }

  private inExpr(left: A.Expr, target: CstNode | undefined, at: Span): A.Expr {
    if (left === TOO_DEEP) return TOO_DEEP;
    const span = { start: left.span.start, end: Math.max(left.span.end, nodeSpan(target, this.empty).end) };
    const r = subs(target, 'operand');
    if (r.length) {
      const range: [A.Expr, A.Expr] = [this.sub(r[0], at), this.sub(r[1], at)];
      // x in a..b is x >= a and x <= b: two levels
      return this.node({ k: 'in', operand: left, range, span }, [left, ...range], 1);
    }
    const values = subs(target, 'expression').map((e) => this.sub(e, at));
    return this.node({ k: 'in', operand: left, values, span }, [left, ...values], Math.max(0, values.length - 1));
  }

  private compOp(n: CstNode | undefined): A.CompareOp {
    const t = tok(n, 'CompareOp');
    return t ? (OPS[t.tokenType.name] as A.CompareOp) : '=';
  }

  private primary(n: CstNode | undefined, outer: Span): A.Expr {
    if (!n) return { k: 'error', span: outer };
    const c = n.children;
    // The most frequent kinds first: a name, then literals.
    if (c.NameTok) return this.reference(n);
    const span = nodeSpan(n, this.empty);
    const first = (key: string) => (c[key] ? tok(n, key) : undefined);
    const num = first('NumberLit');
    if (num) return { k: c.Month ? 'months' : 'number', text: num.image.replace(/_/g, ''), span };
    const money = first('MoneyLit');
    if (money) return { k: 'money', text: money.image.replace(/[¥￥元\s_]/g, ''), span };
    if (c.expression) {
      // Parentheses leave no node in the AST, but they count a level: the value is a copy one level higher.
      const inner = this.sub(sub(n, 'expression'), span);
      return inner === TOO_DEEP ? TOO_DEEP : this.node({ ...inner }, [inner]);
    }
    const pct = first('PercentLit');
    if (pct) return { k: 'percent', text: pct.image.replace(/[%％_]/g, ''), span };
    const date = first('DateLit');
    if (date) return { k: 'date', text: date.image, span };
    if (c.True) return { k: 'bool', value: true, span };
    if (c.False) return { k: 'bool', value: false, span };
    if (c.Base) return { k: 'base', span };
    if (c.ifExpr) {
      const e = subs(sub(n, 'ifExpr'), 'expression');
      const [cond, then, otherwise] = [this.sub(e[0], span), this.sub(e[1], span), this.sub(e[2], span)];
      return this.node({ k: 'if', cond, then, else: otherwise, span }, [cond, then, otherwise]);
    }
    if (c.matchExpr) return this.match(sub(n, 'matchExpr')!);
    if (c.tableExpr) return this.table(sub(n, 'tableExpr')!);
    return { k: 'error', span };
  }

  private reference(n: CstNode): A.Expr {
    const span = nodeSpan(n, this.empty);
    const names = toks(n, 'NameTok').map((t) => ({ text: t.image, span: tokSpan(t) }));
    const first = names[0] ?? { text: '', span };
    const call = sub(n, 'callArgs');
    if (names.length > 1) {
      // Enum.value: a qualified enum value (never called)
      return { k: 'name', name: names[1]!, qualifier: first, span };
    }
    if (!call) return { k: 'name', name: first, span };
    const agg = sub(call, 'aggregateArgs');
    if (agg) {
      // Which expression is which follows from the keyword before it.
      const roles = [...toks(agg, 'Where'), ...toks(agg, 'Colon'), ...toks(agg, 'Else')].sort((a, b) => a.startOffset - b.startOffset);
      const exprs = subs(agg, 'expression').sort((a, b) => offsetOf(a) - offsetOf(b));
      const out: { filter?: A.Expr; body?: A.Expr; else?: A.Expr } = {};
      exprs.forEach((e, i) => {
        const role = roles[i]?.tokenType.name;
        const value = this.sub(e, span);
        if (role === 'Where') out.filter = value;
        else if (role === 'Colon') out.body = value;
        else if (role === 'Else') out.else = value;
      });
      return this.node({ k: 'aggregate', fn: first, ...out, span }, [out.filter, out.body, out.else]);
    }
    const args = subs(call, 'expression').map((e) => this.sub(e, span));
    return this.node({ k: 'call', callee: first, args, span }, args, Math.max(0, args.length - 1));
  }

  private match(n: CstNode): A.Expr {
    const span = nodeSpan(n, this.empty);
    const on = this.sub(sub(n, 'expression'), span);
    const parts: A.Expr[] = [on];
    const arms = subs(n, 'matchArm').map((arm) => {
      const exprs = subs(arm, 'expression');
      const body = this.sub(exprs[exprs.length - 1], span);
      parts.push(body);
      if (tok(arm, 'Otherwise')) return { body, span: nodeSpan(arm, this.empty) };
      const values = exprs.slice(0, -1).map((e) => this.sub(e, span));
      parts.push(...values);
      return { values, body, span: nodeSpan(arm, this.empty) };
    });
    return this.node({ k: 'match', on, arms, span }, parts);
  }

  private table(n: CstNode): A.Expr {
    const span = nodeSpan(n, this.empty);
    // The hit policy's words in order: a keyword (first, unique, collect, output) and the names after it.
    const head = tok(n, 'First') ?? tok(n, 'Unique') ?? tok(n, 'Collect') ?? tok(n, 'Output');
    const words = [...(head ? [head] : []), ...toks(n, 'Identifier')];
    const spec = hitPolicyOf(words.map((w) => w.image));
    if (!spec && words.length) {
      const written = words.map((w) => w.image).join(' ');
      this.problems.push({ code: 'table-hit-policy', params: { written }, span: { start: words[0]!.startOffset, end: words[words.length - 1]!.endOffset! + 1 } });
    }
    const hit: A.HitPolicy = spec?.id ?? 'first';
    const exprs = subs(n, 'expression');
    const hasElse = !!tok(n, 'Else');
    const inputs = (hasElse ? exprs.slice(0, -1) : exprs).map((e) => this.sub(e, span));
    const parts: A.Expr[] = [...inputs];
    // The highest cell, counting the levels its list of values adds.
    let cells = 0;
    const rows = subs(n, 'tableRow').map((r) => {
      const row = subs(r, 'cell').map((c) => {
        const { cell, values, height } = this.cell(c, span);
        parts.push(...values);
        cells = Math.max(cells, height);
        return cell;
      });
      const result = this.sub(sub(r, 'expression'), span);
      parts.push(result);
      return { cells: row, result, span: nodeSpan(r, this.empty) };
    });
    const otherwise = hasElse ? this.sub(exprs[exprs.length - 1], span) : undefined;
    if (otherwise) parts.push(otherwise);
    return this.node({ k: 'table', hit, inputs, rows, else: otherwise, span }, parts, 0, cells);
  }

  /** A cell, its values, and its height: its highest value, plus the levels a range or a list adds. */
  private cell(n: CstNode, outer: Span): { cell: A.Cell; values: A.Expr[]; height: number } {
    const span = nodeSpan(n, this.empty);
    const values = subs(n, 'expression').map((e) => this.sub(e, outer));
    const at = (i: number): A.Expr => values[i] ?? { k: 'error', span: this.empty };
    let height = 0;
    for (const v of values) if (v !== TOO_DEEP) height = Math.max(height, this.height(v));
    const op = sub(n, 'compOp');
    if (op) return { cell: { k: 'compare', op: this.compOp(op), value: at(0), span }, values, height };
    if (!values.length) return { cell: { k: 'any', span }, values, height };
    const loOpen = !!(tok(n, 'RangeOpenLow') ?? tok(n, 'RangeOpenBoth'));
    const hiOpen = !!(tok(n, 'RangeOpenHigh') ?? tok(n, 'RangeOpenBoth'));
    if (tok(n, 'Range') || loOpen || hiOpen)
      return { cell: { k: 'range', lo: at(0), hi: at(1), ...(loOpen ? { loOpen: true as const } : {}), ...(hiOpen ? { hiOpen: true as const } : {}), span }, values, height: height + 1 };
    return { cell: { k: 'values', values, span }, values, height: height + values.length - 1 };
  }
}
