/** Citations: "[57号 §13]" names a declared document and a place in it; "[assumption: …]" marks a model assumption. */
import type { Cite as AstCite } from '../ast/index.ts';
import type { Cite } from '../ir/types.ts';

const ASSUMPTION = /^(?:assumption|model assumption|假设|模型假设)\s*[:：]?\s*/i;

export function parseCite(c: AstCite): Cite {
  const m = ASSUMPTION.exec(c.text);
  if (m) return { assumption: c.text.slice(m[0].length).trim() };
  const t = c.text.trim();
  const sep = t.search(/[\s§]/);
  const doc = sep < 0 ? t : t.slice(0, sep);
  const locator = sep < 0 ? '' : t.slice(sep).trim();
  return { doc, locator };
}

export const citeText = (c: Cite): string => ('assumption' in c ? `assumption: ${c.assumption}` : c.locator ? `${c.doc} ${c.locator}` : c.doc);

export const citesText = (cs: readonly Cite[]): string => cs.map((c) => `[${citeText(c)}]`).join(' ');
