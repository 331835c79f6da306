/**
 * Checks a composed policy: every declaration of the chain under the most derived policy's names
 * (so a base definition reads an overriding parameter), then cycles, exactness and tests; and
 * builds the IR when there is no error.
 */
import type * as A from '../ast/index.ts';
import type * as I from '../ir/types.ts';
import { IR_VERSION } from '../ir/types.ts';
import { T, typeText, type Type } from '../types/index.ts';
import { findField, HOUSEHOLD_FIELDS, PERSON_FIELDS } from '../schema/index.ts';
import { IDENTIFIER } from '../lexer/vocabulary.ts';
import * as Q from '../numbers/rational.ts';
import type { Diagnostic } from '../diagnostics/index.ts';
import { CheckState } from './state.ts';
import { kindWord, type Composition, type Entry, type FileInfo } from './compose.ts';
import { ExprChecker } from './expr.ts';
import type { ExprCtx, ValueInfo } from './context.ts';
import { validDate } from './constants.ts';
import { builtinByName } from './builtins.ts';
import { NO_FACTS, whenTrue, withFacts } from './facts.ts';
import { analyse, cyclePath } from './graph.ts';
import { checkChainDepth, checkExceptionNesting } from './depth.ts';
import { exact } from './exactness.ts';
import type { SourceHost } from './host.ts';
import { TestLowering } from './tests.ts';

const IDENT_ONLY = new RegExp(`^(?:${IDENTIFIER.source})$`);

function sameDeclaredType(a: Type, b: Type): boolean {
  if (a.k !== b.k) return false;
  if (a.k === 'money' && b.k === 'money') return a.period === b.period;
  if (a.k === 'enum' && b.k === 'enum') return a.name === b.name;
  return true;
}

interface Checked {
  readonly entry: Entry;
  readonly id: string;
  readonly deps: Set<string>;
}

export class PolicyChecker {
  readonly s: CheckState;
  private readonly ex: ExprChecker;
  private readonly infos = new Map<Entry, ValueInfo>();
  /** the declared type of an override whose type differs from the declaration it replaces */
  private readonly ownTypes = new Map<Entry, Type>();
  private readonly hiddenIds = new Map<Entry, string>();
  private readonly queue: { entry: Entry; id: string }[] = [];
  private readonly queued = new Set<Entry>();
  private readonly checked: Checked[] = [];
  private readonly checkedById = new Map<string, Checked>();
  private readonly params = new Map<string, I.ParameterIR>();
  private readonly defs = new Map<string, I.DefinitionIR>();
  private readonly divisors = new Set<string>();

  constructor(
    readonly comp: Composition,
    private readonly host: SourceHost,
  ) {
    this.s = new CheckState(comp);
    this.ex = new ExprChecker(this.s, (e) => this.info(e));
  }

  private get entryFile(): FileInfo {
    return this.comp.file;
  }

  // ---------- types and value infos ----------

  resolveType(node: A.TypeNode, file: FileInfo): Type {
    switch (node.k) {
      case 'money':
        return T.money(node.period);
      case 'named': {
        if (!node.name) return T.error;
        const en = this.s.enumByName.get(node.name);
        if (!en) {
          this.s.report(file, 'unknown-type', { name: node.name }, node.span);
          return T.error;
        }
        return T.enum(en.id);
      }
      default:
        return { k: node.k } as Type;
    }
  }

  private info(entry: Entry): ValueInfo {
    let v = this.infos.get(entry);
    if (v) return v;
    const d = entry.decl;
    const id = this.hiddenIds.get(entry) ?? d.name.text;
    let type = this.resolveType(d.type, entry.file);
    if (entry.replaced) {
      // Others read an override as the declaration it replaces; a changed type is reported once, at the override.
      const base = this.info(entry.replaced).type;
      if (type.k !== 'error' && base.k !== 'error' && !sameDeclaredType(type, base)) {
        this.ownTypes.set(entry, type);
        type = base;
      }
    }
    if (d.kind === 'definition') v = { kind: 'def', id, type, level: d.output ? 'household' : d.level };
    else if (d.kind === 'input') v = { kind: 'input', id, type };
    else {
      let by: I.EnumIR | undefined;
      if (d.by) {
        by = this.s.enumByName.get(d.by.text);
        if (!by) this.s.report(entry.file, 'unknown-type', { name: d.by.text }, d.by.span);
      }
      v = { kind: 'param', id, type, by };
    }
    this.infos.set(entry, v);
    return v;
  }

  /** The id under which the base version of an override lives in the IR; it is checked when first read. */
  private hidden(entry: Entry): string {
    const id = this.hiddenIds.get(entry)!;
    if (!this.queued.has(entry)) {
      this.queued.add(entry);
      this.queue.push({ entry, id });
    }
    return id;
  }

  // ---------- declarations ----------

  private enums(): void {
    const schemaNames = new Set(this.s.enums.map((e) => e.id));
    for (const [, en] of this.comp.enums) {
      const d = en.decl;
      if (d.name.text in Object.prototype) {
        this.s.report(en.file, 'reserved-name', { name: d.name.text, what: 'a property every JavaScript object has' }, d.name.span);
        continue;
      }
      if (schemaNames.has(d.name.text)) {
        this.s.report(en.file, 'reserved-name', { name: d.name.text, what: 'a schema enum' }, d.name.span);
        continue;
      }
      const values: { id: string; label?: string }[] = [];
      for (const v of d.values) {
        if (!v.name.text) continue;
        if (values.some((x) => x.id === v.name.text || x.label === v.name.text)) {
          this.s.report(en.file, 'duplicate-declaration', { name: `${d.name.text}.${v.name.text}` }, v.name.span);
          continue;
        }
        values.push({ id: v.name.text, ...(v.label ? { label: v.label } : {}) });
      }
      if (!values.length) this.s.report(en.file, 'syntax', { message: `enum ${d.name.text} needs at least one value` }, d.name.span);
      const label = d.label?.value;
      this.s.addEnum({ id: d.name.text, ...(label ? { label } : {}), values, schema: false }, label);
    }
  }

  private names(): void {
    const aliases = new Map<string, Entry>();
    for (const [, entry] of this.comp.values) {
      const d = entry.decl;
      const name = d.name.text;
      const field = findField('household', name) ?? findField('person', name);
      if (field) this.s.report(entry.file, 'reserved-name', { name, what: `the schema field ${field.id} (${field.zh})` }, d.name.span);
      else if (builtinByName(name)) this.s.report(entry.file, 'reserved-name', { name, what: 'a built-in function' }, d.name.span);
      else if (name in Object.prototype) this.s.report(entry.file, 'reserved-name', { name, what: 'a property every JavaScript object has' }, d.name.span);
      const label = d.label?.value;
      if (label && IDENT_ONLY.test(label) && label !== name) {
        const other = this.s.valueByName.get(label) ?? aliases.get(label);
        const clash = other ? `the ${kindWord(other.decl)} ${other.decl.name.text}` : findField('household', label) || findField('person', label) ? 'a schema field' : builtinByName(label) ? 'a built-in function' : undefined;
        if (clash) this.s.report(entry.file, 'alias-conflict', { label, name, other: clash }, d.label!.span);
        else aliases.set(label, entry);
      }
    }
    for (const [label, entry] of aliases) this.s.valueByName.set(label, entry);
  }

  private ctx(entry: Entry, level: ExprCtx['level'], deps: Set<string>, owner: string): ExprCtx {
    let base: ExprCtx['base'];
    const replaced = entry.replaced;
    if (replaced) {
      const bi = this.info(replaced);
      base = { kind: bi.kind === 'def' ? 'def' : 'param', id: this.hiddenIds.get(replaced)!, type: bi.type, level: bi.level, use: () => void this.hidden(replaced) };
    }
    return { file: entry.file, level, facts: NO_FACTS, deps, base, inAggregate: false, owner };
  }

  private origin(entry: Entry): I.Origin {
    return { policy: entry.policy, file: entry.file.path, at: this.s.at(entry.file, entry.decl.name.span) };
  }

  private overrides(entry: Entry): (I.Origin & { replaces: string }) | undefined {
    const r = entry.replaced;
    if (!r) return undefined;
    // The base version is kept in the IR only when `base` reads it.
    return { ...this.origin(r), replaces: this.queued.has(r) ? this.hiddenIds.get(r)! : '' };
  }

  private missingCite(entry: Entry, cites: readonly A.Cite[], alsoCited = false): void {
    if (!cites.length && !alsoCited) this.s.report(entry.file, 'missing-citation', { name: entry.decl.name.text }, entry.decl.name.span);
  }

  private checkEntry(entry: Entry, id: string): void {
    const d = entry.decl;
    const known = this.info(entry);
    const info = this.ownTypes.has(entry) ? { ...known, type: this.ownTypes.get(entry)! } : known;
    if (entry.replaced) {
      const bi = this.info(entry.replaced);
      if (this.ownTypes.has(entry))
        this.s.report(entry.file, 'override-type-mismatch', { name: d.name.text, base: typeText(bi.type), policy: entry.replaced.policy, type: typeText(info.type) }, d.type.span, {
          related: [{ message: `declared in ${entry.replaced.policy} here`, file: entry.replaced.file, span: entry.replaced.decl.type.span }],
        });
      if (d.kind === 'parameter' && entry.replaced.decl.kind === 'parameter' && (d.by?.text ?? '') !== (entry.replaced.decl.by?.text ?? ''))
        this.s.report(entry.file, 'override-type-mismatch', { name: d.name.text, base: `${typeText(bi.type)} by ${entry.replaced.decl.by?.text ?? '(none)'}`, policy: entry.replaced.policy, type: `${typeText(info.type)} by ${d.by?.text ?? '(none)'}` }, d.type.span);
    }
    const deps = new Set<string>();
    if (d.kind === 'definition') this.definition(entry, d, id, info, deps);
    else if (d.kind === 'input') this.input(entry, d, id, info, deps);
    else this.parameter(entry, d, id, info, deps);
    const c = { entry, id, deps };
    this.checked.push(c);
    this.checkedById.set(id, c);
  }

  private definition(entry: Entry, d: A.DefinitionDecl, id: string, info: ValueInfo, deps: Set<string>): void {
    const ctx = this.ctx(entry, info.level!, deps, d.name.text);
    const cite = this.s.cites(entry.file, d.cites);
    const expr = this.ex.expectType(d.expr, info.type, ctx, `the value of ${d.name.text}`);
    const exceptions: I.ExceptionIR[] = [];
    const labels = new Set<string>();
    for (const x of d.exceptions) {
      if (!x.label.text) continue;
      if (labels.has(x.label.text)) this.s.report(entry.file, 'exception-duplicate-label', { name: d.name.text, label: x.label.text }, x.label.span);
      labels.add(x.label.text);
    }
    for (const x of d.exceptions) {
      if (x.parent && x.parent.text && !labels.has(x.parent.text)) this.s.report(entry.file, 'exception-unknown-parent', { name: d.name.text, label: x.parent.text }, x.parent.span);
      if (x.parent && x.parent.text === x.label.text) this.s.report(entry.file, 'cycle', { chain: `exception ${x.label.text} → ${x.label.text}` }, x.parent.span);
      const when = this.ex.expectBool(x.when, ctx);
      const then = this.ex.expectType(x.then, info.type, { ...ctx, facts: withFacts(ctx.facts, whenTrue(when)) }, `the value of exception ${x.label.text}`);
      exceptions.push({
        label: x.label.text,
        ...(x.parent?.text ? { parent: x.parent.text } : {}),
        when,
        then,
        cite: this.s.cites(entry.file, x.cites),
        at: this.s.at(entry.file, x.span),
      });
    }
    checkExceptionNesting(this.s, entry, d, exceptions);
    this.missingCite(entry, d.cites);
    this.defs.set(id, {
      id,
      ...(d.label ? { label: d.label.value } : {}),
      level: info.level!,
      type: info.type,
      output: d.output,
      expr,
      exceptions,
      cite,
      origin: this.origin(entry),
      hidden: id !== d.name.text,
      exact: true,
    });
  }

  private input(entry: Entry, d: A.InputDecl, id: string, info: ValueInfo, deps: Set<string>): void {
    const ctx = this.ctx(entry, 'constant', deps, d.name.text);
    const cite = this.s.cites(entry.file, d.cites);
    let values: I.DatedValue[] = [];
    if (!d.default) this.s.report(entry.file, 'input-needs-default', { name: d.name.text, type: typeText(info.type) }, d.name.span);
    else {
      const value = this.ex.expectType(d.default, info.type, ctx, `the default of ${d.name.text}`);
      values = [{ from: '0001-01-01', value, cite: [], at: this.s.at(entry.file, d.default.span) }];
    }
    this.missingCite(entry, d.cites);
    this.params.set(id, {
      id,
      ...(d.label ? { label: d.label.value } : {}),
      kind: 'input',
      type: info.type,
      values,
      regions: [],
      cite,
      origin: this.origin(entry),
      divisor: false,
      exact: true,
      hidden: id !== d.name.text,
    });
  }

  private datedValues(entry: Entry, lines: readonly A.ValueLine[], info: ValueInfo, ctx: ExprCtx, name: string): I.DatedValue[] {
    const out: I.DatedValue[] = [];
    let prev: string | undefined;
    for (const line of lines) {
      const date = line.from.value;
      if (!validDate(date)) {
        this.s.report(entry.file, 'bad-literal', { message: `${date} is not a calendar date` }, line.from.span);
        continue;
      }
      if (prev && date <= prev) this.s.report(entry.file, 'parameter-dates', { name, date, previous: prev }, line.from.span);
      prev = date;
      let value: I.DatedValue['value'];
      if (info.by) {
        if (line.value.k !== 'record') {
          this.s.report(entry.file, 'parameter-index', { message: `${name} has one value per ${info.by.id}: write { ${info.by.values.map((v) => `${v.id}: …`).join(', ')} }` }, line.value.span);
          continue;
        }
        const index: I.Expr[] = [];
        const given = new Map<string, A.Expr>();
        for (const f of line.value.fields) {
          const v = info.by.values.find((x) => x.id === f.name.text || x.label === f.name.text);
          if (!v) this.s.report(entry.file, 'parameter-index', { message: `${f.name.text} is not a value of ${info.by.id} (values: ${info.by.values.map((x) => x.id).join(', ')})` }, f.name.span);
          else if (given.has(v.id)) this.s.report(entry.file, 'parameter-index', { message: `${v.id} is given twice` }, f.name.span);
          else given.set(v.id, f.value);
        }
        let complete = true;
        for (const v of info.by.values) {
          const x = given.get(v.id);
          if (!x) {
            this.s.report(entry.file, 'parameter-index', { message: `${name} needs a value for ${v.id}` }, line.value.span);
            complete = false;
            continue;
          }
          const entryCtx = ctx.base ? { ...ctx, base: { ...ctx.base, index: { enumId: info.by.id, value: v.id } } } : ctx;
          index.push(this.ex.expectType(x, info.type, entryCtx, `the ${v.id} value of ${name}`));
        }
        if (!complete) continue;
        value = index;
      } else {
        if (line.value.k === 'record') {
          this.s.report(entry.file, 'parameter-index', { message: `${name} is not indexed; declare it "by <enum>" to give one value per enum value` }, line.value.span);
          continue;
        }
        value = this.ex.expectType(line.value, info.type, ctx, `the value of ${name} from ${date}`);
      }
      out.push({ from: date, value, cite: this.s.cites(entry.file, line.cites), at: this.s.at(entry.file, line.span) });
    }
    return out;
  }

  private parameter(entry: Entry, d: A.ParameterDecl, id: string, info: ValueInfo, deps: Set<string>): void {
    const ctx = this.ctx(entry, 'constant', deps, d.name.text);
    const cite = this.s.cites(entry.file, d.cites);
    const values = this.datedValues(entry, d.values, info, ctx, d.name.text);
    const regions: I.RegionValues[] = [];
    const codes = new Set<string>();
    for (const block of d.regions) {
      const list: string[] = [];
      for (const c of block.codes) {
        if (!/^\d{6}$/.test(c.value)) this.s.report(entry.file, 'parameter-region', { message: `${c.value} is not a 6-digit region code` }, c.span);
        else if (codes.has(c.value)) this.s.report(entry.file, 'parameter-region', { message: `region ${c.value} already has values for ${d.name.text}` }, c.span);
        else {
          codes.add(c.value);
          list.push(c.value);
        }
      }
      regions.push({ codes: list, ...(block.label ? { label: block.label } : {}), values: this.datedValues(entry, block.values, info, ctx, d.name.text) });
    }
    const everyValueCited = d.values.length + d.regions.length > 0 && [...d.values, ...d.regions.flatMap((r) => r.values)].every((v) => v.cites.length > 0);
    this.missingCite(entry, d.cites, everyValueCited);
    this.params.set(id, {
      id,
      ...(d.label ? { label: d.label.value } : {}),
      kind: 'parameter',
      type: info.type,
      ...(info.by ? { by: info.by.id } : {}),
      values,
      regions,
      cite,
      origin: this.origin(entry),
      divisor: false,
      exact: true,
      hidden: id !== d.name.text,
    });
  }

  // ---------- whole-policy checks ----------

  private missingValues(): void {
    if (this.comp.header.framework) return;
    for (const [, p] of this.params) {
      if (p.kind !== 'parameter' || p.values.length || p.regions.some((r) => r.values.length)) continue;
      const entry = this.comp.values.get(p.id);
      if (!entry) continue;
      const declaredHere = entry.file === this.entryFile;
      const date = this.comp.header.effective?.from ?? 'YYYY-MM-DD';
      const header = this.comp.header.ast;
      if (declaredHere) this.s.report(entry.file, 'parameter-no-value', { name: p.id, from: '', date, type: typeText(p.type) }, entry.decl.name.span);
      else
        this.s.report(this.entryFile, 'parameter-no-value', { name: p.id, from: entry.policy, date, type: typeText(p.type) }, header?.id.span ?? { start: 0, end: 0 }, {
          related: [{ message: `declared in ${entry.policy} here`, file: entry.file, span: entry.decl.name.span }],
        });
    }
  }

  private cycles(): string[] {
    const edges = new Map<string, Set<string>>();
    const entries = new Map<string, Checked>();
    for (const c of this.checked) {
      const key = `${c.entry.decl.kind === 'definition' ? 'def' : 'param'}:${c.id}`;
      entries.set(key, c);
      const out = new Set<string>();
      for (const dep of c.deps) {
        if (dep.startsWith('divisor:')) this.divisors.add(dep.slice(8));
        else out.add(dep);
      }
      edges.set(key, out);
    }
    const { cycles, order } = analyse({ edges });
    for (const comp of cycles) {
      const path = cyclePath({ edges }, comp).map((k) => k.slice(k.indexOf(':') + 1));
      for (const key of comp) {
        const c = entries.get(key)!;
        this.s.report(c.entry.file, 'cycle', { chain: path.join(' → ') }, c.entry.decl.name.span);
      }
    }
    checkChainDepth(this.s, { edges }, order, (key) => entries.get(key)!);
    return order;
  }

  private zeroDivisors(): void {
    for (const id of this.divisors) {
      const p = this.params.get(id);
      if (!p) continue;
      this.params.set(id, { ...p, divisor: true });
      const check = (v: I.DatedValue, where: string) => {
        const exprs = Array.isArray(v.value) ? v.value : [v.value as I.Expr];
        for (const e of exprs) {
          if (e.k === 'const' && typeof e.v === 'string' && Q.isZero(Q.parseRational(e.v)!)) {
            const entry = this.entryFor(id);
            if (entry) this.s.report(entry.file, 'zero-divisor', { name: id, when: `from ${v.from}${where}` }, entry.decl.name.span);
          }
        }
      };
      for (const v of p.values) check(v, '');
      for (const r of p.regions) for (const v of r.values) check(v, ` in ${r.codes.join(', ')}`);
    }
  }

  private exactness(order: string[]): void {
    const paramExact = new Map<string, boolean>();
    const defExact = new Map<string, boolean>();
    const env = {
      param: (id: string) => paramExact.get(id) ?? true,
      def: (id: string) => defExact.get(id) ?? true,
    };
    const ofDef = (d: I.DefinitionIR) => exact(d.expr, env) && d.exceptions.every((x) => exact(x.then, env));
    for (const key of order) {
      const id = key.slice(key.indexOf(':') + 1);
      if (key.startsWith('param:')) {
        const p = this.params.get(id);
        if (!p) continue;
        const all = [...p.values, ...p.regions.flatMap((r) => r.values)];
        // A rate or number can be set to any fraction for a run, so only whole-valued types count.
        const wholeType = p.type.k !== 'rate' && p.type.k !== 'number';
        const ok = wholeType && all.every((v) => (Array.isArray(v.value) ? (v.value as I.Expr[]) : [v.value as I.Expr]).every((e) => exact(e, env)));
        paramExact.set(id, ok);
        this.params.set(id, { ...p, exact: ok });
        if (!ok && wholeType && p.type.k === 'money') {
          const entry = this.entryFor(id);
          if (entry) this.s.report(entry.file, 'money-not-exact', { what: `parameter ${id}` }, entry.decl.name.span);
        }
      } else {
        const d = this.defs.get(id);
        if (!d) continue;
        const ok = ofDef(d);
        defExact.set(id, ok);
        this.defs.set(id, { ...d, exact: ok });
        if (!ok && d.output && d.type.k === 'money') {
          const entry = this.entryFor(id);
          if (entry) this.s.report(entry.file, 'money-not-exact', { what: `output ${id}` }, entry.decl.name.span);
        }
      }
    }
  }

  private entryFor(id: string): Entry | undefined {
    return this.checkedById.get(id)?.entry;
  }

  // ---------- the whole check ----------

  run(): { ir?: I.PolicyIR; diagnostics: Diagnostic[] } {
    this.enums();
    this.names();
    const visible = [...this.comp.values.values()];
    for (const entry of visible)
      for (let r = entry.replaced; r; r = r.replaced) this.hiddenIds.set(r, `${r.decl.name.text}@${r.policy}`);
    for (const entry of visible) this.checkEntry(entry, entry.decl.name.text);
    while (this.queue.length) {
      const { entry, id } = this.queue.shift()!;
      this.checkEntry(entry, id);
    }
    this.missingValues();
    const order = this.cycles();
    this.zeroDivisors();
    this.exactness(order);
    const tests = new TestLowering(this.s, this.comp, this.host, this.ex, (e) => this.info(e)).run();
    const header = this.comp.header;
    if (!header.region && header.ast)
      this.s.report(this.entryFile, 'missing-header-field', { policy: header.id, field: 'region', example: 'region 310000' }, header.ast.id.span);
    if (!header.effective && header.ast)
      this.s.report(this.entryFile, 'missing-header-field', { policy: header.id, field: 'effective date', example: 'effective from 2024-01-01' }, header.ast.id.span);
    if (header.effective) {
      for (const [d, span] of [[header.effective.from, header.ast?.effective?.from.span], [header.effective.to, header.ast?.effective?.to?.span]] as const)
        if (d && !validDate(d) && span) this.s.report(this.entryFile, 'bad-literal', { message: `${d} is not a calendar date` }, span);
    }
    const diagnostics = this.s.diagnostics;
    if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

    const defOrder = order.filter((k) => k.startsWith('def:')).map((k) => this.defs.get(k.slice(4))!).filter(Boolean);
    const paramOrder = order.filter((k) => k.startsWith('param:')).map((k) => this.params.get(k.slice(6))!).filter(Boolean);
    const withOverride = <X extends { id: string }>(x: X, entry: Entry | undefined): X => {
      const o = entry && this.overrides(entry);
      return o ? { ...x, overrides: o } : x;
    };
    const ir: I.PolicyIR = {
      irVersion: IR_VERSION,
      policy: {
        id: header.id,
        ...(header.label ? { label: header.label } : {}),
        region: header.region ?? '',
        effective: header.effective!,
        framework: header.framework,
        file: this.entryFile.path,
        chain: this.comp.chain.map((c) => ({ id: c.id, file: c.file.path })),
        cite: header.ast ? this.s.cites(this.entryFile, header.ast.cites) : [],
      },
      documents: [...this.comp.documents].map(([key, d]) => ({ key, title: d.title, policy: d.policy })),
      enums: this.s.enums.filter((e, i, all) => all.indexOf(e) === i),
      parameters: paramOrder.map((p) => withOverride(p, this.entryFor(p.id))),
      definitions: defOrder.map((d) => withOverride(d, this.entryFor(d.id))),
      outputs: defOrder.filter((d) => d.output && !d.hidden).map((d) => d.id),
      tests,
    };
    return { ir, diagnostics };
  }
}

export { HOUSEHOLD_FIELDS, PERSON_FIELDS };
