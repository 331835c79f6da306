/**
 * The language service behind the studio's editor: pure TypeScript over the language's own
 * checker, interpreter and compiler, with no DOM, so it runs in a web worker (language.worker.ts)
 * and in Node tests alike. All state lives in the object `createLanguageService` returns.
 */
import { compileIR, LANGUAGE_VERSION, normalizePath, type Diagnostic } from '../../language/index.ts';
import { complete } from './complete.ts';
import { formatSource } from './format.ts';
import { hover } from './hover.ts';
import { definition, planRename, rename } from './navigate.ts';
import { Workspace } from './workspace.ts';
import type { CompileResult, LanguageService } from './protocol.ts';

/** The service, with the protocol's optional methods present. */
export type DoudiLanguageService = Required<LanguageService>;

export function createLanguageService(): DoudiLanguageService {
  const ws = new Workspace();

  const diagnostics = (): Record<string, Diagnostic[]> => {
    const out: Record<string, Diagnostic[]> = {};
    const seen: Record<string, Set<string>> = {};
    for (const path of ws.policyPaths()) {
      out[path] = [];
      seen[path] = new Set();
    }
    // Every file is checked as the policy it is; a diagnostic in a file it extends is listed under that file, once.
    for (const path of ws.policyPaths()) {
      for (const d of ws.check(path).diagnostics) {
        const list = (out[d.file] ??= []);
        const keys = (seen[d.file] ??= new Set());
        const key = `${d.range.start.offset}:${d.range.end.offset}:${d.code}:${d.message}`;
        if (keys.has(key)) continue;
        keys.add(key);
        list.push(d);
      }
    }
    for (const list of Object.values(out)) list.sort((a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset);
    return out;
  };

  const compile = (path: string, baseline?: string): CompileResult => {
    const r = ws.check(path, baseline);
    if (!r.ir) return { ok: false, diagnostics: r.diagnostics.filter((d) => d.severity === 'error') };
    const ir = r.ir;
    return ws.memo(r, 'compile', (): CompileResult => {
      const c = compileIR(ir, r.files, { version: LANGUAGE_VERSION });
      if (!c.js) return { ok: false, diagnostics: c.diagnostics };
      return { ok: true, source: c.js, ir, warnings: r.diagnostics.filter((d) => d.severity === 'warning') };
    });
  };

  return {
    setFiles: (files, partial) => ws.setFiles(files, partial),
    diagnostics,
    complete: (path, at) => complete(ws, path, at),
    hover: (path, at, options) => hover(ws, path, at, options),
    definition: (path, at) => definition(ws, path, at),
    rename: (path, at, newName) => rename(ws, path, at, newName),
    checkRename: (path, at, newName) => {
      const plan = planRename(ws, path, at, newName);
      return 'reject' in plan ? plan : { range: plan.range, text: plan.text };
    },
    format: (path) => {
      const text = ws.text(path);
      if (text === undefined) return null;
      try {
        return formatSource(normalizePath(path), text);
      } catch {
        // The formatter refuses rather than change a token; the file is left as it is.
        return null;
      }
    },
    compile,
  };
}
