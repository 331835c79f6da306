/**
 * The sizes every stage of the language accepts. The checker refuses a policy beyond one of these
 * with a positioned diagnostic; every later stage (interpreter, JS backend, SQL backend, simulator)
 * must handle a policy at these limits. A policy that checks clean always compiles and runs.
 * docs/language.md lists them and what happens past each.
 */
export const LIMITS = {
  /** Depth of one expression's tree: nested parentheses, `if`s, calls, and the terms of an operator
   * chain (a + b + c … counts one level per operator). */
  expressionDepth: 200,
  /** The longest chain of definitions each reading the next (dependency depth). */
  definitionDepth: 1000,
  /** Rows of one decision table. */
  tableRows: 10000,
  /** Diagnostics printed for one file; the rest are counted in one closing line. */
  diagnosticsPerFile: 200,
  /** Characters of a source line shown in a diagnostic's excerpt. */
  excerptColumns: 160,
} as const;
