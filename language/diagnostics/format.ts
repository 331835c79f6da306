/** Diagnostics as text: `file:line:col: error CODE: message`, the source line and a caret. */
import { LIMITS } from '../limits.ts';
import type { Diagnostic } from './diagnostic.ts';
import type { SourceText } from './source.ts';
import { displayWidth, escapeInvisible } from './text.ts';

export { displayWidth } from './text.ts';

/**
 * The part of a source line an excerpt shows: all of it up to LIMITS.excerptColumns characters,
 * otherwise a window of that many around the start of the range, marked … where cut.
 */
export function excerptWindow(text: string, start: number, width: number = LIMITS.excerptColumns): { from: number; to: number } {
  if (text.length <= width) return { from: 0, to: text.length };
  let from = Math.max(0, Math.min(start - Math.floor(width / 3), text.length - width));
  let to = Math.min(text.length, from + width);
  // Never cut a surrogate pair in two.
  if (from > 0 && /[\udc00-\udfff]/.test(text[from]!)) from++;
  if (to < text.length && /[\ud800-\udbff]/.test(text[to - 1]!)) to--;
  return { from, to };
}

export function formatDiagnostic(d: Diagnostic, source: SourceText | undefined): string {
  const { line, column } = d.range.start;
  const head = `${escapeInvisible(d.file)}:${line}:${column}: ${d.severity} ${d.code}: ${d.message}${d.cite ? ` (cites ${d.cite})` : ''}`;
  const lines = [head];
  // The closing line of a file with more diagnostics than shown points at no source.
  if (source && d.code !== 'too-many-diagnostics') {
    const text = source.lineText(line);
    if (text.length || column > 1) {
      const start = Math.min(column - 1, text.length);
      const end = Math.max(start + 1, d.range.end.line === line ? d.range.end.column - 1 : text.length);
      const { from, to } = excerptWindow(text, start);
      const show = (s: string) => escapeInvisible(s).replace(/\t/g, ' ');
      const before = (from > 0 ? '…' : '') + show(text.slice(from, Math.max(from, start)));
      const under = show(text.slice(Math.max(from, start), Math.min(to, end)));
      lines.push(`  ${(from > 0 ? '…' : '') + show(text.slice(from, to))}${to < text.length ? '…' : ''}`);
      lines.push(`  ${' '.repeat(displayWidth(before))}^${'~'.repeat(Math.max(0, displayWidth(under) - 1))}`);
    }
  }
  for (const r of d.related ?? []) lines.push(`  ${escapeInvisible(r.file)}:${r.range.start.line}:${r.range.start.column}: ${r.message}`);
  return lines.join('\n');
}
