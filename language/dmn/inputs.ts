/**
 * DMN input data as Doudi: a household field of the population schema when one has the same
 * name (id or Chinese name) and a type that fits, otherwise a scenario `input` with a default
 * (set per run with `--set`). Text becomes an enum of the values the model lists — or, when it
 * lists none, of the values its tables test plus `other` for every other text.
 */
import type { DmnModel, InputData, TableInput, Where } from './model.ts';
import { isFeelError, parseUnaryTests, parseValueList, type Literal } from './feel.ts';
import type { Column } from './cells.ts';
import { resolveType, kindOfLiteral, type Kind } from './types.ts';
import type { Names } from './names.ts';
import { problem, type Problem } from './problems.ts';
import { HOUSEHOLD_FIELDS, PERSON_FIELDS, enumSpec, type FieldSpec } from '../schema/index.ts';

export interface EnumPlan {
  readonly name: string;
  /** each DMN text with its Doudi value id, in order */
  readonly values: readonly { readonly text: string; readonly id: string }[];
  /** the value standing for every text not listed (text inputs whose values the model does not list) */
  readonly other?: string;
}

/** What a table column reads: input data, or a decision's output. */
export interface Source {
  /** the Doudi name */
  readonly name: string;
  readonly kind: Kind;
  readonly column: Column;
  readonly at: Where;
}

export interface InputPlan extends Source {
  readonly data: InputData;
  /** the schema field it reads, when it is one (nothing is declared then) */
  readonly field?: string;
  readonly type: string;
  readonly default: string;
  readonly enumPlan?: EnumPlan;
}

/** The date from which an imported policy is in force, and the default of date inputs. */
export const EFFECTIVE_FROM = '2000-01-01';

/** The table inputs that read each input data, with their rules' entries. */
export function usesOf(model: DmnModel): Map<string, { input: TableInput; entries: string[] }[]> {
  const uses = new Map<string, { input: TableInput; entries: string[] }[]>();
  for (const d of model.decisions) {
    if (!d.table) continue;
    d.table.inputs.forEach((input, c) => {
      const list = uses.get(input.expression.text) ?? [];
      list.push({ input, entries: d.table!.rules.map((r) => r.inputs[c]?.text ?? '-') });
      uses.set(input.expression.text, list);
    });
  }
  return uses;
}

/** Plans every input data; those that cannot be imported are reported and left out. */
export function planInputs(model: DmnModel, names: Names, declared: Set<string>, problems: Problem[], enumOf: (name: string, texts: readonly string[], other: boolean) => EnumPlan): InputPlan[] {
  const uses = usesOf(model);
  const out: InputPlan[] = [];
  for (const data of model.inputs) {
    const used = uses.get(data.name) ?? [];
    const fail = (at: Where, message: string) => problems.push(problem('dmn-type', at, message));
    // The type: the input data's, else a table input's, else what the values say.
    let resolved = resolveType(data.typeRef, model.items);
    for (const u of used) if (!resolved) resolved = resolveType(u.input.typeRef, model.items);
    if (isFeelError(resolved)) {
      fail(data.at, resolved.error);
      continue;
    }
    const closed: Literal[] = [...(resolved?.allowed ?? [])];
    let hasList = resolved?.allowed !== undefined;
    const seen: Literal[] = [];
    let bad = false;
    for (const u of used) {
      if (u.input.values) {
        const list = parseValueList(u.input.values.text);
        if (isFeelError(list)) {
          problems.push(problem('dmn-feel', u.input.values.at, `the input values ${JSON.stringify(u.input.values.text)}: ${list.error}`));
          bad = true;
        } else if (list) {
          closed.push(...list);
          hasList = true;
        }
      }
      for (const e of u.entries) {
        const t = parseUnaryTests(e);
        if (isFeelError(t) || t.k === 'any') continue;
        for (const x of t.tests) seen.push(...(x.k === 'cmp' ? [x.v] : [x.lo, x.hi]));
      }
    }
    if (bad) continue;
    const kinds = new Set([...closed, ...seen].map(kindOfLiteral));
    const kind: Kind | undefined = resolved?.kind ?? (kinds.size === 1 ? [...kinds][0] : kinds.size === 0 ? 'string' : undefined);
    if (!kind) {
      fail(data.at, `it has no type, and its tables test it against ${[...kinds].join(' and ')} values`);
      continue;
    }
    const texts: string[] = [];
    for (const v of [...closed, ...seen]) if (v.k === 'string' && !texts.includes(v.value)) texts.push(v.value);
    const field = fieldFor(data.name, kind, texts);
    if (field) {
      names.claim(field.id);
      out.push(fieldPlan(data, field, kind, texts));
      continue;
    }
    const { name, renamed } = names.fresh(data.name, 'input');
    declared.add(name);
    if (renamed) problems.push(problem('dmn-renamed', data.at, `${JSON.stringify(data.name)} is a Doudi keyword, built-in or schema field; imported as input ${name}`));
    const base = { data, name, kind, at: data.at };
    if (kind === 'string') {
      const enumPlan = enumOf(name, texts, !hasList);
      const first = enumPlan.values[0]?.id ?? enumPlan.other!;
      out.push({ ...base, type: name, default: first, enumPlan, column: { k: 'enum', values: enumPlan.values, ...(enumPlan.other ? { other: enumPlan.other } : {}) } });
    } else if (kind === 'number') out.push({ ...base, type: 'number', default: '0', column: { k: 'number' } });
    else if (kind === 'boolean') out.push({ ...base, type: 'bool', default: 'false', column: { k: 'bool' } });
    else out.push({ ...base, type: 'date', default: EFFECTIVE_FROM, column: { k: 'date' } });
  }
  return out;
}

/** A readable household field of this name whose type fits the kind (and, for text, whose enum has every value). */
function fieldFor(name: string, kind: Kind, texts: readonly string[]): FieldSpec | undefined {
  const f = HOUSEHOLD_FIELDS.find((x) => (x.id === name || x.zh === name) && x.readable);
  const t = f?.type;
  if (!f || !t) return undefined;
  if (kind === 'number') return t.k === 'integer' || t.k === 'number' || t.k === 'money' ? f : undefined;
  if (kind === 'boolean') return t.k === 'bool' ? f : undefined;
  if (kind === 'date') return t.k === 'date' ? f : undefined;
  if (t.k !== 'enum') return undefined;
  const values = enumSpec(t.name)?.values ?? [];
  return texts.every((x) => values.some((v) => v.id === x || v.zh === x)) ? f : undefined;
}

function fieldPlan(data: InputData, f: FieldSpec, kind: Kind, texts: readonly string[]): InputPlan {
  const t = f.type!;
  const base = { data, field: f.id, name: f.id, kind, at: data.at, type: f.id, default: '' };
  if (t.k === 'enum') {
    const values = enumSpec(t.name)!.values;
    // The field's own values, each with the DMN text that names it (its id, or its Chinese name).
    const mapped = values.map((v) => ({ id: v.id, text: texts.find((x) => x === v.id || x === v.zh) ?? v.id }));
    return { ...base, column: { k: 'enum', values: mapped } };
  }
  if (t.k === 'money') return { ...base, column: { k: 'number', money: true } };
  return { ...base, column: kind === 'number' ? { k: 'number' } : kind === 'boolean' ? { k: 'bool' } : { k: 'date' } };
}

/** Whether a person-level field has this name (the importer cannot read it from a household decision). */
export const isPersonField = (name: string): boolean => PERSON_FIELDS.some((f) => f.id === name || f.zh === name);
