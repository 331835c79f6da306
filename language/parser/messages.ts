/** Parse error messages in the language's own words rather than Chevrotain's token names. */
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { KEYWORDS } from '../lexer/vocabulary.ts';

const PUNCT: Record<string, string> = {
  Arrow: '=>',
  Le: '<=',
  Ge: '>=',
  Neq: '!=',
  Eq: '=',
  Lt: '<',
  Gt: '>',
  Plus: '+',
  Minus: '-',
  Star: '*',
  Slash: '/',
  LParen: '(',
  RParen: ')',
  LBrace: '{',
  RBrace: '}',
  Comma: ',',
  Colon: ':',
  Pipe: '|',
  Range: '..',
  Dot: '.',
};

const LITERALS: Record<string, string> = {
  Identifier: 'a name',
  NameTok: 'a name',
  BinaryOp: 'an operator',
  CompareOp: 'a comparison (=, !=, <, <=, >, >=)',
  PrefixOp: '"not" or "-"',
  NumberLit: 'a number',
  MoneyLit: 'an amount such as ¥1510',
  PercentLit: 'a percentage such as 3.5%',
  DateLit: 'a date (YYYY-MM-DD)',
  StringLit: 'text in double quotes',
  Citation: 'a citation in [brackets]',
  EOF: 'the end of the file',
};

export function describeTokenType(t: TokenType): string {
  if (PUNCT[t.name]) return `"${PUNCT[t.name]}"`;
  if (LITERALS[t.name]) return LITERALS[t.name]!;
  const kw = KEYWORDS.find((k) => k.name === t.name);
  if (kw) return `"${kw.en[0]}" (${kw.zh[0]})`;
  return t.name;
}

function describeToken(t: IToken): string {
  if (t.tokenType.name === 'EOF') return 'the end of the file';
  const image = t.image.length > 24 ? t.image.slice(0, 24) + '…' : t.image;
  return `"${image}"`;
}

const RULE_WORDS: Record<string, string> = {
  file: 'a declaration',
  declaration: 'a declaration (parameter, person, household, output, input, enum or test)',
  expression: 'a value',
  orExpr: 'a value',
  andExpr: 'a value',
  notExpr: 'a value',
  comparison: 'a value',
  additive: 'a value',
  multiplicative: 'a value',
  unary: 'a value',
  primary: 'a value, a name or "("',
  type: 'a type (bool, integer, number, rate, date, months, money, money/month, money/year, or an enum)',
  headerItem: 'region, effective, extends, document or framework',
  testItem: 'date, set, household or expect',
  cell: 'a table cell (-, a value, a comparison or a range)',
  matchArm: 'a match arm (value => result)',
  name: 'a name',
};

const ruleWord = (rule: string): string => RULE_WORDS[rule] ?? `a ${rule.replace(/([A-Z])/g, ' $1').toLowerCase()}`;

function alternatives(paths: TokenType[][][]): string {
  const firsts = new Set<string>();
  for (const alt of paths) for (const path of alt) if (path[0]) firsts.add(describeTokenType(path[0]));
  const list = [...firsts];
  if (list.length > 6) return list.slice(0, 6).join(', ') + ', …';
  return list.join(', ');
}

export const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    const kw = KEYWORDS.find((k) => k.name === actual.tokenType.name);
    if (kw && (expected.name === 'NameTok' || expected.name === 'Identifier')) return `"${actual.image}" is a keyword (${kw.en.includes(actual.image) ? kw.zh[0] : kw.en[0]}); choose another name`;
    if (expected.name === 'EOF') return `unexpected ${describeToken(actual)}: expected a new declaration (parameter, person, household, output, input, enum or test)`;
    return `expected ${describeTokenType(expected)} but found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeToken(firstRedundant)}: expected a declaration`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const t = actual[0]!;
    const kw = KEYWORDS.find((k) => k.name === t.tokenType.name);
    const wantsValue = ruleWord(ruleName) === 'a value' || ruleName === 'primary';
    if (kw && wantsValue && alternatives(expectedPathsPerAlt).includes('a name'))
      return `expected a value but found the keyword "${t.image}" (${kw.en.includes(t.image) ? kw.zh[0] : kw.en[0]}); a keyword cannot name a value`;
    const alts = alternatives(expectedPathsPerAlt);
    return `expected ${ruleWord(ruleName)} but found ${describeToken(t)}${alts && !wantsValue ? ` (one of ${alts})` : ''}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName }) {
    const t = actual[0]!;
    return `expected at least one ${ruleWord(ruleName)}, found ${describeToken(t)} (expected ${alternatives([expectedIterationPaths])})`;
  },
};
