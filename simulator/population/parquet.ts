/**
 * The Parquet pair (households.parquet, persons.parquet) read with hyparquet, row group by row
 * group, into a builder — the studio's reader (the CLI reads Parquet through DuckDB, cli/files/).
 * Values go through the same decoders as every other reader. A DECIMAL column (money, as Doudi
 * writes it) is taken back to its exact digits first: hyparquet gives DECIMALs as binary floats
 * (unscaled × 10^-scale), from which the unscaled integer is recovered exactly and written out as
 * text, so money is never read through a float.
 */
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { Level } from '../../language/index.ts';
import { tableColumns } from './header.ts';
import type { PopulationBuilder } from './builder.ts';

/** Text of unscaled × 10^-scale, exactly. */
function decimalText(unscaled: number, scale: number): string {
  const neg = unscaled < 0;
  const digits = String(Math.abs(unscaled)).padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}` : digits;
  return neg ? `-${text}` : text;
}

/** A Blob as hyparquet's file (ranges read on demand). */
export function blobBuffer(blob: Blob): AsyncBuffer {
  return { byteLength: blob.size, slice: (start, end) => blob.slice(start, end).arrayBuffer() };
}

/**
 * Reads one Parquet file of the pair into the builder (households before persons). Rows count
 * from 1 in messages; row 0 is the file's schema. Returns false when reading should stop.
 */
export async function readParquetTable(b: PopulationBuilder, level: Level, file: string, buffer: AsyncBuffer): Promise<boolean> {
  let metadata;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (e) {
    b.problem(file, -1, '', `is not a Parquet file (${(e as Error).message})`);
    return false;
  }
  const schema = parquetSchema(metadata).children.map((c) => c.element);
  const header = tableColumns(
    schema.map((e) => e.name),
    level,
    (field, message) => b.problem(file, -1, field, message),
  );
  if (!header) return false;
  b.leaveOut(header.absent);
  const scales = schema.map((e) => (e.converted_type === 'DECIMAL' || e.logical_type?.type === 'DECIMAL' ? (e.scale ?? 0) : undefined));
  const household = level === 'household';
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const columns = new Map<string, unknown[]>();
    await parquetRead({
      file: buffer,
      metadata,
      compressors,
      rowStart,
      rowEnd,
      onChunk: ({ columnName, columnData, rowStart: at }) => {
        const list = columns.get(columnName) ?? columns.set(columnName, new Array(rowEnd - rowStart)).get(columnName)!;
        for (let i = 0; i < columnData.length; i++) list[at - rowStart + i] = columnData[i];
      },
    });
    const n = rowEnd - rowStart;
    const cols = household ? b.household : b.person;
    const start = cols.reserve(n);
    const value = (k: number, i: number): unknown => {
      const v = columns.get(schema[k]!.name)![i];
      const scale = scales[k];
      if (scale !== undefined && typeof v === 'number') return decimalText(Math.round(v * 10 ** scale), scale);
      return typeof v === 'bigint' ? String(v) : v;
    };
    const id = header.fields.findIndex((f) => f.id === (household ? 'household_id' : 'person_id'));
    const hid = header.fields.findIndex((f) => f.id === 'household_id');
    for (let i = 0; i < n; i++) {
      const at = rowStart + i;
      if (household) b.householdId(start + i, value(id, i), at);
      else {
        b.personId(start + i, value(id, i), at);
        b.personHouseholdId(start + i, value(hid, i), at);
      }
    }
    header.fields.forEach((f, k) => {
      if (f.column === undefined) return;
      for (let i = 0; i < n; i++) {
        const v = value(k, i) ?? '';
        if (household) b.setHousehold(start + i, f, v, rowStart + i);
        else b.setPerson(start + i, f, v, rowStart + i);
      }
    });
    rowStart = rowEnd;
    if (b.full) return false;
  }
  return true;
}
