/**
 * IR expressions → JavaScript (see values.ts for how numbers are held). Sub-expressions that need
 * statements (tables, matches, loops over members) write them into the current block, which keeps
 * evaluation lazy inside branches.
 */
import type * as I from '../ir/types.ts';
import * as Q from '../numbers/rational.ts';
import { intLiteral } from './names.ts';
import {
  Block, MONEY_SCALE, staticNum, constNum, isAtom, paren, times, mulStr, fractionAdd, asNum, asCode, asBool, valueText,
  keep, add, mul, div, compareNums, common, roundCall, type V, type GenCtx,
} from './values.ts';
import { branches, armBlock, flatArms, CHAIN_ARMS } from './choice.ts';
import { table } from './tables.ts';

/** Chains already put in order (their nodes are made by the reordering). */
const ordered = new WeakSet<I.Expr>();

/** The operands of a chain of one operator, left to right: a and (b and c) and d → [a, b, c, d]. */
function chain(e: I.Expr, k: 'and' | 'or'): I.Expr[] {
  return e.k === k ? [...chain(e.a, k), ...chain(e.b, k)] : [e];
}

export function gen(e: I.Expr, ctx: GenCtx): V {
  switch (e.k) {
    case 'const':
      return constant(e, ctx);
    case 'field': {
      const ref = ctx.refs.field(e.level, e.id);
      switch (e.t.k) {
        case 'bool':
          return { k: 'bool', e: `${ref} !== 0` };
        case 'enum':
        case 'region':
          return { k: 'code', e: ref };
        default:
          return staticNum(ref, 1n, true);
      }
    }
    case 'param': {
      const index = e.index ? asCode(gen(e.index, ctx)) : undefined;
      const p = ctx.refs.param(e.id, index);
      if ('code' in p) return e.t.k === 'bool' ? { k: 'bool', e: `${p.code} !== 0` } : { k: 'code', e: p.code };
      return p.d === '1' ? staticNum(p.n, 1n, false) : { k: 'num', n: p.n, d: p.d, nonNeg: false };
    }
    case 'def':
      return ctx.refs.def(e.id, e.level, ctx);
    case 'date':
      return { k: 'code', e: ctx.refs.evaluationDay };
    case 'neg': {
      const a = asNum(gen(e.a, ctx));
      return { ...a, n: `-${paren(a.n)}`, nonNeg: false };
    }
    case 'abs': {
      const a = asNum(gen(e.a, ctx));
      return { ...a, n: `Math.abs(${a.n})`, nonNeg: true };
    }
    case 'not': {
      const a = gen(e.a, ctx);
      return { k: 'bool', e: `!${paren(asBool(a))}` };
    }
    case 'arith': {
      const a = asNum(gen(e.a, ctx));
      const b = asNum(gen(e.b, ctx));
      if (e.op === '+' || e.op === '-') return add(a, b, e.op, ctx);
      if (e.op === '*') return mul(a, b, ctx);
      return div(a, b, ctx);
    }
    case 'cmp': {
      const a = gen(e.a, ctx);
      const b = gen(e.b, ctx);
      if (a.k === 'num') return { k: 'bool', e: compareNums(e.op, a, asNum(b), ctx) };
      const js = e.op === '=' ? '===' : e.op === '!=' ? '!==' : e.op;
      if (a.k === 'bool') return { k: 'bool', e: `${paren(a.e)} ${js} ${paren(asBool(b))}` };
      return { k: 'bool', e: `${a.e} ${js} ${asCode(b)}` };
    }
    case 'and':
    case 'or': {
      if (ctx.refs.order && !ordered.has(e)) {
        const parts = chain(e, e.k);
        const sorted = ctx.refs.order(parts);
        const k = e.k;
        const rebuilt = sorted.slice(1).reduce((acc, x) => {
          const node: I.Expr = { k, t: e.t, a: acc, b: x };
          ordered.add(node);
          return node;
        }, sorted[0]!);
        if (rebuilt !== e) return gen(rebuilt, ctx);
      }
      const a = asBool(gen(e.a, ctx));
      const inner = new Block();
      const b = asBool(gen(e.b, { ...ctx, out: inner }));
      const js = e.k === 'and' ? '&&' : '||';
      if (inner.empty) return { k: 'bool', e: `${paren(a)} ${js} ${paren(b)}` };
      const t = ctx.tmp();
      ctx.out.push(`let ${t} = ${a};`, e.k === 'and' ? `if (${t}) {` : `if (!${t}) {`);
      ctx.out.nest(inner);
      ctx.out.push(`  ${t} = ${b};`, '}');
      return { k: 'bool', e: t };
    }
    case 'if': {
      const c = asBool(gen(e.c, ctx));
      return branches(
        ctx,
        [(x) => gen(e.a, x), (x) => gen(e.b, x)],
        ([a, b]) => [`if (${c}) {`, ...armBlock(a!), '} else {', ...armBlock(b!), '}'],
        ([a, b]) => `${paren(c)} ? ${paren(valueText(a!))} : ${paren(valueText(b!))}`,
      );
    }
    case 'match':
      return match(e, ctx);
    case 'table':
      return table(e, ctx, gen);
    case 'agg':
      return aggregate(e, ctx);
    case 'round': {
      const a = asNum(gen(e.a, ctx));
      const step = Q.parseRational(e.step)!;
      const s = e.t.k === 'money' ? Q.mul(step, Q.rat(MONEY_SCALE)) : step;
      const steps = roundCall(mulStr(a.n, intLiteral(s.d)), mulStr(a.d, intLiteral(s.n)), e.fn, a.nonNeg, ctx);
      return staticNum(s.n === 1n ? steps : `${steps} * ${intLiteral(s.n)}`, s.d, a.nonNeg);
    }
    case 'minmax': {
      const vs = e.args.map((x) => gen(x, ctx));
      if (vs[0]!.k === 'code') return { k: 'code', e: `Math.${e.fn}(${vs.map(asCode).join(', ')})` };
      const nums = vs.map(asNum);
      const nonNeg = e.fn === 'max' ? nums.some((v) => v.nonNeg) : nums.every((v) => v.nonNeg);
      const { sd } = common(nums);
      if (sd !== undefined) return staticNum(`Math.${e.fn}(${nums.map((v) => times(v.n, sd / v.sd!)).join(', ')})`, sd, nonNeg);
      const kept = nums.map((v) => keep(v, ctx));
      const t = ctx.tmp();
      ctx.out.push(`let ${t} = ${kept[0]!.n}, ${t}d = ${kept[0]!.d};`);
      for (const v of kept.slice(1)) {
        const better = e.fn === 'min' ? '<' : '>';
        ctx.out.push(`if (${mulStr(v.n, `${t}d`)} ${better} ${mulStr(t, v.d)}) { ${t} = ${v.n}; ${t}d = ${v.d}; }`);
      }
      return { k: 'num', n: t, d: `${t}d`, nonNeg };
    }
  }
}

function constant(e: Extract<I.Expr, { k: 'const' }>, ctx: GenCtx): V {
  if (typeof e.v === 'boolean') return { k: 'bool', e: String(e.v) };
  switch (e.t.k) {
    case 'enum':
      return { k: 'code', e: String(ctx.refs.enumCode(e.t.name, e.v)) };
    case 'date':
      return { k: 'code', e: intLiteral(Date.UTC(Number(e.v.slice(0, 4)), Number(e.v.slice(5, 7)) - 1, Number(e.v.slice(8, 10))) / 86400000) };
    case 'region':
      return { k: 'code', e: intLiteral(Number(e.v)) };
    default:
      return constNum(Q.parseRational(e.v)!, e.t.k === 'money');
  }
}

function match(e: Extract<I.Expr, { k: 'match' }>, ctx: GenCtx): V {
  const on = asCode(gen(e.on, ctx));
  const key = isAtom(on) ? on : ctx.tmp();
  if (key !== on) ctx.out.push(`const ${key} = ${on};`);
  const arms = e.arms.map((a) => ({ codes: a.values.map((v) => ctx.refs.enumCode((e.on.t as { name: string }).name, v)), body: a.body }));
  const gens = [...arms.map((a) => (x: GenCtx) => gen(a.body, x)), ...(e.otherwise ? [(x: GenCtx) => gen(e.otherwise!, x)] : [])];
  const test = (codes: number[]) => codes.map((c) => `${key} === ${c}`).join(' || ');
  return branches(
    ctx,
    gens,
    (bs) => {
      if (bs.length > CHAIN_ARMS) return flatArms(bs.map((b, i) => ({ ...b, cond: i === bs.length - 1 ? undefined : test(arms[i]!.codes) })), ctx);
      const out: string[] = [];
      bs.forEach((b, i) => {
        const last = i === bs.length - 1;
        const head = last ? (i === 0 ? '{' : '} else {') : `${i === 0 ? 'if' : '} else if'} (${test(arms[i]!.codes)}) {`;
        out.push(head, ...armBlock(b));
      });
      out.push('}');
      return out;
    },
    (vals) => {
      if (vals.length > CHAIN_ARMS) return undefined;
      let s = valueText(vals[vals.length - 1]!);
      for (let i = vals.length - 2; i >= 0; i--) s = `${test(arms[i]!.codes).includes('||') ? `(${test(arms[i]!.codes)})` : test(arms[i]!.codes)} ? ${paren(valueText(vals[i]!))} : ${paren(s)}`;
      return s;
    },
  );
}

function aggregate(e: Extract<I.Expr, { k: 'agg' }>, ctx: GenCtx): V {
  const loop = new Block();
  const inner: GenCtx = { ...ctx, out: loop, inMembers: true };
  if (e.filter) {
    const f = asBool(gen(e.filter, inner));
    loop.push(`if (!${paren(f)}) continue;`);
  }
  const t = ctx.tmp();
  const head = 'for (let p = ps, j = 0; p < pe; p++, j++) {';
  const close = (init: string, after: string[] = []) => {
    ctx.out.push(init, head);
    ctx.out.nest(loop);
    ctx.out.push('}', ...after);
  };
  switch (e.fn) {
    case 'count':
      loop.push(`${t}++;`);
      close(`let ${t} = 0;`);
      return staticNum(t, 1n, true);
    case 'any':
    case 'all': {
      const want = e.fn === 'any';
      if (e.body || !want) {
        const b = e.body ? asBool(gen(e.body, inner)) : 'true';
        if (want) loop.push(`if (${b}) { ${t} = true; break; }`);
        else if (e.body) loop.push(`if (!${paren(b)}) { ${t} = false; break; }`);
      } else loop.push(`${t} = true;`, 'break;');
      if (!want && !e.body) {
        // all(members where f): every member satisfies f — the filter line above skipped those that do not
        loop.lines.length = 0;
        const f = asBool(gen(e.filter!, inner));
        loop.push(`if (!${paren(f)}) { ${t} = false; break; }`);
      }
      close(`let ${t} = ${want ? 'false' : 'true'};`);
      return { k: 'bool', e: t };
    }
    case 'sum': {
      const b = asNum(gen(e.body!, inner));
      if (b.sd !== undefined) {
        loop.push(`${t} += ${b.n};`);
        close(`let ${t} = 0;`);
        return staticNum(t, b.sd, b.nonNeg);
      }
      const k = keep(b, inner);
      loop.push(...fractionAdd(t, k));
      close(`let ${t} = 0, ${t}d = 1;`);
      return { k: 'num', n: t, d: `${t}d`, nonNeg: b.nonNeg };
    }
    case 'min':
    case 'max': {
      const b = gen(e.body!, inner);
      const better = e.fn === 'min' ? '<' : '>';
      const found = `${t}f`;
      if (b.k === 'code') {
        loop.push(`if (!${found} || ${b.e} ${better} ${t}) { ${t} = ${b.e}; ${found} = true; }`);
        const elseBlock = new Block();
        const d = asCode(gen(e.else!, { ...ctx, out: elseBlock }));
        close(`let ${t} = 0, ${found} = false;`, [`if (!${found}) {`, ...elseBlock.lines.map((l) => '  ' + l), `  ${t} = ${d};`, '}']);
        return { k: 'code', e: t };
      }
      const bn = asNum(b);
      const elseBlock = new Block();
      const dv = asNum(gen(e.else!, { ...ctx, out: elseBlock }));
      const { sd } = common([bn, dv]);
      const nonNeg = bn.nonNeg && dv.nonNeg;
      if (sd !== undefined) {
        const x = times(bn.n, sd / bn.sd!);
        if (!isAtom(x)) {
          const v = inner.tmp();
          loop.push(`const ${v} = ${x};`);
          loop.push(`if (!${found} || ${v} ${better} ${t}) { ${t} = ${v}; ${found} = true; }`);
        } else loop.push(`if (!${found} || ${x} ${better} ${t}) { ${t} = ${x}; ${found} = true; }`);
        close(`let ${t} = 0, ${found} = false;`, [`if (!${found}) {`, ...elseBlock.lines.map((l) => '  ' + l), `  ${t} = ${times(dv.n, sd / dv.sd!)};`, '}']);
        return staticNum(t, sd, nonNeg);
      }
      const k = keep(bn, inner);
      loop.push(`if (!${found} || ${mulStr(k.n, `${t}d`)} ${better} ${mulStr(t, k.d)}) { ${t} = ${k.n}; ${t}d = ${k.d}; ${found} = true; }`);
      close(`let ${t} = 0, ${t}d = 1, ${found} = false;`, [`if (!${found}) {`, ...elseBlock.lines.map((l) => '  ' + l), `  ${t} = ${dv.n}; ${t}d = ${dv.d};`, '}']);
      return { k: 'num', n: t, d: `${t}d`, nonNeg };
    }
  }
}
