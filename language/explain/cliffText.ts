/** The benefit cliff (cliff.ts) as a table for a terminal, in Chinese or English. */
import * as Q from '../numbers/rational.ts';
import type { Cliff } from './cliff.ts';
import { pct, type Lang } from './words.ts';

const STATUS: Record<string, [string, string]> = {
  none: ['无', 'none'],
  regular: ['常规低保', 'regular'],
  grace: ['渐退期', 'grace'],
  single: ['单人户', 'single'],
};

/** Yuan to the fen, grouped ("4,785", "1,443.33"). The numbers are whole fen read back from their shortest decimal. */
function yuan(x: number): string {
  const q = Q.fromDecimalNumber(x);
  const s = Q.isInteger(q) ? q.n.toString() : Q.toDecimalString(q, 2).replace(/\.(\d)$/, '.$10');
  const [int, dec] = s.split('.');
  return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${dec ? `.${dec}` : ''}`;
}

/** Display width: a CJK character takes two columns. */
const width = (s: string): number => [...s].reduce((w, c) => w + (/[\u2e80-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);
const left = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const right = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s;

export function cliffText(c: Cliff, lang: Lang = 'zh'): string {
  const zh = lang === 'zh';
  const counted = c.points.some((p) => p.counted_income !== undefined);
  const heads = zh
    ? ['工资性收入', ...(counted ? ['计入收入', '人均计入'] : []), '低保状态', '低保金', '特困', '价格补贴', '救助合计', '家庭净收入', '边际率']
    : ['earnings', ...(counted ? ['counted', 'per capita'] : []), 'status', 'dibao', '特困', 'price', 'benefits', 'net income', 'marginal'];
  const rows = c.points.map((p) => [
    yuan(p.earnings),
    ...(counted ? [yuan(p.counted_income ?? 0), yuan(p.per_capita_income ?? 0)] : []),
    p.dibao_status ? (STATUS[p.dibao_status]?.[zh ? 0 : 1] ?? p.dibao_status) : '',
    yuan(p.dibao),
    yuan(p.tekun),
    yuan(p.price),
    yuan(p.benefits),
    yuan(p.net_income),
    p.marginal_rate_exact === null ? '' : pct(p.marginal_rate_exact),
  ]);
  const widths = heads.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const statusAt = heads.indexOf(zh ? '低保状态' : 'status');
  const line = (cells: string[]) => '  ' + cells.map((x, i) => (i === statusAt ? left(x, widths[i]!) : right(x, widths[i]!))).join('  ');
  const out = [
    zh
      ? `家庭 ${c.household} 成员${c.member}（${c.person_id}）工资性收入变化时的收入与救助（${c.policy}，${c.date}；元/月）`
      : `Household ${c.household}, member ${c.member} (${c.person_id}): income and benefits as earnings change (${c.policy} on ${c.date}; yuan a month)`,
    line(heads),
    ...rows.map(line),
    zh
      ? `  其他共同生活成员收入及本人其他收入 ${yuan(c.other_income)} 元/月。家庭净收入 = 工资性收入 + 其他收入 + 救助合计（低保金、特困供养金、价格补贴；临时救助为一次性，不计入）。边际率 = 1 − 净收入增量 ÷ 工资增量（与上一行相比）。`
      : `  Other income of the co-resident members: ${yuan(c.other_income)} a month. Net income = earnings + other income + benefits (dibao, 特困 and the price subsidy; one-off temporary assistance is left out). Marginal rate = 1 − Δ net income ÷ Δ earnings from the row above.`,
  ];
  return out.join('\n') + '\n';
}
