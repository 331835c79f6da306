/**
 * The language's folders stay small and acyclic: no import circle anywhere under language/ (type
 * imports included), and no source file of the front end over 600 lines.
 */
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (p.endsWith('.ts')) out.push(p.split(path.sep).join('/'));
  }
  return out.sort();
}

/** Relative imports and re-exports of each file, `import type` included. */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    const targets = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?\bfrom\s*'(\.{1,2}\/[^']+)'/g)].map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(f), m[1]!)));
    graph.set(f, targets);
  }
  return graph;
}

/** Strongly connected components of more than one file (Tarjan), each an import circle. */
function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const comp: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      comp.push(w);
    } while (w !== v);
    if (comp.length > 1 || graph.get(v)!.includes(v)) found.push(comp.sort());
  };
  for (const f of graph.keys()) if (!index.has(f)) visit(f);
  return found;
}

describe('the structure of language/', () => {
  const files = sources('language');

  it('reads the imports it checks (a sanity check of the scanner)', () => {
    const graph = importGraph(files);
    expect(graph.get('language/checker/expr.ts')).toContain('language/checker/tables.ts');
    expect(circles(new Map([['a', ['b']], ['b', ['a']], ['c', ['a']]]))).toEqual([['a', 'b']]);
  });

  it('has no import circle', () => {
    expect(circles(importGraph(files))).toEqual([]);
  });

  it('keeps every front-end source file under 600 lines', () => {
    const front = files.filter((f) => /^language\/(lexer|parser|ast|checker|diagnostics|interpreter|testing)\//.test(f) || /^language\/[^/]+\.ts$/.test(f));
    const long = front.map((f) => [f, fs.readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > 600);
    expect(long).toEqual([]);
  });
});
