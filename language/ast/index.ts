/**
 * Source text → AST (through the lexer and parser), with every lexing and parsing problem as a
 * diagnostic. The rest of the language starts from here and never sees Chevrotain.
 */
import { parseCst } from '../parser/index.ts';
import { AstBuilder } from './build.ts';
import { makeDiagnostic, type Diagnostic, type SourceText } from '../diagnostics/index.ts';
import type { PolicyFile } from './nodes.ts';

export * from './nodes.ts';

export interface Comment {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface ParsedFile {
  readonly ast: PolicyFile;
  readonly comments: readonly Comment[];
  readonly diagnostics: readonly Diagnostic[];
}

export function parseFile(source: SourceText): ParsedFile {
  const r = parseCst(source);
  const deep = r.diagnostics.filter((d) => d.code === 'expression-too-deep').map((d) => d.range.start.offset);
  const builder = new AstBuilder(source.path, source.text.length, deep);
  const ast = builder.file(r.cst);
  const diagnostics = [...r.diagnostics];
  for (const p of builder.problems) {
    const range = source.range(p.span);
    diagnostics.push(p.code === 'syntax' ? makeDiagnostic(p.code, p.params, source.path, range) : makeDiagnostic(p.code, p.params, source.path, range));
  }
  const comments = r.comments.map((t) => ({ text: t.image, start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 }));
  return { ast, comments, diagnostics };
}
