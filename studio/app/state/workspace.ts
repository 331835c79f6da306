/**
 * The workspace: the shipped policies (bundled with the studio) overlaid with the user's edits and
 * new files, the open tabs and the active one. Pure functions over plain data; the store keeps
 * only what differs from the shipped files.
 */
import type { SavedWorkspace } from './store.ts';

export interface Workspace {
  /** every file by path */
  readonly files: Readonly<Record<string, string>>;
  readonly shipped: Readonly<Record<string, string>>;
  readonly open: readonly string[];
  readonly active: string;
  /** shipped files deleted from the workspace */
  readonly removed: readonly string[];
}

export const FRAMEWORK = 'policies/national/framework.doudi';
export const LOCAL_FOLDER = 'policies/local/';

export const DEFAULT_OPEN = ['policies/shanghai/shanghai.doudi', FRAMEWORK, 'policies/reforms/raise-standard.doudi'];

/** The shipped workspace, or the saved one laid over it. */
export function restoreWorkspace(shipped: Readonly<Record<string, string>>, saved?: SavedWorkspace): Workspace {
  const removed = (saved?.removed ?? []).filter((p) => p in shipped);
  const files: Record<string, string> = {};
  for (const [p, t] of Object.entries(shipped)) if (!removed.includes(p)) files[p] = t;
  for (const [p, t] of Object.entries(saved?.files ?? {})) files[p] = t;
  const open = (saved?.open ?? DEFAULT_OPEN).filter((p) => p in files);
  const active = saved && saved.active in files ? saved.active : (open[0] ?? Object.keys(files)[0] ?? '');
  return { files, shipped, open: open.length ? open : active ? [active] : [], active, removed };
}

/** Files that differ from the shipped ones, and new files. */
export function changedFiles(w: Workspace): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [p, t] of Object.entries(w.files)) if (w.shipped[p] !== t) out[p] = t;
  return out;
}

export function toSaved(w: Workspace): SavedWorkspace {
  return { files: changedFiles(w), removed: w.removed, open: w.open, active: w.active };
}

export function isModified(w: Workspace, path: string): boolean {
  return path in w.shipped ? w.shipped[path] !== w.files[path] : true;
}

export function editFile(w: Workspace, path: string, text: string): Workspace {
  if (w.files[path] === text) return w;
  return { ...w, files: { ...w.files, [path]: text } };
}

export function openFile(w: Workspace, path: string): Workspace {
  if (!(path in w.files)) return w;
  return { ...w, open: w.open.includes(path) ? w.open : [...w.open, path], active: path };
}

export function closeTab(w: Workspace, path: string): Workspace {
  const i = w.open.indexOf(path);
  if (i < 0) return w;
  const open = w.open.filter((p) => p !== path);
  const active = w.active === path ? (open[Math.min(i, open.length - 1)] ?? '') : w.active;
  return { ...w, open, active };
}

/** Adds (or replaces) a file and opens it. */
export function addFile(w: Workspace, path: string, text: string): Workspace {
  return openFile({ ...w, files: { ...w.files, [path]: text }, removed: w.removed.filter((p) => p !== path) }, path);
}

export function revertFile(w: Workspace, path: string): Workspace {
  const shipped = w.shipped[path];
  return shipped === undefined ? w : editFile(w, path, shipped);
}

/** A free path in the local folder for a file name ("my reform.doudi" → policies/local/my-reform.doudi). */
export function localPath(w: Workspace, name: string): string {
  const base = name.replace(/\.doudi$/i, '').replace(/[^\w\u3400-\u9fff-]+/g, '-').replace(/^-+|-+$/g, '') || 'untitled';
  let path = `${LOCAL_FOLDER}${base}.doudi`;
  for (let i = 2; path in w.files; i++) path = `${LOCAL_FOLDER}${base}-${i}.doudi`;
  return path;
}

/** The largest policy file the studio opens (the largest shipped one is under 100 kB). */
export const MAX_OPEN_BYTES = 2_000_000;

/**
 * Why a file opened from disk cannot be a policy, or undefined when it can: too large, not text
 * (a NUL byte), or not UTF-8 (characters the decoder had to replace).
 */
export function openProblem(name: string, bytes: number, text?: string): string | undefined {
  if (bytes > MAX_OPEN_BYTES) return `${name}: ${(bytes / 1e6).toFixed(1)} MB is too large for a policy file (at most ${MAX_OPEN_BYTES / 1e6} MB)`;
  if (text === undefined) return undefined;
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return `${name}: not a text file (a NUL byte at character ${nul + 1})`;
  const bad = text.indexOf('\ufffd');
  if (bad >= 0) {
    const line = text.slice(0, bad).split('\n').length;
    return `${name}: line ${line} is not UTF-8 text (save the file as UTF-8)`;
  }
  return undefined;
}

/** A new reform file on the Shanghai policy, ready to edit. */
export function newFileText(id: string): string {
  return `# 新的改革：在上海政策上修改参数或规则
# A new reform: override parameters or rules of the Shanghai policy.

policy ${id.replace(/[^\w]/g, '_')} "新改革" extends "../shanghai/shanghai.doudi"

override parameter dibao_standard "低保标准" : money/month by area [ref §4]
  from 2024-07-01 = { urban: ¥1650, rural: ¥1650 } [assumption: a trial standard]
`;
}

/** Policies a scenario can use: files with a policy header that are not test files. */
export function policyFiles(files: Readonly<Record<string, string>>): string[] {
  return Object.keys(files)
    .filter((p) => p.endsWith('.doudi') && !p.endsWith('.test.doudi'))
    .sort();
}

/** The file name without folder and extension. */
export function fileTitle(path: string): string {
  return path.replace(/^.*\//, '').replace(/\.doudi$/, '');
}
