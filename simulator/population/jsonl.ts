/**
 * JSON Lines populations (one household with its members per line), read from text chunks of any
 * size — a whole file in memory, a Node stream, a browser File's stream — straight into columns.
 * Each line is parsed by JSON.parse and dropped once its values are in the columns. Keys are field
 * ids or Chinese names, as the schema's readHousehold takes them, with the same messages; a key
 * given twice in one object (JSON.parse would keep the last silently) is a problem.
 */
import { HOUSEHOLD_FIELDS, PERSON_FIELDS, MAX_MEMBERS, type FieldSpec, type Level } from '../../language/index.ts';
import { PopulationBuilder } from './builder.ts';
import { duplicateKeys } from './json-keys.ts';
import type { Population } from './problems.ts';

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function describe(raw: unknown): string {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'a list';
  if (typeof raw === 'string') return `the text "${raw}"`;
  return typeof raw === 'object' ? 'an object' : String(raw);
}

/**
 * A record's values by field position, reused from record to record (no Map or object per record).
 * Unknown keys and a field given twice (by id and by Chinese name) are problems.
 */
class Slots {
  readonly fields: readonly FieldSpec[];
  private readonly position = new Map<string, number>();
  readonly values: unknown[];
  /** the key each field was given by in this record, or undefined */
  readonly named: (string | undefined)[];
  /** keys this record had, as JSON.parse kept them */
  keys = 0;

  constructor(level: Level) {
    this.fields = level === 'household' ? HOUSEHOLD_FIELDS : PERSON_FIELDS;
    this.fields.forEach((f, k) => {
      this.position.set(f.id, k);
      this.position.set(f.zh, k);
    });
    this.values = new Array(this.fields.length);
    this.named = new Array(this.fields.length);
  }

  read(raw: Record<string, unknown>, prefix: string, members: boolean, problem: (field: string, message: string) => void): this {
    this.named.fill(undefined);
    this.keys = 0;
    for (const key in raw) {
      this.keys++;
      if (members && (key === 'members' || key === '成员')) continue;
      const k = this.position.get(key);
      if (k === undefined) {
        problem(prefix + key, `unknown field "${key}"`);
        continue;
      }
      const earlier = this.named[k];
      if (earlier !== undefined) {
        problem(prefix + key, `gives ${this.fields[k]!.id} twice (also as "${earlier}")`);
        continue;
      }
      this.named[k] = key;
      this.values[k] = raw[key];
    }
    return this;
  }

  has(k: number): boolean {
    return this.named[k] !== undefined;
  }

  get(k: number): unknown {
    return this.named[k] !== undefined ? this.values[k] : undefined;
  }
}

/** Reads JSON Lines text into a builder, chunk by chunk. */
export class JsonlReader {
  private rest = '';
  private line = 0;
  private stopped = false;
  private readonly householdSlots = new Slots('household');
  private readonly personSlots = new Slots('person');

  constructor(
    private readonly builder: PopulationBuilder,
    private readonly file = builder.files.households,
  ) {}

  /** The next piece of text (any size; lines may continue into the next piece). Returns false to stop. */
  push(chunk: string): boolean {
    if (this.stopped) return false;
    let text = this.rest + chunk;
    if (this.line === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.readLine(text.slice(start, nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl));
      start = nl + 1;
      if (this.builder.full) {
        this.stopped = true;
        return false;
      }
    }
    this.rest = text.slice(start);
    return true;
  }

  end(): void {
    if (!this.stopped && this.rest !== '') this.readLine(this.rest);
    this.rest = '';
  }

  private readLine(text: string): void {
    const at = ++this.line;
    if (text.trim() === '') return;
    const b = this.builder;
    const problem = (field: string, message: string) => b.problem(this.file, at, field, message);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      return problem('', `not valid JSON (${(e as Error).message})`);
    }
    if (!isObject(raw)) return problem('', `a household must be a JSON object, not ${describe(raw)}`);
    const values = this.householdSlots.read(raw, '', true, problem);
    let keys = values.keys;
    const h = b.addHousehold(values.get(0), at);
    const hid = b.householdIdAt(h);
    this.record(values, 'household', h, '', at, problem);
    const members = raw.members ?? raw['成员'];
    if (members === undefined) problem('members', 'is missing (use [] for a household with no members)');
    else if (!Array.isArray(members)) problem('members', `must be a list of persons, not ${describe(members)}`);
    else if (members.length > MAX_MEMBERS) problem('members', `has ${members.length} persons; a household has at most ${MAX_MEMBERS}`);
    else
      members.forEach((m, j) => {
        const prefix = `members[${j}].`;
        if (!isObject(m)) return problem(`members[${j}]`, `must be a person object, not ${describe(m)}`);
        const pv = this.personSlots.read(m, prefix, false, problem);
        keys += pv.keys;
        const p = b.person.reserve(1);
        b.personId(p, pv.get(0), at, prefix + 'person_id');
        b.personOf(p, h);
        // A member inside its household need not repeat the household id; if it does, it must agree.
        const own = pv.get(1);
        if (own !== undefined && hid !== undefined && String(own) !== hid) problem(prefix + 'household_id', `is ${String(own)} but the household is ${hid}`);
        this.record(pv, 'person', p, prefix, at, problem);
      });
    for (const d of duplicateKeys(text, keys)) problem(d.path + d.key, `the key "${d.key}" appears twice in one object`);
  }

  /** Stores a record's values; missing required fields are problems, missing optional ones take defaults. */
  private record(values: Slots, level: Level, i: number, prefix: string, at: number, problem: (field: string, message: string) => void): void {
    const b = this.builder;
    const fields = values.fields;
    let defaults = false;
    for (let k = 0; k < fields.length; k++) {
      const f = fields[k]!;
      if (f.column === undefined) {
        if (!values.has(k) && !(level === 'person' && f.id === 'household_id')) problem(prefix + f.id, 'is missing');
        continue;
      }
      if (!values.has(k)) {
        if (f.optional) defaults = true;
        else problem(prefix + f.id, 'is missing');
        continue;
      }
      if (level === 'household') b.setHousehold(i, f, values.get(k), at, prefix + f.id);
      else b.setPerson(i, f, values.get(k), at, prefix + f.id);
    }
    // Defaults follow the record's own values (hukou_area follows area), so they come last.
    if (defaults) {
      const cols = level === 'household' ? b.household.arrays : b.person.arrays;
      for (let k = 0; k < fields.length; k++) if (fields[k]!.optional && !values.has(k)) cols[fields[k]!.id]![i] = b.defaultCode(fields[k]!, level, i);
    }
  }
}

/** A JSON Lines population from text in memory; a file with any problem is rejected whole. */
export function fromJsonl(text: string, file: string): Population {
  const b = new PopulationBuilder({ households: file, persons: file });
  const r = new JsonlReader(b);
  r.push(text);
  r.end();
  const pop = b.finish();
  if (!pop) throw b.error();
  return pop;
}
