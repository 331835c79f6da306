/**
 * Parameter encoding: every parameter's dated values (per region block) as data the module's
 * runtime resolves for a date and a set of regions. A value is [n, d] in compiled units (money in
 * fen), or the index of a formula (a value computed from other parameters) in FORMULAS.
 */
import type * as I from '../ir/types.ts';
import * as Q from '../numbers/rational.ts';
import { gen } from './gen.ts';
import { Block, type GenCtx, type Refs } from './values.ts';
import { jsonLiteral, intLiteral } from './names.ts';
import { typeName, isCodeType, paramWidth, within, type ModuleContext } from './context.ts';

export interface EncodedParameters {
  /** PARAMS: one entry per parameter, read by the runtime's resolveParameters */
  readonly data: unknown[];
  /** FORMULAS: function (N, D, r, day) → [n, d], the source of each */
  readonly formulas: string[];
}

export function encodeParameters(ctx: ModuleContext): EncodedParameters {
  const { ir, enumIndex, enumCode, params } = ctx;
  const formulas: string[] = [];
  // A formula reads the values already resolved for region slot r: N[id][r * width + index].
  const constRefs = (r: string): Refs => ({
    field: () => {
      throw new Error('internal: a parameter value reads a household field');
    },
    param: (id, index) => {
      const p = params.get(id)!;
      const w = paramWidth(ctx, p);
      const at = index === undefined ? r : w === 1 ? r : `${r} * ${w} + ${index}`;
      const key = jsonLiteral(id);
      return isCodeType(p.type) ? { code: `N[${key}][${at}]` } : { n: `N[${key}][${at}]`, d: `D[${key}][${at}]` };
    },
    def: () => {
      throw new Error('internal: a parameter value reads a definition');
    },
    evaluationDay: 'day',
    enumCode,
    conflict: () => '{}',
  });
  const encodeValue = (e: I.Expr, t: I.ParameterIR['type']): unknown => {
    if (e.k === 'const') {
      if (typeof e.v === 'boolean') return [e.v ? 1 : 0, 1];
      if (t.k === 'enum') return [enumCode(t.name, e.v), 1];
      if (t.k === 'date') return [Date.UTC(Number(e.v.slice(0, 4)), Number(e.v.slice(5, 7)) - 1, Number(e.v.slice(8, 10))) / 86400000, 1];
      if (t.k === 'region') return [Number(e.v), 1];
      const v = Q.parseRational(e.v)!;
      const c = t.k === 'money' ? Q.mul(v, Q.rat(100)) : v;
      return [Number(intLiteral(c.n).replace(/[()]/g, '')), Number(c.d)];
    }
    const block = new Block();
    const g: GenCtx = { out: block, inMembers: false, refs: constRefs('r'), tmp: ctx.tmp };
    const v = gen(e, g);
    const ret = v.k === 'num' ? `return [${v.n}, ${v.d}];` : v.k === 'bool' ? `return [${v.e} ? 1 : 0, 1];` : `return [${v.e}, 1];`;
    formulas.push(['function (N, D, r, day) {', ...block.lines.map((l) => '  ' + l), '  ' + ret, '}'].join('\n'));
    return formulas.length - 1;
  };
  const encodeDated = (v: I.DatedValue, t: I.ParameterIR['type']) => ({
    from: v.from,
    v: (Array.isArray(v.value) ? (v.value as I.Expr[]) : [v.value as I.Expr]).map((e) => encodeValue(e, t)),
  });
  const data = ir.parameters.map((p) =>
    within(p, () => ({
      id: p.id,
      kind: p.kind,
      type: typeName(p.type),
      ...(p.by ? { by: p.by, values: enumIndex.get(p.by)!.values.map((v) => v.id) } : {}),
      ...(p.type.k === 'enum' ? { enum: enumIndex.get(p.type.name)!.values.map((v) => v.id) } : {}),
      width: paramWidth(ctx, p),
      divisor: p.divisor,
      settable: !p.hidden,
      defaults: p.values.map((v) => encodeDated(v, p.type)),
      regions: p.regions.map((r) => ({ codes: r.codes, values: r.values.map((v) => encodeDated(v, p.type)) })),
    })),
  );
  return { data, formulas };
}
