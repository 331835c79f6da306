/**
 * Checked policy → module source, with the one thing the checker cannot know turned into a
 * diagnostic: a definition whose exact arithmetic needs numbers beyond 2^53 in compiled code.
 */
import { makeDiagnostic, type Diagnostic } from '../diagnostics/index.ts';
import type { PolicyIR } from '../ir/types.ts';
import type { FileInfo } from '../checker/compose.ts';
import { emitModule, CompileLimit, type EmitOptions } from './module.ts';

export interface Compiled {
  /** the module's source; absent when a diagnostic says why */
  readonly js?: string;
  readonly diagnostics: readonly Diagnostic[];
}

export function compileIR(ir: PolicyIR, files: ReadonlyMap<string, FileInfo>, opts: EmitOptions): Compiled {
  try {
    return { js: emitModule(ir, opts), diagnostics: [] };
  } catch (e) {
    if (!(e instanceof CompileLimit)) throw e;
    const src = files.get(e.origin.file)?.source;
    const offset = src ? (src.lineStarts[e.origin.at[0] - 1] ?? 0) + e.origin.at[1] - 1 : 0;
    const range = src
      ? src.range({ start: offset, end: offset + e.definition.replace(/@.*$/, '').length })
      : { start: { line: e.origin.at[0], column: e.origin.at[1], offset: 0 }, end: { line: e.origin.at[0], column: e.origin.at[1], offset: 0 } };
    return { diagnostics: [makeDiagnostic('compile-limit', { name: e.definition, detail: e.detail }, e.origin.file, range)] };
  }
}
