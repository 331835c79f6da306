/**
 * Where policy files come from. The CLI reads the file system; the studio reads its workspace;
 * tests read a map. Paths are POSIX-style and normalised by the language, so the same workspace
 * gives the same diagnostics everywhere.
 */

export interface SourceHost {
  /** The text of a file, or undefined when there is none. */
  read(path: string): string | undefined;
}

/** A host over an in-memory map of path → text. */
export function mapHost(files: Readonly<Record<string, string>> | ReadonlyMap<string, string>): SourceHost {
  const record = files as Readonly<Record<string, string>>;
  const get = files instanceof Map ? (p: string) => files.get(p) : (p: string) => (Object.prototype.hasOwnProperty.call(record, p) ? record[p] : undefined);
  return { read: (p) => get(normalizePath(p)) };
}

export function normalizePath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else if (part === '..' && abs) continue;
    else out.push(part);
  }
  return (abs ? '/' : '') + out.join('/');
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i);
}

/** Resolves `rel` against the folder of `from`. */
export function resolvePath(from: string, rel: string): string {
  if (rel.startsWith('/')) return normalizePath(rel);
  return normalizePath(`${dirname(from)}/${rel}`);
}
