/**
 * Keys given twice in one JSON object. JSON.parse keeps the last of them without a word, so a
 * household line with two "weight" keys would silently lose one; this finds them.
 */

/** Colons in a text: every key of a JSON object has one, and only text inside strings adds more. */
function colons(text: string): number {
  let n = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) n++;
  return n;
}

export interface DuplicateKey {
  /** where the object is, as problems name fields: "" for the top level, "members[2]." inside */
  readonly path: string;
  readonly key: string;
}

/**
 * The keys repeated within one object anywhere in a JSON text, given how many keys JSON.parse kept
 * (it keeps one of each). The text has at least as many colons as keys, so when it has no more
 * colons than were kept, no key was repeated; otherwise (a repeat, or colons inside strings) the
 * text is scanned.
 */
export function duplicateKeys(text: string, kept: number): DuplicateKey[] {
  if (colons(text) <= kept) return [];
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
