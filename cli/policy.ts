/**
 * The one way a command gets a policy it can run: check it (with its baseline, if any), print its
 * diagnostics and refuse it when it has errors, refuse a framework (it leaves values to the policies
 * built on it), and compile it exactly. eval, simulate, compare, sweep, months and compile use it;
 * test compiles each checked file through `compiledOf`.
 */
import { checkPolicy, compileIR, instantiate, LANGUAGE_VERSION, type CheckResult, type CompiledPolicy, type PolicyIR } from '../language/index.ts';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError, UsageError, type Io } from './command.ts';
import { fsHost, INPUT_LIMITS, plural, printDiagnostics, unreadable } from './io.ts';

export interface RunnablePolicy {
  readonly file: string;
  readonly checked: CheckResult;
  readonly ir: PolicyIR;
  /** the compiled module's source (emitModule), as the simulator and `compile` take it */
  readonly source: string;
  /** the module, instantiated on first use */
  readonly compiled: CompiledPolicy;
}

export interface LoadOptions {
  /** apply the policy (a reform) on this baseline instead of the policy its `extends` names */
  readonly baseline?: string;
  /** what a refusal says is not done: "it cannot be run" (default) or e.g. "nothing written" */
  readonly refusal?: string;
  /** refuse a framework (default true): its rules need the values a province gives */
  readonly refuseFramework?: boolean;
}

const sources = new WeakMap<CheckResult, { source: string; compiled?: CompiledPolicy }>();

/** The compiled module source of a checked policy; a policy compiled code cannot hold exactly is bad input. */
function sourceOf(result: CheckResult, io: Pick<Io, 'err'>, refusal: string): { source: string; compiled?: CompiledPolicy } {
  let s = sources.get(result);
  if (!s) {
    const c = compileIR(result.ir!, result.files, { version: LANGUAGE_VERSION });
    if (!c.js) {
      printDiagnostics(c.diagnostics, [result], io.err);
      throw new InputError(`${result.ir!.policy.file} cannot be compiled exactly; ${refusal}`);
    }
    s = { source: c.js };
    sources.set(result, s);
  }
  return s;
}

/** The instantiated module of a checked policy (cached per check result). */
export function compiledOf(result: CheckResult, io: Pick<Io, 'err'>): CompiledPolicy {
  const s = sourceOf(result, io, 'it cannot be run');
  return (s.compiled ??= instantiate(s.source));
}

/** Checks, reports and compiles `file`; throws InputError (exit 1) with the reason when it cannot run. */
export function loadRunnable(file: string, io: Pick<Io, 'err'>, options: LoadOptions = {}): RunnablePolicy {
  const refusal = options.refusal ?? 'it cannot be run';
  for (const [f, what] of [[file, 'the policy'], ...(options.baseline === undefined ? [] : [[options.baseline, 'the baseline']])] as const) {
    const why = unreadable(f, INPUT_LIMITS.policy);
    if (why) throw new InputError(`${f}: cannot read ${what}: ${why}`);
  }
  if (options.baseline !== undefined && samePath(file, options.baseline))
    throw new UsageError(`the baseline ${options.baseline} is ${file} itself; a reform is applied on another policy (run the policy alone without a baseline)`);
  const checked = checkPolicy(file, fsHost, { baseline: options.baseline });
  if (!checked.ir) {
    const errors = checked.diagnostics.filter((d) => d.severity === 'error');
    printDiagnostics(errors, [checked], io.err);
    throw new InputError(`${file} has ${plural(errors.length, 'error')}; ${refusal}`);
  }
  const ir = checked.ir;
  if (ir.policy.framework && options.refuseFramework !== false)
    throw new InputError(`${file} is a framework: it leaves values to the policies built on it (${refusal}); run a province or the national model (policies/national/model.doudi)`);
  const s = sourceOf(checked, io, refusal);
  return {
    file,
    checked,
    ir,
    source: s.source,
    get compiled() {
      return (s.compiled ??= instantiate(s.source));
    },
  };
}

/** Whether two paths name one file (through links too). */
function samePath(a: string, b: string): boolean {
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}
