/**
 * The diagnostics of settings — a parameter or scenario input given a value on a command line, in
 * the studio or by a script (`--set dibao_standard=¥1,600`, `--cpi 2.8%,-0.5%`). Like the
 * language's own table (diagnostics/codes.ts), each code declares its parameters' names and types,
 * so a misspelt parameter does not compile, and the parameters stay on the diagnostic as data.
 * They are a table of their own because a setting has no place in a source file: a diagnostic
 * names the option and the text as given instead of a file and a range.
 */

type Params = { readonly [name: string]: string | number | undefined };

interface Spec<P extends Params> {
  /** one line for the reference (language/run/README.md) */
  readonly doc: string;
  readonly message: (p: P) => string;
}

const spec = <P extends Params>(doc: string, message: (p: P) => string): Spec<P> => ({ doc, message });

export const SETTING_CODES = {
  'setting-syntax': spec('A setting that is not `name=value`.', (p: { text: string }) => `expected name=value, not "${p.text}"`),
  'setting-unknown-name': spec('A name that is no settable parameter or scenario input of the policy (by id or Chinese label).', (p: { name: string; policy: string; hint: string }) =>
    `${p.policy} has no parameter or input called ${p.name}${p.hint ? `; ${p.hint}` : ''}`),
  'setting-unknown-entry': spec('`name.entry` where the parameter is not given per entry, or has no such entry.', (p: { parameter: string; entry: string; entries: string }) =>
    p.entries ? `${p.parameter} has no entry ${p.entry} (entries: ${p.entries})` : `${p.parameter} is one value, not given per entry; set it as ${p.parameter}=…`),
  'setting-repeated': spec('The same parameter (or entry) set twice with different values, by id, by label or both.', (p: { key: string; first: string; second: string }) =>
    `${p.key} is set twice, to ${p.first} and to ${p.second}`),
  'setting-number': spec('A value that is not a number in the settings grammar.', (p: { text: string; why: string }) => `"${p.text}" is not a number: ${p.why}`),
  'setting-unit': spec('A value whose unit is not the parameter\'s: a percentage for money, yuan for a rate, months for money…', (p: { parameter: string; type: string; unit: string; expected: string }) =>
    `${p.parameter} is ${p.type}, so ${p.unit} does not fit: expected ${p.expected}`),
  'setting-not-whole': spec('A fractional value for an integer or a number of months.', (p: { parameter: string; type: string; text: string }) => `${p.parameter} is ${p.type}: expected a whole number, not ${p.text}`),
  'setting-not-fen': spec('An amount of money with more than two decimals (money is exact to the fen).', (p: { parameter: string; text: string }) =>
    `${p.parameter} is money, exact to the fen: ${p.text} has more than two decimals`),
  'setting-too-large': spec('A value beyond what a setting may hold (see the limits in language/run/README.md).', (p: { parameter: string; text: string; limit: string }) =>
    `${p.parameter}: ${p.text} is beyond the limit of a setting (${p.limit})`),
  'setting-value': spec('A value that is not one of a yes/no, enum, date or region parameter\'s values.', (p: { parameter: string; text: string; expected: string }) =>
    `${p.parameter}: "${p.text}" is not ${p.expected}`),
  'setting-list': spec('A list (`--cpi`, `--values`) whose commas could be thousands separators or item separators.', (p: { text: string; why: string }) => `${p.text}: ${p.why}`),
  'setting-range': spec('A behaviour assumption outside its range (a take-up share above 100%, an unreported share above 90%…).', (p: { text: string; expected: string }) =>
    `${p.text} is out of range: expected ${p.expected}`),
} as const;

export type SettingCode = keyof typeof SETTING_CODES;

/** The parameters of each code, as its message function declares them. */
export type SettingParams = { [C in SettingCode]: Parameters<(typeof SETTING_CODES)[C]['message']>[0] };

export interface SettingDiagnostic<C extends SettingCode = SettingCode> {
  readonly code: C;
  readonly severity: 'error';
  readonly message: string;
  readonly params: SettingParams[C];
  /** the option and the text as given: "--set cpi_yoy=3.6 months" */
  readonly where: string;
}

/**
 * Text as given, with what a terminal would not show or would reorder made visible: control
 * characters, bidirectional controls, zero-width characters and byte-order marks as \u{…}.
 */
export const visible = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16).padStart(4, '0')}}`);

export function settingDiagnostic<C extends SettingCode>(code: C, params: SettingParams[C], where: string): SettingDiagnostic<C> {
  // What a user typed is echoed back made visible, never raw.
  const shown = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? visible(v) : v])) as SettingParams[C];
  const message = (SETTING_CODES[code].message as (p: SettingParams[C]) => string)(shown);
  return { code, severity: 'error', message, params, where: visible(where) };
}

/** One line, as the CLI prints it: `--set cpi_yoy=3.6 months: error setting-unit: …`. */
export const formatSettingDiagnostic = (d: SettingDiagnostic): string => `${d.where}: error ${d.code}: ${d.message}`;

/** A setting problem thrown where a caller cannot take a list (the simulator's scenarios). */
export class SettingError extends Error {
  constructor(readonly diagnostics: readonly SettingDiagnostic[]) {
    super(diagnostics.map(formatSettingDiagnostic).join('\n'));
    this.name = 'SettingError';
  }
}
