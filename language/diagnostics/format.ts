/** Diagnostics as text: `file:line:col: error CODE: message`, the source line and a caret. */
import type { Diagnostic } from './diagnostic.ts';
import type { SourceText } from './source.ts';

/** Display width of a string in a terminal: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 ? 2 : 1;
  }
  return w;
}

export function formatDiagnostic(d: Diagnostic, source: SourceText | undefined): string {
  const { line, column } = d.range.start;
  const head = `${d.file}:${line}:${column}: ${d.severity} ${d.code}: ${d.message}${d.cite ? ` (cites ${d.cite})` : ''}`;
  const lines = [head];
  if (source) {
    const text = source.lineText(line);
    if (text.length || column > 1) {
      const before = text.slice(0, column - 1).replace(/\t/g, ' ');
      const endCol = d.range.end.line === line ? d.range.end.column : text.length + 1;
      const under = text.slice(column - 1, Math.max(column, endCol) - 1);
      lines.push(`  ${text.replace(/\t/g, ' ')}`);
      lines.push(`  ${' '.repeat(displayWidth(before))}^${'~'.repeat(Math.max(0, displayWidth(under) - 1))}`);
    }
  }
  for (const r of d.related ?? []) lines.push(`  ${r.file}:${r.range.start.line}:${r.range.start.column}: ${r.message}`);
  return lines.join('\n');
}
