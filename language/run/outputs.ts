/**
 * A compiled module's output columns read back, in one place: as JSON values (money in yuan, an
 * enum by its value id, yes/no as a boolean), and exactly (money as fen / 100), for the agreement
 * of compiled code with the interpreter.
 */
import type { CompiledPolicy, OutputColumns } from '../backend-js/index.ts';
import * as Q from '../numbers/rational.ts';

export type OutputValue = number | string | boolean;

type OutputSpec = CompiledPolicy['outputs'][number];

/** One output of household `h` as a JSON value. */
export function decodeOutput(o: OutputSpec, v: number): OutputValue {
  if (o.values) return o.values[v]!;
  if (o.type === 'bool') return v === 1;
  // fen / 100 is the float nearest the exact yuan amount, so it prints as that decimal.
  return o.type.startsWith('money') ? v / 100 : v;
}

/** The outputs of household `h` of a batch (evaluateBatch), by output id. */
export function decodeOutputs(m: Pick<CompiledPolicy, 'outputs'>, out: OutputColumns, h: number): Record<string, OutputValue> {
  const values: Record<string, OutputValue> = {};
  for (const o of m.outputs) values[o.id] = decodeOutput(o, out.columns[o.id]![h]!);
  return values;
}

/**
 * The outputs of household `h` exactly where compiled code holds them exactly: money (fen / 100),
 * integers and months as rationals, enums and yes/no as they are. Rates and plain numbers are held
 * as the nearest float and stay numbers.
 */
export function exactOutputs(m: Pick<CompiledPolicy, 'outputs'>, out: OutputColumns, h: number): Record<string, Q.Rational | OutputValue> {
  const values: Record<string, Q.Rational | OutputValue> = {};
  for (const o of m.outputs) {
    const v = out.columns[o.id]![h]!;
    values[o.id] = o.values || o.type === 'bool' ? decodeOutput(o, v) : o.type.startsWith('money') ? Q.rat(v, 100) : o.type === 'integer' || o.type === 'months' ? Q.rat(v) : v;
  }
  return values;
}
