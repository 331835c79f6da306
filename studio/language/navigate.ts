/**
 * Go to definition and rename. A reference goes to the declaration in force in the file's policy
 * (an override in a province, the framework's declaration otherwise); an override's own name goes
 * to the declaration it replaces. Rename finds the symbol's occurrences in every policy file of the
 * workspace, each resolved in its own policy, so a framework name is renamed in the framework, the
 * provinces that override it, the reforms and every test that sets or expects it.
 */
import { isKeyword, IDENT_ONLY, type Scope, type Sym } from './scope.ts';
import { occurrencesOf, scopeOf } from './analysis.ts';
import { occurrenceAt, type Occurrence } from './occurrences.ts';
import { offsetAt, rangeOf } from './text.ts';
import type { Location, Position, Range, TextEdit } from './protocol.ts';
import type { SourceFile, Workspace } from './workspace.ts';

const START: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

function locate(file: SourceFile, span: { start: number; end: number }): Location {
  return { path: file.path, range: rangeOf(file.source, span) };
}

export function definition(ws: Workspace, path: string, at: Position): Location | null {
  const file = ws.file(path);
  if (!file) return null;
  const occ = occurrenceAt(occurrencesOf(ws, file.path), offsetAt(file.source, at));
  if (!occ) return null;
  if (occ.role === 'path') return ws.text(occ.path!) === undefined ? null : { path: occ.path!, range: START };
  const sym = occ.sym;
  if (!sym) return null;
  switch (sym.kind) {
    case 'value': {
      // On a declaration: the one it overrides (if any). On a use: the declaration in force.
      const own = occ.role === 'decl' || occ.role === 'label' ? sym.sites.findIndex((s) => s.file === file && s.decl.name.span.start <= occ.span.start && occ.span.end <= s.decl.span.end) : -1;
      const site = own >= 0 ? (sym.sites[own + 1] ?? sym.sites[own]!) : sym.sites[0]!;
      return locate(site.file, site.decl.name.span);
    }
    case 'enum':
      return sym.site ? locate(sym.site.file, sym.site.decl.name.span) : null;
    case 'enum-value':
      return sym.enum.site && sym.value.span ? locate(sym.enum.site.file, sym.value.span) : null;
    case 'exception': {
      const d = sym.site.decl;
      const x = d.kind === 'definition' ? d.exceptions.find((e) => e.label.text === sym.label) : undefined;
      return x ? locate(sym.site.file, x.label.span) : null;
    }
    case 'document':
      return locate(sym.file, sym.span);
    default:
      return null;
  }
}

/** What a rename at an occurrence changes: the name's id, or a value's Chinese label. */
interface Target {
  readonly sym: Sym;
  readonly old: string;
  /** a value's label: its label strings and the uses of it as a name */
  readonly label: boolean;
}

function target(occ: Occurrence): Target | string {
  const sym = occ.sym;
  if (!sym) return `${occ.text} is not a name this policy declares`;
  if (occ.guess) return `${occ.text} does not resolve here`;
  switch (sym.kind) {
    case 'value':
      if (occ.role === 'label' || occ.alias) return { sym, old: occ.text, label: true };
      return { sym, old: sym.id, label: false };
    case 'enum':
      if (!sym.site) return `${sym.id} is an enum of the population schema`;
      return occ.text === sym.id ? { sym, old: sym.id, label: false } : `${occ.text} is the label of ${sym.id}; rename the enum by its id`;
    case 'enum-value':
      if (!sym.enum.site) return `${sym.value.id} is a value of the schema's ${sym.enum.id}`;
      return occ.text === sym.value.id ? { sym, old: sym.value.id, label: false } : `${occ.text} is the label of ${sym.value.id}; rename the value by its id`;
    case 'exception':
      return { sym, old: sym.label, label: false };
    case 'field':
      return `${sym.field.id} is a field of the population schema`;
    case 'builtin':
      return `${sym.builtin.id} is a built-in function`;
    case 'document':
      return 'documents are not renamed';
  }
}

/** Why `name` cannot take the place of the target in `scope`, or undefined. */
function clash(t: Target, name: string, scope: Scope): string | undefined {
  const sym = t.sym;
  if (sym.kind === 'value') {
    const taken = scope.value(name);
    if (taken && taken.key !== sym.key) return `${name} is already ${scope.taken(name)} in ${scope.policyId}`;
    if (!taken) {
      const other = scope.taken(name);
      if (other) return `${name} is already ${other}`;
    }
    const en = scope.enumOfType(sym.sites[0]!.decl.type);
    if (en && scope.enumValue(en, name)) return `${name} is a value of ${en.id}, the type of ${sym.id}`;
    return undefined;
  }
  if (sym.kind === 'enum') {
    const other = scope.enums.get(name);
    return other && other.key !== sym.key ? `${name} is already the enum ${other.id}` : undefined;
  }
  if (sym.kind === 'enum-value') {
    if (scope.enumValue(sym.enum, name)) return `${sym.enum.id} already has a value ${name}`;
    const other = scope.taken(name);
    return other ? `${name} is already ${other}` : undefined;
  }
  if (sym.kind === 'exception') {
    const d = sym.site.decl;
    return d.kind === 'definition' && d.exceptions.some((x) => x.label.text === name) ? `${d.name.text} already has an exception ${name}` : undefined;
  }
  return undefined;
}

export type RenamePlan = { readonly range: Range; readonly text: string; readonly edits: readonly TextEdit[] } | { readonly reject: string };

/**
 * A rename at a position: the name's range and current text and, given a new name, every edit it
 * takes; or why it cannot be done (not a name, a schema field, a keyword, an invalid or clashing name).
 */
export function planRename(ws: Workspace, path: string, at: Position, newName?: string): RenamePlan {
  const file = ws.file(path);
  if (!file) return { reject: `no file ${path}` };
  const occ = occurrenceAt(occurrencesOf(ws, file.path), offsetAt(file.source, at));
  if (!occ || occ.role === 'cite' || occ.role === 'path') return { reject: 'only names can be renamed, not keywords, literals or citations' };
  const t = target(occ);
  if (typeof t === 'string') return { reject: t };
  // A label is renamed where it is written, inside its quotes.
  const range = rangeOf(file.source, occ.role === 'label' ? { start: occ.span.start + 1, end: occ.span.end - 1 } : occ.span);
  if (newName === undefined) return { range, text: t.old, edits: [] };
  const name = newName.trim();
  if (!IDENT_ONLY.test(name)) return { reject: `${name || '""'} is not a name: letters, digits, _ and Chinese characters, not starting with a digit` };
  if (isKeyword(name)) return { reject: `${name} is a keyword` };
  if (name === t.old) return { range, text: t.old, edits: [] };
  const edits: TextEdit[] = [];
  for (const p of ws.policyPaths()) {
    const hits = occurrencesOf(ws, p).filter(
      (o) => o.sym?.key === t.sym.key && !o.guess && o.text === t.old && (t.label ? o.alias || o.role === 'label' : !o.alias && o.role !== 'label'),
    );
    if (!hits.length) continue;
    const why = clash(t, name, scopeOf(ws, p));
    if (why) return { reject: why };
    const f = ws.file(p)!;
    for (const o of hits) {
      const quoted = f.text.startsWith('“', o.span.start) ? `“${name}”` : JSON.stringify(name);
      edits.push({ path: p, range: rangeOf(f.source, o.span), text: o.role === 'label' ? quoted : name });
    }
  }
  return { range, text: t.old, edits };
}

export function rename(ws: Workspace, path: string, at: Position, newName: string): TextEdit[] | null {
  const plan = planRename(ws, path, at, newName);
  return 'reject' in plan ? null : [...plan.edits];
}
