/**
 * The CSV pair (households.csv, persons.csv) from rows of cells, as a CSV library gives them
 * (papaparse in the browser and for text in memory; the CLI reads files through DuckDB instead,
 * cli/files/). Rows are fed in file order, the households file first, so every person finds its
 * household. Cells are the schema's text: ids, yuan, true/false, enum ids or Chinese names.
 */
import Papa from 'papaparse';
import type { Level } from '../../language/index.ts';
import { tableColumns, type TableColumns } from './header.ts';
import { PopulationBuilder, type SourceFiles } from './builder.ts';
import type { Population } from './problems.ts';

/** One CSV file of the pair, row by row; the first row is the header. */
export class CsvTable {
  private columns: TableColumns | undefined;
  private header = true;
  /** the line the next row starts on */
  private line = 1;
  private idColumn = -1;
  private householdColumn = -1;

  /** `headerOnly`: check the header and stop (the other file of the pair is already refused). */
  constructor(
    private readonly builder: PopulationBuilder,
    private readonly level: Level,
    private readonly headerOnly = false,
  ) {}

  /** Whether the header named the columns well (the rows can be read). */
  get usable(): boolean {
    return this.columns !== undefined;
  }

  private get file(): string {
    return this.level === 'household' ? this.builder.files.households : this.builder.files.persons;
  }

  /** The next row of cells. Returns false once there are enough problems to stop reading. */
  row(cells: readonly string[], error?: string): boolean {
    const at = this.line;
    // A row starts a line; line breaks inside quoted cells move the next row down.
    for (const c of cells) for (let i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) this.line++;
    this.line++;
    if (error) {
      this.builder.problem(this.file, at, '', error);
      return !this.builder.full;
    }
    if (cells.length === 1 && cells[0] === '') return true;
    if (this.header) {
      this.header = false;
      this.columns = tableColumns(cells, this.level, (field, message) => this.builder.problem(this.file, at, field, message));
      if (this.columns) {
        this.builder.leaveOut(this.columns.absent);
        this.idColumn = this.columns.fields.findIndex((f) => f.id === (this.level === 'household' ? 'household_id' : 'person_id'));
        this.householdColumn = this.columns.fields.findIndex((f) => f.id === 'household_id');
      }
      return !!this.columns && !this.headerOnly;
    }
    const fields = this.columns!.fields;
    if (cells.length !== fields.length) {
      this.builder.problem(this.file, at, '', `has ${cells.length} cells; the header has ${fields.length}`);
      return !this.builder.full;
    }
    const b = this.builder;
    if (this.level === 'household') {
      const h = b.addHousehold(cells[this.idColumn], at);
      for (let i = 0; i < fields.length; i++) if (i !== this.idColumn) b.setHousehold(h, fields[i]!, cells[i], at);
    } else {
      const p = b.addPerson(cells[this.idColumn], cells[this.householdColumn], at);
      for (let i = 0; i < fields.length; i++) if (i !== this.idColumn && i !== this.householdColumn) b.setPerson(p, fields[i]!, cells[i], at);
    }
    return !b.full;
  }

  /** Whether the file had a header row at all. */
  end(): void {
    if (this.header) this.builder.problem(this.file, 1, '', 'is empty: the first row must name the columns');
  }
}

/** Parses CSV text with papaparse, one row at a time, into a table. */
export function parseCsvText(text: string, table: CsvTable): void {
  Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    step: (r, parser) => {
      const error = r.errors.length ? `is not valid CSV: ${r.errors[0]!.message}` : undefined;
      if (!table.row(r.data, error)) parser.abort();
    },
  });
  table.end();
}

/** The CSV pair from text in memory; a file with any problem is rejected whole. */
export function fromCsv(householdsText: string, personsText: string, files: SourceFiles = { households: 'households.csv', persons: 'persons.csv' }): Population {
  const b = new PopulationBuilder(files);
  const households = new CsvTable(b, 'household');
  parseCsvText(householdsText, households);
  if (!b.full) parseCsvText(personsText, new CsvTable(b, 'person', !households.usable));
  const pop = b.finish();
  if (!pop) throw b.error();
  return pop;
}
