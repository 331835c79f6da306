/**
 * Populations written as the schema's files, in pieces: a generator yields text of about `size`
 * characters at a time, so a writer never holds a whole file (a 20-million-household JSON Lines
 * file is some 38 GB). The CLI writes the pieces to disk as they come (cli/files/); small
 * populations can be joined into one string (toCsv, toJsonl).
 *
 * Money is written in yuan (at most two decimals), enums by id, bools as true/false, regions as 6
 * digits, weights as plain decimals in their shortest exact form.
 */
import { HOUSEHOLD_FIELDS, PERSON_FIELDS, enumSpec, stored, type Column, type FieldSpec } from '../../language/index.ts';
import { syntheticHouseholdId } from '../engine/keys.ts';
import type { Population } from './problems.ts';

/** Fen as yuan: "1234", "1234.5" (JSON) or "1234.50" (CSV, two decimals as people write money). */
function yuan(fen: number, json: boolean): string {
  const whole = Math.floor(fen / 100);
  const cents = fen % 100;
  if (cents === 0) return String(whole);
  if (json && cents % 10 === 0) return `${whole}.${cents / 10}`;
  return `${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

/** The shortest decimal that reads back as x, never in exponent form (weights are 0 … 10⁹). */
export function plainDecimal(x: number): string {
  const s = String(x);
  const e = s.indexOf('e');
  if (e < 0) return s;
  // Only tiny numbers reach here: d.ddde-N.
  const digits = s.slice(0, e).replace('.', '');
  const exp = Number(s.slice(e + 1));
  return `0.${'0'.repeat(-exp - 1)}${digits}`;
}

type Format = (code: number) => string;

/** How each stored field's code is written; texts are JSON strings when `json`. */
function formatter(f: FieldSpec, json: boolean): Format {
  const t = f.type!;
  switch (t.k) {
    case 'money':
      return (c) => yuan(c, json);
    case 'bool':
      return (c) => (c ? 'true' : 'false');
    case 'enum': {
      const ids = enumSpec(t.name)!.values.map((v) => (json ? JSON.stringify(v.id) : v.id));
      return (c) => ids[c]!;
    }
    case 'region':
      return (c) => (json ? `"${String(c).padStart(6, '0')}"` : String(c).padStart(6, '0'));
    case 'number':
      return plainDecimal;
    default:
      return String;
  }
}

interface Out {
  readonly field: FieldSpec;
  readonly column: Column;
  readonly format: Format;
  readonly key: string;
}

const outputs = (pop: Population, fields: readonly FieldSpec[], level: 'household' | 'person', json: boolean): Out[] =>
  fields.filter(stored).map((f) => ({
    field: f,
    column: (level === 'household' ? pop.columns.household : pop.columns.person)[f.id]!,
    format: formatter(f, json),
    key: `,${JSON.stringify(f.id)}:`,
  }));

const householdIdOf = (pop: Population, h: number) => pop.ids?.households[h] ?? syntheticHouseholdId(h);
const personIdOf = (pop: Population, hid: string, p: number, j: number) => pop.ids?.persons.at(p) ?? `${hid}-${j + 1}`;

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
export function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const PIECE = 1 << 20;

/** households.csv in pieces. */
export function* householdsCsv(pop: Population, size = PIECE): Generator<string> {
  const out = outputs(pop, HOUSEHOLD_FIELDS, 'household', false);
  let text = ['household_id', ...out.map((o) => o.field.id)].join(',') + '\n';
  for (let h = 0; h < pop.columns.households; h++) {
    let line = csvCell(householdIdOf(pop, h));
    for (const o of out) line += ',' + o.format(o.column[h]!);
    text += line + '\n';
    if (text.length >= size) {
      yield text;
      text = '';
    }
  }
  if (text) yield text;
}

/** persons.csv in pieces, grouped by household. */
export function* personsCsv(pop: Population, size = PIECE): Generator<string> {
  const out = outputs(pop, PERSON_FIELDS, 'person', false);
  const start = pop.columns.memberStart;
  let text = ['person_id', 'household_id', ...out.map((o) => o.field.id)].join(',') + '\n';
  for (let h = 0; h < pop.columns.households; h++) {
    const hid = householdIdOf(pop, h);
    const hcell = csvCell(hid);
    for (let p = start[h]!, j = 0; p < start[h + 1]!; p++, j++) {
      let line = csvCell(personIdOf(pop, hid, p, j)) + ',' + hcell;
      for (const o of out) line += ',' + o.format(o.column[p]!);
      text += line + '\n';
    }
    if (text.length >= size) {
      yield text;
      text = '';
    }
  }
  if (text) yield text;
}

/** One household as a JSON line (without the newline). */
function jsonLine(pop: Population, h: number, hout: readonly Out[], pout: readonly Out[]): string {
  const start = pop.columns.memberStart;
  const hid = householdIdOf(pop, h);
  let line = `{"household_id":${JSON.stringify(hid)}`;
  for (const o of hout) line += o.key + o.format(o.column[h]!);
  line += ',"members":[';
  for (let p = start[h]!, j = 0; p < start[h + 1]!; p++, j++) {
    line += `${j ? ',' : ''}{"person_id":${JSON.stringify(personIdOf(pop, hid, p, j))}`;
    for (const o of pout) line += o.key + o.format(o.column[p]!);
    line += '}';
  }
  return line + ']}';
}

/** population.jsonl in pieces: one household per line with its members (who need not repeat the household id). */
export function* populationJsonl(pop: Population, size = PIECE): Generator<string> {
  const hout = outputs(pop, HOUSEHOLD_FIELDS, 'household', true);
  const pout = outputs(pop, PERSON_FIELDS, 'person', true);
  let text = '';
  for (let h = 0; h < pop.columns.households; h++) {
    text += jsonLine(pop, h, hout, pout) + '\n';
    if (text.length >= size) {
      yield text;
      text = '';
    }
  }
  if (text) yield text;
}

/** One household in the schema's JSON form (money as yuan numbers), for explanations and tests. */
export function householdJson(pop: Population, h: number): Record<string, unknown> {
  const line = jsonLine(pop, h, outputs(pop, HOUSEHOLD_FIELDS, 'household', true), outputs(pop, PERSON_FIELDS, 'person', true));
  const record = JSON.parse(line) as Record<string, unknown> & { members: Record<string, unknown>[] };
  // The schema's household JSON names each member's household.
  record.members = record.members.map(({ person_id, ...rest }) => ({ person_id, household_id: record.household_id, ...rest }));
  return record;
}

/** The CSV pair as two strings (small populations; files are written in pieces). */
export function toCsv(pop: Population): { households: string; persons: string } {
  return { households: [...householdsCsv(pop)].join(''), persons: [...personsCsv(pop)].join('') };
}

/** JSON Lines as one string (small populations; files are written in pieces). */
export function toJsonl(pop: Population): string {
  return [...populationJsonl(pop)].join('');
}
