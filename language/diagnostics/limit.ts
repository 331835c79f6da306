/**
 * At most LIMITS.diagnosticsPerFile diagnostics per file, and one closing line that counts the
 * rest. Errors are kept first, so a file with errors always shows some; the kept ones stay in
 * source order. Applied where every tool gets its diagnostics (checkPolicy), so the command line
 * (text and JSON) and the studio show the same.
 */
import { LIMITS } from '../limits.ts';
import { isCode, makeDiagnostic, type Diagnostic } from './diagnostic.ts';
import type { Severity } from './codes.ts';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function limitDiagnostics(list: readonly Diagnostic[], perFile: number = LIMITS.diagnosticsPerFile): Diagnostic[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of list) {
    const l = byFile.get(d.file);
    if (l) l.push(d);
    else byFile.set(d.file, [d]);
  }
  if ([...byFile.values()].every((l) => l.length <= perFile)) return [...list];
  const out: Diagnostic[] = [];
  for (const [file, all] of byFile) {
    if (all.length <= perFile) {
      for (const d of all) out.push(d);
      continue;
    }
    const order = all.map((d, i) => ({ d, i }));
    const kept = new Set(order.sort((a, b) => RANK[a.d.severity] - RANK[b.d.severity] || a.i - b.i).slice(0, perFile).map((x) => x.i));
    const rest = { errors: 0, warnings: 0, infos: 0 };
    let first: Diagnostic | undefined;
    all.forEach((d, i) => {
      if (kept.has(i)) out.push(d);
      else {
        first ??= d;
        if (d.severity === 'error') rest.errors++;
        else if (d.severity === 'warning') rest.warnings++;
        else rest.infos++;
      }
    });
    const at = first!.range.start;
    out.push(makeDiagnostic('too-many-diagnostics', { more: all.length - perFile, ...rest }, file, { start: at, end: at }));
  }
  return out;
}

/** How many errors, warnings and infos a list stands for, counting those a closing line stands for. */
export function countDiagnostics(list: readonly Diagnostic[]): { errors: number; warnings: number; infos: number } {
  const n = { errors: 0, warnings: 0, infos: 0 };
  for (const d of list) {
    if (isCode(d, 'too-many-diagnostics')) {
      n.errors += d.params.errors;
      n.warnings += d.params.warnings;
      n.infos += d.params.infos;
    } else if (d.severity === 'error') n.errors++;
    else if (d.severity === 'warning') n.warnings++;
    else n.infos++;
  }
  return n;
}
