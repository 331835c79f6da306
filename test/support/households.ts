/**
 * Random households in the schema, for property tests. Values are drawn so that every branch of
 * a typical policy is reached often: mostly low incomes and small assets, with a share of
 * extreme values (large amounts, odd fen, empty households) to probe the edges.
 */
import fc from 'fast-check';
import { HOUSEHOLD_FIELDS, PERSON_FIELDS, enumSpec, type Household, type FieldSpec } from '../../language/index.ts';

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

/** Fen: often zero, usually a few thousand yuan, sometimes odd fen or very large. */
const fen = (typical: number, max: number) =>
  fc.oneof(w(4, fc.constant(0)), w(5, fc.integer({ min: 0, max: typical }).map((x) => x * 100)), w(3, fc.integer({ min: 0, max: typical * 100 })), w(1, fc.integer({ min: 0, max })));

const ARBS: Record<string, fc.Arbitrary<unknown>> = {
  co_resident: fc.oneof(w(9, fc.constant(true)), w(1, fc.constant(false))),
  excluded_status: fc.oneof(w(9, fc.constant('none')), w(1, fc.constantFrom('clergy_away', 'prisoner', 'rehab', 'missing'))),
  vehicles: fc.oneof(w(8, fc.constant(0)), w(2, fc.integer({ min: 1, max: 3 }))),
  houses: fc.oneof(w(5, fc.constant(1)), w(3, fc.constant(0)), w(2, fc.integer({ min: 2, max: 4 }))),
  financial_assets: fc.oneof(w(4, fc.integer({ min: 0, max: 60_000 }).map((x) => x * 100)), w(3, fc.integer({ min: 0, max: 20_000_000 })), w(1, fc.integer({ min: 0, max: 9_000_000_000_000 }))),
  age: fc.integer({ min: 0, max: 100 }),
  disability_grade: fc.oneof(w(7, fc.constant(0)), w(3, fc.integer({ min: 1, max: 4 }))),
  has_capable_supporter: fc.oneof(w(7, fc.constant(false)), w(3, fc.constant(true))),
  grace_months_used: fc.integer({ min: 0, max: 8 }),
  last_benefit: fen(3000, 2147483647),
  emergency_cost: fc.oneof(w(7, fc.constant(0)), w(3, fen(20_000, 2147483647))),
  wage_income: fen(3000, 2147483647),
  business_income: fc.oneof(w(7, fc.constant(0)), w(3, fen(2000, 2147483647))),
  property_income: fc.oneof(w(8, fc.constant(0)), w(2, fen(500, 50_000_000))),
  transfer_income: fc.oneof(w(6, fc.constant(0)), w(4, fen(1500, 50_000_000))),
  medical_costs: fen(20_000, 2147483647),
  education_costs: fen(10_000, 2147483647),
};

function fieldArb(f: FieldSpec, regions: readonly string[]): fc.Arbitrary<unknown> {
  const special = ARBS[f.id];
  if (special) return special;
  const t = f.type!;
  switch (t.k) {
    case 'bool':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...enumSpec(t.name)!.values.map((v) => v.id));
    case 'region':
      return fc.constantFrom(...regions);
    case 'money':
      return fen(3000, 2147483647);
    default:
      return fc.integer({ min: f.min ?? 0, max: Math.min(f.max ?? 10, 10) });
  }
}

/** A normalised household (money in fen) with 0–7 members. */
export function householdArb(regions: readonly string[]): fc.Arbitrary<Household> {
  const hh: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of HOUSEHOLD_FIELDS) if (f.type && f.readable) hh[f.id] = fieldArb(f, regions);
  const person: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of PERSON_FIELDS) if (f.type && f.readable) person[f.id] = fieldArb(f, regions);
  const size = fc.oneof(w(1, fc.constant(0)), w(8, fc.integer({ min: 1, max: 4 })), w(1, fc.integer({ min: 5, max: 9 })));
  return fc
    .record({ values: fc.record(hh), size })
    .chain(({ values, size: n }) => fc.record({ values: fc.constant(values), members: fc.array(fc.record(person), { minLength: n, maxLength: n }) }))
    .map(({ values, members }) => ({
      values: { household_id: 'h', weight: 1, ...(values as Record<string, string | number | boolean>) },
      members: members.map((m, i) => ({ person_id: `p${i + 1}`, household_id: 'h', ...(m as Record<string, string | number | boolean>) })),
    }));
}

export const dateArb = (from: string, to: string): fc.Arbitrary<string> =>
  fc.integer({ min: Date.parse(from) / 86400000, max: Date.parse(to) / 86400000 }).map((d) => new Date(d * 86400000).toISOString().slice(0, 10));
