/**
 * The calibration report: each published figure the generator aims at, what the generated
 * population gives, and the error; the Lorenz fit of each area (its error on each quintile and
 * the share below a line it implies, against the generated share); the hardship ratios the copula
 * was solved for. Income figures are per person, as the statistics are; "disposable income" here
 * is the survey's (income before assistance plus the assistance it contained, `excluded_income`).
 */
import type { PopulationColumns } from '../../language/index.ts';
import { yearTargets, HOUSEHOLD_SIZE, AGE, DISABILITY, ASSUMPTIONS, regionProfile, over60Target, type Figure, type IncomeTargets } from './targets.ts';
import { areaCurves, provinceMean, provinceHeadcount, provinceQuintileRatios, provinceSpread, assumedStandard, type Area } from './income.ts';
import { PROVINCES, type Province } from './provinces.ts';
import { headcount, type LorenzFit } from './lorenz.ts';
import { hardshipCopulas } from './generate.ts';
import { DISABLED, SEVERE, ELDERLY_ONLY, NO_WORKER, ILL, SINGLE_PARENT } from './household.ts';
import { householdFacts, distribution, type HouseholdFacts } from './facts.ts';

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

/** An area's Lorenz fit and what it implies below lines, against the generated population. */
export interface FitReport {
  readonly area: Area | 'national';
  readonly form: LorenzFit['curve']['form'];
  readonly params: readonly number[];
  /** (fitted − published) / published per quintile mean, and for the median when published */
  readonly quintileErrors: readonly number[];
  readonly medianError?: number;
  /** the lowest income the curve gives, yuan a year, and the share it puts at zero */
  readonly floor: number;
  readonly zeroShare: number;
  readonly rejected: LorenzFit['rejected'];
  /** shares of persons below lines: as the fitted curve implies at the population's mean, and as generated */
  readonly lines: readonly { readonly name: string; readonly line: number; readonly fitted: number; readonly generated: number }[];
}

export interface CalibrationReport {
  readonly year: number;
  readonly region: string;
  readonly rows: readonly CalibrationRow[];
  readonly fits?: readonly FitReport[];
  readonly notes: readonly string[];
}

/** Per-capita disposable income (yuan per year) of each household, and its size. */
export function perCapitaIncome(pop: PopulationColumns): { income: Float64Array; size: Uint8Array } {
  const f = householdFacts(pop);
  return { income: f.disposable, size: f.size };
}

const HARDSHIP_BITS = [DISABLED, SEVERE, ELDERLY_ONLY, NO_WORKER, ILL, SINGLE_PARENT];

export function calibrate(pop: PopulationColumns, year: number, region: string, notes: readonly string[] = []): CalibrationReport {
  const { targets, note } = yearTargets(year);
  const rows: CalibrationRow[] = [];
  const row = (name: string, f: Figure, generated: number, tolerance: number) =>
    rows.push({ name, target: f.value, tag: f.tag, source: f.source, generated, error: (generated - f.value) / f.value, tolerance });
  const facts = householdFacts(pop);
  const { disposable: income, size } = facts;
  const area = pop.household.area!;
  const national = region === '100000';
  const profile = regionProfile(region);
  const single = profile && profile.parts.length === 1 ? profile.parts[0]!.province : undefined;
  const curves = areaCurves(year);
  const keepArea = (a: number) => (h: number) => area[h] === a;
  const areas: [Area | 'national', IncomeTargets, (h: number) => boolean][] = [
    ['urban', targets.urban, keepArea(0)],
    ['rural', targets.rural, keepArea(1)],
    ...(national ? ([['national', targets.national, () => true]] as [Area | 'national', IncomeTargets, (h: number) => boolean][]) : []),
  ];
  const fits: FitReport[] = [];
  for (const [name, t, keep] of areas) {
    const d = distribution(income, size, keep);
    if (d.persons === 0) continue;
    const fit = curves[name];
    if (national) {
      row(`${name} disposable income per person, mean (yuan/year)`, t.mean, d.mean, name === 'national' ? 0.08 : 0.05);
      if (t.median) row(`${name} disposable income per person, median`, t.median, d.median, 0.1);
      t.quintiles?.forEach((q, k) => row(`${name} quintile ${k + 1} mean`, q, d.quintiles[k]!, k === 0 ? 0.25 : 0.15));
    } else if (single && name !== 'national') {
      const mean = provinceMean(single, year, name);
      row(`${name} disposable income per person, mean (yuan/year)`, { value: mean, tag: single.income2023[name].tag, source: `${single.name} ${name} 2023 (${single.income2023[name].source}) × the national growth of the area` }, d.mean, 0.05);
      // The shape is the national area's, narrowed (income.ts): compare quintile means over the mean.
      const spread = provinceSpread(year, name, PROVINCES, single);
      provinceQuintileRatios(year, name, PROVINCES, single).forEach((q, k) =>
        row(`${name} quintile ${k + 1} / mean (national shape, spread × ${spread.theta.toFixed(3)})`, { value: q, tag: 'A', source: `the national area curve, its log-spread × θ₀ ${spread.theta0.toFixed(3)} (the provinces together give the national quintiles) × the province's inequality index ${spread.index.toFixed(3)} (ln of its urban/rural income ratio over the nation's, [A]); no provincial quintiles were found` }, d.quintiles[k]! / d.mean, 0.1),
      );
    }
    // The fit, and the share of persons below lines as the curve implies at this population's mean.
    const lineList: { name: string; line: number }[] = [];
    if (single && name !== 'national') lineList.push({ name: `the assumed dibao standard (${Math.round(assumedStandard(single, year, name))}/month)`, line: assumedStandard(single, year, name) * 12 });
    lineList.push({ name: '40% of the median', line: 0.4 * d.median });
    lineList.push({ name: '20% of the mean', line: 0.2 * d.mean });
    fits.push({
      area: name,
      form: fit.curve.form,
      params: fit.curve.params,
      quintileErrors: fit.quintileErrors,
      medianError: fit.medianError,
      floor: fit.floor,
      zeroShare: fit.zeroShare,
      rejected: fit.rejected,
      lines: lineList.map((l) => ({
        ...l,
        // A province's own curve (narrowed, at its mean); the country's is the fitted national curve.
        fitted: single && name !== 'national' ? provinceHeadcount(single, year, name, l.line, PROVINCES) : headcount(fit.curve, d.mean, l.line),
        generated: shareBelow(income, size, keep, l.line),
      })),
    });
  }
  // Income sources (of survey income).
  const P = pop.person;
  let wages = 0;
  let business = 0;
  let property = 0;
  let transfers = 0;
  for (let p = 0; p < pop.persons; p++) {
    wages += P.wage_income![p]!;
    business += P.business_income![p]!;
    property += P.property_income![p]!;
    transfers += P.transfer_income![p]! + P.basic_pension![p]! + P.excluded_income![p]!;
  }
  const all = wages + business + property + transfers;
  row('share of income from wages', targets.sources.wages, wages / all, 0.1);
  row('share of income from business', targets.sources.business, business / all, 0.2);
  row('share of income from property', targets.sources.property, property / all, 0.25);
  row('share of income from transfers', targets.sources.transfers, transfers / all, 0.2);
  householdRows(pop, facts, row, year, single);
  poorestRows(pop, facts, row);
  if (profile) hardshipRows(pop, facts, region, year, row);
  if (single) {
    let persons = 0;
    let migrants = 0;
    for (let h = 0; h < pop.households; h++) {
      persons += size[h]!;
      if (!pop.household.hukou_local![h]) migrants += size[h]!;
    }
    row('share of residents without local hukou', single.migrantShare, migrants / persons, 0.15);
  }
  const extra: string[] = [];
  if (national)
    extra.push('the national mean sits a few per cent above the published one while the urban and rural means match: the provinces\' residence urban shares (about 64% of persons) exceed the urban weight the survey\'s own means imply (about 57.5%)');
  return { year, region, rows, fits, notes: [...new Set([...notes, ...(note ? [note] : []), ...extra])] };
}

function shareBelow(income: Float64Array, size: Uint8Array, keep: (h: number) => boolean, line: number): number {
  let below = 0;
  let all = 0;
  for (let h = 0; h < income.length; h++) {
    if (!keep(h)) continue;
    all += size[h]!;
    if (income[h]! < line) below += size[h]!;
  }
  return all ? below / all : 0;
}

type RowFn = (name: string, f: Figure, generated: number, tolerance: number) => void;

function householdRows(pop: PopulationColumns, facts: HouseholdFacts, row: RowFn, year: number, province?: Province): void {
  const provinceSize = province?.householdSize;
  const counts = [0, 0, 0, 0, 0, 0];
  let persons = 0;
  for (let h = 0; h < pop.households; h++) {
    counts[Math.min(6, facts.size[h]!) - 1]!++;
    persons += facts.size[h]!;
  }
  // A province's sizes are the census's shape tilted to its own average (household.ts).
  if (!provinceSize) HOUSEHOLD_SIZE.shares.forEach((f, k) => row(`households of ${k === 5 ? '6+' : k + 1} persons`, f, counts[k]! / pop.households, 0.1));
  row('average household size', provinceSize ?? HOUSEHOLD_SIZE.average, persons / pop.households, 0.03);
  const P = pop.person;
  let over60 = 0;
  let over65 = 0;
  let disabled = 0;
  let elderlyUnsupported = 0;
  for (let p = 0; p < pop.persons; p++) {
    if (P.age![p]! >= 60) {
      over60++;
      if (!P.has_capable_supporter![p]) elderlyUnsupported++;
    }
    if (P.age![p]! >= 65) over65++;
    if (P.disability_grade![p]! > 0) disabled++;
  }
  // A province's own census shares, aged to the year (targets.ts over60Target); the country's end-2022 figures.
  row('share of persons aged 60+', province ? over60Target(province, year) : AGE.over60, over60 / persons, 0.1);
  row('share of persons aged 65+', province ? over60Target(province, year, 65) : AGE.over65, over65 / persons, 0.15);
  row('share of persons with a disability', DISABILITY.share, disabled / persons, 0.2);
  row('share of persons aged 60+ without a capable supporter (childless, or children unable)', { ...ASSUMPTIONS.childless, source: `${ASSUMPTIONS.childless.source}; children unable add to it` }, elderlyUnsupported / Math.max(1, over60), 1);
}

/**
 * Who the poorest urban households are, against the last national survey table that says so (urban
 * households by income group, 2007): the poorest 5% (困难户) had 3.30 persons against 2.91 on
 * average and 1.23 employed against 1.54. Households are ranked by per-capita disposable income and
 * counted as households, as the survey grouped them; residents of institutions are left out.
 */
export const POOREST_URBAN = {
  size: { value: 3.3 / 2.91, tag: 'S', source: '中国统计年鉴2008 table 9-6, urban households 2007: 困难户 (poorest 5%) 3.30 persons, all 2.91 (a copy at gsei.com.cn)' } as Figure,
  employed: { value: 1.23 / 1.54, tag: 'S', source: '中国统计年鉴2008 table 9-6: employed per household, 困难户 1.23, all 1.54' } as Figure,
};

function poorestRows(pop: PopulationColumns, facts: HouseholdFacts, row: RowFn): void {
  const P = pop.person;
  const idx: number[] = [];
  for (let h = 0; h < pop.households; h++) if (pop.household.area![h] === 0 && facts.size[h]! > 0 && !P.institutional_care![pop.memberStart[h]!]) idx.push(h);
  if (idx.length < 4000) return;
  idx.sort((a, b) => facts.disposable[a]! - facts.disposable[b]! || a - b);
  const employed = (h: number) => {
    let k = 0;
    for (let p = pop.memberStart[h]!; p < pop.memberStart[h + 1]!; p++) k += P.employed![p]!;
    return k;
  };
  const mean = (hs: readonly number[], f: (h: number) => number) => hs.reduce((a, h) => a + f(h), 0) / hs.length;
  const poorest = idx.slice(0, Math.ceil(idx.length * 0.05));
  const size = (h: number) => facts.size[h]!;
  row('urban poorest 5% of households: persons per household / all urban', POOREST_URBAN.size, mean(poorest, size) / mean(idx, size), 0.1);
  row('urban poorest 5% of households: employed per household / all urban', POOREST_URBAN.employed, mean(poorest, employed) / mean(idx, employed), 0.15);
}

/** Each hardship group's mean income over its area's, against the ratio the copula was solved for. */
function hardshipRows(pop: PopulationColumns, facts: HouseholdFacts, region: string, year: number, row: RowFn): void {
  const copulas = hardshipCopulas(region, year);
  for (const [a, name] of [[0, 'urban'], [1, 'rural']] as const) {
    const keep = (h: number) => pop.household.area![h] === a;
    const all = distribution(facts.disposable, facts.size, keep);
    if (all.persons < 1000) continue;
    for (const g of copulas[name].groups) {
      const bit = HARDSHIP_BITS.indexOf(g.bit) >= 0 ? g.bit : 0;
      const d = distribution(facts.disposable, facts.size, (h) => keep(h) && (facts.hardship[h]! & bit) !== 0);
      if (d.persons < 200) continue;
      row(`${name} households with ${g.name}: income / area mean`, { value: g.target, tag: g.tag, source: g.source }, d.mean / all.mean, 0.15);
    }
  }
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
  for (const f of r.fits ?? []) {
    const errs = f.quintileErrors.map((e) => (e >= 0 ? '+' : '') + pct(e)).join(' ');
    lines.push(`  income fit, ${f.area}: ${f.form} (${f.params.map((p) => p.toFixed(4)).join(', ')}); quintile errors ${errs}${f.medianError !== undefined ? `; median ${(f.medianError >= 0 ? '+' : '') + pct(f.medianError)}` : ''}; lowest income ${Math.round(f.floor)}/year${f.zeroShare > 0 ? `, ${pct(f.zeroShare)} at zero` : ''}`);
    for (const x of f.rejected) lines.push(`    not used: ${x.form} (${x.valid ? 'valid' : 'not a valid Lorenz curve'}, lowest income ${Math.round(x.floor)}/year, fit ${x.objective.toExponential(2)})`);
    for (const l of f.lines) lines.push(`    below ${l.name} (${Math.round(l.line).toLocaleString('en')}/year): fitted ${pct(l.fitted)}, generated ${pct(l.generated)}`);
  }
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}
