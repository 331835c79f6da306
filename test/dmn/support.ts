/**
 * Test vocabulary for DMN import: a small DMN model written from a compact description, and an
 * imported policy evaluated by the interpreter and by the compiled module (which must agree).
 */
import { expect } from 'vitest';
import {
  checkPolicy,
  mapHost,
  evaluateHousehold,
  parseSetting,
  readHousehold,
  emitModule,
  instantiate,
  scalarEquals,
  rational as Q,
  LANGUAGE_VERSION,
  type PolicyIR,
  type Scalar,
} from '../../language/index.ts';
import { importDmn, formatProblem, type DmnImport, type ImportOptions } from '../../language/dmn/index.ts';

export interface TableSpec {
  readonly name: string;
  readonly hit?: string;
  readonly aggregation?: string;
  /** input expressions, with an optional typeRef and inputValues */
  readonly inputs: readonly (string | { readonly text: string; readonly typeRef?: string; readonly values?: string })[];
  readonly outputs?: readonly { readonly name?: string; readonly typeRef?: string; readonly values?: string; readonly default?: string }[];
  readonly typeRef?: string;
  /** [input entries, output entries] per rule */
  readonly rules: readonly (readonly [readonly string[], readonly string[]])[];
}

export interface ModelSpec {
  readonly name?: string;
  readonly inputs: readonly (readonly [string, string | undefined])[];
  readonly decisions: readonly (TableSpec | { readonly name: string; readonly literal: string })[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A DMN 1.5 model; ids: input data i1…, decisions d1…, tables t1…, rules d1-r1…, entries d1-r1-i1 / d1-r1-o1. */
export function dmn(spec: ModelSpec): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="m1" name="${esc(spec.name ?? 'test model')}" namespace="urn:test">`];
  spec.decisions.forEach((d, k) => {
    const id = `d${k + 1}`;
    out.push(`  <decision id="${id}" name="${esc(d.name)}">`);
    if ('literal' in d) {
      out.push(`    <literalExpression><text>${esc(d.literal)}</text></literalExpression>`, '  </decision>');
      return;
    }
    out.push(`    <variable name="${esc(d.name)}"${d.typeRef ? ` typeRef="${d.typeRef}"` : ''}/>`);
    out.push(`    <decisionTable id="t${k + 1}" hitPolicy="${d.hit ?? 'UNIQUE'}"${d.aggregation ? ` aggregation="${d.aggregation}"` : ''}>`);
    d.inputs.forEach((i, n) => {
      const x = typeof i === 'string' ? { text: i } : i;
      out.push(`      <input id="${id}-in${n + 1}"><inputExpression${x.typeRef ? ` typeRef="${x.typeRef}"` : ''}><text>${esc(x.text)}</text></inputExpression>${x.values ? `<inputValues><text>${esc(x.values)}</text></inputValues>` : ''}</input>`);
    });
    for (const [n, o] of (d.outputs ?? [{}]).entries()) {
      const inner = `${o.values ? `<outputValues><text>${esc(o.values)}</text></outputValues>` : ''}${o.default ? `<defaultOutputEntry><text>${esc(o.default)}</text></defaultOutputEntry>` : ''}`;
      out.push(`      <output id="${id}-out${n + 1}"${o.name ? ` name="${esc(o.name)}"` : ''}${o.typeRef ? ` typeRef="${o.typeRef}"` : ''}>${inner}</output>`);
    }
    d.rules.forEach(([ins, outs], r) => {
      const rid = `${id}-r${r + 1}`;
      out.push(`      <rule id="${rid}">`);
      ins.forEach((t, n) => out.push(`        <inputEntry id="${rid}-i${n + 1}"><text>${esc(t)}</text></inputEntry>`));
      outs.forEach((t, n) => out.push(`        <outputEntry id="${rid}-o${n + 1}"><text>${esc(t)}</text></outputEntry>`));
      out.push('      </rule>');
    });
    out.push('    </decisionTable>', '  </decision>');
  });
  spec.inputs.forEach(([name, typeRef], k) => out.push(`  <inputData id="i${k + 1}" name="${esc(name)}"><variable name="${esc(name)}"${typeRef ? ` typeRef="${typeRef}"` : ''}/></inputData>`));
  out.push('</definitions>');
  return out.join('\n');
}

/** Imports a model and checks the text it gives (which must check cleanly whenever there is one). */
export function imported(spec: ModelSpec | string, options: ImportOptions = {}): DmnImport & { ir?: PolicyIR } {
  const r = importDmn(typeof spec === 'string' ? spec : dmn(spec), { file: 'test.dmn', ...options });
  if (r.text === undefined) return r;
  const c = checkPolicy('test.doudi', mapHost({ 'test.doudi': r.text }));
  if (!c.ir) expect.fail(`the imported policy does not check:\n${c.diagnostics.map((d) => `${d.range.start.line}: ${d.message}`).join('\n')}\n${r.text}`);
  return { ...r, ir: c.ir };
}

export const problems = (r: DmnImport): string[] => r.problems.map((p) => formatProblem(p, 'test.dmn'));
export const codesOf = (r: DmnImport, severity = 'error'): string[] => r.problems.filter((p) => p.severity === severity).map((p) => p.code);

/** A household without members, every field at a neutral value: imported policies read inputs, not households. */
export const EMPTY_HOUSEHOLD = {
  household_id: 'DMN-1',
  weight: 1,
  region: '100000',
  area: 'urban',
  hukou_local: true,
  residence_permit: false,
  financial_assets: 0,
  vehicles: 0,
  houses: 0,
  medical_costs: 0,
  education_costs: 0,
  emergency_cost: 0,
  dibao_last_month: false,
  last_benefit: 0,
  grace_months_used: 0,
  members: [] as unknown[],
};

/** The policy's outputs for these settings (Doudi names → text values), by the interpreter and the compiled module, which must agree. */
export function run(ir: PolicyIR, sets: Readonly<Record<string, string>>): Record<string, string> {
  const exact: Record<string, Scalar> = {};
  for (const [k, v] of Object.entries(sets)) exact[k] = parseSetting(ir.parameters.find((p) => p.id === k)!, v, ir.enums);
  const hh = readHousehold(EMPTY_HOUSEHOLD).household!;
  const interpreted = evaluateHousehold(ir, hh, { date: '2024-01-01', sets: exact }).values;
  const compiled = instantiate(emitModule(ir, { version: LANGUAGE_VERSION })).evaluate(structuredClone(EMPTY_HOUSEHOLD), { date: '2024-01-01', sets: { ...sets } }).outputs;
  const out: Record<string, string> = {};
  for (const [id, v] of Object.entries(interpreted)) {
    const text = typeof v === 'object' ? Q.toText(v) : String(v);
    const c = compiled[id];
    const ctext = typeof c === 'number' ? Q.toText(Q.fromDecimalNumber(c)) : String(c);
    expect(ctext, `${id}: compiled ${ctext}, interpreted ${text}`).toBe(text);
    out[id] = text;
  }
  return out;
}

export { scalarEquals };
