/** Option parsing shared by the commands: node:util parseArgs, with usage errors in our words. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command.ts';
import { validDate } from '../language/index.ts';

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unknown option '(.*)'$/, 'unknown option $1');
    throw new UsageError(msg);
  }
}

/** The parsed option values of a command, by name. */
export type Values = { [k: string]: string | boolean | string[] | undefined };

export const str = (v: Values, k: string): string | undefined => v[k] as string | undefined;

export function requireDate(value: string | undefined): string {
  if (value === undefined) throw new UsageError('--date YYYY-MM-DD is required');
  if (!validDate(value)) throw new UsageError(`--date ${value}: expected a calendar date YYYY-MM-DD`);
  return value;
}

/** A whole number from 1 to `max` given as plain digits, or `fallback` when absent. */
export function positiveInt(text: string | undefined, name: string, fallback: number, max = 20_000_000): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) throw new UsageError(`--${name} ${text}: expected a whole number from 1 to ${max.toLocaleString('en')}`);
  return Number(text);
}

/** A whole number (a seed), or `fallback` when absent. */
export function integer(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new UsageError(`--${name} ${text}: expected a whole number`);
  return Number(text);
}

/** "name=value" pairs of a repeatable option (`--set`, `--take-up`). */
export function settings(list: string[] | undefined, option = 'set'): [string, string][] {
  return (list ?? []).map((s) => {
    const i = s.indexOf('=');
    if (i <= 0) throw new UsageError(`--${option} ${s}: expected name=value`);
    return [s.slice(0, i).trim(), s.slice(i + 1).trim()];
  });
}

/** The one policy file a command takes. */
export function onePolicy(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`give exactly one policy file (${what})`);
  return positionals[0]!;
}
