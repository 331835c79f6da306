/**
 * The sums of a simulation run over a scenario's paid table (simulate.ts): every figure the JS
 * engine adds up (simulator/engine/accumulate.ts, reach.ts, levels.ts), as exact integer sums
 * Σ W·x in the dialect's wide type, W the household's integer weight. A few queries, each
 * returning a handful of rows of text; the caller names them.
 *
 * Where the JS engine adds fractions (a reach category's share of a household, a person's squared
 * income, the poverty gap against a line), the sums are grouped by the fraction's denominator (the
 * members counted, the line) so that the caller forms the exact rational: no sum here is of
 * doubles, so every engine gives the same bytes in any order of addition.
 */
import { dialectOf, type Dialect, type DialectName } from './dialect.ts';

const wide = (D: Dialect, e: string) => `CAST(${e} AS ${D.wide})`;
/** Σ W·x over the rows where `when` holds (all rows without it). */
const wsum = (D: Dialect, x: string | undefined, when?: string) => {
  const term = x === undefined ? wide(D, 'w') : `${wide(D, 'w')} * ${x}`;
  return when ? `sum(CASE WHEN ${when} THEN ${term} ELSE ${wide(D, '0')} END)` : `sum(${term})`;
};

/**
 * One row: per programme p0…p4 the households (_h), persons (_n) and cost (_c); edge families,
 * rigid hardship, refused records; reach's line, targeting and headcounts; who pays (lv<p>_<level>).
 */
export function totalsSql(dialect: DialectName, paid: string, levels: boolean): string {
  const D = dialectOf(dialect);
  const programme = (i: number, when: string, persons: string, cost: string) => [`${wsum(D, undefined, when)} AS p${i}_h`, `${wsum(D, persons, when)} AS p${i}_n`, `${wsum(D, cost, when)} AS p${i}_c`];
  const cols = [
    ...programme(0, 'dp > 0', 'dp', 'r0'),
    ...programme(1, 'tp > 0', 'tp', 'r1'),
    ...programme(2, 'r2 > 0', 'pp', 'r2'),
    ...programme(3, 'r3 > 0', 'm', 'r3'),
    ...programme(4, 'r4 > 0', 'm', 'r4'),
    `${wsum(D, undefined, 'edge')} AS edge`,
    `${wsum(D, undefined, 'rigid')} AS rigid`,
    `sum(CASE WHEN ok THEN 0 ELSE 1 END) AS refused`,
    `sum(CASE WHEN line_found THEN 1 ELSE 0 END) AS line_found`,
    `${wsum(D, 'm', 'eligible')} AS eligible`,
    `${wsum(D, 'm', 'eligible AND covered > 0')} AS eligible_covered`,
    `${wsum(D, 'm', 'line_found AND covered > 0')} AS covered`,
    `${wsum(D, 'm', 'line_found AND covered > 0 AND NOT eligible')} AS covered_not_eligible`,
    `${wsum(D, 'm', 'poor_after')} AS poor_after`,
  ];
  if (levels) for (let p = 0; p < 5; p++) for (let l = 0; l < 4; l++) cols.push(`${wsum(D, `lv${p}_${l}`)} AS lv${p}_${l}`);
  return `SELECT ${cols.join(',\n  ')}\nFROM ${paid}`;
}

/**
 * The groups of results.ts (by area, region slot, size group, decile): households, persons,
 * covered households and persons, the monthly total × 12, and each programme's cost.
 */
export function groupsSql(dialect: DialectName, paid: string): string {
  const D = dialectOf(dialect);
  const sums = [
    `${wsum(D, undefined)} AS households`,
    `${wsum(D, 'm')} AS persons`,
    `${wsum(D, undefined, 'covered > 0')} AS covered_households`,
    `${wsum(D, 'covered')} AS covered_persons`,
    `${wsum(D, 'tot12')} AS total12`,
    ...[0, 1, 2, 3, 4].map((i) => `${wsum(D, `r${i}`)} AS cost${i}`),
  ].join(', ');
  return ['area', 'slot', 'size', 'decile'].map((g) => `SELECT '${g}' AS kind, ${g} AS k, ${sums} FROM ${paid} GROUP BY ${g}`).join('\nUNION ALL\n');
}

/** reach.ts by the hukou's area and by region slot: dibao's and 特困's households, persons and cost. */
export function reachGroupsSql(dialect: DialectName, paid: string): string {
  const D = dialectOf(dialect);
  const sums = [
    `${wsum(D, undefined, 'counted AND dp > 0')} AS dh`,
    `${wsum(D, 'dp', 'counted AND dp > 0')} AS dn`,
    `${wsum(D, 'r0', 'counted AND dp > 0')} AS dc`,
    `${wsum(D, undefined, 'counted AND tp > 0')} AS th`,
    `${wsum(D, 'tp', 'counted AND tp > 0')} AS tn`,
    `${wsum(D, 'r1', 'counted AND tp > 0')} AS tc`,
  ].join(', ');
  return ['hukou', 'slot'].map((g) => `SELECT '${g}' AS kind, ${g} AS k, ${sums} FROM ${paid} GROUP BY ${g}`).join('\nUNION ALL\n');
}

/**
 * The histograms of per-capita income before and after assistance (reach.ts): per bin and number
 * of members m, Σ W·m, Σ W·x and Σ W·x² with x the household's income (so Σ wm·y = Σ W·x and
 * Σ wm·y² = Σ (W·x²) / m exactly, y = x / m).
 */
export function histogramsSql(dialect: DialectName, paid: string): string {
  const D = dialectOf(dialect);
  const part = (kind: string, bin: string, x: string) =>
    `SELECT '${kind}' AS kind, ${bin} AS bin, m, ${wsum(D, 'm')} AS persons, ${wsum(D, x)} AS income, ${wsum(D, `${x} * ${x}`)} AS income2 FROM ${paid} WHERE counted GROUP BY ${bin}, m`;
  return `${part('before', 'bin_before', wide(D, 's'))}\nUNION ALL\n${part('after', 'bin_after', `(${wide(D, 's')} + paid)`)}`;
}

/**
 * The poverty gap and FGT2 against each household's own line (reach.ts): for the households under
 * it before (and after) assistance, per slot, hukou area (so per line n/d) and members m:
 * Σ W·m, Σ W·x and Σ W·x², x the household's income. Then Σ wm(1 − y/L) = Σ W·m − (d/n) Σ W·x and
 * Σ wm(1 − y/L)² = Σ W·m − 2(d/n) Σ W·x + (d/n)² Σ (W·x²)/m.
 */
export function linesSql(dialect: DialectName, paid: string): string {
  const D = dialectOf(dialect);
  const part = (kind: string, when: string, x: string) =>
    `SELECT '${kind}' AS kind, line_n, line_d, m, ${wsum(D, 'm')} AS persons, ${wsum(D, x)} AS income, ${wsum(D, `${x} * ${x}`)} AS income2 FROM ${paid} WHERE ${when} GROUP BY line_n, line_d, m`;
  return `${part('before', 'eligible', wide(D, 's'))}\nUNION ALL\n${part('after', 'poor_after', `(${wide(D, 's')} + paid)`)}`;
}

/**
 * Recipients by category (reach.ts): dibao's persons spread over the household's counted members
 * by category (Σ W·dp·cat_k per number of counted members), 特困's over the members without a
 * capable supporter (Σ W·tp·alone_k per number of such members).
 */
export function categoriesSql(dialect: DialectName, paid: string): string {
  const D = dialectOf(dialect);
  const counted = 'cat0 + cat1 + cat2 + cat3';
  const alone = 'alone0 + alone1 + alone2';
  const d = `SELECT 'dibao' AS kind, ${counted} AS members, ${[0, 1, 2, 3].map((k) => `${wsum(D, `dp * cat${k}`)} AS k${k}`).join(', ')} FROM ${paid} WHERE counted AND dp > 0 AND ${counted} > 0 GROUP BY ${counted}`;
  const t = `SELECT 'tekun' AS kind, ${alone} AS members, ${[0, 1, 2].map((k) => `${wsum(D, `tp * alone${k}`)} AS k${k}`).join(', ')}, ${wide(D, '0')} AS k3 FROM ${paid} WHERE counted AND tp > 0 AND ${alone} > 0 GROUP BY ${alone}`;
  return `${d}\nUNION ALL\n${t}`;
}

/** Refused households by message (the compiled module's error sites), unweighted as the JS engine counts them. */
export function refusedSql(dialect: DialectName, paid: string): string {
  void dialect;
  return `SELECT err AS message, count(*) AS records FROM ${paid} WHERE NOT ok GROUP BY err`;
}

/**
 * A comparison's changes (accumulate.ts accumulateChange), per decile and band: the households,
 * Σ W·(reform's − baseline's monthly total × 12), Σ W·(12·income + baseline's total × 12), and
 * the newly and no longer covered households and persons. The band is decided exactly, as the JS
 * engine decides it: in twelfths of a fen, a household loses or gains more than 5 % when
 * 20 × |change| > net.
 */
export function changesSql(dialect: DialectName, base: string, reform: string): string {
  const D = dialectOf(dialect);
  const net = `(12 * ${wide(D, 'b.s')} + b.tot12)`;
  const band = `CASE WHEN dc12 = 0 THEN 2 WHEN dc12 < 0 THEN CASE WHEN -20 * dc12 > dn12 THEN 0 ELSE 1 END ELSE CASE WHEN 20 * dc12 > dn12 THEN 4 ELSE 3 END END`;
  const joined = `SELECT b.w, b.decile, b.s, b.tot12 AS base12, r.tot12 AS reform12, b.covered AS was, r.covered AS now, ${wide(D, 'r.tot12')} - b.tot12 AS dc12, ${net} AS dn12 FROM ${base} b JOIN ${reform} r ON r.household_id = b.household_id`;
  const banded = `SELECT *, ${band} AS band FROM (${joined}) j`;
  const cols = [
    'decile',
    'band',
    `${wsum(D, undefined)} AS households`,
    `${wsum(D, '(reform12 - base12)')} AS change12`,
    `${wsum(D, `(12 * ${wide(D, 's')} + base12)`)} AS net12`,
    `${wsum(D, undefined, 'now > 0 AND was = 0')} AS newly_households`,
    `${wsum(D, 'now', 'now > 0 AND was = 0')} AS newly_persons`,
    `${wsum(D, undefined, 'was > 0 AND now = 0')} AS no_longer_households`,
    `${wsum(D, 'was', 'was > 0 AND now = 0')} AS no_longer_persons`,
  ];
  return `SELECT ${cols.join(', ')} FROM (${banded}) k GROUP BY decile, band`;
}
