import { CODES, type Code, type Severity } from './codes.ts';
import type { Range } from './source.ts';

export interface Related {
  readonly message: string;
  readonly file: string;
  readonly range: Range;
}

/** A problem found in a source, as data. */
export interface Diagnostic {
  readonly code: Code;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly range: Range;
  readonly related?: readonly Related[];
  /** the citation of the declaration the diagnostic is about, if it has one */
  readonly cite?: string;
}

export function makeDiagnostic(
  code: Code,
  params: Record<string, string | number>,
  file: string,
  range: Range,
  extra: { related?: Related[]; cite?: string } = {},
): Diagnostic {
  const c = CODES[code];
  const d: Diagnostic = { code, severity: c.severity, message: c.message(params), file, range };
  return { ...d, ...(extra.related?.length ? { related: extra.related } : {}), ...(extra.cite ? { cite: extra.cite } : {}) };
}

export const isError = (d: Diagnostic): boolean => d.severity === 'error';

/** Sorts by file, position and code, and drops exact duplicates (a file checked twice as a base). */
export function normalizeDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of list) {
    const key = `${d.file}\u0000${d.range.start.offset}\u0000${d.range.end.offset}\u0000${d.code}\u0000${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.range.start.offset - b.range.start.offset || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
