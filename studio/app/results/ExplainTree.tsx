/**
 * Why a household's outputs are what they are, from the compact explanation (language/explain): each
 * value once in the data, opened where the reader asks; the reason as words (the exception by its
 * label, the branch and what its condition read, the table row, the dated value) and the citations.
 */
import { useState } from 'react';
import type { CompactExplanation, CompactNode } from '../../../language/explain/index.ts';
import { findField } from '../../../language/schema/fields.ts';
import { useT } from '../ui/context.ts';
import { useFmt } from '../ui/hooks.ts';
import { statusName, type Lang } from '../i18n/strings.ts';

const OPEN_FIRST = new Set(['dibao_status', 'dibao_benefit']);
/** The outputs a policy maker asks about first. */
const FIRST = ['dibao_status', 'dibao_benefit', 'total_monthly', 'per_capita_income', 'tekun_benefit', 'edge_family'];
const rank = (id: string) => (FIRST.includes(id) ? FIRST.indexOf(id) : FIRST.length);

type Why = NonNullable<CompactNode['why']>[number];

/** What a node is: its id, member, kind and declaration. */
function describe(x: CompactExplanation, n: CompactNode) {
  const [id, m] = n.k.split('#') as [string, string | undefined];
  const member = m === undefined ? undefined : Number(m);
  const rule = x.rules[id] ?? x.parameters[id];
  const kind = x.parameters[id] ? (x.parameters[id]!.input ? 'input' : 'parameter') : x.rules[id] ? 'definition' : 'field';
  const field = kind === 'field' ? findField(member === undefined ? 'household' : 'person', id) : undefined;
  const label = rule?.label ?? field?.zh;
  const type = rule?.type ?? (field?.type ? (field.type.k === 'money' ? 'money' : field.type.k) : '');
  return { id, member, rule, kind, label, type };
}

/** A reason in words. */
export function whyText(lang: Lang, w: Why, x: CompactExplanation): string {
  const zh = lang === 'zh';
  const name = (i: number) => {
    const n = x.nodes[i];
    if (!n) return String(i);
    const d = describe(x, n);
    return zh ? (d.label ?? d.id) : d.id;
  };
  if ('exception' in w) return zh ? `例外「${w.exception}」适用` : `exception ${w.exception} applies`;
  if ('default' in w) return zh ? '无例外适用，取默认值' : 'no exception applies: the default';
  if ('if' in w) {
    const on = w.on.map(name).join(zh ? '、' : ', ');
    return zh ? `条件（${on}）${w.if === 'then' ? '成立' : '不成立'}` : `the condition on ${on} ${w.if === 'then' ? 'holds' : 'does not hold'}`;
  }
  if ('match' in w) return zh ? `按「${w.match}」${w.otherwise ? '（其他）' : ''}计算` : `case ${w.match}${w.otherwise ? ' (otherwise)' : ''}`;
  if ('table' in w) {
    const t = w.table;
    if (t.else) return zh ? '决策表无行匹配，取 else' : 'no table row matches: else';
    if (t.row !== undefined) return zh ? `决策表第 ${t.row} 行${t.rows.length > 1 ? `（匹配第 ${t.rows.join('、')} 行）` : ''}` : `table row ${t.row}${t.rows.length > 1 ? ` (rows ${t.rows.join(', ')} match)` : ''}`;
    return zh ? `决策表第 ${t.rows.join('、')} 行` : `table rows ${t.rows.join(', ')}`;
  }
  if ('value_from' in w) {
    const block = w.block && w.block !== 'default' ? (zh ? `（${w.region} 所在${w.block === 'province' ? '省' : w.block === 'prefecture' ? '市' : '地区'}的取值）` : ` (the ${w.block} block of ${w.region})`) : '';
    return zh ? `${w.value_from} 起的取值${block}` : `the value from ${w.value_from}${block}`;
  }
  return zh ? '本次设定' : 'set for this run';
}

export function ExplainTree({ x }: { x: CompactExplanation }) {
  const roots = [...x.outputs].sort((a, b) => rank(x.nodes[a]!.k) - rank(x.nodes[b]!.k));
  return (
    <ul className="tree" data-testid="explain-tree" role="tree">
      {roots.map((i) => (
        <TreeNode key={i} x={x} index={i} depth={0} />
      ))}
    </ul>
  );
}

function TreeNode({ x, index, depth }: { x: CompactExplanation; index: number; depth: number }) {
  const t = useT();
  const f = useFmt();
  const n = x.nodes[index]!;
  const d = describe(x, n);
  const kids = n.r ?? [];
  const [open, setOpen] = useState(depth === 0 ? OPEN_FIRST.has(d.id) : depth < 2 && d.kind === 'definition' && kids.length <= 6);
  const value = (() => {
    const v = n.v;
    if (typeof v === 'boolean') return v ? t('yes') : t('no');
    if (typeof v === 'number') {
      if (d.type.startsWith('money')) return `${f.money(v, { decimals: Number.isInteger(v) ? 0 : 2 })}${d.type === 'money/month' ? (f.lang === 'zh' ? '/月' : '/mo') : d.type === 'money/year' ? (f.lang === 'zh' ? '/年' : '/yr') : ''}`;
      if (d.type === 'rate') return f.pct(v, 2);
      return f.num(v, 4);
    }
    return d.id === 'dibao_status' ? statusName(f.lang, v) : v;
  })();
  const name = f.lang === 'zh' ? (d.label ?? d.id) : d.id;
  const alt = f.lang === 'zh' ? (d.label ? d.id : '') : (d.label ?? '');
  const cites = [...(d.rule?.cite ?? []), ...(n.cite ?? []), ...(n.why ?? []).flatMap((w) => ('exception' in w ? (w.cite ?? []) : []))];
  const kind = x.outputs.includes(index) ? 'output' : d.kind;
  return (
    <li role="treeitem" aria-expanded={kids.length ? open : undefined} className={`tree-node kind-${kind}`}>
      <div className="tree-row" onClick={() => kids.length && setOpen(!open)}>
        <span className="twisty">{kids.length ? (open ? '▾' : '▸') : '·'}</span>
        <span className="tree-name">
          {name}
          {alt && <span className="tree-id">{alt}</span>}
          {d.member !== undefined && <span className="tag">{f.lang === 'zh' ? `成员${d.member + 1}` : `member ${d.member + 1}`}</span>}
        </span>
        <span className={`tree-value ${typeof n.v === 'boolean' ? (n.v ? 'yes' : 'no') : ''}`}>
          {value}
          {n.x && (
            <span className="exact" title={n.x}>
              ≈
            </span>
          )}
        </span>
      </div>
      {((n.why?.length ?? 0) > 0 || cites.length > 0) && (
        <div className="tree-meta">
          {(n.why ?? []).map((w, i) => (
            <span key={i} className="because">
              {t('because')} {whyText(f.lang, w, x)}
            </span>
          ))}
          {[...new Set(cites)].map((c) => (
            <span key={c} className="cite">
              [{c}]
            </span>
          ))}
          {d.rule?.overrides && <span className="muted">{f.lang === 'zh' ? `覆盖 ${d.rule.overrides} 的规则` : `overrides ${d.rule.overrides}`}</span>}
        </div>
      )}
      {kids.length > 0 && open && (
        <ul role="group">
          {kids.map((k) => (
            <TreeNode key={k} x={x} index={k} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}
