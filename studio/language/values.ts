/**
 * A parameter's value on a date and in a region, computed by the reference interpreter exactly as
 * a run would: the most specific region block, the last value from on or before the date, and a
 * formula evaluated over the other parameters.
 */
import {
  citeText,
  evaluateHousehold,
  EvalError,
  inForce,
  regionValues,
  type DefinitionIR,
  type PolicyIR,
  type Scalar,
} from '../../language/index.ts';
import { showValue } from './text.ts';

export type ParameterOnDate =
  | {
      readonly ok: true;
      /** the value as text: ¥1595, 3.5%, or one entry per enum value of an indexed parameter */
      readonly text: string;
      /** the date of the value line in force (parameters only) */
      readonly from?: string;
      /** which region block it came from, in words ("in region 440100"), or "" */
      readonly where: string;
      readonly cite: readonly string[];
    }
  | { readonly ok: false; readonly error: string };

const PROBE = '\u0000value';

export function parameterOnDate(ir: PolicyIR, id: string, date: string, region: string): ParameterOnDate {
  const p = ir.parameters.find((x) => x.id === id && !x.hidden);
  if (!p) return { ok: false, error: `${id} is not a parameter of ${ir.policy.id}` };
  // One output that reads the parameter: the interpreter resolves it as any rule reading it would.
  const probe: DefinitionIR = {
    id: PROBE,
    level: 'household',
    type: p.type,
    output: true,
    expr: { k: 'param', t: p.type, id },
    exceptions: [],
    cite: [],
    origin: p.origin,
    hidden: false,
    exact: true,
  };
  let value: Scalar | readonly Scalar[];
  try {
    const r = evaluateHousehold({ ...ir, definitions: [probe], outputs: [PROBE], tests: [] }, { values: { region }, members: [] }, { date });
    value = r.values[PROBE] as Scalar | readonly Scalar[];
  } catch (e) {
    if (e instanceof EvalError) return { ok: false, error: e.message };
    throw e;
  }
  const enumLabel = (enumId: string) => (v: string) => ir.enums.find((x) => x.id === enumId)?.values.find((x) => x.id === v)?.label;
  const one = (v: Scalar) => showValue(v, p.type, p.type.k === 'enum' ? enumLabel(p.type.name) : undefined);
  let text: string;
  if (Array.isArray(value)) {
    const keys = ir.enums.find((x) => x.id === p.by)?.values ?? [];
    const shown = (value as readonly Scalar[]).map(one);
    text = shown.every((s) => s === shown[0]) && keys.length > 1 ? `${shown[0]} (every ${p.by})` : keys.map((k, i) => `${k.id} ${shown[i]}`).join(', ');
  } else text = one(value as Scalar);
  if (p.kind === 'input') return { ok: true, text, where: '', cite: [] };
  const block = regionValues(p, region);
  const line = inForce(block.values, date);
  return { ok: true, text, ...(line ? { from: line.from } : {}), where: block.where, cite: (line?.cite ?? []).map(citeText) };
}
