/**
 * Turning a compiled module's source into callable functions, in Node, a browser or a worker,
 * without a bundler: the module's top-level exports become the properties of one object.
 */
import type { PopulationColumns } from '../schema/index.ts';

export interface CompiledParameters {
  readonly date: string;
  readonly day: number;
  readonly codes: readonly string[];
  readonly n: Readonly<Record<string, Float64Array>>;
  readonly d: Readonly<Record<string, Float64Array>>;
}

export interface CompiledRegions {
  readonly codes: string[];
  readonly slot: Uint16Array;
}

export interface OutputColumns {
  /** 0, or i + 1 for a household whose evaluation failed at SITES[i] */
  readonly errors: Uint16Array;
  /** one column per output; money in fen */
  readonly columns: Readonly<Record<string, Float64Array | Int32Array | Uint8Array>>;
}

/** A problem with a record or the options: field names the input ("members[1].age", "date", "sets.cpi_yoy"), or is "" when the policy cannot decide (definition says where). */
export interface RecordProblem {
  readonly field: string;
  readonly reason: string;
  readonly definition?: string;
}

export type RecordResult = { readonly outputs: Record<string, number | boolean | string> } | { readonly errors: readonly RecordProblem[] };

export interface CompiledPolicy {
  readonly policy: { id: string; label: string | null; region: string; effective: { from: string; to?: string }; file: string };
  readonly outputs: readonly { id: string; label: string | null; type: string; column: 'f64' | 'i32' | 'u8'; values?: string[]; cite: string[] }[];
  readonly SITES: readonly { kind: string; definition: string; message: string; file: string; line: number }[];
  evaluate(household: unknown, options: { date: string; sets?: Record<string, string | number | boolean> }): { outputs: Record<string, number | boolean | string> };
  readHousehold(household: unknown): PopulationColumns;
  /** the problems of one household record; none when it can be evaluated */
  validate(household: unknown): RecordProblem[];
  /** never throws for bad input: { outputs } or { errors } */
  evaluateRecord(household: unknown, options: { date: string; sets?: Record<string, string | number | boolean> }): RecordResult;
  evaluateRecords(households: readonly unknown[], options: { date: string; sets?: Record<string, string | number | boolean> }): RecordResult[];
  regionsOf(pop: PopulationColumns): CompiledRegions;
  resolveParameters(options: { date: string; sets?: Record<string, string | number | boolean> }, codes: readonly string[]): CompiledParameters;
  allocateOutputs(n: number): OutputColumns;
  evaluateBatch(pop: PopulationColumns, regions: CompiledRegions, params: CompiledParameters, out: OutputColumns, from?: number, to?: number): number;
}

const EXPORTS = ['policy', 'outputs', 'SITES', 'evaluate', 'evaluateRecord', 'evaluateRecords', 'validate', 'readHousehold', 'regionsOf', 'resolveParameters', 'allocateOutputs', 'evaluateBatch'];

/**
 * Instantiates a module emitted by emitModule. Only its own top-level `export` lines are rewritten;
 * everything that came from a policy sits inside JSON literals or one-line comments.
 */
export function instantiate(source: string): CompiledPolicy {
  const body = source.replace(/^export (const|function) /gm, '$1 ');
  return new Function(`"use strict";\n${body}\nreturn { ${EXPORTS.join(', ')} };`)() as CompiledPolicy;
}
