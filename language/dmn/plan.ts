/**
 * The plan of an import: what each DMN input data and decision becomes in Doudi — names, types,
 * enums, the hit policy, the rows with their cells and results — before any text is written.
 * inputs.ts plans the input data; this file plans the decisions, in the order they read each other.
 */
import type { Decision, DmnModel, Where } from './model.ts';
import { describe } from './model.ts';
import { isFeelError, literalText, parseLiteral, parseUnaryTests, parseValueList, type Literal } from './feel.ts';
import { cellsOf, valueText, type Column } from './cells.ts';
import { resolveType, kindOfLiteral, type Kind } from './types.ts';
import { Names, RESERVED } from './names.ts';
import { problem, type Problem } from './problems.ts';
import type { EnumPlan, InputPlan, Source } from './inputs.ts';
import * as Q from '../numbers/rational.ts';

export interface RowPlan {
  readonly cells: readonly string[];
  /** one result per output, as Doudi text */
  readonly results: readonly string[];
  readonly comment: string;
}

export interface OutputPlan extends Source {
  readonly decision: DecisionPlan;
  /** the DMN output's name, for tables with several outputs */
  readonly output?: string;
  readonly label: string;
  /** the Doudi type as written */
  readonly type: string;
  /** the column of the rows' results (for a count, what the rows say, not the count) */
  readonly results: Column;
  readonly enumPlan?: EnumPlan;
  /** the default output (DMN's, or one given with --default), as Doudi text */
  readonly dmnDefault?: string;
  readonly defaultFrom?: 'dmn' | 'option';
  readonly keys: readonly string[];
}

export interface DecisionPlan {
  readonly decision: Decision;
  /** the hit policy as Doudi writes it: "unique", "collect sum" … */
  readonly hit: string;
  readonly aggregation?: string;
  /** the Doudi names of the table's inputs */
  readonly inputs: readonly string[];
  readonly rows: readonly RowPlan[];
  readonly outputs: OutputPlan[];
  /** decisions whose outputs this one reads */
  readonly needs: readonly DecisionPlan[];
  /** a note written above the table (how a DMN construct was translated) */
  readonly note?: string;
}

const SINGLE: Record<string, string> = { UNIQUE: 'unique', FIRST: 'first', ANY: 'any', PRIORITY: 'priority' };
const AGGREGATIONS: Record<string, string> = { SUM: 'collect sum', MIN: 'collect min', MAX: 'collect max', COUNT: 'collect count' };
/** Sub-rows one DMN rule may become when its cells need several alternatives. */
const MAX_SPLIT = 64;

export interface DecisionContext {
  readonly model: DmnModel;
  readonly names: Names;
  /** the sources a table input may name: input data and the outputs of decisions planned so far, by FEEL name */
  readonly sources: Map<string, Source>;
  readonly problems: Problem[];
  /** Doudi names every enum value must also avoid */
  readonly declared: Set<string>;
  readonly inputs: readonly InputPlan[];
  /** a default given on the command line for an output (by any of its keys): the literal, or why it does not fit */
  readonly optionDefault?: (keys: readonly string[], kind: Kind) => Literal | string | undefined;
}

/** Plans one decision; undefined (with problems) when it cannot be imported. */
export function planDecision(d: Decision, cx: DecisionContext): DecisionPlan | undefined {
  const fail = (code: Parameters<typeof problem>[0], at: Where, message: string): undefined => {
    cx.problems.push(problem(code, at, message));
    return undefined;
  };
  const t = d.table;
  if (!t) return fail('dmn-logic', d.at, `its logic is ${d.otherLogic === 'nothing' ? 'missing' : `a ${d.otherLogic}`}; the importer translates decision tables`);
  const policy = t.hitPolicy;
  if (policy === 'RULE ORDER' || policy === 'OUTPUT ORDER' || (policy === 'COLLECT' && !t.aggregation))
    return fail('dmn-list-valued', t.at, `hit policy ${policy}${policy === 'COLLECT' ? ' without an aggregation' : ''} returns a list of results; Doudi values are one value per household, so list-valued tables are refused (docs/language.md, "Decision tables")`);
  let hit = SINGLE[policy];
  if (policy === 'COLLECT') {
    hit = AGGREGATIONS[t.aggregation!];
    if (!hit) return fail('dmn-hit-policy', t.at, `aggregation ${t.aggregation}: DMN's are SUM, MIN, MAX and COUNT`);
    if (t.outputs.length !== 1) return fail('dmn-hit-policy', t.at, `COLLECT ${t.aggregation} over ${t.outputs.length} outputs: DMN aggregates a single output`);
  }
  if (!hit) return fail('dmn-hit-policy', t.at, `hit policy ${policy}: DMN's are UNIQUE, ANY, PRIORITY, FIRST, RULE ORDER, OUTPUT ORDER and COLLECT`);
  if (!t.outputs.length) return fail('dmn-hit-policy', t.at, 'the table has no output column');

  // Inputs: each names input data or a decision already planned.
  const needs = new Set<DecisionPlan>();
  const columns: Source[] = [];
  for (const input of t.inputs) {
    const text = input.expression.text;
    const source = cx.sources.get(text);
    if (!source) {
      const decision = cx.model.decisions.find((x) => x.name === text || text.startsWith(`${x.name}.`));
      if (decision && decision !== d) return fail('dmn-needs', input.expression.at, `reads decision "${decision.name}", which could not be imported`);
      const plain = /^[\p{L}_?][\p{L}\p{N}_? .'/+*-]*$/u.test(text) && !/[+*/]|\s-\s/.test(text);
      return fail(plain ? 'dmn-name' : 'dmn-feel', input.expression.at, plain ? `${JSON.stringify(text)} names no input data and no decision of this model` : `the input expression ${JSON.stringify(text)}: the importer translates names of input data and decisions, not expressions`);
    }
    if ('decision' in source) needs.add((source as OutputPlan).decision);
    columns.push(source);
  }

  // PRIORITY over several outputs is read with first over rows put in priority order (below).
  const multiPriority = hit === 'priority' && t.outputs.length > 1;
  const plan: DecisionPlan & { outputs: OutputPlan[] } = {
    decision: d,
    hit: multiPriority ? 'first' : hit,
    ...(t.aggregation ? { aggregation: t.aggregation } : {}),
    inputs: columns.map((c) => c.name),
    rows: [],
    outputs: [],
    needs: [...needs],
  };

  // Outputs: their kind, and an enum for text.
  const entries = t.rules.map((r) => r.outputs.map((o) => ({ o, v: parseLiteral(o.text) })));
  for (const [k, out] of t.outputs.entries()) {
    const typeRef = out.typeRef ?? (t.outputs.length === 1 ? d.typeRef : undefined);
    const declared = resolveType(typeRef, cx.model.items);
    if (isFeelError(declared)) return fail('dmn-type', out.at, declared.error);
    const values = out.values ? parseValueList(out.values.text) : undefined;
    if (isFeelError(values)) return fail('dmn-feel', out.values!.at, `the output values ${JSON.stringify(out.values!.text)}: ${values.error}`);
    const dflt = out.default ? parseLiteral(out.default.text) : undefined;
    if (isFeelError(dflt)) return fail('dmn-feel', out.default!.at, `the default output ${JSON.stringify(out.default!.text)}: ${dflt.error}`);
    const literals: Literal[] = [...(values ?? [])];
    if (dflt && t.aggregation !== 'COUNT') literals.push(dflt);
    for (const [ri, row] of entries.entries()) {
      const e = row[k];
      if (!e) return fail('dmn-feel', t.rules[ri]!.at, `the rule has ${row.length} output entries; the table has ${t.outputs.length} outputs`);
      if (isFeelError(e.v)) return fail('dmn-feel', e.o.at, `${JSON.stringify(e.o.text)}: ${e.v.error}`);
      literals.push(e.v);
    }
    const kinds = new Set(literals.map(kindOfLiteral));
    const kind: Kind | undefined = declared?.kind ?? (kinds.size === 1 ? [...kinds][0] : undefined);
    if (!kind) return fail('dmn-type', out.at, kinds.size ? `its values mix ${[...kinds].join(' and ')}` : 'it has no type and no values to tell it');
    const wrong = literals.find((v) => kindOfLiteral(v) !== kind);
    if (wrong) return fail('dmn-type', out.at, `${literalText(wrong)} in an output of type ${kind}`);
    const dmnName = t.outputs.length > 1 ? out.name ?? out.label ?? `output${k + 1}` : undefined;
    const label = dmnName ? `${d.name} ${dmnName}` : d.name;
    const { name } = cx.names.fresh(dmnName ? `${d.name}_${dmnName}` : d.name, 'decision');
    cx.declared.add(name);
    const count = hit === 'collect count';
    if (hit.startsWith('collect') && !count && kind !== 'number')
      return fail('dmn-type', out.at, `COLLECT ${t.aggregation} over ${kind} values: the importer aggregates numbers`);
    if (hit === 'priority' && t.outputs.length === 1 && !(values?.length && kind === 'string'))
      return fail('dmn-hit-policy', out.at, 'PRIORITY needs the output values of text results in priority order (outputValues)');
    const keys = [d.name, ...(d.at.id ? [d.at.id] : []), name, ...(dmnName ? [dmnName, `${d.name}.${dmnName}`] : []), ...(out.at.id ? [out.at.id] : [])];
    // A default given on the command line (for a count: a number) replaces the DMN default.
    const option = cx.optionDefault?.(keys, count ? 'number' : kind);
    if (typeof option === 'string') return fail('dmn-default', out.at, `--default: ${option}`);
    const chosen = option ?? dflt;
    // The column of the rows' results, and the value other tables read (a count is a whole number).
    let results: Column;
    let enumPlan: EnumPlan | undefined;
    if (kind === 'string') {
      const texts: string[] = [];
      for (const v of [...(declared?.allowed ?? []), ...literals, ...(chosen ? [chosen] : [])]) if (v.k === 'string' && !texts.includes(v.value)) texts.push(v.value);
      enumPlan = enumOf(name, texts, cx.declared);
      // A count's rows have no expected type to read a bare value against: they name the enum.
      results = { k: 'enum', values: count ? enumPlan.values.map((v) => ({ ...v, id: `${name}.${v.id}` })) : enumPlan.values };
    } else results = kind === 'number' ? { k: 'number' } : kind === 'boolean' ? { k: 'bool' } : { k: 'date' };
    const column: Column = count ? { k: 'number' } : results;
    const o: OutputPlan = {
      decision: plan,
      ...(dmnName ? { output: dmnName } : {}),
      name,
      label,
      type: count ? 'integer' : kind === 'string' ? name : kind === 'boolean' ? 'bool' : kind,
      kind: count ? 'number' : kind,
      column,
      results,
      at: out.at,
      ...(enumPlan ? { enumPlan } : {}),
      ...(chosen ? { dmnDefault: resultText(chosen, column), defaultFrom: option ? 'option' : 'dmn' } : {}),
      keys,
    };
    plan.outputs.push(o);
  }

  // Rows: cells per input column (a rule may split into disjoint alternatives), results per output.
  let rules = t.rules.map((r, i) => ({ r, i }));
  let note: string | undefined;
  if (multiPriority) {
    // Several outputs: the rule with the highest-priority first output (then second …) wins. Rows
    // are put in that order and read with `first`, so every output comes from the same rule.
    const orders = t.outputs.map((o) => (o.values ? parseValueList(o.values.text) : undefined));
    const rank = (ri: number) =>
      orders.map((vals, k) => {
        const v = entries[ri]![k]!.v as Literal;
        const at = Array.isArray(vals) ? vals.findIndex((x) => literalText(x) === literalText(v)) : -1;
        return at < 0 ? (Array.isArray(vals) ? vals.length : 0) : at;
      });
    const ranks = new Map(rules.map(({ i }) => [i, rank(i)]));
    rules = [...rules].sort((a, b) => {
      const x = ranks.get(a.i)!;
      const y = ranks.get(b.i)!;
      for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return x[k]! - y[k]!;
      return a.i - b.i;
    });
    note = 'PRIORITY over several outputs: rows in priority order (of the first output, then the next), read with first, so every output comes from the same rule';
  }
  const rows: RowPlan[] = [];
  for (const { r, i } of rules) {
    if (r.inputs.length !== columns.length) return fail('dmn-feel', r.at, `the rule has ${r.inputs.length} input entries; the table has ${columns.length} inputs`);
    let alts: string[][] = [[]];
    let never = false;
    for (const [c, entry] of r.inputs.entries()) {
      const tests = parseUnaryTests(entry.text);
      if (isFeelError(tests)) return fail('dmn-feel', entry.at, `${JSON.stringify(entry.text)}: ${tests.error}`);
      const unknown: string[] = [];
      const cells = cellsOf(tests, columns[c]!.column, unknown);
      if (isFeelError(cells)) return fail('dmn-feel', entry.at, `${JSON.stringify(entry.text)}: ${cells.error}`);
      for (const u of unknown) cx.problems.push(problem('dmn-value', entry.at, `${JSON.stringify(u)} is not one of the values of ${columns[c]!.name}; this test never holds for it`));
      if (cells.k === 'never') never = true;
      const options = cells.k === 'cells' ? cells.alts : ['-'];
      alts = alts.flatMap((a) => options.map((o) => [...a, o]));
      if (alts.length > MAX_SPLIT) return fail('dmn-feel', r.at, `its tests need ${alts.length}+ rows of single cells; the importer splits a rule into at most ${MAX_SPLIT}`);
    }
    if (never) {
      cx.problems.push(problem('dmn-value', r.at, 'no input can match this rule; it is left out'));
      continue;
    }
    const results = plan.outputs.map((o, k) => resultText(entries[i]![k]!.v as Literal, o.results));
    const id = r.at.id ? `rule ${r.at.id}` : `rule ${i + 1}`;
    const annotation = r.annotation ? ` — ${r.annotation.replace(/\s+/g, ' ')}` : '';
    alts.forEach((cells, n) => rows.push({ cells: cells.length ? cells : ['-'], results, comment: `${id}${alts.length > 1 ? ` (${n + 1} of ${alts.length})` : ''}${annotation}` }));
  }
  if (!rows.length && !plan.outputs.some((o) => o.dmnDefault !== undefined)) return fail('dmn-value', t.at, 'no rule of this table can match, and it has no default output');
  return { ...plan, rows, ...(note ? { note } : {}) };
}

/** An enum for text values: value ids from the texts, avoiding keywords and declared names. */
export function enumOf(name: string, texts: readonly string[], declared: ReadonlySet<string>, other = false): EnumPlan {
  const names = new Names(new Set([...RESERVED, ...declared]));
  const values = texts.map((text) => ({ text, id: names.fresh(text, 'value').name }));
  return { name, values, ...(other ? { other: names.fresh('other', 'value').name } : {}) };
}

/** A literal as a Doudi result of the column's type. */
export function resultText(v: Literal, col: Column): string {
  switch (v.k) {
    case 'string': {
      const e = col.k === 'enum' ? col.values.find((x) => x.text === v.value) : undefined;
      return e ? e.id : JSON.stringify(v.value);
    }
    case 'number':
      return valueText(v.value, col);
    case 'bool':
      return String(v.value);
    case 'date':
      return v.value;
  }
}

/** A --default value for an output: FEEL literal or plain text, checked against the output's kind. */
export function defaultLiteral(text: string, kind: Kind): Literal | string {
  const t = text.trim();
  if (kind === 'string') {
    const lit = parseLiteral(t);
    return !isFeelError(lit) && lit.k === 'string' ? lit : { k: 'string', value: t };
  }
  if (kind === 'number') {
    const q = Q.parseDecimal(t);
    return q ? { k: 'number', value: q } : `${JSON.stringify(t)} is not a decimal number`;
  }
  if (kind === 'boolean') return t === 'true' || t === 'false' ? { k: 'bool', value: t === 'true' } : `${JSON.stringify(t)} is not true or false`;
  const lit = parseLiteral(/^\d{4}-\d{2}-\d{2}$/.test(t) ? `date("${t}")` : t);
  return !isFeelError(lit) && lit.k === 'date' ? lit : `${JSON.stringify(t)} is not a date YYYY-MM-DD`;
}

export { describe };
