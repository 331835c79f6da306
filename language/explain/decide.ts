/**
 * A household's decision (decision.ts) from a reading of it (reading.ts): the programmes in the
 * order a notice gives them, and the titles of the documents it cites. A policy without the
 * framework's outputs gets its outputs listed with their citations instead.
 */
import type * as I from '../ir/types.ts';
import * as Q from '../numbers/rational.ts';
import { exact as ex } from './exact.ts';
import type { Decision, Item } from './decision.ts';
import { dibaoItem, edgeItem } from './dibao.ts';
import { expenditureItem, hardshipItem, priceItem, tekunItem, temporaryItem } from './assistance.ts';
import { Values, type Reading } from './reading.ts';

/** The outputs and definitions the framework's decision reads; without them a policy's outputs are listed. */
const FRAMEWORK = ['dibao_status', 'dibao_benefit', 'dibao_persons', 'n', 'member_count', 'pci', 'standard', 'income_sum'];

export function decisionOf(r: Reading): Decision {
  const v = new Values(r);
  const hh = r.household.values;
  const head = {
    policy: { id: r.ir.policy.id, ...(r.ir.policy.label ? { label: r.ir.policy.label } : {}) },
    household: String(hh.household_id ?? ''),
    region: String(hh.region ?? ''),
    date: r.date,
  };
  if (!FRAMEWORK.every((id) => v.has(id))) {
    const outputs = r.ir.outputs.map((id) => {
      const d = r.ir.definitions.find((x) => x.id === id)!;
      const value = r.values.get(id)!;
      return { id, ...(d.label ? { label: d.label } : {}), value: typeof value === 'object' ? ex(value) : typeof value === 'boolean' ? value : value, cites: v.cites(id) };
    });
    return { ...head, items: [], outputs, documents: documents(r.ir, outputs.flatMap((o) => o.cites)) };
  }
  const items = [dibaoItem(v), edgeItem(v), tekunItem(v), priceItem(v), temporaryItem(v), expenditureItem(v), hardshipItem(v)].filter((x): x is Item => x !== undefined);
  const total = v.num('total_monthly');
  return {
    ...head,
    members: Number((v.num('member_count') ?? Q.ZERO).n),
    items,
    ...(total ? { total_monthly: ex(total) } : {}),
    documents: documents(r.ir, items.flatMap((i) => i.cites)),
  };
}

/** The titles of the documents cited ("57号 §13" → 57号). */
function documents(ir: I.PolicyIR, cites: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of cites) {
    const key = c.split(/[\s§]/)[0]!;
    const doc = ir.documents.find((d) => d.key === key);
    if (doc) out[key] = doc.title;
  }
  return out;
}
