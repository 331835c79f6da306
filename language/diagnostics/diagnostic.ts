import { CODES, messageOf, type Code, type MessageParameterTypes, type Severity } from './codes.ts';
import type { Range } from './source.ts';
import { escapeInvisible } from './text.ts';

export interface Related {
  readonly message: string;
  readonly file: string;
  readonly range: Range;
}

/** A problem found in a source, as data: its code, its parameters and the message made from them. */
export interface Diagnostic<C extends Code = Code> {
  readonly code: C;
  readonly severity: Severity;
  readonly message: string;
  /** what the message was made from (names, types, counts), for tools that present it their own way */
  readonly params: MessageParameterTypes[C];
  readonly file: string;
  readonly range: Range;
  readonly related?: readonly Related[];
  /** the citation of the declaration the diagnostic is about, if it has one */
  readonly cite?: string;
}

/** A diagnostic of `code`; its parameters are checked against the code's declared parameter types. */
export function makeDiagnostic<C extends Code>(
  code: C,
  params: MessageParameterTypes[C],
  file: string,
  range: Range,
  extra: { related?: Related[]; cite?: string } = {},
): Diagnostic<C> {
  // What a message quotes of the source is shown with invisible and direction-changing characters escaped.
  const d: Diagnostic<C> = { code, severity: CODES[code].severity, message: escapeInvisible(messageOf(code, params)), params, file, range };
  const related = extra.related?.map((r) => ({ ...r, message: escapeInvisible(r.message) }));
  return { ...d, ...(related?.length ? { related } : {}), ...(extra.cite ? { cite: escapeInvisible(extra.cite) } : {}) };
}

/** Narrows a diagnostic to one code, so that its parameters are typed. */
export const isCode = <C extends Code>(d: Diagnostic, code: C): d is Diagnostic<C> => d.code === code;

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
  // A file's closing "more diagnostics" line stays last in it.
  const closing = (d: Diagnostic): number => (d.code === 'too-many-diagnostics' ? 1 : 0);
  return out.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || closing(a) - closing(b) || a.range.start.offset - b.range.start.offset || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
