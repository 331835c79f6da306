/**
 * Diagnostics as a readable baseline, TypeScript-style: each problem under its source line,
 * the place underlined with ~~~, then code, severity and message.
 */
import { displayWidth, type CheckResult } from '../../language/index.ts';

export function diagnosticsBaseline(r: CheckResult): string {
  if (!r.diagnostics.length) return '(no diagnostics)\n';
  const out: string[] = [];
  for (const d of r.diagnostics) {
    const src = r.files.get(d.file)?.source;
    const { line, column } = d.range.start;
    out.push(`${d.file}:${line}:${column} ${d.severity} ${d.code}: ${d.message}${d.cite ? ` (cites ${d.cite})` : ''}`);
    if (src) {
      const text = src.lineText(line);
      const endCol = d.range.end.line === line ? d.range.end.column : text.length + 1;
      const gutter = `${String(line).padStart(5)} | `;
      out.push(gutter + text);
      const before = displayWidth(text.slice(0, column - 1));
      const width = Math.max(1, displayWidth(text.slice(column - 1, endCol - 1)));
      out.push(' '.repeat(gutter.length - 2) + '| ' + ' '.repeat(before) + '~'.repeat(width));
    }
    for (const rel of d.related ?? []) out.push(`    related ${rel.file}:${rel.range.start.line}:${rel.range.start.column}: ${rel.message}`);
    out.push('');
  }
  return out.join('\n');
}
