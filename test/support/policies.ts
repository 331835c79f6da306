/** Test vocabulary: load, check and compile policies from the repository or from text. */
import { expect } from 'vitest';
import {
  checkPolicy,
  mapHost,
  emitModule,
  instantiate,
  formatDiagnostic,
  LANGUAGE_VERSION,
  type PolicyIR,
  type CheckResult,
  type CompiledPolicy,
  type Diagnostic,
} from '../../language/index.ts';

/** Policies read from the repository, as the command line reads them. */
import { fsHost } from '../../cli/io.ts';
export { fsHost };

export function formatAll(r: CheckResult): string {
  return r.diagnostics.map((d) => formatDiagnostic(d, r.files.get(d.file)?.source)).join('\n');
}

/** Checks a policy file of the repository and fails the test with readable diagnostics if it has errors. */
export function loadIR(path: string): PolicyIR {
  const r = checkPolicy(path, fsHost);
  if (!r.ir) expect.fail(`${path} has errors:\n${formatAll(r)}`);
  return r.ir;
}

export function compile(ir: PolicyIR): CompiledPolicy {
  return instantiate(emitModule(ir, { version: LANGUAGE_VERSION }));
}

/** Checks policy text given inline (file "test.doudi"); other files may be given too. */
export function check(text: string, others: Record<string, string> = {}): CheckResult {
  return checkPolicy('test.doudi', mapHost({ 'test.doudi': text, ...others }));
}

export const HEADER = `policy t "test"\n  region 310000\n  effective from 2024-01-01\n  document "d" "a document"\n`;

/** A policy of the given declarations under a standard header. */
export function rules(strings: TemplateStringsArray, ...values: unknown[]): CheckResult {
  return check(HEADER + String.raw({ raw: strings }, ...values));
}

export function codes(r: CheckResult, severity: Diagnostic['severity'] = 'error'): string[] {
  return r.diagnostics.filter((d) => d.severity === severity).map((d) => d.code);
}

export function expectDiagnostic(r: CheckResult, code: string, at?: { line: number; column?: number }): Diagnostic {
  const d = r.diagnostics.find((x) => x.code === code && (!at || (x.range.start.line === at.line && (at.column === undefined || x.range.start.column === at.column))));
  if (!d) expect.fail(`expected diagnostic ${code}${at ? ` at ${at.line}:${at.column ?? '*'}` : ''}; got:\n${formatAll(r) || '(none)'}`);
  return d;
}

export function expectClean(r: CheckResult): PolicyIR {
  const errors = r.diagnostics.filter((d) => d.severity !== 'info');
  if (errors.length || !r.ir) expect.fail(`expected no diagnostics; got:\n${formatAll(r)}`);
  return r.ir!;
}
