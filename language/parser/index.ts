/**
 * Parser: tokens → concrete syntax tree, recovering from errors so that one mistake does not
 * hide the rest of the file. Parse problems come back as diagnostics.
 */
import type { CstNode, IToken } from 'chevrotain';
import { getParser } from './parser.ts';
import { lex } from '../lexer/index.ts';
import { makeDiagnostic, type Diagnostic, type SourceText } from '../diagnostics/index.ts';
import { LIMITS } from '../limits.ts';

export interface ParseResult {
  readonly cst: CstNode;
  readonly tokens: readonly IToken[];
  readonly comments: readonly IToken[];
  readonly diagnostics: readonly Diagnostic[];
}

export function parseCst(source: SourceText): ParseResult {
  const lexed = lex(source);
  const parser = getParser();
  parser.begin(lexed.tokens);
  const cst = parser.file();
  const diagnostics = [...lexed.diagnostics];
  for (const { token, what } of parser.deep) {
    const start = Number.isFinite(token.startOffset) ? token.startOffset : source.text.length;
    diagnostics.push(makeDiagnostic('expression-too-deep', { what: what === 'record' ? 'this record' : 'this expression', limit: LIMITS.expressionDepth }, source.path, source.range({ start, end: start + (token.image?.length ?? 0) })));
  }
  const len = source.text.length;
  for (const e of parser.errors) {
    let start = e.token.startOffset;
    let end = (e.token.endOffset ?? start) + 1;
    if (!Number.isFinite(start) || e.token.tokenType.name === 'EOF') {
      // The error is at the end of input or at a token the recovery inserted: point just after the last real token.
      const prev = (e as unknown as { previousToken?: IToken }).previousToken;
      const last = prev && Number.isFinite(prev.endOffset) ? prev : lexed.tokens[lexed.tokens.length - 1];
      start = last ? last.endOffset! + 1 : len;
      end = Math.min(len, start + 1);
      start = Math.min(start, len);
    }
    let message = e.message;
    // When the unexpected token starts a later line, the mistake is at the end of the line before
    // (a dangling operator, a missing parenthesis): point there.
    const at = lexed.tokens.indexOf(e.token);
    const prev = at > 0 ? lexed.tokens[at - 1] : undefined;
    if (prev && Number.isFinite(start) && source.position(prev.endOffset! + 1).line < source.position(start).line) {
      const found = e.token.image.length > 24 ? e.token.image.slice(0, 24) + '…' : e.token.image;
      message = `${message.replace(/ but found .*$/, '')} after "${prev.image}" (the next line starts with "${found}")`;
      start = prev.endOffset! + 1;
      end = start;
    }
    diagnostics.push(makeDiagnostic('syntax', { message }, source.path, source.range({ start, end })));
  }
  return { cst, tokens: lexed.tokens, comments: lexed.comments, diagnostics };
}

export { describeTokenType } from './messages.ts';
