/**
 * The studio's language service, in Node: diagnostics, completion, hover, go to definition and
 * compile, over the repository's policies and small inline policies.
 */
import { describe, expect, it } from 'vitest';
import { instantiate, KEYWORDS } from '../../language/index.ts';
import { createLanguageService } from '../../studio/language/service.ts';
import type { Completion } from '../../studio/language/protocol.ts';
import { positionOf, repositoryService, wordPosition } from './language-support.ts';

const HEADER = `policy t "测试政策"
  region 310000
  effective from 2024-01-01
  document "d" "测试文件"
`;

/** A service over one inline policy (p.doudi) and any other files. */
function inline(text: string, others: Record<string, string> = {}) {
  const service = createLanguageService();
  service.setFiles({ 'p.doudi': text, ...others });
  return service;
}

/** Completions at the end of `text` (the cursor after its last character). */
function completeAtEnd(text: string, others: Record<string, string> = {}): readonly Completion[] {
  const lines = text.split('\n');
  return inline(text, others).complete('p.doudi', { line: lines.length, column: lines[lines.length - 1]!.length + 1 });
}

const labels = (list: readonly Completion[], sort?: string) => list.filter((c) => sort === undefined || c.sort === sort).map((c) => c.label);

const repo = repositoryService();
const SH = 'policies/shanghai/shanghai.doudi';
const SH_TEST = 'policies/shanghai/shanghai.test.doudi';
const FW = 'policies/national/framework.doudi';

describe('diagnostics', () => {
  it('lists every policy file of the workspace, test files too, and finds no error or warning in the shipped ones', () => {
    const all = repo.service.diagnostics();
    const policies = Object.keys(repo.files).filter((p) => p.endsWith('.doudi'));
    expect(Object.keys(all).sort()).toEqual(policies.sort());
    expect(policies.some((p) => p.endsWith('.test.doudi'))).toBe(true);
    const problems = Object.values(all).flat().filter((d) => d.severity !== 'info');
    expect(problems.map((d) => `${d.file}:${d.range.start.line}: ${d.code}: ${d.message}`)).toEqual([]);
    // overrides are reported, under the file that overrides
    expect(all[SH]!.some((d) => d.code === 'override' && d.message.includes('dibao_standard'))).toBe(true);
  });

  it('reports a broken file with the language’s positions: 1-based lines and columns, end exclusive', () => {
    const text = `${HEADER}
parameter standard "标准" : money/month [d §1]
  from 2024-01-01 = ¥1500

household pci "人均" : money/month [d §2] = incomes / 2
output benefit "救助金" : money/month [d §3] = standard - pci + 3
`;
    const d = inline(text).diagnostics()['p.doudi']!;
    const unknown = d.find((x) => x.code === 'unknown-name')!;
    expect(unknown.severity).toBe('error');
    expect(unknown.message).toContain('incomes');
    const at = positionOf(text, 'incomes');
    expect(unknown.range.start).toMatchObject(at);
    expect(unknown.range.end).toMatchObject({ line: at.line, column: at.column + 'incomes'.length });
    const money = d.find((x) => x.code === 'money-vs-number')!;
    expect(money.range.start).toMatchObject(positionOf(text, '+ 3'));
    expect(money.range.end).toMatchObject({ line: money.range.start.line, column: money.range.start.column + 1 });
  });

  it('reports a syntax error where the parser stopped', () => {
    const text = `${HEADER}
household x "x" : bool [d] = (age > 1 and
`;
    const d = inline(text).diagnostics()['p.doudi']!;
    expect(d.map((x) => x.code)).toContain('syntax');
    expect(d.find((x) => x.code === 'syntax')!.range.start.line).toBe(6);
  });

  it('lists a problem of a base file once, under the base file, however many policies extend it', () => {
    const base = `${HEADER}
household broken "坏" : integer [d] = nothing_here
`;
    const derived = (id: string) => `policy ${id} "派生" extends "base.doudi"\n`;
    const service = createLanguageService();
    service.setFiles({ 'base.doudi': base, 'a.doudi': derived('a'), 'b.doudi': derived('b') });
    const all = service.diagnostics();
    expect(all['base.doudi']!.filter((d) => d.code === 'unknown-name')).toHaveLength(1);
    expect(all['a.doudi']).toEqual([]);
    expect(all['b.doudi']).toEqual([]);
  });

  it('checks test files as the policies they are', () => {
    const broken = repo.files[SH_TEST]!.replace('expect dibao_benefit = ¥465', 'expect no_such_output = ¥465');
    const { service } = repositoryService({ [SH_TEST]: broken });
    const d = service.diagnostics()[SH_TEST]!;
    const hit = d.find((x) => x.code === 'test-unknown-name')!;
    expect(hit.range.start).toMatchObject(positionOf(broken, 'no_such_output'));
  });

  it('checks again only the policies whose files changed', () => {
    const { service } = repositoryService();
    const first = service.diagnostics();
    const again = service.diagnostics();
    expect(again[SH]![0]).toBe(first[SH]![0]);
    service.setFiles({ 'docs/examples/zh.doudi': repo.files['docs/examples/zh.doudi'] + '\n# edited\n' }, true);
    const afterOther = service.diagnostics();
    expect(afterOther[SH]![0]).toBe(first[SH]![0]);
    service.setFiles({ [FW]: repo.files[FW] + '\n# edited\n' }, true);
    const afterBase = service.diagnostics();
    expect(afterBase[SH]![0]).not.toBe(first[SH]![0]);
    expect(afterBase[SH]![0]).toEqual(first[SH]![0]);
  });
});

describe('completion', () => {
  const policy = `${HEADER}
enum status "救助状态" { none "无", regular "常规低保", grace "渐退期" }

parameter standard "低保标准" : money/month [d §1]
  from 2024-01-01 = ¥1500

person adult "成年" : bool [d] = age >= 18
household n "人数" : integer [d] = count(members where adult)
output st "状态" : status [d] = none
`;

  it('offers in an expression fields by id and Chinese name, parameters and definitions with their labels, built-ins and keywords of both languages', () => {
    const list = completeAtEnd(policy + 'household x "x" : money/month [d] = ');
    const wage = list.find((c) => c.label === '工资性收入')!;
    expect(wage).toMatchObject({ kind: 'field', insert: '工资性收入' });
    expect(wage.detail).toContain('wage_income');
    expect(wage.detail).toContain('money/month');
    expect(list.find((c) => c.label === 'financial_assets')?.detail).toContain('金融资产');
    const standard = list.find((c) => c.label === 'standard')!;
    expect(standard.kind).toBe('parameter');
    expect(standard.detail).toBe('parameter · money/month · 低保标准 · [d §1]');
    expect(standard.documentation).toContain('[d §1]');
    // a label that is a name of its own is inserted as written
    expect(list.find((c) => c.label === '人数')).toMatchObject({ kind: 'definition', insert: '人数' });
    expect(labels(list)).toEqual(expect.arrayContaining(['n', 'adult', 'round', '四舍五入', 'sum', '合计', 'if', '如果', 'then', '则', 'and', '并且', '且']));
    expect(list.find((c) => c.label === '如果')!.detail).toContain('if');
    expect(list.find((c) => c.label === 'if')!.detail).toContain('如果');
  });

  it('offers the values of the enum inside match x {', () => {
    const own = completeAtEnd(policy + 'output y "y" : integer [d] = match st { ');
    expect(labels(own, '0')).toEqual(['none', '无', 'regular', '常规低保', 'grace', '渐退期']);
    expect(labels(own)).toContain('otherwise');
    const schema = completeAtEnd(policy + 'output y "y" : integer [d] = 匹配 城乡类别 { 城镇 => 1, ');
    expect(labels(schema, '0')).toEqual(['urban', '城镇', 'rural', '农村']);
  });

  it('offers the values of an enum after a comparison, after Enum. and where the declaration’s enum is expected', () => {
    expect(labels(completeAtEnd(policy + 'household z "z" : bool [d] = st = '), '0')).toContain('regular');
    expect(labels(completeAtEnd(policy + 'household z "z" : bool [d] = st != status.'))).toEqual(['none', '无', 'regular', '常规低保', 'grace', '渐退期']);
    expect(labels(completeAtEnd(policy + 'output w "w" : status [d] = none\n  exception a [d] when n > 1 then '), '0')).toContain('grace');
    expect(labels(completeAtEnd(policy + 'person c "c" : bool [d] = self_care in ('), '0')).toEqual(['full', '全自理', 'partial', '半失能', 'none', '全失能']);
  });

  it('offers in a decision table’s cells the values of the column’s input', () => {
    const table = policy + 'household k "k" : integer [d] =\n  table unique (area, st, n >= 2)\n';
    expect(labels(completeAtEnd(table + '    | '), '0')).toEqual(['urban', '城镇', 'rural', '农村']);
    expect(labels(completeAtEnd(table + '    | urban | '), '0')).toEqual(['none', '无', 'regular', '常规低保', 'grace', '渐退期']);
    expect(labels(completeAtEnd(table + '    | urban | none, '), '0')).toEqual(['none', '无', 'regular', '常规低保', 'grace', '渐退期']);
    expect(labels(completeAtEnd(table + '    | urban | none | '), '0')).toEqual(['true', '是', '真', 'false', '否', '假']);
    // A cell may read a parameter too; the result after => is an ordinary expression.
    expect(labels(completeAtEnd(table + '    | urban | '))).toContain('standard');
    expect(labels(completeAtEnd(table + '    | urban | none | true => '), '0')).not.toContain('urban');
    // The next row starts again at the first column; Chinese keywords and bars work the same.
    expect(labels(completeAtEnd(table + '    | urban | none | true => 1\n    | rural | '), '0')).toEqual(['none', '无', 'regular', '常规低保', 'grace', '渐退期']);
    const zh = policy + 'household k "k" : integer [d] =\n  决策表 首条 （城乡类别）\n    ｜ ';
    expect(labels(completeAtEnd(zh), '0')).toEqual(['urban', '城镇', 'rural', '农村']);
  });

  it('offers the hit policies after table (both languages, not the list-valued ones) and the aggregations after collect', () => {
    const head = policy + 'household k "k" : integer [d] =\n  table ';
    const hits = labels(completeAtEnd(head), '0');
    expect(hits).toEqual(expect.arrayContaining(['unique', '唯一', 'first', '首条', 'any', '任意', 'priority', '优先', 'collect sum', '汇总 合计', 'collect min', 'collect count', '汇总 计数']));
    expect(hits).not.toContain('rule order');
    expect(completeAtEnd(head).find((c) => c.label === 'any')!.detail).toContain('all of them must give the same result');
    expect(labels(completeAtEnd(head + 'collect '), '0')).toEqual(['sum', '合计', '求和', 'min', '最小', 'max', '最大', 'count', '计数']);
    expect(labels(completeAtEnd(policy + 'household k "k" : integer [d] =\n  决策表 汇总 '), '0')).toContain('最小');
  });

  it('offers types after a declaration’s colon, and periods after money/', () => {
    const types = labels(completeAtEnd(policy + 'household x "x" : '));
    expect(types).toEqual(expect.arrayContaining(['money/month', '金额/月', 'bool', '布尔', 'integer', 'status', '救助状态', 'area', 'self_care']));
    expect(types).not.toContain('工资性收入');
    expect(labels(completeAtEnd(policy + 'household x "x" : money/'))).toEqual(expect.arrayContaining(['month', '月', 'year', '年']));
  });

  it('offers declarations at the left margin', () => {
    const list = completeAtEnd(policy + '\n');
    expect(labels(list, '0')).toEqual(expect.arrayContaining(['parameter', '参数', 'output', '输出', 'override', '覆盖', 'test', '测试']));
    expect(labels(list)).not.toContain('standard');
  });

  it('offers in tests: fields of households and members and their values, parameters after set, outputs after expect', () => {
    const test = `${policy}\ntest "a"\n  date 2024-01-01\n`;
    const household = completeAtEnd(test + '  household { area: rural, ');
    expect(labels(household)).toEqual(expect.arrayContaining(['financial_assets', '金融资产', 'member', '成员']));
    expect(labels(household)).not.toContain('age');
    expect(labels(completeAtEnd(test + '  household { member { '))).toEqual(expect.arrayContaining(['age', '年龄', 'self_care']));
    expect(labels(completeAtEnd(test + '  household { member { self_care: '))).toEqual(['full', '全自理', 'partial', '半失能', 'none', '全失能']);
    expect(labels(completeAtEnd(test + '  household { area: '))).toEqual(['urban', '城镇', 'rural', '农村']);
    const set = labels(completeAtEnd(test + '  set '));
    expect(set).toContain('standard');
    expect(set).not.toContain('n');
    const expectList = labels(completeAtEnd(test + '  household { }\n  expect '));
    expect(expectList).toEqual(expect.arrayContaining(['n', '人数', 'st']));
    expect(expectList).not.toContain('adult');
    expect(expectList).not.toContain('standard');
  });

  it('sees the names of the policies a file extends', () => {
    const text = repo.files[SH]!;
    const end = positionOf(text, 'age >= 60 or age < 18', 0, 'age >= 60 or '.length);
    const list = repo.service.complete(SH, end);
    expect(list.find((c) => c.label === 'per_capita_income')?.detail).toContain('家庭人均收入');
    expect(list.find((c) => c.label === 'dibao_standard')?.detail).toBe('parameter · money/month by area · 低保标准 · [ref §4]');
  });

  it('offers nothing inside a comment, a string or a citation', () => {
    expect(completeAtEnd(policy + '# a comment ')).toEqual([]);
    expect(completeAtEnd(policy + 'household x "a label ')).toEqual([]);
    const text = policy + 'household x "x" : integer [d §2] = 1';
    const service = inline(text);
    expect(service.complete('p.doudi', positionOf(text, '[d §2]', 0, 3))).toEqual([]);
  });
});

describe('hover', () => {
  it('explains a table’s hit policy on its words, in either language', () => {
    const text = `${HEADER}\nhousehold k "k" : integer [d] =\n  table collect min (houses)\n    | >= 1 => 1\n  else 0\nhousehold j "j" : integer [d] =\n  决策表 优先 （houses） ｜ - => 1\n`;
    const service = inline(text);
    const min = service.hover('p.doudi', wordPosition(text, 'min'))!;
    expect(min.markdown).toContain('**hit policy** `collect min` · `汇总 最小`');
    expect(min.markdown).toContain('the least of the matching rows');
    const first = service.hover('p.doudi', wordPosition(text, '优先'))!;
    expect(first.markdown).toContain('**hit policy** `优先` · `priority`');
  });

  it('shows a parameter’s value on the date asked for: Shanghai’s dibao standard was ¥1510 on 2024-06-30 and ¥1595 from 2024-07-01', () => {
    const at = wordPosition(repo.files[SH]!, 'dibao_standard');
    const july = repo.service.hover(SH, at, { date: '2024-07-01' })!;
    expect(july.markdown).toContain('**On 2024-07-01** in 310000: `¥1595 (every area)` — the value from 2024-07-01');
    expect(july.markdown).toContain('沪2024');
    const june = repo.service.hover(SH, at, { date: '2024-06-30' })!;
    expect(june.markdown).toContain('`¥1510 (every area)` — the value from 2023-07-01');
    expect(june.markdown).toContain('沪2023');
  });

  it('names the parameter with its label, type and unit, citations and the declaration it overrides', () => {
    const text = repo.files[SH]!;
    const at = wordPosition(text, 'dibao_standard');
    const h = repo.service.hover(SH, at, {})!;
    expect(h.markdown).toContain('**parameter** `dibao_standard` · 低保标准');
    expect(h.markdown).toContain('`money/month` by `area`');
    expect(h.markdown).toContain('ref §4');
    expect(h.markdown).toContain('Doudi reference policy');
    expect(h.markdown).toMatch(/Overrides national\\_framework's parameter \(policies\/national\/framework\.doudi:\d+\)/);
    expect(h.markdown).not.toContain('**On');
    expect(h.range).toEqual({ start: at, end: { line: at.line, column: at.column + 'dibao_standard'.length } });
  });

  it('computes formula parameters and region blocks as a run would', () => {
    const ZJ = 'policies/zhejiang/zhejiang.doudi';
    const at = wordPosition(repo.files[ZJ]!, 'dibao_standard');
    // Jinhua's published standard from 2024-11-01; the province formula elsewhere
    expect(repo.service.hover(ZJ, at, { date: '2024-11-01', region: '330700' })!.markdown).toContain('`¥1145 (every area)` — the value from 2024-11-01 in region 330700');
    const province = repo.service.hover(ZJ, at, { date: '2024-11-01' })!.markdown.split('\n').pop()!;
    expect(province).toMatch(/^\*\*On 2024-11-01\*\* in 330000: `¥\d+ \(every area\)` — the value from 2022-01-01/);
    expect(province).not.toContain('¥1145');
    const GD = 'policies/guangdong/guangdong.doudi';
    const gd = wordPosition(repo.files[GD]!, 'dibao_standard');
    expect(repo.service.hover(GD, gd, { date: '2023-06-01', region: '440100' })!.markdown).toContain('`¥1165 (every area)`');
    expect(repo.service.hover(GD, gd, { date: '2023-06-01' })!.markdown).toContain('`urban ¥857, rural ¥600`');
  });

  it('says why a parameter has no value on a date', () => {
    const h = repo.service.hover(SH, wordPosition(repo.files[SH]!, 'dibao_standard'), { date: '2020-01-01' })!;
    expect(h.markdown).toContain('in force from 2023-07-01');
  });

  it('describes schema fields, enum values, built-ins and citations', () => {
    const text = repo.files[SH]!;
    const grade = repo.service.hover(SH, wordPosition(text, 'disability_grade'))!.markdown;
    expect(grade).toContain('**person field** `disability_grade` · 残疾等级');
    expect(grade).toContain('`integer` (0 to 4)');
    expect(grade).toContain('most severe');
    expect(repo.service.hover(SH, wordPosition(text, 'intellectual'))!.markdown).toContain('**enum value** `intellectual` · 智力');
    const fw = repo.files[FW]!;
    expect(repo.service.hover(FW, positionOf(fw, 'round('))!.markdown).toContain('**built-in** `round` · `四舍五入`');
    const cite = repo.service.hover(SH, positionOf(text, '[沪2024]', 0, 1))!.markdown;
    expect(cite).toContain('**document** `沪2024`');
    expect(cite).toContain('上海市民政局');
  });

  it('gives a keyword’s other-language spelling', () => {
    const zh = repo.files['docs/examples/zh.doudi']!;
    const h = repo.service.hover('docs/examples/zh.doudi', wordPosition(zh, '如果'))!;
    expect(h.markdown).toContain('**keyword** `如果` · `if`');
    const fw = repo.files[FW]!;
    expect(repo.service.hover(FW, wordPosition(fw, 'then'))!.markdown).toContain('**keyword** `then` · `则`');
    expect(repo.service.hover(FW, wordPosition(fw, 'members'))!.markdown).toContain('`成员` · `member`');
  });

  it('describes definitions of the file’s policy, by label too', () => {
    const zh = repo.files['docs/examples/zh.doudi']!;
    const h = repo.service.hover('docs/examples/zh.doudi', wordPosition(zh, '人均收入', 1))!.markdown;
    expect(h).toContain('**household** `人均收入`');
    expect(h).toContain('`money/month`');
    expect(h).toContain('57号 第十三条');
  });
});

describe('definition', () => {
  it('goes from Shanghai to the framework: an override to the declaration it replaces, a name to where it is declared', () => {
    const text = repo.files[SH]!;
    const fw = repo.files[FW]!;
    const override = repo.service.definition(SH, wordPosition(text, 'dibao_standard'))!;
    expect(override.path).toBe(FW);
    expect(override.range.start).toEqual(wordPosition(fw, 'dibao_standard'));
    const tests = repo.files[SH_TEST]!;
    const status = repo.service.definition(SH_TEST, wordPosition(tests, 'dibao_status'))!;
    expect(status.path).toBe(FW);
    expect(fw.split('\n')[status.range.start.line - 1]).toMatch(/^output dibao_status /);
    // an enum value, declared in the framework's enum
    const fixed = repo.service.definition(SH, positionOf(text, '= fixed', 0, '= '.length))!;
    expect(fixed.path).toBe(FW);
    expect(fw.split('\n')[fixed.range.start.line - 1]).toMatch(/^\s+fixed "每名就业成员定额豁免"/);
    // a value of a schema enum (dibao_status) is declared by no file
    expect(repo.service.definition(SH_TEST, positionOf(tests, 'dibao_status = regular', 0, 'dibao_status = '.length))).toBeNull();
  });

  it('goes to the override in force for a policy built on a province', () => {
    const text = repo.files[SH_TEST]!;
    const loc = repo.service.definition(SH_TEST, positionOf(text, 'extends "shanghai.doudi"', 0, 'extends "'.length))!;
    expect(loc).toEqual({ path: SH, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } });
    const extra = `policy extra "派生" extends "shanghai.doudi"\nhousehold own "自己" : money/month [ref §4] = dibao_standard(area)\n`;
    const { service } = repositoryService({ 'policies/shanghai/extra.doudi': extra });
    const loc2 = service.definition('policies/shanghai/extra.doudi', wordPosition(extra, 'dibao_standard'))!;
    expect(loc2.path).toBe(SH);
    expect(loc2.range.start).toEqual(wordPosition(repo.files[SH]!, 'dibao_standard'));
  });

  it('has nothing for keywords, schema fields and built-ins', () => {
    const fw = repo.files[FW]!;
    expect(repo.service.definition(FW, wordPosition(fw, 'then'))).toBeNull();
    expect(repo.service.definition(FW, wordPosition(fw, 'wage_income'))).toBeNull();
    expect(repo.service.definition(FW, positionOf(fw, 'round('))).toBeNull();
  });
});

describe('compile', () => {
  it('compiles a policy to a module and its IR', () => {
    const r = repo.service.compile(SH);
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
    expect(r.ir.policy.id).toBe('shanghai');
    expect(r.source).toContain('export function evaluateBatch');
    const params = instantiate(r.source).resolveParameters({ date: '2024-07-01' }, ['310000']);
    // money in fen, one entry per area
    expect([...params.n.dibao_standard!]).toEqual([159500, 159500]);
    expect(repo.service.compile(SH)).toBe(r);
  });

  it('compiles a reform applied on a baseline', () => {
    const r = repo.service.compile('policies/reforms/raise-standard.doudi', SH);
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
    expect(r.ir.policy.chain.map((c) => c.id)).toContain('shanghai');
  });

  it('fails with the errors of a broken policy', () => {
    const r = inline(`${HEADER}\nhousehold x "x" : integer [d] = nothing_here\n`).compile('p.doudi');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics.map((d) => d.code)).toEqual(['unknown-name']);
    expect(inline('').compile('missing.doudi').ok).toBe(false);
  });
});

describe('the vocabulary', () => {
  it('completes every keyword spelling somewhere in an expression', () => {
    const list = labels(completeAtEnd(`${HEADER}\nhousehold x "x" : integer [d] = `));
    for (const k of KEYWORDS) for (const s of [...k.en, ...k.zh]) expect(list).toContain(s);
  });
});
