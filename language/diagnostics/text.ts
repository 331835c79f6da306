/** Showing user text in diagnostics: invisible and direction-changing characters escaped, display widths. */

/**
 * Characters that are invisible or change how the text around them is shown: C0 and C1 controls
 * (but tab), DEL, soft hyphen, combining grapheme joiner, Arabic letter mark, Hangul and
 * Mongolian fillers and separators, zero-width spaces and joiners, direction marks, embeddings,
 * overrides and isolates (the "Trojan Source" characters), line and paragraph separators,
 * invisible operators, variation selectors, the byte order mark, interlinear annotation marks, tag
 * characters, and lone surrogates.
 */
const INVISIBLE =
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]|\udb40[\udc00-\udc7f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, '0');

/** `s` with each invisible or direction-changing character written as an escape: \u202E, \u{E0001}. */
export function escapeInvisible(s: string): string {
  INVISIBLE.lastIndex = 0;
  if (!INVISIBLE.test(s)) return s;
  return s.replace(INVISIBLE, (ch) => {
    const c = ch.codePointAt(0)!;
    return c > 0xffff ? `\\u{${hex(c, 5)}}` : `\\u${hex(c, 4)}`;
  });
}

/** Display width of a string in a terminal: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 ? 2 : 1;
  }
  return w;
}
