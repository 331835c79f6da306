/**
 * IR → SQL for DuckDB, PostgreSQL and Spark: one query over `households` and `persons` giving one
 * row of outputs per household, exact to the fen. See README.md.
 */
export { compileSql, SqlCompileError, type SqlOptions, type SqlQuery, type SqlColumn } from './compile.ts';
export { tableDefinitions, tableColumns } from './tables.ts';
export { DIALECTS, dialectOf, roundDiv, type DialectName, type Dialect, type Rounding } from './dialect.ts';
export { MAX_MEMBERS } from './aggregate.ts';
// A simulation run in SQL: the simulator's sums from the per-household outputs (simulate.ts, simulate-sums.ts).
export * as simulation from './simulate.ts';
export * as simulationSums from './simulate-sums.ts';
