/**
 * A simulation run in SQL: the simulator's sums (simulator/engine/accumulate.ts, reach.ts,
 * levels.ts) computed by the engine from the per-household outputs of `compileSql`, so that a
 * population the engine holds never has to come back to JavaScript. This file makes the tables
 * every sum reads; simulate-sums.ts the sums.
 *
 *   persons ──(assessment)──▶ the assessed persons view, which the policy's query reads
 *   households + persons ──▶ the frame: one row per household with what does not depend on the
 *                            policy (micro-weight, members, recorded income, decile, region slot,
 *                            size group, the take-up draws, the members' categories)
 *   frame + the policy's rows ──▶ the paid table of a scenario: take-up applied, what each
 *                            programme pays, who pays it, the reach conditions
 *
 * Exactness: weights become integers W = weight × scale (scale 1 when every weight is whole, else
 * 10⁶: the SQL engines take weights of at most six decimals), every sum is of integers in the
 * dialect's wide type. Where the JS engine decides with floating-point numbers (a household's
 * per-capita income against its line, the histogram's bins, the winners' and losers' bands), the
 * same IEEE double operations are written out here in the same order, so each household is
 * classified exactly as the JS engine classifies it (DOUBLE arithmetic is correctly rounded on
 * every engine). The simulator's own constants (salts, thresholds, output names, periods) come in
 * as data: this folder does not import the simulator.
 */
import { dialectOf, roundDiv, type Dialect, type DialectName } from './dialect.ts';
import { drawKeySql, hash3Steps } from './draws.ts';
import { schemaFields } from './refs.ts';

/** An integer literal typed BIGINT (engines type small literals as 32-bit). */
export function bigint(D: Dialect, n: number | bigint): string {
  const s = String(n);
  if (!/^-?\d+$/.test(s)) throw new Error(`internal: ${s} is not an integer`);
  return D.name === 'spark' ? `${s}L` : `CAST(${s} AS BIGINT)`;
}

/** A double literal: the nearest double to the decimal text, as JavaScript reads it. */
const double = (D: Dialect, text: string) => `CAST(${D.str(text)} AS ${D.double})`;
const asDouble = (D: Dialect, e: string) => `CAST(${e} AS ${D.double})`;
const wide = (D: Dialect, e: string) => `CAST(${e} AS ${D.wide})`;

/** Statements that make `name` a table holding the rows of `select` (Spark: in its warehouse, as Parquet). */
export function materialize(dialect: DialectName, name: string, select: string): string[] {
  switch (dialect) {
    case 'duckdb':
      return [`CREATE OR REPLACE TABLE ${name} AS ${select}`];
    case 'postgres':
      return [`DROP TABLE IF EXISTS ${name}`, `CREATE TEMP TABLE ${name} AS ${select}`, `ANALYZE ${name}`];
    case 'spark':
      // a table read back from files: its plan is one scan (a cached view would carry its whole plan into every reader; emit.ts)
      return [`DROP TABLE IF EXISTS ${name}`, `CREATE TABLE ${name} USING parquet AS ${select}`];
  }
}

/** Statements that make `name` a view of `select`. */
export function view(dialect: DialectName, name: string, select: string): string[] {
  if (dialect === 'spark') return [`CREATE OR REPLACE TEMPORARY VIEW ${name} AS ${select}`];
  if (dialect === 'postgres') return [`CREATE OR REPLACE TEMP VIEW ${name} AS ${select}`];
  return [`CREATE OR REPLACE VIEW ${name} AS ${select}`];
}

// ---------------------------------------------------------------- the assessed persons

/** The means test's view of income (simulator/engine/assess.ts), exactly. */
export interface AssessmentSql {
  /** the reported share 1 − unreported as n/d (d ≤ 10⁶): wage, business and property income × n/d, rounded half away to the fen */
  readonly reported?: { readonly n: number; readonly d: number };
  /** fen a month imputed to able-bodied members aged 18–59 without work or wage */
  readonly imputedFen?: number;
}

const GAP_FIELDS = ['wage_income', 'business_income', 'property_income'];

/**
 * The persons table as assessed: a SELECT of every column of `persons`, the incomes changed as
 * assess.ts changes them — first the unreported share (amount × n/d rounded half away from zero,
 * amounts ≤ 0 kept), then the imputed wage where the (assessed) wage is 0.
 */
export function assessedPersonsSql(dialect: DialectName, persons: string, a: AssessmentSql): string {
  const D = dialectOf(dialect);
  const cols = schemaFields('person').map((f) => {
    const c = D.ident(f.id);
    let e = c;
    if (a.reported && GAP_FIELDS.includes(f.id)) {
      const { n, d } = a.reported;
      e = `CASE WHEN ${c} > 0 THEN ${D.idiv(`2 * ${c} * ${bigint(D, n)} + ${bigint(D, d)}`, bigint(D, 2 * d), false)} ELSE ${c} END`;
    }
    if (a.imputedFen !== undefined && a.imputedFen > 0 && f.id === 'wage_income') {
      const able = `${D.ident('age')} BETWEEN 18 AND 59 AND ${D.ident('work_ability')} = 'full' AND NOT ${D.ident('student')} AND NOT ${D.ident('employed')}`;
      e = `CASE WHEN ${able} AND ${e} = 0 THEN ${bigint(D, a.imputedFen)} ELSE ${e} END`;
    }
    return e === c ? c : `${e} AS ${c}`;
  });
  return `SELECT ${cols.join(', ')} FROM ${persons}`;
}

// ---------------------------------------------------------------- the frame

export interface FrameOptions {
  readonly households: string;
  /** the recorded persons (income before assessment: the deciles and reach read true income) */
  readonly persons: string;
  /** a households column giving each household's place in its file (ties of deciles, order of regions); else household_id */
  readonly position?: string;
  /** weights are whole (1), of at most six decimals (1000000), or the same for every household ('uniform': each counts 1, the caller multiplies) */
  readonly weightScale: 1 | 1000000 | 'uniform';
  /** region codes by slot (the order the regions first appear in) */
  readonly regions: readonly number[];
  readonly seed: number;
  /** salts of the draws, named: `draw_<name>` columns hold hash3(seed, key, salt) in [0, 2^32) */
  readonly draws: Readonly<Record<string, number>>;
}

/** The households' regions with the place each first appears: the slots are this order. */
export function regionsSql(dialect: DialectName, households: string, position?: string): string {
  const D = dialectOf(dialect);
  const pos = position ? D.ident(position) : 'household_id';
  return `SELECT ${D.ident('region')} AS region, min(${pos}) AS first FROM ${households} GROUP BY ${D.ident('region')} ORDER BY min(${pos})`;
}

/** Whether every weight is whole, the households, and the weights that are not multiples of 10⁻⁶ (these the SQL engines refuse). */
export function weightsSql(dialect: DialectName, households: string): string {
  const D = dialectOf(dialect);
  const w = D.ident('weight');
  const micro = `${asDouble(D, `round(${w} * 1000000)`)} / ${double(D, '1000000')}`;
  return `SELECT count(*) AS households, sum(CASE WHEN ${w} = floor(${w}) THEN 0 ELSE 1 END) AS fractional, sum(CASE WHEN ${micro} = ${w} THEN 0 ELSE 1 END) AS finer, min(CASE WHEN ${micro} = ${w} THEN NULL ELSE household_id END) AS example FROM ${households}`;
}

/** The members' categories of reach.ts (older persons, minors, disabled, other), counted among co-resident members not excluded. */
const CATEGORY = ['age_old', 'minor', 'disabled', 'other'];

export function frameSql(dialect: DialectName, o: FrameOptions): string {
  const D = dialectOf(dialect);
  const I = (s: string) => D.ident(s);
  const pos = o.position ? `h.${I(o.position)}` : 'h.household_id';
  const W = o.weightScale === 'uniform' ? bigint(D, 1) : o.weightScale === 1 ? `CAST(h.${I('weight')} AS BIGINT)` : `CAST(round(h.${I('weight')} * 1000000) AS BIGINT)`;
  const income = ['wage_income', 'business_income', 'property_income', 'transfer_income', 'basic_pension'].map((f) => I(f)).join(' + ');
  const counted = `${I('co_resident')} AND ${I('excluded_status')} = 'none'`;
  const cat = (k: number) => (k === 0 ? `${I('age')} >= 60` : k === 1 ? `${I('age')} < 18` : k === 2 ? `${I('age')} BETWEEN 18 AND 59 AND ${I('disability_grade')} > 0` : `${I('age')} BETWEEN 18 AND 59 AND ${I('disability_grade')} = 0`);
  const memberCols = [
    'count(*) AS members',
    `sum(${wide(D, income)}) AS income`,
    ...CATEGORY.map((_, k) => `sum(CASE WHEN ${counted} AND ${cat(k)} THEN 1 ELSE 0 END) AS cat${k}`),
    ...CATEGORY.slice(0, 3).map((_, k) => `sum(CASE WHEN ${counted} AND ${cat(k)} AND NOT ${I('has_capable_supporter')} THEN 1 ELSE 0 END) AS alone${k}`),
  ];
  const slot = o.regions.length ? `CASE h.${I('region')} ${o.regions.map((r, i) => `WHEN ${r} THEN ${i}`).join(' ')} END` : '0';
  const base = [
    'h.household_id AS household_id',
    `${pos} AS pos`,
    `${W} AS w`,
    'COALESCE(m.members, 0) AS m',
    `COALESCE(m.income, ${wide(D, '0')}) AS s`,
    `CASE h.${I('area')} WHEN 'urban' THEN 0 ELSE 1 END AS area`,
    `CASE COALESCE(h.${I('hukou_area')}, h.${I('area')}) WHEN 'urban' THEN 0 ELSE 1 END AS hukou`,
    `${slot} AS slot`,
    ...CATEGORY.map((_, k) => `COALESCE(m.cat${k}, 0) AS cat${k}`),
    ...CATEGORY.slice(0, 3).map((_, k) => `COALESCE(m.alone${k}, 0) AS alone${k}`),
    `${drawKeySql(D, 'h.household_id')} AS draw_key`,
  ];
  const members = `SELECT household_id, ${memberCols.join(', ')} FROM ${o.persons} GROUP BY household_id`;
  let from = `(SELECT ${base.join(', ')} FROM ${o.households} h LEFT JOIN (${members}) m ON m.household_id = h.household_id) f0`;
  // hash3 of each salt, one step per layer (a step reads the one before more than once)
  const names = Object.keys(o.draws);
  const steps = names.map((n) => hash3Steps(D, o.seed, 'draw_key', o.draws[n]!, `${n}_`));
  const depth = steps[0]?.length ?? 0;
  const carried = ['household_id', 'pos', 'w', 'm', 's', 'area', 'hukou', 'slot', ...CATEGORY.map((_, k) => `cat${k}`), ...CATEGORY.slice(0, 3).map((_, k) => `alone${k}`), 'draw_key'];
  for (let k = 0; k < depth; k++) {
    const prev = k === 0 ? [] : steps.map((s) => s[k - 1]![0]);
    const cols = [...carried, ...prev, ...steps.map((s) => `${s[k]![1]} AS ${s[k]![0]}`)];
    from = `(${D.fence(`SELECT ${cols.join(', ')} FROM ${from}`)}) f${k + 1}`;
  }
  const finals = names.map((n, i) => `${steps[i]![depth - 1]![0]} AS draw_${n}`);
  // Deciles of persons (prepare.ts): households by whole fen of per-capita income, then by place;
  // a household's decile is min(9, ⌊10 · (persons before it + half its own) / all persons⌋), in integers.
  const floorIncome = `CASE WHEN m > 0 THEN ${D.idiv('s', 'm', true)} ELSE 0 END`;
  const wm = wide(D, 'w * m');
  const sized = `SELECT ${[...carried, ...finals].join(', ')}, ${floorIncome} AS income_floor, CASE WHEN m >= 6 THEN 5 WHEN m <= 1 THEN 0 ELSE m - 1 END AS size FROM ${from}`;
  const cumulative = `SELECT *, sum(${wm}) OVER (ORDER BY income_floor, pos ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - ${wm} AS before, sum(${wm}) OVER () AS persons_all FROM (${sized}) z`;
  const decile = `CASE WHEN persons_all > 0 THEN LEAST(9, ${D.idiv(`20 * before + 10 * ${wm}`, '2 * persons_all', true)}) ELSE 0 END`;
  const keep = [...carried.filter((c) => c !== 'draw_key'), ...names.map((n) => `draw_${n}`), 'size'];
  return `SELECT ${keep.join(', ')}, CAST(${decile} AS ${D.int}) AS decile FROM (${cumulative}) c`;
}

/** The frame's totals: records, Σ W, Σ W·m (the population's weighted households and persons). */
export function frameTotalsSql(dialect: DialectName, frame: string): string {
  const D = dialectOf(dialect);
  return `SELECT count(*) AS records, sum(${wide(D, 'w')}) AS households, sum(${wide(D, 'w * m')}) AS persons FROM ${frame}`;
}

// ---------------------------------------------------------------- a scenario's payments

/** The policy's result columns a programme reads (absent: the policy has no such output). */
export interface ProgrammeColumns {
  readonly cost?: string;
  readonly persons?: string;
  readonly yearly: boolean;
}

export interface PaidOptions {
  readonly frame: string;
  /** the per-household result of the policy's query (materialized) */
  readonly outputs: string;
  /** dibao, 特困, the price subsidy, temporary and 支出型 assistance, in the simulator's order */
  readonly programmes: readonly [ProgrammeColumns, ProgrammeColumns, ProgrammeColumns, ProgrammeColumns, ProgrammeColumns];
  readonly edge?: FlagColumn;
  readonly rigid?: FlagColumn;
  /** draw columns of the frame: the regular-support claim (dibao, 特困, price), temporary, 支出型 */
  readonly draws: readonly [string, string, string];
  /** take-up: a household claims when its draw (in [0, 2^32)) is below the threshold, per dibao, 特困, temporary, 支出型 */
  readonly thresholds: readonly [bigint, bigint, bigint, bigint];
  /**
   * per region slot: the dibao standard's n/d for the urban and the rural hukou (reach.ts: the
   * household's own line; n = 0 when none), and the three cost shares' n/d (levels.ts) when the
   * policy gives them
   */
  readonly slots: readonly SlotValues[];
  readonly levels: boolean;
}

export interface FlagColumn {
  readonly column: string;
  readonly bool: boolean;
}

export interface SlotValues {
  readonly line: readonly [[number, number], [number, number]];
  readonly shares?: readonly [[number, number], [number, number], [number, number]];
}

/** ¥20 bins of per-capita income up to ¥10,000 (reach.ts BIN, BINS): given by the caller. */
export interface Bins {
  readonly width: number;
  readonly count: number;
}

export function paidSql(dialect: DialectName, o: PaidOptions, bins: Bins): string {
  const D = dialectOf(dialect);
  // the policy's columns this run reads, carried into the first layer as o_0, o_1, …
  const read: string[] = [];
  const out = (c: string | undefined) => {
    if (!c) return undefined;
    if (!read.includes(c)) read.push(c);
    return `o_${read.indexOf(c)}`;
  };
  const [pd, pt, pp, ptemp, pexp] = o.programmes;
  const cost = (p: ProgrammeColumns) => (p.cost ? `CASE WHEN ok THEN COALESCE(${out(p.cost)}, 0) ELSE 0 END` : bigint(D, 0));
  const persons = (p: ProgrammeColumns) => (p.cost && p.persons ? `CASE WHEN ok THEN COALESCE(${out(p.persons)}, 0) ELSE 0 END` : bigint(D, 0));
  // an output read as a flag: a bool, or a number that is not 0 (the JS engine's truthiness)
  const flag = (c: FlagColumn | undefined) => (c ? `(ok AND COALESCE(${c.bool ? out(c.column) : `${out(c.column)} <> 0`}, FALSE))` : 'FALSE');
  const [claim, temp, exp] = o.draws;
  const [tDibao, tTekun, tTemp, tExp] = o.thresholds.map((t) => bigint(D, t));
  const slotTable = D.values(
    o.slots.map((s, i) => [
      String(i),
      ...s.line.flatMap(([n, d]) => [bigint(D, n), bigint(D, d)]),
      ...(s.shares ?? [
        [0, 1],
        [0, 1],
        [0, 1],
      ]).flatMap(([n, d]) => [bigint(D, n), bigint(D, d)]),
    ]),
    ['slot', 'ln0', 'ld0', 'ln1', 'ld1', 'cn', 'cd', 'pn', 'pd', 'yn', 'yd'],
  );
  // 2: what each programme is due, and take-up (accumulate.ts)
  const l2 = [
    '*',
    `${cost(pd)} AS c0, ${persons(pd)} AS n0`,
    `${cost(pt)} AS c1, ${persons(pt)} AS n1`,
    `${cost(pp)} AS c2`,
    `${cost(ptemp)} AS c3`,
    `${cost(pexp)} AS c4`,
    `${flag(o.edge)} AS edge`,
    `${flag(o.rigid)} AS rigid`,
  ].join(', ');
  // 1: the policy's values; a refused household (doudi_error) has none
  const l1 = [
    'f.*',
    'o.doudi_error AS err',
    'o.doudi_error IS NULL AS ok',
    ...read.map((c, i) => `o.${D.ident(c)} AS o_${i}`),
    'sv.ln0, sv.ld0, sv.ln1, sv.ld1, sv.cn, sv.cd, sv.pn, sv.pd, sv.yn, sv.yd',
  ].join(', ');
  const s1 = `SELECT ${l1} FROM ${o.frame} f JOIN ${o.outputs} o ON o.household_id = f.household_id LEFT JOIN (SELECT * FROM ${slotTable}) sv ON sv.slot = f.slot`;
  const s2 = `SELECT ${l2} FROM (${s1}) x1`;
  const dTake = `(n0 > 0 AND ${claim} < ${tDibao})`;
  const tTake = `(n1 > 0 AND ${claim} < ${tTekun})`;
  const l3 = [
    '*',
    `CASE WHEN ${dTake} THEN c0 ELSE 0 END AS r0`,
    `CASE WHEN ${dTake} THEN n0 ELSE 0 END AS dp`,
    `CASE WHEN ${tTake} THEN c1 ELSE 0 END AS r1`,
    `CASE WHEN ${tTake} THEN n1 ELSE 0 END AS tp`,
    `CASE WHEN c3 > 0 AND ${temp} < ${tTemp} THEN c3 ELSE 0 END AS r3`,
    `CASE WHEN c4 > 0 AND ${exp} < ${tExp} THEN c4 ELSE 0 END AS r4`,
  ].join(', ');
  const s3 = `SELECT ${l3} FROM (${s2}) x2`;
  // 3: the price subsidy goes to the covered persons of the programmes claimed, Math.round of
  // c2 · persons / entitled (half up: these are non-negative), or to every member with dibao's claim
  const entitled = '(n0 + n1)';
  const pricePersons = `CASE WHEN c2 > 0 THEN CASE WHEN ${entitled} > 0 THEN dp + tp WHEN ${claim} < ${tDibao} THEN m ELSE 0 END ELSE 0 END`;
  const priceFen = `CASE WHEN c2 > 0 THEN CASE WHEN ${entitled} > 0 THEN ${D.idiv(`2 * c2 * (dp + tp) + ${entitled}`, `2 * ${entitled}`, true)} WHEN ${claim} < ${tDibao} THEN c2 ELSE 0 END ELSE 0 END`;
  const s4 = `SELECT *, ${pricePersons} AS pp, ${priceFen} AS r2 FROM (${s3}) x3`;
  // 4: totals a month in twelfths of a fen (exact integers, as the JS engine keeps them), reach, who pays
  const r = ['r0', 'r1', 'r2', 'r3', 'r4'];
  const yearly = o.programmes.map((p) => p.yearly);
  const tot12 = r.map((x, i) => (yearly[i] ? x : `12 * ${x}`)).join(' + ');
  const lineN = 'CASE WHEN hukou = 0 THEN ln0 ELSE ln1 END';
  const lineD = 'CASE WHEN hukou = 0 THEN ld0 ELSE ld1 END';
  const l5 = [
    '*',
    'dp + tp AS covered',
    `${tot12} AS tot12`,
    'r0 + r1 + r2 AS paid',
    `${lineN} AS line_n`,
    `${lineD} AS line_d`,
  ].join(', ');
  const s5 = `SELECT ${l5} FROM (${s4}) x4`;
  // reach.ts: before = s / m and after = before + paid / m as doubles, the line n / d as a double
  const before = `(${asDouble(D, 's')} / ${asDouble(D, 'm')})`;
  const after = `(${before} + ${asDouble(D, 'paid')} / ${asDouble(D, 'm')})`;
  const line = `(${asDouble(D, 'line_n')} / ${asDouble(D, 'line_d')})`;
  const bin = (y: string) => `CASE WHEN (${y}) >= ${double(D, String((bins.count - 1) * bins.width))} THEN ${bins.count - 1} WHEN (${y}) > 0 THEN CAST(floor((${y}) / ${double(D, String(bins.width))}) AS ${D.int}) ELSE 0 END`;
  const reach = `ok AND m > 0`;
  const lineOk = `line_d > 0 AND line_n > 0`;
  const l6 = [
    '*',
    `${reach} AS counted`,
    `${reach} AND ${lineOk} AS line_found`,
    `${reach} AND ${lineOk} AND ${before} < ${line} AS eligible`,
    `${reach} AND ${lineOk} AND ${after} < ${line} AS poor_after`,
    `CASE WHEN ${reach} THEN ${bin(before)} ELSE 0 END AS bin_before`,
    `CASE WHEN ${reach} THEN ${bin(after)} ELSE 0 END AS bin_after`,
  ];
  const s6 = `SELECT ${l6.join(', ')} FROM (${s5}) x5`;
  return o.levels ? levelsSql(D, s6, r) : s6;
}


/**
 * levels.ts: each payment split central = round(fen × central_share), local the rest, provincial
 * = min(round(local × provincial_share), local), city = min(round(local × city_share), local −
 * provincial), county what is left; rounding half away from zero in integers. One layer per step,
 * so no step's text is repeated in the next.
 */
function levelsSql(D: Dialect, select: string, r: readonly string[]): string {
  // wide: a policy's output may be NUMERIC in PostgreSQL, where `/` would round; div() truncates
  const half = (a: string, b: string) => roundDiv(D, a, b, 'half-away', true);
  const layer = (from: string, cols: (x: string, i: number) => string[], k: number) => `SELECT *, ${r.flatMap(cols).join(', ')} FROM (${from}) v${k}`;
  let s = layer(select, (x, i) => [`${half(`${x} * cn`, 'cd')} AS lv${i}_0`], 1);
  s = layer(s, (x, i) => [`${x} - lv${i}_0 AS local${i}`], 2);
  s = layer(s, (_, i) => [`LEAST(${half(`local${i} * pn`, 'pd')}, local${i}) AS lv${i}_1`], 3);
  s = layer(s, (_, i) => [`LEAST(${half(`local${i} * yn`, 'yd')}, local${i} - lv${i}_1) AS lv${i}_2`], 4);
  return layer(s, (_, i) => [`local${i} - lv${i}_1 - lv${i}_2 AS lv${i}_3`], 5);
}
