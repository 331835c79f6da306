/**
 * CST → AST. The only place that knows Chevrotain's tree shape. Missing pieces left by error
 * recovery become `error` expressions or empty names; the parser has already reported them.
 */
import type { CstNode, IToken } from 'chevrotain';
import type { Span } from '../diagnostics/index.ts';
import type * as A from './nodes.ts';

type Child = CstNode | IToken;
const isToken = (c: Child): c is IToken => (c as IToken).tokenType !== undefined;

const live = (t: IToken): boolean => !t.isInsertedInRecovery && Number.isFinite(t.startOffset);

/** The real (not recovery-inserted) tokens under `key`. */
const NONE: never[] = [];

function toks(node: CstNode | undefined, key: string): IToken[] {
  const list = node?.children[key] as Child[] | undefined;
  if (!list) return NONE;
  const out: IToken[] = [];
  for (const c of list) if (isToken(c) && live(c)) out.push(c);
  return out;
}
/** The i-th real token under `key`, without building a list. */
function tok(node: CstNode | undefined, key: string, i = 0): IToken | undefined {
  const list = node?.children[key] as Child[] | undefined;
  if (!list) return undefined;
  for (const c of list) if (isToken(c) && live(c) && i-- === 0) return c;
  return undefined;
}
function subs(node: CstNode | undefined, key: string): CstNode[] {
  const list = node?.children[key] as Child[] | undefined;
  if (!list) return NONE;
  const out: CstNode[] = [];
  for (const c of list) if (!isToken(c)) out.push(c);
  return out;
}
function sub(node: CstNode | undefined, key: string, i = 0): CstNode | undefined {
  const list = node?.children[key] as Child[] | undefined;
  if (!list) return undefined;
  for (const c of list) if (!isToken(c) && i-- === 0) return c;
  return undefined;
}

const tokSpan = (t: IToken): Span => ({ start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 });

function nodeSpan(n: CstNode | undefined, fallback: Span): Span {
  const loc = n?.location;
  if (!loc || !Number.isFinite(loc.startOffset) || !Number.isFinite(loc.endOffset)) return fallback;
  return { start: loc.startOffset, end: (loc.endOffset ?? loc.startOffset) + 1 };
}

const offsetOf = (c: Child): number => (isToken(c) ? c.startOffset : (c.location?.startOffset ?? NaN));

export function unquote(image: string): string {
  if (image.startsWith('“')) return image.slice(1, -1);
  try {
    return JSON.parse(image) as string;
  } catch {
    // Escapes JSON does not know (\x, \') are kept as written.
    return image.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
}

const citeText = (image: string): string => image.slice(1, -1).trim();

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

export class AstBuilder {
  private readonly empty: Span;
  /** Problems the grammar cannot express (reported as syntax diagnostics). */
  readonly problems: { message: string; span: Span }[] = [];
  constructor(
    private readonly path: string,
    textLength: number,
  ) {
    this.empty = { start: textLength, end: textLength };
  }

  private span(n: CstNode | undefined): Span {
    return nodeSpan(n, this.empty);
  }

  private name(n: CstNode | undefined): A.Name {
    const t = tok(n, 'NameTok');
    if (!t) return { text: '', span: this.span(n) };
    return { text: t.image, span: tokSpan(t) };
  }

  private cites(n: CstNode | undefined): A.Cite[] {
    return toks(n, 'Citation').map((t) => ({ text: citeText(t.image), span: tokSpan(t) }));
  }

  private label(n: CstNode | undefined, i = 0): A.Located<string> | undefined {
    const t = tok(n, 'StringLit', i);
    return t ? { value: unquote(t.image), span: tokSpan(t) } : undefined;
  }

  file(cst: CstNode): A.PolicyFile {
    const headerNode = sub(cst, 'header');
    const declarations: A.Decl[] = [];
    const tests: A.TestDecl[] = [];
    for (const d of subs(cst, 'declaration')) {
      const override = !!tok(d, 'Override');
      const p = sub(d, 'parameterDecl');
      const i = sub(d, 'inputDecl');
      const def = sub(d, 'definitionDecl');
      const e = sub(d, 'enumDecl');
      const t = sub(d, 'testDecl');
      if (p) declarations.push(this.parameter(p, override));
      else if (i) declarations.push(this.input(i, override));
      else if (def) declarations.push(this.definition(def, override));
      else if (e) declarations.push(this.enumDecl(e));
      else if (t) tests.push(this.test(t));
    }
    return { path: this.path, header: headerNode ? this.header(headerNode) : undefined, declarations, tests };
  }

  private header(n: CstNode): A.Header {
    let framework = false;
    let region: A.Header['region'];
    let effective: A.Header['effective'];
    let ext: A.Header['extends'];
    const documents: { key: A.Located<string>; title: string; span: Span }[] = [];
    for (const item of subs(n, 'headerItem')) {
      if (tok(item, 'Framework')) framework = true;
      else if (tok(item, 'Region')) {
        const num = tok(item, 'NumberLit');
        if (num) region = { value: num.image, span: tokSpan(num), label: this.label(item)?.value };
      } else if (tok(item, 'Effective')) {
        const from = tok(item, 'DateLit', 0);
        const to = tok(item, 'DateLit', 1);
        if (from) effective = { from: { value: from.image, span: tokSpan(from) }, to: to ? { value: to.image, span: tokSpan(to) } : undefined };
      } else if (tok(item, 'Extends')) {
        const s = tok(item, 'StringLit');
        if (s) ext = { value: unquote(s.image), span: tokSpan(s) };
      } else if (tok(item, 'Document')) {
        const key = tok(item, 'StringLit', 0);
        const title = tok(item, 'StringLit', 1);
        if (key) documents.push({ key: { value: unquote(key.image), span: tokSpan(key) }, title: title ? unquote(title.image) : '', span: this.span(item) });
      }
    }
    const label = tok(n, 'StringLit');
    return {
      id: this.name(sub(n, 'name')),
      label: label ? unquote(label.image) : undefined,
      cites: this.cites(n),
      framework,
      region,
      effective,
      extends: ext,
      documents,
      span: this.span(n),
    };
  }

  private type(n: CstNode | undefined): A.TypeNode {
    const span = this.span(n);
    if (!n) return { k: 'named', name: '', span };
    if (tok(n, 'MoneyType')) {
      const period = tok(n, 'Year') ? 'year' : tok(n, 'Month') ? 'month' : 'stock';
      return { k: 'money', period, span };
    }
    const simple: [string, A.TypeNode['k']][] = [
      ['BoolType', 'bool'],
      ['IntegerType', 'integer'],
      ['NumberType', 'number'],
      ['RateType', 'rate'],
      ['DateType', 'date'],
      ['Month', 'months'],
      ['Region', 'region'],
    ];
    for (const [key, k] of simple) if (tok(n, key)) return { k, span } as A.TypeNode;
    const id = tok(n, 'Identifier');
    return { k: 'named', name: id?.image ?? '', span };
  }

  private valueLine(n: CstNode): A.ValueLine {
    const date = tok(n, 'DateLit');
    const rec = sub(n, 'record');
    return {
      from: { value: date?.image ?? '', span: date ? tokSpan(date) : this.span(n) },
      value: rec ? this.record(rec) : this.expr(sub(n, 'expression')),
      cites: this.cites(n),
      span: this.span(n),
    };
  }

  private parameter(n: CstNode, override: boolean): A.ParameterDecl {
    const by = sub(n, 'name', 1);
    return {
      kind: 'parameter',
      override,
      name: this.name(sub(n, 'name')),
      label: this.label(n),
      type: this.type(sub(n, 'type')),
      by: by ? this.name(by) : undefined,
      cites: this.cites(n),
      values: subs(n, 'valueLine').map((v) => this.valueLine(v)),
      regions: subs(n, 'regionBlock').map((r) => ({
        codes: toks(r, 'NumberLit').map((t) => ({ value: t.image, span: tokSpan(t) })),
        label: this.label(r)?.value,
        values: subs(r, 'valueLine').map((v) => this.valueLine(v)),
        span: this.span(r),
      })),
      span: this.span(n),
    };
  }

  private input(n: CstNode, override: boolean): A.InputDecl {
    const e = sub(n, 'expression');
    return {
      kind: 'input',
      override,
      name: this.name(sub(n, 'name')),
      label: this.label(n),
      type: this.type(sub(n, 'type')),
      default: e ? this.expr(e) : undefined,
      cites: this.cites(n),
      span: this.span(n),
    };
  }

  private definition(n: CstNode, override: boolean): A.DefinitionDecl {
    const level = tok(n, 'Person') ? 'person' : 'household';
    return {
      kind: 'definition',
      override,
      level,
      output: !!tok(n, 'Output'),
      name: this.name(sub(n, 'name')),
      label: this.label(n),
      type: this.type(sub(n, 'type')),
      expr: this.expr(sub(n, 'expression')),
      cites: this.cites(n),
      exceptions: subs(n, 'exceptionClause').map((x) => {
        const parent = sub(x, 'name', 1);
        return {
          label: this.name(sub(x, 'name', 0)),
          parent: parent ? this.name(parent) : undefined,
          cites: this.cites(x),
          when: this.expr(sub(x, 'expression', 0)),
          then: this.expr(sub(x, 'expression', 1)),
          span: this.span(x),
        };
      }),
      span: this.span(n),
    };
  }

  private enumDecl(n: CstNode): A.EnumDecl {
    return {
      kind: 'enum',
      name: this.name(sub(n, 'name')),
      label: this.label(n),
      cites: this.cites(n),
      values: subs(n, 'enumValue').map((v) => ({ name: this.name(sub(v, 'name')), label: this.label(v)?.value })),
      span: this.span(n),
    };
  }

  private test(n: CstNode): A.TestDecl {
    const nameTok = tok(n, 'StringLit');
    let date: A.Located<string> | undefined;
    let household: A.TestDecl['household'];
    let householdSpan: Span | undefined;
    const sets: { name: A.Name; value: A.Expr; span: Span }[] = [];
    const expects: { name: A.Name; value: A.Expr; span: Span }[] = [];
    let expectError: A.TestDecl['expectError'];
    for (const item of subs(n, 'testItem')) {
      if (tok(item, 'DateType')) {
        const d = tok(item, 'DateLit');
        if (d) date = { value: d.image, span: tokSpan(d) };
      } else if (tok(item, 'Set')) {
        sets.push({ name: this.name(sub(item, 'name')), value: this.expr(sub(item, 'expression')), span: this.span(item) });
      } else if (tok(item, 'Expect')) {
        const text = tok(item, 'StringLit');
        if (text) expectError = { word: this.name(sub(item, 'name')), text: unquote(text.image), span: this.span(item) };
        else expects.push({ name: this.name(sub(item, 'name')), value: this.expr(sub(item, 'expression')), span: this.span(item) });
      } else if (tok(item, 'Household')) {
        householdSpan = this.span(item);
        const from = tok(item, 'StringLit');
        const rec = sub(item, 'record');
        if (from) household = { from: { value: unquote(from.image), span: tokSpan(from) } };
        else if (rec) household = { record: this.record(rec) };
      }
    }
    return {
      name: { value: nameTok ? unquote(nameTok.image) : '', span: nameTok ? tokSpan(nameTok) : this.span(n) },
      cites: this.cites(n),
      date,
      sets,
      household,
      householdSpan,
      expects,
      ...(expectError ? { expectError } : {}),
      span: this.span(n),
    };
  }

  private record(n: CstNode): A.RecordNode {
    const names = subs(n, 'name');
    const exprs = subs(n, 'expression');
    return {
      k: 'record',
      fields: names.map((nm, i) => ({ name: this.name(nm), value: this.expr(exprs[i]) })),
      members: subs(n, 'record').map((r) => this.record(r)),
      span: this.span(n),
    };
  }

  // ---- expressions ----

  expr(n: CstNode | undefined): A.Expr {
    if (!n) return { k: 'error', span: this.empty };
    // A part the parser had to recover is already reported; checking it would only add noise.
    if (n.recoveredNode) return { k: 'error', span: this.span(n) };
    if (n.name !== 'expression' && n.name !== 'operand') return { k: 'error', span: this.span(n) };
    const c = n.children;
    if (!c.BinaryOp && !c.PrefixOp && !c.In && c.primary?.length === 1) return this.primary(c.primary[0] as CstNode, this.span(n));
    const targets = subs(n, 'inTarget');
    return this.sequence(subs(n, 'primary'), toks(n, 'PrefixOp'), toks(n, 'BinaryOp'), toks(n, 'In').map((t, i) => ({ t, target: targets[i] })), this.span(n));
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
        const operand = not ? climb(PREC.not) : prefix();
        return { k: 'unary', op: not ? 'not' : '-', operand, span: { start: u.t.startOffset, end: Math.max(operand.span.end, u.t.startOffset + u.t.image.length) } };
      }
      if (u.kind !== 'primary') return { k: 'error', span: u.span };
      pos++;
      return this.primary(u.node, whole);
    };
    const climb = (min: number): A.Expr => {
      let left = prefix();
      while (pos < items.length) {
        const it = items[pos]!;
        if (it.kind === 'in') {
          if (PREC.compare < min) break;
          pos++;
          left = this.inExpr(left, it.target);
          continue;
        }
        if (it.kind !== 'op') break;
        const prec = PREC[OP_LEVEL[it.op]];
        if (prec < min) break;
        pos++;
        const right = climb(prec + 1);
        left = { k: 'binary', op: it.op, left, right, opSpan: it.span, span: { start: left.span.start, end: right.span.end } };
      }
      return left;
    };
    return climb(0);
  }

  private inExpr(left: A.Expr, target: CstNode | undefined): A.Expr {
    const span = { start: left.span.start, end: Math.max(left.span.end, this.span(target).end) };
    const r = subs(target, 'operand');
    if (r.length) return { k: 'in', operand: left, range: [this.expr(r[0]), this.expr(r[1])], span };
    return { k: 'in', operand: left, values: subs(target, 'expression').map((e) => this.expr(e)), span };
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
    const span = this.span(n);
    const first = (key: string) => (c[key] ? tok(n, key) : undefined);
    const num = first('NumberLit');
    if (num) return { k: c.Month ? 'months' : 'number', text: num.image.replace(/_/g, ''), span };
    const money = first('MoneyLit');
    if (money) return { k: 'money', text: money.image.replace(/[¥￥元\s_]/g, ''), span };
    if (c.expression) return this.expr(sub(n, 'expression'));
    const pct = first('PercentLit');
    if (pct) return { k: 'percent', text: pct.image.replace(/[%％_]/g, ''), span };
    const date = first('DateLit');
    if (date) return { k: 'date', text: date.image, span };
    if (c.True) return { k: 'bool', value: true, span };
    if (c.False) return { k: 'bool', value: false, span };
    if (c.Base) return { k: 'base', span };
    if (c.ifExpr) {
      const e = subs(sub(n, 'ifExpr'), 'expression');
      return { k: 'if', cond: this.expr(e[0]), then: this.expr(e[1]), else: this.expr(e[2]), span };
    }
    if (c.matchExpr) return this.match(sub(n, 'matchExpr')!);
    if (c.tableExpr) return this.table(sub(n, 'tableExpr')!);
    return { k: 'error', span };
  }

  private reference(n: CstNode): A.Expr {
    const span = this.span(n);
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
        const value = this.expr(e);
        if (role === 'Where') out.filter = value;
        else if (role === 'Colon') out.body = value;
        else if (role === 'Else') out.else = value;
      });
      return { k: 'aggregate', fn: first, ...out, span };
    }
    return { k: 'call', callee: first, args: subs(call, 'expression').map((e) => this.expr(e)), span };
  }

  private match(n: CstNode): A.Expr {
    return {
      k: 'match',
      on: this.expr(sub(n, 'expression')),
      arms: subs(n, 'matchArm').map((arm) => {
        const exprs = subs(arm, 'expression');
        const body = this.expr(exprs[exprs.length - 1]);
        if (tok(arm, 'Otherwise')) return { body, span: this.span(arm) };
        return { values: exprs.slice(0, -1).map((e) => this.expr(e)), body, span: this.span(arm) };
      }),
      span: this.span(n),
    };
  }

  private table(n: CstNode): A.Expr {
    const hit: A.HitPolicy = tok(n, 'First') ? 'first' : tok(n, 'Unique') ? 'unique' : 'collect-sum';
    const fn = tok(n, 'Identifier');
    if (hit === 'collect-sum' && fn && !['sum', '合计', '求和'].includes(fn.image))
      this.problems.push({ message: `collect combines rows by sum: write "collect sum", not "collect ${fn.image}"`, span: tokSpan(fn) });
    const exprs = subs(n, 'expression');
    const hasElse = !!tok(n, 'Else');
    const inputs = (hasElse ? exprs.slice(0, -1) : exprs).map((e) => this.expr(e));
    return {
      k: 'table',
      hit,
      inputs,
      rows: subs(n, 'tableRow').map((r) => ({
        cells: subs(r, 'cell').map((c) => this.cell(c)),
        result: this.expr(sub(r, 'expression')),
        span: this.span(r),
      })),
      else: hasElse ? this.expr(exprs[exprs.length - 1]) : undefined,
      span: this.span(n),
    };
  }

  private cell(n: CstNode): A.Cell {
    const span = this.span(n);
    const exprs = subs(n, 'expression');
    const op = sub(n, 'compOp');
    if (op) return { k: 'compare', op: this.compOp(op), value: this.expr(exprs[0]), span };
    if (!exprs.length) return { k: 'any', span };
    if (tok(n, 'Range')) return { k: 'range', lo: this.expr(exprs[0]), hi: this.expr(exprs[1]), span };
    return { k: 'values', values: exprs.map((a) => this.expr(a)), span };
  }
}

