/**
 * One household read through the reference interpreter for a notice: every household-level
 * definition the notice speaks of, exactly (as targets), the parameters it quotes (through small
 * definitions added to a copy of the IR, so that dates, region blocks and settings resolve exactly
 * as the rules see them), and the explanation's values of each member.
 */
import type * as I from '../ir/types.ts';
import * as Q from '../numbers/rational.ts';
import { evaluateHousehold, type ExplainNode, type Scalar } from '../interpreter/index.ts';
import { findField, type Household } from '../schema/index.ts';
import { nodeValue } from './exact.ts';

/** The framework's household definitions a notice quotes, when the policy has them. */
const TARGETS = [
  'n', 'member_count', 'pci', 'standard', 'dibao_income', 'income_sum', 'illness_costs', 'dibao_eligible', 'asset_test', 'can_apply_here',
  'regular_dibao', 'regular_benefit', 'base_benefit', 'minimum_benefit', 'addon_total', 'tier_rate', 'grace_open', 'in_grace', 'grace_benefit',
  'single_grace', 'single_grace_count', 'single_count', 'disabled_alone_open', 'all_income', 'emergency_hardship', 'emergency_poor', 'emergency_eligible',
  'emergency_level', 'emergency_limit', 'emergency_persons', 'rigid_spending', 'rigid_excess', 'income_after_spending', 'below_disposable',
  'expenditure_eligible', 'living_spending', 'hardship_spending', 'price_rate', 'price_per_person', 'price_persons',
];

/** The parameters a notice quotes (scalars only: an entry of a parameter given by area is read through a definition). */
const PARAMETERS = [
  'assets_months', 'max_vehicles', 'max_houses', 'edge_multiple', 'grace_months', 'grace_requires_work', 'grace_taper', 'benefit_method',
  'employment_deduction', 'employment_deduction_rate', 'employment_exemption', 'count_zero_benefit', 'min_benefit_rate', 'hukou_required',
  'residence_permit_apply', 'emergency_poor_only', 'emergency_bearable_months', 'emergency_cap_months', 'help_first_months',
  'expenditure_cap_months', 'rigid_spending_share', 'rigid_hardship_share', 'cpi_yoy', 'food_cpi_yoy', 'price_cpi_trigger', 'price_food_trigger',
];

const PROBE = '?';

export interface Reading {
  readonly ir: I.PolicyIR;
  readonly household: Household;
  readonly date: string;
  /** outputs, targets and quoted parameters (under their own ids), exactly */
  readonly values: ReadonlyMap<string, Scalar>;
  /** every value of the explanation by the interpreter's key ("def:tekun#1", "param:cpi_yoy"), once */
  readonly nodes: ReadonlyMap<string, ExplainNode>;
  /** the explanation trees of the outputs (and their continuations) */
  readonly trees: readonly ExplainNode[];
}

/** Evaluates the household with the interpreter (throws EvalError as evaluateHousehold does). */
export function readForNotice(ir: I.PolicyIR, household: Household, date: string, sets: Readonly<Record<string, Scalar>> = {}): Reading {
  const probes = probeDefinitions(ir);
  const probed: I.PolicyIR = { ...ir, definitions: [...ir.definitions, ...probes] };
  const defs = new Map(ir.definitions.map((d) => [d.id, d]));
  const targets = [...TARGETS.filter((id) => defs.get(id)?.level === 'household' && !ir.outputs.includes(id)), ...probes.map((p) => p.id)];
  const r = evaluateHousehold(probed, household, { date, sets, explain: true, targets });
  const values = new Map<string, Scalar>();
  for (const [id, v] of Object.entries(r.values)) values.set(id.startsWith(PROBE) ? id.slice(PROBE.length) : id, v);
  const all = r.explanation ?? [];
  // The outputs' trees come first, then the targets', then continuations of trees cut deep.
  const outputs = ir.outputs.length;
  const trees = [...all.slice(0, outputs), ...all.slice(outputs + targets.length)];
  const nodes = new Map<string, ExplainNode>();
  const walk = (n: ExplainNode) => {
    const had = nodes.get(n.key);
    // A node explained once is repeated without its reads, and one cut deep continues later: keep the full one.
    if (!had || (had.repeated || had.continued) && !n.repeated && !n.continued) nodes.set(n.key, n);
    if (!n.repeated) n.reads.forEach(walk);
  };
  all.forEach(walk);
  return { ir, household, date, values, nodes, trees };
}

/** Small household definitions that read one parameter each, plus the wages of the members counted for dibao before and after the employment deduction. */
function probeDefinitions(ir: I.PolicyIR): I.DefinitionIR[] {
  const out: I.DefinitionIR[] = [];
  const origin: I.Origin = { policy: ir.policy.id, file: '(notice)', at: [1, 1] };
  const def = (id: string, type: I.DefinitionIR['type'], expr: I.Expr): I.DefinitionIR => ({ id: PROBE + id, level: 'household', type, output: false, expr, exceptions: [], cite: [], origin, hidden: true, exact: false });
  for (const id of PARAMETERS) {
    const p = ir.parameters.find((x) => x.id === id && !x.hidden);
    if (p && !p.by) out.push(def(id, p.type, { k: 'param', t: p.type, id }));
  }
  const member = ir.definitions.find((d) => d.id === 'dibao_member' && d.level === 'person' && d.type.k === 'bool');
  const counted = ir.definitions.find((d) => d.id === 'employment_income' && d.level === 'person' && d.type.k === 'money');
  const wage = findField('person', 'wage_income');
  if (member && counted && wage?.type) {
    const filter: I.Expr = { k: 'def', t: member.type, level: 'person', id: member.id };
    out.push(def('wages', counted.type, { k: 'agg', t: counted.type, fn: 'sum', filter, body: { k: 'field', t: wage.type, level: 'person', id: 'wage_income' } }));
    out.push(def('counted_wages', counted.type, { k: 'agg', t: counted.type, fn: 'sum', filter, body: { k: 'def', t: counted.type, level: 'person', id: counted.id } }));
  }
  return out;
}

/** Typed access to a reading: missing values are undefined, so a notice says only what the policy has. */
export class Values {
  constructor(readonly r: Reading) {}
  has(id: string): boolean {
    return this.r.values.has(id);
  }
  num(id: string): Q.Rational | undefined {
    const v = this.r.values.get(id);
    return typeof v === 'object' ? v : undefined;
  }
  bool(id: string): boolean | undefined {
    const v = this.r.values.get(id);
    return typeof v === 'boolean' ? v : undefined;
  }
  text(id: string): string | undefined {
    const v = this.r.values.get(id);
    return typeof v === 'string' ? v : undefined;
  }
  /** A member's value of a person-level definition, where the explanation reached it. */
  person(id: string, member: number): Q.Rational | boolean | string | undefined {
    const n = this.r.nodes.get(`def:${id}#${member}`);
    return n ? nodeValue(n) : undefined;
  }
  /** A household field in yuan (money) or as it is. */
  field(id: string): Q.Rational | boolean | string | undefined {
    const v = this.r.household.values[id];
    const spec = findField('household', id);
    if (v === undefined || !spec?.type) return undefined;
    if (spec.type.k === 'money') return Q.rat(v as number, 100);
    return typeof v === 'number' ? Q.rat(v) : v;
  }
  memberField(id: string, member: number): Q.Rational | boolean | string | undefined {
    const v = this.r.household.members[member]?.[id];
    const spec = findField('person', id);
    if (v === undefined || !spec?.type) return undefined;
    if (spec.type.k === 'money') return Q.rat(v as number, 100);
    return typeof v === 'number' ? Q.rat(v) : v;
  }
  /** The citations of a declaration in the policy (documents only: assumptions are model notes, not articles). */
  cites(id: string): string[] {
    const d = this.r.ir.definitions.find((x) => x.id === id) ?? this.r.ir.parameters.find((x) => x.id === id);
    return (d?.cite ?? []).flatMap((c) => ('assumption' in c ? [] : [c.locator ? `${c.doc} ${c.locator}` : c.doc]));
  }
  /** The citation of the exception that decided an output (from the explanation), if one did. */
  exceptionCites(id: string): string[] {
    const n = this.r.nodes.get(`def:${id}`);
    for (const w of n?.why ?? []) if ('exception' in w) return [...(w.cite ?? [])].filter((c) => !c.startsWith('assumption'));
    return [];
  }
  /** An enum value's label. */
  enumLabel(value: string, enumId?: string): string | undefined {
    for (const e of this.r.ir.enums) if (!enumId || e.id === enumId) for (const v of e.values) if (v.id === value) return v.label;
    return undefined;
  }
}
