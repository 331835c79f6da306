/** Chevrotain token types, built from the vocabulary table. */
import { createToken, Lexer, type TokenType } from 'chevrotain';
import { KEYWORDS, IDENTIFIER, LITERAL_PATTERNS } from './vocabulary.ts';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Categories: one CONSUME matches any of their tokens (a name, a binary operator, a prefix). */
export const NameTok = createToken({ name: 'NameTok', pattern: Lexer.NA });
export const BinaryOp = createToken({ name: 'BinaryOp', pattern: Lexer.NA });
export const CompareOp = createToken({ name: 'CompareOp', pattern: Lexer.NA });
export const PrefixOp = createToken({ name: 'PrefixOp', pattern: Lexer.NA });

export const Identifier = createToken({ name: 'Identifier', pattern: IDENTIFIER, categories: [NameTok] });

const byLength = (a: string, b: string): number => b.length - a.length;

/** Keyword tokens, ordered so that no keyword is shadowed by a shorter one that is its prefix (否 / 否则). */
function keywordTokens(): Record<string, TokenType> {
  const specs = [...KEYWORDS];
  const shadows = (a: (typeof specs)[number], b: (typeof specs)[number]): boolean =>
    [...a.en, ...a.zh].some((x) => [...b.en, ...b.zh].some((y) => x !== y && x.startsWith(y)));
  // Put every keyword that has a spelling extending another keyword's spelling before it.
  const ordered: typeof specs = [];
  const pending = [...specs];
  while (pending.length) {
    const i = pending.findIndex((s) => !pending.some((o) => o !== s && shadows(o, s)));
    ordered.push(...pending.splice(i < 0 ? 0 : i, 1));
  }
  const out: Record<string, TokenType> = {};
  for (const s of ordered) {
    const spellings = [...s.en, ...s.zh].sort(byLength).map(escape).join('|');
    const categories = s.name === 'Region' ? [NameTok] : s.name === 'And' || s.name === 'Or' ? [BinaryOp] : s.name === 'Not' ? [PrefixOp] : [];
    out[s.name] = createToken({ name: s.name, pattern: new RegExp(spellings), longer_alt: Identifier, categories });
  }
  return out;
}

export const KW = keywordTokens();

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\v\u00a0\u3000\u2028\u2029\ufeff]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: 'Comment', pattern: LITERAL_PATTERNS.comment, group: 'comments' });

export const DateLit = createToken({ name: 'DateLit', pattern: LITERAL_PATTERNS.date });
export const MoneyLit = createToken({ name: 'MoneyLit', pattern: LITERAL_PATTERNS.money });
export const PercentLit = createToken({ name: 'PercentLit', pattern: LITERAL_PATTERNS.percent });
export const NumberLit = createToken({ name: 'NumberLit', pattern: LITERAL_PATTERNS.number });
export const StringLit = createToken({ name: 'StringLit', pattern: LITERAL_PATTERNS.string });
export const Citation = createToken({ name: 'Citation', pattern: LITERAL_PATTERNS.citation });
/** Recognised only to report them clearly; removed before parsing. */
export const BadString = createToken({ name: 'BadString', pattern: /"(?:[^"\\\r\n\u2028\u2029]|\\.)*\\?|“[^”\r\n\u2028\u2029]*/, group: 'errors' });
export const BadCitation = createToken({ name: 'BadCitation', pattern: /\[[^\[\]\r\n\u2028\u2029]*|【[^【】\r\n\u2028\u2029]*/, group: 'errors' });

/**
 * A run of characters that start no token. Without it the lexer's own recovery would try every
 * pattern again at each following character (seconds per megabyte of such characters). The class
 * is the complement of the characters some token starts with — whitespace, # " “ [ 【, operators
 * and punctuation in both widths, digits, letters, _ and CJK ideographs — plus ! not before = and
 * ¥ not before a digit, so that a run ends exactly where the next token starts.
 */
const BAD_CHARS = /(?:[^ \t\r\n\f\v\u00a0\u3000\u2028\u2029\ufeff#"“\[【=⇒<≤>≥≠＝+\-−*×/÷(（)）{｛}｝,，、:：|｜.0-9A-Za-z_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff!¥￥]|!(?!=)|[¥￥](?!\s?\d))+/;
/** The code units such a run can start with: Chevrotain cannot work out a complemented class by itself, and without them it would stop choosing patterns by their first character. */
const badStarts = (): number[] => {
  const first = new RegExp(`^${BAD_CHARS.source}`);
  const out: number[] = [];
  for (let c = 0; c <= 0xffff; c++) if (first.test(String.fromCharCode(c))) out.push(c);
  return out;
};
export const BadChars = createToken({ name: 'BadChars', pattern: BAD_CHARS, group: 'errors', start_chars_hint: badStarts() });

const punct = (name: string, pattern: RegExp, categories: TokenType[] = []): TokenType => createToken({ name, pattern, categories });
const punctCmp = (name: string, pattern: RegExp): TokenType => punct(name, pattern, [BinaryOp, CompareOp]);
export const Arrow = punct('Arrow', /=>|⇒/);
export const Le = punctCmp('Le', /<=|≤/);
export const Ge = punctCmp('Ge', />=|≥/);
export const Neq = punctCmp('Neq', /!=|≠/);
export const Eq = punctCmp('Eq', /=|＝/);
export const Lt = punctCmp('Lt', /</);
export const Gt = punctCmp('Gt', />/);
export const Plus = punct('Plus', /\+/, [BinaryOp]);
export const Minus = punct('Minus', /-|−/, [BinaryOp, PrefixOp]);
export const Star = punct('Star', /\*|×/, [BinaryOp]);
export const Slash = punct('Slash', /\/|÷/, [BinaryOp]);
export const LParen = punct('LParen', /\(|（/);
export const RParen = punct('RParen', /\)|）/);
export const LBrace = punct('LBrace', /\{|｛/);
export const RBrace = punct('RBrace', /\}|｝/);
export const Comma = punct('Comma', /,|，|、/);
export const Colon = punct('Colon', /:|：/);
export const Pipe = punct('Pipe', /\||｜/);
export const Range = punct('Range', /\.\./);
/** Decision-table ranges that leave an end out: `a<..<b`, `a<..b`, `a..<b` (before `<` and `..`). */
export const RangeOpenBoth = punct('RangeOpenBoth', /<\.\.</);
export const RangeOpenLow = punct('RangeOpenLow', /<\.\./);
export const RangeOpenHigh = punct('RangeOpenHigh', /\.\.</);
export const Dot = punct('Dot', /\./);

export const ALL_TOKENS: TokenType[] = [
  NameTok,
  BinaryOp,
  CompareOp,
  PrefixOp,
  WhiteSpace,
  Comment,
  DateLit,
  MoneyLit,
  PercentLit,
  NumberLit,
  StringLit,
  BadString,
  Citation,
  BadCitation,
  Arrow,
  RangeOpenBoth,
  RangeOpenLow,
  RangeOpenHigh,
  Le,
  Ge,
  Neq,
  Eq,
  Lt,
  Gt,
  Plus,
  Minus,
  Star,
  Slash,
  LParen,
  RParen,
  LBrace,
  RBrace,
  Comma,
  Colon,
  Pipe,
  Range,
  Dot,
  ...Object.values(KW),
  Identifier,
  BadChars,
];
