/** Positions (1-based lines and UTF-16 columns, end exclusive, as in the language's diagnostics) and display helpers. */
import { rational as Q, showScalar, type Scalar, type Span, type SourceText, type Type } from '../../language/index.ts';
import type { Position, Range } from './protocol.ts';

export function offsetAt(source: SourceText, at: Position): number {
  const starts = source.lineStarts;
  if (at.line < 1) return 0;
  if (at.line > starts.length) return source.text.length;
  const start = starts[at.line - 1]!;
  const end = at.line < starts.length ? starts[at.line]! : source.text.length;
  const lineText = source.text.slice(start, end).replace(/[\r\n\u2028\u2029]+$/, '');
  return start + Math.max(0, Math.min(at.column - 1, lineText.length));
}

export function rangeOf(source: SourceText, span: Span): Range {
  const s = source.position(span.start);
  const e = source.position(Math.max(span.start, span.end));
  return { start: { line: s.line, column: s.column }, end: { line: e.line, column: e.column } };
}

/** Money in yuan, rates as percentages, months with their unit; fractions that are not decimals exactly. */
export function showValue(v: Scalar, t: Type, enumLabel?: (id: string) => string | undefined): string {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') {
    const label = t.k === 'enum' ? enumLabel?.(v) : undefined;
    return label ? `${v} (${label})` : v;
  }
  const shown = showScalar(v, t);
  // A value that four decimal places do not hold exactly is also given as the fraction it is.
  const exact = Q.toDecimalString(v, 4);
  const back = Q.parseRational(exact);
  if (back && Q.eq(back, v)) return shown;
  const fraction = t.k === 'money' ? `¥${Q.toText(v)}` : t.k === 'rate' ? `${Q.toText(Q.mul(v, Q.rat(100)))}%` : Q.toText(v);
  return `${fraction} ≈ ${shown}`;
}

/** Markdown inline code that survives backticks in the text. */
export function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** Markdown text with the characters Markdown would read as syntax escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|~]/g, (c) => `\\${c}`);
}
