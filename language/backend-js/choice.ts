/**
 * Choices in generated code: the branches of an if, a match or a decision table, each generated into
 * its own block (so evaluation stays lazy inside it), then one result — a ternary when every branch
 * is an expression, else statements.
 */
import { Block, Result, common, times, staticNum, asNum, type V, type GenCtx } from './values.ts';

export function branches(ctx: GenCtx, gens: ((c: GenCtx) => V)[], dispatch: (arms: { block: Block; assign: string }[]) => string[], ternary?: (arms: V[]) => string | undefined): V {
  const blocks = gens.map(() => new Block());
  const vals = gens.map((g, i) => g({ ...ctx, out: blocks[i]! }));
  const kind = vals[0]!.k;
  const nums = kind === 'num' ? vals.map(asNum) : [];
  const { sd } = kind === 'num' ? common(nums) : { sd: undefined };
  const nonNeg = kind === 'num' && nums.every((v) => v.nonNeg);
  if (ternary && blocks.every((b) => b.empty) && (kind !== 'num' || sd !== undefined)) {
    const scaled = kind === 'num' ? nums.map((v) => ({ ...v, n: times(v.n, sd! / v.sd!) }) as V) : vals;
    const t = ternary(scaled);
    // A conditional binds looser than every operator: it is always parenthesised.
    const e = t === undefined ? undefined : `(${t})`;
    if (e !== undefined) return kind === 'num' ? staticNum(e, sd!, nonNeg) : { k: kind, e } as V;
  }
  const r = new Result(kind, sd, nonNeg, ctx);
  ctx.out.push(...dispatch(blocks.map((b, i) => ({ block: b, assign: r.assign(vals[i]!) }))));
  return r.value();
}

export function armBlock(a: { block: Block; assign: string }): string[] {
  return [...a.block.lines.map((l) => '  ' + l), '  ' + a.assign];
}

/**
 * Arms beyond which a choice (table rows, match arms) is emitted as a flat sequence of tests in a
 * labelled block instead of an else-if chain or nested conditionals: V8 parses those recursively,
 * and a few thousand rows overflow its stack (a 3,619-row table compiled to a module whose
 * evaluate() threw on every call). Small choices keep the chain, which reads better.
 */
export const CHAIN_ARMS = 64;

/**
 * `L: { if (c0) { …; break L; } if (c1) { …; break L; } … { otherwise } }`: the first arm whose
 * condition holds; an arm without a condition is the otherwise, and ends the choice.
 */
export function flatArms(arms: readonly { block: Block; assign: string; cond: string | undefined }[], ctx: GenCtx): string[] {
  const label = ctx.tmp();
  const out = [`${label}: {`];
  for (const a of arms) {
    if (a.cond === undefined) {
      out.push('  {', ...armBlock(a).map((l) => '  ' + l), '  }');
      break;
    }
    out.push(`  if (${a.cond}) {`, ...armBlock(a).map((l) => '  ' + l), `    break ${label};`, '  }');
  }
  out.push('}');
  return out;
}
