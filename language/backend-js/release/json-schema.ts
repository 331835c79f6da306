/**
 * The household input of a compiled module as a JSON Schema (draft 2020-12), made from the
 * population schema's field table (language/schema/fields.ts, schema version 2): what the module's
 * validate() accepts, for services that check requests before they reach it. A field may be
 * given by its id or by its Chinese name, not both; optional fields say their default.
 */
import { HOUSEHOLD_FIELDS, PERSON_FIELDS, MAX_MEMBERS, I32_MAX, enumSpec, type FieldSpec } from '../../schema/index.ts';
import type * as I from '../../ir/types.ts';

type Json = { [key: string]: unknown };

const DECIMAL_TEXT = '^\\s*\\d+(\\.\\d{1,2})?\\s*$';

function fieldSchema(f: FieldSpec): Json {
  const t = f.type;
  const doc = `${f.zh}${f.doc ? `: ${f.doc}` : ''}`;
  if (!t) return { description: `${doc} (not read by the rules)`, anyOf: [{ type: 'string', minLength: 1 }, { type: 'integer' }] };
  switch (t.k) {
    case 'bool':
      return { description: doc, anyOf: [{ type: 'boolean' }, { enum: ['true', 'false'] }] };
    case 'enum': {
      const spec = enumSpec(t.name)!;
      return { description: `${doc} (${spec.values.map((v) => `${v.id} ${v.zh}`).join(', ')})`, enum: spec.values.flatMap((v) => [v.id, v.zh]) };
    }
    case 'region':
      return { description: doc, anyOf: [{ type: 'string', pattern: '^\\d{6}$' }, { type: 'integer', minimum: 100000, maximum: 999999 }] };
    case 'money': {
      const max = f.column === 'i32' ? I32_MAX / 100 : undefined;
      const period = t.period === 'month' ? ' per month' : t.period === 'year' ? ' per year' : '';
      return {
        description: `${doc} — yuan${period}, at most two decimals`,
        anyOf: [{ type: 'number', minimum: 0, ...(max !== undefined ? { maximum: max } : {}) }, { type: 'string', pattern: DECIMAL_TEXT }],
      };
    }
    case 'number':
      return { description: doc, anyOf: [{ type: 'number', ...bounds(f) }, { type: 'string', pattern: '^\\s*-?\\d+(\\.\\d+)?\\s*$' }] };
    default:
      return { description: doc, anyOf: [{ type: 'integer', ...bounds(f) }, { type: 'string', pattern: '^\\s*-?\\d+\\s*$' }] };
  }
}

const bounds = (f: FieldSpec): Json => ({ ...(f.min !== undefined ? { minimum: f.min } : {}), ...(f.max !== undefined ? { maximum: f.max } : {}) });

function optionalNote(f: FieldSpec): string {
  const d = f.optional!;
  if ('value' in d) return `optional; default ${JSON.stringify(d.value)}`;
  if ('same' in d) return `optional; default: the value of ${d.same}`;
  return `optional; default: ${JSON.stringify(d.then)} when ${d.when} is true, else ${JSON.stringify(d.else)}`;
}

/**
 * One record's object schema: every field under its id and its Chinese name; each required field
 * given once by either name (anyOf of required), no field by both (not of required), nothing else.
 */
function recordSchema(fields: readonly FieldSpec[], title: string, extra: Record<string, Json> = {}, requiredExtra: string[] = []): Json {
  const properties: Record<string, Json> = {};
  const allOf: Json[] = [];
  for (const f of fields) {
    const s = fieldSchema(f);
    if (f.optional) s.description = `${String(s.description)} (${optionalNote(f)})`;
    properties[f.id] = s;
    properties[f.zh] = { $ref: `#/$defs/${title}/properties/${f.id}` };
    if (f.type && !f.optional) allOf.push({ anyOf: [{ required: [f.id] }, { required: [f.zh] }] });
    allOf.push({ not: { required: [f.id, f.zh] } });
  }
  return { type: 'object', properties: { ...properties, ...extra }, ...(requiredExtra.length ? { required: requiredExtra } : {}), allOf, additionalProperties: false };
}

/** The JSON Schema of the household input of `ir`'s compiled module. */
export function householdSchema(ir: I.PolicyIR): Json {
  const person = recordSchema(PERSON_FIELDS, 'person');
  const members = { type: 'array', maxItems: MAX_MEMBERS, items: { $ref: '#/$defs/person' }, description: '成员: the persons of the household' };
  const household = recordSchema(HOUSEHOLD_FIELDS, 'household', { members, 成员: { $ref: '#/$defs/household/properties/members' } });
  // The household's members are given once, under either name.
  (household.allOf as Json[]).push({ anyOf: [{ required: ['members'] }, { required: ['成员'] }] }, { not: { required: ['members', '成员'] } });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `Household (家庭) — the input of the compiled policy ${ir.policy.id}`,
    description:
      'One household in the population schema\'s JSON form (schema version 2): money in yuan with at most two decimals, fields by id or by Chinese name. The module\'s validate() checks the same and more (exact decimals, a member\'s household_id).',
    $ref: '#/$defs/household',
    $defs: { household, person },
  };
}
