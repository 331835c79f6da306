/** Reading households: every problem named by its field, money exact to the fen. */
import { describe, it, expect } from 'vitest';
import { readHousehold, moneyToFen, toColumns, decodeValue, HOUSEHOLD_FIELDS, PERSON_FIELDS, checkPolicy, compileIR, instantiate, LANGUAGE_VERSION } from '../../language/index.ts';
import { fsHost } from '../support/policies.ts';
import * as fs from 'node:fs';

const example = () => JSON.parse(fs.readFileSync('policies/shanghai/examples/household.json', 'utf8'));

describe('reading a household', () => {
  it('reads a complete household, money to fen', () => {
    const r = readHousehold(example());
    expect(r.problems).toEqual([]);
    expect(r.household!.values.financial_assets).toBe(800000);
    expect(r.household!.members[0]!.wage_income).toBe(200000);
  });

  it('names each missing, unknown or mistyped field', () => {
    const raw = example();
    delete raw.vehicles;
    raw.cars = 1;
    raw.area = 'suburb';
    raw.members[1].age = 12.5;
    raw.members[0].wage_income = -3;
    const { problems, household } = readHousehold(raw);
    expect(household).toBeUndefined();
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'vehicles', message: 'is missing' },
        { field: 'cars', message: 'unknown field "cars"' },
        { field: 'area', message: 'the text "suburb" is not one of urban, rural' },
        { field: 'members[1].age', message: 'must be a whole number, not 12.5' },
        { field: 'members[0].wage_income', message: '-3 is negative' },
      ]),
    );
  });

  it('accepts Chinese field names and enum labels', () => {
    const raw = example();
    raw['城乡类别'] = '农村';
    delete raw.area;
    expect(readHousehold(raw).household!.values.area).toBe('rural');
  });

  it('keeps money exact to the fen', () => {
    expect(moneyToFen(1510.5)).toEqual({ fen: 151050 });
    expect(moneyToFen('0.1')).toEqual({ fen: 10 });
    expect(moneyToFen(1.005).error).toContain('more than two decimals');
    expect(moneyToFen(1e21).error).toBeDefined();
  });

  it('fills documented defaults only for inline test households', () => {
    expect(readHousehold({ members: [{}] }).problems.length).toBeGreaterThan(10);
    const r = readHousehold({ members: [{ age: 3 }] }, { lenient: true, defaultRegion: '310000' });
    expect(r.household!.values.region).toBe('310000');
    expect(r.household!.members[0]).toMatchObject({ age: 3, co_resident: true, excluded_status: 'none' });
  });
});

describe('schema version 2', () => {
  const v2 = ['hukou_area', 'last_dibao_status', 'poverty_alleviated', 'relapse_monitoring', 'child_status', 'entitled_group', 'unemployment_insurance', 'institutional_care'];

  it('lists its new fields as optional, every version-1 field as required', () => {
    const optional = [...HOUSEHOLD_FIELDS, ...PERSON_FIELDS].filter((f) => f.optional).map((f) => f.id);
    expect(optional.sort()).toEqual([...v2].sort());
  });

  it('reads a version-1 household unchanged, with the documented defaults', () => {
    const raw = example();
    raw.area = 'rural';
    raw.dibao_last_month = true;
    const r = readHousehold(raw);
    expect(r.problems).toEqual([]);
    const h = r.household!;
    expect(h.values.hukou_area).toBe('rural'); // follows area
    expect(h.values.last_dibao_status).toBe('regular'); // follows dibao_last_month
    expect(h.members[0]).toMatchObject({ poverty_alleviated: false, relapse_monitoring: false, child_status: 'none', entitled_group: false, unemployment_insurance: false, institutional_care: false });
    raw.dibao_last_month = false;
    expect(readHousehold(raw).household!.values.last_dibao_status).toBe('none');
  });

  it('reads the new fields when present, by id or Chinese name, and checks them like any other', () => {
    const raw = example();
    raw['户籍城乡类别'] = '农村';
    raw.last_dibao_status = 'single';
    raw.members[0].child_status = '孤儿';
    raw.members[1].unemployment_insurance = true;
    const h = readHousehold(raw).household!;
    expect(h.values.hukou_area).toBe('rural');
    expect(h.values.last_dibao_status).toBe('single');
    expect(h.members[0]!.child_status).toBe('orphan');
    expect(h.members[1]!.unemployment_insurance).toBe(true);
    raw.last_dibao_status = 'paused';
    expect(readHousehold(raw).problems).toEqual([{ field: 'last_dibao_status', message: 'the text "paused" is not one of none, regular, grace, single' }]);
  });

  it('gives the compiled module the same defaults', () => {
    const r = checkPolicy('test/fixtures/kitchen.doudi', fsHost);
    const m = instantiate(compileIR(r.ir!, r.files, { version: LANGUAGE_VERSION }).js!);
    const pop = m.readHousehold({ ...example(), area: 'rural', dibao_last_month: true });
    expect(pop.household.hukou_area![0]).toBe(1); // rural
    expect(pop.household.last_dibao_status![0]).toBe(1); // regular
    expect(pop.person.child_status![0]).toBe(0);
    const pop2 = m.readHousehold({ ...example(), hukou_area: 'urban', area: 'rural' });
    expect(pop2.household.hukou_area![0]).toBe(0);
  });
});

describe('columns', () => {
  it('round-trips every field through the typed-array columns', () => {
    const hh = readHousehold(example()).household!;
    const pop = toColumns([hh, hh]);
    expect(pop.households).toBe(2);
    expect(Array.from(pop.memberStart)).toEqual([0, 2, 4]);
    for (const f of HOUSEHOLD_FIELDS) if (f.column) expect(decodeValue(f, pop.household[f.id]![1]!)).toEqual(hh.values[f.id]);
    for (const f of PERSON_FIELDS) if (f.column) expect(decodeValue(f, pop.person[f.id]![3]!)).toEqual(hh.members[1]![f.id]);
  });
});
