/**
 * The contract between the studio's UI and its language service, which runs in a web worker
 * (language.worker.ts) behind comlink: the UI thread never parses. Positions are 1-based lines
 * and columns, as in the language's diagnostics. Paths are workspace paths such as
 * "policies/shanghai/shanghai.doudi"; a file `extends` another by a path relative to itself.
 */
import type { Diagnostic, PolicyIR } from '../../language/index.ts';

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export interface Completion {
  readonly label: string;
  readonly kind: 'keyword' | 'field' | 'parameter' | 'definition' | 'enum-value' | 'function' | 'snippet';
  /** the text inserted (may differ from the label, e.g. an English id for a Chinese label) */
  readonly insert: string;
  /** one line: the type, unit, Chinese name or citation */
  readonly detail?: string;
  readonly documentation?: string;
  /** orders items the context asks for first ("0") and keywords last ("4"); compared as text */
  readonly sort?: string;
  /** finer than `kind`: a built-in type, an enum type, or a Chinese label offered for an id */
  readonly subkind?: 'type' | 'enum' | 'label';
}

export interface Hover {
  readonly range: Range;
  /** Markdown: name and label, type with unit, citations, and a parameter's value on the date */
  readonly markdown: string;
}

export interface Location {
  readonly path: string;
  readonly range: Range;
}

export interface TextEdit {
  readonly path: string;
  readonly range: Range;
  readonly text: string;
}

/** The result of compiling a policy of the workspace for the simulator. */
export type CompileResult =
  | { readonly ok: true; readonly source: string; readonly ir: PolicyIR; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export interface LanguageService {
  /** Replaces the workspace's files (all of them, or those given with `partial`). */
  setFiles(files: Readonly<Record<string, string>>, partial?: boolean): void;
  /** Diagnostics of every open file, checked as the policy it belongs to (files of its chain included). */
  diagnostics(): Readonly<Record<string, readonly Diagnostic[]>>;
  complete(path: string, at: Position): readonly Completion[];
  hover(path: string, at: Position, options?: { readonly date?: string; readonly region?: string }): Hover | null;
  definition(path: string, at: Position): Location | null;
  /** Every edit that renames the name at the position across the workspace; null if it cannot be renamed there. */
  rename(path: string, at: Position, newName: string): readonly TextEdit[] | null;
  /** The whole file, formatted; null when it has syntax errors. */
  format(path: string): string | null;
  /** Checks and compiles a policy (optionally a reform applied on a baseline) to a module for the simulator. */
  compile(path: string, baseline?: string): CompileResult;
  /**
   * Before a rename: the range and text of the name at the position, or why it cannot be renamed;
   * given `newName`, also whether that name is acceptable (valid, not a keyword, no clash).
   */
  checkRename?(path: string, at: Position, newName?: string): { readonly range: Range; readonly text: string } | { readonly reject: string };
}
