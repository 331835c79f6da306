/**
 * Settings and numbers on the command line, through the language's one grammar and resolver
 * (language/run): `--set`, `--reform-set`, `--cpi`, sweep values and the behaviour options all read
 * numbers exactly, with units that must fit, and every refusal is a coded diagnostic naming the
 * option and the text as given.
 */
import {
  findSetting,
  formatSettingDiagnostic,
  parseQuantity,
  rational as Q,
  resolveSettings,
  settingDiagnostic,
  settingValue,
  splitList,
  splitSetting,
  type PolicyIR,
  type ResolvedSettings,
  type SettingDiagnostic,
  type SettingInput,
  type SettingTarget,
  type Unit,
} from '../language/index.ts';
import { InputError, UsageError } from './command.ts';

const isDiagnostic = (x: object): x is SettingDiagnostic => 'code' in x && 'where' in x;

/** The diagnostics as one message: the first on the first line, the rest indented below it. */
export const settingMessage = (list: readonly SettingDiagnostic[]): string => list.map(formatSettingDiagnostic).join('\n  ');

/** "name=value" texts of a repeatable option; a text without "=" is wrong usage. */
export function settingInputs(list: readonly string[] | undefined, option = '--set'): SettingInput[] {
  return (list ?? []).map((text) => {
    const s = splitSetting(text, option);
    if (isDiagnostic(s)) throw new UsageError(formatSettingDiagnostic(s));
    return s;
  });
}

/** Settings resolved against a policy; InputError (exit 1) listing every one that does not fit. */
export function resolveOrFail(ir: PolicyIR, inputs: readonly SettingInput[]): ResolvedSettings {
  const { settings, problems } = resolveSettings(ir, inputs);
  if (problems.length) throw new InputError(settingMessage(problems));
  return settings;
}

/** The parameter a name refers to (by id, label or `name.entry`). */
export function targetOrFail(ir: PolicyIR, name: string, where: string): SettingTarget {
  const t = findSetting(ir, name, where);
  if (isDiagnostic(t)) throw new InputError(formatSettingDiagnostic(t));
  return t;
}

/** One value of a parameter, as canonical text and exactly. */
export function valueOrFail(ir: PolicyIR, target: SettingTarget, text: string, where: string): { text: string; exact: Q.Rational | string | boolean } {
  const v = settingValue(ir, target.parameter, text, where);
  if (isDiagnostic(v)) throw new InputError(formatSettingDiagnostic(v));
  return v;
}

/** The items of a list option (--cpi, --values); the list's own problems are usage errors. */
export function listOrFail(text: string, option: string): string[] {
  const items = splitList(text);
  if (!items.ok) throw new UsageError(formatSettingDiagnostic(settingDiagnostic('setting-list', { text, why: items.why }, option)));
  return items.value;
}

/**
 * A behaviour option's number (--take-up, --unreported-income, --impute-earnings, --income-noise):
 * the settings grammar with the units it allows, from `min` to `max`, exactly; wrong usage otherwise.
 */
export function optionNumber(text: string, where: string, o: { units: readonly Unit[]; min: Q.Rational; max: Q.Rational; expected: string; fen?: boolean; places?: number }): Q.Rational {
  const fail = (d: SettingDiagnostic): never => {
    throw new UsageError(formatSettingDiagnostic(d));
  };
  const q = parseQuantity(text);
  if (!q.ok) return fail(settingDiagnostic('setting-number', { text, why: `${q.why}; expected ${o.expected}` }, where));
  const { value, unit } = q.value;
  if (!o.units.includes(unit)) return fail(settingDiagnostic('setting-range', { text, expected: o.expected }, where));
  if (Q.cmp(value, o.min) < 0 || Q.cmp(value, o.max) > 0) return fail(settingDiagnostic('setting-range', { text, expected: o.expected }, where));
  if (o.fen && !Q.isInteger(Q.mul(value, Q.rat(100)))) return fail(settingDiagnostic('setting-range', { text, expected: `${o.expected}, exact to the fen` }, where));
  if (o.places !== undefined && !Q.isInteger(Q.mul(value, Q.rat(10n ** BigInt(o.places))))) return fail(settingDiagnostic('setting-range', { text, expected: `${o.expected}, with at most ${o.places} decimals` }, where));
  return value;
}
