/**
 * Everything that goes from a policy into generated code goes through here: names are checked
 * against a strict pattern (and replaced by numbered ones when they do not match), text is
 * emitted only inside JSON string literals or line comments stripped of line breaks.
 */

const SAFE_NAME = /^[A-Za-z_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff][A-Za-z0-9_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{0,63}$/;

const JS_NAME = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

export class Names {
  private readonly used = new Map<string, string>();
  private readonly taken = new Set<string>();
  private counter = 0;

  /** A JS identifier for `kind` + `id`: readable when the id is a plain name, numbered otherwise. */
  private readonly byPrefix = new Map<string, Map<string, string>>();

  get(prefix: string, id: string): string {
    let m = this.byPrefix.get(prefix);
    if (!m) this.byPrefix.set(prefix, (m = new Map()));
    const hit = m.get(id);
    if (hit) return hit;
    const key = `${prefix}\u0000${id}`;
    const plain = id.replace('@', '$');
    const readable = `${prefix}${plain}`;
    // The language's names allow every CJK compatibility ideograph; JavaScript does not allow the unassigned ones.
    let name = SAFE_NAME.test(plain.replace('$', '_')) && JS_NAME.test(readable) ? readable : `${prefix}${this.counter++}`;
    while (this.taken.has(name)) name = `${prefix}${this.counter++}`;
    this.taken.add(name);
    this.used.set(key, name);
    m.set(id, name);
    return name;
  }
}

/** A JSON literal that is also inert JavaScript (line and paragraph separators escaped). */
export function jsonLiteral(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Text for a `//` comment: one line, no control characters, bounded length. */
export function commentText(text: string): string {
  // eslint-disable-next-line no-control-regex
  const one = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return one.length > 160 ? one.slice(0, 157) + '…' : one;
}

/** Compiled code holds numbers exactly only up to 2^53; thrown when a definition would need more. */
export class CompileLimitError extends Error {}

/** A safe integer as a JS literal; anything else is refused. */
export function intLiteral(n: bigint | number): string {
  const v = typeof n === 'bigint' ? n : BigInt(n);
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  if (v > max || v < -max) throw new CompileLimitError(`${v.toString().length} digits`);
  return v < 0n ? `(${v})` : v.toString();
}
