/**
 * The formatter. It keeps every token and comment in order, as written (Chinese keywords, full-width
 * punctuation, money spellings), and changes only the space between them, so a formatted file
 * parses to the same syntax tree. The layout:
 *
 * - declarations, tests and the header start at the left margin, with one blank line between
 *   them (a comment block directly above a declaration stays with it); elsewhere runs of blank
 *   lines become one;
 * - dated values, region blocks, exceptions and test items start a line, two spaces in (values
 *   in a region block four); header items on their own line are two spaces in; the rows of a
 *   decision table start a line two spaces in from the line with `table`, their cells aligned;
 * - a line that continues a declaration or item is two spaces in from it; inside a bracket left
 *   open at the end of a line, two spaces in from that line; inside a bracket followed by more on
 *   its line, aligned with what follows it;
 * - one space between tokens, around operators and after commas; none inside parentheses, before
 *   commas, around `.` and `..`, in `money/month`, in a fraction `1/3`, after a unary minus and
 *   before a call's parenthesis; one inside braces; `name: value` in records and aggregations and
 *   `name "label" : type` in declarations; none after full-width punctuation (，、：);
 * - comments stay where they are (a comment on its own line takes the indentation of the line
 *   after it); trailing spaces go; the file ends with one line break.
 *
 * The line breaks a file has are kept; the formatter only adds those the layout requires.
 */
import { displayWidth, lex, parseFile, SourceText, type ast, type Span } from '../../language/index.ts';

interface Item {
  readonly type: string;
  readonly image: string;
  readonly start: number;
  readonly comment: boolean;
}

/** An indentation: a fixed one, or `plus` spaces in from the line that holds the token at `at` (a table's rows). */
type Indent = number | { readonly at: number; readonly plus: number };

/** A place that starts a line. */
interface Start {
  readonly indent: Indent;
  /** the line breaks before it if it does not start a line (header items only start one if written so) */
  readonly force: boolean;
  readonly top?: boolean;
}

interface Element {
  readonly start: number;
  readonly end: number;
  readonly indent: Indent;
}

interface TableInfo {
  /** offset of the table keyword */
  readonly start: number;
  readonly rows: readonly { readonly start: number; readonly arrow: number }[];
}

interface Structure {
  readonly starts: Map<number, Start>;
  readonly elements: Element[];
  readonly declColons: Set<number>;
  readonly tables: TableInfo[];
  /** the tokens (not comments) just before and after a token, wherever the lines break */
  readonly before: (t: Item) => Item | undefined;
  readonly after: (t: Item) => Item | undefined;
}

const OPEN = new Set(['LParen', 'LBrace']);
const CLOSE = new Set(['RParen', 'RBrace']);
const HEADER_ITEMS = new Set(['Framework', 'Region', 'Effective', 'Extends', 'Document']);
const OPERAND_END = new Set(['Identifier', 'Region', 'DateLit', 'MoneyLit', 'PercentLit', 'NumberLit', 'StringLit', 'RParen', 'RBrace', 'True', 'False', 'Base', 'Month', 'Year']);
const FULL_WIDTH = /^[，、：]$/;
/** `..` and the ranges that leave an end out: no space around them (`1..2`, `18..<60`). */
const RANGES = new Set(['Range', 'RangeOpenLow', 'RangeOpenHigh', 'RangeOpenBoth']);
/** A name after these, before `(`, is a hit policy's word, not a call: `table any (`, `collect min (`, `rule order (`. */
const HIT_WORD_BEFORE = new Set(['Table', 'Collect', 'Identifier', 'Output']);
const CJK = /[\u3400-\u9fff]/;

/** Finds the structure the layout follows in the AST: where lines start, and the elements continuation lines indent from. */
function structure(file: ast.PolicyFile, tokens: readonly Item[]): Structure {
  const starts = new Map<number, Start>();
  const elements: Element[] = [];
  const declColons = new Set<number>();
  const tables: TableInfo[] = [];
  const index = new Map(tokens.map((t, i) => [t.start, i]));
  const before = (offset: number): Item | undefined => {
    const i = index.get(offset);
    return i === undefined || i === 0 ? undefined : tokens[i - 1];
  };
  const mark = (start: number, end: number, indent: Start['indent'], force: boolean, top = false) => {
    if (!index.has(start) || end <= start) return;
    starts.set(start, { indent, force, ...(top ? { top } : {}) });
    elements.push({ start, end, indent });
  };

  const expr = (e: ast.Expr | ast.RecordNode | undefined): void => {
    if (!e) return;
    switch (e.k) {
      case 'record':
        for (const f of e.fields) expr(f.value);
        for (const m of e.members) expr(m);
        return;
      case 'call':
        e.args.forEach(expr);
        return;
      case 'aggregate':
        expr(e.filter);
        expr(e.body);
        expr(e.else);
        return;
      case 'unary':
        return expr(e.operand);
      case 'binary':
        expr(e.left);
        expr(e.right);
        return;
      case 'in':
        expr(e.operand);
        e.values?.forEach(expr);
        e.range?.forEach(expr);
        return;
      case 'if':
        expr(e.cond);
        expr(e.then);
        expr(e.else);
        return;
      case 'match':
        expr(e.on);
        for (const a of e.arms) {
          a.values?.forEach(expr);
          expr(a.body);
        }
        return;
      case 'table': {
        const rows: { start: number; arrow: number }[] = [];
        for (const r of e.rows) {
          // the arrow of a row is the last one before its result
          let arrow = -1;
          for (let i = index.get(r.span.start) ?? tokens.length; i < tokens.length && tokens[i]!.start < r.result.span.start; i++)
            if (tokens[i]!.type === 'Arrow') arrow = tokens[i]!.start;
          rows.push({ start: r.span.start, arrow });
          mark(r.span.start, r.span.end, { at: e.span.start, plus: 2 }, true);
          for (const c of r.cells) {
            if (c.k === 'compare') expr(c.value);
            else if (c.k === 'range') {
              expr(c.lo);
              expr(c.hi);
            } else if (c.k === 'values') c.values.forEach(expr);
          }
          expr(r.result);
        }
        e.inputs.forEach(expr);
        if (e.else) {
          // `else` on its own line lines up with `table`, as the reference writes it
          const at = index.get(e.else.span.start);
          const word = at !== undefined ? tokens[at - 1] : undefined;
          if (word?.type === 'Else') mark(word.start, e.else.span.end, { at: e.span.start, plus: 0 }, false);
        }
        expr(e.else);
        tables.push({ start: e.span.start, rows });
        elements.push({ start: e.span.start, end: e.span.end, indent: { at: e.span.start, plus: 0 } });
        return;
      }
      default:
        return;
    }
  };

  const h = file.header;
  if (h) {
    mark(h.span.start, h.span.end, 0, true, true);
    const items = tokens.filter((t) => t.start > h.span.start && t.start < h.span.end && HEADER_ITEMS.has(t.type));
    items.forEach((t, i) => {
      starts.set(t.start, { indent: 2, force: false });
      elements.push({ start: t.start, end: items[i + 1]?.start ?? h.span.end, indent: 2 });
    });
  }
  for (const d of file.declarations) {
    const override = before(d.span.start);
    const start = override?.type === 'Override' ? override.start : d.span.start;
    mark(start, d.span.end, 0, true, true);
    if (d.kind === 'enum') continue;
    const colon = before(d.type.span.start);
    if (colon?.type === 'Colon') declColons.add(colon.start);
    if (d.kind === 'parameter') {
      const line = (v: ast.ValueLine, indent: number) => {
        mark(v.span.start, v.span.end, indent, true);
        expr(v.value);
      };
      for (const v of d.values) line(v, 2);
      for (const r of d.regions) {
        mark(r.span.start, r.span.end, 2, true);
        for (const v of r.values) line(v, 4);
      }
    } else if (d.kind === 'input') expr(d.default);
    else {
      expr(d.expr);
      for (const x of d.exceptions) {
        mark(x.span.start, x.span.end, 2, true);
        expr(x.when);
        expr(x.then);
      }
    }
  }
  for (const t of file.tests) {
    mark(t.span.start, t.span.end, 0, true, true);
    const items: Span[] = [...t.sets.map((s) => s.span), ...t.expects.map((x) => x.span)];
    if (t.expectError) items.push(t.expectError.span);
    if (t.householdSpan) items.push(t.householdSpan);
    if (t.date) {
      const kw = before(t.date.span.start);
      if (kw) items.push({ start: kw.start, end: t.date.span.end });
    }
    for (const s of items) mark(s.start, s.end, 2, true);
    for (const s of [...t.sets, ...t.expects]) expr(s.value);
    if (t.household && 'record' in t.household) expr(t.household.record);
  }
  const at = (t: Item, d: number): Item | undefined => {
    const i = index.get(t.start);
    return i === undefined ? undefined : tokens[i + d];
  };
  return { starts, elements, declColons, tables, before: (t) => at(t, -1), after: (t) => at(t, 1) };
}

/** The space between two tokens on one line. */
function space(prev: Item, next: Item, s: Structure): string {
  if (next.comment) return ' ';
  const beforePrev = s.before(prev);
  const afterNext = s.after(next);
  const a = prev.type;
  const b = next.type;
  if (OPEN.has(a)) return a === 'LBrace' ? ' ' : '';
  if (CLOSE.has(b)) return b === 'RBrace' ? ' ' : '';
  if (b === 'Comma') return '';
  if (a === 'Comma') return FULL_WIDTH.test(prev.image) ? '' : ' ';
  if (b === 'Colon') return s.declColons.has(next.start) ? ' ' : '';
  if (a === 'Colon') return s.declColons.has(prev.start) || !FULL_WIDTH.test(prev.image) ? ' ' : '';
  if (a === 'Dot' || b === 'Dot' || RANGES.has(a) || RANGES.has(b)) return '';
  // money/month; a fraction 1/3
  if (b === 'Slash' && (a === 'MoneyType' || (a === 'NumberLit' && afterNext?.type === 'NumberLit'))) return '';
  if (a === 'Slash' && (beforePrev?.type === 'MoneyType' || (beforePrev?.type === 'NumberLit' && b === 'NumberLit'))) return '';
  // a call: f(x); but `table any (…)`, `collect sum (…)` name a hit policy
  if (b === 'LParen' && a === 'Identifier' && !HIT_WORD_BEFORE.has(beforePrev?.type ?? '')) return '';
  // a unary minus sticks to its operand; the "any" cell of a table (`| - |`) stands alone
  if (a === 'Minus' && !(beforePrev && OPERAND_END.has(beforePrev.type))) return b === 'Pipe' || b === 'Arrow' ? ' ' : '';
  // 6个月 as written in Chinese
  if (a === 'NumberLit' && b === 'Month' && CJK.test(next.image)) return '';
  return ' ';
}

interface Line {
  readonly items: Item[];
  /** blank lines before it (0 or 1) */
  blank: number;
  indent: number;
  /** the indentation of a line inside the brackets open here (for a comment before a closing bracket) */
  inner: number;
  text: string;
}

interface Opener {
  readonly start: number;
  readonly lineIndent: number;
  readonly column: number;
  /** the column of what follows the bracket on its line, if anything */
  readonly content?: number;
}

/** Formats Doudi source; null when it has lexing or syntax errors. */
export function formatSource(path: string, text: string): string | null {
  const source = new SourceText(path, text);
  const parsed = parseFile(source);
  if (parsed.diagnostics.length) return null;
  const lexed = lex(source);
  const tokens: Item[] = lexed.tokens.map((t) => ({ type: t.tokenType.name, image: t.image, start: t.startOffset, comment: false }));
  const items: Item[] = [...tokens, ...lexed.comments.map((t) => ({ type: 'Comment', image: t.image.trimEnd(), start: t.startOffset, comment: true }))].sort((x, y) => x.start - y.start);
  if (!items.length) return '';
  const s = structure(parsed.ast, tokens);
  const lineOf = (offset: number) => source.position(offset).line;

  // Lines: those of the source, broken before every place that must start a line.
  const lines: Line[] = [];
  let prevLine = 0;
  for (const it of items) {
    const l = lineOf(it.start);
    const forced = s.starts.get(it.start)?.force ?? false;
    if (!lines.length || l !== prevLine || forced) lines.push({ items: [], blank: lines.length && l - prevLine > 1 ? 1 : 0, indent: 0, inner: 0, text: '' });
    lines[lines.length - 1]!.items.push(it);
    prevLine = l;
  }

  // One blank line before each declaration and the comment block directly above it.
  lines.forEach((line, i) => {
    if (!s.starts.get(line.items[0]!.start)?.top) return;
    let k = i;
    while (k > 0 && lines[k - 1]!.items[0]!.comment && lines[k]!.blank === 0) k--;
    lines[k]!.blank = k === 0 ? 0 : 1;
  });
  lines[0]!.blank = 0;

  const lineIndexOf = new Map<number, number>();
  lines.forEach((line, i) => line.items.forEach((it) => lineIndexOf.set(it.start, i)));
  const fixed = (indent: Indent): number => (typeof indent === 'number' ? indent : (lines[lineIndexOf.get(indent.at)!]?.indent ?? 0) + indent.plus);

  // Table cells: the widest cell of each column, over the rows written on one line.
  const padding = new Map<number, number>();
  const tokenIndex = new Map(tokens.map((t, i) => [t.start, i]));
  for (const table of s.tables) {
    const rows: { pipes: number[]; widths: number[] }[] = [];
    for (const r of table.rows) {
      const li = lineIndexOf.get(r.start);
      if (li === undefined || r.arrow < 0 || lineIndexOf.get(r.arrow) !== li || lines[li]!.items[0]!.start !== r.start) continue;
      const from = tokenIndex.get(r.start)!;
      const to = tokenIndex.get(r.arrow)!;
      const pipes: number[] = [];
      const widths: number[] = [];
      let depth = 0;
      let cell: Item[] = [];
      const close = () => {
        if (pipes.length) widths.push(displayWidth(render(cell, 0, s).text));
        cell = [];
      };
      for (let i = from; i <= to; i++) {
        const t = tokens[i]!;
        if (depth === 0 && (t.type === 'Pipe' || i === to)) {
          close();
          pipes.push(t.start);
          continue;
        }
        if (OPEN.has(t.type)) depth++;
        else if (CLOSE.has(t.type)) depth--;
        cell.push(t);
      }
      rows.push({ pipes, widths });
    }
    const widest: number[] = [];
    for (const r of rows) r.widths.forEach((w, i) => (widest[i] = Math.max(widest[i] ?? 0, w)));
    // the space before the next pipe (or the arrow) is widened to align the cell's end
    for (const r of rows) r.widths.forEach((w, i) => padding.set(r.pipes[i + 1]!, widest[i]! - w));
  }

  // Indentation and text, line by line, following the brackets left open.
  const stack: Opener[] = [];
  // Elements nest; lines come in order, so the ones containing a line's start are kept on a stack.
  const elements = [...s.elements].sort((x, y) => x.start - y.start || y.end - x.end);
  const open: Element[] = [];
  let nextElement = 0;
  const innermost = (offset: number): Element | undefined => {
    while (nextElement < elements.length && elements[nextElement]!.start <= offset) open.push(elements[nextElement++]!);
    for (let i = open.length - 1; i >= 0; i--) if (open[i]!.end <= offset) open.splice(i, 1);
    return open[open.length - 1];
  };
  const continuation = (first: Item): number => {
    const el = innermost(first.start);
    const top = stack[stack.length - 1];
    if (top && (!el || top.start > el.start)) return top.content ?? top.lineIndent + 2;
    return el ? fixed(el.indent) + 2 : 0;
  };
  for (const line of lines) {
    const code = line.items.filter((x) => !x.comment);
    if (!code.length) continue; // a comment line takes the indentation of the line after it (below)
    const first = code[0]!;
    const start = s.starts.get(first.start);
    const top = stack[stack.length - 1];
    line.inner = start ? fixed(start.indent) : continuation(first);
    if (start) line.indent = line.inner;
    else if (CLOSE.has(first.type) && top) line.indent = top.content !== undefined ? top.column : top.lineIndent;
    else line.indent = line.inner;
    const r = render(line.items, line.indent, s, padding);
    line.text = ' '.repeat(line.indent) + r.text;
    line.items.forEach((it, i) => {
      if (it.comment) return;
      if (OPEN.has(it.type)) {
        const next = line.items[i + 1];
        stack.push({ start: it.start, lineIndent: line.indent, column: r.columns[i]!, ...(next && !next.comment ? { content: r.columns[i + 1]! } : {}) });
      } else if (CLOSE.has(it.type)) stack.pop();
    });
  }
  let next = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.items.some((x) => !x.comment)) next = line.inner;
    else line.text = ' '.repeat(next) + line.items.map((x) => x.image).join(' ');
  }

  const out: string[] = [];
  for (const line of lines) {
    if (line.blank) out.push('');
    out.push(line.text.trimEnd());
  }
  const formatted = out.join('\n') + '\n';
  // The tokens and comments must be exactly those of the input: only space may change.
  const again = lex(new SourceText(path, formatted));
  const same =
    again.diagnostics.length === 0 &&
    again.tokens.length === tokens.length &&
    again.tokens.every((t, i) => t.tokenType.name === tokens[i]!.type && t.image === tokens[i]!.image) &&
    again.comments.length === lexed.comments.length &&
    again.comments.every((c, i) => c.image.trimEnd() === lexed.comments[i]!.image.trimEnd());
  if (!same) throw new Error(`formatting ${path} would change its tokens`);
  return formatted;
}

/** One line's text (without its indentation) and the display column of each item. */
function render(items: readonly Item[], indent: number, s: Structure, padding?: ReadonlyMap<number, number>): { text: string; columns: number[] } {
  let text = '';
  let column = indent;
  const columns: number[] = [];
  items.forEach((it, i) => {
    if (i > 0) {
      const gap = space(items[i - 1]!, it, s) + ' '.repeat(padding?.get(it.start) ?? 0);
      text += gap;
      column += gap.length;
    }
    columns.push(column);
    text += it.image;
    column += displayWidth(it.image);
  });
  return { text, columns };
}
