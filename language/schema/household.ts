/**
 * Reading one household in the schema's JSON form ({…household fields, members: […]}) into the
 * normalised form every stage shares: money as integer fen, enums as their ids, regions as
 * 6-digit strings. Problems are returned as data naming the field; the caller adds file and row.
 */
import { parseDecimal, mul, rat, isInteger } from '../numbers/rational.ts';
import { HOUSEHOLD_FIELDS, PERSON_FIELDS, I32_MAX, MAX_MEMBERS, WEIGHT_DIGITS, enumSpec, defaultValue, defaultFor, type FieldSpec } from './fields.ts';

export type FieldValue = boolean | number | string;

export interface Person {
  readonly [field: string]: FieldValue;
}

export interface Household {
  readonly values: { readonly [field: string]: FieldValue };
  readonly members: readonly Person[];
}

export interface FieldProblem {
  /** e.g. "members[2].age" or "financial_assets" */
  readonly field: string;
  readonly message: string;
}

export interface ReadOptions {
  /** Fill missing fields with documented defaults (inline test households). */
  readonly lenient?: boolean;
  /** Region for lenient households that do not give one. */
  readonly defaultRegion?: string;
}

const MAX_SAFE_FEN = Number.MAX_SAFE_INTEGER;

/** Parses a money amount in yuan (number or numeric text) to integer fen. */
export function moneyToFen(raw: unknown): { fen?: number; error?: string } {
  let text: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { error: 'is not a finite number' };
    text = String(raw);
    if (/e/i.test(text)) return { error: `${text} is not a plain decimal amount` };
  } else if (typeof raw === 'string') {
    text = raw.trim();
  } else {
    return { error: `must be an amount in yuan, not ${describe(raw)}` };
  }
  const v = parseDecimal(text);
  if (!v) return { error: `"${String(raw)}" is not an amount in yuan` };
  const fen = mul(v, rat(100));
  if (!isInteger(fen)) return { error: `${text} has more than two decimals (money is exact to the fen)` };
  if (fen.n < 0n) return { error: `${text} is negative` };
  if (fen.n > BigInt(MAX_SAFE_FEN)) return { error: `${text} is too large` };
  return { fen: Number(fen.n) };
}

function describe(raw: unknown): string {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'a list';
  if (typeof raw === 'string') return `the text "${raw}"`;
  return typeof raw === 'object' ? 'an object' : String(raw);
}

/** Converts one raw value to the field's normalised value, or explains why it cannot. */
export function readFieldValue(f: FieldSpec, raw: unknown): { value?: FieldValue; error?: string } {
  if (f.type === undefined) {
    if (typeof raw === 'string' && raw.length > 0) return { value: raw };
    if (typeof raw === 'number' && Number.isInteger(raw)) return { value: String(raw) };
    return { error: `must be a non-empty text id, not ${describe(raw)}` };
  }
  const t = f.type;
  switch (t.k) {
    case 'bool':
      if (typeof raw === 'boolean') return { value: raw };
      if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
      return { error: `must be true or false, not ${describe(raw)}` };
    case 'integer':
    case 'months': {
      const n = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isInteger(n)) return { error: `must be a whole number, not ${describe(raw)}` };
      if (f.min !== undefined && n < f.min) return { error: `${n} is below the minimum ${f.min}` };
      if (f.max !== undefined && n > f.max) return { error: `${n} is above the maximum ${f.max}` };
      return { value: n };
    }
    case 'number': {
      // The weight, the only number field: a plain decimal, bounded (MAX_WEIGHT, WEIGHT_DIGITS), so
      // that totals stay finite and a file means the same number everywhere.
      const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : undefined;
      if (text === undefined || !/^-?\d+(?:\.\d+)?$/.test(text)) return { error: `must be a decimal number such as 48.25, not ${describe(raw)}` };
      const n = Number(text);
      if (f.min !== undefined && n < f.min) return { error: `${text} is below the minimum ${f.min}` };
      if (f.max !== undefined && n > f.max) return { error: `${text} is above the maximum ${f.max}` };
      if (text.replace(/[-.]/g, '').replace(/^0+/, '').length > WEIGHT_DIGITS) return { error: `${text} has more than ${WEIGHT_DIGITS} significant digits` };
      return { value: n };
    }
    case 'money': {
      const r = moneyToFen(raw);
      if (r.error) return { error: r.error };
      if (f.column === 'i32' && r.fen! > I32_MAX) return { error: `${String(raw)} is above the largest amount this field holds (21474836.47)` };
      return { value: r.fen! };
    }
    case 'enum': {
      const spec = enumSpec(t.name)!;
      const v = spec.values.find((x) => x.id === raw || x.zh === raw);
      if (v) return { value: v.id };
      return { error: `${describe(raw)} is not one of ${spec.values.map((x) => x.id).join(', ')}` };
    }
    case 'region': {
      const s = typeof raw === 'number' ? String(raw) : raw;
      if (typeof s === 'string' && /^\d{6}$/.test(s)) return { value: s };
      return { error: `must be a 6-digit region code, not ${describe(raw)}` };
    }
    default:
      return { error: 'has a type no household field has' };
  }
}

function readRecord(
  raw: Record<string, unknown>,
  fields: readonly FieldSpec[],
  prefix: string,
  skip: ReadonlySet<string>,
  opts: ReadOptions,
  problems: FieldProblem[],
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  const seen = new Map<string, string>();
  for (const key of Object.keys(raw)) {
    if (skip.has(key)) continue;
    const f = fields.find((x) => x.id === key || x.zh === key);
    if (!f) {
      problems.push({ field: prefix + key, message: `unknown field "${key}"` });
      continue;
    }
    const earlier = seen.get(f.id);
    if (earlier !== undefined) {
      problems.push({ field: prefix + key, message: `gives ${f.id} twice (also as "${earlier}")` });
      continue;
    }
    seen.set(f.id, key);
    const r = readFieldValue(f, raw[key]);
    if (r.error !== undefined) problems.push({ field: prefix + f.id, message: r.error });
    else out[f.id] = r.value!;
  }
  for (const f of fields) {
    if (f.id in out || seen.has(f.id) || skip.has(f.id) || f.optional) continue;
    if (opts.lenient) out[f.id] = f.id === 'region' && opts.defaultRegion ? opts.defaultRegion : (defaultValue(f) as FieldValue);
    else problems.push({ field: prefix + f.id, message: 'is missing' });
  }
  fillOptional(fields, out);
  return out;
}

/**
 * Gives the optional (schema version 2) fields a record leaves out their documented defaults, in
 * place. A default may follow another field of the record (hukou_area follows area), so this runs
 * once the record's own fields are read.
 */
export function fillOptional(fields: readonly FieldSpec[], record: Record<string, FieldValue>): void {
  for (const f of fields) if (f.optional && !(f.id in record)) record[f.id] = defaultFor(f, record) as FieldValue;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Reads one household object. Returns the household only when there are no problems. */
export function readHousehold(raw: unknown, opts: ReadOptions = {}): { household?: Household; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (!isObject(raw)) return { problems: [{ field: '', message: `a household must be a JSON object, not ${describe(raw)}` }] };
  const values = readRecord(raw, HOUSEHOLD_FIELDS, '', new Set(['members', '成员']), opts, problems);
  if (opts.lenient && values.household_id === '') values.household_id = 'test';
  const rawMembers = raw.members ?? raw['成员'];
  const members: Person[] = [];
  if (rawMembers === undefined) {
    if (!opts.lenient) problems.push({ field: 'members', message: 'is missing (use [] for a household with no members)' });
  } else if (!Array.isArray(rawMembers)) {
    problems.push({ field: 'members', message: `must be a list of persons, not ${describe(rawMembers)}` });
  } else if (rawMembers.length > MAX_MEMBERS) {
    problems.push({ field: 'members', message: `has ${rawMembers.length} persons; a household has at most ${MAX_MEMBERS}` });
  } else {
    rawMembers.forEach((m, i) => {
      const prefix = `members[${i}].`;
      if (!isObject(m)) {
        problems.push({ field: `members[${i}]`, message: `must be a person object, not ${describe(m)}` });
        return;
      }
      const skip = new Set<string>();
      // A member inside its household need not repeat the household id.
      if (!('household_id' in m) && !('家庭编号' in m)) skip.add('household_id');
      const p = readRecord(m, PERSON_FIELDS, prefix, skip, opts, problems);
      if (!('household_id' in p)) p.household_id = values.household_id ?? '';
      else if (values.household_id !== undefined && p.household_id !== values.household_id)
        problems.push({ field: prefix + 'household_id', message: `is ${String(p.household_id)} but the household is ${String(values.household_id)}` });
      if (opts.lenient && (p.person_id === '' || p.person_id === undefined)) p.person_id = `${String(values.household_id)}-${i + 1}`;
      members.push(p);
    });
  }
  return problems.length ? { problems } : { household: { values, members }, problems };
}
