/** Why a household's outputs are what they are: each value, the rule or branch that decided it, and its citation. */
import { useState } from 'react';
import type { ExplainNode } from '../../sim/protocol.ts';
import { useT } from '../ui/context.ts';
import { useFmt } from '../ui/hooks.ts';
import { statusName } from '../i18n/strings.ts';

const OPEN_FIRST = new Set(['dibao_status', 'dibao_benefit']);
/** The outputs a policy maker asks about first. */
const FIRST = ['dibao_status', 'dibao_benefit', 'total_monthly', 'per_capita_income', 'tekun_benefit', 'edge_family'];
const rank = (id: string) => (FIRST.includes(id) ? FIRST.indexOf(id) : FIRST.length);

export function ExplainTree({ nodes }: { nodes: readonly ExplainNode[] }) {
  const sorted = [...nodes].sort((a, b) => rank(a.id) - rank(b.id));
  return (
    <ul className="tree" data-testid="explain-tree" role="tree">
      {sorted.map((n) => (
        <TreeNode key={n.key} node={n} depth={0} />
      ))}
    </ul>
  );
}

function TreeNode({ node, depth }: { node: ExplainNode; depth: number }) {
  const t = useT();
  const f = useFmt();
  const [open, setOpen] = useState(depth === 0 ? OPEN_FIRST.has(node.id) : depth < 2 && node.kind === 'definition' && node.reads.length <= 6);
  const kids = node.reads.length > 0 && !node.repeated;
  const value = (() => {
    const v = node.value;
    if (typeof v === 'boolean') return v ? t('yes') : t('no');
    if (typeof v === 'number') {
      if (node.type.startsWith('money')) return `${f.money(v, { decimals: Number.isInteger(v) ? 0 : 2 })}${node.type === 'money/month' ? (f.lang === 'zh' ? '/月' : '/mo') : node.type === 'money/year' ? (f.lang === 'zh' ? '/年' : '/yr') : ''}`;
      if (node.type === 'rate') return f.pct(v, 2);
      return f.num(v, 4);
    }
    return node.id === 'dibao_status' ? statusName(f.lang, v) : v;
  })();
  const name = f.lang === 'zh' ? (node.label ?? node.id) : node.id;
  const alt = f.lang === 'zh' ? (node.label ? node.id : '') : (node.label ?? '');
  return (
    <li role="treeitem" aria-expanded={kids ? open : undefined} className={`tree-node kind-${node.kind}`}>
      <div className="tree-row" onClick={() => kids && setOpen(!open)}>
        <span className="twisty">{kids ? (open ? '▾' : '▸') : '·'}</span>
        <span className="tree-name">
          {name}
          {alt && <span className="tree-id">{alt}</span>}
          {node.member !== undefined && <span className="tag">{f.lang === 'zh' ? `成员${node.member + 1}` : `member ${node.member + 1}`}</span>}
        </span>
        <span className={`tree-value ${typeof node.value === 'boolean' ? (node.value ? 'yes' : 'no') : ''}`}>
          {value}
          {node.exact && <span className="exact" title={node.exact}>≈</span>}
        </span>
      </div>
      {(node.because.length > 0 || node.cite.length > 0 || node.repeated) && (
        <div className="tree-meta">
          {node.because.map((b) => (
            <span key={b} className="because">
              {t('because')} {b}
            </span>
          ))}
          {node.cite.map((c) => (
            <span key={c} className="cite">
              [{c}]
            </span>
          ))}
          {node.overrides && <span className="muted">override of {node.overrides}</span>}
          {node.repeated && <span className="muted">{f.lang === 'zh' ? '（见上）' : '(see above)'}</span>}
        </div>
      )}
      {kids && open && (
        <ul role="group">
          {node.reads.map((r) => (
            <TreeNode key={`${r.key}:${r.member ?? ''}`} node={r} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}
