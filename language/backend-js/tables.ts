/**
 * Decision tables → JavaScript, for every hit policy. Each row's condition is one expression over
 * the inputs (kept in locals); a row's result is generated only inside its own block, where its
 * condition holds. `first`, `unique` and `any` choose as an else-if chain (a flat sequence past
 * CHAIN_ARMS rows); `unique` then counts the matching rows and `any` compares every other matching
 * row's result with the chosen one (a difference sets the household's error, as the interpreter
 * throws). `priority` with constant results is `first` over the rows in the order of their results;
 * otherwise it keeps the least enum code. `collect` adds, counts or keeps the least or greatest.
 * `gen` is passed in (rather than imported) so that this file and gen.ts do not import each other.
 */
import type * as I from '../ir/types.ts';
import { Block, staticNum, paren, times, mulStr, asNum, asCode, compareNums, common, keep, keepAny, type V, type GenCtx } from './values.ts';
import { branches, armBlock, flatArms, CHAIN_ARMS } from './choice.ts';

type Gen = (e: I.Expr, ctx: GenCtx) => V;
type Table = Extract<I.Expr, { k: 'table' }>;
type Num = Extract<V, { k: 'num' }>;

function cellTest(c: I.Cell, input: V, ctx: GenCtx, gen: Gen): string {
  const cmp = (op: I.CompareOp, v: V): string => {
    if (input.k === 'num') return compareNums(op, input, asNum(v), ctx);
    const js = op === '=' ? '===' : op === '!=' ? '!==' : op;
    if (input.k === 'bool' && v.k === 'bool' && (v.e === 'true' || v.e === 'false')) return (v.e === 'true') === (op === '=') ? input.e : `!${paren(input.e)}`;
    return `${input.k === 'bool' ? paren(input.e) : input.e} ${js} ${v.k === 'bool' ? paren(v.e) : asCode(v)}`;
  };
  switch (c.k) {
    case 'any':
      return 'true';
    case 'cmp':
      return cmp(c.op, gen(c.v, ctx));
    case 'range':
      return `${cmp(c.loOpen ? '>' : '>=', gen(c.lo, ctx))} && ${cmp(c.hiOpen ? '<' : '<=', gen(c.hi, ctx))}`;
    case 'in':
      return c.vs.map((v) => paren(cmp('=', gen(v, ctx)))).join(' || ');
  }
}

export function table(e: Table, ctx: GenCtx, gen: Gen): V {
  const inputs = e.inputs.map((x) => keepAny(gen(x, ctx), ctx));
  const conds = e.rows.map((r) => {
    const tests = r.cells.map((c, i) => cellTest(c, inputs[i]!, ctx, gen)).filter((t) => t !== 'true');
    return tests.length ? tests.map(paren).join(' && ') : 'true';
  });
  switch (e.hit) {
    case 'collect-sum':
    case 'collect-count':
      return collect(e, conds, ctx, gen);
    case 'collect-min':
    case 'collect-max':
      return extreme(e, conds, ctx, gen);
    case 'priority':
      return priority(e, conds, ctx, gen);
    default:
      return single(e, conds, ctx, gen);
  }
}

/** Names each condition that is not `true` in a local, so it can be tested again. */
function named(conds: readonly string[], ctx: GenCtx): string[] {
  return conds.map((c) => {
    if (c === 'true') return c;
    const t = ctx.tmp();
    ctx.out.push(`const ${t} = ${c};`);
    return t;
  });
}

/** `first`, `unique`, `any`: the first matching row's result (or else). */
function single(e: Table, conds: readonly string[], ctx: GenCtx, gen: Gen): V {
  let condNames = conds;
  if (e.hit === 'unique' || e.hit === 'any') condNames = named(conds, ctx);
  if (e.hit === 'unique') {
    const sum = condNames.map((c) => (c === 'true' ? '1' : `+${c}`)).join(' + ');
    ctx.out.push(`if (${sum} > 1) ${ctx.refs.conflict('table', `unique table at line ${e.at[0]}`)}`);
  }
  const gens = [...e.rows.map((r) => (x: GenCtx) => gen(r.result, x)), ...(e.else ? [(x: GenCtx) => gen(e.else!, x)] : [])];
  const chosen = branches(
    ctx,
    gens,
    (bs) => {
      if (bs.length > CHAIN_ARMS) {
        const last = bs.length - 1;
        return flatArms(bs.map((b, i) => ({ ...b, cond: i >= e.rows.length || (i === last && condNames[i] === 'true') ? undefined : condNames[i] })), ctx);
      }
      const out: string[] = [];
      bs.forEach((b, i) => {
        const isElse = i >= e.rows.length || (i === bs.length - 1 && condNames[i] === 'true');
        const head = isElse ? (i === 0 ? '{' : '} else {') : `${i === 0 ? 'if' : '} else if'} (${condNames[i]}) {`;
        out.push(head, ...armBlock(b));
        if (isElse) bs.length = i + 1;
      });
      out.push('}');
      return out;
    },
    undefined,
  );
  if (e.hit === 'any') anyAgrees(e, condNames, chosen, ctx, gen);
  return chosen;
}

/**
 * `any`: every matching row gives the chosen result. A row whose result is written exactly as every
 * row before it cannot differ from whichever of them was chosen, and is not tested.
 */
function anyAgrees(e: Table, condNames: readonly string[], chosen: V, ctx: GenCtx, gen: Gen): void {
  const texts = e.rows.map((r) => (r.result.k === 'const' ? JSON.stringify(r.result.v) : undefined));
  const site = () => ctx.refs.conflict('table', `any table at line ${e.at[0]}: matching rows give different results`);
  e.rows.forEach((r, i) => {
    if (i === 0 || (texts[i] !== undefined && texts.slice(0, i).every((t) => t === texts[i]))) return;
    const block = new Block();
    const inner: GenCtx = { ...ctx, out: block };
    const v = gen(r.result, inner);
    const same = chosen.k === 'num' ? compareNums('=', asNum(chosen), asNum(v), inner) : `${paren(chosen.e)} === ${paren(v.k === 'num' ? v.n : v.e)}`;
    ctx.out.push(`if (${condNames[i]}) {`);
    ctx.out.nest(block);
    ctx.out.push(`  if (!(${same})) ${site()}`, '}');
  });
}

/** `priority`: the matching row whose result comes first in its enum's order. */
function priority(e: Table, conds: readonly string[], ctx: GenCtx, gen: Gen): V {
  const enumId = (e.t as { name: string }).name;
  const codes = e.rows.map((r) => (r.result.k === 'const' ? ctx.refs.enumCode(enumId, String(r.result.v)) : undefined));
  if (codes.every((c) => c !== undefined)) {
    // Constant results: the first matching row in the order of their codes (ties in row order).
    const order = e.rows.map((_, i) => i).sort((a, b) => codes[a]! - codes[b]! || a - b);
    return single({ ...e, hit: 'first', rows: order.map((i) => e.rows[i]!) }, order.map((i) => conds[i]!), ctx, gen);
  }
  const best = ctx.tmp();
  ctx.out.push(`let ${best} = -1;`);
  e.rows.forEach((r, i) => {
    const block = new Block();
    const v = asCode(gen(r.result, { ...ctx, out: block }));
    ctx.out.push(`if (${conds[i]}) {`);
    ctx.out.nest(block);
    ctx.out.push(`  if (${best} < 0 || ${v} < ${best}) ${best} = ${v};`, '}');
  });
  if (e.else) {
    const block = new Block();
    const v = asCode(gen(e.else, { ...ctx, out: block }));
    ctx.out.push(`if (${best} < 0) {`);
    ctx.out.nest(block);
    ctx.out.push(`  ${best} = ${v};`, '}');
  }
  return { k: 'code', e: best };
}

/** `collect sum` adds the matching rows' results; `collect count` counts the rows. Else when none matches. */
function collect(e: Table, conds: readonly string[], ctx: GenCtx, gen: Gen): V {
  const count = e.hit === 'collect-count';
  const gens = e.rows.map((r) => (x: GenCtx) => (count ? staticNum('1', 1n, true) : gen(r.result, x)));
  const blocks = gens.map(() => new Block());
  const vals = gens.map((g, i) => asNum(g({ ...ctx, out: blocks[i]! })));
  const elseBlock = new Block();
  const elseVal = e.else ? asNum(gen(e.else, { ...ctx, out: elseBlock })) : undefined;
  const all = elseVal ? [...vals, elseVal] : vals;
  const { sd } = common(all);
  const t = ctx.tmp();
  const hits = ctx.tmp();
  ctx.out.push(sd !== undefined ? `let ${t} = 0, ${hits} = 0;` : `let ${t} = 0, ${t}d = 1, ${hits} = 0;`);
  const accumulate = (v: Num): string =>
    sd !== undefined ? `${t} += ${times(v.n, sd / v.sd!)};` : `${t} = ${mulStr(t, v.d)} + ${mulStr(v.n, `${t}d`)}; ${t}d = ${mulStr(`${t}d`, v.d)};`;
  conds.forEach((c, i) => {
    ctx.out.push(`if (${c}) {`);
    ctx.out.nest(blocks[i]!);
    ctx.out.push(`  ${accumulate(vals[i]!)} ${hits}++;`, '}');
  });
  if (elseVal) {
    ctx.out.push(`if (${hits} === 0) {`);
    ctx.out.nest(elseBlock);
    ctx.out.push(`  ${accumulate(elseVal)}`, '}');
  }
  const nonNeg = all.every((v) => v.nonNeg);
  return sd !== undefined ? staticNum(t, sd, nonNeg) : { k: 'num', n: t, d: `${t}d`, nonNeg };
}

/** `collect min` / `collect max`: the least or greatest matching result (else when none matches). */
function extreme(e: Table, conds: readonly string[], ctx: GenCtx, gen: Gen): V {
  const better = e.hit === 'collect-min' ? '<' : '>';
  const blocks = e.rows.map(() => new Block());
  const vals = e.rows.map((r, i) => asNum(gen(r.result, { ...ctx, out: blocks[i]! })));
  const elseBlock = new Block();
  const elseVal = e.else ? asNum(gen(e.else, { ...ctx, out: elseBlock })) : undefined;
  const all = elseVal ? [...vals, elseVal] : vals;
  const { sd } = common(all);
  const nonNeg = e.hit === 'collect-max' ? all.some((v) => v.nonNeg) : all.every((v) => v.nonNeg);
  const t = ctx.tmp();
  const found = `${t}f`;
  ctx.out.push(sd !== undefined ? `let ${t} = 0, ${found} = false;` : `let ${t} = 0, ${t}d = 1, ${found} = false;`);
  // A value as the shared locals hold it: scaled to the common denominator, or kept as n and d.
  const held = (v: Num, block: Block): Num => (sd !== undefined ? { ...v, n: times(v.n, sd / v.sd!) } : keep(v, { ...ctx, out: block }));
  const assign = (k: Num): string => (sd !== undefined ? `${t} = ${k.n};` : `${t} = ${k.n}; ${t}d = ${k.d};`);
  const beats = (k: Num): string => (sd !== undefined ? `${k.n} ${better} ${t}` : `${mulStr(k.n, `${t}d`)} ${better} ${mulStr(t, k.d)}`);
  conds.forEach((c, i) => {
    const block = blocks[i]!;
    const k = held(vals[i]!, block);
    ctx.out.push(`if (${c}) {`);
    ctx.out.nest(block);
    ctx.out.push(`  if (!${found} || ${beats(k)}) { ${assign(k)} ${found} = true; }`, '}');
  });
  if (elseVal) {
    const k = held(elseVal, elseBlock);
    ctx.out.push(`if (!${found}) {`);
    ctx.out.nest(elseBlock);
    ctx.out.push(`  ${assign(k)}`, '}');
  }
  return sd !== undefined ? staticNum(t, sd, nonNeg) : { k: 'num', n: t, d: `${t}d`, nonNeg };
}
