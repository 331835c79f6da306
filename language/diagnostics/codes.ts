/**
 * Every diagnostic the language reports, in one table: a stable code, its severity, the names and
 * types of its parameters, and how its message is made from them. docs/language.md lists them
 * from this table. As in Malloy's `MessageParameterTypes`, a code's parameters are part of its
 * type: `makeDiagnostic('unit-mismatch', { lft: … })` does not compile, and the parameters stay on
 * the diagnostic as data (`Diagnostic.params`).
 */

export type Severity = 'error' | 'warning' | 'info';

/** What a parameter may hold: text, a count, or a flag that selects a wording. */
export type ParamValue = string | number | boolean;
type Params = { readonly [name: string]: ParamValue | undefined };
/** The parameters of a code that takes none. */
type None = Record<string, never>;

const article = (word: string): string => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);

export interface CodeSpec<P extends Params = Params> {
  readonly severity: Severity;
  readonly message: (p: P) => string;
  /** one line for the reference */
  readonly doc: string;
}

/** One code; its parameters are the type of `message`'s argument (`None` when it takes none). */
const spec = <P extends Params = None>(severity: Severity, doc: string, message: (p: P) => string): CodeSpec<P> => ({ severity, doc, message });

export const CODES = {
  // Lexing and parsing
  'unexpected-character': spec('error', 'A character that starts no token.', (p: { text: string }) => `unexpected character ${p.text}`),
  'unterminated-string': spec('error', 'A string without its closing quote on the same line.', () => 'this text has no closing quote on its line'),
  'unterminated-citation': spec('error', 'A citation `[` without its `]` on the same line.', () => 'this citation has no closing ] on its line'),
  'syntax': spec('error', 'The parser expected something else here.', (p: { message: string }) => p.message),
  'glued-keyword': spec('error', 'A Chinese keyword written against a name: separate keywords from names with a space.', (p: { name: string; keyword: string; rest: string }) =>
    `unknown name ${p.name}: did you mean "${p.keyword} ${p.rest}"? Separate Chinese keywords from names with a space`),

  // Files and composition
  'file-not-found': spec('error', 'A policy `extends` or a test `household from` names a file that does not exist.', (p: { path: string; reason?: string }) => `cannot read ${p.path}${p.reason ? ': ' + p.reason : ''}`),
  'baseline-mismatch': spec('error', 'A reform applied to a baseline that does not build on the framework the reform is written for.', (p: { policy: string; root: string; baseline: string }) =>
    `${p.policy} is written for policies built on ${p.root}; the baseline ${p.baseline} does not build on it`),
  'extends-cycle': spec('error', 'Policies that extend each other in a circle.', (p: { chain: string }) => `policies extend each other in a circle: ${p.chain}`),
  'missing-header': spec('error', 'A file without a `policy` header.', () => 'a policy file starts with a header: policy <id> "<name>"'),
  'missing-header-field': spec('error', 'A policy that neither states nor inherits its region or effective date.', (p: { policy: string; field: string; example: string }) => `policy ${p.policy} has no ${p.field}; add "${p.example}" to its header`),
  'duplicate-declaration': spec('error', 'Two declarations with the same name in one policy.', (p: { name: string }) => `${p.name} is declared twice in this policy`),
  'redeclared-without-override': spec('error', 'A policy declares a name its base already has, without `override`.', (p: { name: string; base: string; kind: string }) =>
    `${p.name} is already declared in ${p.base}; write "override ${p.kind} ${p.name} …" to replace it`),
  'override-without-base': spec('error', '`override` of a name no base policy declares.', (p: { name: string }) => `nothing to override: no base policy declares ${p.name}`),
  'override-kind-mismatch': spec('error', 'An override that changes what kind of declaration a name is.', (p: { name: string; base: string; policy: string }) => `${p.name} is ${article(p.base)} in ${p.policy}; an override must also be ${article(p.base)}`),
  'override-type-mismatch': spec('error', 'An override whose type differs from the declaration it replaces.', (p: { name: string; base: string; policy: string; type: string }) => `${p.name} has type ${p.base} in ${p.policy}; this override has ${p.type}`),
  'override': spec('info', 'A declaration that replaces one of a base policy (for review).', (p: { name: string; policy: string; kind: string }) => `${p.name} overrides ${p.policy}'s ${p.kind}`),
  'reserved-name': spec('error', 'A declaration named like a built-in function or a schema field.', (p: { name: string; what: string }) => `${p.name} is the name of ${p.what}; choose another name`),
  'alias-conflict': spec('error', 'A declaration\'s Chinese label names something else too.', (p: { label: string; name: string; other: string }) => `the label ${p.label} of ${p.name} is already the name of ${p.other}`),

  // Names
  'unknown-name': spec('error', 'A name that is no field, parameter, input, definition or built-in.', (p: { name: string; hint?: string }) => `unknown name ${p.name}${p.hint ? '; ' + p.hint : ''}`),
  'unknown-type': spec('error', 'A type that is neither built in nor a declared enum.', (p: { name: string }) => `unknown type ${p.name}`),
  'unknown-enum-value': spec('error', 'An enum value that the enum does not have.', (p: { value: string; enum: string; values: string }) => `${p.value} is not a value of ${p.enum} (values: ${p.values})`),
  'ambiguous-name': spec('error', 'A name that is both an enum value and a definition where either fits.', (p: { name: string; enum: string }) => `${p.name} could be the ${p.enum} value or the definition; write ${p.enum}.${p.name} for the value`),
  'unreadable-field': spec('error', 'A schema field that rules may not read (ids, the simulation weight).', (p: { name: string; why: string }) => `${p.name} ${p.why}`),
  'person-in-household': spec('error', 'A person-level name used at household level without an aggregation over members.', (p: { name: string }) =>
    `${p.name} is a person-level value; at household level use it inside sum/count/any/all/min/max(members …)`),
  'unknown-document': spec('error', 'A citation whose document key no `document` line of the policy or its bases declares.', (p: { cite: string; known: string }) => `citation [${p.cite}] names no declared document; declared: ${p.known}`),
  'missing-citation': spec('warning', 'A declaration that neither cites a source nor is marked as a model assumption.', (p: { name: string }) =>
    `${p.name} cites no source; add [<document> §…] or [assumption: …]`),
  'base-outside-override': spec('error', '`base` used outside an overriding parameter value.', () => 'base refers to the overridden value; it may only appear in an override parameter'),

  // Types and units
  'type-mismatch': spec('error', 'A value of one type where another is required.', (p: { what: string; expected: string; found: string }) => `${p.what}: expected ${p.expected}, found ${p.found}`),
  'unit-mismatch': spec('error', 'Money of two different periods, or money and months, combined without a conversion.', (p: { what: string; left: string; right: string; hint?: string }) => `${p.left} and ${p.right} do not mix ${p.what}${p.hint ? '; ' + p.hint : ''}`),
  'money-vs-number': spec('error', 'Money compared with, added to or defaulted to a bare number.', (p: { what: string; example: string }) => `money and a bare number do not mix ${p.what}; write the amount as money, e.g. ¥${p.example}`),
  'money-not-exact': spec('error', 'An output, parameter or test value of money that may hold fractions of a fen.', (p: { what: string }) => `${p.what} may hold fractions of a fen; round it, e.g. round(…, ¥0.01)`),
  'bad-operands': spec('error', 'An operator applied to types it does not take.', (p: { op: string; left: string; right?: string }) => `${p.op} does not take ${p.left}${p.right ? ' and ' + p.right : ''}`),
  'bad-call': spec('error', 'A built-in function called with the wrong number or kind of arguments.', (p: { message: string }) => p.message),
  'bad-step': spec('error', 'A rounding step that is not a positive constant of the value\'s unit.', (p: { message: string }) => p.message),
  'bad-literal': spec('error', 'A literal that is out of range or malformed (dates, region codes, huge numbers).', (p: { message: string }) => p.message),

  // Totality
  'cycle': spec('error', 'Definitions or parameters that depend on each other in a circle.', (p: { chain: string }) => `circular definition: ${p.chain}`),
  'division-may-be-zero': spec('error', 'A divisor that is not a non-zero constant and is not guarded by a condition that rules out zero.', (p: { divisor: string; example: string; named: boolean }) =>
    p.named
      ? `the divisor ${p.divisor} may be zero; guard it, e.g. if ${p.example} > 0 then … / ${p.example} else …`
      : `the divisor ${p.divisor} may be zero; name it in a definition (n) and guard it, e.g. if n > 0 then … / n else …`),
  'zero-divisor': spec('error', 'A parameter used as a divisor whose value is zero on some date or region.', (p: { name: string; when: string }) => `${p.name} is 0 ${p.when} and is used as a divisor`),
  'match-not-exhaustive': spec('error', 'A match that does not cover every value of its enum and has no `otherwise`.', (p: { missing: string }) => `match does not cover ${p.missing}; add arms or an otherwise arm`),
  'match-duplicate': spec('error', 'A match arm for a value an earlier arm already covers.', (p: { value: string }) => `${p.value} is already covered by an earlier arm`),
  'match-unreachable': spec('warning', 'An `otherwise` arm after every value is covered.', () => 'every value is already covered; this otherwise arm is never used'),
  'table-overlap': spec('error', 'Two rows of a `unique` table that can both match the same inputs.', (p: { a: number; b: number; example: string }) => `rows ${p.a} and ${p.b} of this unique table both match ${p.example}`),
  'table-any-conflict': spec('error', 'Two rows of an `any` table that can both match the same inputs and give different results.', (p: { a: number; b: number; example: string }) =>
    `rows ${p.a} and ${p.b} of this any table both match ${p.example} and give different results; an any table's matching rows must agree`),
  'table-hit-policy': spec('error', 'A table whose hit policy is none of the language\'s.', (p: { written: string }) =>
    `"${p.written}" is no hit policy; write unique, first, any, priority, collect sum, collect min, collect max or collect count (唯一, 首条, 任意, 优先, 汇总 合计, 汇总 最小, 汇总 最大, 汇总 计数)`),
  'table-list-valued': spec('error', 'A table whose hit policy gives a list of results (rule order, output order, collect without an aggregation): refused, as every value is one per household.', (p: { written: string }) =>
    `${p.written} gives a list of results, and every Doudi value is one value per household: write one yes/no output per result, or collect count, sum, min or max`),
  'table-incomplete': spec('error', 'A table without `else` (other than `collect sum` and `collect count`) whose rows do not (or cannot be shown to) cover every input.', (p: { example?: string }) =>
    p.example ? `no row matches ${p.example}; add a row for it, or an else result` : 'the rows may not cover every input (a cell is not a literal); add an else result'),
  'table-too-complex': spec('error', 'A `unique` or `any` table with so many rows that may match the same inputs (over 2,000,000 pairs) that they cannot all be compared.', (p: { pairs: number; limit: number; hit?: string }) =>
    `this ${p.hit ?? 'unique'} table has too many rows that may match the same inputs to compare them all (${p.pairs} pairs, at most ${p.limit}); write it as a first table, or split it`),
  'table-arity': spec('error', 'A table row with a different number of cells than the table has inputs.', (p: { found: number; expected: number }) => `this row has ${p.found} cells; the table has ${p.expected} inputs`),
  'table-unreachable-row': spec('warning', 'A row of a `first` table after a row that matches everything.', () => 'an earlier row matches every input; this row is never used'),
  'table-cell': spec('error', 'A table cell whose test does not fit its input column.', (p: { message: string }) => p.message),
  'aggregate-needs-else': spec('error', '`min` or `max` over members without an `else` value for households with no matching member.', (p: { fn: string }) =>
    `${p.fn} over members needs a value for households where no member matches: add "else …"`),
  'aggregate-body': spec('error', 'An aggregation over members with a missing or superfluous body.', (p: { message: string }) => p.message),
  'exception-unknown-parent': spec('error', 'An exception `to` a label the definition does not have.', (p: { name: string; label: string }) => `${p.name} has no exception labelled ${p.label}`),
  'exception-duplicate-label': spec('error', 'Two exceptions of one definition with the same label.', (p: { name: string; label: string }) => `${p.name} has two exceptions labelled ${p.label}`),

  // Parameters
  'parameter-no-value': spec('error', 'A parameter the policy (or its framework) declares but never gives a value.', (p: { name: string; from?: string; date: string; type: string }) =>
    p.from
      ? `parameter ${p.name} has no value: ${p.from} leaves it to each policy built on it; add "override parameter ${p.name} : ${p.type}" with a line "from ${p.date} = …"`
      : `parameter ${p.name} has no value; add a line "from ${p.date} = …"`),
  'parameter-dates': spec('error', 'Dated values of a parameter that are not in increasing date order, or repeat a date.', (p: { name: string; date: string; previous: string }) => `values of ${p.name} must be in increasing date order; ${p.date} is not after ${p.previous}`),
  'parameter-region': spec('error', 'A region block with a code that is not 6 digits or that repeats.', (p: { message: string }) => p.message),
  'parameter-index': spec('error', 'A value of an enum-indexed parameter that does not give every enum value once.', (p: { message: string }) => p.message),
  'parameter-uses-household': spec('error', 'A parameter value that reads a household field or definition.', (p: { name: string; what: string }) => `parameter values are the same for every household; ${p.name} is ${p.what}`),
  'input-needs-default': spec('error', 'A scenario input without a default value.', (p: { name: string; type: string }) => `input ${p.name} needs a default: input ${p.name} : ${p.type} = …`),

  // Tests
  'test-unknown-name': spec('error', 'A test that expects or sets a name the policy does not have (or that is person-level).', (p: { name: string; why: string }) => `${p.name} ${p.why}`),
  'test-household': spec('error', 'A test household with a field that is unknown, mistyped or out of range.', (p: { field: string; message: string }) => `household: ${p.field} ${p.message}`),
  'test-no-household': spec('error', 'A test without a household.', () => 'this test has no household; add household { … } or household from "file.json"'),
  'test-no-date': spec('error', 'A test without a date.', () => 'this test has no date; add: date YYYY-MM-DD'),
  'test-no-expect': spec('warning', 'A test that expects nothing.', () => 'this test checks nothing; add expect <output> = <value>'),
  'compile-limit': spec('error', 'A definition whose exact arithmetic needs integers beyond 2^53 in compiled code (fractions with very large denominators).', (p: { name: string; detail: string }) =>
    `${p.name} needs numbers beyond the exact range of compiled code (${p.detail}); use fewer decimals or round intermediate values`),
  'date-out-of-range': spec('error', 'A date outside the policy\'s effective period or before a parameter\'s first value.', (p: { message: string }) => p.message),

  // Limits (language/limits.ts): what every stage accepts
  'expression-too-deep': spec('error', 'An expression (or a record, or a chain of exceptions) nested deeper than the limit of 200 levels: each parenthesis, `if`, `match`, `table`, call, `not` or `-`, and each operator of a chain (`a + b + c` is three levels) counts one; a list of n values counts n.', (p: { what: string; limit: number }) =>
    `${p.what} is nested more than ${p.limit} levels deep; split it into named definitions`),
  'definition-chain-too-deep': spec('error', 'A chain of more than 1,000 definitions (or of more than 1,000 parameters), each reading the next.', (p: { name: string; length: number; limit: number; what: 'definitions' | 'parameters'; chain: string }) =>
    `${p.name} starts a chain of ${p.length} ${p.what}, each reading the next (${p.chain}); at most ${p.limit} are allowed: compute several steps in one ${p.what === 'definitions' ? 'definition' : 'parameter'}`),
  'table-too-long': spec('error', 'A decision table with more than 10,000 rows.', (p: { rows: number; limit: number }) =>
    `this table has ${p.rows} rows; a table has at most ${p.limit}: split it, or give its values as a parameter by an enum`),
  'too-many-diagnostics': spec('info', 'The closing line of a file with more than 200 diagnostics: how many more there are (only the first 200, errors first, are listed).', (p: { more: number; errors: number; warnings: number; infos: number }) =>
    `${p.more} more diagnostics in this file are not listed (${[p.errors && `${p.errors} error${p.errors === 1 ? '' : 's'}`, p.warnings && `${p.warnings} warning${p.warnings === 1 ? '' : 's'}`, p.infos && `${p.infos} info`].filter(Boolean).join(', ')})`),
} as const;

export type Code = keyof typeof CODES;

/** The parameters each code takes, by code (Malloy calls this map `MessageParameterTypes`). */
export type MessageParameterTypes = { readonly [C in Code]: (typeof CODES)[C] extends CodeSpec<infer P> ? Readonly<P> : never };

/** The message of `code` made from its parameters. */
export function messageOf<C extends Code>(code: C, params: MessageParameterTypes[C]): string {
  // One table, one lookup: the pairing of a code with its own parameters is what the types above guarantee.
  return (CODES[code] as unknown as CodeSpec<MessageParameterTypes[C]>).message(params);
}
