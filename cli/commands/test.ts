import { compiledOutcome, disagreements, mutationByFile, runTests, settingsFromValues, testSets, type CheckResult, type Household, type TestReport } from '../../language/index.ts';
import { UsageError, type Command } from '../command.ts';
import { policyFiles, printDiagnostics, plural } from '../io.ts';
import { parse } from '../options.ts';
import { compiledOf } from '../policy.ts';
import { checkAll } from './check.ts';

/**
 * Runs each test case through the compiled module as well (language/run's agreement check): any
 * output where it differs from the interpreter, or a case only one of them refuses, is a failure.
 */
function compiledDisagreements(result: CheckResult, report: TestReport, err: (s: string) => void): Map<string, string[]> {
  const ir = result.ir!;
  const m = compiledOf(result, { err });
  const out = new Map<string, string[]>();
  ir.tests.forEach((t, i) => {
    const r = report.results[i]!;
    const settings = settingsFromValues(ir, testSets(ir, t));
    const compiled = compiledOutcome(m, t.household as unknown as Household, t.date, settings);
    const problems = disagreements(m.outputs, { values: r.values, ...(r.error ? { error: r.error } : {}) }, compiled, r.expectedError);
    if (problems.length) out.set(t.name, problems);
  });
  return out;
}

export const testCommand: Command = {
  name: 'test',
  summary: 'run the test cases written in policies, and report what no test reached',
  help: `Usage: doudi test FILES-OR-FOLDERS… [--json] [--mutate]

Runs every "test" case of the policies given (folders are searched): each case's
household is evaluated on its date and each "expect" compared exactly. Each case also
runs through the compiled module, which must agree with the interpreter. Lists the
definitions no expected value depended on, and the exceptions that never fired.

Options:
  --json     print the results as JSON
  --mutate   also delete or negate each rule of the file's own policy in turn and report
             the changes no test notices (mutation testing); any such change fails the run
Exit code: 0 all pass, 1 a policy has errors or a test fails (or, with --mutate, a change
goes unnoticed), 2 bad usage.
`,
  run(args, io) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' }, mutate: { type: 'boolean' } });
    if (!positionals.length) throw new UsageError('give at least one policy file or folder');
    const { files, problems } = policyFiles(positionals);
    for (const p of problems) io.err(`doudi test: ${p}\n`);
    if (problems.length) {
      io.err(`${plural(problems.length, 'path')} could not be read: fix them before running tests\n`);
      return 1;
    }
    const { results, diagnostics } = checkAll(files);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) {
      printDiagnostics(errors, results, io.err);
      io.err(`${plural(errors.length, 'error')}: fix them before running tests\n`);
      return 1;
    }
    let passed = 0;
    let failed = 0;
    const json: unknown[] = [];
    results.forEach((res, i) => {
      const ir = res.ir!;
      if (!ir.tests.length) return;
      const report = runTests(ir);
      const mismatch = compiledDisagreements(res, report, io.err);
      const file = files[i]!;
      if (values.json) {
        json.push({
          file,
          policy: ir.policy.id,
          results: report.results.map((r) => ({ name: r.name, line: r.line, ok: r.ok && !mismatch.has(r.name), failures: r.failures, error: r.error, compiled: mismatch.get(r.name) })),
          unreached: report.unreached,
          unfired: report.unfired,
        });
      } else io.out(`${file} (${ir.policy.id}): ${plural(report.results.length, 'test')}\n`);
      for (const r of report.results) {
        const bad = mismatch.get(r.name);
        const ok = r.ok && !bad;
        if (ok) passed++;
        else failed++;
        if (values.json) continue;
        io.out(`  ${ok ? '✓' : '✗'} ${r.name}\n`);
        if (r.error) io.out(`      ${file}:${r.line}: ${r.error}\n`);
        for (const f of r.failures) io.out(`      ${file}:${f.line}: expected ${f.id} = ${f.expected}, got ${f.actual}\n`);
        for (const b of bad ?? []) io.out(`      compiled and interpreted results differ: ${b}\n`);
      }
      if (!values.json) {
        if (report.unreached.length) io.out(`  not reached by any test: ${report.unreached.join(', ')}\n`);
        if (report.unfired.length) io.out(`  exceptions no test fired: ${report.unfired.join('; ')}\n`);
      }

    });
    if (values.mutate) {
      // Every rule of the files given is deleted or negated in turn, in every suite that builds on it.
      const given = new Set(files);
      const reports = mutationByFile(results.map((r) => r.ir!), given);
      for (const [file, m] of [...reports].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const score = m.total ? (100 * m.killed) / m.total : 100;
        if (!values.json) io.out(`${file}: mutation score ${m.killed}/${m.total} (${score.toFixed(1)}%) of deleted or negated rules caught by a test\n`);
        for (const s of m.survivors) if (!values.json) io.out(`  not caught: ${s.file}:${s.line}: ${s.description}\n`);
        if (m.survivors.length) failed++;
      }
    }
    if (values.json) io.out(JSON.stringify({ passed, failed, files: json }, null, 2) + '\n');
    else io.out(`${passed} passed, ${failed} failed\n`);
    return failed ? 1 : 0;
  },
};
