/** The per-file analyses the features share, memoised on the workspace while the policy's files are unchanged. */
import { KEYWORDS, type KeywordSpec } from '../../language/index.ts';
import { occurrences, type Occurrence } from './occurrences.ts';
import { Scope, typeNodeText, type ValueSymbol } from './scope.ts';
import type { Token, Workspace } from './workspace.ts';

export function scopeOf(ws: Workspace, path: string): Scope {
  return ws.memoChain(path, 'scope', (chain) => new Scope(chain));
}

export function occurrencesOf(ws: Workspace, path: string): readonly Occurrence[] {
  return ws.memoChain(path, 'occurrences', (chain) => (chain[0] ? occurrences(chain[0], scopeOf(ws, path)) : []));
}

const KEYWORD_BY_TOKEN = new Map(KEYWORDS.map((k) => [k.name, k]));

/** The keyword a token is, if it is one. */
export const keywordOf = (t: Token): KeywordSpec | undefined => KEYWORD_BY_TOKEN.get(t.type);

/** The token containing an offset, or the one ending right at it. */
export function tokenAt(tokens: readonly Token[], offset: number): Token | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid]!;
    if (t.end < offset) lo = mid + 1;
    else if (t.start > offset) hi = mid - 1;
    else {
      // t touches the offset; prefer a token that contains it over one that only ends at it
      const next = tokens[mid + 1];
      return t.end === offset && next && next.start === offset ? next : t;
    }
  }
  return undefined;
}

/** "parameter · money/month by area · 低保标准": what a value is, in one line. */
export function valueDetail(v: ValueSymbol): string {
  const d = v.sites[0]!.decl;
  const kind = d.kind === 'definition' ? (d.output ? 'output' : `${d.level} definition`) : d.kind;
  const type = typeNodeText(d.type) + (d.kind === 'parameter' && d.by ? ` by ${d.by.text}` : '');
  return [kind, type, d.label?.value].filter(Boolean).join(' · ');
}
