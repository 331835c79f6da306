/** Test vocabulary for the studio's language service: the repository's policies as a workspace, positions of text, IR without positions. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLanguageService, type DoudiLanguageService } from '../../studio/language/service.ts';
import type { Position } from '../../studio/language/protocol.ts';
import type { PolicyIR } from '../../language/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function readTree(dir: string, out: Record<string, string>): void {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) readTree(rel, out);
    else if (/\.(doudi|json|jsonl)$/.test(e.name)) out[rel] = fs.readFileSync(path.join(ROOT, rel), 'utf8');
  }
}

/** Every shipped policy, its tests and households, and docs/examples, by workspace path. */
export function repositoryFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  readTree('policies', files);
  readTree('docs/examples', files);
  return files;
}

/** A service over the repository's files (and any given in `extra`, which replace them). */
export function repositoryService(extra: Record<string, string> = {}): { service: DoudiLanguageService; files: Record<string, string> } {
  const files = { ...repositoryFiles(), ...extra };
  const service = createLanguageService();
  service.setFiles(files);
  return { service, files };
}

/** The position of the `nth` (0-based) occurrence of `needle` in `text`, plus `offset` characters into it. */
export function positionOf(text: string, needle: string, nth = 0, offset = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurs fewer than ${nth + 1} times`);
  }
  const before = text.slice(0, at + offset);
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}

/** The position of `needle` when it stands as a whole word (not inside a longer name or a comment line). */
export function wordPosition(text: string, needle: string, nth = 0): Position {
  const re = new RegExp(`(?<![\\w\\u3400-\\u9fff])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w\\u3400-\\u9fff])`, 'g');
  const lines = text.split('\n');
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const code = line.replace(/(?:#|\/\/).*$/, '');
    for (const m of code.matchAll(re)) if (n++ === nth) return { line: i + 1, column: m.index! + 1 };
  }
  throw new Error(`"${needle}" occurs as a word fewer than ${nth + 1} times`);
}

/** The IR without source positions (at), which formatting and renaming may move. */
export function withoutPositions(ir: PolicyIR | undefined): unknown {
  return JSON.parse(JSON.stringify(ir ?? null, (k, v) => (k === 'at' ? undefined : v)));
}

/** Applies text edits (ranges in 1-based lines and columns, end exclusive) to a text. */
export function applyEdits(text: string, edits: readonly { range: { start: Position; end: Position }; text: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: Position) => starts[p.line - 1]! + p.column - 1;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.text + out.slice(offset(e.range.end));
  return out;
}
