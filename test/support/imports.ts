/**
 * The repository's import graph, read from the sources: every relative `import`, `export … from`,
 * `import type` and dynamic `import('…')` of each .ts/.tsx/.mjs file, and each `new URL('…',
 * import.meta.url)` (a worker's entry). Used by the structure tests to find import circles and
 * imports that reach past a folder's face.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const SOURCE = /\.(ts|tsx|mjs)$/;

/** Source files under the given folders, POSIX paths relative to the repository, sorted. */
export function sources(...dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.posix.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  for (const d of dirs) if (fs.existsSync(d)) walk(d);
  return out.sort();
}

export interface Import {
  /** the file imported, relative to the repository (or the bare specifier: node:fs, comlink) */
  readonly target: string;
  /** `import type` / `export type`: erased when compiled, but still a dependency of the design */
  readonly typeOnly: boolean;
  readonly line: number;
}

const STATIC = /(?:^|\n)[ \t]*(import|export)(\s+type)?\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g;
const BARE = /(?:^|\n)[ \t]*import\s*['"]([^'"]+)['"]/g;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const WORKER_URL = /new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g;

/**
 * The code of a file with comments and template literals blanked (lines kept), so that examples in
 * prose or in generated text are not read as imports. Quoted strings stay: imports are in them.
 */
export function codeOnly(text: string): string {
  let out = '';
  let i = 0;
  const blank = (to: number) => {
    out += text.slice(i, to).replace(/[^\n]/g, ' ');
    i = to;
  };
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '/' && next === '*') blank(text.indexOf('*/', i + 2) < 0 ? text.length : text.indexOf('*/', i + 2) + 2);
    else if (c === '/' && next === '/') blank(text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i));
    else if (c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== '`') j += text[j] === '\\' ? 2 : 1;
      blank(Math.min(text.length, j + 1));
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The imports of one file (comments and template literals do not count). */
export function importsOf(file: string, text = fs.readFileSync(file, 'utf8')): Import[] {
  const code = codeOnly(text);
  const lineAt = (i: number) => code.slice(0, i).split('\n').length;
  const resolve = (spec: string) => (spec.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)) : spec);
  const out: Import[] = [];
  for (const m of code.matchAll(STATIC)) out.push({ target: resolve(m[3]!), typeOnly: !!m[2], line: lineAt(m.index! + m[0].length) });
  for (const m of code.matchAll(BARE)) out.push({ target: resolve(m[1]!), typeOnly: false, line: lineAt(m.index! + m[0].length) });
  for (const m of code.matchAll(DYNAMIC)) out.push({ target: resolve(m[1]!), typeOnly: false, line: lineAt(m.index!) });
  for (const m of code.matchAll(WORKER_URL)) if (/\.(ts|mjs|js)$/.test(m[1]!)) out.push({ target: resolve(m[1]!), typeOnly: false, line: lineAt(m.index!) });
  return out;
}

/** File → the repository files it imports. */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  return new Map(files.map((f) => [f, importsOf(f).map((i) => i.target).filter((t) => !t.includes(':') && t.includes('/'))]));
}

/** Strongly connected components of more than one file (Tarjan, iterative), each an import circle. */
export function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { v: string; i: number }[] = [{ v: root, i: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      const edges = (graph.get(top.v) ?? []).filter((w) => graph.has(w));
      if (top.i < edges.length) {
        const w = edges[top.i++]!;
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!.v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) !== index.get(top.v)) continue;
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== top.v);
      if (comp.length > 1 || (graph.get(top.v) ?? []).includes(top.v)) found.push(comp.sort());
    }
  }
  return found;
}

/** Lines of a file. */
export const lineCount = (file: string): number => fs.readFileSync(file, 'utf8').split('\n').length;
