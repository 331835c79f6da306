/**
 * The command line's contact with the file system and the terminal: policy files found in folders,
 * input files read with limits and clear reasons, diagnostics printed. Every file-system failure
 * becomes a message naming the path and the cause (fsReason), never an "internal error".
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from './command.ts';
import { formatDiagnostic, normalizePath, type Diagnostic, type SourceHost, type CheckResult } from '../language/index.ts';

const MB = 1024 * 1024;

/** The largest input files, in bytes (docs: cli/README.md). */
export const INPUT_LIMITS = {
  /** a policy file, and every file a policy reads (extends, a test's household) */
  policy: 16 * MB,
  /** eval --household */
  household: 16 * MB,
  /** eval --households (read whole: one JSON line per household) */
  households: 256 * MB,
} as const;

/** A file-system error's cause in words. */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'a loop of symbolic links';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EIO':
      return 'an input/output error';
    case 'EEXIST':
      return 'something is already there';
    default:
      return code ? `${code} (${(e as Error).message})` : (e as Error).message;
  }
}

/** Why `p` cannot be read as a file of at most `limit` bytes, or undefined when it can. */
export function unreadable(p: string, limit: number): string | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      try {
        if (fs.lstatSync(p).isSymbolicLink()) return `a symbolic link to ${fs.readlinkSync(p)}, which does not exist`;
      } catch {
        // not even a link: no such file
      }
    }
    return fsReason(e);
  }
  if (st.isDirectory()) return 'it is a folder';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'it is a device, not a file';
  if (st.isSocket()) return 'it is a socket, not a file';
  if (st.isFile() && st.size > limit) return `it is ${megabytes(st.size)}; the limit is ${megabytes(limit)}`;
  return undefined;
}

const megabytes = (n: number): string => (n >= 1024 * MB ? `${(n / 1024 / MB).toFixed(1)} GB` : `${Math.max(0.1, n / MB).toFixed(1)} MB`);

/**
 * The text of an input file: at most `limit` bytes (a pipe is read up to the limit, a device
 * refused), UTF-8 (refused otherwise), without a byte-order mark. InputError naming the file and
 * the cause otherwise.
 */
export function readInput(p: string, what: string, limit: number): string {
  const why = unreadable(p, limit);
  if (why) throw new InputError(`${p}: cannot read ${what}: ${why}`);
  let bytes: Buffer;
  try {
    bytes = readBounded(p, limit);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${p}: cannot read ${what}: ${e.message}`);
    throw new InputError(`${p}: cannot read ${what}: ${fsReason(e)}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new InputError(`${p}: cannot read ${what}: it is not UTF-8 text`);
  }
}

/** At most `limit` bytes of a file (or a pipe); InputError when there are more. */
function readBounded(p: string, limit: number): Buffer {
  const fd = fs.openSync(p, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(4 * MB, limit + 1 - total));
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > limit) throw new InputError(`it is more than ${megabytes(limit)}, the limit`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}

/** Parsed JSON, or InputError naming where (a byte-order mark is allowed). */
export function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`${where}: not valid JSON (${(e as Error).message})`);
  }
}

/** Policy files read from disk, at most INPUT_LIMITS.policy each (undefined, so "file-not-found", otherwise). */
export const fsHost: SourceHost = {
  read(p) {
    if (unreadable(p, INPUT_LIMITS.policy)) return undefined;
    try {
      return readBounded(p, INPUT_LIMITS.policy).toString('utf8').replace(/^\uFEFF/, '');
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

/**
 * Every .doudi file under the given files and folders, sorted, and what could not be searched or
 * read in the folders (a dangling link, a loop of links, a folder without permission, a file over
 * the limit), each with its cause. A path given that does not exist is an InputError.
 */
export function policyFiles(args: readonly string[]): { files: string[]; problems: string[] } {
  const out = new Set<string>();
  const problems: string[] = [];
  const seen = new Set<string>();
  const walk = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      problems.push(`${displayPath(p)}: ${unreadable(p, INPUT_LIMITS.policy)}`);
      return;
    }
    if (!st.isDirectory()) {
      const why = unreadable(p, INPUT_LIMITS.policy);
      if (why) problems.push(`${displayPath(p)}: cannot read the policy: ${why}`);
      else out.add(displayPath(p));
      return;
    }
    // A folder reached twice through links is searched once (and a loop ends).
    const id = `${st.dev}:${st.ino}`;
    if (seen.has(id)) return;
    seen.add(id);
    let entries: string[];
    try {
      entries = fs.readdirSync(p).sort();
    } catch (e) {
      problems.push(`${displayPath(p)}: cannot search the folder: ${fsReason(e)}`);
      return;
    }
    for (const e of entries) {
      if (e === 'node_modules' || e.startsWith('.')) continue;
      const child = path.join(p, e);
      let isDir = false;
      try {
        isDir = fs.statSync(child).isDirectory();
      } catch {
        // a dangling link or a loop: reported when it would have been read
        if (e.endsWith('.doudi') || isLink(child)) problems.push(`${displayPath(child)}: ${unreadable(child, INPUT_LIMITS.policy)}`);
        continue;
      }
      if (isDir || e.endsWith('.doudi')) walk(child);
    }
  };
  for (const a of args) {
    if (!fs.existsSync(a) && !isLink(a)) throw new InputError(`${a}: no such file or folder`);
    walk(a);
  }
  return { files: [...out].sort(), problems };
}

const isLink = (p: string): boolean => {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
};

export function printDiagnostics(list: readonly Diagnostic[], results: readonly CheckResult[], write: (s: string) => void): void {
  const sources = new Map(results.flatMap((r) => [...r.files].map(([k, f]) => [k, f.source] as const)));
  for (const d of list) write(formatDiagnostic(d, sources.get(d.file)) + '\n');
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
