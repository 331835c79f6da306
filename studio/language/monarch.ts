/**
 * Syntax highlighting for Monaco, generated from the language's own vocabulary: the keywords in both
 * languages (language/lexer/vocabulary.ts) and the literal patterns the lexer uses, so the editor
 * colours exactly what the lexer reads. Imports only types from Monaco, and only plain-data modules
 * of the language (no parser), so it loads on the UI thread and in Node tests alike.
 */
import type * as Monaco from 'monaco-editor/editor';
import { HIT_POLICIES, IDENTIFIER, KEYWORDS, LITERAL_PATTERNS } from '../../language/lexer/vocabulary.ts';
import { BUILTINS } from '../../language/checker/builtins.ts';

export const LANGUAGE_ID = 'doudi';

/** Keywords that name types and units (bool, money, months, 年 …) and the boolean constants. */
const TYPES = new Set(['BoolType', 'IntegerType', 'NumberType', 'RateType', 'DateType', 'MoneyType', 'Month', 'Year']);
const CONSTANTS = new Set(['True', 'False']);
const spellings = (keep: (name: string) => boolean): string[] => KEYWORDS.filter((k) => keep(k.name)).flatMap((k) => [...k.en, ...k.zh]);

/** Token classes, as Monaco's themes colour them. */
export const TOKEN = {
  keyword: 'keyword',
  type: 'type',
  constant: 'constant',
  builtin: 'predefined',
  identifier: 'identifier',
  number: 'number',
  money: 'number.money',
  percent: 'number.percent',
  date: 'number.date',
  string: 'string',
  citation: 'annotation',
  comment: 'comment',
  operator: 'operator',
  delimiter: 'delimiter',
  invalid: 'invalid',
} as const;

/**
 * The words of a hit policy that are keywords only after `table` (language/lexer/vocabulary.ts):
 * `table any`, `决策表 优先`, `table rule order` …, and the aggregation after `collect`/`汇总`.
 */
const alternatives = (xs: readonly string[]): string => [...new Set(xs)].sort((a, b) => b.length - a.length).map((x) => x.replace(/ /g, '\\s+')).join('|');
const NOT_NAME = '(?![\\w\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff])';
const tableWords = KEYWORDS.find((k) => k.name === 'Table')!;
const collectWords = KEYWORDS.find((k) => k.name === 'Collect')!;
const contextual = HIT_POLICIES.flatMap((h) => [...h.en, ...h.zh]).filter((p) => !KEYWORDS.some((k) => [...k.en, ...k.zh].includes(p)) && !/^(collect|汇总) /.test(p));
const HIT_POLICY = new RegExp(`(${alternatives([...tableWords.en, ...tableWords.zh])})(\\s+)(${alternatives(contextual)})${NOT_NAME}`);
const aggregations = HIT_POLICIES.flatMap((h) => [...h.en, ...h.zh]).filter((p) => /^(collect|汇总) /.test(p)).map((p) => p.replace(/^\S+ /, ''));
const HIT_AGGREGATION = new RegExp(`(${alternatives([...collectWords.en, ...collectWords.zh])})(\\s+)(${alternatives(aggregations)})${NOT_NAME}`);

export const monarchLanguage: Monaco.languages.IMonarchLanguage = {
  defaultToken: TOKEN.invalid,
  tokenPostfix: `.${LANGUAGE_ID}`,
  keywords: spellings((n) => !TYPES.has(n) && !CONSTANTS.has(n)),
  typeKeywords: spellings((n) => TYPES.has(n)),
  constants: spellings((n) => CONSTANTS.has(n)),
  builtins: BUILTINS.flatMap((b) => b.names),
  brackets: [
    { open: '(', close: ')', token: 'delimiter.parenthesis' },
    { open: '（', close: '）', token: 'delimiter.parenthesis' },
    { open: '{', close: '}', token: 'delimiter.curly' },
    { open: '｛', close: '｝', token: 'delimiter.curly' },
  ],
  tokenizer: {
    // In the lexer's order: a date before a number, money and percentages before bare numbers.
    root: [
      [/[ \t\r\n\f\v\u00a0\u3000\u2028\u2029\ufeff]+/, 'white'],
      [LITERAL_PATTERNS.comment, TOKEN.comment],
      [LITERAL_PATTERNS.date, TOKEN.date],
      [LITERAL_PATTERNS.money, TOKEN.money],
      [LITERAL_PATTERNS.percent, TOKEN.percent],
      [LITERAL_PATTERNS.number, TOKEN.number],
      [LITERAL_PATTERNS.string, TOKEN.string],
      // a string or citation not closed on its line (the lexer reports these)
      [/"(?:[^"\\]|\\.)*\\?$|“[^”]*$/, `${TOKEN.string}.invalid`],
      [LITERAL_PATTERNS.citation, TOKEN.citation],
      [/\[[^[\]]*$|【[^【】]*$/, `${TOKEN.citation}.invalid`],
      // A table's hit policy: words that are keywords only there (`table any (`, `collect min (`).
      [HIT_POLICY, [TOKEN.keyword, 'white', TOKEN.keyword]],
      [HIT_AGGREGATION, [TOKEN.keyword, 'white', TOKEN.keyword]],
      // A keyword is a whole name: 如果成员数 is one name, as the lexer reads it.
      [IDENTIFIER, { cases: { '@typeKeywords': TOKEN.type, '@constants': TOKEN.constant, '@keywords': TOKEN.keyword, '@builtins': TOKEN.builtin, '@default': TOKEN.identifier } }],
      [/[(){}（）｛｝]/, '@brackets'],
      [/=>|⇒|<\.\.<|<\.\.|\.\.<|<=|≤|>=|≥|!=|≠|=|＝|<|>|\+|-|−|\*|×|\/|÷|\.\./, TOKEN.operator],
      [/[,，、:：|｜.]/, TOKEN.delimiter],
    ],
  },
};

const pairs = [
  ['(', ')'],
  ['{', '}'],
  ['[', ']'],
  ['（', '）'],
  ['｛', '｝'],
  ['【', '】'],
] as const;

const DECL_WITH_BODY = spellings((n) => n === 'Policy' || n === 'Parameter' || n === 'Test').join('|');

export const languageConfiguration: Monaco.languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: pairs.map(([a, b]) => [a, b] as [string, string]),
  autoClosingPairs: [
    ...pairs.map(([open, close]) => ({ open, close, notIn: ['string', 'comment'] })),
    { open: '"', close: '"', notIn: ['string', 'comment'] },
    { open: '“', close: '”', notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [...pairs.map(([open, close]) => ({ open, close })), { open: '"', close: '"' }, { open: '“', close: '”' }],
  // Words are names (Chinese included) and numbers: what completion replaces and hover and rename pick.
  wordPattern: new RegExp(`${IDENTIFIER.source}|${LITERAL_PATTERNS.number.source}`),
  indentationRules: {
    // After a line that leaves a value or a block to the next lines: "… =", "region … :", "{", "(",
    // and after the first line of a policy, a parameter or a test, whose items follow indented.
    increaseIndentPattern: new RegExp(`^(?:.*(?:=|:|：|\\{|｛|\\(|（)|\\s*(?:override\\s+|覆盖\\s+)?(?:${DECL_WITH_BODY})(?:\\s.*)?)\\s*(?:(?:#|//).*)?$`),
    decreaseIndentPattern: /^\s*[)}）｝]/,
  },
};
