/**
 * Rename across the workspace: the edits, applied and checked again, give every affected policy
 * the IR it had with the new name in place of the old; names the language owns are refused.
 */
import { describe, expect, it } from 'vitest';
import { createLanguageService } from '../../studio/language/service.ts';
import type { TextEdit } from '../../studio/language/protocol.ts';
import type { DoudiLanguageService } from '../../studio/language/service.ts';
import { applyEdits, positionOf, repositoryService, withoutPositions, wordPosition } from './language-support.ts';

const FW = 'policies/national/framework.doudi';
const SH = 'policies/shanghai/shanghai.doudi';
const SH_TEST = 'policies/shanghai/shanghai.test.doudi';

/** Every policy's IR (without positions), by path. */
function irs(service: DoudiLanguageService, files: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of Object.keys(files).filter((f) => f.endsWith('.doudi'))) {
    const r = service.compile(p);
    out[p] = r.ok ? JSON.stringify(withoutPositions(r.ir)) : `errors: ${r.diagnostics.map((d) => d.message).join('; ')}`;
  }
  return out;
}

function applyAll(files: Record<string, string>, edits: readonly TextEdit[]): Record<string, string> {
  const out = { ...files };
  for (const p of new Set(edits.map((e) => e.path))) out[p] = applyEdits(files[p]!, edits.filter((e) => e.path === p));
  return out;
}

/**
 * Renames at a position, applies the edits, checks everything again, and expects each policy's IR
 * to be the old one with `replace` applied to its JSON.
 */
function expectRenamePreservesIR(path: string, at: { line: number; column: number }, newName: string, replace: (json: string) => string): readonly TextEdit[] {
  const { service, files } = repositoryService();
  const before = irs(service, files);
  const edits = service.rename(path, at, newName);
  expect(edits).not.toBeNull();
  const renamed = applyAll(files, edits!);
  const after = createLanguageService();
  after.setFiles(renamed);
  const errors = Object.values(after.diagnostics()).flat().filter((d) => d.severity === 'error');
  expect(errors.map((d) => `${d.file}:${d.range.start.line}: ${d.message}`)).toEqual([]);
  const now = irs(after, renamed);
  for (const p of Object.keys(before)) expect(now[p], p).toBe(replace(before[p]!));
  return edits!;
}

/** The IR (as JSON) with a name replaced wherever the IR uses it as a name: ids, enum values, outputs, the base an override replaces. */
const quoted = (from: string, to: string) => (json: string) =>
  JSON.stringify(
    JSON.parse(json, function (key, value) {
      if (typeof value !== 'string') return value;
      const named = key === 'id' || key === 'v' || key === 'value' || key === 'by' || key === 'replaces' || (Array.isArray(this) && /^\d+$/.test(key));
      // the base version of an overridden name lives under "name@policy"
      if (named && (value === from || value.startsWith(`${from}@`))) return to + value.slice(from.length);
      return value;
    }),
  );

describe('rename', () => {
  const { service, files } = repositoryService();

  it('renames a framework parameter in the framework, every province that overrides it, the reforms and the tests', () => {
    const at = wordPosition(files[FW]!, 'dibao_standard');
    const edits = expectRenamePreservesIR(FW, at, 'basic_standard', quoted('dibao_standard', 'basic_standard'));
    const paths = new Set(edits.map((e) => e.path));
    for (const p of [FW, SH, 'policies/guangdong/guangdong.doudi', 'policies/zhejiang/zhejiang.doudi', 'policies/reforms/raise-standard.doudi']) expect(paths).toContain(p);
    expect(edits.every((e) => e.text === 'basic_standard')).toBe(true);
  });

  it('renames from any reference: a use in a province is the same name as the framework’s', () => {
    const fromFramework = service.rename(FW, wordPosition(files[FW]!, 'dibao_standard'), 'x_standard')!;
    const fromShanghai = service.rename(SH, wordPosition(files[SH]!, 'dibao_standard'), 'x_standard')!;
    expect(fromShanghai).toEqual(fromFramework);
  });

  it('renames an output in the tests that expect it', () => {
    const at = wordPosition(files[FW]!, 'dibao_benefit');
    const edits = expectRenamePreservesIR(FW, at, 'benefit_paid', quoted('dibao_benefit', 'benefit_paid'));
    const inTests = edits.filter((e) => e.path === SH_TEST);
    expect(inTests.length).toBe(files[SH_TEST]!.match(/expect dibao_benefit\b/g)!.length);
  });

  it('renames an input in the tests that set it', () => {
    const at = wordPosition(files[FW]!, 'cpi_yoy');
    const edits = expectRenamePreservesIR(FW, at, 'cpi_change', quoted('cpi_yoy', 'cpi_change'));
    expect(edits.filter((e) => e.path === SH_TEST).length).toBe(files[SH_TEST]!.match(/\bcpi_yoy\b/g)!.length);
  });

  it('renames an enum value where it is declared, matched, compared and set', () => {
    // benefit_method is the framework's own enum (dibao_status is the schema's since schema version 2)
    const DIBAO_TESTS = 'policies/national/model-dibao.test.doudi';
    const tests = files[DIBAO_TESTS]!;
    const at = positionOf(tests, 'benefit_method = tiers', 0, 'benefit_method = '.length);
    const edits = expectRenamePreservesIR(DIBAO_TESTS, at, 'banded', quoted('tiers', 'banded'));
    expect(edits.some((e) => e.path === FW)).toBe(true);
    expect(edits.filter((e) => e.path === DIBAO_TESTS).length).toBe(tests.match(/benefit_method = tiers\b/g)!.length);
  });

  it('refuses to rename a value of a schema enum (the schema owns it)', () => {
    const tests = files[SH_TEST]!;
    const { service } = repositoryService();
    expect(service.rename(SH_TEST, positionOf(tests, 'dibao_status = grace', 0, 'dibao_status = '.length), 'tapering')).toBeNull();
  });

  it('renames Chinese names in a file with Chinese keywords', () => {
    const path = 'docs/examples/zh.doudi';
    const zh = files[path]!;
    expectRenamePreservesIR(path, wordPosition(zh, '低保标准'), '保障标准', quoted('低保标准', '保障标准'));
    expectRenamePreservesIR(path, wordPosition(zh, '成员数', 2), '核算人数', quoted('成员数', '核算人数'));
  });

  it('renames a label used as a name, in its label strings and where it is used', () => {
    const text = `policy t "测试"
  region 310000
  effective from 2024-01-01
  document "d" "文件"

household n "人数" : integer [d] = count(members)
output twice "两倍" : integer [d] = 人数 * 2
`;
    const s = createLanguageService();
    s.setFiles({ 'p.doudi': text });
    const edits = s.rename('p.doudi', positionOf(text, '人数 *'), '成员人数')!;
    const renamed = applyEdits(text, edits);
    expect(renamed).toContain('household n "成员人数" : integer');
    expect(renamed).toContain('= 成员人数 * 2');
    s.setFiles({ 'p.doudi': renamed });
    expect(s.diagnostics()['p.doudi']!.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('says where the name to rename is, and refuses names the language owns', () => {
    const fw = files[FW]!;
    const at = wordPosition(fw, 'dibao_standard');
    expect(service.checkRename(FW, at)).toEqual({ range: { start: at, end: { line: at.line, column: at.column + 14 } }, text: 'dibao_standard' });
    // schema fields, keywords, built-ins, citations
    for (const [where, why] of [
      [wordPosition(fw, 'wage_income'), 'schema'],
      [wordPosition(fw, 'then'), 'only names'],
      [positionOf(fw, 'round('), 'built-in'],
      [positionOf(fw, '[57号 §13]', 0, 2), 'only names'],
    ] as const) {
      expect(service.rename(FW, where, 'anything')).toBeNull();
      expect(service.checkRename(FW, where)).toEqual({ reject: expect.stringContaining(why) });
    }
  });

  it('refuses a new name that is not a name, is a keyword or clashes', () => {
    const fw = files[FW]!;
    const at = wordPosition(fw, 'income_sum');
    for (const bad of ['1abc', 'a-b', '', 'if', '如果', 'members']) expect(service.rename(FW, at, bad), bad).toBeNull();
    // another definition, a schema field, a built-in
    for (const taken of ['pci', 'age', '年龄', 'round', '合计']) {
      expect(service.rename(FW, at, taken), taken).toBeNull();
      expect(service.checkRename(FW, at, taken)).toHaveProperty('reject');
    }
    // a definition whose label another policy uses as a name
    expect(service.rename(FW, at, '人均收入')).toBeNull();
    expect(service.rename(FW, at, 'income_total')).not.toBeNull();
    // an enum value clashing with another value of its enum
    const tests = files[SH_TEST]!;
    expect(service.rename(SH_TEST, positionOf(tests, 'dibao_status = grace', 0, 15), 'regular')).toBeNull();
  });

  it('returns no edits when the name does not change', () => {
    expect(service.rename(FW, wordPosition(files[FW]!, 'income_sum'), 'income_sum')).toEqual([]);
  });
});
