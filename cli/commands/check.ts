import { checkPolicy, countDiagnostics, normalizeDiagnostics, type CheckResult } from '../../language/index.ts';
import { UsageError, type Command } from '../command.ts';
import { fsHost, policyFiles, printDiagnostics, plural } from '../io.ts';
import { parse } from '../options.ts';

export function checkAll(files: readonly string[], baseline?: string): { results: CheckResult[]; diagnostics: ReturnType<typeof normalizeDiagnostics> } {
  const results = files.map((f) => checkPolicy(f, fsHost, { baseline }));
  return { results, diagnostics: normalizeDiagnostics(results.flatMap((r) => r.diagnostics)) };
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'check policies for errors (types, units, names, cycles, citations)',
  help: `Usage: doudi check FILES-OR-FOLDERS… [--json] [--quiet]

Checks every .doudi file given (folders are searched). Prints each problem as
  file:line:col: error CODE: message
with the source line and a caret under the place. Overrides of a base policy are
listed as "info override" for review.

Options:
  --json     print {"files", "errors", "warnings", "diagnostics": […]} instead
  --quiet    print errors only
  --baseline P  check each policy (a reform) applied on the baseline policy P
A file or folder that cannot be read (a dangling link, a loop of links, no permission, a file
over 16 MB) is reported with its cause on stderr and the rest are still checked.
Exit code: 0 no errors, 1 errors found (or a path could not be read), 2 bad usage.
`,
  run(args, io) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' }, quiet: { type: 'boolean' }, baseline: { type: 'string' } });
    if (!positionals.length) throw new UsageError('give at least one policy file or folder');
    const { files, problems } = policyFiles(positionals);
    // Files that cannot be read are reported, and the others still checked.
    for (const p of problems) io.err(`doudi check: ${p}\n`);
    const { results, diagnostics } = checkAll(files, values.baseline);
    const shown = values.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
    // counted with the diagnostics a file's closing "N more" line stands for
    const { errors, warnings } = countDiagnostics(diagnostics);
    if (values.json) {
      io.out(JSON.stringify({ files: files.length, errors, warnings, diagnostics: shown, ...(problems.length ? { unreadable: problems } : {}) }, null, 2) + '\n');
    } else {
      printDiagnostics(shown, results, io.out);
      io.out(`${plural(files.length, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${problems.length ? `; ${plural(problems.length, 'path')} could not be read` : ''}\n`);
    }
    return errors || problems.length ? 1 : 0;
  },
};

