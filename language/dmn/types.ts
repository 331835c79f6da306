/**
 * DMN types as the importer maps them: FEEL's string, number, boolean and date (directly, with
 * an `xsd:`/`feel:` prefix, or through an item definition, whose allowed values close a text
 * type). Structures, collections, times and durations have no Doudi counterpart and are named.
 */
import type { ItemDefinition } from './model.ts';
import { isFeelError, parseValueList, type FeelError, type Literal } from './feel.ts';

export type Kind = 'string' | 'number' | 'boolean' | 'date';

export interface Resolved {
  readonly kind: Kind;
  /** the allowed values of an item definition that lists them */
  readonly allowed?: readonly Literal[];
}

const BUILT_IN: Record<string, Kind> = {
  string: 'string',
  number: 'number',
  decimal: 'number',
  integer: 'number',
  int: 'number',
  long: 'number',
  double: 'number',
  boolean: 'boolean',
  date: 'date',
};

/** A typeRef as a kind; undefined when there is none (or it is `Any`): the kind comes from the values. */
export function resolveType(typeRef: string | undefined, items: ReadonlyMap<string, ItemDefinition>, seen: Set<string> = new Set()): Resolved | FeelError | undefined {
  if (!typeRef) return undefined;
  const plain = typeRef.replace(/^(feel|xsd|xs):/, '');
  if (plain === 'Any' || plain === 'any') return undefined;
  const kind = BUILT_IN[plain];
  if (kind) return { kind };
  const item = items.get(typeRef) ?? items.get(plain);
  if (!item) return { error: `the type ${typeRef}: not a FEEL type the importer maps (string, number, boolean, date) nor an item definition of the model` };
  if (seen.has(item.name)) return { error: `the item definition ${item.name} refers to itself` };
  seen.add(item.name);
  if (item.collection) return { error: `the type ${item.name} is a collection (a list): Doudi values are one value each` };
  if (item.structured) return { error: `the type ${item.name} is a structure of components: import its components as separate inputs` };
  const base = resolveType(item.typeRef, items, seen);
  if (!base || isFeelError(base)) return base ?? { error: `the item definition ${item.name} gives no type` };
  if (item.allowedValues === undefined || base.kind !== 'string') return base;
  const allowed = parseValueList(item.allowedValues);
  if (isFeelError(allowed)) return { error: `the allowed values of ${item.name}: ${allowed.error}` };
  return allowed ? { kind: base.kind, allowed } : base;
}

/** The kind of a literal. */
export const kindOfLiteral = (v: Literal): Kind => (v.k === 'bool' ? 'boolean' : v.k);
