/**
 * The calibration report: each published figure the generator aims at, what the generated
 * population gives, and the error. Weighted like the statistics: income figures per person.
 */
import type { PopulationColumns } from '../../language/index.ts';
import { yearTargets, HOUSEHOLD_SIZE, AGE, DISABILITY, type Figure, type IncomeTargets } from './targets.ts';

export interface CalibrationRow {
  readonly name: string;
  readonly target: number;
  readonly tag: Figure['tag'];
  readonly source: string;
  readonly generated: number;
  /** (generated − target) / target */
  readonly error: number;
  /** the tolerance the tests hold the generator to */
  readonly tolerance: number;
}

export interface CalibrationReport {
  readonly year: number;
  readonly region: string;
  readonly rows: readonly CalibrationRow[];
  readonly notes: readonly string[];
}

/** Per-capita disposable income (yuan per year) of each household, and its size. */
export function perCapitaIncome(pop: PopulationColumns): { income: Float64Array; size: Uint8Array } {
  const income = new Float64Array(pop.households);
  const size = new Uint8Array(pop.households);
  const P = pop.person;
  for (let h = 0; h < pop.households; h++) {
    const a = pop.memberStart[h]!;
    const b = pop.memberStart[h + 1]!;
    let sum = 0;
    for (let p = a; p < b; p++) sum += P.wage_income![p]! + P.business_income![p]! + P.property_income![p]! + P.transfer_income![p]! + P.basic_pension![p]!;
    size[h] = b - a;
    income[h] = b > a ? (sum * 12) / 100 / (b - a) : 0;
  }
  return { income, size };
}

/** Person-weighted mean, median and quintile means of per-capita income over the chosen households. */
function distribution(income: Float64Array, size: Uint8Array, keep: (h: number) => boolean) {
  const idx: number[] = [];
  for (let h = 0; h < income.length; h++) if (keep(h) && size[h]! > 0) idx.push(h);
  idx.sort((a, b) => income[a]! - income[b]!);
  const total = idx.reduce((s, h) => s + size[h]!, 0);
  let acc = 0;
  let mean = 0;
  let median = 0;
  const qsum = [0, 0, 0, 0, 0];
  const qn = [0, 0, 0, 0, 0];
  for (const h of idx) {
    const w = size[h]!;
    const before = acc;
    acc += w;
    mean += income[h]! * w;
    if (before < total / 2 && acc >= total / 2) median = income[h]!;
    const k = Math.min(4, Math.floor(((before + acc) / 2 / total) * 5));
    qsum[k]! += income[h]! * w;
    qn[k]! += w;
  }
  return { mean: mean / total, median, quintiles: qsum.map((s, k) => s / (qn[k] || 1)), persons: total };
}

export function calibrate(pop: PopulationColumns, year: number, region: string, notes: readonly string[] = []): CalibrationReport {
  const { targets, note } = yearTargets(year);
  const rows: CalibrationRow[] = [];
  const row = (name: string, f: Figure, generated: number, tolerance: number) =>
    rows.push({ name, target: f.value, tag: f.tag, source: f.source, generated, error: (generated - f.value) / f.value, tolerance });
  const { income, size } = perCapitaIncome(pop);
  const area = pop.household.area!;
  // Income levels are compared with the national figures only for the national population.
  const national = region === '100000';
  const areas: [string, IncomeTargets, (h: number) => boolean][] = [
    ['urban', targets.urban, (h) => area[h] === 0],
    ['rural', targets.rural, (h) => area[h] === 1],
    ...(national ? ([['national', targets.national, () => true]] as [string, IncomeTargets, (h: number) => boolean][]) : []),
  ];
  for (const [name, t, keep] of areas) {
    const d = distribution(income, size, keep);
    if (!national) {
      // Regions are scaled copies of the national shape: compare shapes (quintile means over the mean).
      t.quintiles?.forEach((q, k) => row(`${name} quintile ${k + 1} / mean`, { ...q, value: q.value / t.mean.value }, d.quintiles[k]! / d.mean, 0.25));
      continue;
    }
    row(`${name} disposable income per person, mean (yuan/year)`, t.mean, d.mean, 0.05);
    if (t.median) row(`${name} disposable income per person, median`, t.median, d.median, 0.1);
    t.quintiles?.forEach((q, k) => row(`${name} quintile ${k + 1} mean`, q, d.quintiles[k]!, k === 0 ? 0.25 : 0.15));
  }
  // Income sources.
  const P = pop.person;
  let wages = 0;
  let business = 0;
  let property = 0;
  let transfers = 0;
  for (let p = 0; p < pop.persons; p++) {
    wages += P.wage_income![p]!;
    business += P.business_income![p]!;
    property += P.property_income![p]!;
    transfers += P.transfer_income![p]! + P.basic_pension![p]!;
  }
  const all = wages + business + property + transfers;
  row('share of income from wages', targets.sources.wages, wages / all, 0.1);
  row('share of income from business', targets.sources.business, business / all, 0.2);
  row('share of income from property', targets.sources.property, property / all, 0.25);
  row('share of income from transfers', targets.sources.transfers, transfers / all, 0.2);
  // Households and people.
  const counts = [0, 0, 0, 0, 0, 0];
  let persons = 0;
  for (let h = 0; h < pop.households; h++) {
    counts[Math.min(6, size[h]!) - 1]!++;
    persons += size[h]!;
  }
  HOUSEHOLD_SIZE.shares.forEach((f, k) => row(`households of ${k === 5 ? '6+' : k + 1} persons`, f, counts[k]! / pop.households, 0.1));
  row('average household size', HOUSEHOLD_SIZE.average, persons / pop.households, 0.03);
  let over60 = 0;
  let over65 = 0;
  let disabled = 0;
  for (let p = 0; p < pop.persons; p++) {
    if (P.age![p]! >= 60) over60++;
    if (P.age![p]! >= 65) over65++;
    if (P.disability_grade![p]! > 0) disabled++;
  }
  row('share of persons aged 60+', AGE.over60, over60 / persons, 0.1);
  row('share of persons aged 65+', AGE.over65, over65 / persons, 0.15);
  row('share of persons with a disability', DISABILITY.share, disabled / persons, 0.2);
  return { year, region, rows, notes: [...new Set([...notes, ...(note ? [note] : [])])] };
}

export function calibrationText(r: CalibrationReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const fmt = (x: number) => (Math.abs(x) < 1 ? pct(x) : Math.abs(x) < 100 ? x.toFixed(2) : Math.round(x).toLocaleString('en'));
  const lines = [`Calibration, region ${r.region}, ${r.year} (tags: S official, M from memory, A assumption)`];
  const width = Math.max(...r.rows.map((x) => x.name.length));
  for (const x of r.rows) {
    const flag = Math.abs(x.error) > x.tolerance ? '  ← outside tolerance' : '';
    lines.push(`  ${x.name.padEnd(width)}  target ${fmt(x.target).padStart(9)} [${x.tag}]  generated ${fmt(x.generated).padStart(9)}  error ${(x.error >= 0 ? '+' : '') + pct(x.error)}${flag}`);
  }
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}
