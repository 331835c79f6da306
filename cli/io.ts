/** The command line's only contact with the file system and the terminal. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from './command.ts';
import { formatDiagnostic, normalizePath, type Diagnostic, type SourceHost, type CheckResult } from '../language/index.ts';


export const fsHost: SourceHost = {
  read(p) {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** Paths as the user gave them, made POSIX-style and relative when inside the current folder. */
export function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), path.resolve(p));
  return normalizePath(rel.startsWith('..') ? path.resolve(p) : rel || '.');
}

/** Every .doudi file under the given files and folders, sorted. */
export function policyFiles(args: readonly string[]): string[] {
  const out = new Set<string>();
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p).sort()) {
        if (e === 'node_modules' || e.startsWith('.')) continue;
        const child = path.join(p, e);
        if (fs.statSync(child).isDirectory() || e.endsWith('.doudi')) walk(child);
      }
    } else out.add(displayPath(p));
  };
  for (const a of args) {
    if (!fs.existsSync(a)) throw new InputError(`${a}: no such file or folder`);
    walk(a);
  }
  return [...out].sort();
}

export function readText(p: string, what: string): string {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${p}: cannot read ${what}${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': it is a folder' : ''}`);
  }
}

export function printDiagnostics(list: readonly Diagnostic[], results: readonly CheckResult[], write: (s: string) => void): void {
  const sources = new Map(results.flatMap((r) => [...r.files].map(([k, f]) => [k, f.source] as const)));
  for (const d of list) write(formatDiagnostic(d, sources.get(d.file)) + '\n');
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
