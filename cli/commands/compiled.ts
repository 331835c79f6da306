/** Compiling a checked policy for the commands that run it. */
import { compileIR, instantiate, LANGUAGE_VERSION, type CheckResult, type CompiledPolicy } from '../../language/index.ts';
import { InputError, printDiagnostics } from '../io.ts';

const cache = new WeakMap<CheckResult, CompiledPolicy>();

/** The compiled module of a checked policy; a policy compiled code cannot hold exactly is bad input. */
export function compiled(result: CheckResult, err: (s: string) => void): CompiledPolicy {
  let m = cache.get(result);
  if (!m) {
    const c = compileIR(result.ir!, result.files, { version: LANGUAGE_VERSION });
    if (!c.js) {
      printDiagnostics(c.diagnostics, [result], err);
      throw new InputError(`${result.ir!.policy.file} cannot be compiled exactly`);
    }
    m = instantiate(c.js);
    cache.set(result, m);
  }
  return m;
}
