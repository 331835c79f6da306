/**
 * Composition: a policy and the chain of policies it `extends`, flattened into one table of
 * declarations. A derived policy may replace a base declaration only with `override`; the replaced
 * declaration is kept (reachable through `base`) and the override is reported for review.
 */
import { parseFile, type ParsedFile, type Header, type ParameterDecl, type InputDecl, type DefinitionDecl, type EnumDecl, type Name } from '../ast/index.ts';
import { SourceText, makeDiagnostic, type Code, type Diagnostic, type MessageParameterTypes, type Span } from '../diagnostics/index.ts';
import { resolvePath, type SourceHost } from './host.ts';

export interface FileInfo {
  readonly path: string;
  readonly source: SourceText;
  readonly parsed: ParsedFile;
}

export type ValueDecl = ParameterDecl | InputDecl | DefinitionDecl;

export interface Entry {
  readonly decl: ValueDecl;
  readonly file: FileInfo;
  readonly policy: string;
  /** the base declaration this one overrides */
  readonly replaced?: Entry;
}

export interface EnumEntry {
  readonly decl: EnumDecl;
  readonly file: FileInfo;
  readonly policy: string;
}

export interface DocumentEntry {
  readonly title: string;
  readonly policy: string;
  readonly file: FileInfo;
  readonly span: Span;
}

export interface Composition {
  readonly file: FileInfo;
  readonly header: {
    readonly id: string;
    readonly label?: string;
    readonly region?: string;
    readonly effective?: { readonly from: string; readonly to?: string };
    readonly framework: boolean;
    readonly ast?: Header;
  };
  /** this policy first, then the one it extends, and so on */
  readonly chain: readonly { readonly id: string; readonly file: FileInfo }[];
  readonly values: ReadonlyMap<string, Entry>;
  readonly enums: ReadonlyMap<string, EnumEntry>;
  readonly documents: ReadonlyMap<string, DocumentEntry>;
}

export const kindWord = (d: ValueDecl): string => (d.kind === 'definition' ? (d.output ? 'output' : d.level) : d.kind);
const sameKind = (a: ValueDecl, b: ValueDecl): boolean =>
  a.kind === b.kind && (a.kind !== 'definition' || (b.kind === 'definition' && a.level === b.level));

export class Loader {
  private readonly files = new Map<string, FileInfo | null>();
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly host: SourceHost) {}

  /** Reads and parses a file once. */
  load(path: string): FileInfo | undefined {
    if (this.files.has(path)) return this.files.get(path) ?? undefined;
    const text = this.host.read(path);
    if (text === undefined) {
      this.files.set(path, null);
      return undefined;
    }
    const source = new SourceText(path, text);
    const parsed = parseFile(source);
    // One at a time: a spread of a very long list would overflow the call stack.
    for (const d of parsed.diagnostics) this.diagnostics.push(d);
    const info = { path, source, parsed };
    this.files.set(path, info);
    return info;
  }

  allFiles(): FileInfo[] {
    return [...this.files.values()].filter((f): f is FileInfo => !!f);
  }

  private diag<C extends Code>(file: FileInfo, code: C, params: MessageParameterTypes[C], span: Span, related?: { message: string; file: FileInfo; span: Span }[]): void {
    this.diagnostics.push(
      makeDiagnostic(code, params, file.path, file.source.range(span), {
        related: related?.map((r) => ({ message: r.message, file: r.file.path, range: r.file.source.range(r.span) })),
      }),
    );
  }

  /**
   * `rebase`: a policy to build on instead of the one `extends` names — how a reform written for
   * the framework's names is applied to any province that builds on the same framework.
   */
  compose(file: FileInfo, stack: string[] = [], rebase?: string): Composition {
    const ast = file.parsed.ast;
    const header = ast.header;
    const id = header?.id.text || file.path.replace(/^.*\//, '').replace(/\.[^.]*$/, '');
    if (!header) this.diag(file, 'missing-header', {}, { start: 0, end: Math.min(1, file.source.text.length) });

    let base: Composition | undefined;
    // A test file (name.test.doudi) is the policy it extends plus tests: a baseline applies to that policy.
    const passOn = rebase !== undefined && file.path.endsWith('.test.doudi') && !!header?.extends;
    if (header?.extends) {
      const target = resolvePath(file.path, header.extends.value);
      if (stack.includes(target) || target === file.path) {
        this.diag(file, 'extends-cycle', { chain: [...stack, file.path, target].join(' → ') }, header.extends.span);
      } else {
        const baseFile = this.load(target);
        if (!baseFile) this.diag(file, 'file-not-found', { path: header.extends.value, reason: 'no such policy file' }, header.extends.span);
        else base = this.compose(baseFile, [...stack, file.path], passOn ? rebase : undefined);
      }
    }
    if (rebase !== undefined && header && !passOn) {
      const span = header.extends?.span ?? header.id.span;
      const baselineFile = this.load(rebase);
      if (!baselineFile) this.diag(file, 'file-not-found', { path: rebase, reason: 'no such baseline policy' }, span);
      else {
        const baseline = this.compose(baselineFile, [...stack, file.path]);
        // The reform must be written for a framework the baseline builds on too.
        // Compared by policy id: the same framework may be reached by a relative or an absolute path.
        const root = base?.chain[base.chain.length - 1];
        if (root && !baseline.chain.some((c) => c.id === root.id))
          this.diag(file, 'baseline-mismatch', { policy: id, root: root.id, baseline: baseline.header.id }, span);
        else base = baseline;
      }
    }

    const values = new Map<string, Entry>(base?.values);
    const enums = new Map<string, EnumEntry>(base?.enums);
    const documents = new Map<string, DocumentEntry>(base?.documents);
    // Types (enums) and values (parameters, inputs, definitions) are separate namespaces.
    const own = { type: new Map<string, { span: Span }>(), value: new Map<string, { span: Span }>() };

    for (const d of header?.documents ?? []) {
      const prev = documents.get(d.key.value);
      if (prev) {
        this.diag(file, 'duplicate-declaration', { name: `document "${d.key.value}"` }, d.key.span, [{ message: 'first declared here', file: prev.file, span: prev.span }]);
        continue;
      }
      documents.set(d.key.value, { title: d.title, policy: id, file, span: d.span });
    }

    const firstOwn = (name: Name, space: 'type' | 'value'): boolean => {
      const prev = own[space].get(name.text);
      if (prev) {
        this.diag(file, 'duplicate-declaration', { name: name.text }, name.span, [{ message: 'first declared here', file, span: prev.span }]);
        return false;
      }
      own[space].set(name.text, { span: name.span });
      return true;
    };

    for (const d of ast.declarations) {
      if (!d.name.text) continue; // a recovered parse; already reported
      if (!firstOwn(d.name, d.kind === 'enum' ? 'type' : 'value')) continue;
      if (d.kind === 'enum') {
        if (enums.has(d.name.text)) {
          const prev = enums.get(d.name.text);
          this.diag(file, 'duplicate-declaration', { name: d.name.text }, d.name.span, prev ? [{ message: 'first declared here', file: prev.file, span: prev.decl.name.span }] : []);
          continue;
        }
        enums.set(d.name.text, { decl: d, file, policy: id });
        continue;
      }
      const prev = values.get(d.name.text);
      if (prev && !d.override) {
        this.diag(file, 'redeclared-without-override', { name: d.name.text, base: prev.policy, kind: kindWord(prev.decl) }, d.name.span, [
          { message: `declared in ${prev.policy} here`, file: prev.file, span: prev.decl.name.span },
        ]);
        continue;
      }
      if (!prev && d.override) {
        this.diag(file, 'override-without-base', { name: d.name.text }, d.name.span);
        values.set(d.name.text, { decl: d, file, policy: id });
        continue;
      }
      if (prev) {
        if (!sameKind(prev.decl, d)) {
          this.diag(file, 'override-kind-mismatch', { name: d.name.text, base: kindWord(prev.decl), policy: prev.policy }, d.name.span, [
            { message: `declared in ${prev.policy} here`, file: prev.file, span: prev.decl.name.span },
          ]);
          continue;
        }
        this.diag(file, 'override', { name: d.name.text, policy: prev.policy, kind: kindWord(prev.decl) }, d.name.span, [
          { message: `the ${kindWord(prev.decl)} it replaces`, file: prev.file, span: prev.decl.name.span },
        ]);
        values.set(d.name.text, { decl: d, file, policy: id, replaced: prev });
        continue;
      }
      values.set(d.name.text, { decl: d, file, policy: id });
    }

    return {
      file,
      header: {
        id,
        label: header?.label ?? base?.header.label,
        region: header?.region?.value ?? base?.header.region,
        effective: header?.effective ? { from: header.effective.from.value, to: header.effective.to?.value } : base?.header.effective,
        framework: header?.framework ?? false,
        ast: header,
      },
      chain: [{ id, file }, ...(base?.chain ?? [])],
      values,
      enums,
      documents,
    };
  }
}
