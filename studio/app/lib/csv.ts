/**
 * CSV as spreadsheets open it: UTF-8 with a byte-order mark (so Excel reads Chinese correctly),
 * CRLF line ends, fields quoted only when they must be (RFC 4180).
 */
export type Cell = string | number | boolean | null | undefined;

export const BOM = '\uFEFF';

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' && !Number.isFinite(v)) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The text of a CSV file: a BOM, then one line per row. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return BOM + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Its bytes, as a file is written (the BOM is EF BB BF). */
export function csvBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
