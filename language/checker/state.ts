/** The state one check of one policy shares across the checker's files: names, enums, diagnostics. */
import { makeDiagnostic, type Diagnostic, type Span, type Code, type MessageParameterTypes } from '../diagnostics/index.ts';
import { ENUMS } from '../schema/index.ts';
import type { Composition, Entry, FileInfo } from './compose.ts';
import type { EnumIR, At, Cite } from '../ir/types.ts';
import type { Cite as AstCite } from '../ast/index.ts';
import { parseCite, citeText } from './cites.ts';

export interface Related {
  readonly message: string;
  readonly file: FileInfo;
  readonly span: Span;
}

export class CheckState {
  readonly diagnostics: Diagnostic[] = [];
  /** enum by id, Chinese name or label */
  readonly enumByName = new Map<string, EnumIR>();
  readonly enums: EnumIR[] = [];
  /** value declarations by id and by label */
  readonly valueByName = new Map<string, Entry>();

  constructor(readonly comp: Composition) {
    for (const e of ENUMS) this.addEnum({ id: e.id, label: e.zh, values: e.values.map((v) => ({ id: v.id, label: v.zh })), schema: true }, e.zh);
    for (const [, entry] of comp.values) this.valueByName.set(entry.decl.name.text, entry);
  }

  addEnum(e: EnumIR, alias?: string): void {
    this.enums.push(e);
    this.enumByName.set(e.id, e);
    if (alias) this.enumByName.set(alias, e);
  }

  at(file: FileInfo, span: Span): At {
    const p = file.source.position(span.start);
    return [p.line, p.column];
  }

  report<C extends Code>(file: FileInfo, code: C, params: MessageParameterTypes[C], span: Span, extra: { related?: Related[]; cite?: readonly Cite[] } = {}): void {
    this.diagnostics.push(
      makeDiagnostic(code, params, file.path, file.source.range(span), {
        related: extra.related?.map((r) => ({ message: r.message, file: r.file.path, range: r.file.source.range(r.span) })),
        cite: extra.cite?.length ? extra.cite.map(citeText).join('; ') : undefined,
      }),
    );
  }

  /** Citations of a declaration, each checked against the documents of the policy chain. */
  cites(file: FileInfo, list: readonly AstCite[]): Cite[] {
    return list.map((c) => {
      const cite = parseCite(c);
      if ('doc' in cite) {
        const doc = this.comp.documents.get(cite.doc);
        if (!doc) {
          const known = [...this.comp.documents.keys()].map((k) => `"${k}"`).join(', ') || 'none (add document "<key>" "<title>" to the header)';
          this.report(file, 'unknown-document', { cite: c.text, known }, c.span);
          return cite;
        }
        return { ...cite, title: doc.title };
      }
      return cite;
    });
  }
}
