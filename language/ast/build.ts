/**
 * CST → AST for declarations, tests and records. Together with expr.ts (expressions) the only code
 * that knows Chevrotain's tree shape. Missing pieces left by error recovery become `error`
 * expressions or empty names; the parser has already reported them.
 */
import type { CstNode } from 'chevrotain';
import type { Span } from '../diagnostics/index.ts';
import type * as A from './nodes.ts';
import { nodeSpan, sub, subs, tok, toks, tokSpan, unquote } from './cst.ts';
import { ExprBuilder, type Problem } from './expr.ts';

export { unquote } from './cst.ts';

const citeText = (image: string): string => image.slice(1, -1).trim();

export class AstBuilder {
  private readonly empty: Span;
  /** Problems the grammar cannot express (a `collect` that is not a sum, an expression too deep). */
  readonly problems: Problem[] = [];
  private readonly exprs: ExprBuilder;
  constructor(
    private readonly path: string,
    textLength: number,
    /** offsets where the parser refused nesting too deep */
    parserDeep: readonly number[] = [],
  ) {
    this.empty = { start: textLength, end: textLength };
    this.exprs = new ExprBuilder(this.empty, parserDeep, this.problems);
  }

  private expr(n: CstNode | undefined): A.Expr {
    return this.exprs.build(n);
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
}
