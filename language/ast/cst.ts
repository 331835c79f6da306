/** Reading Chevrotain's CST: tokens and sub-nodes by name, spans, literal texts. */
import type { CstNode, IToken } from 'chevrotain';
import type { Span } from '../diagnostics/index.ts';

export type Child = CstNode | IToken;
export const isToken = (c: Child): c is IToken => (c as IToken).tokenType !== undefined;

const live = (t: IToken): boolean => !t.isInsertedInRecovery && Number.isFinite(t.startOffset);

const NONE: never[] = [];

/** The real (not recovery-inserted) tokens under `key`. */
export function toks(node: CstNode | undefined, key: string): IToken[] {
  const list = node?.children[key] as Child[] | undefined;
  if (!list) return NONE;
  const out: IToken[] = [];
  for (const c of list) if (isToken(c) && live(c)) out.push(c);
  return out;
}

/** The i-th real token under `key`, without building a list. */
export function tok(node: CstNode | undefined, key: string, i = 0): IToken | undefined {
  const list = node?.children[key] as Child[] | undefined;
  if (!list) return undefined;
  for (const c of list) if (isToken(c) && live(c) && i-- === 0) return c;
  return undefined;
}

export function subs(node: CstNode | undefined, key: string): CstNode[] {
  const list = node?.children[key] as Child[] | undefined;
  if (!list) return NONE;
  const out: CstNode[] = [];
  for (const c of list) if (!isToken(c)) out.push(c);
  return out;
}

export function sub(node: CstNode | undefined, key: string, i = 0): CstNode | undefined {
  const list = node?.children[key] as Child[] | undefined;
  if (!list) return undefined;
  for (const c of list) if (!isToken(c) && i-- === 0) return c;
  return undefined;
}

export const tokSpan = (t: IToken): Span => ({ start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 });

export function nodeSpan(n: CstNode | undefined, fallback: Span): Span {
  const loc = n?.location;
  if (!loc || !Number.isFinite(loc.startOffset) || !Number.isFinite(loc.endOffset)) return fallback;
  return { start: loc.startOffset, end: (loc.endOffset ?? loc.startOffset) + 1 };
}

export const offsetOf = (c: Child): number => (isToken(c) ? c.startOffset : (c.location?.startOffset ?? NaN));

export function unquote(image: string): string {
  if (image.startsWith('“')) return image.slice(1, -1);
  try {
    return JSON.parse(image) as string;
  } catch {
    // Escapes JSON does not know (\x, \') are kept as written.
    return image.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
}
