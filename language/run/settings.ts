/**
 * Settings: a parameter or scenario input of a policy given a value for a run. One resolver for
 * every command, the studio and the tests: names by id or Chinese label, `name.entry` for one
 * entry of a parameter given per enum value (`dibao_standard.urban`, `低保标准.城镇`), values in the
 * number grammar of numbers.ts with units that must fit the parameter's type. The result holds each
 * value twice, keyed by its canonical name (`id` or `id.entry`): exactly, for the interpreter, and
 * as canonical text (yuan to the fen, a fraction n/d), which every compiled module reads the same.
 */
import type * as I from '../ir/types.ts';
import * as Q from '../numbers/rational.ts';
import { typeText } from '../types/index.ts';
import { validDate } from '../checker/constants.ts';
import type { Scalar } from '../interpreter/index.ts';
import { settingDiagnostic, type SettingDiagnostic } from './codes.ts';
import { normalizeText, parseQuantity, type Unit } from './numbers.ts';

/** Settings resolved against a policy, by canonical name. */
export interface ResolvedSettings {
  /** exact values, for the interpreter (evaluateHousehold's `sets`) */
  readonly exact: Readonly<Record<string, Scalar>>;
  /** canonical text, for compiled modules (`resolveParameters({ sets })`) and the simulator's scenarios */
  readonly text: Readonly<Record<string, string>>;
}

export const NO_SETTINGS: ResolvedSettings = { exact: {}, text: {} };

/** The limits of a setting's value (money is checked in yuan). */
export const SETTING_LIMITS = {
  /** |amount| of money, yuan */
  money: 10_000_000_000n,
  /** |value| of an integer, a number of months, a rate or a number */
  magnitude: 1_000_000_000n,
  /** the denominator of a rate or a number: six decimals, or a fraction with at most 1,000,000 below the line */
  denominator: 1_000_000n,
} as const;

/** What a name given in a setting refers to. */
export interface SettingTarget {
  readonly parameter: I.ParameterIR;
  /** the enum value id of one entry (`name.entry`) */
  readonly entry?: string;
  /** the canonical name: `id` or `id.entry` */
  readonly key: string;
}

const settable = (ir: I.PolicyIR) => ir.parameters.filter((p) => !p.hidden);

/** The parameter (and entry) a name refers to, by id or label; a diagnostic when none. */
export function findSetting(ir: I.PolicyIR, rawName: string, where: string): SettingTarget | SettingDiagnostic {
  const name = normalizeText(rawName);
  const params = settable(ir);
  const byName = (n: string) => params.find((p) => p.id === n) ?? params.find((p) => p.label === n);
  let p = byName(name);
  let entryText: string | undefined;
  const dot = name.indexOf('.');
  if (!p && dot > 0) {
    p = byName(name.slice(0, dot));
    entryText = name.slice(dot + 1);
  }
  if (!p) return settingDiagnostic('setting-unknown-name', { name: dot > 0 ? name.slice(0, dot) : name, policy: ir.policy.id, hint: nameHint(params, dot > 0 ? name.slice(0, dot) : name) }, where);
  if (entryText === undefined) return { parameter: p, key: p.id };
  const values = ir.enums.find((e) => e.id === p.by)?.values ?? [];
  const entry = p.by ? values.find((v) => v.id === entryText || v.label === entryText) : undefined;
  if (!entry) return settingDiagnostic('setting-unknown-entry', { parameter: p.id, entry: entryText, entries: values.map((v) => (v.label ? `${v.id} (${v.label})` : v.id)).join(', ') }, where);
  return { parameter: p, entry: entry.id, key: `${p.id}.${entry.id}` };
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

function nameHint(params: readonly I.ParameterIR[], name: string): string {
  const names = params.flatMap((p) => (p.label ? [p.id, p.label] : [p.id]));
  const close = names.filter((n) => distance(n.toLowerCase(), name.toLowerCase()) <= (name.length > 5 ? 2 : 1));
  if (close.length) return `did you mean ${close.slice(0, 3).join(' or ')}?`;
  const ids = params.map((p) => p.id);
  return ids.length ? `its parameters and inputs: ${ids.slice(0, 12).join(', ')}${ids.length > 12 ? ', …' : ''}` : 'it has none';
}

const UNIT_TEXT: Record<Unit, string> = { none: 'a plain number', yuan: 'an amount in yuan', percent: 'a percentage', months: 'a number of months' };

function expected(t: I.ParameterIR['type']): string {
  switch (t.k) {
    case 'money':
      return 'an amount in yuan, such as ¥1600, 1,600.50 or 1600元';
    case 'rate':
      return 'a percentage such as 3.5% or -0.5%, or a fraction of one such as 0.035 or 7/200';
    case 'months':
      return 'a whole number of months, such as 6 or 6 months';
    case 'integer':
      return 'a whole number, such as 3';
    default:
      return 'a number, such as 1.5 or 1/3';
  }
}

const UNITS: Partial<Record<I.ParameterIR['type']['k'], readonly Unit[]>> = {
  money: ['none', 'yuan'],
  rate: ['none', 'percent'],
  months: ['none', 'months'],
  integer: ['none'],
  number: ['none'],
};

/** The type in words: "a rate", "money (yuan a month)", "a number of months". */
function typeName(t: I.ParameterIR['type']): string {
  switch (t.k) {
    case 'money':
      return t.period === 'month' ? 'money (yuan a month)' : t.period === 'year' ? 'money (yuan a year)' : 'money (yuan)';
    case 'months':
      return 'a number of months';
    case 'integer':
      return 'an integer';
    default:
      return `a ${typeText(t)}`;
  }
}

/** One value for parameter `p`, exactly and as canonical text; a diagnostic when it does not fit. */
export function settingValue(ir: I.PolicyIR, p: I.ParameterIR, raw: string, where: string): { exact: Scalar; text: string } | SettingDiagnostic {
  const t = p.type;
  const text = normalizeText(raw);
  const bad = (what: string) => settingDiagnostic('setting-value', { parameter: p.id, text: raw, expected: what }, where);
  switch (t.k) {
    case 'bool': {
      const v = text === 'true' || text === '是' || text === '真' ? true : text === 'false' || text === '否' || text === '假' ? false : undefined;
      return v === undefined ? bad('true or false (是 or 否)') : { exact: v, text: String(v) };
    }
    case 'enum': {
      const en = ir.enums.find((e) => e.id === t.name);
      const v = en?.values.find((x) => x.id === text || x.label === text);
      return v ? { exact: v.id, text: v.id } : bad(`one of ${en?.values.map((x) => (x.label ? `${x.id} (${x.label})` : x.id)).join(', ')}`);
    }
    case 'date':
      return validDate(text) ? { exact: text, text } : bad('a calendar date YYYY-MM-DD');
    case 'region':
      return /^\d{6}$/.test(text) ? { exact: text, text } : bad('a 6-digit region code');
    case 'error':
      return bad('a value of a type the policy could not check');
    default: {
      const q = parseQuantity(raw);
      if (!q.ok) return settingDiagnostic('setting-number', { text: raw, why: q.why }, where);
      const { value, unit } = q.value;
      if (!UNITS[t.k]!.includes(unit)) return settingDiagnostic('setting-unit', { parameter: p.id, type: typeName(t), unit: UNIT_TEXT[unit], expected: expected(t) }, where);
      const abs = Q.abs(value);
      if (t.k === 'money') {
        if (!Q.isInteger(Q.mul(value, Q.rat(100)))) return settingDiagnostic('setting-not-fen', { parameter: p.id, text: raw }, where);
        if (Q.cmp(abs, Q.rat(SETTING_LIMITS.money)) > 0) return settingDiagnostic('setting-too-large', { parameter: p.id, text: raw, limit: `at most ¥${SETTING_LIMITS.money.toLocaleString('en')} either way` }, where);
        return { exact: value, text: Q.toDecimalString(value, 2) };
      }
      if ((t.k === 'integer' || t.k === 'months') && !Q.isInteger(value)) return settingDiagnostic('setting-not-whole', { parameter: p.id, type: typeName(t), text: raw }, where);
      if (Q.cmp(abs, Q.rat(SETTING_LIMITS.magnitude)) > 0) return settingDiagnostic('setting-too-large', { parameter: p.id, text: raw, limit: `at most ${SETTING_LIMITS.magnitude.toLocaleString('en')} either way` }, where);
      if (value.d > SETTING_LIMITS.denominator) return settingDiagnostic('setting-too-large', { parameter: p.id, text: raw, limit: 'at most six decimals, or a fraction with at most 1,000,000 below the line' }, where);
      return { exact: value, text: Q.toText(value) };
    }
  }
}

/** A setting as given: a name, a value and where it came from (for messages). */
export interface SettingInput {
  readonly name: string;
  readonly value: string;
  /** how the setting was given, e.g. "--set" (default), "--reform-set", "set" */
  readonly option?: string;
}

const isDiagnostic = (x: object): x is SettingDiagnostic => 'code' in x && 'where' in x;

/** Splits "name=value" (a diagnostic when there is no name or no "="). */
export function splitSetting(text: string, option = '--set'): SettingInput | SettingDiagnostic {
  const i = text.indexOf('=');
  if (i <= 0) return settingDiagnostic('setting-syntax', { text }, `${option} ${text}`);
  return { name: text.slice(0, i).trim(), value: text.slice(i + 1).trim(), option };
}

/**
 * Resolves settings against a policy. A name set twice to the same value is one setting; to two
 * different values, a problem. A whole parameter and one of its entries may both be set: the entry
 * wins for that entry, as every engine applies them.
 */
export function resolveSettings(ir: I.PolicyIR, input: readonly SettingInput[] | Readonly<Record<string, string>>): { settings: ResolvedSettings; problems: SettingDiagnostic[] } {
  const list: readonly SettingInput[] = Array.isArray(input) ? input : Object.entries(input).map(([name, value]) => ({ name, value }));
  const exact: Record<string, Scalar> = {};
  const text: Record<string, string> = {};
  const problems: SettingDiagnostic[] = [];
  for (const s of list) {
    const where = `${s.option ?? '--set'} ${s.name}=${s.value}`;
    const target = findSetting(ir, s.name, where);
    if (isDiagnostic(target)) {
      problems.push(target);
      continue;
    }
    const v = settingValue(ir, target.parameter, s.value, where);
    if (isDiagnostic(v)) {
      problems.push(v);
      continue;
    }
    const had = text[target.key];
    if (had !== undefined && had !== v.text) {
      problems.push(settingDiagnostic('setting-repeated', { key: target.key, first: had, second: s.value }, where));
      continue;
    }
    exact[target.key] = v.exact;
    text[target.key] = v.text;
  }
  return { settings: { exact, text }, problems };
}

/** Canonical text of an exact value of parameter `p` (as settingValue gives it). */
export function canonicalText(p: I.ParameterIR, v: Scalar): string {
  if (typeof v !== 'object') return String(v);
  return p.type.k === 'money' ? Q.toDecimalString(v, 2) : Q.toText(v);
}

/** Settings from exact values already checked (an in-language test's `set` lines). */
export function settingsFromValues(ir: I.PolicyIR, exact: Readonly<Record<string, Scalar>>): ResolvedSettings {
  const text: Record<string, string> = {};
  for (const [key, v] of Object.entries(exact)) {
    const p = ir.parameters.find((x) => x.id === key.split('.')[0]);
    if (p) text[key] = canonicalText(p, v);
  }
  return { exact: { ...exact }, text };
}
