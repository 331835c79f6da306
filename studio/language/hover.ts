/**
 * Hover: what a name is (its id and label, type with unit, citations with their documents' titles,
 * the base declaration it overrides), a parameter's value on the date and in the region asked for,
 * a schema field's Chinese name, type and meaning, a keyword's other-language spellings, and the
 * document a citation names.
 */
import { parseCite, typeText, type ast } from '../../language/index.ts';
import { hitPolicyOf } from '../../language/lexer/vocabulary.ts';
import { keywordOf, occurrencesOf, scopeOf, tokenAt } from './analysis.ts';
import { occurrenceAt, type Occurrence } from './occurrences.ts';
import { declKindWord, typeNodeText, type Scope, type Sym, type ValueSymbol } from './scope.ts';
import { code, escapeMarkdown, offsetAt, rangeOf } from './text.ts';
import { parameterOnDate } from './values.ts';
import type { Hover, Position } from './protocol.ts';
import type { SourceFile, Token, Workspace } from './workspace.ts';

export interface HoverOptions {
  readonly date?: string;
  readonly region?: string;
}

export function hover(ws: Workspace, path: string, at: Position, options: HoverOptions = {}): Hover | null {
  const file = ws.file(path);
  if (!file) return null;
  const offset = offsetAt(file.source, at);
  const occ = occurrenceAt(occurrencesOf(ws, file.path), offset);
  if (occ) {
    const markdown = describe(ws, file, scopeOf(ws, file.path), occ, options);
    return markdown ? { range: rangeOf(file.source, occ.span), markdown } : null;
  }
  const lexed = ws.tokens(file);
  if (lexed.comments.some((c) => c.start <= offset && offset < c.end)) return null;
  const t = tokenAt(lexed.tokens, offset);
  const hit = t && hitPolicyAt(lexed.tokens, t);
  if (hit) return { range: rangeOf(file.source, hit.span), markdown: hit.markdown };
  const k = t && keywordOf(t);
  if (!t || !k) return null;
  // The other language's spellings first, then other spellings in the same language (成员: member, members).
  const english = k.en.includes(t.image);
  const spellings = [...(english ? k.zh : k.en), ...(english ? k.en : k.zh).filter((s) => s !== t.image)].map(code).join(' · ');
  return { range: rangeOf(file.source, { start: t.start, end: t.end }), markdown: `**keyword** ${code(t.image)} · ${spellings}\n\n${escapeMarkdown(k.doc)}` };
}

/**
 * A word of a table's hit policy (between `table` and its `(`): the policy it names, its other
 * spellings and what it does — or why it is refused.
 */
function hitPolicyAt(tokens: readonly Token[], t: Token): { span: { start: number; end: number }; markdown: string } | undefined {
  const i = tokens.indexOf(t);
  let table = i;
  while (table >= 0 && i - table <= 3 && tokens[table]!.type !== 'Table') table--;
  if (table < 0 || table === i || i - table > 3) return undefined;
  let open = table + 1;
  while (open < tokens.length && open - table <= 4 && tokens[open]!.type !== 'LParen') open++;
  if (tokens[open]?.type !== 'LParen' || i >= open) return undefined;
  const words = tokens.slice(table + 1, open);
  const spec = hitPolicyOf(words.map((w) => w.image));
  if (!spec) return undefined;
  const written = words.map((w) => w.image).join(' ');
  const others = [...spec.en, ...spec.zh].filter((s) => s !== written).map(code).join(' · ');
  const span = { start: words[0]!.start, end: words[words.length - 1]!.end };
  return { span, markdown: `**hit policy** ${code(written)}${others ? ` · ${others}` : ''}\n\n${escapeMarkdown(spec.doc)}` };
}

function citeLines(scope: Scope, cites: readonly ast.Cite[]): string[] {
  return cites.map((c) => {
    const cite = parseCite(c);
    if ('assumption' in cite) return `- model assumption: ${escapeMarkdown(cite.assumption)}`;
    const doc = scope.documents.get(cite.doc);
    return `- ${escapeMarkdown(`[${c.text}]`)}${doc ? ` — ${escapeMarkdown(doc.title)}` : ' — no such document is declared'}`;
  });
}

function where(site: { file: SourceFile; decl: { name: ast.Name } }): string {
  const p = site.file.source.position(site.decl.name.span.start);
  return `${site.file.path}:${p.line}`;
}

function describeValue(ws: Workspace, file: SourceFile, scope: Scope, v: ValueSymbol, alias: boolean, options: HoverOptions): string {
  const site = v.sites[0]!;
  const d = site.decl;
  const head = `**${declKindWord(d)}** ${code(v.id)}${d.label ? ` · ${escapeMarkdown(d.label.value)}` : ''}${alias ? ' (named here by its label)' : ''}`;
  const type = `${code(typeNodeText(d.type))}${d.kind === 'parameter' && d.by ? ` by ${code(d.by.text)}` : ''}`;
  const parts = [head, type];
  const cites = citeLines(scope, d.cites);
  if (cites.length) parts.push(`Cites:\n${cites.join('\n')}`);
  const origin: string[] = [];
  if (site.file !== file) origin.push(`Declared in ${escapeMarkdown(site.policy)} (${escapeMarkdown(where(site))})`);
  if (v.sites.length > 1) {
    const base = v.sites[1]!;
    origin.push(`${origin.length ? 'overrides' : 'Overrides'} ${escapeMarkdown(base.policy)}'s ${declKindWord(base.decl)} (${escapeMarkdown(where(base))})`);
  }
  if (origin.length) parts.push(`${origin.join('; ')}.`);
  if (d.kind === 'parameter') {
    const lines = [...d.values.map((l) => `  ${l.from.value}: ${sourceOf(site.file, l.value.span)}`)];
    for (const r of d.regions) for (const l of r.values) lines.push(`  ${l.from.value} in ${r.codes.map((c) => c.value).join(', ')}${r.label ? ` ${r.label}` : ''}: ${sourceOf(site.file, l.value.span)}`);
    if (lines.length) parts.push(`Values from:\n\n\`\`\`\n${lines.slice(0, 12).join('\n')}${lines.length > 12 ? `\n  … ${lines.length - 12} more` : ''}\n\`\`\``);
    else if (v.sites.length === 1) parts.push('No value here: each policy built on this one supplies it.');
  }
  if (d.kind === 'input' && d.default) parts.push(`Default: ${code(sourceOf(site.file, d.default.span))}`);
  if (d.kind === 'definition' && d.exceptions.length)
    parts.push(`Exceptions: ${d.exceptions.map((x) => code(x.label.text) + (x.parent ? ` (to ${code(x.parent.text)})` : '')).join(', ')}`);
  if ((d.kind === 'parameter' || d.kind === 'input') && options.date) parts.push(valueOnDate(ws, file, v, options));
  return parts.join('\n\n');
}

function valueOnDate(ws: Workspace, file: SourceFile, v: ValueSymbol, options: HoverOptions): string {
  const date = options.date!;
  const r = ws.check(file.path);
  if (!r.ir) return `*On ${date}: not computed while the policy has errors.*`;
  const region = options.region || r.ir.policy.region;
  const value = parameterOnDate(r.ir, v.id, date, region);
  if (!value.ok) return `**On ${date}** in ${region}: ${escapeMarkdown(value.error)}`;
  const from = value.from ? ` — the value from ${value.from}${escapeMarkdown(value.where)}` : '';
  const cites = value.cite.length ? ` ${escapeMarkdown(value.cite.map((c) => `[${c}]`).join(' '))}` : '';
  return `**On ${date}** in ${region}: ${code(value.text)}${from}${cites}`;
}

function sourceOf(file: SourceFile, span: { start: number; end: number }): string {
  const text = file.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  return text.length > 100 ? text.slice(0, 99) + '…' : text;
}

function describe(ws: Workspace, file: SourceFile, scope: Scope, occ: Occurrence, options: HoverOptions): string | null {
  if (occ.role === 'path') return `${code(occ.text)} → ${code(occ.path!)}${ws.text(occ.path!) === undefined ? ' (no such file in the workspace)' : ''}`;
  if (occ.role === 'cite') {
    const cite = parseCite({ text: occ.text, span: occ.span });
    if ('assumption' in cite) return `**model assumption**\n\n${escapeMarkdown(cite.assumption)}`;
    const doc = occ.sym?.kind === 'document' ? occ.sym : undefined;
    if (!doc) return `${escapeMarkdown(`[${occ.text}]`)} names no declared document`;
    return `**document** ${code(doc.id)}${cite.locator ? ` ${escapeMarkdown(cite.locator)}` : ''}\n\n${escapeMarkdown(doc.title)}\n\nDeclared by ${escapeMarkdown(doc.policy)}.`;
  }
  const sym: Sym | undefined = occ.sym;
  if (!sym) return occ.role === 'ref' ? `${code(occ.text)}: unknown name` : null;
  const guess = occ.guess ? '\n\n*Not expected here: this is a value of an enum; compare it with a value of that enum, or qualify it.*' : '';
  switch (sym.kind) {
    case 'value':
      return describeValue(ws, file, scope, sym, !!occ.alias || occ.role === 'label', options);
    case 'enum': {
      const values = sym.values.map((v) => `${code(v.id)}${v.label ? ` ${escapeMarkdown(v.label)}` : ''}`).join(', ');
      const origin = sym.site ? `Declared in ${escapeMarkdown(sym.site.policy)}.` : 'An enum of the population schema.';
      const cites = sym.site ? citeLines(scope, sym.site.decl.cites) : [];
      return [`**enum** ${code(sym.id)}${sym.label ? ` · ${escapeMarkdown(sym.label)}` : ''}`, `Values: ${values}`, ...(cites.length ? [`Cites:\n${cites.join('\n')}`] : []), origin].join('\n\n');
    }
    case 'enum-value':
      return `**enum value** ${code(sym.value.id)}${sym.value.label ? ` · ${escapeMarkdown(sym.value.label)}` : ''}\n\nA value of ${code(sym.enum.id)}${sym.enum.label ? ` (${escapeMarkdown(sym.enum.label)})` : ''}: ${sym.enum.values.map((v) => code(v.id)).join(', ')}${guess}`;
    case 'field': {
      const f = sym.field;
      const type = f.type ? code(typeText(f.type)) : 'text';
      const range = f.min !== undefined || f.max !== undefined ? ` (${f.min ?? '…'} to ${f.max ?? '…'})` : '';
      return [`**${f.level} field** ${code(f.id)} · ${escapeMarkdown(f.zh)}`, `${type}${range}${f.doc ? ` — ${escapeMarkdown(f.doc)}` : ''}`, ...(f.readable ? [] : ['Rules cannot read it.'])].join('\n\n');
    }
    case 'builtin':
      return `**built-in** ${sym.builtin.names.map(code).join(' · ')}\n\n${escapeMarkdown(sym.builtin.doc)}`;
    case 'exception': {
      const x = (sym.site.decl as ast.DefinitionDecl).exceptions.find((e) => e.label.text === sym.label);
      const cites = x ? citeLines(scope, x.cites) : [];
      return [`**exception** ${code(sym.label)} of ${code(sym.site.decl.name.text)}${x?.parent ? `, an exception to ${code(x.parent.text)}` : ''}`, ...(cites.length ? [`Cites:\n${cites.join('\n')}`] : [])].join('\n\n');
    }
    case 'document':
      return `**document** ${code(sym.id)}\n\n${escapeMarkdown(sym.title)}`;
  }
}
