/**
 * The parameters of one run (a date and the settings), resolved exactly — by the reference
 * interpreter itself — for every region block a policy names, as the rows of a small table keyed by
 * region. A household finds its row by the same rule the interpreter uses: its own code if a block
 * names it, else its prefecture's (XXXX00), else its province's (XX0000), else the defaults (key 0).
 *
 * Why a table by region and not one resolution per household: a national population has thousands
 * of counties but a policy names a few dozen blocks, so the table has a few dozen rows, every
 * engine joins it by hash (Spark broadcasts it), and the per-household work is one CASE on the code.
 * A parameter equal in every row is written into the SQL as a literal and takes no column.
 */
import type * as I from '../ir/types.ts';
import * as Q from '../numbers/rational.ts';
import { evaluateHousehold, EvalError, parseSetting, type Scalar } from '../interpreter/index.ts';

/** A resolved value: a rational (money in fen), a bool, a text (enum id, date) or a region code. */
export type Resolved = Q.Rational | boolean | string;

export interface ParamColumn {
  readonly id: string;
  readonly type: I.ParameterIR['type'];
  /** enum entries of an indexed parameter, in the enum's order */
  readonly entries?: readonly string[];
  /** per row, per entry (one entry when not indexed); undefined where the row has an error */
  readonly values: readonly (readonly Resolved[] | undefined)[];
}

export interface ParamTable {
  /** region keys of the rows: 0 for the defaults, else a 6-digit code */
  readonly keys: readonly number[];
  readonly exact: readonly number[];
  readonly prefectures: readonly number[];
  readonly provinces: readonly number[];
  readonly params: ReadonlyMap<string, ParamColumn>;
  /** per row: the first parameter error (no value in force, a zero divisor), else undefined */
  readonly errors: readonly (string | undefined)[];
}

export class SettingError extends Error {}

/** Parses `--set` texts ("cpi_yoy=3.5%", "dibao_standard.rural=1200") as the interpreter reads them. */
export function parseSets(ir: I.PolicyIR, sets: Readonly<Record<string, string>>): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const [key, text] of Object.entries(sets)) {
    const dot = key.indexOf('.');
    const id = dot < 0 ? key : key.slice(0, dot);
    const p = ir.parameters.find((x) => x.id === id && !x.hidden);
    if (!p) throw new SettingError(`--set ${key}: no parameter or input of ${ir.policy.id} has that name`);
    if (dot >= 0) {
      const en = p.by ? ir.enums.find((x) => x.id === p.by) : undefined;
      if (!en || !en.values.some((v) => v.id === key.slice(dot + 1)))
        throw new SettingError(`--set ${key}: ${id} ${en ? `has no entry ${key.slice(dot + 1)} (entries: ${en.values.map((v) => v.id).join(', ')})` : 'has no entries'}`);
    }
    try {
      out[key] = parseSetting(p, text, ir.enums);
    } catch (e) {
      if (e instanceof EvalError) throw new SettingError(e.message);
      throw e;
    }
  }
  return out;
}

const codeOf = (s: string): number => Number(s);

/** Resolves `ids` for `date` under `sets` in every region block the policy names, and the defaults. */
export function resolveTable(ir: I.PolicyIR, ids: readonly string[], date: string, sets: Readonly<Record<string, Scalar>>): ParamTable {
  const named = new Set<string>();
  for (const p of ir.parameters) for (const r of p.regions) for (const c of r.codes) named.add(c);
  const exact = [...named].map(codeOf).sort((a, b) => a - b);
  const keys = [0, ...exact];
  const params = new Map<string, { id: string; type: I.ParameterIR['type']; entries?: string[]; values: (Resolved[] | undefined)[] }>();
  const errors: (string | undefined)[] = keys.map(() => undefined);
  for (const id of ids) {
    const p = ir.parameters.find((x) => x.id === id)!;
    const entries = p.by ? ir.enums.find((x) => x.id === p.by)!.values.map((v) => v.id) : undefined;
    params.set(id, { id, type: p.type, ...(entries ? { entries } : {}), values: [] });
  }
  keys.forEach((key, row) => {
    // the defaults row: a code no block can name
    const region = key === 0 ? '000000' : String(key).padStart(6, '0');
    for (const id of ids) {
      const col = params.get(id)!;
      const p = ir.parameters.find((x) => x.id === id)!;
      try {
        const v = resolveOne(ir, p, region, date, sets);
        col.values[row] = Array.isArray(v) ? (v as Resolved[]) : [v as Resolved];
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        col.values[row] = undefined;
        errors[row] ??= key === 0 ? e.message.replace(/ for region 000000/, '') : e.message;
      }
    }
  });
  return {
    keys,
    exact,
    prefectures: exact.filter((c) => c % 100 === 0 && c % 10000 !== 0),
    provinces: exact.filter((c) => c % 10000 === 0),
    params,
    errors,
  };
}

/**
 * One parameter for one region, through the interpreter: a household with no members in that region
 * whose only definition reads the parameter. The interpreter applies the settings, the region
 * blocks, the dates, formulas over other parameters and the zero-divisor rule.
 */
function resolveOne(ir: I.PolicyIR, p: I.ParameterIR, region: string, date: string, sets: Readonly<Record<string, Scalar>>): Scalar | readonly Scalar[] {
  const probe: I.DefinitionIR = {
    id: '__sql_parameter',
    level: 'household',
    type: p.type,
    output: true,
    expr: { k: 'param', t: p.type, id: p.id },
    exceptions: [],
    cite: [],
    origin: p.origin,
    hidden: false,
    exact: p.exact,
  };
  const one: I.PolicyIR = { ...ir, definitions: [probe], outputs: [probe.id], tests: [] };
  const r = evaluateHousehold(one, { values: { region }, members: [] }, { date, sets });
  return r.values[probe.id] as Scalar | readonly Scalar[];
}
