/**
 * doudi compile: a checked policy as the files a production system vendors. Each target is one
 * entry of TARGETS (its files, given the loaded policy); `--target js` writes the release folder
 * (language/backend-js/release). A new target (SQL) adds its entry, its options to OPTIONS and a
 * paragraph to the help; loading, refusing, writing and reporting are shared.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { checkPolicy, normalizePath, releaseFiles, LANGUAGE_VERSION, type CheckResult, type PolicyIR, type ReleaseFile } from '../../language/index.ts';
import { InputError, UsageError, type Command, type Io } from '../command.ts';
import { fsHost, fsReason } from '../io.ts';
import { parse, requireDate, settings, str, type Values } from '../options.ts';
import { compileSql, tableDefinitions, SqlCompileError, DIALECTS, type DialectName } from '../../language/backend-sql/index.ts';
import { loadRunnable, type RunnablePolicy } from '../policy.ts';

interface Target {
  /** the files to write, given the policy as loaded (checked, compiled exactly) */
  files(policy: RunnablePolicy, values: Values, io: Io): ReleaseFile[];
}

const OPTIONS = {
  target: { type: 'string' },
  out: { type: 'string' },
  baseline: { type: 'string' },
  tests: { type: 'string', multiple: true },
  dialect: { type: 'string' },
  date: { type: 'string' },
  set: { type: 'string', multiple: true },
} as const;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The test files whose tests become the release's vectors: those given with --tests, else every
 * *.test.doudi beside the policy that extends it. A test file's tests must test exactly the policy
 * compiled: it declares nothing of its own, and what it builds on is the compiled policy's chain
 * (a reform's tests, written on its own baseline, do not hold on another --baseline). One that
 * does not is refused when given, and left out with a note when found.
 */
function testFiles(policy: RunnablePolicy, values: Values, io: Io): CheckResult[] {
  const given = values.tests as string[] | undefined;
  const home = path.dirname(policy.file);
  const candidates = given ?? fs.readdirSync(home).filter((f) => f.endsWith('.test.doudi')).sort().map((f) => path.join(home, f));
  const target = normalizePath(policy.ir.policy.file);
  const out: CheckResult[] = [];
  for (const file of candidates) {
    if (normalizePath(file) === target) continue;
    const r = checkPolicy(file, fsHost);
    const extendsIt = normalizePath(r.ir?.policy.chain[1]?.file ?? '') === target;
    const why = !r.ir
      ? 'it has errors (run doudi check on it)'
      : !extendsIt
        ? `it does not extend ${policy.file}`
        : !sameChain(r.ir.policy.chain.slice(1), policy.ir.policy.chain)
          ? `its tests are written for ${policy.file} on ${r.ir.policy.chain[2]?.file ?? 'nothing'}, not on ${str(values, 'baseline') ?? 'this baseline'}`
          : ownDeclarations(r.ir)
            ? 'it declares rules or parameters of its own, so its tests test another policy'
            : undefined;
    if (why === undefined) out.push(r);
    else if (given) throw new InputError(`--tests ${file}: ${why}`);
    else if (extendsIt) io.err(`note: the tests of ${file} are left out of the release: ${why}\n`);
  }
  return out;
}

const sameChain = (a: PolicyIR['policy']['chain'], b: PolicyIR['policy']['chain']): boolean =>
  a.length === b.length && a.every((x, i) => x.id === b[i]!.id && normalizePath(x.file) === normalizePath(b[i]!.file));

const ownDeclarations = (ir: PolicyIR): boolean => [...ir.definitions, ...ir.parameters].some((d) => d.origin.policy === ir.policy.id);

const TARGETS: Record<string, Target> = {
  sql: {
    files(policy, values) {
      const dialect = str(values, 'dialect');
      if (!dialect || !(DIALECTS as readonly string[]).includes(dialect)) throw new UsageError(`--target sql needs --dialect ${DIALECTS.join('|')}`);
      const date = requireDate(str(values, 'date'));
      let q;
      try {
        q = compileSql(policy.ir, { dialect: dialect as DialectName, date, sets: Object.fromEntries(settings(values.set as string[] | undefined)) });
      } catch (e) {
        if (e instanceof SqlCompileError) throw new InputError(e.message);
        throw e;
      }
      const id = policy.ir.policy.id;
      return [
        { name: `tables.${dialect}.sql`, text: tableDefinitions(dialect as DialectName) },
        { name: `${id}.${dialect}.sql`, text: q.script },
        { name: `${id}.${dialect}.columns.json`, text: JSON.stringify({ policy: id, date, dialect, columns: q.columns }, null, 2) + '\n' },
      ];
    },
  },
  js: {
    files(policy, values, io) {
      const tests = testFiles(policy, values, io);
      const sources = new Map<string, string>();
      for (const r of [policy.checked, ...tests]) for (const [file, info] of r.files) sources.set(file, info.source.text);
      return releaseFiles({
        ir: policy.ir,
        sources,
        testFiles: tests.map((r) => r.ir!.policy.file),
        tested: [...(policy.ir.tests.length ? [policy.ir] : []), ...tests.map((r) => r.ir!)],
        version: LANGUAGE_VERSION,
        hash: sha256,
      });
    },
  },
};

export const compileCommand: Command = {
  name: 'compile',
  summary: 'compile a policy to a release folder for production systems',
  help: `Usage: doudi compile POLICY --target js --out DIR [--baseline P] [--tests FILE]…
       doudi compile POLICY --target sql --dialect duckdb|postgres|spark --date D [--set k=v]… --out DIR

Writes to DIR a release folder a service can vendor (docs/release.md):
  <policy>.js           a standalone ES module: no dependency on Doudi, no eval, no Function.
                        evaluateRecord(household, {date, sets}) gives {outputs} or {errors:
                        [{field, reason}]} and never throws for bad input; evaluateRecords(list,
                        options) one result per record; validate(household); evaluate (throws);
                        evaluateBatch(…) over populations held as typed-array columns
  <policy>.d.ts         TypeScript types of its inputs, outputs and functions
  <policy>.schema.json  JSON Schema of one household, the module's input
  <policy>.tests.json   the policy's own tests as vectors: household, date, settings, outputs
  <policy>.ir.json      the checked policy as the language's intermediate representation
  package.json          {"type": "module"}, so Node loads the module as ES wherever it is put
  README.md             how to use the folder
  manifest.json         policy id and name, region, dates, compiler version, the SHA-256 of
                        every source file and of every file written
The same sources give the same bytes.

doudi compile POLICY --target sql --dialect duckdb|postgres|spark --date D [--set k=v]… --out DIR
writes the rules as SQL (docs/sql.md): tables.<dialect>.sql (CREATE TABLE households, persons;
money in fen), <policy>.<dialect>.sql (one row of outputs per household: household_id,
doudi_error, the outputs; parameters resolved for the date and settings) and
<policy>.<dialect>.columns.json (which column holds which output).

Options:
  --target js|sql
  --out DIR     created if missing; files of the same names are replaced
  --baseline P  compile POLICY (a reform) applied on the baseline policy P
  --tests FILE  a test file whose tests become vectors (repeatable); by default every
                *.test.doudi beside POLICY that extends it
Exit code: 0 written, 1 the policy has errors or DIR cannot be written, 2 bad usage.
`,
  run(args, io) {
    const { values, positionals } = parse(args, OPTIONS);
    if (positionals.length !== 1) throw new UsageError('give exactly one policy file');
    if (!values.target) throw new UsageError('--target js|sql is required');
    const target = TARGETS[values.target];
    if (!target) throw new UsageError(`--target ${values.target}: the targets are ${Object.keys(TARGETS).join(', ')}`);
    if (!values.out) throw new UsageError('--out DIR is required');
    const policy = loadRunnable(positionals[0]!, io, { baseline: values.baseline, refusal: 'nothing written', refuseFramework: false });
    if (policy.ir.policy.framework) io.err(`note: ${policy.file} is a framework: it leaves parameter values to the policies built on it, so its module evaluates nothing alone; compile a province or the national model (policies/national/model.doudi) for a service\n`);
    const files = target.files(policy, values, io);
    writeFiles(values.out, files);
    for (const f of files) io.out(`wrote ${path.join(values.out, f.name)}\n`);
    return 0;
  },
};

/** Writes every file or reports why the folder cannot be written (exit 1). */
function writeFiles(dir: string, files: readonly ReleaseFile[]): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    for (const f of files) fs.writeFileSync(path.join(dir, f.name), f.text);
  } catch (e) {
    throw new InputError(`cannot write to ${dir}: ${(e as NodeJS.ErrnoException).code === 'EEXIST' ? 'it is a file, not a folder' : fsReason(e)}`);
  }
}
