/**
 * Mutation testing of a policy's in-language tests: each rule is in turn deleted or negated in the
 * IR, and the tests must notice (some case fails). A mutant no test kills points at a rule whose
 * removal or inversion would go unseen.
 */
import type * as I from '../ir/types.ts';
import { T } from '../types/index.ts';
import { allPass } from './index.ts';

export interface Mutant {
  readonly definition: string;
  readonly description: string;
  readonly file: string;
  readonly line: number;
  readonly ir: I.PolicyIR;
}

/** A value of the type that means "this rule does nothing": false, zero, the enum's first value. */
function neutral(t: I.DefinitionIR['type'], ir: I.PolicyIR): I.Expr {
  switch (t.k) {
    case 'bool':
      return { k: 'const', t, v: false };
    case 'enum':
      return { k: 'const', t, v: ir.enums.find((e) => e.id === t.name)!.values[0]!.id };
    case 'date':
      return { k: 'const', t, v: '1970-01-01' };
    case 'region':
      return { k: 'const', t, v: '000000' };
    default:
      return { k: 'const', t, v: '0' };
  }
}

const not = (e: I.Expr): I.Expr => ({ k: 'not', t: T.bool, a: e });

function replaceDefinition(ir: I.PolicyIR, d: I.DefinitionIR, next: I.DefinitionIR): I.PolicyIR {
  return { ...ir, definitions: ir.definitions.map((x) => (x === d ? next : x)) };
}

/** The mutants of the definitions `include` selects (by default all that are not hidden). */
export function mutants(ir: I.PolicyIR, include: (d: I.DefinitionIR) => boolean = (d) => !d.hidden): Mutant[] {
  const out: Mutant[] = [];
  for (const d of ir.definitions) {
    if (!include(d)) continue;
    const at = { definition: d.id, file: d.origin.file, line: d.origin.at[0] };
    const isBool = d.type.k === 'bool';
    const zero = neutral(d.type, ir);
    const sameAsZero = d.expr.k === 'const' && d.expr.v === (zero as { v: unknown }).v;
    if (isBool) out.push({ ...at, description: `${d.id}: negated`, ir: replaceDefinition(ir, d, { ...d, expr: not(d.expr), exceptions: d.exceptions.map((x) => ({ ...x, then: not(x.then) })) }) });
    else if (!sameAsZero) out.push({ ...at, description: `${d.id}: default replaced by ${String((zero as { v: unknown }).v)}`, ir: replaceDefinition(ir, d, { ...d, expr: zero }) });
    for (const x of d.exceptions) {
      out.push({ ...at, line: x.at[0], description: `${d.id}: exception ${x.label} deleted`, ir: replaceDefinition(ir, d, { ...d, exceptions: d.exceptions.filter((y) => y !== x).map((y) => (y.parent === x.label ? { ...y, parent: x.parent } : y)) }) });
      out.push({ ...at, line: x.at[0], description: `${d.id}: condition of exception ${x.label} negated`, ir: replaceDefinition(ir, d, { ...d, exceptions: d.exceptions.map((y) => (y === x ? { ...y, when: not(y.when) } : y)) }) });
    }
  }
  return out;
}

export interface MutationReport {
  readonly total: number;
  readonly killed: number;
  readonly survivors: readonly Mutant[];
}

/** Runs the policy's tests against every mutant. */
export function mutationReport(ir: I.PolicyIR, include?: (d: I.DefinitionIR) => boolean): MutationReport {
  const all = mutants(ir, include);
  const survivors = all.filter((m) => allPass(m.ir));
  return { total: all.length, killed: all.length - survivors.length, survivors };
}

/**
 * Mutation testing across several test suites: the rules of each policy file are mutated in every
 * suite that builds on it, and a mutant counts as caught when any of those suites catches it.
 */
export function mutationByFile(irs: readonly I.PolicyIR[], files?: ReadonlySet<string>): Map<string, MutationReport> {
  const caught = new Map<string, Set<string>>();
  const seen = new Map<string, Map<string, Mutant>>();
  for (const ir of irs) {
    if (!ir.tests.length) continue;
    for (const m of mutants(ir, (d) => !d.hidden && (!files || files.has(d.origin.file)))) {
      const key = m.description;
      const byFile = seen.get(m.file) ?? new Map<string, Mutant>();
      seen.set(m.file, byFile);
      if (!byFile.has(key)) byFile.set(key, m);
      const done = caught.get(m.file) ?? new Set<string>();
      caught.set(m.file, done);
      if (done.has(key)) continue;
      if (!allPass(m.ir)) done.add(key);
    }
  }
  const out = new Map<string, MutationReport>();
  for (const [file, byKey] of seen) {
    const done = caught.get(file)!;
    const survivors = [...byKey.entries()].filter(([k]) => !done.has(k)).map(([, m]) => m);
    out.set(file, { total: byKey.size, killed: byKey.size - survivors.length, survivors });
  }
  return out;
}
