/**
 * The vocabulary of the language as plain data: every keyword with its English and Chinese
 * spellings, and the patterns of literals. The Chevrotain lexer, the studio's Monarch
 * highlighter and the reference documentation are all built from this table.
 */

export interface KeywordSpec {
  /** token name */
  readonly name: string;
  readonly en: readonly string[];
  readonly zh: readonly string[];
  readonly doc: string;
}

const k = (name: string, en: string[], zh: string[], doc: string): KeywordSpec => ({ name, en, zh, doc });

export const KEYWORDS: readonly KeywordSpec[] = [
  k('Policy', ['policy'], ['政策'], 'starts a policy header'),
  k('Framework', ['framework'], ['框架'], 'marks a policy whose parameters other policies supply'),
  k('Region', ['region'], ['地区'], 'the region code of a policy, a region block of a parameter, the region type'),
  k('Effective', ['effective'], ['生效'], 'the effective period of a policy'),
  k('From', ['from'], ['自'], 'a dated parameter value; a test household read from a file'),
  k('To', ['to'], ['至'], 'end of an effective period; the parent of an exception'),
  k('Extends', ['extends'], ['基于'], 'a policy built on another'),
  k('Document', ['document'], ['依据'], 'a source document that citations refer to'),
  k('Parameter', ['parameter'], ['参数'], 'a parameter with dated (and per-region) values'),
  k('Input', ['input'], ['输入'], 'a scenario input (such as cpi_yoy), set per run'),
  k('Enum', ['enum'], ['枚举'], 'an enumeration type'),
  k('Person', ['person'], ['个人'], 'a person-level definition, evaluated for each member'),
  k('Household', ['household'], ['家庭'], 'a household-level definition; the household of a test'),
  k('Output', ['output'], ['输出'], 'a household-level definition that is an output of the policy'),
  k('Override', ['override'], ['覆盖'], 'replaces a declaration of the base policy'),
  k('Exception', ['exception'], ['例外'], 'a labelled exception to a definition'),
  k('When', ['when'], ['当'], 'the condition of an exception'),
  k('Then', ['then'], ['则'], 'the value of an exception or an if'),
  k('If', ['if'], ['如果'], 'conditional expression'),
  k('Else', ['else'], ['否则'], 'the alternative of an if, a table or an aggregation'),
  k('And', ['and'], ['并且', '且'], 'logical and'),
  k('Or', ['or'], ['或者', '或'], 'logical or'),
  k('Not', ['not'], ['非'], 'logical not'),
  k('Match', ['match'], ['匹配'], 'choice over the values of an enum'),
  k('Otherwise', ['otherwise'], ['其他'], 'the default arm of a match'),
  k('Table', ['table'], ['决策表'], 'a decision table'),
  k('First', ['first'], ['首条'], 'hit policy: the first matching row'),
  k('Unique', ['unique'], ['唯一'], 'hit policy: exactly one row may match'),
  k('Collect', ['collect'], ['汇总'], 'hit policy: combine the matching rows (collect sum, min, max, count)'),
  k('Members', ['members', 'member'], ['成员'], 'the members of the household; a member of a test household'),
  k('Where', ['where'], ['满足'], 'the filter of an aggregation over members'),
  k('In', ['in'], ['属于'], 'membership in a list of values or a range'),
  k('By', ['by'], ['按'], 'the enum that indexes a parameter'),
  k('True', ['true'], ['是', '真'], 'boolean true'),
  k('False', ['false'], ['否', '假'], 'boolean false'),
  k('Test', ['test'], ['测试'], 'a named test case'),
  k('Set', ['set'], ['设定'], 'sets a parameter or input in a test'),
  k('Expect', ['expect'], ['预期'], 'an expected value in a test'),
  k('Base', ['base'], ['原值'], 'the overridden value inside an override parameter'),
  k('BoolType', ['bool'], ['布尔'], 'type: true or false'),
  k('IntegerType', ['integer'], ['整数'], 'type: whole numbers'),
  k('NumberType', ['number'], ['数值'], 'type: exact decimals and fractions'),
  k('RateType', ['rate'], ['比率'], 'type: a rate, written as a percentage'),
  k('DateType', ['date'], ['日期'], 'type: a calendar date; the date of a test'),
  k('MoneyType', ['money'], ['金额'], 'type: an amount of money, exact to the fen'),
  k('Month', ['months', 'month'], ['个月', '月数', '月'], 'the month period of money; a duration in months'),
  k('Year', ['year'], ['年'], 'the year period of money'),
];

/**
 * The hit policies of decision tables, written after `table` / `决策表`. `first`, `unique` and
 * `collect` are keywords; the other words are read as hit policies only in that place, so they
 * reserve no name: `any(members …)` stays a function, and `priority` or `顺序` may still name a
 * definition. Each spelling is the words as written (`collect min`, `汇总 最小`); Chinese spellings
 * of two words that read as one (`规则顺序`) are one word. The list-valued policies are
 * recognised to be refused with their reason (docs/language.md: their results are lists).
 */
export interface HitPolicySpec {
  /** the IR's name of the policy, or the refused list-valued policy */
  readonly id: 'first' | 'unique' | 'any' | 'priority' | 'collect-sum' | 'collect-min' | 'collect-max' | 'collect-count' | 'rule-order' | 'output-order' | 'collect-list';
  readonly en: readonly string[];
  readonly zh: readonly string[];
  readonly doc: string;
  /** gives a list of results: refused */
  readonly list?: true;
}

export const HIT_POLICIES: readonly HitPolicySpec[] = [
  { id: 'unique', en: ['unique'], zh: ['唯一'], doc: 'the one row that matches; rows that can both match are an error' },
  { id: 'first', en: ['first'], zh: ['首条'], doc: 'the first row that matches, in the order written' },
  { id: 'any', en: ['any'], zh: ['任意'], doc: 'any row that matches: all of them must give the same result' },
  { id: 'priority', en: ['priority'], zh: ['优先'], doc: 'the matching row whose result comes first in its enum\'s declared order' },
  { id: 'collect-sum', en: ['collect sum'], zh: ['汇总 合计', '汇总 求和'], doc: 'the sum of the matching rows\' results (0, or else, when none matches)' },
  { id: 'collect-min', en: ['collect min'], zh: ['汇总 最小'], doc: 'the least of the matching rows\' results' },
  { id: 'collect-max', en: ['collect max'], zh: ['汇总 最大'], doc: 'the greatest of the matching rows\' results' },
  { id: 'collect-count', en: ['collect count'], zh: ['汇总 计数'], doc: 'how many rows match (0, or else, when none does)' },
  { id: 'rule-order', en: ['rule order'], zh: ['规则顺序'], doc: 'the matching rows\' results as a list, in row order: refused (a list)', list: true },
  { id: 'output-order', en: ['output order'], zh: ['输出顺序'], doc: 'the matching rows\' results as a list, in enum order: refused (a list)', list: true },
  { id: 'collect-list', en: ['collect'], zh: ['汇总'], doc: 'the matching rows\' results as a list: refused (a list)', list: true },
];

/** The hit policy a table names with these words (tokens' images in order), if any. */
export function hitPolicyOf(words: readonly string[]): HitPolicySpec | undefined {
  const text = words.join(' ');
  return HIT_POLICIES.find((h) => h.en.includes(text) || h.zh.includes(text));
}

/** Identifier: letters, digits and underscores, and CJK ideographs; not starting with a digit. */
export const IDENTIFIER = /[A-Za-z_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff][A-Za-z0-9_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]*/;

export const LITERAL_PATTERNS = {
  date: /\d{4}-\d{2}-\d{2}/,
  money: /[¥￥]\s?\d[\d_]*(?:\.\d+)?|\d[\d_]*(?:\.\d+)?元/,
  percent: /\d[\d_]*(?:\.\d+)?[%％]/,
  number: /\d[\d_]*(?:\.\d+)?/,
  string: /"(?:[^"\\\r\n\u2028\u2029]|\\.)*"|“[^”\r\n\u2028\u2029]*”/,
  citation: /\[[^\[\]\r\n\u2028\u2029]*\]|【[^【】\r\n\u2028\u2029]*】/,
  comment: /(?:#|\/\/)[^\r\n\u2028\u2029]*/,
};
