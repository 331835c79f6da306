/**
 * Populations in files: JSON Lines (one household with its members per line) and the schema's CSV
 * pair (households.csv, persons.csv). Reading validates everything first; a file with any problem
 * is rejected whole, with every problem naming the file, the row and the field.
 */
import {
  HOUSEHOLD_FIELDS,
  PERSON_FIELDS,
  allocPopulation,
  encodeValue,
  decodeValue,
  readFieldValue,
  readHousehold,
  fillOptional,
  stored,
  type PopulationColumns,
  type FieldSpec,
  type Household,
} from '../../language/index.ts';

export interface Population {
  readonly columns: PopulationColumns;
  /** household and person ids; made up from positions when absent (synthetic populations) */
  readonly ids?: { readonly households: readonly string[]; readonly persons: readonly string[] };
}

export interface FileProblem {
  readonly file: string;
  /** 1-based line of the file (the header is line 1 of a CSV file) */
  readonly row: number;
  readonly field: string;
  readonly message: string;
}

export class PopulationFileError extends Error {
  constructor(readonly problems: readonly FileProblem[]) {
    const first = problems[0]!;
    super(`${first.file}:${first.row}: ${first.field ? `field ${first.field} ` : ''}${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''}`);
  }
}

const MAX_PROBLEMS = 100;

// ---------------------------------------------------------------- writing

function yuan(fen: number): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const whole = Math.floor(a / 100);
  const cents = a % 100;
  return (neg ? '-' : '') + (cents ? `${whole}.${String(cents).padStart(2, '0')}` : String(whole));
}

function fieldText(f: FieldSpec, code: number): string | number | boolean {
  if (f.type?.k === 'money') return yuan(code);
  return decodeValue(f, code);
}

const householdId = (pop: Population, h: number) => pop.ids?.households[h] ?? `H${String(h + 1).padStart(7, '0')}`;
const personId = (pop: Population, hid: string, p: number, j: number) => pop.ids?.persons[p] ?? `${hid}-${j + 1}`;

/** One household in the schema's JSON form (money as yuan numbers). */
export function householdJson(pop: Population, h: number): Record<string, unknown> {
  const c = pop.columns;
  const hid = householdId(pop, h);
  const out: Record<string, unknown> = { household_id: hid };
  for (const f of HOUSEHOLD_FIELDS) {
    if (!stored(f)) continue;
    const v = fieldText(f, c.household[f.id]![h]!);
    out[f.id] = f.type?.k === 'money' ? Number(v) : v;
  }
  const members: Record<string, unknown>[] = [];
  for (let p = c.memberStart[h]!, j = 0; p < c.memberStart[h + 1]!; p++, j++) {
    const m: Record<string, unknown> = { person_id: personId(pop, hid, p, j), household_id: hid };
    for (const f of PERSON_FIELDS) {
      if (!stored(f)) continue;
      const v = fieldText(f, c.person[f.id]![p]!);
      m[f.id] = f.type?.k === 'money' ? Number(v) : v;
    }
    members.push(m);
  }
  out.members = members;
  return out;
}

export function toJsonl(pop: Population): string {
  const lines: string[] = [];
  for (let h = 0; h < pop.columns.households; h++) lines.push(JSON.stringify(householdJson(pop, h)));
  return lines.join('\n') + '\n';
}

function csvCell(v: string | number | boolean): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(pop: Population): { households: string; persons: string } {
  const c = pop.columns;
  const hf = HOUSEHOLD_FIELDS.filter((f) => f.id === 'household_id' || stored(f));
  const pf = PERSON_FIELDS.filter((f) => f.id === 'person_id' || f.id === 'household_id' || stored(f));
  const hl = [hf.map((f) => f.id).join(',')];
  const pl = [pf.map((f) => f.id).join(',')];
  for (let h = 0; h < c.households; h++) {
    const hid = householdId(pop, h);
    hl.push(hf.map((f) => csvCell(f.id === 'household_id' ? hid : fieldText(f, c.household[f.id]![h]!))).join(','));
    for (let p = c.memberStart[h]!, j = 0; p < c.memberStart[h + 1]!; p++, j++) {
      pl.push(pf.map((f) => csvCell(f.id === 'person_id' ? personId(pop, hid, p, j) : f.id === 'household_id' ? hid : fieldText(f, c.person[f.id]![p]!))).join(','));
    }
  }
  return { households: hl.join('\n') + '\n', persons: pl.join('\n') + '\n' };
}

// ---------------------------------------------------------------- reading

/** Households read one by one (JSON Lines) into columns, all validated before any is kept. */
export function fromJsonl(text: string, file: string): Population {
  const problems: FileProblem[] = [];
  const list: Household[] = [];
  const seen = new Map<string, number>();
  const personIds = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && problems.length < MAX_PROBLEMS; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      problems.push({ file, row: i + 1, field: '', message: `not valid JSON (${(e as Error).message})` });
      continue;
    }
    const r = readHousehold(raw);
    for (const p of r.problems) problems.push({ file, row: i + 1, field: p.field, message: p.message });
    if (!r.household) continue;
    const hid = String(r.household.values.household_id);
    const dup = seen.get(hid);
    if (dup !== undefined) problems.push({ file, row: i + 1, field: 'household_id', message: `${hid} is already used on line ${dup}` });
    seen.set(hid, i + 1);
    r.household.members.forEach((m, j) => {
      const pid = String(m.person_id);
      const at = personIds.get(pid);
      if (at !== undefined) problems.push({ file, row: i + 1, field: `members[${j}].person_id`, message: `${pid} is already used on line ${at}` });
      personIds.set(pid, i + 1);
    });
    list.push(r.household);
  }
  if (problems.length) throw new PopulationFileError(problems);
  return fromHouseholds(list);
}

export function fromHouseholds(list: readonly Household[]): Population {
  const persons = list.reduce((s, h) => s + h.members.length, 0);
  const pop = allocPopulation(list.length, persons);
  const householdIds: string[] = [];
  const personIds: string[] = [];
  let p = 0;
  list.forEach((h, i) => {
    pop.memberStart[i] = p;
    householdIds.push(String(h.values.household_id));
    for (const f of HOUSEHOLD_FIELDS) if (stored(f)) pop.household[f.id]![i] = encodeValue(f, h.values[f.id]);
    for (const m of h.members) {
      personIds.push(String(m.person_id));
      for (const f of PERSON_FIELDS) if (stored(f)) pop.person[f.id]![p] = encodeValue(f, m[f.id]);
      p++;
    }
  });
  pop.memberStart[list.length] = p;
  return { columns: pop, ids: { households: householdIds, persons: personIds } };
}

/** RFC 4180 rows: quoted cells may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.length > 1 || cells[0] !== '') rows.push({ cells, line: rowLine });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length) {
    cells.push(cell);
    rows.push({ cells, line: rowLine });
  }
  return rows;
}

function header(rows: { cells: string[]; line: number }[], fields: readonly FieldSpec[], file: string, problems: FileProblem[]): (FieldSpec | undefined)[] {
  if (!rows.length) {
    problems.push({ file, row: 1, field: '', message: 'is empty: the first row must name the columns' });
    return [];
  }
  const cols = rows[0]!.cells.map((name) => {
    const f = fields.find((x) => x.id === name.trim() || x.zh === name.trim());
    if (!f) problems.push({ file, row: 1, field: name, message: `unknown column "${name}"` });
    return f;
  });
  for (const f of fields) if (!f.optional && !cols.includes(f)) problems.push({ file, row: 1, field: f.id, message: 'column is missing' });
  return cols;
}

/** The CSV pair: households.csv and persons.csv, each with a header row of field ids. */
export function fromCsv(householdsText: string, personsText: string, files = { households: 'households.csv', persons: 'persons.csv' }): Population {
  const problems: FileProblem[] = [];
  const hrows = parseCsv(householdsText);
  const prows = parseCsv(personsText);
  const hcols = header(hrows, HOUSEHOLD_FIELDS, files.households, problems);
  const pcols = header(prows, PERSON_FIELDS, files.persons, problems);
  if (problems.length) throw new PopulationFileError(problems);
  const readRow = (row: { cells: string[]; line: number }, cols: (FieldSpec | undefined)[], file: string, level: readonly FieldSpec[]): Record<string, string | number | boolean> | undefined => {
    const out: Record<string, string | number | boolean> = {};
    if (row.cells.length !== cols.length) {
      problems.push({ file, row: row.line, field: '', message: `has ${row.cells.length} cells; the header has ${cols.length}` });
      return undefined;
    }
    let ok = true;
    cols.forEach((f, i) => {
      const r = readFieldValue(f!, row.cells[i]!);
      if (r.error !== undefined) {
        problems.push({ file, row: row.line, field: f!.id, message: r.error });
        ok = false;
      } else out[f!.id] = r.value!;
    });
    if (ok) fillOptional(level, out);
    return ok ? out : undefined;
  };
  const households: { values: Record<string, string | number | boolean>; members: Record<string, string | number | boolean>[] }[] = [];
  const byId = new Map<string, number>();
  // Ids of household rows rejected for their own problems: their persons are not "without a household".
  const rejected = new Set<string>();
  const idColumn = hcols.findIndex((f) => f?.id === 'household_id');
  for (const row of hrows.slice(1)) {
    if (problems.length >= MAX_PROBLEMS) break;
    const v = readRow(row, hcols, files.households, HOUSEHOLD_FIELDS);
    if (!v) {
      const id = row.cells[idColumn];
      if (id) rejected.add(id);
      continue;
    }
    const hid = String(v.household_id);
    if (byId.has(hid)) {
      problems.push({ file: files.households, row: row.line, field: 'household_id', message: `${hid} appears twice` });
      continue;
    }
    byId.set(hid, households.length);
    households.push({ values: v, members: [] });
  }
  const personIds = new Set<string>();
  for (const row of prows.slice(1)) {
    if (problems.length >= MAX_PROBLEMS) break;
    const v = readRow(row, pcols, files.persons, PERSON_FIELDS);
    if (!v) continue;
    const hid = String(v.household_id);
    const at = byId.get(hid);
    if (at === undefined) {
      if (!rejected.has(hid)) problems.push({ file: files.persons, row: row.line, field: 'household_id', message: `no household ${hid} in ${files.households}` });
      continue;
    }
    const pid = String(v.person_id);
    if (personIds.has(pid)) problems.push({ file: files.persons, row: row.line, field: 'person_id', message: `${pid} appears twice` });
    personIds.add(pid);
    households[at]!.members.push(v);
  }
  if (problems.length) throw new PopulationFileError(problems);
  return fromHouseholds(households);
}

