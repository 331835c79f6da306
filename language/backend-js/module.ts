/**
 * The compiled module: one standalone ES module per policy, readable, with no dependency on Doudi.
 * It exports the policy's metadata, parameter resolution for a date and a set of regions, a batch
 * entry point over a population held as typed-array columns, and a single-household entry point.
 *
 * This file assembles the parts: metadata, the error sites, parameter data (params.ts), the schema's
 * field table, the runtime text (runtime/) and the batch function (schedule.ts → batch.ts).
 */
import type * as I from '../ir/types.ts';
import { reachableDefinitions } from '../ir/walk.ts';
import { HOUSEHOLD_FIELDS, PERSON_FIELDS, MAX_MEMBERS, WEIGHT_DIGITS, enumSpec, encodeValue, type FieldSpec } from '../schema/index.ts';
import { citeText } from '../checker/cites.ts';
import { jsonLiteral, commentText } from './names.ts';
import { moduleContext, typeName, type EmitOptions } from './context.ts';
import { inlined, schedule } from './schedule.ts';
import { encodeParameters } from './params.ts';
import { BatchEmitter, outKind } from './batch.ts';
import { RUNTIME_SOURCE, MODULE_RUNTIME } from './runtime/index.ts';

export { CompileLimit, type EmitOptions } from './context.ts';

/** An optional field's default as the module's runtime reads it: encoded as its column stores it. */
function optionalDefault(f: FieldSpec): (string | number)[] | null {
  const d = f.optional;
  if (!d) return null;
  if ('value' in d) return ['value', encodeValue(f, d.value)];
  if ('same' in d) return ['same', d.same];
  return ['when', d.when, encodeValue(f, d.then), encodeValue(f, d.else)];
}

/** The schema's fields as the runtime reads them: [id, 中文, type, column, enum values (id, 中文 …), min, max, default]. */
function fieldMeta(level: 'household' | 'person'): unknown[] {
  return (level === 'household' ? HOUSEHOLD_FIELDS : PERSON_FIELDS).map((f) => [
    f.id,
    f.zh,
    f.type ? typeName(f.type) : 'id',
    f.column ?? null,
    f.type?.k === 'enum' ? enumSpec(f.type.name)!.values.flatMap((v) => [v.id, v.zh]) : null,
    f.min ?? null,
    f.max ?? null,
    optionalDefault(f),
  ]);
}

export function emitModule(ir: I.PolicyIR, opts: EmitOptions): string {
  const ctx = moduleContext(ir);
  const reachable = reachableDefinitions(ir, ir.outputs);
  const inline = inlined(reachable);
  const steps = schedule(reachable, ctx.regional, inline);
  const params = encodeParameters(ctx);
  const isOutput = new Set(ir.outputs);
  const outputs = ir.definitions.filter((d) => isOutput.has(d.id));
  const batch = new BatchEmitter(ctx, reachable, inline, steps).emit(outputs);

  const meta = {
    id: ir.policy.id,
    label: ir.policy.label ?? null,
    region: ir.policy.region,
    effective: ir.policy.effective,
    file: ir.policy.file,
    chain: ir.policy.chain,
    documents: ir.documents,
  };
  const outputMeta = outputs.map((d) => ({
    id: d.id,
    label: d.label ?? null,
    type: typeName(d.type),
    column: outKind(d),
    ...(d.type.k === 'enum' ? { values: ctx.enumIndex.get(d.type.name)!.values.map((v) => v.id) } : {}),
    cite: d.cite.map(citeText),
  }));
  const cites = ir.documents.map((d) => `//   ${commentText(`${d.key}: ${d.title}`)}`);
  return [
    `// Doudi compiled policy: ${commentText(ir.policy.id)}${ir.policy.label ? ` — ${commentText(ir.policy.label)}` : ''}`,
    `// Compiled from ${commentText(ir.policy.file)} by doudi ${commentText(opts.version)}. Do not edit: edit the policy and compile again.`,
    '// Money is in fen inside this module and in yuan at evaluate(); every number is an exact fraction.',
    '// Sources:',
    ...cites,
    '',
    `export const policy = ${jsonLiteral(meta)};`,
    '',
    `export const outputs = ${jsonLiteral(outputMeta)};`,
    '',
    '/** Error sites: out.errors[h] = i + 1 for SITES[i]. */',
    `export const SITES = ${jsonLiteral(ctx.sites)};`,
    '',
    `const PARAMS = ${jsonLiteral(params.data)};`,
    '',
    `const FIELDS = { household: ${jsonLiteral(fieldMeta('household'))}, person: ${jsonLiteral(fieldMeta('person'))} };`,
    `const SCHEMA = ${jsonLiteral({ maxMembers: MAX_MEMBERS, weightDigits: WEIGHT_DIGITS })};`,
    '',
    `const FORMULAS = [${params.formulas.join(',\n')}];`,
    '',
    RUNTIME_SOURCE,
    '',
    MODULE_RUNTIME,
    '',
    ...batch,
    '',
  ].join('\n');
}
