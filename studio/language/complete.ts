/**
 * Completion. The context is read from the tokens before the cursor, which still make sense while
 * the declaration being typed does not parse: a type after a declaration's colon, enum values after
 * `Enum.`, in a match's arms, after a comparison with an enum value or where the declaration's own
 * enum type is expected, fields inside a test household, parameters after `set`, outputs after
 * `expect`; anywhere else in an expression, the names the policy sees (fields by id and Chinese
 * name, parameters, inputs, definitions by id and label, built-ins) and the keywords of both
 * languages.
 */
import { BUILTINS, HOUSEHOLD_FIELDS, KEYWORDS, PERSON_FIELDS, typeText, type FieldSpec, type KeywordSpec } from '../../language/index.ts';
import { HIT_POLICIES } from '../../language/lexer/vocabulary.ts';
import { keywordOf, scopeOf, valueDetail } from './analysis.ts';
import { IDENT_ONLY, type EnumSymbol, type Level, type Scope, type ValueSymbol } from './scope.ts';
import { offsetAt } from './text.ts';
import type { Completion, Position } from './protocol.ts';
import type { Token, Workspace } from './workspace.ts';

/** Sort groups: what the context asks for first, keywords last. */
const FIRST = '0';
const NAMES = '1';
const FUNCTIONS = '2';
const OTHER_NAMES = '3';
const KEYWORD = '4';

const DECL_START = new Set(['Policy', 'Parameter', 'Input', 'Enum', 'Person', 'Household', 'Output', 'Test', 'Override']);
const DECL_KEYWORDS = ['Parameter', 'Input', 'Enum', 'Person', 'Household', 'Output', 'Override', 'Test'];
const TYPE_KEYWORDS = ['BoolType', 'IntegerType', 'NumberType', 'RateType', 'DateType', 'MoneyType', 'Month', 'Region'];
const TEST_ITEM_KEYWORDS = ['DateType', 'Set', 'Household', 'Expect'];
const OPEN = new Set(['LParen', 'LBrace']);
const CLOSE = new Set(['RParen', 'RBrace']);
const WORD = (t: Token | undefined): boolean => !!t && (t.type === 'Identifier' || keywordOf(t) !== undefined);
const NAME = (t: Token | undefined): boolean => !!t && (t.type === 'Identifier' || t.type === 'Region');

const keywordSpec = (name: string): KeywordSpec => KEYWORDS.find((k) => k.name === name)!;

function keywordItems(specs: readonly KeywordSpec[], sort: string): Completion[] {
  const out: Completion[] = [];
  for (const k of specs) {
    for (const s of k.en) out.push({ label: s, kind: 'keyword', insert: s, detail: `keyword · ${k.zh.join('、')} — ${k.doc}`, sort });
    for (const s of k.zh) out.push({ label: s, kind: 'keyword', insert: s, detail: `keyword · ${k.en.join(', ')} — ${k.doc}`, sort });
  }
  return out;
}

function enumValueItems(en: EnumSymbol, sort: string): Completion[] {
  const out: Completion[] = [];
  for (const v of en.values) {
    const detail = `${en.id} value${v.label ? ` · ${v.label}` : ''}`;
    out.push({ label: v.id, kind: 'enum-value', insert: v.id, detail, sort });
    if (v.label && v.label !== v.id && IDENT_ONLY.test(v.label)) out.push({ label: v.label, kind: 'enum-value', insert: v.label, detail: `${en.id} value ${v.id}`, sort });
  }
  return out;
}

function fieldItems(fields: readonly FieldSpec[], sort: string): Completion[] {
  const out: Completion[] = [];
  for (const f of fields) {
    if (!f.readable || !f.type) continue;
    const type = typeText(f.type);
    out.push({ label: f.id, kind: 'field', insert: f.id, detail: `${f.level} field · ${type} · ${f.zh}`, ...(f.doc ? { documentation: f.doc } : {}), sort });
    out.push({ label: f.zh, kind: 'field', insert: f.zh, detail: `${f.level} field ${f.id} · ${type}`, ...(f.doc ? { documentation: f.doc } : {}), sort });
  }
  return out;
}

function valueItems(scope: Scope, keep: (v: ValueSymbol) => boolean, sort: string): Completion[] {
  const out: Completion[] = [];
  for (const v of scope.values.values()) {
    if (!keep(v)) continue;
    const d = v.sites[0]!.decl;
    const kind = d.kind === 'definition' ? 'definition' : 'parameter';
    const cites = d.cites.map((c) => `[${c.text}]`).join(' ');
    const detail = [valueDetail(v), cites].filter(Boolean).join(' · ');
    const documentation = [cites && `Cites ${cites}`, v.sites.length > 1 ? `Overrides ${v.sites[1]!.policy}'s declaration` : `Declared in ${v.sites[0]!.policy}`].filter(Boolean).join('\n\n');
    out.push({ label: v.id, kind, insert: v.id, detail, documentation, sort });
    const label = d.label?.value;
    // A Chinese label is offered too: it is inserted when it is a name of its own, else the id is.
    if (label && label !== v.id) out.push({ label, kind, insert: scope.aliases.get(label) === v ? label : v.id, detail: detail.replace(` · ${label}`, ` · ${v.id}`), documentation, sort, subkind: 'label' });
  }
  return out;
}

function builtinItems(sort: string): Completion[] {
  return BUILTINS.flatMap((b) => b.names.map((n) => ({ label: n, kind: 'function' as const, insert: n, detail: `built-in · ${b.names.filter((x) => x !== n).join('、')}`, documentation: b.doc, sort })));
}

function typeItems(scope: Scope): Completion[] {
  const out = keywordItems(TYPE_KEYWORDS.map(keywordSpec), NAMES);
  for (const [insert, zh] of [['money/month', '金额/月'], ['money/year', '金额/年']] as const) {
    out.push({ label: insert, kind: 'snippet', insert, detail: `type · ${zh} — a flow of money per ${insert.slice(6)}`, sort: FIRST, subkind: 'type' });
    out.push({ label: zh, kind: 'snippet', insert: zh, detail: `type · ${insert}`, sort: FIRST, subkind: 'type' });
  }
  for (const en of scope.allEnums()) {
    out.push({ label: en.id, kind: 'keyword', insert: en.id, detail: `enum${en.label ? ` · ${en.label}` : ''} · ${en.values.map((v) => v.id).join(', ')}`, sort: FIRST, subkind: 'enum' });
    if (en.label && en.label !== en.id && scope.enums.get(en.label) === en && IDENT_ONLY.test(en.label))
      out.push({ label: en.label, kind: 'keyword', insert: en.label, detail: `enum ${en.id}`, sort: FIRST, subkind: 'enum' });
  }
  return out;
}

/** The declaration the cursor is in, read from its tokens: where it starts, its kind, name and type. */
interface DeclContext {
  /** index of its first token (after `override`) */
  readonly start: number;
  readonly kind: 'policy' | 'parameter' | 'input' | 'enum' | 'person' | 'household' | 'output' | 'test';
  readonly name?: string;
  /** index of the colon before the type, and of the `=` after it (definitions, inputs) */
  readonly colon?: number;
  readonly eq?: number;
  readonly type?: string;
  readonly by?: string;
}

const lineStartsAt = (text: string, offset: number): boolean => offset === 0 || text[offset - 1] === '\n' || text[offset - 1] === '\r';

function declContext(tokens: readonly Token[], end: number, text: string): DeclContext | undefined {
  let i = end - 1;
  for (; i >= 0; i--) {
    const t = tokens[i]!;
    if (!DECL_START.has(t.type) || !lineStartsAt(text, t.start)) continue;
    break;
  }
  if (i < 0) return undefined;
  if (tokens[i]!.type === 'Override') i++;
  const first = tokens[i];
  if (!first) return undefined;
  const kind = (first.type === 'Policy' ? 'policy' : first.type.toLowerCase()) as DeclContext['kind'];
  const name = NAME(tokens[i + 1]) ? tokens[i + 1]!.image : undefined;
  let colon: number | undefined;
  let eq: number | undefined;
  let type: string | undefined;
  let by: string | undefined;
  const typed = kind === 'parameter' || kind === 'input' || kind === 'person' || kind === 'household' || kind === 'output';
  for (let j = i + 1; j < end && typed; j++) {
    const t = tokens[j]!;
    if (colon === undefined && t.type === 'Colon') {
      colon = j;
      const ty = tokens[j + 1];
      if (ty && j + 1 < end) type = ty.type === 'Identifier' ? ty.image : ty.type;
      continue;
    }
    if (colon !== undefined && t.type === 'By' && NAME(tokens[j + 1])) by = tokens[j + 1]!.image;
    if (colon !== undefined && t.type === 'Eq') {
      eq = j;
      break;
    }
    if (colon !== undefined && (t.type === 'From' || t.type === 'Region')) break;
  }
  return { start: i, kind, ...(name ? { name } : {}), ...(colon !== undefined ? { colon } : {}), ...(eq !== undefined ? { eq } : {}), ...(type ? { type } : {}), ...(by ? { by } : {}) };
}

/** The innermost bracket opened before `end` and not yet closed. */
function openBracket(tokens: readonly Token[], end: number, from: number): number | undefined {
  const stack: number[] = [];
  for (let i = from; i < end; i++) {
    const t = tokens[i]!;
    if (OPEN.has(t.type)) stack.push(i);
    else if (CLOSE.has(t.type)) stack.pop();
  }
  return stack[stack.length - 1];
}

/** The last token after `open` (exclusive) at the bracket's own depth. */
function lastAtDepth(tokens: readonly Token[], open: number, end: number): number | undefined {
  let depth = 0;
  let last: number | undefined;
  for (let i = open + 1; i < end; i++) {
    const t = tokens[i]!;
    if (OPEN.has(t.type)) {
      if (depth === 0) last = i;
      depth++;
    } else if (CLOSE.has(t.type)) {
      depth--;
      if (depth === 0) last = i;
    } else if (depth === 0) last = i;
  }
  return last;
}

export function complete(ws: Workspace, path: string, at: Position): Completion[] {
  const file = ws.file(path);
  if (!file) return [];
  const offset = offsetAt(file.source, at);
  const lexed = ws.tokens(file);
  if (lexed.comments.some((c) => c.start < offset && offset <= c.end)) return [];
  if (lexed.unterminated.some((s) => s.start < offset && offset <= s.end)) return [];
  const tokens = lexed.tokens;
  let end = tokens.findIndex((t) => t.end > offset || (t.end === offset && WORD(t)));
  if (end < 0) end = tokens.length;
  const inside = tokens[end];
  // Inside a literal (a string, a citation, a number): nothing to complete.
  if (inside && inside.start < offset && offset < inside.end && !WORD(inside)) return [];
  const scope = scopeOf(ws, file.path);
  const prev = tokens[end - 1];
  const prev2 = tokens[end - 2];
  const wordStart = inside && WORD(inside) && inside.start < offset ? inside.start : offset;

  // Enum.value
  if (prev?.type === 'Dot' && NAME(prev2)) {
    const en = scope.enums.get(prev2!.image);
    return en ? enumValueItems(en, FIRST) : [];
  }
  // money/month, money/year
  if (prev?.type === 'Slash' && prev2?.type === 'MoneyType') return keywordItems(['Month', 'Year'].map(keywordSpec), FIRST);

  const decl = declContext(tokens, end, file.text);
  // The start of a line at the left margin: a declaration.
  if (lineStartsAt(file.text, wordStart)) {
    const first = keywordItems(DECL_KEYWORDS.map(keywordSpec), FIRST);
    const rest = keywordItems(KEYWORDS.filter((k) => !DECL_KEYWORDS.includes(k.name)), KEYWORD);
    return [...first, ...rest];
  }
  if (prev?.type === 'By') return typeItems(scope).filter((c) => c.subkind === 'enum');
  if (decl && prev?.type === 'Colon' && decl.colon === end - 1) return typeItems(scope);
  if (decl?.kind === 'test') {
    if (prev?.type === 'Expect') {
      const householdLevel = (v: ValueSymbol) => {
        const d = v.sites[0]!.decl;
        return d.kind === 'definition' && (d.output || d.level === 'household');
      };
      const error = (label: string): Completion => ({ label, kind: 'keyword', insert: label, detail: 'expect error "…": the evaluation must fail with this text', sort: KEYWORD });
      return [...valueItems(scope, householdLevel, FIRST), error('error'), error('错误')];
    }
    if (prev?.type === 'Set') return valueItems(scope, (v) => v.sites[0]!.decl.kind !== 'definition', FIRST);
  }

  // After `table`: its hit policy; after `table collect`: the aggregation.
  const hit = hitPolicyItems(prev, prev2);
  if (hit) return hit;

  // A decision table's cell: the values of its column's input.
  const cell = tableCell(scope, tokens, end, file.text, decl);
  if (cell) return cell;

  let expected: EnumSymbol | undefined;
  const open = openBracket(tokens, end, decl?.start ?? 0);
  if (open !== undefined) {
    const opener = tokens[open]!;
    const before = tokens[open - 1];
    const last = lastAtDepth(tokens, open, end);
    const lastTok = last === undefined ? undefined : tokens[last];
    if (opener.type === 'LBrace') {
      // A test household or member: field names, or the values of the field before the colon.
      if (decl?.kind === 'test' && (before?.type === 'Household' || before?.type === 'Members')) {
        const level = before.type === 'Household' ? 'household' : 'person';
        if (lastTok?.type === 'Colon') {
          const fieldName = tokens[last! - 1]?.image ?? '';
          const f = scope.field(fieldName, level);
          const en = scope.enumOf(f);
          if (en) return enumValueItems(en, FIRST);
          if (f?.field.type?.k === 'bool') return keywordItems(['True', 'False'].map(keywordSpec), FIRST);
          return [];
        }
        const fields = fieldItems(level === 'household' ? HOUSEHOLD_FIELDS : PERSON_FIELDS, FIRST);
        return level === 'household' ? [...fields, ...keywordItems([keywordSpec('Members')], NAMES)] : fields;
      }
      if (decl?.kind === 'enum') return [];
      // match x { a => …, b => … }: the values of x's enum where an arm starts.
      const match = findMatchSubject(tokens, open);
      if (match !== undefined) {
        const en = subjectEnum(scope, tokens, match, open, decl);
        const armStart = lastTok === undefined || lastTok.type === 'Comma';
        if (armStart) return [...(en ? enumValueItems(en, FIRST) : []), ...keywordItems([keywordSpec('Otherwise')], NAMES)];
      }
      // from DATE = { urban: …, rural: … }: the entries of an indexed parameter.
      if (decl?.kind === 'parameter' && decl.by && before?.type === 'Eq') {
        const by = scope.enums.get(decl.by);
        if (lastTok === undefined || lastTok.type === 'Comma') return by ? enumValueItems(by, FIRST) : [];
      }
    } else if (before?.type === 'In') {
      // x in (a, b): the values of x's enum
      expected = scope.enumOf(tokens[open - 2] && NAME(tokens[open - 2]) ? scope.resolve(tokens[open - 2]!.image, levelOf(decl))?.sym : undefined);
    }
  }
  // x = …, x != …: the values of x's enum
  if (!expected && (prev?.type === 'Eq' || prev?.type === 'Neq') && NAME(prev2) && !(decl && decl.eq === end - 1)) {
    expected = scope.enumOf(scope.resolve(prev2!.image, levelOf(decl))?.sym);
  }
  // where the declaration's own value is: after its `=`, `then`, `else`, `=>`
  if (!expected && decl?.type && ((decl.eq === end - 1) || prev?.type === 'Then' || prev?.type === 'Else' || prev?.type === 'Arrow' || (decl.kind === 'parameter' && prev?.type === 'Eq'))) {
    expected = scope.enums.get(decl.type);
  }
  return expression(scope, decl, expected);
}

/**
 * The hit policies a table may name, after `table` (every spelling, as written), or the second
 * word after `table collect` (sum, min, max, count). The list-valued ones, which the language
 * refuses, are not offered.
 */
function hitPolicyItems(prev: Token | undefined, prev2: Token | undefined): Completion[] | undefined {
  const afterCollect = prev?.type === 'Collect' && prev2?.type === 'Table';
  if (prev?.type !== 'Table' && !afterCollect) return undefined;
  const out: Completion[] = [];
  for (const h of HIT_POLICIES) {
    if (h.list) continue;
    for (const [spellings, others] of [[h.en, h.zh], [h.zh, h.en]] as const) {
      for (const phrase of spellings) {
        const words = phrase.split(' ');
        if (afterCollect && words.length !== 2) continue;
        const insert = afterCollect ? words[1]! : phrase;
        out.push({ label: insert, kind: 'keyword', insert, detail: `hit policy · ${others.join('、')} — ${h.doc}`, sort: FIRST });
      }
    }
  }
  return dedupe(out);
}

const CELL_OPENERS = new Set(['Pipe', 'Comma', 'Lt', 'Gt', 'Le', 'Ge', 'Neq', 'Range']);
const COMPARISONS = new Set(['Lt', 'Gt', 'Le', 'Ge', 'Neq', 'Eq']);

/** Is token i the first on its line? */
function firstOnLine(tokens: readonly Token[], i: number, text: string): boolean {
  const before = tokens[i - 1];
  return !before || /[\n\r]/.test(text.slice(before.end, tokens[i]!.start));
}

/**
 * Completion in a decision table's cell (`| urban | >= 1 => …`): where a value starts (after `|`,
 * a comma, a comparison or `..`), the values of the column's input — its enum's values, or true
 * and false for a yes/no input — before the names a cell may also read (parameters). Undefined
 * when the cursor is not in a cell.
 */
function tableCell(scope: Scope, tokens: readonly Token[], end: number, text: string, decl: DeclContext | undefined): Completion[] | undefined {
  const last = tokens[end - 1];
  if (!last || !CELL_OPENERS.has(last.type) || !decl) return undefined;
  // Back to the row's first `|` (the first token on its line), counting the bars on the way.
  let bars = 0;
  let row = -1;
  for (let i = end - 1; i > decl.start; i--) {
    const t = tokens[i]!;
    if (t.type === 'Arrow' || t.type === 'Table') return undefined;
    if (t.type === 'Pipe') {
      bars++;
      if (firstOnLine(tokens, i, text)) {
        row = i;
        break;
      }
    } else if (firstOnLine(tokens, i, text)) return undefined;
  }
  if (row < 0) return undefined;
  // Back to the table's header: `table POLICY (input, input, …)`.
  let table = -1;
  for (let i = row - 1; i > decl.start; i--) {
    if (tokens[i]!.type === 'Table') {
      table = i;
      break;
    }
  }
  if (table < 0) return undefined;
  let open = table + 1;
  while (open < row && tokens[open]!.type !== 'LParen') open++;
  if (open >= row) return undefined;
  const inputs: Token[][] = [[]];
  let depth = 0;
  for (let i = open + 1; i < row; i++) {
    const t = tokens[i]!;
    if (OPEN.has(t.type)) depth++;
    else if (CLOSE.has(t.type)) {
      if (depth === 0) break;
      depth--;
    }
    if (depth === 0 && t.type === 'Comma') inputs.push([]);
    else inputs[inputs.length - 1]!.push(t);
  }
  const input = inputs[bars - 1];
  if (!input || input.length === 0) return undefined;
  const level = levelOf(decl);
  const sym = input.length === 1 && NAME(input[0]) ? scope.resolve(input[0]!.image, level)?.sym : undefined;
  const yesNo = input.some((t) => COMPARISONS.has(t.type) || t.type === 'And' || t.type === 'Or' || t.type === 'Not') || (sym?.kind === 'field' && sym.field.type?.k === 'bool') || (sym?.kind === 'value' && sym.sites[0]!.decl.type?.k === 'bool');
  const values = yesNo ? keywordItems(['True', 'False'].map(keywordSpec), FIRST) : [];
  return dedupe([...values, ...expression(scope, decl, scope.enumOf(sym))]);
}

function levelOf(decl: DeclContext | undefined): Level {
  if (!decl) return 'household';
  if (decl.kind === 'person') return 'person';
  if (decl.kind === 'household' || decl.kind === 'output') return 'household';
  return 'constant';
}

/** The index of the `match` keyword whose brace opens at `open`, if it is one. */
function findMatchSubject(tokens: readonly Token[], open: number): number | undefined {
  let depth = 0;
  for (let i = open - 1; i >= 0 && open - i < 64; i--) {
    const t = tokens[i]!;
    if (CLOSE.has(t.type)) depth++;
    else if (OPEN.has(t.type)) {
      if (depth === 0) return undefined;
      depth--;
    } else if (depth === 0 && t.type === 'Match') return i;
    else if (depth === 0 && (t.type === 'Eq' || t.type === 'Arrow' || t.type === 'Then' || t.type === 'Else' || t.type === 'When')) return undefined;
  }
  return undefined;
}

function subjectEnum(scope: Scope, tokens: readonly Token[], match: number, open: number, decl: DeclContext | undefined): EnumSymbol | undefined {
  const subject = tokens.slice(match + 1, open);
  if (subject.length === 1 && NAME(subject[0])) return scope.enumOf(scope.resolve(subject[0]!.image, levelOf(decl))?.sym);
  if (subject.length === 3 && subject[1]!.type === 'Dot') return scope.enums.get(subject[0]!.image);
  // an indexed parameter read with a call: p(x)
  if (subject.length >= 3 && NAME(subject[0]) && subject[1]!.type === 'LParen') {
    const v = scope.value(subject[0]!.image);
    return v && scope.enumOfType(v.sites[0]!.decl.type);
  }
  return undefined;
}

function expression(scope: Scope, decl: DeclContext | undefined, expected: EnumSymbol | undefined): Completion[] {
  const level = levelOf(decl);
  const out: Completion[] = [];
  if (expected) out.push(...enumValueItems(expected, FIRST));
  const self = decl?.name;
  if (level === 'constant') {
    // Parameter values and input defaults read other parameters only.
    out.push(...valueItems(scope, (v) => v.id !== self && v.sites[0]!.decl.kind !== 'definition', NAMES));
    out.push(...keywordItems([keywordSpec('Base')], NAMES));
  } else {
    out.push(...valueItems(scope, (v) => v.id !== self, NAMES));
    out.push(...fieldItems(level === 'person' ? PERSON_FIELDS : HOUSEHOLD_FIELDS, NAMES));
    out.push(...fieldItems(level === 'person' ? HOUSEHOLD_FIELDS.filter((f) => !PERSON_FIELDS.some((p) => p.id === f.id)) : PERSON_FIELDS, OTHER_NAMES));
  }
  out.push(...builtinItems(FUNCTIONS));
  out.push(...keywordItems(KEYWORDS, KEYWORD));
  if (decl?.kind === 'test') out.push(...keywordItems(TEST_ITEM_KEYWORDS.map(keywordSpec), NAMES));
  return dedupe(out);
}

/** One item per label and kind: the first (best-placed) wins. */
function dedupe(list: readonly Completion[]): Completion[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const key = `${c.kind}\u0000${c.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
