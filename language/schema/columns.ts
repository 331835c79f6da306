/**
 * A population as typed-array columns (structure of arrays): one array per household field and
 * one per person field, persons of household h at memberStart[h] … memberStart[h+1]-1.
 * Money is stored as integer fen; enums as their index in the schema's value list; bools as 0/1;
 * regions as the 6-digit code. This is the input of every compiled batch function.
 */
import { HOUSEHOLD_FIELDS, PERSON_FIELDS, enumSpec, type ColumnKind, type FieldSpec } from './fields.ts';
import type { Household } from './household.ts';

export type Column = Float64Array | Int32Array | Uint16Array | Uint8Array;

export interface PopulationColumns {
  readonly households: number;
  readonly persons: number;
  /** length households + 1 */
  readonly memberStart: Int32Array;
  readonly household: { readonly [field: string]: Column };
  readonly person: { readonly [field: string]: Column };
}

export const stored = (f: FieldSpec): boolean => f.column !== undefined;

export function allocColumn(kind: ColumnKind, length: number): Column {
  switch (kind) {
    case 'f64':
      return new Float64Array(length);
    case 'i32':
      return new Int32Array(length);
    case 'u16':
      return new Uint16Array(length);
    case 'u8':
      return new Uint8Array(length);
  }
}

/** The stored code of a normalised field value. */
export function encodeValue(f: FieldSpec, v: unknown): number {
  const t = f.type!;
  switch (t.k) {
    case 'bool':
      return v ? 1 : 0;
    case 'enum':
      return enumSpec(t.name)!.values.findIndex((x) => x.id === v);
    case 'region':
      return Number(v);
    default:
      return v as number;
  }
}

export function decodeValue(f: FieldSpec, code: number): boolean | number | string {
  const t = f.type!;
  switch (t.k) {
    case 'bool':
      return code !== 0;
    case 'enum':
      return enumSpec(t.name)!.values[code]!.id;
    case 'region':
      return String(code).padStart(6, '0');
    default:
      return code;
  }
}

export function allocPopulation(households: number, persons: number): PopulationColumns {
  const household: Record<string, Column> = {};
  const person: Record<string, Column> = {};
  for (const f of HOUSEHOLD_FIELDS) if (stored(f)) household[f.id] = allocColumn(f.column!, households);
  for (const f of PERSON_FIELDS) if (stored(f)) person[f.id] = allocColumn(f.column!, persons);
  return { households, persons, memberStart: new Int32Array(households + 1), household, person };
}

/** Columns for a list of normalised households (tests, the CLI, single evaluations). */
export function toColumns(list: readonly Household[]): PopulationColumns {
  const persons = list.reduce((s, h) => s + h.members.length, 0);
  const pop = allocPopulation(list.length, persons);
  const start = pop.memberStart;
  let p = 0;
  list.forEach((h, i) => {
    start[i] = p;
    for (const f of HOUSEHOLD_FIELDS) if (stored(f)) pop.household[f.id]![i] = encodeValue(f, h.values[f.id]);
    for (const m of h.members) {
      for (const f of PERSON_FIELDS) if (stored(f)) pop.person[f.id]![p] = encodeValue(f, m[f.id]);
      p++;
    }
  });
  start[list.length] = p;
  return pop;
}
