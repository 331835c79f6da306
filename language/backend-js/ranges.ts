/**
 * Bounds of values, for the one place the batch function stores a number in a narrow column: an
 * integer output is an Int32Array cell, which would silently wrap a value past 2^31. Interval
 * arithmetic over the IR (fields by the schema's bounds and column, counts by the member limit,
 * sums, choices, min/max): an output whose bounds fit needs no check; any other gets one that
 * fails the household at the overflow site instead of writing a wrapped number. Parameters can be
 * set to anything, so what reads one is unbounded unless a choice or a min/max bounds it.
 */
import type * as I from '../ir/types.ts';
import * as Q from '../numbers/rational.ts';
import { findField, MAX_MEMBERS } from '../schema/index.ts';

export type Bounds = readonly [lo: number, hi: number];

const ANY: Bounds = [-Infinity, Infinity];
const COLUMN: Record<string, Bounds> = { u8: [0, 255], u16: [0, 65535], i32: [-2147483648, 2147483647] };
const union = (a: Bounds, b: Bounds): Bounds => [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
/** A sum's bounds: ∞ − ∞ is no bound. */
const low = (x: number): number => (Number.isNaN(x) ? -Infinity : x);
const high = (x: number): number => (Number.isNaN(x) ? Infinity : x);

function times(a: Bounds, b: Bounds): Bounds {
  const p = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]].map((x) => (Number.isNaN(x) ? 0 : x));
  return [Math.min(...p), Math.max(...p)];
}

/** Bounds of each definition's value (in the language's units), definitions in dependency order. */
export function definitionBounds(defs: readonly I.DefinitionIR[]): Map<string, Bounds> {
  const known = new Map<string, Bounds>();
  const of = (e: I.Expr): Bounds => {
    switch (e.k) {
      case 'const': {
        if (typeof e.v === 'boolean') return [0, 1];
        const r = Q.parseRational(e.v);
        return r ? [Math.floor(Q.toNumber(r)), Math.ceil(Q.toNumber(r))] : ANY;
      }
      case 'field': {
        // Money is in yuan here and in fen in its column: left unbounded (an integer is made from
        // money only by division, which is unbounded anyway).
        const f = findField(e.level, e.id);
        if (!f?.column || f.type?.k === 'money') return ANY;
        const c = COLUMN[f.column] ?? ANY;
        return [Math.max(c[0], f.min ?? -Infinity), Math.min(c[1], f.max ?? Infinity)];
      }
      case 'def':
        return known.get(e.id) ?? ANY;
      case 'neg': {
        const a = of(e.a);
        return [-a[1], -a[0]];
      }
      case 'abs': {
        const [lo, hi] = of(e.a);
        return lo >= 0 ? [lo, hi] : hi <= 0 ? [-hi, -lo] : [0, Math.max(-lo, hi)];
      }
      case 'arith': {
        const a = of(e.a);
        const b = of(e.b);
        if (e.op === '+') return [low(a[0] + b[0]), high(a[1] + b[1])];
        if (e.op === '-') return [low(a[0] - b[1]), high(a[1] - b[0])];
        if (e.op === '*') return times(a, b);
        // by a divisor of one sign: the quotient's corners
        if (b[0] > 0 || b[1] < 0) {
          const q = [a[0] / b[0], a[0] / b[1], a[1] / b[0], a[1] / b[1]].map((x) => (Number.isNaN(x) ? 0 : x));
          return [Math.min(...q), Math.max(...q)];
        }
        return ANY;
      }
      case 'round': {
        // to a multiple of the step: at most one step beyond the value either way
        const step = Math.abs(Q.toNumber(Q.parseRational(e.step) ?? Q.rat(1)));
        const a = of(e.a);
        return [a[0] - step, a[1] + step];
      }
      case 'if':
        return union(of(e.a), of(e.b));
      case 'match':
        return [...e.arms.map((a) => a.body), ...(e.otherwise ? [e.otherwise] : [])].map(of).reduce(union);
      case 'table': {
        const results = [...e.rows.map((r) => r.result), ...(e.else ? [e.else] : [])].map(of);
        if (e.hit === 'collect-count') return union([0, e.rows.length], e.else ? of(e.else) : [0, 0]);
        if (e.hit !== 'collect-sum') return results.reduce(union, results[0] ?? ANY);
        // every row may match: the sum of the negative and of the positive parts
        return results.reduce<Bounds>((s, b) => [low(s[0] + Math.min(0, b[0])), high(s[1] + Math.max(0, b[1]))], [0, 0]);
      }
      case 'agg': {
        if (e.fn === 'count') return [0, MAX_MEMBERS];
        if (e.fn === 'sum') return times(of(e.body!), [0, MAX_MEMBERS]);
        if (e.fn === 'min' || e.fn === 'max') return union(of(e.body!), e.else ? of(e.else) : of(e.body!));
        return [0, 1];
      }
      case 'minmax': {
        const bs = e.args.map(of);
        return e.fn === 'min' ? [Math.min(...bs.map((b) => b[0])), Math.min(...bs.map((b) => b[1]))] : [Math.max(...bs.map((b) => b[0])), Math.max(...bs.map((b) => b[1]))];
      }
      default:
        return ANY;
    }
  };
  for (const d of defs) known.set(d.id, [d.expr, ...d.exceptions.map((x) => x.then)].map(of).reduce(union));
  return known;
}

/** Whether every value within `b` fits an Int32Array cell. */
export const fitsInt32 = (b: Bounds | undefined): boolean => b !== undefined && b[0] >= -2147483648 && b[1] <= 2147483647;
