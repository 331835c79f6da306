/**
 * Every name in a file's AST with what it means in the file's own policy: declarations, references
 * (by id or by Chinese label), enum values resolved against the enum expected where they stand,
 * types, citations, and the paths of `extends` and `household from`. Hover, definition and rename
 * all read this one list.
 */
import { findField, parseCite, resolvePath, type ast, type Span } from '../../language/index.ts';
import { enumValueSymbol, fieldSymbol, type EnumSymbol, type ExceptionSymbol, type Level, type Scope, type Sym, type ValueDecl } from './scope.ts';
import type { SourceFile } from './workspace.ts';

export type Role =
  /** the name of a declaration (value, enum, enum value, exception label) */
  | 'decl'
  /** a use of a name */
  | 'ref'
  /** the label string of a value declaration */
  | 'label'
  | 'cite'
  /** the path of `extends` or `household from` */
  | 'path';

export interface Occurrence {
  readonly span: Span;
  readonly text: string;
  readonly role: Role;
  readonly sym?: Sym;
  /** a name the checker would not accept here, resolved to the enum value it names anyway */
  readonly guess?: boolean;
  /** a value named by its Chinese label */
  readonly alias?: boolean;
  /** role `path`: the workspace path it names */
  readonly path?: string;
}

interface Ctx {
  readonly level: Level;
  readonly expected?: EnumSymbol;
}

class Walker {
  readonly out: Occurrence[] = [];
  constructor(
    private readonly file: SourceFile,
    private readonly scope: Scope,
  ) {}

  private add(o: Occurrence): void {
    if (o.span.end > o.span.start) this.out.push(o);
  }

  private cites(list: readonly ast.Cite[]): void {
    for (const c of list) {
      const cite = parseCite(c);
      const doc = 'doc' in cite ? this.scope.documents.get(cite.doc) : undefined;
      this.add({ span: c.span, text: c.text, role: 'cite', ...(doc ? { sym: doc } : {}) });
    }
  }

  private typeRef(t: ast.TypeNode): void {
    if (t.k !== 'named' || !t.name) return;
    const en = this.scope.enums.get(t.name);
    this.add({ span: t.span, text: t.name, role: 'ref', ...(en ? { sym: en } : {}) });
  }

  /** The enum type of an expression's value, as far as it can be seen without checking. */
  enumOf(e: ast.Expr | undefined, level: Level): EnumSymbol | undefined {
    if (!e) return undefined;
    switch (e.k) {
      case 'name':
        if (e.qualifier) return this.scope.enums.get(e.qualifier.text);
        return this.scope.enumOf(this.scope.resolve(e.name.text, level)?.sym);
      case 'call': {
        const v = this.scope.value(e.callee.text);
        return v && this.scope.enumOfType(v.sites[0]!.decl.type);
      }
      case 'if':
        return this.enumOf(e.then, level) ?? this.enumOf(e.else, level);
      case 'match':
        return this.enumOf(e.arms[0]?.body, level);
      case 'table':
        return this.enumOf(e.rows[0]?.result, level);
      default:
        return undefined;
    }
  }

  private name(n: ast.Name, ctx: Ctx): void {
    if (!n.text) return;
    const r = this.scope.resolve(n.text, ctx.level, ctx.expected);
    this.add({
      span: n.span,
      text: n.text,
      role: 'ref',
      ...(r ? { sym: r.sym } : {}),
      ...(r?.guess ? { guess: true } : {}),
      ...(r?.sym.kind === 'value' && r.sym.id !== n.text ? { alias: true } : {}),
    });
  }

  expr(e: ast.Expr | undefined, ctx: Ctx): void {
    if (!e) return;
    switch (e.k) {
      case 'name': {
        if (!e.qualifier) return this.name(e.name, ctx);
        const en = this.scope.enums.get(e.qualifier.text);
        this.add({ span: e.qualifier.span, text: e.qualifier.text, role: 'ref', ...(en ? { sym: en } : {}) });
        const v = en && this.scope.enumValue(en, e.name.text);
        this.add({ span: e.name.span, text: e.name.text, role: 'ref', ...(v ? { sym: v } : {}) });
        return;
      }
      case 'call': {
        this.name(e.callee, { level: ctx.level });
        const v = this.scope.value(e.callee.text);
        const by = v?.sites[0]!.decl.kind === 'parameter' ? v.sites[0]!.decl.by : undefined;
        const index = by && this.scope.enums.get(by.text);
        for (const a of e.args) this.expr(a, { level: ctx.level, ...(index ? { expected: index } : {}) });
        return;
      }
      case 'aggregate':
        this.name(e.fn, { level: ctx.level });
        this.expr(e.filter, { level: 'person' });
        this.expr(e.body, { level: 'person' });
        this.expr(e.else, { level: ctx.level });
        return;
      case 'unary':
        return this.expr(e.operand, { level: ctx.level });
      case 'binary': {
        const compare = e.op !== 'and' && e.op !== 'or' && e.op !== '+' && e.op !== '-' && e.op !== '*' && e.op !== '/';
        const left = compare ? this.enumOf(e.left, ctx.level) : undefined;
        const right = compare ? this.enumOf(e.right, ctx.level) : undefined;
        this.expr(e.left, { level: ctx.level, ...(right ? { expected: right } : {}) });
        this.expr(e.right, { level: ctx.level, ...(left ? { expected: left } : {}) });
        return;
      }
      case 'in': {
        this.expr(e.operand, { level: ctx.level });
        const en = this.enumOf(e.operand, ctx.level);
        const inner = { level: ctx.level, ...(en ? { expected: en } : {}) };
        for (const v of e.values ?? []) this.expr(v, inner);
        for (const v of e.range ?? []) this.expr(v, inner);
        return;
      }
      case 'if':
        this.expr(e.cond, { level: ctx.level });
        this.expr(e.then, ctx);
        this.expr(e.else, ctx);
        return;
      case 'match': {
        this.expr(e.on, { level: ctx.level });
        const en = this.enumOf(e.on, ctx.level);
        for (const arm of e.arms) {
          for (const v of arm.values ?? []) this.expr(v, { level: ctx.level, ...(en ? { expected: en } : {}) });
          this.expr(arm.body, ctx);
        }
        return;
      }
      case 'table': {
        const columns = e.inputs.map((i) => this.enumOf(i, ctx.level));
        for (const i of e.inputs) this.expr(i, { level: ctx.level });
        for (const row of e.rows) {
          row.cells.forEach((c, i) => {
            const cell = { level: ctx.level, ...(columns[i] ? { expected: columns[i] } : {}) };
            if (c.k === 'compare') this.expr(c.value, cell);
            else if (c.k === 'range') {
              this.expr(c.lo, cell);
              this.expr(c.hi, cell);
            } else if (c.k === 'values') for (const v of c.values) this.expr(v, cell);
          });
          this.expr(row.result, ctx);
        }
        this.expr(e.else, ctx);
        return;
      }
      default:
        return;
    }
  }

  private valueDecl(d: ValueDecl): void {
    const sym = this.scope.values.get(d.name.text);
    if (d.name.text) this.add({ span: d.name.span, text: d.name.text, role: 'decl', ...(sym ? { sym } : {}) });
    if (d.label && sym) this.add({ span: d.label.span, text: d.label.value, role: 'label', sym });
    this.typeRef(d.type);
    this.cites(d.cites);
    const expected = this.scope.enumOfType(d.type);
    if (d.kind === 'parameter') {
      const by = d.by && this.scope.enums.get(d.by.text);
      if (d.by) this.add({ span: d.by.span, text: d.by.text, role: 'ref', ...(by ? { sym: by } : {}) });
      const line = (v: ast.ValueLine) => {
        if (v.value.k === 'record') {
          for (const f of v.value.fields) {
            const key = by && this.scope.enumValue(by, f.name.text);
            this.add({ span: f.name.span, text: f.name.text, role: 'ref', ...(key ? { sym: key } : {}) });
            this.expr(f.value, { level: 'constant', ...(expected ? { expected } : {}) });
          }
        } else this.expr(v.value, { level: 'constant', ...(expected ? { expected } : {}) });
        this.cites(v.cites);
      };
      d.values.forEach(line);
      for (const r of d.regions) r.values.forEach(line);
    } else if (d.kind === 'input') {
      this.expr(d.default, { level: 'constant', ...(expected ? { expected } : {}) });
    } else {
      const level: Level = d.output ? 'household' : d.level;
      this.expr(d.expr, { level, ...(expected ? { expected } : {}) });
      const labels = new Map<string, ExceptionSymbol>();
      const site = sym?.sites.find((s) => s.decl === d) ?? { file: this.file, decl: d, policy: this.scope.policyId };
      const exception = (label: string): ExceptionSymbol => {
        let x = labels.get(label);
        if (!x) labels.set(label, (x = { kind: 'exception', key: `exception:${this.file.path}@${d.span.start}#${label}`, site, label }));
        return x;
      };
      for (const x of d.exceptions) {
        if (x.label.text) this.add({ span: x.label.span, text: x.label.text, role: 'decl', sym: exception(x.label.text) });
        if (x.parent?.text) this.add({ span: x.parent.span, text: x.parent.text, role: 'ref', sym: exception(x.parent.text) });
        this.cites(x.cites);
        this.expr(x.when, { level });
        this.expr(x.then, { level, ...(expected ? { expected } : {}) });
      }
    }
  }

  private enumDecl(d: ast.EnumDecl): void {
    const en = this.scope.enums.get(d.name.text);
    const own = en?.site?.decl === d ? en : undefined;
    if (d.name.text) this.add({ span: d.name.span, text: d.name.text, role: 'decl', ...(own ? { sym: own } : {}) });
    this.cites(d.cites);
    for (const v of d.values) {
      const value = own?.values.find((x) => x.id === v.name.text);
      this.add({ span: v.name.span, text: v.name.text, role: 'decl', ...(own && value ? { sym: enumValueSymbol(own, value) } : {}) });
    }
  }

  private record(r: ast.RecordNode, level: 'household' | 'person'): void {
    for (const f of r.fields) {
      const spec = findField(level, f.name.text);
      this.add({ span: f.name.span, text: f.name.text, role: 'ref', ...(spec ? { sym: fieldSymbol(spec) } : {}) });
      const en = spec?.type?.k === 'enum' ? this.scope.enums.get(spec.type.name) : undefined;
      this.expr(f.value, { level: 'constant', ...(en ? { expected: en } : {}) });
    }
    for (const m of r.members) this.record(m, 'person');
  }

  private test(t: ast.TestDecl): void {
    this.cites(t.cites);
    for (const item of [...t.sets, ...t.expects]) {
      const sym = item.name.text ? this.scope.value(item.name.text) : undefined;
      if (item.name.text)
        this.add({ span: item.name.span, text: item.name.text, role: 'ref', ...(sym ? { sym } : {}), ...(sym && sym.id !== item.name.text ? { alias: true } : {}) });
      const en = this.scope.enumOf(sym);
      this.expr(item.value, { level: 'constant', ...(en ? { expected: en } : {}) });
    }
    const h = t.household;
    if (h && 'record' in h) this.record(h.record, 'household');
    else if (h) this.add({ span: h.from.span, text: h.from.value, role: 'path', path: resolvePath(this.file.path, h.from.value) });
  }

  run(): Occurrence[] {
    const a = this.file.parsed.ast;
    const h = a.header;
    if (h) {
      this.cites(h.cites);
      if (h.extends) this.add({ span: h.extends.span, text: h.extends.value, role: 'path', path: resolvePath(this.file.path, h.extends.value) });
      for (const d of h.documents) {
        const doc = this.scope.documents.get(d.key.value);
        this.add({ span: d.key.span, text: d.key.value, role: 'decl', ...(doc && doc.file === this.file ? { sym: doc } : {}) });
      }
    }
    for (const d of a.declarations) {
      if (d.kind === 'enum') this.enumDecl(d);
      else this.valueDecl(d);
    }
    for (const t of a.tests) this.test(t);
    return this.out.sort((x, y) => x.span.start - y.span.start);
  }
}

/** The occurrences of names in a file, resolved in `scope` (the scope of the file's own policy). */
export function occurrences(file: SourceFile, scope: Scope): Occurrence[] {
  return new Walker(file, scope).run();
}

/** The occurrence at an offset: one that contains it, or one that ends right at it (a cursor after a word). */
export function occurrenceAt(list: readonly Occurrence[], offset: number): Occurrence | undefined {
  let touching: Occurrence | undefined;
  for (const o of list) {
    if (o.span.start <= offset && offset < o.span.end) return o;
    if (o.span.end === offset) touching = o;
  }
  return touching;
}
