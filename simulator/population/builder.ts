/**
 * A population read from files, built straight into typed-array columns: every reader (CSV through
 * DuckDB or papaparse, JSON Lines, Parquet) hands values here row by row or column by column, and
 * nothing per row is kept but the columns and the ids.
 *
 * Problems are collected with the file and the row they come from (up to MAX_PROBLEMS); a
 * population with any problem is never returned. `finish` also joins persons to their households
 * (in the persons file's order within each household), fills the optional fields a file leaves out
 * with the schema's defaults, and enforces MAX_MEMBERS.
 */
import {
  HOUSEHOLD_FIELDS,
  PERSON_FIELDS,
  MAX_MEMBERS,
  allocColumn,
  decodeValue,
  defaultFor,
  encodeValue,
  stored,
  type Column,
  type FieldSpec,
  type Level,
  type PopulationColumns,
} from '../../language/index.ts';
import { decoderFor, idText, problemOf, type Decoder } from './decode.ts';
import { PackedIds, StringIds, MAX_ID_BYTES, asciiText } from './ids.ts';
import { PopulationFileError, MAX_PROBLEMS, type FileProblem, type Population } from './problems.ts';

export interface SourceFiles {
  readonly households: string;
  readonly persons: string;
}

/** A problem as found: `at` is the reader's row number, turned into the file's row by `error()`. */
interface Found {
  readonly file: string;
  readonly at: number;
  readonly field: string;
  readonly message: string;
  /** the row of the first occurrence, for "appears twice" */
  readonly first?: number;
}

const HOUSEHOLD_ID = HOUSEHOLD_FIELDS.find((f) => f.id === 'household_id')!;
const PERSON_ID = PERSON_FIELDS.find((f) => f.id === 'person_id')!;
const PERSON_HOUSEHOLD = PERSON_FIELDS.find((f) => f.id === 'household_id')!;

/** Growing columns of one level. */
class Columns {
  readonly arrays: Record<string, Column> = {};
  /** the reader's row of each record, for messages that point back at it */
  rows: Float64Array;
  capacity: number;
  count = 0;

  constructor(readonly fields: readonly FieldSpec[], capacity: number) {
    this.capacity = Math.max(16, capacity);
    for (const f of fields) if (stored(f)) this.arrays[f.id] = allocColumn(f.column!, this.capacity);
    this.rows = new Float64Array(this.capacity);
  }

  /** Room for n more rows; returns the first new row. */
  reserve(n: number): number {
    const start = this.count;
    if (start + n > this.capacity) {
      this.capacity = Math.max(start + n, Math.ceil(this.capacity * 1.5));
      for (const [k, a] of Object.entries(this.arrays)) {
        const grown = allocColumn(kindOf(a), this.capacity);
        grown.set(a.subarray(0, start) as never);
        this.arrays[k] = grown;
      }
      const rows = new Float64Array(this.capacity);
      rows.set(this.rows.subarray(0, start));
      this.rows = rows;
    }
    this.count += n;
    return start;
  }

  /** The columns cut to their length (copies, so no spare capacity stays allocated). */
  trimmed(): Record<string, Column> {
    const out: Record<string, Column> = {};
    for (const [k, a] of Object.entries(this.arrays)) out[k] = a.length === this.count ? a : (a.slice(0, this.count) as Column);
    return out;
  }
}

const kindOf = (a: Column) => (a instanceof Float64Array ? 'f64' : a instanceof Int32Array ? 'i32' : a instanceof Uint16Array ? 'u16' : 'u8');

export class PopulationBuilder {
  readonly household: Columns;
  readonly person: Columns;
  private readonly householdIds: StringIds;
  private readonly personIds: PackedIds;
  /** household position of each person (-1: none) */
  private personHousehold = new Int32Array(16);
  private readonly found: Found[] = [];
  private total = 0;
  /** optional fields a whole file leaves out, filled with their defaults by `finish` */
  private readonly absent = new Set<FieldSpec>();

  /**
   * `rowWord`: what the files' rows are called in messages ("line" for CSV and JSON Lines, "row"
   * for Parquet).
   */
  constructor(
    readonly files: SourceFiles,
    expected: { households?: number; persons?: number } = {},
    readonly rowWord: 'line' | 'row' = 'line',
  ) {
    this.household = new Columns(HOUSEHOLD_FIELDS, expected.households ?? 1024);
    this.person = new Columns(PERSON_FIELDS, expected.persons ?? 2048);
    this.householdIds = new StringIds(expected.households);
    this.personIds = new PackedIds(true, expected.persons);
  }

  /** Enough problems to stop reading. */
  get full(): boolean {
    return this.found.length >= MAX_PROBLEMS;
  }

  get problemCount(): number {
    return this.total;
  }

  problem(file: string, at: number, field: string, message: string, first?: number): void {
    this.total++;
    if (this.found.length < MAX_PROBLEMS) this.found.push({ file, at, field, message, first });
  }

  /** Optional fields that the file of this level does not have: they take the schema's defaults. */
  leaveOut(fields: readonly FieldSpec[]): void {
    for (const f of fields) if (f.optional) this.absent.add(f);
  }

  // ---------------------------------------------------------------- households

  /** A new household row with its id; returns its position. */
  addHousehold(rawId: unknown, at: number): number {
    const h = this.household.reserve(1);
    this.householdId(h, rawId, at);
    return h;
  }

  /** The id of household h (positions come from `addHousehold` or `household.reserve`). */
  householdId(h: number, rawId: unknown, at: number): void {
    this.household.rows[h] = at;
    const id = this.checkedId(HOUSEHOLD_ID, rawId, this.files.households, at, 'household_id');
    if (id === undefined) return this.placeholder(h);
    const before = this.householdIds.add(id);
    if (before >= 0) {
      this.problem(this.files.households, at, 'household_id', `${id} appears twice`, this.household.rows[before]);
      this.placeholder(h);
    }
  }

  /** The id of household h, or undefined when it was refused. */
  householdIdAt(h: number): string | undefined {
    return this.householdIds.list[h] || undefined;
  }

  /** Keeps positions aligned when a household's id is refused (the population is rejected anyway). */
  private placeholder(h: number): void {
    while (this.householdIds.list.length <= h) this.householdIds.list.push('');
  }

  /** One household value through the field's decoder; a refused value is a problem. */
  setHousehold(h: number, f: FieldSpec, raw: unknown, at: number, field = f.id): void {
    this.set(this.household.arrays[f.id]!, decoderFor(f), h, f, raw, this.files.households, at, field);
  }

  // ---------------------------------------------------------------- persons

  /** A new person row with its id and its household's id; returns its position. */
  addPerson(rawId: unknown, rawHousehold: unknown, at: number): number {
    const p = this.person.reserve(1);
    this.personId(p, rawId, at);
    this.personHouseholdId(p, rawHousehold, at);
    return p;
  }

  /** Person p's own id, unique in the population (ids are given in position order). */
  personId(p: number, rawId: unknown, at: number, field = 'person_id'): void {
    this.grow(p);
    this.person.rows[p] = at;
    this.personHousehold[p] = -1;
    const file = this.files.persons;
    const pid = this.checkedId(PERSON_ID, rawId, file, at, field);
    const before = pid === undefined ? -1 : this.personIds.add(pid);
    if (before >= 0) this.problem(file, at, field, `${pid} appears twice`, this.person.rows[before]);
    // Keeps positions aligned when an id is refused (the population is rejected anyway).
    if (pid === undefined || before >= 0) this.personIds.add(`\u0000${p}`);
  }

  /** Person p belongs to the household with this id, which must be in the households file. */
  personHouseholdId(p: number, rawHousehold: unknown, at: number, field = 'household_id'): void {
    const file = this.files.persons;
    const hid = this.checkedId(PERSON_HOUSEHOLD, rawHousehold, file, at, field);
    if (hid === undefined) return;
    const h = this.householdIds.indexOf(hid);
    if (h < 0) this.problem(file, at, field, `no household ${hid} in ${this.files.households}`);
    else this.personHousehold[p] = h;
  }

  /** `personId` for an id given as ASCII bytes (a fast reader's cell); no string is made unless it is a problem. */
  personIdAscii(p: number, b: Uint8Array, start: number, length: number, at: number): void {
    this.grow(p);
    this.person.rows[p] = at;
    this.personHousehold[p] = -1;
    if (length === 0 || length > MAX_ID_BYTES) return this.personId(p, asciiText(b, start, length), at);
    const before = this.personIds.addAscii(b, start, length);
    if (before >= 0) {
      this.problem(this.files.persons, at, 'person_id', `${asciiText(b, start, length)} appears twice`, this.person.rows[before]);
      this.personIds.add(`\u0000${p}`);
    }
  }

  /** the household of the last person placed by `personHouseholdAscii` */
  private lastHousehold = 0;

  /**
   * `personHouseholdId` for an id given as ASCII bytes. Persons files are usually grouped by
   * household in the households file's order, so the last person's household and the next one are
   * tried before the hash table.
   */
  personHouseholdAscii(p: number, b: Uint8Array, start: number, length: number, at: number): void {
    const ids = this.householdIds;
    const last = this.lastHousehold;
    let h = -1;
    if (length > 0) h = ids.isAsciiAt(last, b, start, length) ? last : ids.isAsciiAt(last + 1, b, start, length) ? last + 1 : ids.indexOfAscii(b, start, length);
    if (h >= 0) {
      this.personHousehold[p] = h;
      this.lastHousehold = h;
    } else this.personHouseholdId(p, asciiText(b, start, length), at);
  }

  /** Person p belongs to household h (a household's members in a JSON Lines file). */
  personOf(p: number, h: number): void {
    this.personHousehold[p] = h;
  }

  private grow(p: number): void {
    if (p < this.personHousehold.length) return;
    const grown = new Int32Array(Math.max(p + 1, this.person.capacity));
    grown.set(this.personHousehold);
    this.personHousehold = grown;
  }

  setPerson(p: number, f: FieldSpec, raw: unknown, at: number, field = f.id): void {
    this.set(this.person.arrays[f.id]!, decoderFor(f), p, f, raw, this.files.persons, at, field);
  }

  // ---------------------------------------------------------------- values

  private set(column: Column, decode: Decoder, i: number, f: FieldSpec, raw: unknown, file: string, at: number, field: string): void {
    const code = decode(raw);
    if (code === code) column[i] = code;
    else this.problem(file, at, field, problemOf(f, raw));
  }

  /** An id's text; undefined (with a problem, unless the reader reports it missing) when refused. */
  private checkedId(f: FieldSpec, raw: unknown, file: string, at: number, field: string): string | undefined {
    if (raw === undefined) return undefined;
    const id = idText(f, raw);
    if (id === undefined) this.problem(file, at, field, problemOf(f, raw));
    else if (id.length > MAX_ID_BYTES / 3 && new TextEncoder().encode(id).length > MAX_ID_BYTES) this.problem(file, at, field, `is longer than ${MAX_ID_BYTES} bytes`);
    else return id;
    return undefined;
  }

  /** The default of an optional field for one record, from the codes of the field it follows. */
  defaultCode(f: FieldSpec, level: Level, i: number): number {
    const d = f.optional!;
    const cols = level === 'household' ? this.household.arrays : this.person.arrays;
    const fields = level === 'household' ? HOUSEHOLD_FIELDS : PERSON_FIELDS;
    const dep = 'same' in d ? d.same : 'when' in d ? d.when : undefined;
    const record: Record<string, unknown> = {};
    if (dep !== undefined) record[dep] = decodeValue(fields.find((x) => x.id === dep)!, cols[dep]![i]!);
    return encodeValue(f, defaultFor(f, record));
  }

  // ---------------------------------------------------------------- the result

  /**
   * Joins persons to households, fills defaults and checks the members limit. Returns the
   * population, or undefined when there are problems (then `error()` describes them).
   */
  finish(): Population | undefined {
    if (this.found.length) return undefined;
    const H = this.household.count;
    const P = this.person.count;
    const hh = this.personHousehold;
    const memberStart = new Int32Array(H + 1);
    let sorted = true;
    for (let p = 0; p < P; p++) {
      const h = hh[p]!;
      if (++memberStart[h + 1]! === MAX_MEMBERS + 1) this.problem(this.files.persons, this.person.rows[p]!, 'household_id', `household ${this.householdIds.list[h]} has more than ${MAX_MEMBERS} members (the most a household may have)`);
      if (p > 0 && h < hh[p - 1]!) sorted = false;
    }
    if (this.found.length) return undefined;
    for (let h = 0; h < H; h++) memberStart[h + 1]! += memberStart[h]!;
    this.fillAbsent();
    const household = this.household.trimmed();
    let person: Record<string, Column>;
    let personIds = this.personIds.seal();
    if (sorted) person = this.person.trimmed();
    else {
      // Persons grouped by household, in file order within each (a stable counting sort).
      const order = new Int32Array(P);
      const next = memberStart.slice(0, H);
      for (let p = 0; p < P; p++) order[next[hh[p]!]!++] = p;
      person = {};
      for (const [k, a] of Object.entries(this.person.arrays)) {
        const out = allocColumn(kindOf(a), P);
        for (let i = 0; i < P; i++) out[i] = a[order[i]!]!;
        person[k] = out;
      }
      personIds = personIds.reordered(order);
    }
    const columns: PopulationColumns = { households: H, persons: P, memberStart, household, person };
    return { columns, ids: { households: this.householdIds.list, persons: personIds } };
  }

  private fillAbsent(): void {
    for (const f of this.absent) {
      const cols = f.level === 'household' ? this.household : this.person;
      const column = cols.arrays[f.id]!;
      const memo = new Map<number, number>();
      const dep = 'same' in f.optional! ? f.optional.same : 'when' in f.optional! ? f.optional.when : undefined;
      const depColumn = dep === undefined ? undefined : cols.arrays[dep]!;
      for (let i = 0; i < cols.count; i++) {
        const key = depColumn ? depColumn[i]! : 0;
        let code = memo.get(key);
        if (code === undefined) memo.set(key, (code = this.defaultCode(f, f.level, i)));
        column[i] = code;
      }
    }
  }

  /** The problems found, with rows as the file counts them (`rowOf` maps a reader's row numbers). */
  error(rowOf: (file: string, at: number) => number = (_f, at) => at): PopulationFileError {
    const list: FileProblem[] = this.found.map((x) => ({
      file: x.file,
      row: rowOf(x.file, x.at),
      field: x.field,
      message: x.first === undefined ? x.message : `${x.message} (first on ${this.rowWord} ${rowOf(x.file, x.first)})`,
    }));
    // Fast readers find problems column by column; list them in file order.
    const files = [this.files.households, this.files.persons];
    list.sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.row - b.row);
    return new PopulationFileError(list, this.total);
  }

  /** The reader rows of the problems found so far, by file (to map only those). */
  problemRows(): Map<string, number[]> {
    const out = new Map<string, number[]>();
    const add = (file: string, at: number) => (out.get(file) ?? out.set(file, []).get(file)!).push(at);
    for (const x of this.found) {
      add(x.file, x.at);
      if (x.first !== undefined) add(x.file, x.first);
    }
    return out;
  }
}
