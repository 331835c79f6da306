/**
 * Robustness fuzzing: the two real policies of the repository, mutated at random (seeded, so every
 * run checks the same cases), must never make the language throw. Whatever the text, the checker
 * returns diagnostics with a known code, its severity, a message and a range inside the file; and
 * whatever it accepts compiles to a module that instantiates and evaluates a household, where the
 * interpreter may refuse the household only with an EvalError.
 *
 * Mutations: delete, duplicate, swap or move a token (offsets from the language's own lexer);
 * replace a literal by another of its kind (huge, tiny, invalid dates, hostile strings); insert
 * random bytes and characters (CJK, full-width punctuation, U+2028, NUL, lone surrogates,
 * compatibility ideographs, language punctuation) anywhere or inside a string, citation or
 * comment; truncate; delete or duplicate whole lines.
 * Each case applies 1–5 of them to one seed (Shanghai, the kitchen fixture, and the decision tables
 * of every hit policy in docs/examples/tables.doudi). A hang shows up as the test's timeout.
 */
import * as fs from 'node:fs';
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { lex, SourceText } from '../../language/index.ts';
import { FILE, attempt, type CaseStats, type FuzzFailure } from './cases.ts';

const SEEDS = {
  shanghai: fs.readFileSync(new URL('../../policies/shanghai/shanghai.doudi', import.meta.url), 'utf8'),
  kitchen: fs.readFileSync(new URL('../fixtures/kitchen.doudi', import.meta.url), 'utf8'),
  // every hit policy and open ranges, in both keyword sets
  tables: fs.readFileSync(new URL('../../docs/examples/tables.doudi', import.meta.url), 'utf8'),
} as const;
type SeedName = keyof typeof SEEDS;

// ---------------------------------------------------------------- mutations

type Mutation =
  | { readonly k: 'delete-token'; readonly i: number }
  | { readonly k: 'duplicate-token'; readonly i: number; readonly glued: boolean }
  | { readonly k: 'swap-tokens'; readonly i: number; readonly j: number }
  | { readonly k: 'move-token'; readonly i: number; readonly j: number }
  | { readonly k: 'replace-literal'; readonly i: number; readonly by: Literals }
  | { readonly k: 'insert'; readonly at: number; readonly text: string }
  | { readonly k: 'insert-in-text'; readonly i: number; readonly at: number; readonly text: string }
  | { readonly k: 'truncate'; readonly at: number }
  | { readonly k: 'delete-line'; readonly line: number; readonly count: number }
  | { readonly k: 'duplicate-line'; readonly line: number; readonly count: number };

/** One replacement per kind of literal token; the one matching the chosen token is used. */
interface Literals {
  readonly NumberLit: string;
  readonly MoneyLit: string;
  readonly PercentLit: string;
  readonly DateLit: string;
  readonly StringLit: string;
}

const tokenSpans = (text: string): { start: number; end: number; kind: string }[] =>
  lex(new SourceText(FILE, text)).tokens.map((t) => ({ start: t.startOffset, end: t.endOffset! + 1, kind: t.tokenType.name }));

/** Strings, citations and comments: the free text of a policy. */
function textSpans(text: string): { start: number; end: number }[] {
  const r = lex(new SourceText(FILE, text));
  return [...r.tokens.filter((t) => t.tokenType.name === 'StringLit' || t.tokenType.name === 'Citation'), ...r.comments].map((t) => ({ start: t.startOffset, end: t.endOffset! + 1 }));
}

/** Offsets of line starts (after \n, lone \r, U+2028, U+2029), the same table as the language's. */
const lineStarts = (text: string): number[] => new SourceText(FILE, text).lineStarts;

function lineSpan(text: string, line: number, count: number): { start: number; end: number } {
  const starts = lineStarts(text);
  const i = line % starts.length;
  const end = starts[i + count] ?? text.length;
  return { start: starts[i]!, end };
}

function applyMutation(text: string, m: Mutation): string {
  switch (m.k) {
    case 'delete-token':
    case 'duplicate-token': {
      const toks = tokenSpans(text);
      if (!toks.length) return text;
      const t = toks[m.i % toks.length]!;
      if (m.k === 'delete-token') return text.slice(0, t.start) + text.slice(t.end);
      const image = text.slice(t.start, t.end);
      return text.slice(0, t.end) + (m.glued ? '' : ' ') + image + text.slice(t.end);
    }
    case 'swap-tokens': {
      const toks = tokenSpans(text);
      if (toks.length < 2) return text;
      let a = toks[m.i % toks.length]!;
      let b = toks[m.j % toks.length]!;
      if (a.start === b.start) return text;
      if (a.start > b.start) [a, b] = [b, a];
      return text.slice(0, a.start) + text.slice(b.start, b.end) + text.slice(a.end, b.start) + text.slice(a.start, a.end) + text.slice(b.end);
    }
    case 'move-token': {
      // A copy of one token inserted before another: tokens out of their usual place.
      const toks = tokenSpans(text);
      if (!toks.length) return text;
      const a = toks[m.i % toks.length]!;
      const b = toks[m.j % toks.length]!;
      return text.slice(0, b.start) + text.slice(a.start, a.end) + ' ' + text.slice(b.start);
    }
    case 'replace-literal': {
      // Another literal of the same kind: the policy often still checks, with odd values.
      const toks = tokenSpans(text).filter((t) => t.kind in m.by);
      if (!toks.length) return text;
      const t = toks[m.i % toks.length]!;
      return text.slice(0, t.start) + m.by[t.kind as keyof Literals] + text.slice(t.end);
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'insert-in-text': {
      // Inside a string, a citation or a comment: the policy often still checks, with odd text.
      const spans = textSpans(text);
      if (!spans.length) return text;
      const t = spans[m.i % spans.length]!;
      const at = t.start + 1 + (m.at % Math.max(1, t.end - t.start - 1));
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'delete-line': {
      const s = lineSpan(text, m.line, m.count);
      return text.slice(0, s.start) + text.slice(s.end);
    }
    case 'duplicate-line': {
      const s = lineSpan(text, m.line, m.count);
      const chunk = text.slice(s.start, s.end);
      return text.slice(0, s.end) + (chunk.endsWith('\n') || s.end < text.length ? chunk : '\n' + chunk) + text.slice(s.end);
    }
  }
}

const chr = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((c) => String.fromCharCode(c));

/** Characters and fragments that stress the lexer, the parser and what follows. */
const SPECIAL = [
  '\u0000', '\u0001', '\u001b', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ufeff', '\u3000', '\ufffd', '\uffff',
  '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d\ude00', '\ud840\udc00',
  '\n', '\r', '\r\n', '\t', '\v', '\f',
  '"', "'", '`', '\\', '\\"', '\\u', '\\u2028', '\\u0000', '\\ud800', '[', ']', '【', '】', '“', '”', '#', '//', '/*', '*/',
  '{', '}', '(', ')', '（', '）', '｛', '｝', ':', '：', ',', '，', '、', '=', '＝', '=>', '⇒', '|', '｜', '..', '.', '-', '−', '×', '÷',
  '<', '>', '<=', '≥', '≠', '!=', '%', '％', '¥', '￥', '元', '§', '$', '${', '@', '_',
  '0', '9', '00', '1e400', '999999999999999999999', '0.000000000000001', '2024-02-30', '2024-13-01', '0000-00-00', '9999-12-31', '310000', '1234567',
  '\uf900', '\ufa6d', '\ufa6e', '\ufa6f', '\ufad9', '\ufada', '\ufaff', '\u3400', '\u4dbf', '\u9fff', '\u4e00',
  'if', 'then', 'else', 'exception', 'to', 'when', 'table', 'first', 'unique', 'collect', 'sum', 'match', 'otherwise', 'members', 'where',
  'any', 'priority', 'min', 'max', 'count', 'rule', 'order', '任意', '优先', '最小', '计数', '规则顺序', '输出顺序', '汇总', '..<', '<..', '<..<',
  'policy', 'region', 'effective', 'from', 'document', 'parameter', 'input', 'enum', 'person', 'household', 'output', 'override', 'test',
  'base', 'by', 'in', 'not', 'and', 'or', 'true', 'false', 'month', 'months', 'year', 'money', 'rate', 'integer', 'number', 'bool', 'date',
  '否', '否则', '是', '如果', '则', '当', '例外', '个月', '月', '年', '且', '或', '非', '属于', '按', '地区', '参数', '输出', '家庭', '个人',
  '__proto__', 'constructor', 'toString', 'function', 'return', 'this', 'eval', 'let', 'await', 'yield', 'NaN', 'Infinity', 'undefined', 'null',
];

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 3, arbitrary: chr(0x4e00, 0x9fff) }, // CJK ideographs
  { weight: 2, arbitrary: chr(0xff01, 0xff5e) }, // full-width ASCII
  { weight: 1, arbitrary: chr(0x3000, 0x303f) }, // CJK punctuation
  { weight: 1, arbitrary: chr(0xf900, 0xfaff) }, // CJK compatibility ideographs (some unassigned)
  { weight: 3, arbitrary: chr(0x20, 0x7e) }, // printable ASCII
  { weight: 1, arbitrary: chr(0x00, 0x1f) }, // control characters
  { weight: 2, arbitrary: chr(0x0000, 0xffff) }, // any UTF-16 code unit, lone surrogates included
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) },
);
const insertText = fc.array(piece, { minLength: 1, maxLength: 6 }).map((xs) => xs.join(''));

const digits = (min: number, max: number) => fc.string({ unit: chr(0x30, 0x39), minLength: min, maxLength: max }).map((d) => (d.length > 1 ? d.replace(/^0+(?=\d)/, '') : d));
const decimal = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 100 }).map(String) },
  { weight: 2, arbitrary: fc.tuple(digits(1, 6), digits(1, 4)).map(([a, b]) => `${a}.${b}`) },
  { weight: 2, arbitrary: digits(13, 17) }, // around the exact range of float64
  { weight: 1, arbitrary: fc.tuple(digits(11, 15), digits(1, 3)).map(([a, b]) => `${a}.${b}`) },
  { weight: 1, arbitrary: digits(18, 40) },
  { weight: 1, arbitrary: fc.constantFrom('0', '0.0', '1_000', '9007199254740991', '9007199254740992', '90071992547409.91', '100000000000000', '999999999999999', '0.000000000000001', '1' + '0'.repeat(400)) },
);
const day = fc.integer({ min: Date.UTC(1990, 0, 1) / 86_400_000, max: Date.UTC(2040, 0, 1) / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
const literals: fc.Arbitrary<Literals> = fc.record({
  NumberLit: decimal,
  MoneyLit: fc.tuple(fc.constantFrom('¥', '￥', '¥ ', ''), decimal).map(([c, d]) => (c ? c + d : d + '元')),
  PercentLit: fc.tuple(decimal, fc.constantFrom('%', '％')).map(([d, p]) => d + p),
  DateLit: fc.oneof({ weight: 4, arbitrary: day }, { weight: 1, arbitrary: fc.constantFrom('2024-02-29', '2023-02-29', '2024-13-01', '2024-00-10', '0000-01-01', '9999-12-31', '2024-04-31') }),
  StringLit: fc.oneof(
    { weight: 3, arbitrary: fc.array(piece, { maxLength: 8 }).map((xs) => JSON.stringify(xs.join(''))) },
    { weight: 1, arbitrary: fc.array(piece, { maxLength: 8 }).map((xs) => `“${xs.join('').replace(/[”\r\n\u2028\u2029]/g, '')}”`) },
  ),
});

const index = fc.nat({ max: 1_000_000 });
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('delete-token' as const), i: index }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('duplicate-token' as const), i: index, glued: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('swap-tokens' as const), i: index, j: index }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('move-token' as const), i: index, j: index }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('replace-literal' as const), i: index, by: literals }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('insert' as const), at: index, text: insertText }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('insert-in-text' as const), i: index, at: index, text: insertText }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('truncate' as const), at: index }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('delete-line' as const), line: index, count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('duplicate-line' as const), line: index, count: fc.integer({ min: 1, max: 3 }) }) },
);
const planArb = fc.array(mutationArb, { minLength: 1, maxLength: 5 });

interface Found {
  readonly failure: FuzzFailure;
  readonly plan: readonly Mutation[];
  count: number;
}

const mutate = (base: string, plan: readonly Mutation[]): string => plan.reduce(applyMutation, base);

/** The lines of `text` around where it differs from `base`, for a readable report. */
function changedLines(base: string, text: string): string {
  let p = 0;
  while (p < base.length && p < text.length && base[p] === text[p]) p++;
  let q = 0;
  while (q < base.length - p && q < text.length - p && base[base.length - 1 - q] === text[text.length - 1 - q]) q++;
  const source = new SourceText(FILE, text);
  const first = source.position(p).line;
  const last = source.position(Math.max(p, text.length - q)).line;
  const shown: string[] = [];
  for (let l = Math.max(1, first - 1); l <= Math.min(source.lineStarts.length, last + 1, first + 12); l++) shown.push(`${String(l).padStart(4)} | ${JSON.stringify(source.lineText(l)).slice(1, -1)}`);
  return shown.join('\n');
}

/**
 * Runs every case (not stopping at the first fault) and fails with one entry per distinct fault,
 * each with the shortest mutation plan that still shows it.
 */
function fuzz(seed: SeedName, runs: number, fcSeed: number): void {
  const base = SEEDS[seed];
  const stats: CaseStats = { clean: 0, evaluated: 0 };
  const found = new Map<string, Found>();
  const cases = fc.sample(fc.tuple(planArb, fc.nat()), { numRuns: runs, seed: fcSeed });
  for (const [plan, pick] of cases) {
    const f = attempt(mutate(base, plan), pick, stats);
    if (!f) continue;
    const key = f.signature;
    const prev = found.get(key);
    if (prev) {
      prev.count++;
      continue;
    }
    // Drop mutations that the fault does not need.
    let kept = plan;
    let failure = f;
    for (let i = kept.length - 1; i >= 0 && kept.length > 1; i--) {
      const fewer = kept.filter((_, j) => j !== i);
      const g = attempt(mutate(base, fewer), pick);
      if (g && g.signature === key) {
        kept = fewer;
        failure = g;
      }
    }
    found.set(key, { failure, plan: kept, count: 1 });
  }
  if (found.size) {
    const report = [...found.values()].map(
      (x, i) =>
        `#${i + 1} — ${x.count} of ${runs} cases — ${x.failure.signature}\n` +
        `mutations: ${JSON.stringify(x.plan)}\n` +
        `changed lines:\n${changedLines(base, x.failure.text)}\n` +
        `${x.failure.details}\n` +
        `source (JSON): ${JSON.stringify(x.failure.text)}`,
    );
    throw new Error(`${found.size} distinct fault(s) of the language on mutated ${seed} policies (fast-check seed ${fcSeed}):\n\n${report.join('\n\n')}`);
  }
  // Enough cases check cleanly for the compiler and the interpreter to be exercised too.
  if (stats.clean < runs / 50) throw new Error(`only ${stats.clean} of ${runs} mutated ${seed} policies checked cleanly`);
}

/** Runs fixed texts, failing with the first fault. */
function runAll(texts: readonly string[]): void {
  texts.forEach((t, i) => {
    const f = attempt(t, i);
    if (f) throw new Error(`${f.signature}\n${f.details}\nsource (JSON): ${JSON.stringify(t)}`);
  });
}

// ---------------------------------------------------------------- the cases

const FUZZ_TIMEOUT = 600_000;

describe('the language survives mutated policies', () => {
  it('the unmutated seeds check cleanly, compile and evaluate', () => {
    for (const name of Object.keys(SEEDS) as SeedName[]) {
      const stats: CaseStats = { clean: 0, evaluated: 0 };
      const f = attempt(SEEDS[name], 0, stats);
      if (f) throw new Error(f.details);
      if (stats.evaluated !== 1) throw new Error(`${name} should check cleanly and evaluate the fuzz household`);
    }
  });

  // 4 × 2,500 random cases of 1–5 mutations each: up to a minute of CPU each, longer on a shared machine: a
  // timeout that catches a hang without failing when the cores are busy
  it('Shanghai, 2,500 random mutation plans (seed 1)', () => {
    fuzz('shanghai', 2500, 0x5a11);
  }, FUZZ_TIMEOUT);
  it('Shanghai, 2,500 random mutation plans (seed 2)', () => {
    fuzz('shanghai', 2500, 0x5a12);
  }, FUZZ_TIMEOUT);
  it('kitchen, 2,500 random mutation plans (seed 1)', () => {
    fuzz('kitchen', 2500, 0xc17c);
  }, FUZZ_TIMEOUT);
  it('kitchen, 2,500 random mutation plans (seed 2)', () => {
    fuzz('kitchen', 2500, 0xc17d);
  }, FUZZ_TIMEOUT);
  it('decision tables of every hit policy, 1,000 random mutation plans', () => {
    fuzz('tables', 1000, 0x7ab1e);
  });

  it('every whole-line deletion and every truncation at a line boundary of both seeds', () => {
    for (const name of Object.keys(SEEDS) as SeedName[]) {
      const text = SEEDS[name];
      const starts = lineStarts(text);
      runAll(starts.map((s) => text.slice(0, s)));
      runAll(starts.map((_, i) => applyMutation(text, { k: 'delete-line', line: i, count: 1 })));
    }
  });

  it('degenerate files', () => {
    runAll(['', ' ', '\n', '\u0000', '\ufeff', '\u2028', '\ud800', '"', '[', '#', 'policy', 'policy x', 'policy x "', 'policy 政策', '\ufeffpolicy x "y"\n  region 310000\n  effective from 2024-01-01\n']);
  });
});
