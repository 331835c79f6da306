/**
 * Numbers and citations in a notice's words, in Chinese and English: money exact (whole yuan, or
 * to the fen, or "about" when an amount is not a whole number of fen), rates as percentages,
 * articles as 第n条 / Art. n under the document's title.
 */
import * as Q from '../numbers/rational.ts';
import { isFen, rational, type Exact } from './exact.ts';

export type Lang = 'zh' | 'en';

const group = (int: string): string => int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** An amount in yuan: "1914" / "2392.50" / "约 1914.33" (zh); "¥1,914" / "¥2,392.50" / "≈ ¥1,914.33" (en). */
export function money(lang: Lang, x: Exact | Q.Rational): string {
  const q = typeof x === 'string' ? rational(x) : x;
  const fen = isFen(q);
  let shown = Q.toDecimalString(q, 2);
  if (!Q.isInteger(q)) {
    const [int, dec = ''] = shown.split('.');
    shown = `${int}.${dec.padEnd(2, '0')}`;
  }
  if (lang === 'zh') return `${fen ? '' : '约 '}${shown}`;
  const neg = shown.startsWith('-');
  const [int, dec] = (neg ? shown.slice(1) : shown).split('.');
  return `${fen ? '' : '≈ '}${neg ? '−' : ''}¥${group(int!)}${dec ? `.${dec}` : ''}`;
}

/** A rate as a percentage: "3.6%", "30%". */
export function pct(x: Exact | Q.Rational): string {
  const q = typeof x === 'string' ? rational(x) : x;
  const p = Q.mul(q, Q.rat(100));
  const d = Q.toDecimalString(p, 4);
  return `${Q.eq(Q.parseDecimal(d)!, p) ? d : `≈${d}`}%`;
}

/** A plain number ("1.5", "6"). */
export function plain(x: Exact | Q.Rational): string {
  const q = typeof x === 'string' ? rational(x) : x;
  const d = Q.toDecimalString(q, 6);
  return Q.eq(Q.parseDecimal(d)!, q) ? d : Q.toText(q);
}

/** A document's short title: the title it quotes in 《》, or the title up to its first parenthesis. */
function shortTitle(title: string): string {
  const quoted = /《[^《》]+》/.exec(title);
  if (quoted) return quoted[0];
  const cut = title.search(/[（(]/);
  return `《${(cut > 0 ? title.slice(0, cut) : title).trim()}》`;
}

/**
 * Citations "57号 §13" as a notice gives them, grouped by document in the order first cited:
 * 《最低生活保障审核确认办法》第13条、第23条 (zh), 57号 Art. 13, 23 (en). Citations of the model's own
 * documents (titles starting "Doudi") are not articles and are left out.
 */
export function cites(lang: Lang, list: readonly string[], documents: Readonly<Record<string, string>>): string[] {
  const byDoc = new Map<string, string[]>();
  for (const c of list) {
    const sep = c.search(/[\s§]/);
    const key = sep < 0 ? c : c.slice(0, sep);
    const locator = sep < 0 ? '' : c.slice(sep).trim();
    if (documents[key]?.startsWith('Doudi')) continue;
    const parts = byDoc.get(key) ?? byDoc.set(key, []).get(key)!;
    const article = /^§\s*[\d–\-]+$/.test(locator) ? locator.replace(/^§\s*/, lang === 'zh' ? '第' : '') + (lang === 'zh' ? '条' : '') : locator;
    if (article && !parts.includes(article)) parts.push(article);
  }
  return [...byDoc].map(([key, parts]) => {
    if (lang === 'zh') return `${documents[key] ? shortTitle(documents[key]!) : key}${parts.join('、')}`;
    const arts = parts.every((x) => /^[\d–\-]+$/.test(x)) && parts.length ? `Art. ${parts.join(', ')}` : parts.join(', ');
    return `${key}${arts ? ` ${arts}` : ''}`;
  });
}
