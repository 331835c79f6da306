/**
 * Growth fuzzing: the repository's policies grown deep and long at random (seeded) around the
 * language's limits (language/limits.ts) — a literal wrapped in nested parentheses, ifs, calls or
 * minus signs, or replaced by a long operator chain or `in` list; a chain of definitions, a long
 * decision table appended — sometimes with a few ordinary mutations on top. Whatever grows, the
 * checker answers with well-formed diagnostics and never overflows the call stack; every grown
 * policy that checks clean is evaluated by the interpreter, with its explanation serialised.
 */
import * as fs from 'node:fs';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { LIMITS, lex, SourceText, type CheckResult } from '../../language/index.ts';
import { FILE, attempt, checkCase, interpretClean, compileClean, type CaseStats, type FuzzFailure } from './cases.ts';

const SEEDS = {
  shanghai: fs.readFileSync(new URL('../../policies/shanghai/shanghai.doudi', import.meta.url), 'utf8'),
  kitchen: fs.readFileSync(new URL('../fixtures/kitchen.doudi', import.meta.url), 'utf8'),
} as const;

type Growth =
  | { readonly k: 'nest'; readonly i: number; readonly how: 'paren' | 'if' | 'abs' | 'neg'; readonly depth: number }
  | { readonly k: 'chain'; readonly i: number; readonly op: '+' | '-'; readonly terms: number }
  | { readonly k: 'in-list'; readonly values: number }
  | { readonly k: 'definitions'; readonly length: number; readonly person: boolean }
  | { readonly k: 'table'; readonly hit: 'first' | 'unique' | 'collect sum'; readonly rows: number };

/** Numeric literals of a text, where growth wraps or extends. */
const literals = (text: string) => lex(new SourceText(FILE, text)).tokens.filter((t) => t.tokenType.name === 'NumberLit' || t.tokenType.name === 'MoneyLit');

/** The zero of a literal's kind, to extend a chain without changing its value's type. */
const zero = (image: string): string => (/[¥￥元]/.test(image) ? '¥0' : '0');

function grow(text: string, g: Growth): string {
  switch (g.k) {
    case 'nest':
    case 'chain': {
      const lits = literals(text);
      if (!lits.length) return text;
      const t = lits[g.i % lits.length]!;
      const x = t.image;
      const grown =
        g.k === 'chain'
          ? [x, ...Array.from({ length: g.terms - 1 }, () => zero(x))].join(` ${g.op} `)
          : g.how === 'paren'
            ? '('.repeat(g.depth) + x + ')'.repeat(g.depth)
            : g.how === 'if'
              ? 'if true then '.repeat(g.depth) + x + ` else ${x}`.repeat(g.depth)
              : g.how === 'abs'
                ? 'abs('.repeat(g.depth) + x + ')'.repeat(g.depth)
                : '- '.repeat(2 * Math.ceil(g.depth / 2)) + x;
      return text.slice(0, t.startOffset) + grown + text.slice(t.endOffset! + 1);
    }
    case 'in-list':
      return `${text}\noutput grow_in "grow_in" : bool [assumption: growth] = vehicles in (${Array.from({ length: g.values }, (_, i) => i).join(', ')})\n`;
    case 'definitions': {
      const level = g.person ? 'person' : 'household';
      const leaf = g.person ? 'age' : 'vehicles';
      const defs = Array.from({ length: g.length - 1 }, (_, i) => `${level} grow_${i + 1} "grow_${i + 1}" : integer [assumption: growth] = ${i === g.length - 2 ? leaf : `grow_${i + 2} + 1`}`);
      return `${text}\n${defs.join('\n')}\noutput grow_out "grow_out" : integer [assumption: growth] = ${g.person ? 'sum(members: grow_1)' : 'grow_1'}\n`;
    }
    case 'table': {
      const rows = Array.from({ length: g.rows }, (_, i) => `    | ${i} => ${i}`);
      return `${text}\noutput grow_table "grow_table" : integer [assumption: growth] =\n  table ${g.hit} (vehicles)\n${rows.join('\n')}\n    else 0\n`;
    }
  }
}

/** Sizes mostly well inside a limit, often right at it (±3), sometimes far past it. */
const around = (limit: number) =>
  fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: limit }) }, { weight: 3, arbitrary: fc.integer({ min: limit - 3, max: limit + 3 }) }, { weight: 1, arbitrary: fc.integer({ min: limit, max: limit * 20 }) });

const index = fc.nat({ max: 1_000_000 });
const growthArb: fc.Arbitrary<Growth> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('nest' as const), i: index, how: fc.constantFrom('paren' as const, 'if' as const, 'abs' as const, 'neg' as const), depth: around(LIMITS.expressionDepth) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('chain' as const), i: index, op: fc.constantFrom('+' as const, '-' as const), terms: around(LIMITS.expressionDepth) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('in-list' as const), values: around(LIMITS.expressionDepth) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('definitions' as const), length: around(LIMITS.definitionDepth).map((n) => Math.min(n, 3 * LIMITS.definitionDepth)), person: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('table' as const), hit: fc.constantFrom('first' as const, 'unique' as const, 'collect sum' as const), rows: around(LIMITS.tableRows).map((n) => Math.min(n, 2 * LIMITS.tableRows)) }) },
);

/**
 * What a grown policy that checks clean must survive besides the interpreter (which always runs,
 * with its explanation serialised: trees at the limits are deep): each entry takes the check
 * result, the text and the pick of date. The compiled module is one; add any later stage here.
 */
const ON_CLEAN: readonly ((r: CheckResult, text: string, pick: number) => void)[] = [compileClean];

function runGrown(text: string, pick: number, stats?: CaseStats): void {
  const r = checkCase(text);
  if (!r.ir) return;
  if (stats) stats.clean++;
  interpretClean(r.ir, text, pick, stats, true);
  for (const check of ON_CLEAN) check(r, text, pick);
}

/** Grows each seed `runs` times; fails with one entry per distinct fault. */
function growAll(seed: keyof typeof SEEDS, runs: number, fcSeed: number): CaseStats {
  const stats: CaseStats = { clean: 0, evaluated: 0 };
  const found = new Map<string, FuzzFailure>();
  const cases = fc.sample(fc.tuple(growthArb, fc.nat()), { numRuns: runs, seed: fcSeed });
  for (const [g, pick] of cases) {
    const f = attempt(grow(SEEDS[seed], g), pick, stats, runGrown);
    if (f && !found.has(f.signature)) found.set(f.signature, Object.assign(f, { message: `${f.signature}\ngrowth: ${JSON.stringify(g)}` }));
  }
  if (found.size) throw new Error([...found.values()].map((f) => `${f.message}\n${f.details}`).join('\n\n'));
  return stats;
}

describe('the language survives policies grown deep and long', () => {
  for (const [seed, fcSeed] of [['shanghai', 0x6a01], ['kitchen', 0x6a02]] as const)
    it(`${seed}, 40 random growths around the limits`, () => {
      const stats = growAll(seed, 40, fcSeed);
      // within the limits grown policies check clean, and the interpreter runs on them
      expect(stats.clean).toBeGreaterThan(10);
      expect(stats.evaluated).toBe(stats.clean);
    }, 600_000);

  it('each kind of growth at its limit checks clean and evaluates; one past it is refused with the diagnostic of that limit', () => {
    const at: [Growth, Growth, string][] = [
      [{ k: 'nest', i: 1, how: 'paren', depth: LIMITS.expressionDepth - 1 }, { k: 'nest', i: 1, how: 'paren', depth: LIMITS.expressionDepth }, 'expression-too-deep'],
      [{ k: 'chain', i: 1, op: '+', terms: LIMITS.expressionDepth }, { k: 'chain', i: 1, op: '+', terms: LIMITS.expressionDepth + 1 }, 'expression-too-deep'],
      [{ k: 'definitions', length: LIMITS.definitionDepth, person: true }, { k: 'definitions', length: LIMITS.definitionDepth + 1, person: true }, 'definition-chain-too-deep'],
      [{ k: 'table', hit: 'unique', rows: LIMITS.tableRows }, { k: 'table', hit: 'unique', rows: LIMITS.tableRows + 1 }, 'table-too-long'],
    ];
    for (const [ok, over, code] of at) {
      const stats: CaseStats = { clean: 0, evaluated: 0 };
      const f = attempt(grow(SEEDS.kitchen, ok), 0, stats, runGrown);
      if (f) throw new Error(f.details);
      expect([JSON.stringify(ok), stats.evaluated]).toEqual([JSON.stringify(ok), 1]);
      expect(checkCase(grow(SEEDS.kitchen, over)).diagnostics.map((d) => d.code)).toContain(code);
    }
  }, 600_000);
});
