/** Compiling a checked policy for the commands that run it. */
import { emitModule, instantiate, LANGUAGE_VERSION, type PolicyIR, type CompiledPolicy } from '../../language/index.ts';

const cache = new WeakMap<PolicyIR, CompiledPolicy>();

export function compiled(ir: PolicyIR): CompiledPolicy {
  let m = cache.get(ir);
  if (!m) {
    m = instantiate(emitModule(ir, { version: LANGUAGE_VERSION }));
    cache.set(ir, m);
  }
  return m;
}
