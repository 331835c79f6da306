/**
 * What every part of one module's emission shares: the policy, the names and temporaries handed
 * out so far (one sequence for the whole module, so the text does not depend on which part asked
 * first), enum codes, and the error sites the batch function reports.
 */
import type * as I from '../ir/types.ts';
import { staticNum, isAtom, type V } from './values.ts';
import { Names, CompileLimitError } from './names.ts';
import { regionalParams } from './schedule.ts';

export interface EmitOptions {
  /** the compiler's version, written in the header */
  readonly version: string;
}

/** A place where a household's evaluation can fail; out.errors[h] = its index + 1. */
export interface Site {
  readonly kind: 'exception' | 'table' | 'overflow';
  readonly definition: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
}

export interface ModuleContext {
  readonly ir: I.PolicyIR;
  readonly names: Names;
  /** a fresh temporary name: t0, t1, … */
  readonly tmp: () => string;
  readonly enumIndex: ReadonlyMap<string, I.EnumIR>;
  enumCode(enumId: string, value: string): number;
  readonly params: ReadonlyMap<string, I.ParameterIR>;
  /** parameters whose value can differ between regions */
  readonly regional: ReadonlySet<string>;
  readonly sites: Site[];
}

export function moduleContext(ir: I.PolicyIR): ModuleContext {
  const enumIndex = new Map(ir.enums.map((e) => [e.id, e]));
  let tmpCounter = 0;
  return {
    ir,
    names: new Names(),
    tmp: () => `t${tmpCounter++}`,
    enumIndex,
    enumCode(enumId, value) {
      const i = enumIndex.get(enumId)?.values.findIndex((v) => v.id === value) ?? -1;
      if (i < 0) throw new Error(`internal: ${value} is not a value of ${enumId}`);
      return i;
    },
    params: new Map(ir.parameters.map((p) => [p.id, p])),
    regional: regionalParams(ir),
    sites: [],
  };
}

export const typeName = (t: I.ParameterIR['type']): string =>
  t.k === 'money' ? (t.period === 'month' ? 'money/month' : t.period === 'year' ? 'money/year' : 'money') : t.k === 'enum' ? t.name : t.k;

/** Values held as a code (enum index, 0/1, day number, region code) rather than a fraction. */
export const isCodeType = (t: I.ParameterIR['type']): boolean => t.k === 'bool' || t.k === 'enum' || t.k === 'date' || t.k === 'region';

/**
 * A parameter whose values are whole in compiled units (fen, or whole numbers) under any setting:
 * its denominator is 1 and the generated code omits it.
 */
export const wholeParam = (p: I.ParameterIR): boolean => p.exact && (p.type.k === 'money' || p.type.k === 'integer' || p.type.k === 'months');

/** The width of a parameter's value: the number of entries of its `by` enum, or 1. */
export const paramWidth = (ctx: ModuleContext, p: I.ParameterIR): number => (p.by ? ctx.enumIndex.get(p.by)!.values.length : 1);

/** A definition known to be whole keeps only its numerator: n / d is an exact integer division. */
export function whole(v: V, d: I.DefinitionIR): V {
  if (v.k !== 'num' || v.sd !== undefined || !d.exact) return v;
  return staticNum(`${isAtom(v.n) ? v.n : `(${v.n})`} / ${isAtom(v.d) ? v.d : `(${v.d})`}`, 1n, v.nonNeg);
}

/** A definition the compiled code cannot hold exactly, with where it is. */
export class CompileLimit extends Error {
  constructor(
    readonly definition: string,
    readonly origin: I.Origin,
    readonly detail: string,
  ) {
    super(`${definition} needs numbers beyond the exact range of compiled code (${detail})`);
  }
}

/** Runs `f`, naming `where` if it needs numbers compiled code cannot hold exactly. */
export function within<T>(where: { id: string; origin: I.Origin }, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof CompileLimitError) throw new CompileLimit(where.id, where.origin, e.message);
    throw e;
  }
}
