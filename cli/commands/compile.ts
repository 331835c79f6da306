import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkPolicy, compileIR, emitDeclarations, LANGUAGE_VERSION } from '../../language/index.ts';
import { InputError, UsageError, type Command } from '../command.ts';
import { fsHost, printDiagnostics, plural } from '../io.ts';
import { parse } from '../options.ts';

export const compileCommand: Command = {
  name: 'compile',
  summary: 'compile a policy to a standalone module for production systems',
  help: `Usage: doudi compile POLICY --target js --out DIR

Writes to DIR:
  <policy>.js        a standalone ES module (no dependency on Doudi): evaluate(household,
                     {date, sets}) for one household, evaluateBatch(…) for populations held
                     as typed-array columns, resolveParameters, regionsOf, allocateOutputs
  <policy>.d.ts      TypeScript types of its inputs, outputs and functions
  <policy>.ir.json   the checked policy as the language's intermediate representation

Options:
  --target js   the only target today
  --out DIR     created if missing
  --baseline P  compile POLICY (a reform) applied on the baseline policy P
Exit code: 0 written, 1 the policy has errors or DIR cannot be written, 2 bad usage.
`,
  run(args, io) {
    const { values, positionals } = parse(args, { target: { type: 'string' }, out: { type: 'string' }, baseline: { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError('give exactly one policy file');
    if (!values.target) throw new UsageError('--target js is required');
    if (values.target !== 'js') throw new UsageError(`--target ${values.target}: the only target is js`);
    if (!values.out) throw new UsageError('--out DIR is required');
    const r = checkPolicy(positionals[0]!, fsHost, { baseline: values.baseline });
    if (!r.ir) {
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      printDiagnostics(errors, [r], io.err);
      throw new InputError(`${positionals[0]} has ${plural(errors.length, 'error')}; nothing written`);
    }
    const ir = r.ir;
    const c = compileIR(ir, r.files, { version: LANGUAGE_VERSION });
    if (!c.js) {
      printDiagnostics(c.diagnostics, [r], io.err);
      throw new InputError(`${positionals[0]} cannot be compiled exactly; nothing written`);
    }
    const base = ir.policy.id.replace(/[^\w\u3400-\u9fff-]/g, '_');
    const files: [string, string][] = [
      [`${base}.js`, c.js],
      [`${base}.d.ts`, emitDeclarations(ir)],
      [`${base}.ir.json`, JSON.stringify(ir, null, 2) + '\n'],
    ];
    try {
      fs.mkdirSync(values.out, { recursive: true });
      for (const [name, text] of files) fs.writeFileSync(path.join(values.out, name), text);
    } catch (e) {
      throw new InputError(`cannot write to ${values.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    for (const [name] of files) io.out(`wrote ${path.join(values.out, name)}\n`);
    return 0;
  },
};
