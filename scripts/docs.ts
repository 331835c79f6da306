/**
 * The generated parts of docs/language.md: keywords, built-in functions, schema fields and
 * diagnostics, taken from the language's own tables. `npm run docs` rewrites them; a test fails
 * when they are out of date.
 */
import * as fs from 'node:fs';
import { runAlone } from './alone.ts';
import { KEYWORDS, BUILTINS, HOUSEHOLD_FIELDS, PERSON_FIELDS, ENUMS, typeText, type FieldSpec } from '../language/index.ts';
import { CODES } from '../language/diagnostics/codes.ts';
import { LIMITS } from '../language/limits.ts';
import { HIT_POLICIES } from '../language/lexer/vocabulary.ts';
import { PROBLEMS } from '../language/dmn/index.ts';

const esc = (s: string) => s.replace(/\|/g, '\\|');

function keywords(): string {
  const rows = KEYWORDS.map((k) => `| ${k.en.map((x) => `\`${x}\``).join(', ')} | ${k.zh.map((x) => `\`${x}\``).join('、')} | ${esc(k.doc)} |`);
  return ['| English | 中文 | meaning |', '|---|---|---|', ...rows].join('\n');
}

function builtins(): string {
  const rows = BUILTINS.map((b) => `| ${b.names.map((x) => `\`${x}\``).join(', ')} | ${esc(b.doc)} |`);
  return ['| names | use |', '|---|---|', ...rows].join('\n');
}

function fields(list: readonly FieldSpec[]): string {
  const type = (f: FieldSpec) => (f.type ? (f.type.k === 'enum' ? `enum ${f.type.name}` : typeText(f.type)) : 'text id');
  const rows = list.map((f) => `| \`${f.id}\` | ${f.zh} | ${type(f)} | ${f.readable ? '' : 'not readable by rules; '}${esc(f.doc)} |`);
  return ['| id | 中文名 | type | notes |', '|---|---|---|---|', ...rows].join('\n');
}

function enums(): string {
  return ENUMS.map((e) => `- \`${e.id}\` (${e.zh}): ${e.values.map((v) => `\`${v.id}\` ${v.zh}`).join(', ')}`).join('\n');
}

function diagnostics(): string {
  const rows = Object.entries(CODES).map(([code, c]) => `| \`${code}\` | ${c.severity} | ${esc(c.doc)} |`);
  return ['| code | severity | when |', '|---|---|---|', ...rows].join('\n');
}

/** The sizes every stage accepts (language/limits.ts), what counts toward each and what happens past it. */
function limits(): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const rows: [string, number, string, string][] = [
    ['expression depth', LIMITS.expressionDepth, 'levels of one expression: a name or literal is one; each parenthesis pair, `if`, `match`, `table`, call, aggregation, `not`, `-` and binary operator adds one (`a + b + c` is three); a list of n values (call arguments, `in (…)`, a cell\'s values) adds n − 1; `x in a..b` adds two. Also how deep exceptions nest through `to`, and how deeply records nest', '`expression-too-deep` at the place the limit is crossed (the parser skips the rest of the construct: a million levels are refused in linear time)'],
    ['definition chain', LIMITS.definitionDepth, 'definitions in a chain each reading the next; parameters reading parameters count on their own', '`definition-chain-too-deep` at the declaration that starts the chain past the limit'],
    ['table rows', LIMITS.tableRows, 'rows of one decision table', '`table-too-long` at the first row past the limit'],
    ['diagnostics per file', LIMITS.diagnosticsPerFile, 'diagnostics listed for one file, errors first', 'one closing `too-many-diagnostics` line counts the rest (`doudi check` counts them in its totals)'],
    ['excerpt width', LIMITS.excerptColumns, 'characters of a source line shown under a diagnostic', 'the line is cut around the caret, marked … where cut'],
  ];
  return ['| limit | value | what counts | past it |', '|---|---|---|---|', ...rows.map(([name, value, counts, past]) => `| ${name} | ${n(value)} | ${esc(counts)} | ${esc(past)} |`)].join('\n');
}

function hitPolicies(): string {
  const rows = HIT_POLICIES.map((h) => `| ${h.en.map((x) => `\`${x}\``).join(', ')} | ${h.zh.map((x) => `\`${x}\``).join('、')} | ${esc(h.doc)} |`);
  return ['| hit policy | 中文 | result |', '|---|---|---|', ...rows].join('\n');
}

function dmnProblems(): string {
  const rows = Object.entries(PROBLEMS).map(([code, p]) => `| \`${code}\` | ${p.severity} | ${esc(p.doc)} |`);
  return ['| code | severity | when |', '|---|---|---|', ...rows].join('\n');
}

export const SECTIONS: Record<string, () => string> = {
  keywords,
  builtins,
  'household-fields': () => fields(HOUSEHOLD_FIELDS),
  'person-fields': () => fields(PERSON_FIELDS),
  enums,
  diagnostics,
  limits,
  'hit-policies': hitPolicies,
  'dmn-problems': dmnProblems,
};

/** The document with every generated section brought up to date. */
export function regenerate(text: string): string {
  return text.replace(/(<!-- generated:([\w-]+) -->)[\s\S]*?(<!-- \/generated -->)/g, (_, open: string, name: string, close: string) => {
    const make = SECTIONS[name];
    if (!make) throw new Error(`docs/language.md: unknown generated section ${name}`);
    return `${open}\n${make()}\n${close}`;
  });
}

if (runAlone(import.meta.url, 'docs.ts')) {
  const file = 'docs/language.md';
  fs.writeFileSync(file, regenerate(fs.readFileSync(file, 'utf8')));
  process.stderr.write(`updated ${file}\n`);
}
