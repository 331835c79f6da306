/**
 * A definition with exceptions, as statements: the exceptions that apply at each level must agree
 * (else the household fails at a conflict site); the default is computed only when none applies.
 */
import type * as I from '../ir/types.ts';
import { gen } from './gen.ts';
import { Block, Result, asNum, asBool, valueText, keepAny, compareNums, common, type V, type GenCtx } from './values.ts';

/**
 * Exceptions of a definition, as statements. At each level the exceptions that apply (their own
 * condition holds, or one of their own exceptions applies) must agree; otherwise it is a conflict.
 * The default is computed only when no exception applies.
 */
export function exceptions(d: I.DefinitionIR, ctx: GenCtx): V {
  const children = new Map<string | undefined, I.ExceptionIR[]>();
  for (const x of d.exceptions) children.set(x.parent, [...(children.get(x.parent) ?? []), x]);
  const defaultBlock = new Block();
  const dflt = gen(d.expr, { ...ctx, out: defaultBlock });
  const parts = new Map<string, { condBlock: Block; cond: string; block: Block; v: V }>();
  for (const x of d.exceptions) {
    const condBlock = new Block();
    const cond = asBool(gen(x.when, { ...ctx, out: condBlock }));
    const block = new Block();
    const v = gen(x.then, { ...ctx, out: block });
    parts.set(x.label, { condBlock, cond, block, v });
  }
  const all = [dflt, ...[...parts.values()].map((p) => p.v)];
  const kind = dflt.k;
  const { sd } = kind === 'num' ? common(all.map(asNum)) : { sd: undefined };
  const nonNeg = kind === 'num' && all.every((v) => asNum(v).nonNeg);
  const result = () => new Result(kind, sd, nonNeg, ctx);
  const same = (a: V, b: V): string => (kind === 'num' ? compareNums('=', asNum(a), asNum(b), { ...ctx, out: new Block() }) : `${valueText(a)} === ${valueText(b)}`);

  const level = (parent: string | undefined): { flag: string; res: Result } => {
    const flag = ctx.tmp();
    ctx.out.push(`let ${flag} = 0;`);
    const res = result();
    for (const x of children.get(parent) ?? []) {
      const p = parts.get(x.label)!;
      if (!children.has(x.label)) {
        // A leaf exception: it applies when its condition holds.
        ctx.out.nest(p.condBlock);
        ctx.out.push(`if (${p.cond}) {`);
        ctx.out.nest(p.block);
        const kept = new Block();
        const v = keepAny(p.v, { ...ctx, out: kept });
        ctx.out.nest(kept);
        ctx.out.push(
          `  if (${flag} !== 0 && !(${same(v, res.value())})) ${ctx.refs.conflict('exception', `${d.id}: exception ${x.label} and another that applies give different results`)}`,
          `  ${res.assign(v)} ${flag} = 1;`,
          '}',
        );
        continue;
      }
      const below = level(x.label);
      const applies = ctx.tmp();
      ctx.out.push(`let ${applies} = 0;`);
      const mine = result();
      ctx.out.push(`if (${below.flag} !== 0) { ${mine.assign(below.res.value())} ${applies} = 1; }`);
      ctx.out.push(`if (${applies} === 0) {`);
      ctx.out.nest(p.condBlock);
      ctx.out.push(`  if (${p.cond}) {`);
      for (const l of p.block.lines) ctx.out.push('    ' + l);
      ctx.out.push(`    ${mine.assign(p.v)} ${applies} = 1;`, '  }', '}');
      ctx.out.push(
        `if (${applies} !== 0) {`,
        `  if (${flag} !== 0 && !(${same(mine.value(), res.value())})) ${ctx.refs.conflict('exception', `${d.id}: exception ${x.label} and another that applies give different results`)}`,
        `  ${res.assign(mine.value())} ${flag} = 1;`,
        '}',
      );
    }
    return { flag, res };
  };
  const top = level(undefined);
  const out = result();
  ctx.out.push(`if (${top.flag} !== 0) {`, `  ${out.assign(top.res.value())}`, '} else {');
  ctx.out.nest(defaultBlock);
  ctx.out.push(`  ${out.assign(dflt)}`, '}');
  return out.value();
}
