/**
 * IR expressions → JavaScript. Every number is an exact fraction n/d of safe integers (money in
 * fen). Where d is known when compiling (a literal, a field, a sum of fields, a rounded value) only
 * n exists at run time, and the code is the plain integer arithmetic one would write by hand.
 * Where d depends on the household (an average, a ratio), n and d are both kept and comparisons
 * cross-multiply. Sub-expressions that need statements (tables, matches, loops over members)
 * write them into the current block, which keeps evaluation lazy inside branches.
 */
import type * as I from '../ir/types.ts';
import * as Q from '../numbers/rational.ts';
import { intLiteral } from './names.ts';

export type V =
  /** a number n/d; `sd` is d when it is known at compile time (then `d` is its literal) */
  | { readonly k: 'num'; readonly n: string; readonly d: string; readonly sd?: bigint; readonly nonNeg: boolean }
  | { readonly k: 'bool'; readonly e: string }
  /** an enum code, a date as a day number, or a region code */
  | { readonly k: 'code'; readonly e: string };

export class Block {
  readonly lines: string[] = [];
  push(...ls: string[]): void {
    this.lines.push(...ls);
  }
  nest(b: Block): void {
    for (const l of b.lines) this.lines.push('  ' + l);
  }
  get empty(): boolean {
    return this.lines.length === 0;
  }
}

export interface Refs {
  /** a household field at household h, or a person field at person p */
  field(level: 'household' | 'person', id: string): string;
  /** a parameter: n and d, or the code of an enum/bool/date parameter */
  param(id: string, index?: string): { n: string; d: string } | { code: string };
  /** a definition's value; a definition computed where it is used is generated into ctx */
  def(id: string, level: 'household' | 'person', ctx: GenCtx): V;
  evaluationDay: string;
  enumCode(enumId: string, value: string): number;
  /** records a conflict: returns the statement that sets the household's error */
  conflict(kind: 'exception' | 'table', where: string): string;
  /**
   * The operands of an `and` (or `or`) chain in the order to test them: cheap ones first, when
   * reordering cannot change a result (no operand divides). Absent: as written.
   */
  order?(operands: readonly I.Expr[]): readonly I.Expr[];
}

/** Chains already put in order (their nodes are made by the reordering). */
const ordered = new WeakSet<I.Expr>();

/** The operands of a chain of one operator, left to right: a and (b and c) and d → [a, b, c, d]. */
function chain(e: I.Expr, k: 'and' | 'or'): I.Expr[] {
  return e.k === k ? [...chain(e.a, k), ...chain(e.b, k)] : [e];
}

export interface GenCtx {
  readonly out: Block;
  readonly inMembers: boolean;
  readonly refs: Refs;
  readonly tmp: () => string;
}

const MONEY_SCALE = 100n;

function lcm(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return (a / x) * b;
}

const ATOM = /^(?:[A-Za-z_$\u3400-\u9fff][\w$\u3400-\u9fff]*(?:\[[\w$+* ]+\])?|\(?-?\d+\)?)$/;
export const isAtom = (s: string): boolean => ATOM.test(s);

const paren = (s: string): string => (isAtom(s) ? s : `(${s})`);

function times(s: string, k: bigint): string {
  if (k === 1n) return s;
  if (s === '0') return '0';
  return `${paren(s)} * ${intLiteral(k)}`;
}

function mulStr(a: string, b: string): string {
  if (a === '1') return b;
  if (b === '1') return a;
  if (a === '0' || b === '0') return '0';
  return `${paren(a)} * ${paren(b)}`;
}

export const staticNum = (n: string, sd: bigint, nonNeg: boolean): V => ({ k: 'num', n, d: intLiteral(sd), sd, nonNeg });

/** A number from an exact rational in the language's units (money in yuan → fen). */
/**
 * t/td += n/d: over one denominator the numerators add (the common case: every term in fen);
 * otherwise cross-multiplied and reduced, so denominators stay small.
 */
function fractionAdd(t: string, k: { n: string; d: string }): string[] {
  return [
    `if (${k.d} === ${t}d) ${t} += ${k.n};`,
    `else { ${t} = ${t} * ${k.d} + ${mulStr(k.n, `${t}d`)}; ${t}d = ${t}d * ${k.d}; const g = gcd(${t}, ${t}d); if (g > 1) { ${t} /= g; ${t}d /= g; } }`,
  ];
}

export function constNum(value: Q.Rational, money: boolean): V {
  const v = money ? Q.mul(value, Q.rat(MONEY_SCALE)) : value;
  return staticNum(intLiteral(v.n), v.d, v.n >= 0n);
}

function asNum(v: V): Extract<V, { k: 'num' }> {
  if (v.k !== 'num') throw new Error(`internal: expected a number, got ${v.k}`);
  return v;
}
function asCode(v: V): string {
  if (v.k === 'num') throw new Error('internal: expected a code');
  return v.e;
}

/** Keeps a dynamic fraction in locals so that its parts can be used twice. */
function keep(v: Extract<V, { k: 'num' }>, ctx: GenCtx): Extract<V, { k: 'num' }> {
  if (v.sd !== undefined) {
    if (isAtom(v.n)) return v;
    const t = ctx.tmp();
    ctx.out.push(`const ${t} = ${v.n};`);
    return { ...v, n: t };
  }
  let n = v.n;
  let d = v.d;
  if (!isAtom(n)) {
    const t = ctx.tmp();
    ctx.out.push(`const ${t} = ${n};`);
    n = t;
  }
  if (!isAtom(d)) {
    const t = ctx.tmp();
    ctx.out.push(`const ${t} = ${d};`);
    d = t;
  }
  return { ...v, n, d };
}

function add(a: Extract<V, { k: 'num' }>, b: Extract<V, { k: 'num' }>, op: '+' | '-', ctx: GenCtx): V {
  const nonNeg = op === '+' && a.nonNeg && b.nonNeg;
  if (a.sd !== undefined && b.sd !== undefined) {
    const L = lcm(a.sd, b.sd);
    const right = times(b.n, L / b.sd);
    return staticNum(`${times(a.n, L / a.sd)} ${op} ${op === '-' ? paren(right) : right}`, L, nonNeg);
  }
  const x = keep(a, ctx);
  const y = keep(b, ctx);
  const d = mulStr(x.d, y.d);
  return { k: 'num', n: `${mulStr(x.n, y.d)} ${op} ${paren(mulStr(y.n, x.d))}`, d, nonNeg };
}

function mul(a: Extract<V, { k: 'num' }>, b: Extract<V, { k: 'num' }>, ctx: GenCtx): V {
  const nonNeg = a.nonNeg && b.nonNeg;
  if (a.sd !== undefined && b.sd !== undefined) return staticNum(mulStr(a.n, b.n), a.sd * b.sd, nonNeg);
  const x = keep(a, ctx);
  const y = keep(b, ctx);
  return { k: 'num', n: mulStr(x.n, y.n), d: mulStr(x.d, y.d), nonNeg };
}

function div(a: Extract<V, { k: 'num' }>, b: Extract<V, { k: 'num' }>, ctx: GenCtx): V {
  const nonNeg = a.nonNeg && b.nonNeg;
  // Division by a positive constant keeps a static denominator.
  if (b.sd !== undefined && /^\d+$/.test(b.n) && a.sd !== undefined) return staticNum(times(a.n, b.sd), a.sd * BigInt(b.n), nonNeg);
  const x = keep(a, ctx);
  const y = keep(b, ctx);
  if (b.nonNeg) return { k: 'num', n: mulStr(x.n, y.d), d: mulStr(x.d, y.n), nonNeg };
  return { k: 'num', n: mulStr(mulStr(x.n, y.d), `Math.sign(${y.n})`), d: mulStr(x.d, `Math.abs(${y.n})`), nonNeg };
}

export function compareNums(op: I.CompareOp, a: Extract<V, { k: 'num' }>, b: Extract<V, { k: 'num' }>, ctx: GenCtx): string {
  const js = op === '=' ? '===' : op === '!=' ? '!==' : op;
  if (a.sd !== undefined && b.sd !== undefined) {
    const L = lcm(a.sd, b.sd);
    return `${times(a.n, L / a.sd)} ${js} ${times(b.n, L / b.sd)}`;
  }
  const x = keep(a, ctx);
  const y = keep(b, ctx);
  return `${mulStr(x.n, y.d)} ${js} ${mulStr(y.n, x.d)}`;
}

/** Brings several numbers to one representation for assignment to shared locals. */
function common(vs: Extract<V, { k: 'num' }>[]): { sd?: bigint } {
  if (vs.every((v) => v.sd !== undefined)) return { sd: vs.reduce((l, v) => lcm(l, v.sd!), 1n) };
  return {};
}

const ROUND_MODE: Record<I.RoundFn, number> = { round: 0, round_up: 1, round_down: 2 };
const JS_ROUND: Record<I.RoundFn, string> = { round: 'Math.round', round_up: 'Math.ceil', round_down: 'Math.floor' };

/**
 * round(x / y) to whole steps. Below 2^52 in magnitude (y < 2^53) the float quotient is within
 * 1/(2y) of the true one, closer than any half or whole step it could cross, so Math's rounding
 * is exact there; half away from zero is made symmetric for negative x. Beyond, roundSteps.
 */
function roundCall(x: string, y: string, fn: I.RoundFn, nonNeg: boolean, ctx: GenCtx): string {
  let xs = x;
  if (!isAtom(x)) {
    xs = ctx.tmp();
    ctx.out.push(`const ${xs} = ${x};`);
  }
  if (y === '1') return `(${xs} < 4503599627370496 && ${xs} > -4503599627370496 ? ${xs} : roundSteps(${xs}, 1, ${ROUND_MODE[fn]}))`;
  const quotient = `${xs} / ${paren(y)}`;
  const signed = !nonNeg && JS_ROUND[fn] === 'Math.round';
  const fast = signed ? `(${xs} >= 0 ? Math.round(${quotient}) : 0 - Math.round(-${xs} / ${paren(y)}))` : `${JS_ROUND[fn]}(${quotient})`;
  const yOk = /^\d+$/.test(y) ? '' : ` && ${paren(y)} < 9007199254740992`;
  const xOk = nonNeg ? `${xs} < 4503599627370496` : `${xs} < 4503599627370496 && ${xs} > -4503599627370496`;
  // Zero (a rate of 0 %, an empty sum) is common and needs no division.
  return `(${xs} === 0 ? 0 : ${xOk}${yOk} ? ${fast} : roundSteps(${xs}, ${y}, ${ROUND_MODE[fn]}))`;
}

/** The temporaries a branching construct assigns, and how to read them afterwards. */
class Result {
  private readonly names: string[];
  constructor(
    private readonly kind: V['k'],
    private readonly sd: bigint | undefined,
    private readonly nonNeg: boolean,
    ctx: GenCtx,
  ) {
    const t = ctx.tmp();
    this.names = kind === 'num' && sd === undefined ? [t, `${t}d`] : [t];
    ctx.out.push(`let ${this.names.join(', ')};`);
  }
  assign(v: V): string {
    if (this.kind !== 'num') return `${this.names[0]} = ${v.k === 'bool' ? v.e : asCode(v)};`;
    const x = asNum(v);
    if (this.sd !== undefined) return `${this.names[0]} = ${times(x.n, this.sd / x.sd!)};`;
    return `${this.names[0]} = ${x.n}; ${this.names[1]} = ${x.d};`;
  }
  value(): V {
    if (this.kind === 'bool') return { k: 'bool', e: this.names[0]! };
    if (this.kind === 'code') return { k: 'code', e: this.names[0]! };
    if (this.sd !== undefined) return staticNum(this.names[0]!, this.sd, this.nonNeg);
    return { k: 'num', n: this.names[0]!, d: this.names[1]!, nonNeg: this.nonNeg };
  }
}

/** Generates the branches into blocks, then one result: a ternary when possible, else statements. */
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

function armBlock(a: { block: Block; assign: string }): string[] {
  return [...a.block.lines.map((l) => '  ' + l), '  ' + a.assign];
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
      return table(e, ctx);
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

function asBool(v: V): string {
  if (v.k !== 'bool') throw new Error('internal: expected a bool');
  return v.e;
}

function valueText(v: V): string {
  return v.k === 'num' ? v.n : v.e;
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
      let s = valueText(vals[vals.length - 1]!);
      for (let i = vals.length - 2; i >= 0; i--) s = `${test(arms[i]!.codes).includes('||') ? `(${test(arms[i]!.codes)})` : test(arms[i]!.codes)} ? ${paren(valueText(vals[i]!))} : ${paren(s)}`;
      return s;
    },
  );
}

function cellTest(c: I.Cell, input: V, ctx: GenCtx): string {
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
      return `${cmp('>=', gen(c.lo, ctx))} && ${cmp('<=', gen(c.hi, ctx))}`;
    case 'in':
      return c.vs.map((v) => paren(cmp('=', gen(v, ctx)))).join(' || ');
  }
}

function keepAny(v: V, ctx: GenCtx): V {
  if (v.k === 'num') return keep(v, ctx);
  if (isAtom(v.e)) return v;
  const t = ctx.tmp();
  ctx.out.push(`const ${t} = ${v.e};`);
  return { ...v, e: t };
}

function table(e: Extract<I.Expr, { k: 'table' }>, ctx: GenCtx): V {
  const inputs = e.inputs.map((x) => keepAny(gen(x, ctx), ctx));
  const conds = e.rows.map((r) => {
    const tests = r.cells.map((c, i) => cellTest(c, inputs[i]!, ctx)).filter((t) => t !== 'true');
    return tests.length ? tests.map(paren).join(' && ') : 'true';
  });
  if (e.hit === 'collect-sum') {
    const gens = e.rows.map((r) => (x: GenCtx) => gen(r.result, x));
    const blocks = gens.map(() => new Block());
    const vals = gens.map((g, i) => asNum(g({ ...ctx, out: blocks[i]! })));
    const elseBlock = new Block();
    const elseVal = e.else ? asNum(gen(e.else, { ...ctx, out: elseBlock })) : undefined;
    const all = elseVal ? [...vals, elseVal] : vals;
    const { sd } = common(all);
    const t = ctx.tmp();
    const hits = ctx.tmp();
    ctx.out.push(sd !== undefined ? `let ${t} = 0, ${hits} = 0;` : `let ${t} = 0, ${t}d = 1, ${hits} = 0;`);
    const accumulate = (v: Extract<V, { k: 'num' }>): string =>
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
  let condNames = conds;
  if (e.hit === 'unique') {
    condNames = conds.map((c) => {
      if (c === 'true') return c;
      const t = ctx.tmp();
      ctx.out.push(`const ${t} = ${c};`);
      return t;
    });
    const sum = condNames.map((c) => (c === 'true' ? '1' : `+${c}`)).join(' + ');
    ctx.out.push(`if (${sum} > 1) ${ctx.refs.conflict('table', `unique table at line ${e.at[0]}`)}`);
  }
  const gens = [...e.rows.map((r) => (x: GenCtx) => gen(r.result, x)), ...(e.else ? [(x: GenCtx) => gen(e.else!, x)] : [])];
  return branches(
    ctx,
    gens,
    (bs) => {
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
