/**
 * Decision tables of every hit policy: the interpreter and the compiled module must agree on
 * random households (the same values, the same households refused) — for the reference's examples
 * (docs/examples/tables.doudi), and for random tables: random hit policies, random cells over
 * integer, money, enum and yes/no columns (values, lists, comparisons, closed and open ranges, cells
 * that read a parameter, which the checker cannot analyse), random results and else. Seeded: every
 * run checks the same cases.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkAgreement, resolveSettings, evaluateHousehold, type Household } from '../../language/index.ts';
import { check, compile, loadIR } from '../support/policies.ts';
import { householdArb } from '../support/households.ts';

const DATE = '2024-07-01';

describe('decision tables: interpreter and compiled code agree', () => {
  it('on the reference’s examples of every hit policy (3,000 random households)', () => {
    const ir = loadIR('docs/examples/tables.doudi');
    const policy = { ir, compiled: compile(ir) };
    fc.assert(
      fc.property(householdArb(['330700']), (hh) => {
        expect(checkAgreement(policy, hh, DATE)).toEqual([]);
      }),
      { numRuns: 3000, seed: 13 },
    );
  });

  it('on tables decided at run time (test/fixtures/tables-runtime.doudi: 3,000 random households and thresholds)', () => {
    const ir = loadIR('test/fixtures/tables-runtime.doudi');
    const policy = { ir, compiled: compile(ir) };
    fc.assert(
      fc.property(householdArb(['330000']), fc.integer({ min: 0, max: 4 }), (hh, cut) => {
        const { settings } = resolveSettings(ir, { cut: String(cut) });
        expect(checkAgreement(policy, hh, DATE, settings)).toEqual([]);
      }),
      { numRuns: 3000, seed: 31 },
    );
  });

  it('on 400 random tables of every hit policy, 12 random households each', () => {
    const stats = { clean: 0, refused: 0, errors: 0, households: 0, byHit: {} as Record<string, number> };
    fc.assert(
      fc.property(tableArb, fc.array(householdArb(['310000']), { minLength: 12, maxLength: 12 }), fc.integer({ min: 0, max: 4 }), (t, households, cut) => {
        const r = check(t.text);
        if (!r.ir) {
          // The checker refused it (an incomplete table, rows that overlap or disagree): nothing to run.
          stats.refused++;
          return;
        }
        stats.clean++;
        stats.byHit[t.hit] = (stats.byHit[t.hit] ?? 0) + 1;
        const policy = { ir: r.ir, compiled: compile(r.ir) };
        const { settings, problems } = resolveSettings(r.ir, { cut: String(cut) });
        expect(problems).toEqual([]);
        for (const hh of households as Household[]) {
          expect(checkAgreement(policy, hh, DATE, settings), `${t.text}\nhousehold ${JSON.stringify(hh.values)}`).toEqual([]);
          stats.households++;
        }
      }),
      { numRuns: 400, seed: 20261204 },
    );
    // Enough of them check cleanly, for every hit policy, for the agreement to mean something.
    expect(stats.clean).toBeGreaterThan(120);
    for (const hit of HITS) expect(stats.byHit[hit] ?? 0, `${hit} tables that checked cleanly`).toBeGreaterThan(5);
  });

  it('on 300 unique and any tables whose cells read a parameter: conflicts the checker cannot see are found at run time, by both', () => {
    const seen = { conflicts: 0, values: 0 };
    fc.assert(
      fc.property(conflictArb, fc.array(householdArb(['310000']), { minLength: 12, maxLength: 12 }), fc.integer({ min: 0, max: 4 }), (text, households, cut) => {
        const r = check(text);
        if (!r.ir) return;
        const policy = { ir: r.ir, compiled: compile(r.ir) };
        const { settings } = resolveSettings(r.ir, { cut: String(cut) });
        for (const hh of households as Household[]) {
          expect(checkAgreement(policy, hh, DATE, settings), text).toEqual([]);
          try {
            evaluateHousehold(r.ir, hh, { date: DATE, sets: settings.exact });
            seen.values++;
          } catch {
            seen.conflicts++;
          }
        }
      }),
      { numRuns: 300, seed: 99 },
    );
    expect(seen.conflicts).toBeGreaterThan(50);
    expect(seen.values).toBeGreaterThan(500);
  });
});

// ---------------------------------------------------------------- random tables

const HITS = ['unique', 'first', 'any', 'priority', 'collect sum', 'collect min', 'collect max', 'collect count'] as const;

interface Column {
  readonly input: string;
  readonly cell: fc.Arbitrary<string>;
}

const int = fc.integer({ min: 0, max: 4 });
const amount = fc.constantFrom('¥0', '¥500', '¥1000', '¥1000.50', '¥20000', '¥600000');
const ops = fc.constantFrom('<', '<=', '>', '>=', '=', '!=');
const rangeOp = fc.constantFrom('..', '..<', '<..', '<..<');
const ordered = (v: fc.Arbitrary<string>, param?: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant('-') },
    { weight: 3, arbitrary: fc.tuple(ops, v).map(([o, x]) => `${o} ${x}`) },
    { weight: 3, arbitrary: fc.tuple(v, rangeOp, v).map(([a, o, b]) => `${a}${o}${b}`) },
    { weight: 2, arbitrary: v },
    { weight: 1, arbitrary: fc.tuple(v, v).map(([a, b]) => `${a}, ${b}`) },
    ...(param ? [{ weight: 2, arbitrary: ops.map((o) => `${o} ${param}`) }] : []),
  );

const COLUMNS: readonly Column[] = [
  { input: 'houses', cell: ordered(int.map(String), 'cut') },
  { input: 'vehicles', cell: ordered(int.map(String)) },
  { input: 'financial_assets', cell: ordered(amount) },
  { input: 'area', cell: fc.constantFrom('-', '-', 'urban', 'rural', 'urban, rural', '!= urban') },
  { input: 'dibao_last_month', cell: fc.constantFrom('-', '-', 'true', 'false') },
];

const tableArb = fc
  .record({
    hit: fc.constantFrom(...HITS),
    columns: fc.uniqueArray(fc.integer({ min: 0, max: COLUMNS.length - 1 }), { minLength: 1, maxLength: 3 }),
    rows: fc.integer({ min: 1, max: 6 }),
    withElse: fc.boolean(),
    catchAll: fc.boolean(),
  })
  .chain((shape) => {
    const cols = shape.columns.map((i) => COLUMNS[i]!);
    const priority = shape.hit === 'priority';
    const result = priority ? fc.constantFrom('high', 'mid', 'low') : shape.hit === 'collect count' ? fc.constant('1') : fc.constantFrom('0', '1', '2', '1/3', '0.5', 'cut');
    const row = fc.tuple(fc.tuple(...cols.map((c) => c.cell)), result);
    return fc.tuple(fc.constant(shape), fc.array(row, { minLength: shape.rows, maxLength: shape.rows }), result).map(([s, rows, otherwise]) => {
      const type = priority ? 'level' : shape.hit === 'collect count' ? 'integer' : 'number';
      const lines = rows.map(([cells, r]) => `    | ${cells.join(' | ')} => ${r}`);
      if (s.catchAll) lines.push(`    | ${cols.map(() => '-').join(' | ')} => ${priority ? 'low' : '0'}`);
      const elseLine = s.withElse ? [`  else ${shape.hit === 'collect count' ? '3' : otherwise}`] : [];
      const text = [
        'policy t "random table"',
        '  region 310000',
        '  effective from 2024-01-01',
        '  document "d" "a document"',
        'enum level { high, mid, low }',
        'parameter cut : integer [d] from 2024-01-01 = 2',
        `output r : ${type} [d] =`,
        `  table ${s.hit} (${cols.map((c) => c.input).join(', ')})`,
        ...lines,
        ...elseLine,
        '',
      ].join('\n');
      return { hit: s.hit, text };
    });
  });

/** unique or any over houses and vehicles, cells mostly reading `cut`, results 0–2, always an else. */
const conflictArb = fc
  .tuple(
    fc.constantFrom('unique', 'any'),
    fc.array(fc.tuple(fc.constantFrom('>= cut', '<= cut', '> cut', '!= cut', '-', '1..3', '0'), fc.constantFrom('-', '0', '>= 1'), fc.constantFrom('0', '1', '2')), { minLength: 2, maxLength: 5 }),
  )
  .map(([hit, rows]) =>
    [
      'policy t "random table"',
      '  region 310000',
      '  effective from 2024-01-01',
      '  document "d" "a document"',
      'parameter cut : integer [d] from 2024-01-01 = 2',
      'output r : integer [d] =',
      `  table ${hit} (houses, vehicles)`,
      ...rows.map(([a, b, v]) => `    | ${a} | ${b} => ${v}`),
      '  else 9',
      '',
    ].join('\n'),
  );
