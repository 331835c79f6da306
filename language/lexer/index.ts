/**
 * Lexer: source text → tokens. Lexing problems come back as diagnostics; the tokens that remain
 * are what the parser reads. Comments are kept in their own list for tools that format.
 */
import { Lexer, type IToken } from 'chevrotain';
import { ALL_TOKENS, BadString, BadCitation } from './tokens.ts';
import { makeDiagnostic, type Diagnostic, SourceText } from '../diagnostics/index.ts';

export * from './tokens.ts';
export * from './vocabulary.ts';

const lexer = new Lexer(ALL_TOKENS, { positionTracking: 'full', ensureOptimizations: false, safeMode: false });

export interface LexResult {
  readonly tokens: IToken[];
  readonly comments: IToken[];
  readonly diagnostics: Diagnostic[];
}

/** The characters a diagnostic shows of an unexpected run: at most 12, quoted. */
const quoted = (run: string): string => JSON.stringify(run.length > 12 ? run.slice(0, 12) + '…' : run);

export function lex(source: SourceText): LexResult {
  const r = lexer.tokenize(source.text);
  const diagnostics: Diagnostic[] = [];
  // Runs of characters that start no token are BadChars tokens; the lexer's own errors remain for safety.
  for (const e of r.errors) {
    const range = source.range({ start: e.offset, end: e.offset + e.length });
    diagnostics.push(makeDiagnostic('unexpected-character', { text: quoted(source.text.slice(e.offset, e.offset + e.length)) }, source.path, range));
  }
  for (const t of r.groups.errors ?? []) {
    const range = source.range({ start: t.startOffset, end: t.endOffset! + 1 });
    if (t.tokenType === BadString) diagnostics.push(makeDiagnostic('unterminated-string', {}, source.path, range));
    else if (t.tokenType === BadCitation) diagnostics.push(makeDiagnostic('unterminated-citation', {}, source.path, range));
    else diagnostics.push(makeDiagnostic('unexpected-character', { text: quoted(t.image) }, source.path, range));
  }
  return { tokens: r.tokens, comments: r.groups.comments ?? [], diagnostics };
}
