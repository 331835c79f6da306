/**
 * The names a policy sees: its declarations and those of the policies it extends (most derived
 * first, an override grouped with what it replaces), enums with their values, schema fields,
 * built-ins and documents. Built from the parsed chain alone, so it works while the file has
 * errors. Name resolution follows the checker's order (language/checker/expr.ts): a value, or an
 * enum value where an enum is expected, then built-ins, then schema fields.
 *
 * Every symbol has a key that is the same in every policy that sees it: a value is keyed by the
 * file of its first (base-most) declaration, so an override and the declaration it replaces, and
 * the references in every policy built on them, share one key.
 */
import { BUILTINS, ENUMS, IDENTIFIER, KEYWORDS, findField, type ast, type FieldSpec, type Span } from '../../language/index.ts';
import type { SourceFile } from './workspace.ts';

export type ValueDecl = ast.ParameterDecl | ast.InputDecl | ast.DefinitionDecl;
type TypeNode = ast.TypeNode;
export type Level = 'person' | 'household' | 'constant';
export type Builtin = (typeof BUILTINS)[number];

export interface ValueSite {
  readonly file: SourceFile;
  readonly decl: ValueDecl;
  /** the id of the policy that declares it */
  readonly policy: string;
}

export interface ValueSymbol {
  readonly kind: 'value';
  readonly key: string;
  readonly id: string;
  /** the declaration in force first, then the ones it overrides */
  readonly sites: readonly ValueSite[];
}

export interface EnumValue {
  readonly id: string;
  readonly label?: string;
  /** where the value is declared (policy enums only) */
  readonly span?: Span;
}

export interface EnumSymbol {
  readonly kind: 'enum';
  readonly key: string;
  readonly id: string;
  readonly label?: string;
  readonly values: readonly EnumValue[];
  /** undefined for the schema's enums */
  readonly site?: { readonly file: SourceFile; readonly decl: ast.EnumDecl; readonly policy: string };
}

export interface EnumValueSymbol {
  readonly kind: 'enum-value';
  readonly key: string;
  readonly enum: EnumSymbol;
  readonly value: EnumValue;
}

export interface FieldSymbol {
  readonly kind: 'field';
  readonly key: string;
  readonly field: FieldSpec;
}

export interface BuiltinSymbol {
  readonly kind: 'builtin';
  readonly key: string;
  readonly builtin: Builtin;
}

export interface ExceptionSymbol {
  readonly kind: 'exception';
  readonly key: string;
  readonly site: ValueSite;
  readonly label: string;
}

export interface DocumentSymbol {
  readonly kind: 'document';
  readonly key: string;
  readonly id: string;
  readonly title: string;
  readonly file: SourceFile;
  readonly span: Span;
  readonly policy: string;
}

export type Sym = ValueSymbol | EnumSymbol | EnumValueSymbol | FieldSymbol | BuiltinSymbol | ExceptionSymbol | DocumentSymbol;

export const IDENT_ONLY = new RegExp(`^(?:${IDENTIFIER.source})$`);

const KEYWORD_SPELLINGS = new Set(KEYWORDS.flatMap((k) => [...k.en, ...k.zh]));
export const isKeyword = (name: string): boolean => KEYWORD_SPELLINGS.has(name);

const BUILTIN_BY_NAME = new Map<string, Builtin>(BUILTINS.flatMap((b) => b.names.map((n) => [n, b] as const)));
export const builtinNamed = (name: string): Builtin | undefined => BUILTIN_BY_NAME.get(name);

export const builtinSymbol = (b: Builtin): BuiltinSymbol => ({ kind: 'builtin', key: `builtin:${b.id}`, builtin: b });
export const fieldSymbol = (f: FieldSpec): FieldSymbol => ({ kind: 'field', key: `field:${f.level}:${f.id}`, field: f });

const SCHEMA_ENUMS: readonly EnumSymbol[] = ENUMS.map((e) => ({
  kind: 'enum',
  key: `enum:schema#${e.id}`,
  id: e.id,
  label: e.zh,
  values: e.values.map((v) => ({ id: v.id, label: v.zh })),
}));

/** The text of a declared type: money/month, an enum's name, … */
export function typeNodeText(t: TypeNode): string {
  if (t.k === 'money') return t.period === 'month' ? 'money/month' : t.period === 'year' ? 'money/year' : 'money';
  if (t.k === 'named') return t.name || '?';
  return t.k;
}

export function declKindWord(d: ValueDecl): string {
  if (d.kind === 'definition') return d.output ? 'output' : d.level;
  return d.kind;
}

export function enumValueSymbol(en: EnumSymbol, value: EnumValue): EnumValueSymbol {
  return { kind: 'enum-value', key: `${en.key}.${value.id}`, enum: en, value };
}

export class Scope {
  /** value declarations by id */
  readonly values = new Map<string, ValueSymbol>();
  /** value declarations by a Chinese label that is a valid name */
  readonly aliases = new Map<string, ValueSymbol>();
  /** enums by id and label */
  readonly enums = new Map<string, EnumSymbol>();
  readonly documents = new Map<string, DocumentSymbol>();
  /** the policy's region: its own header's, or the nearest base's */
  readonly region?: string;
  readonly policyId: string;

  /** `chain`: the policy file first, then the files it extends. */
  constructor(readonly chain: readonly SourceFile[]) {
    for (const e of SCHEMA_ENUMS) {
      this.enums.set(e.id, e);
      if (e.label) this.enums.set(e.label, e);
    }
    const ids = chain.map((f) => f.parsed.ast.header?.id.text || f.path.replace(/^.*\//, '').replace(/\.[^.]*$/, ''));
    this.policyId = ids[0] ?? '';
    const sites = new Map<string, ValueSite[]>();
    // Base-most first, as the checker composes: a derived declaration replaces the base's.
    for (let i = chain.length - 1; i >= 0; i--) {
      const file = chain[i]!;
      const policy = ids[i]!;
      const header = file.parsed.ast.header;
      for (const d of header?.documents ?? [])
        if (!this.documents.has(d.key.value))
          this.documents.set(d.key.value, { kind: 'document', key: `document:${file.path}#${d.key.value}`, id: d.key.value, title: d.title, file, span: d.key.span, policy });
      for (const d of file.parsed.ast.declarations) {
        if (!d.name.text) continue;
        if (d.kind === 'enum') {
          if (this.enums.has(d.name.text)) continue;
          const e: EnumSymbol = {
            kind: 'enum',
            key: `enum:${file.path}#${d.name.text}`,
            id: d.name.text,
            ...(d.label ? { label: d.label.value } : {}),
            values: d.values.filter((v) => v.name.text).map((v) => ({ id: v.name.text, ...(v.label ? { label: v.label } : {}), span: v.name.span })),
            site: { file, decl: d, policy },
          };
          this.enums.set(e.id, e);
          if (e.label && !this.enums.has(e.label)) this.enums.set(e.label, e);
          continue;
        }
        const list = sites.get(d.name.text);
        const site = { file, decl: d, policy };
        if (list) list.unshift(site);
        else {
          const fresh = [site];
          sites.set(d.name.text, fresh);
          this.values.set(d.name.text, { kind: 'value', key: `value:${file.path}#${d.name.text}`, id: d.name.text, sites: fresh });
        }
      }
    }
    this.region = chain.map((f) => f.parsed.ast.header?.region?.value).find((r) => r !== undefined);
    // Labels that are valid names are names too, unless something else has that name.
    for (const v of this.values.values()) {
      const label = v.sites[0]!.decl.label?.value;
      if (!label || label === v.id || !IDENT_ONLY.test(label)) continue;
      if (this.values.has(label) || this.aliases.has(label) || findField('household', label) || findField('person', label) || builtinNamed(label)) continue;
      this.aliases.set(label, v);
    }
  }

  value(name: string): ValueSymbol | undefined {
    return this.values.get(name) ?? this.aliases.get(name);
  }

  enumValue(en: EnumSymbol, name: string): EnumValueSymbol | undefined {
    const v = en.values.find((x) => x.id === name || x.label === name);
    return v && enumValueSymbol(en, v);
  }

  field(name: string, level: Level): FieldSymbol | undefined {
    const h = findField('household', name);
    const p = findField('person', name);
    const f = level === 'person' ? (p ?? h) : (h ?? p);
    return f && fieldSymbol(f);
  }

  /** The enum a declared type names, if it is one. */
  enumOfType(t: TypeNode | undefined): EnumSymbol | undefined {
    return t?.k === 'named' ? this.enums.get(t.name) : undefined;
  }

  /** The enum type of a symbol's values (a value of enum type, an enum-typed field, an enum value). */
  enumOf(sym: Sym | undefined): EnumSymbol | undefined {
    if (!sym) return undefined;
    if (sym.kind === 'value') return this.enumOfType(sym.sites[0]!.decl.type);
    if (sym.kind === 'field') return sym.field.type?.k === 'enum' ? this.enums.get(sym.field.type.name) : undefined;
    if (sym.kind === 'enum-value') return sym.enum;
    return undefined;
  }

  /**
   * What a bare name means where a value of `expected` enum type is wanted (if any), at `level`.
   * `guess` marks a name the checker would not accept there but that is a value of some enum.
   */
  resolve(name: string, level: Level, expected?: EnumSymbol): { sym: Sym; guess?: boolean } | undefined {
    const v = this.value(name);
    const ev = expected && this.enumValue(expected, name);
    if (ev) return { sym: ev };
    if (v) return { sym: v };
    const b = builtinNamed(name);
    if (b) return { sym: builtinSymbol(b) };
    const f = this.field(name, level);
    if (f) return { sym: f };
    for (const en of new Set(this.enums.values())) {
      const hit = this.enumValue(en, name);
      if (hit) return { sym: hit, guess: true };
    }
    return undefined;
  }

  /** Every distinct enum the policy sees (schema enums first). */
  allEnums(): EnumSymbol[] {
    return [...new Set(this.enums.values())];
  }

  /** Is `name` taken by anything a bare name could mean in this policy? */
  taken(name: string): string | undefined {
    const v = this.value(name);
    if (v) return `the ${declKindWord(v.sites[0]!.decl)} ${v.id}`;
    const b = builtinNamed(name);
    if (b) return `the built-in ${b.id}`;
    const f = findField('household', name) ?? findField('person', name);
    if (f) return `the schema field ${f.id} (${f.zh})`;
    return undefined;
  }
}
