/**
 * The formatter: idempotent, never changes what a policy means (the same IR, up to source
 * positions, for every shipped policy), and lays out a messy file the documented way.
 */
import { describe, expect, it } from 'vitest';
import { checkPolicy, mapHost } from '../../language/index.ts';
import { formatSource } from '../../studio/language/format.ts';
import { createLanguageService } from '../../studio/language/service.ts';
import { repositoryFiles, withoutPositions } from './language-support.ts';

const files = repositoryFiles();
const policies = Object.keys(files).filter((p) => p.endsWith('.doudi'));

function format(path: string, text: string): string {
  const out = formatSource(path, text);
  if (out === null) throw new Error(`${path} did not format`);
  return out;
}

describe('formatting the shipped policies', () => {
  const formatted = Object.fromEntries(policies.map((p) => [p, format(p, files[p]!)]));

  it.each(policies)('%s: formatting twice changes nothing more', (p) => {
    expect(format(p, formatted[p]!)).toBe(formatted[p]);
  });

  it.each(policies)('%s: checks to the same IR formatted, alone and with every file formatted', (p) => {
    const before = checkPolicy(p, mapHost(files));
    expect(before.ir, p).toBeDefined();
    const alone = checkPolicy(p, mapHost({ ...files, [p]: formatted[p]! }));
    expect(withoutPositions(alone.ir)).toEqual(withoutPositions(before.ir));
    const all = checkPolicy(p, mapHost({ ...files, ...formatted }));
    expect(withoutPositions(all.ir)).toEqual(withoutPositions(before.ir));
    // and the same diagnostics, up to where they are
    const codes = (r: typeof before) => r.diagnostics.map((d) => `${d.file} ${d.code} ${d.message}`).sort();
    expect(codes(all)).toEqual(codes(before));
  });

  it('keeps every comment and the Chinese keywords as written', () => {
    for (const p of policies) {
      const comments = (t: string) => t.split('\n').flatMap((l) => l.match(/#.*$/) ?? []).map((c) => c.trimEnd());
      expect(comments(formatted[p]!)).toEqual(comments(files[p]!));
    }
    const zh = formatted['docs/examples/zh.doudi']!;
    expect(zh).toContain('家庭 人均收入 : 金额/月 [57号 第十三条] = 如果 成员数 > 0 则 收入合计 / 成员数 否则 ¥0');
    expect(zh).toContain('  自 2024-11-01 = 1145元');
  });

  it('leaves the shipped style alone where it already follows the layout', () => {
    expect(formatted['policies/shanghai/shanghai.doudi']).toBe(files['policies/shanghai/shanghai.doudi']);
    expect(formatted['policies/shanghai/shanghai.test.doudi']).toBe(files['policies/shanghai/shanghai.test.doudi']);
  });

  it('formats every variant of a shipped file with other indentation, spacing and blank lines the same way', () => {
    let seed = 20240701;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const p of ['policies/national/framework.doudi', 'policies/guangdong/guangdong.doudi', 'docs/examples/zh.doudi', 'policies/reforms/raise-standard.doudi']) {
      const text = files[p]!;
      for (let k = 0; k < 4; k++) {
        const messy = text
          .split('\n')
          .map((line) => {
            const body = line.trim();
            const indent = ' '.repeat(Math.floor(random() * 7));
            const trailing = random() < 0.3 ? '  ' : '';
            // spaces between tokens widen, outside strings, citations and comments
            const spaced = /["“[【#]/.test(body) ? body : body.replace(/ /g, () => ' '.repeat(1 + Math.floor(random() * 3)));
            return indent + spaced + trailing;
          })
          .join('\n')
          .replace(/\n\n/g, () => (random() < 0.5 ? '\n\n\n\n' : '\n\n'));
        expect(format(p, messy), `${p} variant ${k}`).toBe(formatted[p]);
      }
    }
  });
});

describe('the layout', () => {
  it('keeps a hit policy’s words apart from its inputs and ranges that leave an end out tight', () => {
    const messy = `policy demo "示例"
  region 310000
  effective from 2024-01-01
  document "d" "文件"

output band : integer [d] =
  table any(houses)
    | 0 ..< 2 => 1
    | 2<.. 3 => 2
    | 3 <..< 9 => 3
  else 0

output least : integer [d] =
  决策表 汇总 最小(houses)
    | - => 1
`;
    const out = format('p.doudi', messy);
    expect(out).toContain('  table any (houses)\n    | 0..<2  => 1\n    | 2<..3  => 2\n    | 3<..<9 => 3\n  else 0');
    expect(out).toContain('  决策表 汇总 最小 (houses)');
    expect(format('p.doudi', out)).toBe(out);
  });

  it('indents bodies, exceptions and table rows by two, spaces operators and commas, aligns table cells and puts one blank line between declarations', () => {
    const messy = `# 头部注释
policy   demo "示例"   region 310000
effective from 2024-01-01
    document "d"   "文件"
parameter standard "标准":money/month [d §1] from 2024-01-01 = ¥1500   from 2024-07-01=¥1600
  region 310100,310200 "中心城区" :
          from 2024-01-01=¥1700
parameter care "照护" : number by self_care [d]
 from 2024-01-01 = {full:1/10,partial : 1/6,none:1/3}
enum level "等级" {low "低",high "高"}
# 人数
household n "人数":integer [d]=count( members where co_resident )
household pci "人均":money/month [d]=
if n>0 then sum(members:wage_income)/n else ¥0
output band "档" : level [d] =
     table first (n, area)
  |0|-=>low
      | >= 3 | urban => high
  |-|-=>low
output benefit "救助金" : money/month [d] = ¥0   exception poor [d] when pci<standard then round((standard-pci)*n,¥1)
    exception none_left to poor [d] when n = 0 then -¥0   # 无人
output kind "类" : integer [d] = match area{urban=>1,otherwise=>2}
test "一个人"
date 2024-07-01
household {area: rural
member {age:70,wage_income:¥300}   }
    expect benefit=¥1200
`;
    const expected = `# 头部注释
policy demo "示例" region 310000
  effective from 2024-01-01
  document "d" "文件"

parameter standard "标准" : money/month [d §1]
  from 2024-01-01 = ¥1500
  from 2024-07-01 = ¥1600
  region 310100, 310200 "中心城区":
    from 2024-01-01 = ¥1700

parameter care "照护" : number by self_care [d]
  from 2024-01-01 = { full: 1/10, partial: 1/6, none: 1/3 }

enum level "等级" { low "低", high "高" }

# 人数
household n "人数" : integer [d] = count(members where co_resident)

household pci "人均" : money/month [d] =
  if n > 0 then sum(members: wage_income) / n else ¥0

output band "档" : level [d] =
  table first (n, area)
    | 0    | -     => low
    | >= 3 | urban => high
    | -    | -     => low

output benefit "救助金" : money/month [d] = ¥0
  exception poor [d] when pci < standard then round((standard - pci) * n, ¥1)
  exception none_left to poor [d] when n = 0 then -¥0 # 无人

output kind "类" : integer [d] = match area { urban => 1, otherwise => 2 }

test "一个人"
  date 2024-07-01
  household { area: rural
              member { age: 70, wage_income: ¥300 } }
  expect benefit = ¥1200
`;
    const out = format('demo.doudi', messy);
    expect(out).toBe(expected);
    expect(format('demo.doudi', out)).toBe(out);
    const ir = (text: string) => withoutPositions(checkPolicy('demo.doudi', mapHost({ 'demo.doudi': text })).ir);
    expect(ir(out)).toEqual(ir(messy));
  });

  it('indents inside brackets left open at the end of a line, and aligns with what follows an open bracket', () => {
    const text = `policy demo "示例"
  region 310000
  effective from 2024-01-01
  document "d" "文件"

parameter standard "标准" : money/month by area [d]
  from 2024-01-01 = {
  urban: ¥1500,
        rural: ¥1200
      }

person old "老" : bool [d] =
  age >= 60
    and (co_resident
  or employed)
`;
    expect(format('demo.doudi', text)).toBe(`policy demo "示例"
  region 310000
  effective from 2024-01-01
  document "d" "文件"

parameter standard "标准" : money/month by area [d]
  from 2024-01-01 = {
    urban: ¥1500,
    rural: ¥1200
  }

person old "老" : bool [d] =
  age >= 60
  and (co_resident
       or employed)
`);
  });

  it('keeps full-width punctuation and Chinese units as written, without spaces after them', () => {
    const text = `政策 示例 "示例"
  地区 310000
  生效 自 2024-01-01
  依据 "d" "文件"

参数 期限 "期限" : 个月 [d]
  自 2024-01-01 = 6个月

家庭 合计值 "合计值" : 金额/月 [d] = 四舍五入（合计（成员：工资性收入），¥1）
`;
    const out = format('zh.doudi', text);
    expect(out).toContain('  自 2024-01-01 = 6个月');
    expect(out).toContain('= 四舍五入（合计（成员：工资性收入），¥1）');
  });

  it('refuses a file with syntax errors', () => {
    expect(formatSource('bad.doudi', 'policy x "x"\nhousehold y : bool = (a and\n')).toBeNull();
    expect(formatSource('bad.doudi', 'policy x "x\n')).toBeNull();
    const service = createLanguageService();
    service.setFiles({ 'bad.doudi': 'policy x "x"\nhousehold y : = 1\n' });
    expect(service.format('bad.doudi')).toBeNull();
    expect(service.format('missing.doudi')).toBeNull();
  });

  it('formats an empty file and a file of comments', () => {
    expect(formatSource('e.doudi', '')).toBe('');
    expect(formatSource('c.doudi', '\n\n   # one  \n\n\n# two\n')).toBe('# one\n\n# two\n');
  });
});
