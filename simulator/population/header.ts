/**
 * The columns of a table file (a CSV header row, a Parquet schema) as schema fields: each column
 * named by a field's id or its Chinese name. An unknown column, a field given by two columns (the
 * same id twice, or once by id and once by Chinese name — the last would silently win) and a
 * missing required field are problems on row 1, naming the column.
 */
import { findField, HOUSEHOLD_FIELDS, PERSON_FIELDS, type FieldSpec, type Level } from '../../language/index.ts';

export interface TableColumns {
  /** the field of each column, in file order */
  readonly fields: readonly FieldSpec[];
  /** optional fields no column gives: they take the schema's defaults */
  readonly absent: readonly FieldSpec[];
}

export type HeaderProblem = (field: string, message: string) => void;

/** Maps column names to fields; undefined when any column is wrong (the problems say which). */
export function tableColumns(names: readonly string[], level: Level, problem: HeaderProblem): TableColumns | undefined {
  const all = level === 'household' ? HOUSEHOLD_FIELDS : PERSON_FIELDS;
  if (names.length === 0 || (names.length === 1 && names[0]!.trim() === '')) {
    problem('', 'is empty: the first row must name the columns');
    return undefined;
  }
  const fields: FieldSpec[] = [];
  const where = new Map<FieldSpec, { column: number; name: string }>();
  let ok = true;
  names.forEach((raw, i) => {
    const name = raw.replace(/^\uFEFF/, '').trim();
    const f = findField(level, name);
    if (!f) {
      problem(name, `unknown column "${name}"`);
      ok = false;
      return;
    }
    const before = where.get(f);
    if (before) {
      const as = before.name === name ? '' : ` (as "${before.name}")`;
      problem(f.id, `column ${i + 1} ("${name}") gives ${f.id} again: column ${before.column + 1}${as} already does`);
      ok = false;
      return;
    }
    where.set(f, { column: i, name });
    fields.push(f);
  });
  for (const f of all) {
    if (!where.has(f) && !f.optional) {
      problem(f.id, 'column is missing');
      ok = false;
    }
  }
  return ok ? { fields, absent: all.filter((f) => f.optional && !where.has(f)) } : undefined;
}
