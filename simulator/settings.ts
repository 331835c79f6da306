/**
 * Settings in the simulator's scenarios, resolved by the language's one resolver (language/run):
 * a scenario's `sets` may name parameters by id, Chinese label or `name.entry` and give values in
 * the settings grammar (¥1,600, 3.5%, 7/200); the backend receives them by canonical name as
 * canonical text, so every engine, worker and SQL target reads the same exact values.
 */
import { findSetting, resolveSettings, rational as Q, settingValue, SettingError, type PolicyIR, type SettingDiagnostic } from '../language/index.ts';
import type { Scenario } from './types.ts';

const failed = (x: object): x is SettingDiagnostic => 'code' in x && 'where' in x;

/** The text of a value given as a number: its shortest decimal text, exactly (never "1e-7"). */
const numberText = (v: string | number): string => (typeof v === 'number' ? Q.toText(Q.fromDecimalNumber(v)) : v);

/** The scenario with its settings by canonical name and as canonical text; SettingError when one does not fit. */
export function resolveScenario(ir: PolicyIR, s: Scenario): Scenario {
  const sets = Object.entries(s.sets ?? {});
  if (sets.length === 0) return s;
  const { settings, problems } = resolveSettings(ir, sets.map(([name, value]) => ({ name, value: numberText(value), option: 'setting' })));
  if (problems.length) throw new SettingError(problems);
  return { ...s, sets: settings.text };
}

export interface SweepPlan {
  /** the canonical name swept (`id` or `id.entry`) */
  readonly key: string;
  /** "money/month", "rate", … */
  readonly unit: string;
  /** per value: as given, its number (yuan for money, a fraction for a rate), its canonical text */
  readonly points: readonly { readonly value: string; readonly x: number; readonly text: string }[];
}

/** The values of a sweep of one parameter, each checked against the parameter's type. */
export function sweepPoints(ir: PolicyIR, parameter: string, values: readonly (string | number)[]): SweepPlan {
  const target = findSetting(ir, parameter, `sweep of ${parameter}`);
  if (failed(target)) throw new SettingError([target]);
  const t = target.parameter.type;
  if (t.k !== 'money' && t.k !== 'rate' && t.k !== 'number' && t.k !== 'integer' && t.k !== 'months') throw new Error(`sweep of ${parameter}: ${target.parameter.id} is not a number, so it cannot be swept`);
  const problems: SettingDiagnostic[] = [];
  const points = values.map((v) => {
    const given = typeof v === 'number' ? numberText(v) : v.trim();
    const r = settingValue(ir, target.parameter, given, `sweep of ${parameter}: ${given}`);
    if (failed(r)) {
      problems.push(r);
      return { value: given, x: NaN, text: '' };
    }
    return { value: typeof v === 'number' ? String(v) : given, x: Q.toNumber(r.exact as Q.Rational), text: r.text };
  });
  if (problems.length) throw new SettingError(problems);
  return { key: target.key, unit: t.k === 'money' ? `money/${t.period === 'any' ? 'stock' : t.period}` : t.k, points };
}

/** A month-by-month series of a rate input (cpi_yoy, food_cpi_yoy), checked: canonical texts and, for display, numbers. */
export function monthRates(ir: PolicyIR, id: string, list: readonly (string | number)[] | undefined): { texts: string[]; numbers: number[] } | undefined {
  if (!list?.length) return undefined;
  const target = findSetting(ir, id, `${id} by month`);
  if (failed(target)) throw new SettingError([target]);
  const texts: string[] = [];
  const numbers: number[] = [];
  const problems: SettingDiagnostic[] = [];
  list.forEach((v, m) => {
    const r = settingValue(ir, target.parameter, numberText(v), `${id} of month ${m + 1}: ${v}`);
    if (failed(r)) problems.push(r);
    else {
      texts.push(r.text);
      numbers.push(typeof r.exact === 'object' ? Q.toNumber(r.exact) : NaN);
    }
  });
  if (problems.length) throw new SettingError(problems);
  return { texts, numbers };
}
