/**
 * A planned import as Doudi text: a header naming the DMN model, the mapping of DMN names to Doudi
 * names in comments, enums and inputs, then one output per decision output, each a decision table
 * whose rows name the DMN rule they come from. Records which lines each declaration occupies, so
 * the checker's diagnostics can be traced back to a DMN element.
 */
import type { DmnModel } from './model.ts';
import type { EnumPlan, InputPlan } from './inputs.ts';
import { EFFECTIVE_FROM } from './inputs.ts';
import type { DecisionPlan, OutputPlan } from './plan.ts';
import { sanitize } from './names.ts';
import { IDENTIFIER } from '../lexer/vocabulary.ts';

const WHOLE_NAME = new RegExp(`^(?:${IDENTIFIER.source})$`);

export interface Emitted {
  readonly text: string;
  /** 1-based line ranges (inclusive) of the declarations made for each input and decision */
  readonly owners: readonly { readonly from: number; readonly to: number; readonly owner: InputPlan | DecisionPlan }[];
}

const quote = (s: string): string => JSON.stringify(s);
/** Text for a one-line comment or citation: no line breaks, no brackets. */
const flat = (s: string): string => s.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[[\]【】]/g, '');

/** The policy id: the model's name as a Doudi name, with `dmn_` before one that starts with a digit. */
export function policyId(model: DmnModel, file: string): string {
  const s = sanitize(model.name || file.replace(/^.*[\\/]/, '').replace(/\.dmn$/i, ''));
  return s.startsWith('_') ? `dmn${s}` : s;
}

function enumText(e: EnumPlan): string {
  const values = [...e.values.map((v) => (v.id === v.text ? v.id : `${v.id} ${quote(v.text)}`)), ...(e.other ? [`${e.other} "(any other text)"`] : [])];
  return `enum ${e.name} { ${values.join(', ')} }`;
}

const cite = (kind: string, id: string | undefined, name: string): string => `[dmn ${kind}${id ? ` ${flat(id)}` : ''} ${quote(flat(name))}]`;

/**
 * The DMN name as the declaration's label. A label that is itself a valid name would also name
 * the declaration (and may clash with a field or keyword, as `age` does): the mapping comments at
 * the top already give it, so only labels that are not names are written.
 */
function label(dmnName: string, name: string): string {
  return dmnName === name || WHOLE_NAME.test(dmnName) ? '' : ` ${quote(dmnName)}`;
}

/** The table of one output: inputs, aligned rows with the rule each comes from, and the default. */
function tableLines(p: DecisionPlan, k: number, o: OutputPlan): string[] {
  const inputs = p.inputs.length ? p.inputs : ['true'];
  const widths = inputs.map((_, c) => Math.max(...p.rows.map((r) => (r.cells[c] ?? '-').length), 1));
  const body = p.rows.map((r) => {
    const cells = inputs.map((_, c) => (r.cells[c] ?? '-').padEnd(widths[c]!)).join(' | ');
    return `    | ${cells} => ${r.results[k]}`;
  });
  const width = Math.max(...body.map((l) => l.length), 0);
  const rows = body.map((l, i) => `${l.padEnd(width)}   # ${flat(p.rows[i]!.comment)}`);
  return [`  table ${p.hit} (${inputs.join(', ')})`, ...rows, ...(o.dmnDefault !== undefined ? [`  else ${o.dmnDefault}`] : [])];
}

export function emitPolicy(model: DmnModel, file: string, inputs: readonly InputPlan[], decisions: readonly DecisionPlan[], skipped: readonly string[]): Emitted {
  const lines: string[] = [];
  const owners: { from: number; to: number; owner: InputPlan | DecisionPlan }[] = [];
  const own = (owner: InputPlan | DecisionPlan, add: string[]) => {
    owners.push({ from: lines.length + 1, to: lines.length + add.length, owner });
    lines.push(...add);
  };
  const where = (id: string | undefined) => (id ? ` (${flat(id)})` : '');
  lines.push(
    `# Imported from ${flat(file)} by doudi import dmn: DMN model ${quote(flat(model.name))}${model.namespace ? ` (${flat(model.namespace)})` : ''}.`,
    `# In force from ${EFFECTIVE_FROM} for the whole country (region 100000): edit the header for another place or date.`,
    '# Each input data is an input with a default (0, false, the first value): set it per run, e.g. doudi eval … --set name=value.',
    '#',
    '# DMN → Doudi:',
    ...inputs.map((i) => `#   input data ${quote(flat(i.data.name))}${where(i.data.at.id)} → ${i.field ? `the household field ${i.field}` : `input ${i.name} : ${i.type}`}`),
    ...decisions.flatMap((d) => d.outputs.map((o) => `#   decision ${quote(flat(d.decision.name))}${o.output ? `, output ${quote(flat(o.output))}` : ''}${where(d.decision.at.id)} → output ${o.name} : ${o.type}`)),
    ...skipped.map((s) => `#   not imported: ${flat(s)}`),
    `policy ${policyId(model, file)} ${quote(flat(model.name || file))}`,
    '  region 100000 "全国"',
    `  effective from ${EFFECTIVE_FROM}`,
    `  document "dmn" ${quote(flat(`DMN model ${model.name}${model.id ? ` (${model.id})` : ''}, ${file}`))}`,
    '',
  );
  for (const i of inputs) {
    if (i.field) continue;
    own(i, [...(i.enumPlan ? [enumText(i.enumPlan)] : []), `input ${i.name}${label(i.data.name, i.name)} : ${i.type} = ${i.default} ${cite('input data', i.data.at.id, i.data.name)}`]);
  }
  for (const d of decisions) {
    const t = d.decision.table!;
    const head = [
      '',
      `# decision ${quote(flat(d.decision.name))}${where(d.decision.at.id)}: hit policy ${t.hitPolicy}${t.aggregation ? ` ${t.aggregation}` : ''}, ${t.rules.length} rule${t.rules.length === 1 ? '' : 's'}`,
      ...(d.note ? [`# ${flat(d.note)}`] : []),
    ];
    const decl = d.outputs.flatMap((o, k) => [
      ...(k > 0 ? [''] : []),
      ...(o.enumPlan ? [enumText(o.enumPlan)] : []),
      `output ${o.name}${label(o.label, o.name)} : ${o.type} ${cite(o.output ? 'output' : 'decision', o.output ? o.at.id ?? d.decision.at.id : d.decision.at.id, o.label)} =`,
      ...tableLines(d, k, o),
    ]);
    own(d, [...head, ...decl]);
  }
  return { text: lines.join('\n') + '\n', owners };
}
