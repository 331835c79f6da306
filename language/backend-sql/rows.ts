/**
 * A population held as columns, written as the two tables' CSV (money in fen, enums as ids,
 * bools true/false, a header of the schema's ids) for an engine to load with its own CSV reader.
 * Written in pieces through `write`, so a population of millions never becomes one string.
 */
import { decodeValue, stored, type PopulationColumns } from '../schema/index.ts';
import { schemaFields } from './refs.ts';

export interface TableIds {
  readonly households: readonly string[];
  /** person ids by position (a string[] is one; the simulator's files keep them packed) */
  readonly persons: { at(i: number): string | undefined };
}

/** A household without an id is known by the simulator's synthetic id (H0000001, …), which keys its draws. */
const householdId = (ids: TableIds | undefined, h: number) => ids?.households[h] ?? `H${String(h + 1).padStart(7, '0')}`;

/** A CSV cell: ids are quoted when they hold a comma, a quote or a line break. */
const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function writeTableCsv(pop: PopulationColumns, level: 'household' | 'person', write: (chunk: string) => void, ids?: TableIds): void {
  const fields = schemaFields(level).filter((f) => stored(f) || f.type === undefined);
  write(fields.map((f) => f.id).join(',') + '\n');
  const cols = fields.map((f) => (f.type === undefined ? undefined : (level === 'household' ? pop.household : pop.person)[f.id]));
  let buf = '';
  const flush = () => {
    write(buf);
    buf = '';
  };
  for (let h = 0; h < pop.households; h++) {
    const hid = householdId(ids, h);
    const from = level === 'household' ? h : pop.memberStart[h]!;
    const to = level === 'household' ? h + 1 : pop.memberStart[h + 1]!;
    for (let r = from, j = 0; r < to; r++, j++) {
      const line = fields.map((f, i) => {
        if (f.id === 'household_id') return cell(hid);
        if (f.id === 'person_id') return cell(ids?.persons.at(r) ?? `${hid}-${j + 1}`);
        const c = cols[i];
        if (!c) return '';
        const v = c[r]!;
        const t = f.type!;
        // money and whole numbers are stored as their integer; codes are decoded to their ids
        return t.k === 'bool' || t.k === 'enum' ? String(decodeValue(f, v)) : String(v);
      });
      buf += line.join(',') + '\n';
    }
    if (buf.length > 1 << 20) flush();
  }
  flush();
}
