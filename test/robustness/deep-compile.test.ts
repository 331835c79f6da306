/**
 * Deep and long policies, grown at random around the language's limits (language/limits.ts):
 * nested expressions of every kind, long operator chains, chains of definitions across household
 * and person level, long decision tables. Whatever the checker does with one, nothing throws: past
 * a limit it refuses with the limit's positioned diagnostic; within, the policy compiles, its
 * module loads, and it evaluates households — evaluate(), evaluateRecords() and evaluateBatch() —
 * to exactly the interpreter's values (issue 12 item 3: a policy that checks clean always compiles
 * and runs). Seeded: every run grows the same policies.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compileIR, instantiate, evaluateHousehold, LIMITS, LANGUAGE_VERSION, rational as Q, type Household, type PolicyIR, type Scalar } from '../../language/index.ts';
import { check } from '../support/policies.ts';
import { householdArb } from '../support/households.ts';

/** mulberry32: a small seeded generator, so the grown policies are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEAD = `policy deep "deep"
  region 310000
  effective from 2024-01-01
  document "d" "a document"

parameter standard "标准" : money/month [d §1]
  from 2024-01-01 = ¥1500
parameter limit "上限" : integer [d §1]
  from 2024-01-01 = 3

`;

/**
 * Grows expressions of about a given height. Operands that are not atoms are parenthesised (an
 * `if` or an operator chain would otherwise swallow what follows), and each parenthesis is a level
 * too, so the height the checker counts is between h and about 2h.
 */
class Grower {
  constructor(private readonly r: () => number) {}
  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!;
  }
  private small(): number {
    return 1 + Math.floor(this.r() * 2);
  }
  /** An operand: parenthesised unless it is a name, a number or a call. */
  private p(s: string): string {
    return /^[\w]+$|^\w+\([^()]*\)$/.test(s) ? s : `(${s})`;
  }
  int(h: number): string {
    if (h <= 1) return this.pick(['vehicles', 'houses', 'limit', String(Math.floor(this.r() * 9))]);
    switch (Math.floor(this.r() * 7)) {
      case 0:
        return `${this.p(this.int(h - 1))} + ${this.p(this.int(this.small()))}`;
      case 1:
        return `${this.p(this.int(h - 1))} - ${this.int(1)}`;
      case 2:
        return `(${this.int(h - 1)})`;
      case 3:
        return `if ${this.p(this.bool(h - 1))} then ${this.p(this.int(this.small()))} else ${this.p(this.int(this.small()))}`;
      case 4:
        return `if ${this.p(this.bool(2))} then ${this.p(this.int(h - 1))} else ${this.int(1)}`;
      case 5:
        return `${this.pick(['max', 'min'])}(${this.int(h - 2)}, ${this.int(1)})`;
      default:
        return `abs(${this.int(h - 1)})`;
    }
  }
  bool(h: number): string {
    if (h <= 2) return this.pick(['hukou_local', 'dibao_last_month', `vehicles > ${Math.floor(this.r() * 3)}`, 'houses = 1']);
    switch (Math.floor(this.r() * 5)) {
      case 0:
        return `${this.p(this.int(h - 1))} > ${this.p(this.int(this.small()))}`;
      case 1:
        return `${this.p(this.bool(h - 1))} and ${this.p(this.bool(2))}`;
      case 2:
        return `${this.p(this.bool(h - 1))} or ${this.p(this.bool(2))}`;
      case 3:
        return `not ${this.p(this.bool(h - 1))}`;
      default:
        return `(${this.bool(h - 1)})`;
    }
  }
}

function expressionPolicy(seed: number, height: number): string {
  const g = new Grower(random(seed));
  return (
    HEAD +
    [
      `output depth_int "整数" : integer [d §1] = ${g.int(height)}`,
      `output depth_bool "真假" : bool [d §1] = ${g.bool(height)}`,
      // a deep person-level value read once: computed inside the member loop where it is used
      `person share "份" : money/month [d §1] = if (${g.bool(height)}) then wage_income else ¥0`,
      `output depth_money "金额" : money/month [d §1] = sum(members: share) + standard`,
    ].join('\n') +
    '\n'
  );
}

/** A chain of `length` definitions, each reading the one before, switching level at random. */
function chainPolicy(seed: number, length: number): string {
  const r = random(seed);
  const lines: string[] = ['household c0 "c0" : integer [d §1] = vehicles'];
  let level: 'household' | 'person' = 'household';
  for (let i = 1; i < length - 1; i++) {
    const prev = `c${i - 1}`;
    const next: 'household' | 'person' = r() < 0.3 ? (level === 'household' ? 'person' : 'household') : level;
    const read = level === next ? prev : level === 'person' ? `max(members: ${prev} else 0)` : prev;
    const body = r() < 0.2 ? `if ${read} > ${Math.floor(r() * 50)} then ${read} - 1 else ${read} + 1` : `${read} + ${next === 'person' ? 'age' : 'houses'} - 1`;
    lines.push(`${next} c${i} "c${i}" : integer [d §1] = ${body}`);
    level = next;
  }
  const last = `c${length - 2}`;
  lines.push(`output chain_end "链尾" : integer [d §1] = ${level === 'person' ? `sum(members: ${last})` : last} + 0`);
  return HEAD + lines.join('\n') + '\n';
}

function tablePolicy(seed: number, rows: number): string {
  const r = random(seed);
  const row = (i: number) => `    | ${r() < 0.5 ? `>= ${Math.floor(r() * 100)}` : `${Math.floor(r() * 100)}..${100 + Math.floor(r() * 50)}`} | ${r() < 0.5 ? '-' : r() < 0.5 ? 'true' : 'false'} => ${i % 1000}`;
  return (
    HEAD +
    `person band "表档" : integer [d §1] =\n  table first (age, employed)\n${Array.from({ length: rows }, (_, i) => row(i)).join('\n')}\n  else 7\noutput table_sum "表一" : integer [d §1] = sum(members: band)\n` +
    `output table_hh "表二" : integer [d §1] =\n  table collect sum (vehicles, houses)\n${Array.from({ length: rows }, (_, i) => `    | >= ${i % 5} | ${i % 3 === 0 ? '-' : `<= ${i % 4}`} => 1`).join('\n')}\n`
  );
}

const HOUSEHOLDS: Household[] = fc.sample(householdArb(['310101', '310115']), { seed: 12, numRuns: 12 });
const DATE = '2024-07-01';

/** An interpreter value and a compiled one (evaluate()'s form: money in yuan) are the same. */
function same(exact: Scalar, compiled: unknown, money: boolean): boolean {
  if (typeof exact !== 'object') return exact === compiled;
  if (typeof compiled !== 'number') return false;
  return money ? Q.eq(exact, Q.rat(Math.round(compiled * 100), 100)) && Number.isInteger(Math.round(compiled * 100)) : Q.eq(exact, Q.fromNumber(compiled));
}

/** Checks the text; past a limit, the limit's diagnostic; within, compile, run and agree. */
function run(name: string, text: string, households: readonly Household[] = HOUSEHOLDS): 'refused' | 'ran' {
  const r = check(text);
  if (!r.ir) {
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.filter((d) => !['expression-too-deep', 'definition-chain-too-deep', 'table-too-long'].includes(d.code)).map((d) => `${d.code}: ${d.message}`), `${name}: refused for another reason`).toEqual([]);
    for (const d of errors) expect(d.range.start.line, `${name}: ${d.code} is positioned`).toBeGreaterThan(0);
    return 'refused';
  }
  const ir: PolicyIR = r.ir;
  const c = compileIR(ir, r.files, { version: LANGUAGE_VERSION });
  expect(c.diagnostics, name).toEqual([]);
  const m = instantiate(c.js!);
  const json = households.map((h) => ({ ...h.values, members: h.members.map((p) => ({ ...p })) }));
  // money in the JSON form is yuan: the sampled households hold fen
  for (const h of json)
    for (const p of h.members as Record<string, unknown>[]) for (const k of ['wage_income', 'business_income', 'property_income', 'transfer_income', 'basic_pension', 'excluded_income']) p[k] = (p[k] as number) / 100;
  for (const h of json) for (const k of ['financial_assets', 'medical_costs', 'education_costs', 'emergency_cost', 'last_benefit']) (h as Record<string, unknown>)[k] = ((h as Record<string, unknown>)[k] as number) / 100;
  const records = m.evaluateRecords(json, { date: DATE });
  households.forEach((hh, i) => {
    const exact = evaluateHousehold(ir, hh, { date: DATE }).values;
    const one = m.evaluate(json[i], { date: DATE }).outputs;
    const rec = records[i]!;
    expect('outputs' in rec && rec.outputs, `${name}, household ${i}: evaluateRecords`).toEqual(one);
    for (const o of m.outputs) expect(same(exact[o.id]!, one[o.id], o.type.startsWith('money')), `${name}, household ${i}: ${o.id} compiled ${String(one[o.id])}, interpreter ${JSON.stringify(exact[o.id], (_, v) => (typeof v === 'bigint' ? String(v) : v))}`).toBe(true);
  });
  return 'ran';
}

describe('deep and long policies compile and run, or are refused at a limit', () => {
  it('expressions grown around the depth limit', () => {
    const seen = { refused: 0, ran: 0 };
    for (let k = 0; k < 12; k++) {
      const height = Math.floor(LIMITS.expressionDepth * (0.45 + 0.35 * random(k)()));
      seen[run(`expressions (seed ${k}, height ≈ ${height})`, expressionPolicy(k, height))]++;
    }
    // both sides of the limit are reached
    expect(seen.ran).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });

  it('chains of definitions around the chain limit, across household and person level', () => {
    const outcomes = [LIMITS.definitionDepth - 40, LIMITS.definitionDepth, LIMITS.definitionDepth + 1, LIMITS.definitionDepth + 60].map((n, k) => run(`chain of ${n} (seed ${k})`, chainPolicy(100 + k, n)));
    expect(outcomes).toEqual(['ran', 'ran', 'refused', 'refused']);
  });

  it('decision tables at the row limit and past it', () => {
    expect(run('table', tablePolicy(7, LIMITS.tableRows), HOUSEHOLDS.slice(0, 4))).toBe('ran');
    expect(run('table past the limit', tablePolicy(8, LIMITS.tableRows + 1))).toBe('refused');
  });
});
