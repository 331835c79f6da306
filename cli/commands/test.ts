import { runTests, mutationByFile, toColumns, rational as Q, type CheckResult, type TestReport, type Household } from '../../language/index.ts';
import { UsageError, type Command } from '../command.ts';
import { policyFiles, printDiagnostics, plural } from '../io.ts';
import { parse } from '../options.ts';
import { compiledOf } from '../policy.ts';
import { checkAll } from './check.ts';

/**
 * Runs each test through the compiled module as well and reports any output where it differs
 * from the interpreter: the two must agree exactly.
 */
function compiledDisagreements(result: CheckResult, report: TestReport, err: (s: string) => void): Map<string, string[]> {
  const ir = result.ir!;
  const m = compiledOf(result, { err });
  const out = new Map<string, string[]>();
  ir.tests.forEach((t, i) => {
    const r = report.results[i]!;
    const pop = toColumns([t.household as unknown as Household]);
    const regions = m.regionsOf(pop);
    const problems: string[] = [];
    try {
      const sets = Object.fromEntries(t.sets.map((s) => [s.id, String(s.value)]));
      const params = m.resolveParameters({ date: t.date, sets }, regions.codes);
      const cols = m.allocateOutputs(1);
      m.evaluateBatch(pop, regions, params, cols, 0, 1);
      const failed = cols.errors[0] !== 0;
      if (r.expectedError) problems.push(`the interpreter fails ("${r.expectedError}"); compiled code does not`);
      else if (failed !== !!r.error) problems.push(failed ? `compiled code reports "${m.SITES[cols.errors[0]! - 1]!.message}"; the interpreter does not` : `the interpreter reports "${r.error}"; compiled code does not`);
      if (!failed && !r.error) {
        for (const o of m.outputs) {
          const v = cols.columns[o.id]![0]!;
          const want = r.values[o.id];
          if (want === undefined) continue;
          const got = o.values ? o.values[v] : o.type === 'bool' ? v === 1 : o.type.startsWith('money') ? Q.rat(v, 100) : Q.fromNumber(v);
          const same = typeof want === 'object' ? typeof got === 'object' && (o.type === 'rate' || o.type === 'number' ? Math.abs(Q.toNumber(want) - Q.toNumber(got)) < 1e-9 : Q.eq(want, got)) : want === got;
          if (!same) problems.push(`${o.id}: compiled ${typeof got === 'object' ? Q.toDecimalString(got, 4) : String(got)}, interpreter ${typeof want === 'object' ? Q.toDecimalString(want, 4) : String(want)}`);
        }
      }
    } catch (e) {
      if (!r.error && !r.expectedError) problems.push(`compiled code failed: ${(e as Error).message}`);
    }
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
    const files = policyFiles(positionals);
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
