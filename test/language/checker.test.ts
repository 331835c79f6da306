/**
 * The checker, construct by construct: what a policy author gets wrong and the diagnostic that
 * says so, and what must check cleanly.
 */
import { describe, it, expect } from 'vitest';
import { rules, check, codes, expectDiagnostic, expectClean, HEADER } from '../support/policies.ts';

describe('types and units', () => {
  it('refuses adding a monthly amount to a yearly one, and accepts the explicit conversion', () => {
    expectDiagnostic(rules`household a : money/month [d] = last_benefit + medical_costs`, 'unit-mismatch');
    expectClean(rules`household a : money/month [d] = last_benefit + monthly(medical_costs)`);
    expectClean(rules`household a : money/year [d] = yearly(last_benefit) + medical_costs`);
  });

  it('refuses comparing or adding money and a bare number', () => {
    expectDiagnostic(rules`household a : bool [d] = last_benefit > 100`, 'money-vs-number');
    expectDiagnostic(rules`household a : money/month [d] = last_benefit + 1`, 'money-vs-number');
    expectDiagnostic(rules`household a : money/month [d] = 5`, 'money-vs-number');
    expectClean(rules`household a : bool [d] = last_benefit > ¥100`);
  });

  it('turns a flow times months into an amount, and an amount over months into a flow', () => {
    expectClean(rules`household a : money [d] = last_benefit * 6 months`);
    expectClean(rules`household a : money/month [d] = emergency_cost / 6 months`);
    expectDiagnostic(rules`household a : money/month [d] = last_benefit * 6 months`, 'unit-mismatch');
    expectDiagnostic(rules`household a : bool [d] = grace_months_used < 6`, 'unit-mismatch');
  });

  it('keeps integers integers: a quotient must be rounded', () => {
    expectDiagnostic(rules`household a : integer [d] = vehicles / 2`, 'type-mismatch');
    expectClean(rules`household a : integer [d] = round(vehicles / 2)`);
    expectClean(rules`household a : number [d] = vehicles / 2`);
  });

  it('requires outputs of money to be whole fen', () => {
    expectDiagnostic(rules`output a : money/month [d] = last_benefit * 3.5%`, 'money-not-exact');
    expectClean(rules`output a : money/month [d] = round(last_benefit * 3.5%, ¥0.01)`);
    expectClean(rules`household a : money/month [d] = last_benefit * 3.5%`);
  });

  it('checks rounding steps', () => {
    expectDiagnostic(rules`household a : money/month [d] = round(last_benefit)`, 'bad-step');
    expectDiagnostic(rules`household a : money/month [d] = round(last_benefit, 1)`, 'bad-step');
    expectDiagnostic(rules`household a : money/month [d] = round(last_benefit, ¥0)`, 'bad-step');
    expectClean(rules`household a : money/month [d] = round_up(last_benefit * 110%, ¥10)`);
  });

  it('refuses literals too large to be exact', () => {
    expectDiagnostic(rules`household a : money/month [d] = ¥99999999999999999999`, 'bad-literal');
    expectDiagnostic(rules`household a : number [d] = 0.12345678901234567890`, 'bad-literal');
    expectDiagnostic(rules`household a : bool [d] = evaluation_date > 2024-02-30`, 'bad-literal');
  });
});

describe('names', () => {
  it('resolves fields by their id or their Chinese name', () => {
    const ir = expectClean(rules`output a : money/month [d] = sum(members: 工资性收入 + business_income)`);
    expect(JSON.stringify(ir.definitions[0]!.expr)).toContain('"id":"wage_income"');
  });

  it('suggests a near name, and catches a Chinese keyword written against a name', () => {
    const r = rules`parameter 标准 : money/month [d]
  from 2024-01-01 = ¥1
household a : money/month [d] = 标准x
household b : bool [d] = 如果标准 > ¥0 则 true 否则 false`;
    expect(expectDiagnostic(r, 'unknown-name').message).toContain('did you mean 标准?');
    expect(expectDiagnostic(r, 'glued-keyword').message).toContain('"如果 标准"');
  });

  it('checks enum values, in context and qualified', () => {
    expectClean(rules`household a : bool [d] = area = urban or area = 农村`);
    expectClean(rules`output a : integer [d] = count(members where self_care = self_care.none)`);
    expect(expectDiagnostic(rules`household a : bool [d] = area = suburb`, 'unknown-enum-value').message).toContain('values: urban, rural');
  });

  it('refuses person-level values at household level outside an aggregation', () => {
    expectDiagnostic(rules`household a : integer [d] = age`, 'person-in-household');
    expectClean(rules`household a : integer [d] = max(members: age else 0)`);
  });

  it('says when a keyword is used as a name', () => {
    const r = check(`policy base "x"\n  region 310000\n  effective from 2024-01-01\n`);
    expect(expectDiagnostic(r, 'syntax').message).toBe('"base" is a keyword (原值); choose another name');
  });

  it('refuses reading the simulation weight and ids', () => {
    expectDiagnostic(rules`household a : number [d] = weight`, 'unreadable-field');
    expectDiagnostic(rules`household a : bool [d] = count(members where person_id = 1) > 0`, 'unreadable-field');
  });

  it('reserves built-in names, schema fields and JavaScript object properties', () => {
    expect(codes(rules`household sum : integer [d] = 1`)).toContain('reserved-name');
    expect(codes(rules`household age : integer [d] = 1`)).toContain('reserved-name');
    expect(codes(rules`household __proto__ : integer [d] = 1`)).toContain('reserved-name');
    expect(codes(rules`household constructor : integer [d] = 1`)).toContain('reserved-name');
  });

  it('lets a Chinese label be used as a name', () => {
    expectClean(rules`household income "家庭收入" : money/month [d] = sum(members: wage_income)
output b : money/month [d] = 家庭收入`);
  });
});

describe('totality', () => {
  it('reports every definition in a cycle', () => {
    const r = rules`household a : integer [d] = b
household b : integer [d] = a`;
    expect(codes(r).filter((c) => c === 'cycle')).toHaveLength(2);
    expect(expectDiagnostic(r, 'cycle').message).toContain('a → b → a');
  });

  it('requires a guard for a divisor that may be zero', () => {
    expectDiagnostic(rules`household n : integer [d] = count(members)
household a : money/month [d] = sum(members: wage_income) / n`, 'division-may-be-zero');
    expectClean(rules`household n : integer [d] = count(members)
household a : money/month [d] = if n > 0 then sum(members: wage_income) / n else ¥0
household b : bool [d] = n >= 1 and sum(members: wage_income) / n > ¥10
household c : bool [d] = n = 0 or sum(members: wage_income) / n > ¥10
household e : money/month [d] = ¥0
  exception x when n != 0 then sum(members: wage_income) / n
household f : money/month [d] = sum(members where age > 0: wage_income / age)`);
  });

  it('refuses a zero parameter used as a divisor', () => {
    expectDiagnostic(rules`parameter k : integer [d]
  from 2024-01-01 = 0
household a : number [d] = vehicles / k`, 'zero-divisor');
  });

  it('requires matches to cover every value', () => {
    expect(expectDiagnostic(rules`household a : integer [d] = match area { urban => 1 }`, 'match-not-exhaustive').message).toContain('rural');
    expectClean(rules`household a : integer [d] = match area { urban => 1, otherwise => 2 }`);
    expectClean(rules`output a : integer [d] = sum(members: match self_care { full => 0, partial, none => 1 })`);
  });

  it('requires min and max over members to say what an empty household gives', () => {
    expectDiagnostic(rules`household a : integer [d] = min(members: age)`, 'aggregate-needs-else');
  });
});

describe('decision tables', () => {
  it('reports overlapping rows of a unique table with an example', () => {
    const d = expectDiagnostic(
      rules`household a : integer [d] =
  table unique (vehicles)
    | < 2 => 1
    | <= 4 => 2
    | > 4 => 3`,
      'table-overlap',
    );
    expect(d.message).toContain('rows 1 and 2');
  });

  it('knows integer inputs: < 18 and >= 18 do not overlap, and with > 60 leave 61.. covered', () => {
    expectClean(rules`household a : integer [d] =
  table unique (vehicles)
    | 0    => 1
    | 1..2 => 2
    | > 2  => 3`);
  });

  it('proves a multi-column table complete, or names an input no row matches', () => {
    expectClean(rules`household a : integer [d] =
  table unique (area, houses)
    | urban | 0    => 1
    | urban | >= 1 => 2
    | rural | -    => 3`);
    const d = expectDiagnostic(
      rules`household a : integer [d] =
  table first (area, houses)
    | urban | 0 => 1
    | rural | - => 2`,
      'table-incomplete',
    );
    expect(d.message).toContain('(urban, 1)');
  });

  it('checks cells against their columns', () => {
    expectDiagnostic(rules`household a : integer [d] =
  table first (area)
    | > urban => 1
    else 0`, 'table-cell');
    expectDiagnostic(rules`household a : integer [d] =
  table first (vehicles, area)
    | 1 => 1
    else 0`, 'table-arity');
  });
});

describe('exceptions', () => {
  it('checks labels and parents', () => {
    expectDiagnostic(rules`household a : integer [d] = 0
  exception x when true then 1
  exception x when false then 2`, 'exception-duplicate-label');
    expectDiagnostic(rules`household a : integer [d] = 0
  exception x to y when true then 1`, 'exception-unknown-parent');
  });

  it('gives an exception the facts of its condition', () => {
    expectClean(rules`household n : integer [d] = count(members)
household a : money/month [d] = ¥0
  exception has when n > 0 then sum(members: wage_income) / n`);
  });
});

describe('citations', () => {
  it('checks document keys and warns on uncited declarations', () => {
    expectDiagnostic(rules`household a : integer [nope §1] = 1`, 'unknown-document');
    expect(codes(rules`household a : integer = 1`, 'warning')).toEqual(['missing-citation']);
    expect(codes(rules`household a : integer [assumption: a model choice] = 1`, 'warning')).toEqual([]);
  });
});

describe('composition', () => {
  const base = `policy national "national framework" framework
  region 100000
  effective from 2021-01-01
  document "d" "doc"
parameter standard "标准" : money/month [d]
parameter multiple : number [d]
  from 2021-01-01 = 1.5
output eligible : bool [d] = count(members) > 0 and sum(members: wage_income) < standard
output line : money/month [d] = round(multiple * standard, ¥1)
`;
  const derived = (body: string) => check(`policy child "child" extends "base.doudi"\n  region 330000\n  effective from 2024-01-01\n${body}`, { 'base.doudi': base });

  it('requires a province to supply what the framework leaves open', () => {
    const d = expectDiagnostic(derived(''), 'parameter-no-value');
    expect(d.message).toContain('national leaves it to each policy built on it');
    expect(d.related?.[0]?.file).toBe('base.doudi');
  });

  it('reports overrides for review, and late-binds them in base definitions', () => {
    const r = derived(`override parameter standard : money/month [d]
  from 2024-01-01 = ¥1000
override parameter multiple : number [d]
  from 2024-01-01 = 2`);
    const ir = expectClean(r);
    expect(codes(r, 'info')).toEqual(['override', 'override']);
    expect(ir.parameters.find((p) => p.id === 'multiple')!.overrides?.policy).toBe('national');
  });

  it('lets an override read what it replaces through base', () => {
    const ir = expectClean(derived(`override parameter standard : money/month [d]
  from 2024-01-01 = ¥1000
override output line : money/month [d] = base + ¥10`));
    expect(ir.definitions.map((d) => d.id)).toContain('line@national');
  });

  it('refuses redeclaring without override, overriding nothing, and changing a type', () => {
    expectDiagnostic(derived(`parameter multiple : number [d]\n  from 2024-01-01 = 2`), 'redeclared-without-override');
    expectDiagnostic(derived(`override parameter other : number [d]\n  from 2024-01-01 = 2`), 'override-without-base');
    expectDiagnostic(derived(`override output line : money/year [d] = ¥1`), 'override-type-mismatch');
  });

  it('reports a missing base file and circular extends', () => {
    expectDiagnostic(check(`policy x "x" extends "nowhere.doudi"\n  region 310000\n  effective from 2024-01-01\n`), 'file-not-found');
    const r = check(`policy a "a" extends "b.doudi"\n  region 310000\n  effective from 2024-01-01\n`, { 'b.doudi': `policy b "b" extends "test.doudi"\n  region 310000\n  effective from 2024-01-01\n` });
    expectDiagnostic(r, 'extends-cycle');
  });
});

describe('tests in the language', () => {
  it('checks what a test sets and expects', () => {
    const r = rules`output a : integer [d] = count(members)
test "t"
  date 2024-02-01
  set a = 1
  household { member { agee: 3 } }
  expect b = 1`;
    expect(codes(r)).toEqual(expect.arrayContaining(['test-unknown-name', 'test-household']));
  });

  it('requires a date and a household', () => {
    const r = check(HEADER + 'output a : integer [d] = 1\ntest "t"\n  expect a = 1\n');
    expect(codes(r)).toEqual(expect.arrayContaining(['test-no-date', 'test-no-household']));
  });
});
