/**
 * The two input tables every generated query reads, as the schema defines them: one row per
 * household, one per member. Money is BIGINT fen (the files' yuan × 100), enums are their ids as
 * text, regions the 6-digit code as INTEGER, bools BOOLEAN. Schema version 2's optional fields may
 * be NULL (the query applies their documented defaults).
 */
import { dialectOf, type DialectName } from './dialect.ts';
import { fieldType, schemaFields } from './refs.ts';

export interface TableColumn {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
}

export function tableColumns(dialect: DialectName, level: 'household' | 'person'): TableColumn[] {
  const D = dialectOf(dialect);
  return schemaFields(level).map((f) => ({ name: f.id, type: fieldType(D, f), nullable: f.optional !== undefined }));
}

/** CREATE TABLE statements for `households` and `persons` (or the given names). */
export function tableDefinitions(dialect: DialectName, names: { households?: string; persons?: string } = {}): string {
  const D = dialectOf(dialect);
  const table = (name: string, level: 'household' | 'person') => {
    const cols = tableColumns(dialect, level).map((c) => `  ${D.ident(c.name)} ${c.type}${c.nullable || dialect === 'spark' ? '' : ' NOT NULL'}`);
    return `CREATE TABLE ${D.ident(name)} (\n${cols.join(',\n')}\n);`;
  };
  return `${table(names.households ?? 'households', 'household')}\n\n${table(names.persons ?? 'persons', 'person')}\n`;
}
