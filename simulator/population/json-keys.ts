/**
 * Keys given twice in one JSON object. JSON.parse keeps the last of them without a word, so a
 * household line with two "weight" keys would silently lose one; this finds them.
 *
 * A cheap count first: in compact JSON every key is a string directly followed by a colon, so the
 * number of `":` in the text equals the number of keys JSON.parse kept unless a key was repeated
 * (or the text has spaces before colons or escaped quotes, which the exact scan below handles).
 */

/** Keys of every object in a parsed value, counted as JSON.parse kept them. */
function keptKeys(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 0;
  let n = 0;
  if (Array.isArray(v)) for (const x of v) n += keptKeys(x);
  else
    for (const k in v) {
      n++;
      n += keptKeys((v as Record<string, unknown>)[k]);
    }
  return n;
}

function quotedColons(text: string): number {
  let n = 0;
  for (let i = text.indexOf('":'); i >= 0; i = text.indexOf('":', i + 2)) n++;
  return n;
}

export interface DuplicateKey {
  /** where the object is, as problems name fields: "" for the top level, "members[2]." inside */
  readonly path: string;
  readonly key: string;
}

/** The keys repeated within one object anywhere in a JSON text that parsed to `parsed`. */
export function duplicateKeys(text: string, parsed: unknown): DuplicateKey[] {
  if (quotedColons(text) === keptKeys(parsed) && !/\s:|\\"/.test(text)) return [];
  return scan(text);
}

interface Frame {
  readonly keys: Set<string> | undefined;
  readonly path: string;
  index: number;
  key: string;
}

/** An exact scan of a valid JSON text: the keys of each object, with the object's path. */
function scan(text: string): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  const stack: Frame[] = [];
  const here = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    return top.keys ? `${top.path}${top.key}` : `${top.path.replace(/\.$/, '')}[${top.index}]`;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      let k = j + 1;
      while (k < text.length && /\s/.test(text[k]!)) k++;
      if (top?.keys && text[k] === ':') {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) out.push({ path: top.path, key });
        top.keys.add(key);
        top.key = key;
      }
      i = j;
    } else if (c === '{' || c === '[') {
      const path = stack.length ? `${here()}.` : '';
      stack.push({ keys: c === '{' ? new Set() : undefined, path: c === '{' ? path : path, index: 0, key: '' });
    } else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top && !top.keys) top.index++;
    }
  }
  return out;
}
