/**
 * The Monarch highlighter, run without Monaco: its rules are applied the way Monaco's Monarch
 * lexer applies them (each rule's regex anchored at the position as `^(?:…)`, the first that
 * matches wins, `cases` looked up in the language's word lists).
 */
import { describe, expect, it } from 'vitest';
import { BUILTINS, KEYWORDS } from '../../language/index.ts';
import { languageConfiguration, monarchLanguage, TOKEN } from '../../studio/language/monarch.ts';
import { repositoryFiles } from './language-support.ts';

type Rule = [RegExp, string | string[] | { cases: Record<string, string> }];
const rules = (monarchLanguage.tokenizer.root as Rule[]).map(([re, action]) => ({ re: new RegExp(`^(?:${re.source})`, monarchLanguage.ignoreCase ? 'i' : ''), action }));
const brackets = monarchLanguage.brackets as { open: string; close: string; token: string }[];

function classify(action: Rule[1], text: string): string {
  if (Array.isArray(action)) throw new Error('an array of actions is applied group by group (tokenize)');
  if (typeof action === 'string') {
    if (action !== '@brackets') return action;
    return brackets.find((b) => b.open === text || b.close === text)!.token;
  }
  for (const [guard, token] of Object.entries(action.cases)) {
    if (guard === '@default') return token;
    const list = monarchLanguage[guard.slice(1)] as string[];
    if (list.includes(text)) return token;
  }
  throw new Error(`no case for ${text}`);
}

/** [text, token class] for each token of a line (white space left out). */
function tokenize(line: string): [string, string][] {
  const out: [string, string][] = [];
  let pos = 0;
  while (pos < line.length) {
    const rest = line.slice(pos);
    const rule = rules.find((r) => r.re.test(rest));
    if (!rule) {
      out.push([line[pos]!, monarchLanguage.defaultToken!]);
      pos++;
      continue;
    }
    const m = rule.re.exec(rest)!;
    const text = m[0];
    expect(text.length, `a rule matched nothing at "${rest}"`).toBeGreaterThan(0);
    if (Array.isArray(rule.action)) {
      // One token per group, as Monarch applies an array of actions (the groups cover the match).
      rule.action.forEach((token, g) => token !== 'white' && out.push([m[g + 1]!, token]));
      pos += text.length;
      continue;
    }
    const token = classify(rule.action, text);
    if (token !== 'white') out.push([text, token]);
    pos += text.length;
  }
  return out;
}

const tokenOf = (line: string, text: string): string | undefined => tokenize(line).find(([t]) => t === text)?.[1];

describe('the Monarch tokenizer', () => {
  it('classifies keywords of both languages, types and constants', () => {
    const en = 'output benefit "低保金" : money/month [57号 §23] = if eligible then round(x, ¥1) else ¥0';
    expect(tokenOf(en, 'output')).toBe(TOKEN.keyword);
    expect(tokenOf(en, 'if')).toBe(TOKEN.keyword);
    expect(tokenOf(en, 'then')).toBe(TOKEN.keyword);
    expect(tokenOf(en, 'money')).toBe(TOKEN.type);
    expect(tokenOf(en, 'month')).toBe(TOKEN.type);
    expect(tokenOf(en, 'round')).toBe(TOKEN.builtin);
    expect(tokenOf(en, 'eligible')).toBe(TOKEN.identifier);
    const zh = '输出 低保金 : 金额/月 [57号 第二十三条] = 如果 成员数 > 0 则 四舍五入(差额, ¥1) 否则 ¥0';
    expect(tokenize(zh)).toEqual([
      ['输出', TOKEN.keyword],
      ['低保金', TOKEN.identifier],
      [':', TOKEN.delimiter],
      ['金额', TOKEN.type],
      ['/', TOKEN.operator],
      ['月', TOKEN.type],
      ['[57号 第二十三条]', TOKEN.citation],
      ['=', TOKEN.operator],
      ['如果', TOKEN.keyword],
      ['成员数', TOKEN.identifier],
      ['>', TOKEN.operator],
      ['0', TOKEN.number],
      ['则', TOKEN.keyword],
      ['四舍五入', TOKEN.builtin],
      ['(', 'delimiter.parenthesis'],
      ['差额', TOKEN.identifier],
      [',', TOKEN.delimiter],
      ['¥1', TOKEN.money],
      [')', 'delimiter.parenthesis'],
      ['否则', TOKEN.keyword],
      ['¥0', TOKEN.money],
    ]);
    expect(tokenOf('expect ok = 是', '是')).toBe(TOKEN.constant);
    expect(tokenOf('expect ok = false', 'false')).toBe(TOKEN.constant);
  });

  it('reads a keyword glued to a name as one name, as the lexer does', () => {
    expect(tokenize('如果成员数 > 0')[0]).toEqual(['如果成员数', TOKEN.identifier]);
    expect(tokenize('否则 否')).toEqual([
      ['否则', TOKEN.keyword],
      ['否', TOKEN.constant],
    ]);
  });

  it('classifies every spelling of every keyword as a keyword, a type or a constant', () => {
    for (const k of KEYWORDS)
      for (const s of [...k.en, ...k.zh]) expect([TOKEN.keyword, TOKEN.type, TOKEN.constant], `${k.name} ${s}`).toContain(tokenize(s)[0]![1]);
    for (const b of BUILTINS) for (const n of b.names) expect(tokenize(n)[0]![1]).toBe(TOKEN.builtin);
  });

  it('classifies money, percentages, dates, numbers, months, strings, citations and comments', () => {
    const line = 'from 2024-07-01 = ¥1_595.50 + 1145元 + 3.5% + 33.3％ + 1/3 + 6 months + 6个月 [沪2024] [assumption: x] 【57号 第十三条】 # a comment';
    expect(tokenize(line)).toEqual([
      ['from', TOKEN.keyword],
      ['2024-07-01', TOKEN.date],
      ['=', TOKEN.operator],
      ['¥1_595.50', TOKEN.money],
      ['+', TOKEN.operator],
      ['1145元', TOKEN.money],
      ['+', TOKEN.operator],
      ['3.5%', TOKEN.percent],
      ['+', TOKEN.operator],
      ['33.3％', TOKEN.percent],
      ['+', TOKEN.operator],
      ['1', TOKEN.number],
      ['/', TOKEN.operator],
      ['3', TOKEN.number],
      ['+', TOKEN.operator],
      ['6', TOKEN.number],
      ['months', TOKEN.type],
      ['+', TOKEN.operator],
      ['6', TOKEN.number],
      ['个月', TOKEN.type],
      ['[沪2024]', TOKEN.citation],
      ['[assumption: x]', TOKEN.citation],
      ['【57号 第十三条】', TOKEN.citation],
      ['# a comment', TOKEN.comment],
    ]);
    expect(tokenize('x // also a comment')).toEqual([
      ['x', TOKEN.identifier],
      ['// also a comment', TOKEN.comment],
    ]);
    expect(tokenize('policy p "上海 \\"x\\"" “全角”')).toEqual([
      ['policy', TOKEN.keyword],
      ['p', TOKEN.identifier],
      ['"上海 \\"x\\""', TOKEN.string],
      ['“全角”', TOKEN.string],
    ]);
    expect(tokenize('x "open')).toEqual([
      ['x', TOKEN.identifier],
      ['"open', `${TOKEN.string}.invalid`],
    ]);
    expect(tokenize('x [57号 §1')).toEqual([
      ['x', TOKEN.identifier],
      ['[57号 §1', `${TOKEN.citation}.invalid`],
    ]);
  });

  it('classifies full-width punctuation and operators', () => {
    expect(tokenize('（a，b、c）｛d：e｝ ≤ ≥ ≠ × ÷ − ＝ => ..').map(([, t]) => t)).toEqual([
      'delimiter.parenthesis',
      TOKEN.identifier,
      TOKEN.delimiter,
      TOKEN.identifier,
      TOKEN.delimiter,
      TOKEN.identifier,
      'delimiter.parenthesis',
      'delimiter.curly',
      TOKEN.identifier,
      TOKEN.delimiter,
      TOKEN.identifier,
      'delimiter.curly',
      ...Array(9).fill(TOKEN.operator),
    ]);
  });

  it('classifies a hit policy as keywords after table, while its words stay names and functions elsewhere', () => {
    expect(tokenize('table any (a) | - => 1').slice(0, 2)).toEqual([['table', TOKEN.keyword], ['any', TOKEN.keyword]]);
    expect(tokenize('决策表 优先 （a）').slice(0, 2)).toEqual([['决策表', TOKEN.keyword], ['优先', TOKEN.keyword]]);
    expect(tokenize('table collect min (a)').slice(0, 3)).toEqual([['table', TOKEN.keyword], ['collect', TOKEN.keyword], ['min', TOKEN.keyword]]);
    expect(tokenize('决策表 汇总 计数 (a)').map(([, t]) => t).slice(0, 3)).toEqual([TOKEN.keyword, TOKEN.keyword, TOKEN.keyword]);
    expect(tokenOf('any(members where employed)', 'any')).toBe(TOKEN.builtin);
    expect(tokenOf('household priority : integer = 1', 'priority')).toBe(TOKEN.identifier);
    expect(tokenOf('table anyone (a)', 'anyone')).toBe(TOKEN.identifier);
    expect(tokenize('| 18..<60 | 0<..1 | 1<..<2 |').filter(([, t]) => t === TOKEN.operator).map(([x]) => x)).toEqual(['..<', '<..', '<..<']);
  });

  it('leaves nothing unclassified in the shipped policies', () => {
    const files = repositoryFiles();
    for (const [path, text] of Object.entries(files)) {
      if (!path.endsWith('.doudi')) continue;
      text.split('\n').forEach((line, i) => {
        const bad = tokenize(line).filter(([, t]) => t.includes('invalid'));
        expect(bad, `${path}:${i + 1}`).toEqual([]);
      });
    }
  });
});

describe('the language configuration', () => {
  it('comments with #, closes brackets, 【】 and both kinds of quotes', () => {
    expect(languageConfiguration.comments).toEqual({ lineComment: '#' });
    const opens = languageConfiguration.autoClosingPairs!.map((p) => `${p.open}${p.close}`);
    expect(opens).toEqual(expect.arrayContaining(['()', '{}', '[]', '（）', '【】', '""', '“”']));
    expect(languageConfiguration.brackets).toEqual(expect.arrayContaining([['【', '】'], ['（', '）']]));
  });

  it('takes Chinese names and numbers as words', () => {
    const word = new RegExp(languageConfiguration.wordPattern!.source, 'g');
    expect('如果 人均收入 > dibao_standard * 1.5'.match(word)).toEqual(['如果', '人均收入', 'dibao_standard', '1.5']);
  });

  it('indents after a line that leaves its value or block to the next lines', () => {
    const inc = languageConfiguration.indentationRules!.increaseIndentPattern;
    for (const line of ['household pci : money/month [d] =', 'parameter x : integer [d]', '覆盖 参数 x : 整数 [d]', '  region 440100 "一类":', '  household {', 'test "a"', '测试 "一"'])
      expect(inc.test(line), line).toBe(true);
    for (const line of ['household n : integer [d] = count(members)', '  expect x = 1', '  from 2024-01-01 = ¥1']) expect(inc.test(line), line).toBe(false);
    expect(languageConfiguration.indentationRules!.decreaseIndentPattern.test('  }')).toBe(true);
  });
});
