/**
 * Aggregations over members fused into a member loop the batch function runs anyway (see
 * batch.ts), instead of a loop of their own.
 */
import type * as I from '../ir/types.ts';
import { gen } from './gen.ts';
import { Block, staticNum, isAtom, paren, times, mulStr, fractionAdd, asNum, asCode, asBool, keep, common, type V, type GenCtx } from './values.ts';

/**
 * An aggregation accumulated inside a member loop that is already running: its accumulator is
 * declared in `init` (before the loop), updated in ctx.out (the loop body) and finished in `after`.
 */
export function fusedAggregate(e: Extract<I.Expr, { k: 'agg' }>, ctx: GenCtx, init: Block, after: Block): V {
  const t = ctx.tmp();
  const step = new Block();
  const inner: GenCtx = { ...ctx, out: step };
  const filter = e.filter ? asBool(gen(e.filter, ctx)) : undefined;
  const guard = (lines: string[]) => {
    if (!filter) {
      ctx.out.push(...step.lines, ...lines);
      return;
    }
    ctx.out.push(`if (${filter}) {`);
    ctx.out.nest(step);
    ctx.out.push(...lines.map((l) => '  ' + l), '}');
  };
  switch (e.fn) {
    case 'count':
      init.push(`let ${t} = 0;`);
      guard([`${t}++;`]);
      return staticNum(t, 1n, true);
    case 'any':
    case 'all': {
      const want = e.fn === 'any';
      init.push(`let ${t} = ${want ? 'false' : 'true'};`);
      if (!e.body) {
        // any(members where f): some member satisfies f; all(members where f): every member does
        if (want) guard([`${t} = true;`]);
        else ctx.out.push(`if (!${paren(filter!)}) ${t} = false;`);
        return { k: 'bool', e: t };
      }
      const b = asBool(gen(e.body, inner));
      guard([want ? `if (${b}) ${t} = true;` : `if (!${paren(b)}) ${t} = false;`]);
      return { k: 'bool', e: t };
    }
    case 'sum': {
      const b = asNum(gen(e.body!, inner));
      if (b.sd !== undefined) {
        init.push(`let ${t} = 0;`);
        guard([`${t} += ${b.n};`]);
        return staticNum(t, b.sd, b.nonNeg);
      }
      const k = keep(b, inner);
      init.push(`let ${t} = 0, ${t}d = 1;`);
      guard(fractionAdd(t, k));
      return { k: 'num', n: t, d: `${t}d`, nonNeg: b.nonNeg };
    }
    case 'min':
    case 'max': {
      const better = e.fn === 'min' ? '<' : '>';
      const found = `${t}f`;
      const b = gen(e.body!, inner);
      const elseBlock = new Block();
      const dflt = gen(e.else!, { ...ctx, inMembers: false, out: elseBlock });
      const finish = (assign: string) => after.push(`if (!${found}) {`, ...elseBlock.lines.map((l) => '  ' + l), `  ${assign}`, '}');
      if (b.k === 'code') {
        init.push(`let ${t} = 0, ${found} = false;`);
        guard([`if (!${found} || ${b.e} ${better} ${t}) { ${t} = ${b.e}; ${found} = true; }`]);
        finish(`${t} = ${asCode(dflt)};`);
        return { k: 'code', e: t };
      }
      const bn = asNum(b);
      const dv = asNum(dflt);
      const { sd } = common([bn, dv]);
      const nonNeg = bn.nonNeg && dv.nonNeg;
      if (sd !== undefined) {
        const x = times(bn.n, sd / bn.sd!);
        const v = isAtom(x) ? x : inner.tmp();
        if (v !== x) step.push(`const ${v} = ${x};`);
        init.push(`let ${t} = 0, ${found} = false;`);
        guard([`if (!${found} || ${v} ${better} ${t}) { ${t} = ${v}; ${found} = true; }`]);
        finish(`${t} = ${times(dv.n, sd / dv.sd!)};`);
        return staticNum(t, sd, nonNeg);
      }
      const k = keep(bn, inner);
      init.push(`let ${t} = 0, ${t}d = 1, ${found} = false;`);
      guard([`if (!${found} || ${mulStr(k.n, `${t}d`)} ${better} ${mulStr(t, k.d)}) { ${t} = ${k.n}; ${t}d = ${k.d}; ${found} = true; }`]);
      finish(`${t} = ${dv.n}; ${t}d = ${dv.d};`);
      return { k: 'num', n: t, d: `${t}d`, nonNeg };
    }
  }
}
