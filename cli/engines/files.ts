/**
 * Population files read by the SQL engine itself (DuckDB, Spark), never through JavaScript: the CSV
 * pair, the Parquet pair or JSON Lines become the tables `doudi_households` and `doudi_persons` of
 * the schema's exact types. Every cell is read as text (a Parquet value through its text: a
 * DECIMAL amount's digits, a DOUBLE weight's shortest decimal) and converted in SQL by a strict
 * grammar — money digits with at most two decimals counted into fen as integers, never through a
 * DOUBLE; whole numbers; `true`/`false`; an enum's id or Chinese name; 6-digit regions — with the
 * schema's ranges. Before anything is converted, one query lists the problems: a cell the grammar
 * does not take, an id given twice, a person whose household is absent, a household of more than
 * 100 members; a file with any problem is refused whole, naming file, row and field.
 *
 * The grammar is the canonical form `doudi population --out` writes and the JS reader takes; the
 * JS reader also takes a few other spellings (an amount such as "1e3" in JSON as a number), which
 * are refused here with the reason.
 */
import * as fs from 'node:fs';
import Papa from 'papaparse';
import { HOUSEHOLD_FIELDS, I32_MAX, MAX_MEMBERS, PERSON_FIELDS, WEIGHT_DIGITS, enumSpec, type FieldSpec, type Level } from '../../language/index.ts';
import { dialectOf, tableColumns, type Dialect } from '../../language/backend-sql/index.ts';
import { tableColumns as headerFields } from '../../simulator/index.ts';
import { InputError } from '../command.ts';
import type { PopulationSource } from '../files/index.ts';
import { plural } from '../io.ts';
import type { EngineSession } from './session.ts';
import type { EngineTables } from './simulator.ts';
import { TABLES } from './tables.ts';

/** A file's problem: row counts data rows from 1 (a CSV's line is row + 1); 0 is the file itself. */
interface Problem {
  readonly file: string;
  readonly row: number;
  readonly field: string;
  readonly message: string;
}

const fieldsOf = (level: Level) => (level === 'household' ? HOUSEHOLD_FIELDS : PERSON_FIELDS);
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The SQL regular-expression match of the whole text. */
const matches = (D: Dialect, e: string, re: string) => (D.name === 'duckdb' ? `regexp_full_match(${e}, ${lit(re)})` : D.name === 'spark' ? `(${e} RLIKE ${lit(`^${re}$`)})` : `(${e} ~ ${lit(`^${re}$`)})`);

/**
 * A field's value from its text `t` (NULL when the text is not one), and the condition under which
 * the text is not acceptable, with the reason.
 */
function convert(D: Dialect, f: FieldSpec, t: string): { value: string; bad: string; why: string } {
  const trimmed = `trim(${t})`;
  const type = f.type;
  if (!type) return { value: t, bad: `${t} = ''`, why: 'is empty (an id is non-empty text)' };
  switch (type.k) {
    case 'bool':
      return { value: `CASE ${t} WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END`, bad: `${t} NOT IN ('true', 'false')`, why: 'must be true or false' };
    case 'enum': {
      const spec = enumSpec(type.name)!;
      const whens = spec.values.flatMap((v) => [`WHEN ${lit(v.id)} THEN ${lit(v.id)}`, `WHEN ${lit(v.zh)} THEN ${lit(v.id)}`]).join(' ');
      return { value: `CASE ${t} ${whens} END`, bad: `(CASE ${t} ${whens} END) IS NULL`, why: `is not one of ${spec.values.map((v) => v.id).join(', ')}` };
    }
    case 'region':
      return { value: `CAST(${t} AS INTEGER)`, bad: `NOT ${matches(D, t, '[0-9]{6}')}`, why: 'must be a 6-digit region code' };
    case 'integer':
    case 'months': {
      const [min, max] = [f.min ?? 0, f.max ?? I32_MAX];
      const n = `CAST(${trimmed} AS BIGINT)`;
      return { value: n, bad: `NOT ${matches(D, trimmed, '-?[0-9]{1,10}')} OR ${n} < ${min} OR ${n} > ${max}`, why: `must be a whole number from ${min} to ${max}` };
    }
    case 'money': {
      // yuan digits and at most two decimals, counted into fen as integers
      const whole = `CAST(split_part(${trimmed}, '.', 1) AS BIGINT)`;
      const cents = `CAST(rpad(split_part(${trimmed}, '.', 2), 2, '0') AS BIGINT)`;
      const fen = `(${whole} * 100 + ${cents})`;
      const max = f.column === 'i32' ? I32_MAX : Number.MAX_SAFE_INTEGER;
      return {
        value: fen,
        bad: `NOT ${matches(D, trimmed, '[0-9]{1,14}(\\.[0-9]{1,2})?')} OR ${fen} > ${max}`,
        why: `must be an amount in yuan, not negative, with at most two decimals (money is exact to the fen), at most ${(max / 100).toFixed(2)}`,
      };
    }
    case 'number': {
      // the weight: a plain decimal of at most WEIGHT_DIGITS significant digits, from 0 to 10⁹
      const n = `CAST(${trimmed} AS ${D.double})`;
      const digits = `length(ltrim(replace(replace(${trimmed}, '.', ''), '-', ''), '0'))`;
      return {
        value: n,
        bad: `NOT ${matches(D, trimmed, '-?[0-9]{1,17}(\\.[0-9]{1,17})?')} OR ${digits} > ${WEIGHT_DIGITS} OR ${n} < ${f.min ?? 0} OR ${n} > ${f.max ?? 1e9}`,
        why: `must be a decimal number from ${f.min ?? 0} to ${(f.max ?? 1e9).toLocaleString('en')} of at most ${WEIGHT_DIGITS} significant digits`,
      };
    }
    default:
      return { value: 'NULL', bad: 'TRUE', why: 'has a type no household field has' };
  }
}

/** A raw table in the engine: one text column per field given (named by the field's id) and `pos`, the row's place in its file. */
interface RawTable {
  readonly name: string;
  readonly file: string;
  readonly fields: readonly FieldSpec[];
  readonly level: Level;
  /** a CSV's problem rows are reported as lines (row + 1); others as rows */
  readonly lines: boolean;
}

/** The cells of a CSV file's first row (from its first megabyte). */
function headerCells(file: string): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return Papa.parse<string[]>(buf.subarray(0, n).toString('utf8'), { preview: 1 }).data[0] ?? [];
  } finally {
    fs.closeSync(fd);
  }
}

/** Where a file's problems go, and the refusal once they are known. */
class Problems {
  readonly list: Problem[] = [];
  total = 0;
  add(p: Problem, count = 1): void {
    if (this.list.length < 10) this.list.push(p);
    this.total += count;
  }
  check(): void {
    if (!this.total) return;
    const shown = this.list.map((x) => `  ${x.file}:${x.row ? `${x.row}: ` : ' '}${x.field ? `field ${x.field}: ` : ''}${x.message}`);
    const more = this.total > shown.length ? `\n  … and ${this.total - shown.length} more` : '';
    throw new InputError(`the population was not read (${plural(this.total, 'problem')}):\n${shown.join('\n')}${more}`);
  }
}

/** The fields of a header, or the header's problems. */
function headerOf(names: readonly string[], level: Level, file: string, problems: Problems): readonly FieldSpec[] | undefined {
  const h = headerFields(names, level, (field, message) => problems.add({ file, row: 0, field, message }));
  return h?.fields;
}

const engineName = (D: Dialect) => (D.name === 'duckdb' ? 'DuckDB' : 'Spark');

/** Runs the statements that make a raw table; an engine's refusal of the file is the file's problem. */
async function make(session: EngineSession, file: string, statements: string[], problems: Problems): Promise<boolean> {
  try {
    await session.run(statements);
    return true;
  } catch (e) {
    problems.add({ file, row: 0, field: '', message: `cannot be read: ${(e as Error).message}` });
    return false;
  }
}

/** The raw tables of a source, in the engine. */
async function rawTables(session: EngineSession, source: PopulationSource, problems: Problems): Promise<[RawTable, RawTable] | undefined> {
  const D = dialectOf(session.dialect);
  const spark = D.name === 'spark';
  const table = (name: string, select: string) =>
    spark ? [`DROP TABLE IF EXISTS ${name}`, `CREATE TABLE ${name} USING parquet AS ${select}`] : [`CREATE OR REPLACE TABLE ${name} AS ${select}`];
  // the row's place: DuckDB keeps file order (preserve_insertion_order); Spark's ids increase in file order
  const pos = spark ? 'monotonically_increasing_id()' : 'row_number() OVER ()';
  if (source.format === 'jsonl') return jsonTables(session, source.file, problems, table);
  const out: RawTable[] = [];
  for (const [level, file] of [['household', source.households], ['person', source.persons]] as [Level, string][]) {
    const name = `doudi_raw_${level}`;
    if (source.format === 'csv') {
      let cells: string[];
      try {
        cells = headerCells(file);
      } catch (e) {
        problems.add({ file, row: 0, field: '', message: `cannot be read (${(e as Error).message})` });
        return undefined;
      }
      const fields = headerOf(cells, level, file, problems);
      if (!fields) return undefined;
      const from = spark
        ? `doudi_csv_${level}`
        : `read_csv(${lit(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${fields.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ')}}, max_line_size = 4194304)`;
      const pre = spark ? [`CREATE OR REPLACE TEMPORARY VIEW ${from} (${fields.map((_, i) => `c${i} STRING`).join(', ')}) USING csv OPTIONS (path ${lit(file)}, header 'true', mode 'FAILFAST', multiLine 'true')`] : [];
      // an empty cell is NULL in both readers: as text '' so that it is a problem of its field
      const cols = fields.map((f, i) => `COALESCE(c${i}, '') AS ${f.id}`).join(', ');
      if (!(await make(session, file, [...pre, ...table(name, `SELECT ${cols}, ${pos} AS pos FROM ${from}`)], problems))) return undefined;
      out.push({ name, file, fields, level, lines: true });
    } else {
      const reader = spark ? `parquet.\`${file.replace(/`/g, '``')}\`` : `read_parquet(${lit(file)})`;
      let names: string[];
      try {
        const rows = await session.query(spark ? `SELECT * FROM ${reader} LIMIT 0` : `DESCRIBE SELECT * FROM ${reader}`);
        names = spark ? await sparkColumns(session, reader) : rows.map((r) => r.column_name!);
      } catch (e) {
        problems.add({ file, row: 0, field: '', message: `is not a Parquet file ${engineName(D)} can read (${(e as Error).message})` });
        return undefined;
      }
      const fields = headerOf(names, level, file, problems);
      if (!fields) return undefined;
      const text = (c: string) => `COALESCE(CAST(${D.ident(c)} AS ${spark ? 'STRING' : 'VARCHAR'}), '')`;
      const cols = names.map((n, i) => `${text(n)} AS ${fields[i]!.id}`).join(', ');
      if (!(await make(session, file, table(name, `SELECT ${cols}, ${pos} AS pos FROM ${reader}`), problems))) return undefined;
      out.push({ name, file, fields, level, lines: false });
    }
  }
  return out as [RawTable, RawTable];
}

/** Spark: a relation's column names (DESCRIBE of a query). */
async function sparkColumns(session: EngineSession, reader: string): Promise<string[]> {
  const rows = await session.query(`DESCRIBE QUERY SELECT * FROM ${reader}`);
  return rows.map((r) => r.col_name!);
}

/**
 * JSON Lines: each line a household's object with its members. Read as text lines, each key by
 * its id or Chinese name through the engine's JSON path functions (a number or a bool as its JSON
 * text), the members exploded with their household's id.
 */
async function jsonTables(session: EngineSession, file: string, problems: Problems, table: (name: string, select: string) => string[]): Promise<[RawTable, RawTable] | undefined> {
  const D = dialectOf(session.dialect);
  const spark = D.name === 'spark';
  const lines = spark
    ? `SELECT value AS j, monotonically_increasing_id() AS pos FROM text.\`${file.replace(/`/g, '``')}\` WHERE trim(value) <> ''`
    : `SELECT json AS j, row_number() OVER () AS pos FROM read_json_objects(${lit(file)}, format = 'newline_delimited')`;
  if (!(await make(session, file, table('doudi_raw_lines', lines), problems))) return undefined;
  const get = (j: string, key: string) => (spark ? `get_json_object(${j}, ${lit(`$.${key}`)})` : `json_extract_string(${j}, ${lit(`$."${key}"`)})`);
  const value = (j: string, f: FieldSpec) => `COALESCE(${get(j, f.id)}, ${get(j, f.zh)}, '')`;
  const present = (j: string, f: FieldSpec) => `(${get(j, f.id)} IS NOT NULL OR ${get(j, f.zh)} IS NOT NULL)`;
  // a line that is not an object, and required fields absent, are problems before any conversion
  const checks: string[] = [];
  for (const [level, j] of [['household', 'j'], ['person', 'p']] as const) {
    for (const f of fieldsOf(level)) {
      if (f.optional || (level === 'person' && f.id === 'household_id')) continue;
      checks.push(`SELECT pos, ${lit(level === 'person' ? `members.${f.id}` : f.id)} AS field, 'is missing' AS message FROM ${level === 'person' ? 'doudi_raw_members' : 'doudi_raw_lines'} WHERE NOT ${present(j, f)}`);
    }
  }
  const members = spark
    ? `SELECT l.pos, ${get('l.j', 'household_id')} AS hid, m.p FROM doudi_raw_lines l LATERAL VIEW explode(from_json(get_json_object(l.j, '$.members'), 'array<string>')) m AS p`
    : `SELECT l.pos, ${get('l.j', 'household_id')} AS hid, unnest(CAST(json_extract(l.j, '$.members') AS JSON[])) AS p FROM doudi_raw_lines l`;
  if (!(await make(session, file, table('doudi_raw_members', `SELECT * FROM (${members}) x WHERE p IS NOT NULL`), problems))) return undefined;
  const missing = await session.query(`SELECT pos, field, message FROM (${checks.join(' UNION ALL ')}) x ORDER BY pos LIMIT 10`);
  for (const r of missing) problems.add({ file, row: spark ? Number((await session.query(`SELECT count(*) AS n FROM doudi_raw_lines WHERE pos <= ${r.pos}`))[0]!.n) : Number(r.pos), field: r.field!, message: r.message! });
  if (missing.length) return undefined;
  const hcols = HOUSEHOLD_FIELDS.map((f) => `${f.optional ? `CASE WHEN ${present('j', f)} THEN ${value('j', f)} END` : value('j', f)} AS ${f.id}`).join(', ');
  const pf = PERSON_FIELDS.filter((f) => f.id !== 'household_id');
  const pcols = pf.map((f) => `${f.optional ? `CASE WHEN ${present('p', f)} THEN ${value('p', f)} END` : value('p', f)} AS ${f.id}`).join(', ');
  if (!(await make(session, file, table('doudi_raw_household', `SELECT ${hcols}, pos FROM doudi_raw_lines`), problems))) return undefined;
  if (!(await make(session, file, table('doudi_raw_person', `SELECT hid AS household_id, ${pcols}, pos FROM doudi_raw_members`), problems))) return undefined;
  return [
    { name: 'doudi_raw_household', file, fields: HOUSEHOLD_FIELDS, level: 'household', lines: false },
    { name: 'doudi_raw_person', file, fields: PERSON_FIELDS, level: 'person', lines: false },
  ];
}

/**
 * Loads the population at `source` into TABLES in the session's engine; returns the tables and the
 * households' count. Refuses the files with every problem listed (at most 10 shown).
 */
export async function loadPopulationFiles(session: EngineSession, source: PopulationSource): Promise<{ tables: EngineTables; households: number }> {
  const D = dialectOf(session.dialect);
  const problems = new Problems();
  const raw = await rawTables(session, source, problems);
  problems.check();
  const [hh, pp] = raw!;
  // a JSON Lines file may leave optional fields out; a NULL text means absent there
  const rowOf = async (t: RawTable, pos: string): Promise<number> => {
    if (D.name === 'duckdb') return Number(pos);
    const r = await session.query(`SELECT count(*) AS n FROM ${t.name} WHERE pos <= ${pos}`);
    return Number(r[0]!.n);
  };
  for (const t of [hh, pp]) {
    const parts = t.fields
      .filter((f) => f.type !== undefined || f.id.endsWith('_id'))
      .map((f) => {
        const c = convert(D, f, f.id);
        return `SELECT pos, ${lit(f.id)} AS field, ${f.id} AS cell, ${lit(c.why)} AS why FROM ${t.name} WHERE ${f.id} IS NOT NULL AND (${c.bad})`;
      });
    const rows = await session.query(`SELECT * FROM (${parts.join(' UNION ALL ')}) x ORDER BY pos LIMIT 10`);
    const count = rows.length ? Number((await session.query(`SELECT count(*) AS n FROM (${parts.join(' UNION ALL ')}) x`))[0]!.n) : 0;
    for (const [i, r] of rows.entries()) {
      const row = await rowOf(t, r.pos!);
      const cell = r.cell === '' ? 'is empty' : `"${r.cell!.length > 40 ? r.cell!.slice(0, 40) + '…' : r.cell}" ${r.why}`;
      problems.add({ file: t.file, row: t.lines ? row + 1 : row, field: r.field!, message: r.cell === '' ? `${cell}: it ${r.why}` : cell }, i === rows.length - 1 ? count - rows.length + 1 : 1);
    }
  }
  // ids given twice, persons of no household, households too large
  const idChecks: [RawTable, string, string][] = [
    [hh, `SELECT min(pos) AS first, max(pos) AS last, household_id AS id, count(*) AS n FROM ${hh.name} GROUP BY household_id HAVING count(*) > 1`, 'household_id'],
    [pp, `SELECT min(pos) AS first, max(pos) AS last, person_id AS id, count(*) AS n FROM ${pp.name} GROUP BY person_id HAVING count(*) > 1`, 'person_id'],
  ];
  for (const [t, sql, field] of idChecks) {
    const rows = await session.query(`SELECT * FROM (${sql}) d ORDER BY first LIMIT 10`);
    for (const r of rows) {
      const [first, last] = [await rowOf(t, r.first!), await rowOf(t, r.last!)].map((x) => x + (t.lines ? 1 : 0));
      problems.add({ file: t.file, row: last!, field, message: `"${r.id}" appears ${r.n === '2' ? 'twice' : `${r.n} times`} (first on ${t.lines ? 'line' : 'row'} ${first}); ids are unique` });
    }
  }
  if (source.format !== 'jsonl') {
    const orphans = await session.query(`SELECT p.pos, p.household_id FROM ${pp.name} p LEFT JOIN (SELECT DISTINCT household_id FROM ${hh.name}) h ON h.household_id = p.household_id WHERE h.household_id IS NULL ORDER BY p.pos LIMIT 10`);
    for (const r of orphans) problems.add({ file: pp.file, row: (await rowOf(pp, r.pos!)) + 1, field: 'household_id', message: `household "${r.household_id}" is not in ${hh.file}` });
  }
  const big = await session.query(`SELECT household_id, count(*) AS n FROM ${pp.name} GROUP BY household_id HAVING count(*) > ${MAX_MEMBERS} ORDER BY household_id LIMIT 10`);
  for (const r of big) problems.add({ file: pp.file, row: 0, field: 'household_id', message: `household "${r.household_id}" has ${r.n} members; at most ${MAX_MEMBERS}` });
  problems.check();
  // the tables, of the schema's types; households keep their place (doudi_row)
  const typed = (t: RawTable, level: Level) =>
    tableColumns(D.name, level)
      .map((c) => {
        const f = fieldsOf(level).find((x) => x.id === c.name)!;
        const given = t.fields.some((x) => x.id === f.id);
        return `${given ? `CASE WHEN ${f.id} IS NULL THEN NULL ELSE ${convert(D, f, f.id).value} END` : `CAST(NULL AS ${c.type})`} AS ${D.ident(c.name)}`;
      })
      .join(', ');
  const spark = D.name === 'spark';
  const table = (name: string, select: string) =>
    spark ? [`DROP TABLE IF EXISTS ${name}`, `CREATE TABLE ${name} USING parquet AS ${select}`] : [`CREATE OR REPLACE TABLE ${name} AS ${select}`];
  await session.run([
    ...table(TABLES.households, `SELECT ${typed(hh, 'household')}, pos AS ${TABLES.position} FROM ${hh.name}`),
    ...table(TABLES.persons, `SELECT ${typed(pp, 'person')} FROM ${pp.name}`),
  ]);
  const drop = ['doudi_raw_household', 'doudi_raw_person', 'doudi_raw_members', 'doudi_raw_lines'];
  await session.run(drop.map((n) => `DROP TABLE IF EXISTS ${n}`));
  const n = await session.query(`SELECT count(*) AS n FROM ${TABLES.households}`);
  return { tables: TABLES, households: Number(n[0]!.n) };
}
