/** Option parsing shared by the commands: node:util parseArgs, with usage errors in our words. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../io.ts';
import { validDate } from '../../language/index.ts';

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unknown option '(.*)'$/, 'unknown option $1');
    throw new UsageError(msg);
  }
}

export function requireDate(value: string | undefined): string {
  if (value === undefined) throw new UsageError('--date YYYY-MM-DD is required');
  if (!validDate(value)) throw new UsageError(`--date ${value}: expected a calendar date YYYY-MM-DD`);
  return value;
}

/** "--set name=value" pairs. */
export function settings(list: string[] | undefined): [string, string][] {
  return (list ?? []).map((s) => {
    const i = s.indexOf('=');
    if (i <= 0) throw new UsageError(`--set ${s}: expected name=value`);
    return [s.slice(0, i).trim(), s.slice(i + 1).trim()];
  });
}
