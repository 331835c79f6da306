/**
 * The JS backend at the language's limits (language/limits.ts, issue 12 item 3): a policy the
 * checker accepts — expressions LIMITS.expressionDepth deep, chains of LIMITS.definitionDepth
 * definitions, tables of LIMITS.tableRows rows — compiles, loads and evaluates, one household and
 * in batch, with Node's default stack. The modules are run in a plain `node` child (no flags, no
 * test runner around it) and through instantiate() as the simulator loads them.
 *
 * Depth is counted as the language reference counts it: a leaf is one level, each operator,
 * parenthesis pair, `if`, `not` and call adds one, and a call of n arguments n − 1 more.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { emitModule, instantiate, LIMITS, LANGUAGE_VERSION, type Expr, type PolicyIR } from '../../language/index.ts';
import { check } from '../support/policies.ts';

const E = LIMITS.expressionDepth;
const D = LIMITS.definitionDepth;
const R = LIMITS.tableRows;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

const HEAD = `policy t "limits"
  region 310000
  effective from 2024-01-01
  document "d" "a document"

parameter standard "标准" : money/month [d §1]
  from 2024-01-01 = ¥1500
parameter share "比例" : rate [d §1]
  from 2024-01-01 = 1/3

`;

/** One household: 3 vehicles, ¥100 last benefit, members aged 45 (wage ¥2000) and 12 (no wage). */
const MEMBER = {
  relation: 'head', sex: 'male', co_resident: true, excluded_status: 'none', student: false, work_ability: 'full', disability_grade: 0, disability_type: 'none',
  catastrophic_illness: false, self_care: 'full', employed: true, business_income: 0, property_income: 0, transfer_income: 0, basic_pension: 0, excluded_income: 0,
  has_capable_supporter: false,
};
const HOUSEHOLD = {
  household_id: 'L1', weight: 1, region: '310101', area: 'urban', hukou_local: true, residence_permit: false, financial_assets: 0, vehicles: 3, houses: 1,
  medical_costs: 0, education_costs: 0, emergency_cost: 0, dibao_last_month: false, last_benefit: 100, grace_months_used: 0,
  members: [
    { ...MEMBER, person_id: 'L1-1', age: 45, wage_income: 2000 },
    { ...MEMBER, person_id: 'L1-2', relation: 'child', age: 12, wage_income: 0, employed: false },
  ],
};
const V = 3;

/** Left to right, as the language's additive operators associate. */
const fold = (terms: number[], ops: string[]) => terms.reduce((acc, t, i) => (i === 0 ? t : ops[i - 1] === '+' ? acc + t : acc - t));

interface Case {
  readonly text: string;
  /** changes the checked IR before compiling (to reach a size the checker takes long to analyse) */
  readonly widen?: (ir: PolicyIR) => PolicyIR;
  /** output o for HOUSEHOLD (money in yuan) */
  readonly o: number | boolean;
}

function cases(): Record<string, Case> {
  const out: Record<string, Case> = {};
  // ---- expressions LIMITS.expressionDepth deep ----
  {
    // E terms, E − 1 operators: height E
    const terms = range(E).map((i) => (i % 2 ? V : i));
    out.plusChain = { text: `output o "o" : integer [d §1] = ${range(E).map((i) => (i % 2 ? 'vehicles' : i)).join(' + ')}`, o: terms.reduce((a, b) => a + b) };
    const ops = range(E - 1).map((i) => (i % 2 ? '-' : '+'));
    const mixed = range(E).map((i) => (i % 3 ? 'vehicles' : String(i)));
    out.mixedChain = {
      text: `output o "o" : integer [d §1] = ${mixed.map((t, i) => (i ? ` ${ops[i - 1]} ${t}` : t)).join('')}`,
      o: fold(range(E).map((i) => (i % 3 ? V : i)), ops),
    };
  }
  {
    // each level a parenthesis pair and an operator: 1 + 2 × 99 = 199
    const levels = (E - 1) >> 1;
    let v = V;
    const tail = range(levels).map((i) => (i % 2 ? ((v -= 1), ' - 1)') : ((v += 2), ' + 2)')));
    out.parentheses = { text: `output o "o" : integer [d §1] = ${'('.repeat(levels)}vehicles${tail.join('')}`, o: v };
  }
  {
    // money with a run-time denominator (an average, a rate), rounded: 197 terms of height ≤ 4
    const terms = ['round(avg * share, ¥0.01)', ...range(E - 4).map((i) => ['round(standard * share, ¥1)', 'last_benefit', 'ravg'][i % 3]!)];
    const values = [333.33, ...range(E - 4).map((i) => [500, 100, 1000][i % 3]!)];
    out.moneyChain = {
      text: [
        'household n "n" : integer [d §1] = count(members)',
        'household avg "平均" : money/month [d §1] = if n > 0 then sum(members: wage_income) / n else ¥0',
        'household ravg "ra" : money/month [d §1] = round(avg, ¥0.01)',
        `output o "o" : money/month [d §1] = ${terms.join(' + ')}`,
      ].join('\n'),
      o: Math.round(values.reduce((a, b) => a + b) * 100) / 100,
    };
  }
  {
    // E − 2 nested ifs in the then-branch (an if over a comparison is 3 levels at the bottom):
    // the first i with vehicles ≤ i
    const n = E - 2;
    out.nestedIfThen = { text: `output o "o" : integer [d §1] = ${range(n).map((i) => `if vehicles > ${i} then `).join('')}${n}${range(n).map((i) => ` else ${n - 1 - i}`).join('')}`, o: V };
    // and in the else-branch
    const m = E - 2;
    out.nestedIfElse = { text: `output o "o" : money/month [d §1] = ${range(m).map((i) => `if vehicles = ${i} then ¥${i} else `).join('')}standard`, o: V };
  }
  out.andChain = { text: `output o "o" : bool [d §1] = ${[...range(E - 1).map(() => 'hukou_local'), 'residence_permit'].join(' and ')}`, o: false };
  out.orChain = { text: `output o "o" : bool [d §1] = ${[...range(E - 1).map(() => 'dibao_last_month'), 'hukou_local'].join(' or ')}`, o: true };
  {
    // a two-argument call is two levels: 1 + 2 × 99
    const levels = (E - 1) >> 1;
    out.nestedCalls = { text: `output o "o" : integer [d §1] = ${range(levels).map((i) => (i % 2 ? 'max(1, ' : 'min(50, ')).join('')}vehicles${')'.repeat(levels)}`, o: V };
  }
  out.nestedNot = { text: `output o "o" : bool [d §1] = ${'not '.repeat(E - 3)}(vehicles > 0)`, o: (E - 3) % 2 === 0 };
  out.parameterFormula = {
    text: `parameter f "f" : money/month [d §1]\n  from 2024-01-01 = standard${' + ¥1'.repeat(E - 1)}\noutput o "o" : money/month [d §1] = f`,
    o: 1500 + E - 1,
  };
  out.personInlined = { text: `person q "q" : integer [d §1] = age${' + 1'.repeat(E - 1)}\noutput o "o" : integer [d §1] = sum(members: q)`, o: 45 + 12 + 2 * (E - 1) };

  // ---- chains of LIMITS.definitionDepth definitions, each reading the one before ----
  out.householdChain = {
    text: ['household h0 "h0" : integer [d §1] = vehicles', ...range(D - 2).map((i) => `household h${i + 1} "h${i + 1}" : integer [d §1] = h${i} + vehicles`), `output o "o" : integer [d §1] = h${D - 2} + vehicles`].join('\n'),
    o: D * V,
  };
  out.personChain = {
    text: ['person p0 "p0" : integer [d §1] = age', ...range(D - 2).map((i) => `person p${i + 1} "p${i + 1}" : integer [d §1] = p${i} + age`), `output o "o" : integer [d §1] = sum(members: p${D - 2})`].join('\n'),
    o: (D - 1) * (45 + 12),
  };
  {
    const k = (D - 2) / 2;
    out.memberLoopChain = {
      text: [
        'household h0 "h0" : integer [d §1] = vehicles',
        ...range(k).flatMap((i) => [`person p${i} "p${i}" : integer [d §1] = age + h${i}`, `household h${i + 1} "h${i + 1}" : integer [d §1] = max(members: p${i} else 0)`]),
        `output o "o" : integer [d §1] = h${k} + 0`,
      ].join('\n'),
      o: V + 45 * k,
    };
  }
  out.constantChain = {
    text: ['household c0 "c0" : money/month [d §1] = standard', ...range(D - 2).map((i) => `household c${i + 1} "c${i + 1}" : money/month [d §1] = c${i} + standard`), `output o "o" : money/month [d §1] = c${D - 2} + standard`].join('\n'),
    o: 1500 * D,
  };
  out.keyedChain = {
    text: [
      'household k0 "k0" : money/month [d §1] = if area = urban then standard else ¥1',
      ...range(D - 2).map((i) => `household k${i + 1} "k${i + 1}" : money/month [d §1] = k${i} + (if area = rural then standard else ¥1)`),
      `output o "o" : money/month [d §1] = k${D - 2} + (if area = rural then standard else ¥1)`,
    ].join('\n'),
    o: 1500 + (D - 1),
  };
  // each value read twice by the next: inlining must not double the code at every level
  out.readTwiceChain = {
    text: ['person b0 "b0" : bool [d §1] = age > 10', ...range(D - 2).map((i) => `person b${i + 1} "b${i + 1}" : bool [d §1] = b${i} and (b${i} or age > ${i % 100})`), `output o "o" : integer [d §1] = count(members where b${D - 2})`].join('\n'),
    o: 2,
  };

  // ---- decision tables of LIMITS.tableRows rows ----
  out.tableFirstPerson = {
    text: `person band "档" : integer [d §1] =\n  table first (age, wage_income)\n${range(R).map((i) => `    | ${i % 151} | > ¥${i} => ${i}`).join('\n')}\n  else 0\noutput o "o" : integer [d §1] = sum(members: band)`,
    o: 45,
  };
  out.tableFirstHousehold = { text: `output o "o" : money/month [d §1] =\n  table first (vehicles, houses)\n${range(R).map((i) => `    | ${i} | - => ¥${i}`).join('\n')}\n  else standard`, o: V };
  // The checker's overlap analysis of a unique table is slow at this size (tens of seconds), so
  // two rows are checked and the IR's table widened to R rows of the same shape: | i => 2i.
  out.tableUnique = {
    text: `output o "o" : integer [d §1] =\n  table unique (vehicles)\n    | 0 => 0\n    | 1 => 2\n  else 1`,
    widen: (ir) => {
      const o = ir.definitions.find((d) => d.id === 'o')!;
      const table = o.expr as Extract<Expr, { k: 'table' }>;
      const int = (v: number): Expr => ({ k: 'const', t: table.t, v: String(v) });
      const rows = range(R).map((i) => ({ cells: [{ k: 'in' as const, vs: [int(i)] }], result: int(2 * i), at: table.rows[0]!.at }));
      return { ...ir, definitions: ir.definitions.map((d) => (d === o ? { ...d, expr: { ...table, rows } } : d)) };
    },
    o: 2 * V,
  };
  out.tableCollectSum = { text: `output o "o" : money/month [d §1] =\n  table collect sum (vehicles, houses)\n${range(R).map((i) => `    | >= ${i} | - => standard`).join('\n')}`, o: 1500 * (V + 1) };
  // not a limit of the language, but the same shape: a match of many arms
  out.matchManyArms = {
    text: `enum big "大" { ${range(300).map((i) => `v${i} "v${i}"`).join(', ')} }\nparameter pick "选" : big [d §1]\n  from 2024-01-01 = v7\noutput o "o" : integer [d §1] = match pick { ${range(299).map((i) => `v${i} => ${i}`).join(', ')}, otherwise => vehicles }`,
    o: 7,
  };
  return out;
}

const CASES = cases();
let dir = '';
const modules = new Map<string, string>();

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-limits-'));
  for (const [name, c] of Object.entries(CASES)) {
    const r = check(HEAD + c.text + '\n');
    if (!r.ir) throw new Error(`${name} does not check: ${r.diagnostics.slice(0, 2).map((d) => d.message).join('; ')}`);
    const js = emitModule(c.widen ? c.widen(r.ir) : r.ir, { version: LANGUAGE_VERSION });
    modules.set(name, js);
    fs.writeFileSync(path.join(dir, `${name}.mjs`), js);
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs every module in a plain node process: evaluate(), then the batch path on a one-household population. */
const RUNNER = `
import * as fs from 'node:fs';
const [dir, household] = process.argv.slice(2);
const hh = JSON.parse(household);
const out = {};
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()) {
  const name = f.slice(0, -4);
  try {
    const m = await import(new URL('file://' + dir + '/' + f).href);
    const one = m.evaluate(hh, { date: '2024-07-01' }).outputs.o;
    const pop = m.readHousehold(hh);
    const regions = m.regionsOf(pop);
    const params = m.resolveParameters({ date: '2024-07-01' }, regions.codes);
    const cols = m.allocateOutputs(1);
    const failed = m.evaluateBatch(pop, regions, params, cols);
    out[name] = { one, batch: cols.columns.o[0], failed };
  } catch (e) {
    out[name] = { error: String(e) };
  }
}
process.stdout.write(JSON.stringify(out));
`;

describe('the JS backend at the language limits', () => {
  it('every case checks clean and is generated within the limits', () => {
    expect(Object.keys(CASES).length).toBeGreaterThan(20);
    expect(modules.size).toBe(Object.keys(CASES).length);
  });

  it('modules load and evaluate in a plain node process (default stack), one household and in batch', () => {
    const runner = path.join(os.tmpdir(), `doudi-limits-run-${process.pid}.mjs`);
    fs.writeFileSync(runner, RUNNER);
    try {
      const got = JSON.parse(execFileSync(process.execPath, [runner, dir, JSON.stringify(HOUSEHOLD)], { encoding: 'utf8', maxBuffer: 1 << 24 })) as Record<string, { one?: unknown; batch?: number; failed?: number; error?: string }>;
      for (const [name, c] of Object.entries(CASES)) {
        const g = got[name]!;
        expect(g.error, name).toBeUndefined();
        expect(g.one, name).toBe(c.o);
        expect(g.failed, name).toBe(0);
        // the batch columns hold codes (0/1) and money in fen
        const col = typeof c.o === 'boolean' ? Number(c.o) : /output o "o" : money/.test(c.text) ? Math.round(c.o * 100) : c.o;
        expect(g.batch, name).toBe(col);
      }
    } finally {
      fs.rmSync(runner, { force: true });
    }
  });

  it('modules load through instantiate() as the simulator loads them', () => {
    for (const [name, c] of Object.entries(CASES)) {
      const m = instantiate(modules.get(name)!);
      expect(m.evaluate(HOUSEHOLD, { date: '2024-07-01' }).outputs.o, name).toBe(c.o);
    }
  });
});

describe('whole-number outputs past 2^31', () => {
  it('fail the household at an overflow site instead of wrapping in their Int32 column; bounded ones are not checked', () => {
    const r = check(HEAD + 'output big "大" : integer [d §1] = vehicles * 100000 * 100000\noutput people "人" : integer [d §1] = count(members) + vehicles\n');
    const js = emitModule(r.ir!, { version: LANGUAGE_VERSION });
    // a count plus a u16 field cannot pass 2^31: written without a check
    expect(js).toContain('(h_big | 0) !== h_big');
    expect(js).not.toMatch(/\(\S*people\S* \| 0\)/);
    const m = instantiate(js);
    expect(m.evaluate({ ...HOUSEHOLD, vehicles: 0 }, { date: '2024-07-01' }).outputs).toEqual({ big: 0, people: 2 });
    expect(() => m.evaluate(HOUSEHOLD, { date: '2024-07-01' })).toThrow('big is beyond the range of a whole-number output (2^31)');
    expect(m.evaluateRecord(HOUSEHOLD, { date: '2024-07-01' })).toEqual({ errors: [{ field: '', reason: 'big is beyond the range of a whole-number output (2^31)', definition: 'big' }] });
  });
});
