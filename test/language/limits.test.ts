/**
 * The sizes every stage accepts (language/limits.ts, issue 12 item 3): at each limit a policy checks
 * clean and the interpreter evaluates and explains it; one past it, the checker refuses it with a
 * positioned diagnostic; far past it (a million levels), nothing overflows the call stack.
 */
import { describe, it, expect } from 'vitest';
import { evaluateHousehold, readHousehold, EvalError, LIMITS, rational as Q, type CheckResult, type ExplainNode, type Household, type PolicyIR } from '../../language/index.ts';
import fc from 'fast-check';
import { rules, check, expectClean, expectDiagnostic, HEADER } from '../support/policies.ts';

/** The textbook edit distance, to compare the index's answers with. */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

const hh = (raw: Record<string, unknown>): Household => readHousehold(raw, { lenient: true, defaultRegion: '310000' }).household!;
const HOUSEHOLD = hh({ vehicles: 2, members: [{ age: 40, wage_income: 100 }, { age: 8 }] });
const DEPTH = LIMITS.expressionDepth;

/** Evaluates every output, with explanations, and returns the values. */
function evaluate(ir: PolicyIR, household: Household = HOUSEHOLD): Record<string, unknown> {
  const r = evaluateHousehold(ir, household, { date: '2024-07-01', explain: true });
  expect(JSON.stringify(r.explanation).length).toBeGreaterThan(0);
  return r.values;
}

/** An expression of exactly `depth` levels of one construct, and its type and value. */
const NESTINGS: Record<string, { type: string; make: (depth: number) => string; value: unknown }> = {
  parentheses: { type: 'integer', make: (d) => '('.repeat(d - 1) + '7' + ')'.repeat(d - 1), value: Q.rat(7) },
  ifs: { type: 'integer', make: (d) => 'if true then '.repeat(d - 1) + '7' + ' else 0'.repeat(d - 1), value: Q.rat(7) },
  'else-ifs': { type: 'integer', make: (d) => 'if false then 1 else '.repeat(d - 1) + '7', value: Q.rat(7) },
  'a + chain': { type: 'integer', make: (d) => Array.from({ length: d }, () => '1').join(' + '), value: Q.rat(DEPTH) },
  'an and chain': { type: 'bool', make: (d) => Array.from({ length: d }, () => 'true').join(' and '), value: true },
  nots: { type: 'bool', make: (d) => 'not '.repeat(d - 1) + 'true', value: (DEPTH - 1) % 2 === 0 },
  minuses: { type: 'integer', make: (d) => '- '.repeat(d - 1) + 'vehicles', value: Q.rat((DEPTH - 1) % 2 === 0 ? 2 : -2) },
  calls: { type: 'integer', make: (d) => 'abs('.repeat(d - 1) + '7' + ')'.repeat(d - 1), value: Q.rat(7) },
  // x in (v1 … vn) counts like n comparisons joined by or: n + 1 levels
  'an in list': { type: 'bool', make: (d) => `vehicles in (${Array.from({ length: d - 1 }, (_, i) => i + 1).join(', ')})`, value: true },
};

describe(`expressions nest at most ${DEPTH} levels`, () => {
  for (const [name, n] of Object.entries(NESTINGS)) {
    it(`${name}: ${DEPTH} levels check and evaluate, ${DEPTH + 1} are refused where they are`, () => {
      const ir = expectClean(check(`${HEADER}output x : ${n.type} [d] =\n  ${n.make(DEPTH)}\n`));
      expect(evaluate(ir).x).toEqual(n.value);
      const r = check(`${HEADER}output x : ${n.type} [d] =\n  ${n.make(DEPTH + 1)}\n`);
      expect(r.diagnostics.map((d) => d.code)).toEqual(['expression-too-deep']);
      expect(r.diagnostics[0]!.range.start.line).toBe(6);
      expect(r.diagnostics[0]!.message).toBe(`this expression is nested more than ${DEPTH} levels deep; split it into named definitions`);
    });
  }

  it('counts levels across constructs: parentheses around an if around a sum', () => {
    const make = (parens: number) => `${'('.repeat(parens)}if vehicles > 1 then ${Array.from({ length: DEPTH - 1 - parens }, () => '1').join(' + ')} else 0${')'.repeat(parens)}`;
    expectClean(check(`${HEADER}output x : integer [d] = ${make(50)}\n`));
    expectDiagnostic(check(`${HEADER}output x : integer [d] = ${make(50)} + 1\n`), 'expression-too-deep');
  });

  for (const [name, text] of [
    ['nested parentheses', '('.repeat(1_000_000) + '1' + ')'.repeat(1_000_000)],
    ['nested ifs', 'if true then '.repeat(300_000) + '1' + ' else 2'.repeat(300_000)],
    ['else-ifs', 'if false then 1 else '.repeat(300_000) + '2'],
    ['nots', 'not '.repeat(1_000_000) + 'true'],
    ['a sum', Array.from({ length: 500_000 }, () => '1').join('+')],
    ['nested records', `${HEADER}test "t"\n  date 2024-07-01\n  household ${'{ members '.repeat(200_000)}{}${' }'.repeat(200_000)}\n  expect x = 1\n`],
  ] as const)
    it(`refuses ${name} a million levels deep without overflowing, once`, () => {
      const policy = text.startsWith('policy') ? text : `${HEADER}output x : integer [d] = ${text}\noutput y : integer [d] = 1\n`;
      let r: CheckResult | undefined;
      expect(() => (r = check(policy))).not.toThrow();
      expect(r!.diagnostics.filter((d) => d.code === 'expression-too-deep')).toHaveLength(1);
      // the declaration after it is read as usual
      if (!text.startsWith('policy')) expect(r!.diagnostics.every((d) => d.range.start.line === 5)).toBe(true);
    });
});

describe(`definitions chain at most ${LIMITS.definitionDepth} deep`, () => {
  /** n definitions, the output o reading d1, d1 reading d2 … */
  const chain = (n: number, level = 'household', leaf = level === 'person' ? 'age' : 'vehicles') =>
    Array.from({ length: n - 1 }, (_, i) => `${level} d${i + 1} : integer [d] = ${i === n - 2 ? leaf : `d${i + 2} + 1`}`).join('\n') +
    `\noutput o : integer [d] = ${level === 'person' ? 'sum(members: d1)' : 'd1'}\n`;
  const N = LIMITS.definitionDepth;

  it(`${N} definitions each reading the next check, evaluate and explain`, () => {
    const ir = expectClean(check(HEADER + chain(N)));
    const r = evaluateHousehold(ir, HOUSEHOLD, { date: '2024-07-01', explain: true });
    expect(r.values.o).toEqual(Q.rat(2 + N - 2));
    // the tree is cut every 100 levels and continues in entries of its own, after the outputs'
    const byKey = new Map(r.explanation!.slice(1).map((n) => [n.key, n]));
    const height = (n: ExplainNode): number => 1 + Math.max(0, ...n.reads.map(height));
    expect(Math.max(...r.explanation!.map(height))).toBeLessThanOrEqual(100);
    let depth = 1;
    for (let n = r.explanation![0]!; ; ) {
      let next = n.reads.find((x) => x.kind === 'definition');
      if (!next) break;
      depth++;
      if (next.continued) next = byKey.get(next.key)!;
      n = next;
    }
    expect(depth).toBe(N);
  });

  it('one more is refused, at the definition that starts the chain past the limit', () => {
    const r = check(HEADER + chain(N + 1));
    const d = expectDiagnostic(r, 'definition-chain-too-deep', { line: 5 + N });
    expect(d.message).toBe(`o starts a chain of ${N + 1} definitions, each reading the next (o → d1 → d2 → … → d999 → d1000); at most ${N} are allowed: compute several steps in one definition`);
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toHaveLength(1);
  });

  it('person-level chains evaluate for every member', () => {
    const ir = expectClean(check(HEADER + chain(N, 'person')));
    expect(evaluate(ir).o).toEqual(Q.rat(40 + 8 + 2 * (N - 2)));
  });

  it('parameters chain on their own count: a rule may read the end of a chain of parameters', () => {
    const params = (n: number) => Array.from({ length: n }, (_, i) => `parameter p${i} : integer [d]\n  from 2024-01-01 = ${i === n - 1 ? '1' : `p${i + 1} + 1`}`).join('\n');
    const ir = expectClean(check(`${HEADER}${params(N)}\n${chain(N, 'household', 'p0')}`));
    expect(evaluate(ir).o).toEqual(Q.rat(N + N - 2));
    expectDiagnostic(check(`${HEADER}${params(N + 1)}\noutput o : integer [d] = p0\n`), 'definition-chain-too-deep');
  });

  it('deep chains evaluate lazily all the same: what an untaken branch reads is not an error, what a taken one reads is', () => {
    // d0 … d59 each reads the next; d59 reads a parameter that has no value in 2024, but only when vehicles > 5.
    const policy = (guard: string) =>
      `${HEADER}parameter late : integer [d]\n  from 2030-01-01 = 1\n` +
      Array.from({ length: 60 }, (_, i) => `household d${i} : integer [d] = ${i === 59 ? `if ${guard} then late else 3` : `d${i + 1} + 1`}`).join('\n') +
      '\noutput o : integer [d] = d0\n';
    expect(evaluateHousehold(expectClean(check(policy('vehicles > 5'))), HOUSEHOLD, { date: '2024-07-01' }).values.o).toEqual(Q.rat(62));
    const ir = expectClean(check(policy('vehicles > 1')));
    expect(() => evaluateHousehold(ir, HOUSEHOLD, { date: '2024-07-01' })).toThrow(EvalError);
    expect(() => evaluateHousehold(ir, HOUSEHOLD, { date: '2024-07-01' })).toThrow('parameter late has no value in force on 2024-07-01 (its first value is from 2030-01-01)');
  });
});

describe(`exceptions nest at most ${DEPTH} deep`, () => {
  const nested = (n: number) => `output o : integer [d] = 0\n${Array.from({ length: n }, (_, i) => `  exception e${i}${i ? ` to e${i - 1}` : ''} when vehicles > 0 then ${i}`).join('\n')}\n`;
  it('at the limit they evaluate (the innermost applies); past it they are refused at the exception', () => {
    expect(evaluate(expectClean(check(HEADER + nested(DEPTH)))).o).toEqual(Q.rat(DEPTH - 1));
    const d = expectDiagnostic(check(HEADER + nested(DEPTH + 1)), 'expression-too-deep', { line: 6 + DEPTH });
    expect(d.message).toContain('the exceptions of o (exceptions to exceptions)');
  });
});

describe(`tables have at most ${LIMITS.tableRows} rows`, () => {
  const table = (hit: string, rows: number, extra = '') => `${HEADER}output o : integer [d] =\n  table ${hit} (vehicles)\n${Array.from({ length: rows }, (_, i) => `    | ${i} => ${i}`).join('\n')}${extra}\n    else 99\n`;

  for (const hit of ['first', 'unique', 'collect sum'])
    it(`a ${hit} table of ${LIMITS.tableRows} rows checks and evaluates; one more row is refused at that row`, () => {
      expect(evaluate(expectClean(check(table(hit, LIMITS.tableRows)))).o).toEqual(Q.rat(2));
      const r = check(table(hit, LIMITS.tableRows + 1));
      expect(r.diagnostics.map((d) => d.code)).toEqual(['table-too-long']);
      expect(r.diagnostics[0]!.range.start.line).toBe(7 + LIMITS.tableRows);
    });

  it(`a unique table of ${LIMITS.tableRows} rows finds the one pair that overlaps`, () => {
    const r = check(table('unique', LIMITS.tableRows - 1, '\n    | 4000..4001 => 1'));
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['table-overlap', 'rows 4001 and 10000 of this unique table both match (4000)'],
      ['table-overlap', 'rows 4002 and 10000 of this unique table both match (4001)'],
    ]);
  });
});

describe('"did you mean" is linear in the number of unknown names', () => {
  it('4,000 unknown names against 4,000 declarations: a bounded number of comparisons, and the right hints', async () => {
    const { hintStats, MAX_CHECKED } = await import('../../language/checker/hints.ts');
    const n = 4000;
    const decls = Array.from({ length: n }, (_, i) => `household amount_${i} : integer [d] = ${i}`).join('\n');
    const uses = Array.from({ length: n }, (_, i) => `output o${i} : integer [d] = amount_${i}x`).join('\n');
    const before = hintStats.comparisons;
    const r = rules`${decls}\n${uses}`;
    const comparisons = hintStats.comparisons - before;
    // every one of the 4,000 declarations is a candidate for every unknown name; compared all, 16 million
    expect(comparisons).toBeLessThan(n * MAX_CHECKED);
    expect(comparisons).toBeLessThan(n * 50);
    const unknown = r.diagnostics.filter((d) => d.code === 'unknown-name');
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown[0]!.message).toBe('unknown name amount_0x; did you mean amount_0 or amount_1 or amount_2?');
    // every hint is a near name, even where thousands of names share "amount_"
    for (const d of unknown) {
      const [, name, hint] = /^unknown name (\S+?)(?:; did you mean (.*)\?)?$/.exec(d.message)!;
      for (const h of hint?.split(' or ') ?? []) expect(levenshtein(h, name!)).toBeLessThanOrEqual(2);
    }
    expect(unknown.filter((d) => d.message.includes('did you mean')).length).toBe(unknown.length);
  });

  it('gives exactly the hints of comparing with every name, for any set of fewer names than its bounds', async () => {
    const { NameHints, allowedDistance, MAX_CHECKED } = await import('../../language/checker/hints.ts');
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-c低保_]{1,9}$/), { minLength: 1, maxLength: MAX_CHECKED - 1 }), fc.array(fc.stringMatching(/^[a-c低保_]{1,10}$/), { minLength: 1, maxLength: 20 }), (names, queries) => {
        const index = new NameHints(names);
        for (const q of queries) {
          const all = names.filter((n) => levenshtein(n, q) <= allowedDistance(q)).slice(0, 3);
          expect(index.near(q)).toEqual(all);
        }
      }),
      { numRuns: 300, seed: 0x41 },
    );
  });

  it('suggests the same names as comparing with every name (a typo, a missing and an extra letter, a swapped pair)', () => {
    const r = rules`household dibao_standard_local : integer [d] = 1
household 低保标准金额 : integer [d] = 2
output a : integer [d] = dibao_standrd_local
output b : integer [d] = dibao_standard_locall
output c : integer [d] = 低保标金额
output e : integer [d] = dibao_stnadard_local
output f : integer [d] = rund(1.5, 1)
output g : integer [d] = roudn(1.5, 1)`;
    expect(r.diagnostics.filter((d) => d.code === 'unknown-name').map((d) => d.message)).toEqual([
      'unknown name dibao_standrd_local; did you mean dibao_standard_local?',
      'unknown name dibao_standard_locall; did you mean dibao_standard_local?',
      'unknown name 低保标金额; did you mean 低保标准金额?',
      'unknown name dibao_stnadard_local; did you mean dibao_standard_local?',
      'unknown name rund; did you mean round?',
      // a swapped pair is two edits: too far for a name of five letters
      'unknown name roudn',
    ]);
  });
});
