/** TypeScript declarations for a compiled module: its inputs, outputs and entry points. */
import type * as I from '../ir/types.ts';
import { HOUSEHOLD_FIELDS, PERSON_FIELDS, enumSpec, type FieldSpec } from '../schema/index.ts';
import { commentText, jsonLiteral } from './names.ts';

function fieldType(f: FieldSpec): string {
  const t = f.type;
  if (!t) return 'string';
  switch (t.k) {
    case 'bool':
      return 'boolean';
    case 'enum':
      return enumSpec(t.name)!.values.map((v) => jsonLiteral(v.id)).join(' | ');
    case 'region':
      return 'string';
    default:
      return 'number';
  }
}

function outputType(d: I.DefinitionIR, ir: I.PolicyIR): string {
  const t = d.type;
  if (t.k === 'bool') return 'boolean';
  if (t.k === 'enum') return ir.enums.find((e) => e.id === t.name)!.values.map((v) => jsonLiteral(v.id)).join(' | ');
  if (t.k === 'date' || t.k === 'region') return 'number';
  return 'number';
}

const doc = (text: string): string => `  /** ${commentText(text).replace(/\*\//g, '* /')} */`;

export function emitDeclarations(ir: I.PolicyIR): string {
  const fields = (list: readonly FieldSpec[]) =>
    list.map((f) => [doc(`${f.zh}: ${f.doc}${f.type?.k === 'money' ? ' (yuan)' : ''}`), `  ${jsonLiteral(f.id)}${f.optional ? '?' : ''}: ${fieldType(f)};`].join('\n')).join('\n');
  const outs = ir.definitions
    .filter((d) => ir.outputs.includes(d.id))
    .map((d) => [doc(`${d.label ?? d.id}${d.type.k === 'money' ? ' (yuan)' : ''}`), `  ${jsonLiteral(d.id)}: ${outputType(d, ir)};`].join('\n'))
    .join('\n');
  const settable = ir.parameters.filter((p) => !p.hidden && !p.by).map((p) => `  ${jsonLiteral(p.id)}?: string | number | boolean;`).join('\n');
  return `// Types for the Doudi compiled policy ${commentText(ir.policy.id)}.

export interface Person {
${fields(PERSON_FIELDS.filter((f) => f.id !== 'household_id'))}
  household_id?: string;
}

export interface Household {
${fields(HOUSEHOLD_FIELDS)}
  members: Person[];
}

export interface Outputs {
${outs}
}

export interface Options {
  /** YYYY-MM-DD: the parameter values in force on this date are used */
  date: string;
  /** parameter and scenario input values, replacing the policy's for every date and region */
  sets?: {
${settable.replace(/^/gm, '  ')}
  };
}

type Column = Float64Array | Int32Array | Uint16Array | Uint8Array;

export interface Population {
  households: number;
  persons: number;
  /** persons of household h are memberStart[h] … memberStart[h + 1] - 1 */
  memberStart: Int32Array;
  household: Record<string, Column>;
  person: Record<string, Column>;
}

export interface Regions {
  codes: string[];
  slot: Uint16Array;
}

export interface Parameters {
  date: string;
  day: number;
  codes: string[];
  n: Record<string, Float64Array>;
  d: Record<string, Float64Array>;
}

export interface OutputColumns {
  /** 0, or i + 1 for a household whose evaluation failed at SITES[i] */
  errors: Uint16Array;
  /** one column per output; money in fen */
  columns: { [K in keyof Outputs]: Column };
}

export declare const policy: {
  id: string;
  label: string | null;
  region: string;
  effective: { from: string; to?: string };
  file: string;
  chain: { id: string; file: string }[];
  documents: { key: string; title: string; policy: string }[];
};
export declare const outputs: { id: keyof Outputs; label: string | null; type: string; column: 'f64' | 'i32' | 'u8'; values?: string[]; cite: string[] }[];
export declare const SITES: { kind: 'exception' | 'table' | 'overflow'; definition: string; message: string; file: string; line: number }[];

// A problem with a record or the options. field names the input: "vehicles", "members[1].age",
// "" for the record itself, "date", "sets.<id>", "options"; or it is "" with the definition that
// failed when the household is well formed but the policy cannot decide for it.
export interface Problem {
  field: string;
  reason: string;
  definition?: string;
}

export type Result = { outputs: Outputs } | { errors: Problem[] };

/** The problems of one household record (the schema's JSON form); none when it can be evaluated. */
export declare function validate(household: unknown): Problem[];
/** Evaluates one household; money in yuan. Never throws for bad input: { outputs } or { errors }. */
export declare function evaluateRecord(household: unknown, options: Options): Result;
/** Evaluates a list of households in one pass: one result per record, in order. Throws only if households is not a list. */
export declare function evaluateRecords(households: readonly unknown[], options: Options): Result[];
/** Evaluates one household; money in yuan. Throws an Error for bad input or a conflict. */
export declare function evaluate(household: Household, options: Options): { outputs: Outputs };
export declare function readHousehold(household: Household): Population;
export declare function regionsOf(pop: Population): Regions;
export declare function resolveParameters(options: Options, codes: string[]): Parameters;
export declare function allocateOutputs(n: number): OutputColumns;
/** Evaluates households [from, to); money outputs in fen. Returns how many households failed (see out.errors and SITES). */
export declare function evaluateBatch(pop: Population, regions: Regions, params: Parameters, out: OutputColumns, from?: number, to?: number): number;
`;
}
