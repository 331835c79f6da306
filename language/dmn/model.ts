/**
 * A DMN file's elements as plain data: input data, item definitions, and decisions with their
 * decision tables. Only what the importer translates is read; elements outside the DMN namespace
 * (diagrams, vendors' extensions) are skipped. Element ids are kept: every problem names one.
 */
import { attr, childrenNamed, readXml, type XmlElement } from './xml.ts';
import { problem, type Problem, type Where } from './problems.ts';

/** DMN 1.1 to 1.5 model namespaces (…/DMN/20151101/dmn.xsd, …/DMN/20230324/MODEL/ …). */
export const isDmnNamespace = (uri: string): boolean => /omg\.org\/spec\/DMN\/\d{8}\/(MODEL\/?|dmn\.xsd)$/i.test(uri);

// Where lives with the problems that name it (problems.ts), so the two files import in one direction.
export type { Where } from './problems.ts';

export interface Text {
  readonly text: string;
  readonly at: Where;
}

export interface ItemDefinition {
  readonly name: string;
  readonly typeRef?: string;
  readonly allowedValues?: string;
  readonly collection: boolean;
  /** has item components (a structure): not a single value */
  readonly structured: boolean;
  readonly at: Where;
}

export interface InputData {
  readonly name: string;
  readonly label?: string;
  readonly typeRef?: string;
  readonly at: Where;
}

export interface TableInput {
  readonly label?: string;
  readonly expression: Text;
  readonly typeRef?: string;
  readonly values?: Text;
  readonly at: Where;
}

export interface TableOutput {
  readonly name?: string;
  readonly label?: string;
  readonly typeRef?: string;
  readonly values?: Text;
  readonly default?: Text;
  readonly at: Where;
}

export interface Rule {
  readonly inputs: readonly Text[];
  readonly outputs: readonly Text[];
  readonly annotation?: string;
  readonly at: Where;
}

export interface DecisionTable {
  /** UNIQUE (the default), ANY, PRIORITY, FIRST, RULE ORDER, OUTPUT ORDER, COLLECT */
  readonly hitPolicy: string;
  /** SUM, MIN, MAX or COUNT, for COLLECT */
  readonly aggregation?: string;
  readonly inputs: readonly TableInput[];
  readonly outputs: readonly TableOutput[];
  readonly rules: readonly Rule[];
  readonly at: Where;
}

export interface Decision {
  readonly name: string;
  readonly label?: string;
  readonly typeRef?: string;
  readonly table?: DecisionTable;
  /** the element that holds its logic when it is not a decision table (literalExpression, context, …) */
  readonly otherLogic?: string;
  readonly at: Where;
}

export interface DmnModel {
  readonly name: string;
  readonly id?: string;
  readonly namespace?: string;
  readonly items: ReadonlyMap<string, ItemDefinition>;
  readonly inputs: readonly InputData[];
  readonly decisions: readonly Decision[];
}

/** Reads a DMN file; XML errors and a root that is not DMN `definitions` become problems. */
export function readModel(text: string, problems: Problem[]): DmnModel | undefined {
  let root: XmlElement;
  try {
    root = readXml(text);
  } catch (e) {
    const x = e as { message: string; line?: number; column?: number };
    problems.push(problem('dmn-xml', { what: 'the file', line: x.line ?? 1 }, `not well-formed XML at line ${x.line ?? 1}, column ${x.column ?? 1}: ${x.message}`));
    return undefined;
  }
  if (root.name !== 'definitions' || !isDmnNamespace(root.uri)) {
    const ns = root.uri ? ` in ${root.uri}` : '';
    problems.push(problem('dmn-not-dmn', { what: `<${root.name}>`, line: root.line }, `the root element is <${root.name}>${ns}; a DMN file has <definitions> in a DMN model namespace (DMN 1.1 to 1.5)`));
    return undefined;
  }
  const dmn = (e: XmlElement, name: string) => childrenNamed(e, name, isDmnNamespace);
  const one = (e: XmlElement, name: string) => dmn(e, name)[0];
  const textOf = (e: XmlElement | undefined, what: string): Text | undefined => {
    if (!e) return undefined;
    const t = one(e, 'text');
    return t ? { text: t.text.trim(), at: where(e, what) } : undefined;
  };
  const items = new Map<string, ItemDefinition>();
  for (const e of dmn(root, 'itemDefinition')) {
    const name = attr(e, 'name') ?? '';
    const typeRef = one(e, 'typeRef')?.text.trim();
    const allowed = one(e, 'allowedValues');
    items.set(name, {
      name,
      ...(typeRef ? { typeRef } : {}),
      ...(allowed ? { allowedValues: one(allowed, 'text')?.text.trim() ?? '' } : {}),
      collection: attr(e, 'isCollection') === 'true',
      structured: dmn(e, 'itemComponent').length > 0,
      at: where(e, `item definition "${name}"`),
    });
  }
  const inputs: InputData[] = dmn(root, 'inputData').map((e) => {
    const name = attr(e, 'name') ?? '';
    const variable = one(e, 'variable');
    return { name, ...label(e), ...typeRefOf(variable), at: where(e, `input data "${name}"`) };
  });
  const decisions: Decision[] = dmn(root, 'decision').map((e) => {
    const name = attr(e, 'name') ?? '';
    const at = where(e, `decision "${name}"`);
    const variable = one(e, 'variable');
    const tableEl = one(e, 'decisionTable');
    const base = { name, ...label(e), ...typeRefOf(variable), at };
    if (!tableEl) {
      const logic = e.children.find((c) => isDmnNamespace(c.uri) && !['variable', 'informationRequirement', 'knowledgeRequirement', 'authorityRequirement', 'description', 'extensionElements', 'question', 'allowedAnswers'].includes(c.name));
      return { ...base, otherLogic: logic ? logic.name : 'nothing' };
    }
    const table: DecisionTable = {
      hitPolicy: (attr(tableEl, 'hitPolicy') ?? 'UNIQUE').trim().toUpperCase(),
      ...(attr(tableEl, 'aggregation') ? { aggregation: attr(tableEl, 'aggregation')!.trim().toUpperCase() } : {}),
      inputs: dmn(tableEl, 'input').map((i, k) => {
        const expr = one(i, 'inputExpression');
        return {
          ...label(i),
          expression: textOf(expr, `input expression ${k + 1} of decision "${name}"`) ?? { text: '', at: where(i, `input ${k + 1} of decision "${name}"`) },
          ...typeRefOf(expr),
          ...optional('values', textOf(one(i, 'inputValues'), `input values of input ${k + 1} of decision "${name}"`)),
          at: where(i, `input ${k + 1} of decision "${name}"`),
        };
      }),
      outputs: dmn(tableEl, 'output').map((o, k) => ({
        ...(attr(o, 'name') ? { name: attr(o, 'name') } : {}),
        ...label(o),
        ...typeRefOf(o),
        ...optional('values', textOf(one(o, 'outputValues'), `output values of output ${k + 1} of decision "${name}"`)),
        ...optional('default', textOf(one(o, 'defaultOutputEntry'), `default output of output ${k + 1} of decision "${name}"`)),
        at: where(o, `output ${k + 1} of decision "${name}"`),
      })),
      rules: dmn(tableEl, 'rule').map((r, k) => {
        const rw = where(r, `rule ${k + 1} of decision "${name}"`);
        const entry = (c: XmlElement, n: number, kind: string): Text => ({ text: one(c, 'text')?.text.trim() ?? '', at: where(c, `${kind} ${n + 1} of rule ${k + 1} of decision "${name}"`) });
        const note = one(r, 'annotationEntry');
        return {
          inputs: dmn(r, 'inputEntry').map((c, n) => entry(c, n, 'input entry')),
          outputs: dmn(r, 'outputEntry').map((c, n) => entry(c, n, 'output entry')),
          ...(note ? { annotation: one(note, 'text')?.text.trim() ?? '' } : {}),
          at: rw,
        };
      }),
      at: where(tableEl, `decision table of decision "${name}"`),
    };
    return { ...base, table };
  });
  return { name: attr(root, 'name') ?? '', ...optional('id', attr(root, 'id')), ...optional('namespace', attr(root, 'namespace')), items, inputs, decisions };
}

function where(e: XmlElement, what: string): Where {
  const id = attr(e, 'id');
  return { ...(id ? { id } : {}), what, line: e.line };
}

function label(e: XmlElement): { label?: string } {
  const l = attr(e, 'label');
  return l ? { label: l } : {};
}

function typeRefOf(e: XmlElement | undefined): { typeRef?: string } {
  const t = e && attr(e, 'typeRef');
  return t ? { typeRef: t.trim() } : {};
}

function optional<K extends string, V>(key: K, v: V | undefined): { [k in K]?: V } {
  return (v === undefined ? {} : { [key]: v }) as { [k in K]?: V };
}

/** How a problem names an element: its id and what it is, e.g. `_3b29… (decision "Approval Status", line 4)`. */
export function describe(at: Where): string {
  return at.id ? `${at.id} (${at.what}, line ${at.line})` : `${at.what} (line ${at.line})`;
}
