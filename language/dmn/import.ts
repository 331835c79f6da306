/**
 * `importDmn`: a DMN file's decision tables as a Doudi policy. Plans the inputs and decisions,
 * writes the text, and checks it with the Doudi checker: a table the checker finds incomplete is
 * one where DMN returns null for some input, which is reported (with the input) unless a
 * `--default` supplies its result; any other error leaves that decision out. The loop ends with a
 * policy that checks cleanly, or none when nothing could be imported.
 */
import type { Decision, DmnModel } from './model.ts';
import { readModel } from './model.ts';
import { planInputs, type Source } from './inputs.ts';
import { planDecision, enumOf, defaultLiteral, type DecisionPlan, type DecisionContext } from './plan.ts';
import { emitPolicy } from './emit.ts';
import { Names } from './names.ts';
import { problem, type Problem } from './problems.ts';
import type { Kind } from './types.ts';
import { checkPolicy, mapHost, normalizePath } from '../checker/index.ts';

export interface ImportOptions {
  /** the DMN file's name, for the header and messages */
  readonly file?: string;
  /** where the policy will be written: the checker's messages name it */
  readonly policyPath?: string;
  /**
   * Results where no rule matches, given on the command line: `key` is a decision's or output's
   * name or element id ("Approval", "Approval.Status", "Status", "_3b29…") or the Doudi output name;
   * without a key, the value applies to every table that needs one.
   */
  readonly defaults?: readonly { readonly key?: string; readonly value: string }[];
}

export interface ImportedInput {
  /** the input data's name */
  readonly dmn: string;
  readonly element?: string;
  /** the Doudi input (or household field) */
  readonly name: string;
  readonly field: boolean;
  readonly kind: Kind;
  /** DMN text → Doudi enum value, for text */
  readonly values?: Readonly<Record<string, string>>;
  /** the enum value for every other text */
  readonly other?: string;
}

export interface ImportedOutput {
  readonly decision: string;
  readonly element?: string;
  /** the output's name, in a table with several outputs */
  readonly output?: string;
  readonly name: string;
  readonly kind: Kind;
  readonly values?: Readonly<Record<string, string>>;
}

export interface DmnImport {
  /** the policy, when at least one decision was imported */
  readonly text?: string;
  readonly problems: readonly Problem[];
  readonly inputs: readonly ImportedInput[];
  readonly outputs: readonly ImportedOutput[];
  /** decisions in the model, and how many were imported */
  readonly decisions: number;
  readonly imported: number;
}

/** Decisions in an order where each comes after those whose results its tables read. */
function dependencyOrder(model: DmnModel): Decision[] {
  const reads = (d: Decision) => model.decisions.filter((x) => x !== d && d.table?.inputs.some((i) => i.expression.text === x.name || i.expression.text.startsWith(`${x.name}.`)));
  const out: Decision[] = [];
  const placed = new Set<Decision>();
  for (let progress = true; progress; ) {
    progress = false;
    for (const d of model.decisions) {
      if (placed.has(d) || !reads(d).every((x) => placed.has(x))) continue;
      out.push(d);
      placed.add(d);
      progress = true;
    }
  }
  return [...out, ...model.decisions.filter((d) => !placed.has(d))];
}

const suggestion = (key: string) => `--default ${/[\s"'$]/.test(key) ? `'${key}=VALUE'` : `${key}=VALUE`}`;

export function importDmn(xml: string, options: ImportOptions = {}): DmnImport {
  const file = options.file ?? 'model.dmn';
  const path = normalizePath(options.policyPath ?? file.replace(/\.dmn$/i, '') + '.doudi');
  const problems: Problem[] = [];
  const model = readModel(xml, problems);
  if (!model) return { problems, inputs: [], outputs: [], decisions: 0, imported: 0 };
  const defaults = options.defaults ?? [];
  const general = defaults.find((x) => x.key === undefined);
  // Decisions left out after a check (with why), and those the general --default is applied to.
  const excluded = new Map<Decision, Problem>();
  const defaulted = new Set<Decision>();
  const order = dependencyOrder(model);

  for (let attempt = 0; attempt <= 2 * model.decisions.length + 1; attempt++) {
    const round: Problem[] = [];
    const names = new Names();
    const declared = new Set<string>();
    const inputs = planInputs(model, names, declared, round, (name, texts, other) => enumOf(name, texts, declared, other));
    const sources = new Map<string, Source>(inputs.map((i) => [i.data.name, i]));
    const plans: DecisionPlan[] = [];
    const skipped: string[] = [];
    const used = new Set<string>();
    for (const d of order) {
      const left = excluded.get(d);
      const before = round.length;
      const cx: DecisionContext = {
        model,
        names,
        sources,
        problems: round,
        declared,
        inputs,
        optionDefault: (keys, kind) => {
          const keyed = defaults.find((x) => x.key !== undefined && keys.includes(x.key));
          const chosen = keyed ?? (defaulted.has(d) ? general : undefined);
          if (!chosen) return undefined;
          if (chosen.key !== undefined) used.add(chosen.key);
          return defaultLiteral(chosen.value, kind);
        },
      };
      const p = left ? undefined : planDecision(d, cx);
      if (!p) {
        const why = left ?? round.slice(before).find((x) => x.severity === 'error');
        skipped.push(`decision ${JSON.stringify(d.name)}${d.at.id ? ` (${d.at.id})` : ''}: ${why ? why.code : 'not imported'}`);
        continue;
      }
      plans.push(p);
      for (const o of p.outputs) sources.set(o.output ? `${d.name}.${o.output}` : d.name, o);
    }
    for (const x of defaults) if (x.key !== undefined && !used.has(x.key) && !model.decisions.some((d) => d.name === x.key || d.at.id === x.key))
      round.push(problem('dmn-default', { what: `--default ${x.key}=…`, line: 1 }, `${JSON.stringify(x.key)} names no output of this model (give a decision's or an output's name or id)`));
    if (!plans.length) return finish(model, [...problems, ...round, ...excluded.values()], undefined, inputs, plans);

    const emitted = emitPolicy(model, file, inputs, plans, skipped);
    const checked = checkPolicy(path, mapHost({ [path]: emitted.text }));
    const ownerOf = (line: number) => emitted.owners.find((o) => line >= o.from && line <= o.to)?.owner;
    let changed = false;
    for (const diag of checked.diagnostics) {
      const owner = ownerOf(diag.range.start.line);
      const plan = owner && 'decision' in owner && 'hit' in owner ? owner : undefined;
      if (diag.severity !== 'error') {
        if (diag.severity === 'warning') round.push(problem('dmn-check', plan?.decision.at ?? { what: 'the imported policy', line: 1 }, `line ${diag.range.start.line} of the translation: ${diag.message}`, 'warning'));
        continue;
      }
      if (!plan) {
        // An input or the header: nothing to leave out but everything.
        round.push(problem('dmn-check', owner && 'data' in owner ? owner.data.at : { what: 'the imported policy', line: 1 }, `the translation does not check: ${diag.message}`));
        return finish(model, [...problems, ...round, ...excluded.values()], undefined, inputs, []);
      }
      const d = plan.decision;
      if (excluded.has(d) || changed) continue;
      if (diag.code === 'table-incomplete' && general && !defaulted.has(d)) {
        defaulted.add(d);
      } else if (diag.code === 'table-incomplete') {
        const raw = (diag.params as { example?: unknown } | undefined)?.example;
        const shown = typeof raw === 'string' && raw ? (plan.inputs.length > 1 ? raw : raw.replace(/^\((.*)\)$/, '$1')) : '';
        const example = shown ? ` ${plan.inputs.length > 1 ? `(${plan.inputs.join(', ')})` : plan.inputs[0]} = ${shown}` : ' some inputs';
        const keys = plan.outputs.map((o) => (o.output ? `${d.name}.${o.output}` : d.name));
        excluded.set(d, problem('dmn-no-default', d.table!.at, `no rule matches${example}, where DMN gives null, and the table has no default output; supply one: ${keys.map(suggestion).join(' ')} (or --default VALUE for every such table)`));
      } else excluded.set(d, problem('dmn-check', d.at, `the translation does not check (line ${diag.range.start.line}): ${diag.message}`));
      changed = true;
    }
    if (changed) continue;
    for (const p of plans)
      if (p.hit === 'collect sum' && p.outputs[0]!.dmnDefault === undefined)
        round.push(problem('dmn-null-sum', p.decision.table!.at, 'where no rule matches, DMN gives null and the imported table gives 0 (give a default with --default to choose another value)'));
    return finish(model, [...problems, ...round, ...excluded.values()], emitted.text, inputs, plans);
  }
  return finish(model, [...problems, problem('dmn-check', { what: 'the import', line: 1 }, 'the translation did not settle (please report this model)')], undefined, [], []);
}

function finish(model: DmnModel, problems: Problem[], text: string | undefined, inputs: ReturnType<typeof planInputs>, plans: readonly DecisionPlan[]): DmnImport {
  const values = (vs: readonly { text: string; id: string }[] | undefined) => (vs ? Object.fromEntries(vs.map((v) => [v.text, v.id])) : undefined);
  const order = (p: Problem) => p.at.line;
  return {
    ...(text !== undefined ? { text } : {}),
    problems: [...problems].sort((a, b) => order(a) - order(b)),
    inputs: inputs.map((i) => ({
      dmn: i.data.name,
      ...(i.data.at.id ? { element: i.data.at.id } : {}),
      name: i.name,
      field: i.field !== undefined,
      kind: i.kind,
      ...(i.column.k === 'enum' ? { values: values(i.column.values)! } : {}),
      ...(i.column.k === 'enum' && i.column.other ? { other: i.column.other } : {}),
    })),
    outputs: plans.flatMap((p) =>
      p.outputs.map((o) => ({
        decision: p.decision.name,
        ...(p.decision.at.id ? { element: p.decision.at.id } : {}),
        ...(o.output ? { output: o.output } : {}),
        name: o.name,
        kind: o.kind,
        ...(o.column.k === 'enum' ? { values: values(o.column.values)! } : {}),
      })),
    ),
    decisions: model.decisions.length,
    imported: plans.length,
  };
}
