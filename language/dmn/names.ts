/**
 * DMN names ("Approval Status", "Approved/Declined", "2nd rate") as Doudi names: letters, digits,
 * `_` and Chinese characters, never a keyword, a built-in function or a schema field, and unique
 * where they must be. The DMN name stays beside it as the declaration's label.
 */
import { KEYWORDS, IDENTIFIER } from '../lexer/vocabulary.ts';
import { BUILTINS } from '../checker/builtins.ts';
import { HOUSEHOLD_FIELDS, PERSON_FIELDS, ENUMS } from '../schema/index.ts';

const WHOLE_IDENTIFIER = new RegExp(`^(?:${IDENTIFIER.source})$`);
const NOT_NAME = /[^A-Za-z0-9_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;

/** Words a Doudi name may not be: every keyword spelling, built-in, schema field and schema enum. */
export const RESERVED: ReadonlySet<string> = new Set([
  ...KEYWORDS.flatMap((k) => [...k.en, ...k.zh]),
  ...BUILTINS.flatMap((b) => b.names),
  ...[...HOUSEHOLD_FIELDS, ...PERSON_FIELDS].flatMap((f) => [f.id, f.zh]),
  ...ENUMS.flatMap((e) => [e.id, e.zh]),
]);

/** The closest Doudi name: other characters become `_`; a leading digit gets `_` before it. */
export function sanitize(name: string): string {
  let s = name.normalize('NFC').trim().replace(NOT_NAME, '_').replace(/_+/g, '_').replace(/^_(?=.)|_$/g, '');
  if (!s || s === '_') s = 'x';
  if (/^\d/.test(s)) s = `_${s}`;
  return WHOLE_IDENTIFIER.test(s) ? s : 'x';
}

/** Allocates unique names in one namespace, avoiding reserved words with a suffix. */
export class Names {
  private readonly used = new Set<string>();

  constructor(private readonly reserved: ReadonlySet<string> = RESERVED) {}

  /** Whether `name` is taken (or reserved) here. */
  taken(name: string): boolean {
    return this.used.has(name) || this.reserved.has(name);
  }

  /** A fresh name for `dmnName`; `suffix` marks a name that had to change (`age` → `age_input`). */
  fresh(dmnName: string, suffix: string): { name: string; renamed: boolean } {
    const base = sanitize(dmnName);
    let name = base;
    if (this.taken(name)) name = `${base}_${suffix}`;
    for (let k = 2; this.taken(name); k++) name = `${base}_${suffix}${k}`;
    this.used.add(name);
    return { name, renamed: this.reserved.has(base) };
  }

  /** Marks a name as used (a schema field the model reads directly). */
  claim(name: string): void {
    this.used.add(name);
  }
}
