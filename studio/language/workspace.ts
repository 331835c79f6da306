/**
 * The workspace the language service works on: files by path, each parsed once per content, the
 * chain of policies a file extends, and each policy's check — redone only when a file it read has
 * changed. Everything here is plain data owned by one service instance (no module-level state).
 */
import {
  checkPolicy,
  lex,
  mapHost,
  normalizePath,
  parseFile,
  resolvePath,
  SourceText,
  type CheckResult,
  type ParsedFile,
} from '../../language/index.ts';

/** A workspace file, parsed. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly source: SourceText;
  readonly parsed: ParsedFile;
}

interface CachedCheck {
  /** every path the check read (or tried to read), with the text it saw */
  readonly read: ReadonlyMap<string, string | undefined>;
  readonly result: CheckResult;
}

/** A token of a file, with the name of its token type (a keyword's name as in KEYWORDS, "Identifier", "Colon", …). */
export interface Token {
  readonly type: string;
  readonly image: string;
  readonly start: number;
  /** exclusive */
  readonly end: number;
}

export interface Lexed {
  readonly tokens: readonly Token[];
  readonly comments: readonly Token[];
  /** spans of unterminated strings and citations */
  readonly unterminated: readonly { readonly start: number; readonly end: number }[];
}

export const isPolicyPath = (path: string): boolean => path.endsWith('.doudi');

export class Workspace {
  private files = new Map<string, string>();
  private readonly parsedCache = new Map<string, SourceFile>();
  private readonly checks = new Map<string, CachedCheck>();
  private readonly lexedCache = new WeakMap<SourceFile, Lexed>();
  /** results keyed by anything derived from a check (scopes, compiled modules), dropped with it */
  private readonly derived = new WeakMap<CheckResult, Map<string, unknown>>();
  /** results derived from a policy's chain of parsed files (its names), dropped when one changes */
  private readonly chainDerived = new Map<string, { readonly files: readonly SourceFile[]; readonly values: Map<string, unknown> }>();

  setFiles(files: Readonly<Record<string, string>>, partial = false): void {
    const next = partial ? new Map(this.files) : new Map<string, string>();
    for (const [p, text] of Object.entries(files)) next.set(normalizePath(p), text);
    this.files = next;
    for (const p of [...this.parsedCache.keys()]) if (this.files.get(p) !== this.parsedCache.get(p)!.text) this.parsedCache.delete(p);
    for (const key of [...this.checks.keys()]) if (!this.files.has(key.slice(0, key.indexOf('\u0000')))) this.checks.delete(key);
    for (const p of [...this.chainDerived.keys()]) if (!this.files.has(p)) this.chainDerived.delete(p);
  }

  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  policyPaths(): string[] {
    return this.paths().filter(isPolicyPath);
  }

  text(path: string): string | undefined {
    return this.files.get(normalizePath(path));
  }

  /** The file, parsed (once per content). */
  file(path: string): SourceFile | undefined {
    const p = normalizePath(path);
    const text = this.files.get(p);
    if (text === undefined) return undefined;
    const hit = this.parsedCache.get(p);
    if (hit && hit.text === text) return hit;
    const source = new SourceText(p, text);
    const file = { path: p, text, source, parsed: parseFile(source) };
    this.parsedCache.set(p, file);
    return file;
  }

  /** The file's tokens and comments (once per content). */
  tokens(file: SourceFile): Lexed {
    let hit = this.lexedCache.get(file);
    if (!hit) {
      const r = lex(file.source);
      const token = (t: (typeof r.tokens)[number]): Token => ({ type: t.tokenType.name, image: t.image, start: t.startOffset, end: t.startOffset + t.image.length });
      hit = {
        tokens: r.tokens.map(token),
        comments: r.comments.map(token),
        unterminated: r.diagnostics
          .filter((d) => d.code === 'unterminated-string' || d.code === 'unterminated-citation')
          .map((d) => ({ start: d.range.start.offset, end: d.range.end.offset })),
      };
      this.lexedCache.set(file, hit);
    }
    return hit;
  }

  /** The policy file and the ones it extends, most derived first; stops at a cycle or a missing file. */
  chain(path: string): SourceFile[] {
    const out: SourceFile[] = [];
    const seen = new Set<string>();
    let p: string | undefined = normalizePath(path);
    while (p !== undefined && !seen.has(p)) {
      seen.add(p);
      const f = this.file(p);
      if (!f) break;
      out.push(f);
      const ext = f.parsed.ast.header?.extends?.value;
      p = ext === undefined ? undefined : resolvePath(f.path, ext);
    }
    return out;
  }

  /** Checks a policy (optionally applied on a baseline); the result is reused while nothing it read has changed. */
  check(path: string, baseline?: string): CheckResult {
    const p = normalizePath(path);
    const key = `${p}\u0000${baseline === undefined ? '' : normalizePath(baseline)}`;
    const hit = this.checks.get(key);
    if (hit && [...hit.read].every(([f, text]) => this.files.get(f) === text)) return hit.result;
    const read = new Map<string, string | undefined>();
    const host = mapHost(this.files);
    const tracking = {
      read: (f: string) => {
        const text = host.read(f);
        read.set(normalizePath(f), text);
        return text;
      },
    };
    const result = checkPolicy(p, tracking, baseline === undefined ? {} : { baseline });
    this.checks.set(key, { read, result });
    return result;
  }

  /** A value computed from a policy's chain of parsed files, kept while none of them changes. */
  memoChain<T>(path: string, key: string, make: (chain: readonly SourceFile[]) => T): T {
    const p = normalizePath(path);
    const files = this.chain(p);
    let m = this.chainDerived.get(p);
    if (!m || m.files.length !== files.length || m.files.some((f, i) => f !== files[i])) this.chainDerived.set(p, (m = { files, values: new Map() }));
    if (!m.values.has(key)) m.values.set(key, make(files));
    return m.values.get(key) as T;
  }

  /** A value computed from a check result, kept as long as that result is current. */
  memo<T>(result: CheckResult, key: string, make: () => T): T {
    let m = this.derived.get(result);
    if (!m) this.derived.set(result, (m = new Map()));
    if (!m.has(key)) m.set(key, make());
    return m.get(key) as T;
  }
}
