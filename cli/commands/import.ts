/**
 * `doudi import dmn FILE.dmn`: a DMN file's decision tables as a Doudi policy (language/dmn does
 * the translation; this file reads and writes the files and prints the problems).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importDmn, formatProblem } from '../../language/dmn/index.ts';
import { InputError, UsageError, type Command } from '../command.ts';
import { parse } from '../options.ts';
import { fsReason, readInput } from '../io.ts';

/** The largest DMN file read (a model of thousands of rules is a few megabytes). */
const MAX_BYTES = 32 * 1024 * 1024;

/** `--default VALUE` (every table that needs one) or `--default NAME=VALUE` (one decision or output). */
function defaultsOf(list: string[] | undefined): { key?: string; value: string }[] {
  return (list ?? []).map((s) => {
    const i = s.indexOf('=');
    // A quoted value may hold "=": only a name before the first "=" makes it keyed.
    if (i <= 0 || s.startsWith('"')) return { value: s };
    return { key: s.slice(0, i).trim(), value: s.slice(i + 1) };
  });
}

export const importCommand: Command = {
  name: 'import',
  summary: 'translate a DMN file\'s decision tables into a Doudi policy',
  help: `Usage: doudi import dmn FILE.dmn [--out FILE.doudi] [--default [NAME=]VALUE]…

Translates the decision tables of a DMN 1.1–1.5 file into a Doudi policy: input data become
inputs (or the household fields of the same name), text values enums, each decision output a
decision table with the same hit policy, FEEL unary tests cells, default outputs "else", and
every declaration cites its DMN element id. Problems name the DMN element (id, what it is, line)
and the reason; what cannot be translated is left out and listed.
  --out FILE.doudi        write the policy there (default: print it)
  --default VALUE         the result, where no rule matches, of every table that has no default
                          output (DMN would give null): text as written or "quoted", a number,
                          true/false, a date YYYY-MM-DD
  --default NAME=VALUE    the same for one decision: NAME is its name or id, or for a table of
                          several outputs "Decision.Output" (or the output's name or id)
Then: doudi eval FILE.doudi --household H.json --date 2024-01-01 --set Age=18 …
Exit code: 0 every decision imported, 1 some could not be (the rest is written) or a file
cannot be read or written, 2 bad usage.
`,
  run(args, io) {
    const { values, positionals } = parse(args, { out: { type: 'string' }, default: { type: 'string', multiple: true } });
    const [format, file, ...extra] = positionals;
    if (format !== 'dmn') throw new UsageError(format ? `unknown format ${format}: the only one is dmn (doudi import dmn FILE.dmn)` : 'give the format and the file: doudi import dmn FILE.dmn');
    if (!file || extra.length) throw new UsageError('give exactly one DMN file');
    const text = readInput(file, 'the DMN file', MAX_BYTES);
    const out = values.out;
    const r = importDmn(text, { file: path.basename(file), policyPath: out ?? file.replace(/\.dmn$/i, '') + '.doudi', defaults: defaultsOf(values.default) });
    for (const p of r.problems) io.err(formatProblem(p, file) + '\n');
    const errors = r.problems.filter((p) => p.severity === 'error').length;
    if (r.text === undefined) throw new InputError(`${file}: nothing imported (${r.decisions} decision${r.decisions === 1 ? '' : 's'}; ${errors} error${errors === 1 ? '' : 's'})`);
    if (out) {
      try {
        fs.writeFileSync(out, r.text);
      } catch (e) {
        throw new InputError(`${out}: cannot write the policy: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not exist' : fsReason(e)}`);
      }
      io.err(`imported ${r.imported} of ${r.decisions} decision${r.decisions === 1 ? '' : 's'} from ${file} into ${out}\n`);
    } else io.out(r.text);
    return errors ? 1 : 0;
  },
};
