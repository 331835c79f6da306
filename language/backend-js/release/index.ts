/**
 * The release folder of a policy (`doudi compile POLICY --target js --out DIR`): what a service
 * vendors. Made here as a list of files (name and text), environment-agnostic; the caller writes
 * them and provides the content hash (SHA-256, hex). The same sources give the same bytes: nothing
 * here reads a clock, a random number or the machine.
 *
 *   <id>.js           the ES module: no dependency, no eval, no Function; validates its input
 *   <id>.d.ts         its types
 *   <id>.schema.json  JSON Schema of the household input
 *   <id>.tests.json   the policy's own tests as vectors
 *   <id>.ir.json      the checked policy as IR
 *   package.json      { type: module } so that Node loads <id>.js as an ES module anywhere
 *   README.md         how to use the folder
 *   manifest.json     policy, compiler, a hash of every source and every file
 */
import type * as I from '../../ir/types.ts';
import { IR_VERSION } from '../../ir/types.ts';
import { dirname, normalizePath } from '../../checker/host.ts';
import { emitDeclarations } from '../dts.ts';
import { emitModule } from '../module.ts';
import { typeName } from '../context.ts';
import { householdSchema } from './json-schema.ts';
import { testVectors } from './vectors.ts';
import { readme } from './readme.ts';

export interface ReleaseFile {
  readonly name: string;
  readonly text: string;
}

export interface ReleaseInput {
  /** the policy, checked (it compiled exactly: emitModule does not fail on it) */
  readonly ir: I.PolicyIR;
  /** every source file read, with its text: the policy, what it extends, test files */
  readonly sources: ReadonlyMap<string, string>;
  /** source files that are test files (their tests are in `tested`) */
  readonly testFiles: readonly string[];
  /** IRs whose tests become vectors: the policy's own, and test files that extend it and declare nothing */
  readonly tested: readonly I.PolicyIR[];
  /** the compiler's version */
  readonly version: string;
  /** SHA-256 of a text's UTF-8 bytes, as lowercase hex */
  readonly hash: (text: string) => string;
}

/** The file-name stem of a policy's release files. */
export const releaseStem = (ir: I.PolicyIR): string => ir.policy.id.replace(/[^\w\u3400-\u9fff-]/g, '_');

/** `to` relative to folder `from` (both normalised the same way: both absolute or both relative to one folder). */
export function relativePath(from: string, to: string): string {
  const a = normalizePath(from).split('/').filter((x) => x && x !== '.');
  const b = normalizePath(to).split('/').filter((x) => x && x !== '.');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/') || '.';
}

/**
 * The IR with every source path relative to the policy's folder, so that the folder's bytes do not
 * depend on the folder the compiler ran in or on how the policy's path was written.
 */
function relocate(ir: I.PolicyIR, relative: (file: string) => string): I.PolicyIR {
  const origin = <T extends { readonly file: string }>(o: T): T => ({ ...o, file: relative(o.file) });
  const decl = <T extends { readonly origin: I.Origin; readonly overrides?: I.Origin & { readonly replaces: string } }>(d: T): T => ({ ...d, origin: origin(d.origin), ...(d.overrides ? { overrides: origin(d.overrides) } : {}) });
  return {
    ...ir,
    policy: { ...ir.policy, file: relative(ir.policy.file), chain: ir.policy.chain.map(origin) },
    parameters: ir.parameters.map(decl),
    definitions: ir.definitions.map(decl),
    tests: ir.tests.map(origin),
  };
}

const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;
const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

export function releaseFiles(input: ReleaseInput): ReleaseFile[] {
  const home = dirname(normalizePath(input.ir.policy.file));
  const relative = (file: string) => relativePath(home, file);
  const ir = relocate(input.ir, relative);
  const stem = releaseStem(ir);
  const vectors = testVectors(ir, input.tested, relative);
  const files: ReleaseFile[] = [
    { name: `${stem}.js`, text: emitModule(ir, { version: input.version }) },
    { name: `${stem}.d.ts`, text: emitDeclarations(ir) },
    { name: `${stem}.schema.json`, text: json(householdSchema(ir)) },
    { name: `${stem}.tests.json`, text: json({ format: 'doudi-test-vectors 1', policy: ir.policy.id, money: 'yuan', count: vectors.length, vectors }) },
    { name: `${stem}.ir.json`, text: json(ir) },
    {
      name: 'package.json',
      text: json({
        name: `doudi-policy-${stem.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'policy'}`,
        version: '0.0.0',
        private: true,
        description: `Doudi compiled policy ${ir.policy.id}${ir.policy.label ? ` (${ir.policy.label})` : ''}`,
        type: 'module',
        main: `./${stem}.js`,
        types: `./${stem}.d.ts`,
        exports: { '.': { types: `./${stem}.d.ts`, default: `./${stem}.js` }, './tests.json': `./${stem}.tests.json`, './schema.json': `./${stem}.schema.json` },
      }),
    },
    { name: 'README.md', text: readme(ir, stem, vectors.length) },
  ];
  const sources = [...input.sources.keys()]
    .sort((a, b) => (relative(a) < relative(b) ? -1 : relative(a) > relative(b) ? 1 : 0))
    .map((file) => ({ file: relative(file), role: input.testFiles.includes(file) ? 'tests' : 'policy', sha256: input.hash(input.sources.get(file)!), bytes: utf8Bytes(input.sources.get(file)!) }));
  const manifest = {
    format: 'doudi-release 1',
    policy: {
      id: ir.policy.id,
      name: ir.policy.label ?? ir.policy.id,
      region: ir.policy.region,
      effective: ir.policy.effective,
      chain: ir.policy.chain,
      documents: ir.documents.map((d) => ({ key: d.key, title: d.title })),
    },
    compiler: { name: 'doudi', version: input.version, ir: IR_VERSION },
    schema: { population: 2, household: `${stem}.schema.json` },
    entry: `${stem}.js`,
    types: `${stem}.d.ts`,
    outputs: ir.definitions.filter((d) => ir.outputs.includes(d.id)).map((d) => ({ id: d.id, label: d.label ?? null, type: typeName(d.type) })),
    tests: { file: `${stem}.tests.json`, vectors: vectors.length },
    sources,
    files: files.map((f) => ({ name: f.name, sha256: input.hash(f.text), bytes: utf8Bytes(f.text) })),
  };
  return [...files, { name: 'manifest.json', text: json(manifest) }];
}
