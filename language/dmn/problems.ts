/**
 * What the DMN importer reports: one table of codes, each with its severity and a line for the
 * reference (docs/language.md lists them), and problems as data naming the DMN element (its id,
 * what it is, its line) and the reason.
 */
/** Where an element is: its id (or kind and name when it has none) and its line. */
export interface Where {
  readonly id?: string;
  readonly what: string;
  readonly line: number;
}

export const PROBLEMS = {
  'dmn-xml': { severity: 'error', doc: 'The file is not well-formed XML (the message gives the line and column).' },
  'dmn-not-dmn': { severity: 'error', doc: 'The root element is not `definitions` in a DMN 1.1–1.5 model namespace.' },
  'dmn-logic': { severity: 'error', doc: 'A decision whose logic is not a decision table (a literal expression, a context, an invocation …): not imported.' },
  'dmn-list-valued': { severity: 'error', doc: 'A table whose hit policy returns a list (RULE ORDER, OUTPUT ORDER, COLLECT without an aggregation): refused, as Doudi refuses list-valued tables.' },
  'dmn-hit-policy': { severity: 'error', doc: 'An unknown hit policy or aggregation, or an aggregation over several outputs (DMN allows none).' },
  'dmn-feel': { severity: 'error', doc: 'A cell, output entry or input expression beyond what the importer translates (FEEL unary tests of literals; literals; names).' },
  'dmn-type': { severity: 'error', doc: 'A type the importer cannot map (structures, collections, time, durations …).' },
  'dmn-name': { severity: 'error', doc: 'An input expression that names no input data and no decision of the model.' },
  'dmn-no-default': { severity: 'error', doc: 'A table without a default output where DMN returns null for some input: supply one with `--default`.' },
  'dmn-default': { severity: 'error', doc: 'A `--default` option that names no output of the model, or whose value does not fit the output.' },
  'dmn-needs': { severity: 'error', doc: 'A decision that reads a decision which could not be imported.' },
  'dmn-check': { severity: 'error', doc: 'The translation of a decision does not check as Doudi (the checker\'s message follows); the decision is left out. The checker\'s warnings come with this code too, as warnings.' },
  'dmn-value': { severity: 'warning', doc: 'A cell value that is not among its input\'s declared values (the row can never match), or a row that no input can match.' },
  'dmn-null-sum': { severity: 'info', doc: 'A COLLECT SUM table with no default: where no rule matches DMN gives null, the imported table gives 0.' },
  'dmn-renamed': { severity: 'info', doc: 'A DMN name that is a schema field, keyword or built-in of Doudi, imported under another name.' },
} as const satisfies Record<string, { severity: 'error' | 'warning' | 'info'; doc: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export interface Problem {
  readonly code: ProblemCode;
  readonly severity: 'error' | 'warning' | 'info';
  readonly at: Where;
  readonly message: string;
}

export function problem(code: ProblemCode, at: Where, message: string, severity: Problem['severity'] = PROBLEMS[code].severity): Problem {
  return { code, severity, at, message };
}

/** One line per problem: `FILE:LINE: error dmn-feel: _abc (input entry 1 of rule 2 …): message`. */
export function formatProblem(p: Problem, file: string): string {
  const where = p.at.id ? `${p.at.id} (${p.at.what})` : p.at.what;
  return `${file}:${p.at.line}: ${p.severity} ${p.code}: ${where}: ${p.message}`;
}
