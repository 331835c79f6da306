/**
 * Checker: a policy file and the files it extends → diagnostics and, when there is no error, the
 * IR. Name resolution, composition, types and units, totality (cycles, division guards, complete
 * matches and tables), money exactness and in-language tests are all checked here.
 */
import { Loader, type FileInfo } from './compose.ts';
import { PolicyChecker } from './check.ts';
import { normalizeDiagnostics, limitDiagnostics, makeDiagnostic, type Diagnostic } from '../diagnostics/index.ts';
import { normalizePath, type SourceHost } from './host.ts';
import type { PolicyIR } from '../ir/types.ts';

export * from './host.ts';
export { parseCite, citeText, citesText } from './cites.ts';
export { BUILTINS, builtinByName } from './builtins.ts';
export type { FileInfo } from './compose.ts';

export interface CheckResult {
  /** present only when there is no error */
  readonly ir?: PolicyIR;
  readonly diagnostics: readonly Diagnostic[];
  /** every file read, by path (for printing source lines) */
  readonly files: ReadonlyMap<string, FileInfo>;
}

export interface CheckOptions {
  /** apply the policy (a reform) on this baseline instead of the policy its extends names */
  readonly baseline?: string;
}

export function checkPolicy(path: string, host: SourceHost, options: CheckOptions = {}): CheckResult {
  const loader = new Loader(host);
  const p = normalizePath(path);
  const file = loader.load(p);
  const files = () => new Map(loader.allFiles().map((f) => [f.path, f]));
  if (!file) {
    const at = { line: 1, column: 1, offset: 0 };
    return { diagnostics: [makeDiagnostic('file-not-found', { path: p, reason: '' }, p, { start: at, end: at })], files: files() };
  }
  const comp = loader.compose(file, [], options.baseline === undefined ? undefined : normalizePath(options.baseline));
  const checker = new PolicyChecker(comp, host);
  const r = checker.run();
  const all = normalizeDiagnostics([...loader.diagnostics, ...r.diagnostics]);
  const ok = !all.some((d) => d.severity === 'error');
  // At most LIMITS.diagnosticsPerFile per file, and a closing line counting the rest (see ../diagnostics/limit.ts).
  return { ir: ok ? r.ir : undefined, diagnostics: limitDiagnostics(all), files: files() };
}
