/**
 * What differs between the SQL engines, in one place. Every integer division and every rounding
 * in generated SQL goes through `roundDiv` below, with the rounding written out on non-negative
 * operands (where truncation is floor), so no engine's own rounding is ever used:
 *
 * - DuckDB: `/` on integers is DOUBLE and `DECIMAL / x` is DOUBLE; `//` truncates on integers.
 * - PostgreSQL: `/` truncates on integers but rounds on NUMERIC, so NUMERIC uses `div()`.
 * - Spark: `/` is DECIMAL or DOUBLE; `div` is integral division (exact, also on DECIMAL).
 *
 * `sign()` is DOUBLE in PostgreSQL (on bigint) and Spark, so signs are CASE expressions.
 * Divisors are wrapped in NULLIF(…, 0): a division only runs where the checker proved its divisor
 * non-zero, but SQL may evaluate a branch that is not taken (and PostgreSQL and Spark raise on 0).
 */

export type DialectName = 'duckdb' | 'postgres' | 'spark';

export const DIALECTS: readonly DialectName[] = ['duckdb', 'postgres', 'spark'];

export type Rounding = 'half-away' | 'up' | 'down';

export interface Dialect {
  readonly name: DialectName;
  /** the exact integer type past BIGINT: sums and products that may not fit 64 bits */
  readonly wide: string;
  /** the largest magnitude the wide type holds exactly */
  readonly wideLimit: bigint;
  readonly text: string;
  readonly bool: string;
  readonly int: string;
  /** the survey weight's type (a weight is neither money nor a rate) */
  readonly double: string;
  /** truncating division of non-negative integers a ÷ b (b > 0); `wide` when an operand may be wide */
  idiv(a: string, b: string, wide: boolean): string;
  /** a CTE body that the planner must not inline into its readers (PostgreSQL substitutes expressions) */
  fence(select: string): string;
  /** a boolean aggregate: some / every row */
  boolOr(x: string): string;
  boolAnd(x: string): string;
  /** a literal table (rows of literals) with named columns */
  values(rows: readonly string[][], columns: readonly string[]): string;
  /** a string literal (the text is data: quotes doubled, no escapes interpreted) */
  str(s: string): string;
  /** a quoted identifier (only ever made from names that match IDENT) */
  ident(s: string): string;
}

/** The only names that become SQL identifiers; others are numbered columns. */
export const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

const duckdb: Dialect = {
  name: 'duckdb',
  wide: 'HUGEINT',
  wideLimit: (1n << 126n) - 1n,
  text: 'VARCHAR',
  bool: 'BOOLEAN',
  int: 'BIGINT',
  double: 'DOUBLE',
  idiv: (a, b) => `(${a}) // NULLIF(${b}, 0)`,
  fence: (s) => s,
  boolOr: (x) => `bool_or(${x})`,
  boolAnd: (x) => `bool_and(${x})`,
  values: (rows, cols) => `(VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')}) AS t(${cols.join(', ')})`,
  str: quote,
  ident: (s) => `"${s}"`,
};

const postgres: Dialect = {
  name: 'postgres',
  wide: 'NUMERIC',
  // NUMERIC has no fixed limit; 38 digits keeps every engine to the same range.
  wideLimit: 10n ** 38n - 1n,
  text: 'TEXT',
  bool: 'BOOLEAN',
  int: 'BIGINT',
  double: 'DOUBLE PRECISION',
  idiv: (a, b, wide) => (wide ? `div(${a}, NULLIF(${b}, 0))` : `(${a}) / NULLIF(${b}, 0)`),
  // OFFSET 0 keeps PostgreSQL from pulling the layer up into its reader, which would copy each
  // definition's expression into every place that reads it.
  fence: (s) => `${s} OFFSET 0`,
  boolOr: (x) => `bool_or(${x})`,
  boolAnd: (x) => `bool_and(${x})`,
  values: (rows, cols) => `(VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')}) AS t(${cols.join(', ')})`,
  str: quote,
  ident: (s) => `"${s}"`,
};

const spark: Dialect = {
  name: 'spark',
  wide: 'DECIMAL(38,0)',
  wideLimit: 10n ** 38n - 1n,
  text: 'STRING',
  bool: 'BOOLEAN',
  int: 'BIGINT',
  double: 'DOUBLE',
  // `div` gives a BIGINT quotient; every quotient generated here (fen, whole steps) fits one.
  idiv: (a, b) => `(${a}) div NULLIF(${b}, 0)`,
  fence: (s) => s,
  boolOr: (x) => `bool_or(${x})`,
  boolAnd: (x) => `bool_and(${x})`,
  values: (rows, cols) => `(VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')}) AS t(${cols.join(', ')})`,
  // Spark reads backslash escapes in literals: a backslash is doubled so the text stays data.
  str: (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
  ident: (s) => `\`${s}\``,
};

export function dialectOf(name: DialectName): Dialect {
  return name === 'duckdb' ? duckdb : name === 'postgres' ? postgres : spark;
}

/**
 * The one rounding macro: a ÷ b rounded to a whole number (b > 0), half away from zero, up
 * (towards +∞) or down (towards −∞), by integer division of non-negative operands only.
 * `a` and `b` are SQL expressions; `a` appears more than once, so the caller passes an atom
 * or accepts the repetition.
 */
export function roundDiv(D: Dialect, a: string, b: string, mode: Rounding, wide: boolean): string {
  const p = (x: string) => (/^[\w.]+$/.test(x) ? x : `(${x})`);
  const A = p(a);
  const B = p(b);
  const div = (x: string, y: string) => D.idiv(x, y, wide);
  switch (mode) {
    case 'half-away':
      // |a|/b + 1/2 floored, with the sign of a: (2|a| + b) ÷ 2b
      return `CASE WHEN ${A} < 0 THEN -(${div(`-2 * ${A} + ${B}`, `2 * ${B}`)}) ELSE ${div(`2 * ${A} + ${B}`, `2 * ${B}`)} END`;
    case 'down':
      return `CASE WHEN ${A} < 0 THEN -(${div(`-${A} + ${B} - 1`, B)}) ELSE ${div(A, B)} END`;
    case 'up':
      return `CASE WHEN ${A} < 0 THEN -(${div(`-${A}`, B)}) ELSE ${div(`${A} + ${B} - 1`, B)} END`;
  }
}
