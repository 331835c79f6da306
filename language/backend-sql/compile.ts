/**
 * A checked policy, a date and settings → one SQL query over `households` and `persons` giving one
 * row per household: household_id, error (NULL, or why its evaluation failed) and the outputs.
 * See README.md for the table layout and how numbers stay exact.
 */
import type * as I from '../ir/types.ts';
import { defExprs, forEachExpr, reachableDefinitions } from '../ir/walk.ts';
import { checkDate, EvalError } from '../interpreter/index.ts';
import { dialectOf, roundDiv, IDENT, type Dialect, type DialectName } from './dialect.ts';
import { gen, withExceptions, choose, asNum, and, Unsupported, type Ctx, type Refs, type Site } from './expr.ts';
import { plan, layers, type AggExpr } from './plan.ts';
import { parseSets, resolveTable, SettingError } from './params.ts';
import { fieldSelect, fieldVal, paramShapes, schemaFields, type ParamShape } from './refs.ts';
import { type Num, type Val, RangeLimit, NARROW, lit, paren, staticNum } from './values.ts';
import { aggregate, aggValue, type AggColumns } from './aggregate.ts';

export interface SqlOptions {
  readonly dialect: DialectName;
  /** the date the parameters are resolved for (YYYY-MM-DD) */
  readonly date: string;
  /** settings as on the command line: { cpi_yoy: '3.5%' } */
  readonly sets?: Readonly<Record<string, string>>;
  /** table names (default households, persons) */
  readonly households?: string;
  readonly persons?: string;
}

/** One output column of the result. */
export interface SqlColumn {
  readonly output: string;
  readonly column: string;
  /** money: BIGINT fen; integer: BIGINT; fraction: numerator and denominator columns */
  readonly kind: 'money' | 'integer' | 'fraction' | 'bool' | 'text' | 'region';
  /** the denominator's column, for a fraction */
  readonly denominator?: string;
}

export interface SqlQuery {
  readonly dialect: DialectName;
  readonly date: string;
  readonly sql: string;
  readonly columns: readonly SqlColumn[];
}

export class SqlCompileError extends Error {
  constructor(
    message: string,
    readonly code: 'sql-unsupported' | 'sql-range' | 'out-of-effect' | 'bad-setting',
    readonly at?: { readonly file: string; readonly line: number; readonly column: number },
  ) {
    super(at ? `${at.file}:${at.line}:${at.column}: ${message}` : message);
  }
}

const ERR = 'doudi_error';

export function compileSql(ir: I.PolicyIR, opts: SqlOptions): SqlQuery {
  const D = dialectOf(opts.dialect);
  try {
    checkDate(ir, opts.date);
  } catch (e) {
    if (e instanceof EvalError) throw new SqlCompileError(e.message, 'out-of-effect');
    throw e;
  }
  let sets;
  try {
    sets = parseSets(ir, opts.sets ?? {});
  } catch (e) {
    if (e instanceof SettingError) throw new SqlCompileError(e.message, 'bad-setting');
    throw e;
  }
  const defs = reachableDefinitions(ir, ir.outputs);
  const used = new Set<string>();
  for (const d of defs) for (const x of defExprs(d)) forEachExpr(x, (y) => y.k === 'param' && used.add(y.id));
  const table = resolveTable(ir, [...used], opts.date, sets);
  const shapes = paramShapes(D, table);
  return new Builder(ir, D, opts, defs, table, shapes).build();
}

class Builder {
  private readonly ctes: string[] = [];
  private last = 'h0';
  private lastPerson = '';
  private n = 0;
  /** computed definitions: their SQL shape over columns */
  private readonly values = new Map<string, Val>();
  private readonly aggCols = new Map<AggExpr, AggColumns>();
  /** error columns in the order the interpreter meets definitions */
  private readonly errors: string[] = [];
  private readonly index: Map<string, number>;
  private readonly byId: Map<string, I.DefinitionIR>;

  constructor(
    private readonly ir: I.PolicyIR,
    private readonly D: Dialect,
    private readonly opts: SqlOptions,
    private readonly defs: readonly I.DefinitionIR[],
    private readonly table: ReturnType<typeof resolveTable>,
    private readonly shapes: Map<string, ParamShape>,
  ) {
    this.index = new Map(defs.map((d, i) => [d.id, i]));
    this.byId = new Map(defs.map((d) => [d.id, d]));
  }

  private refs(level: 'household' | 'person'): Refs {
    const D = this.D;
    return {
      field: (l, id) => fieldVal(D, l, id),
      param: (id, index) => {
        const s = this.shapes.get(id)!;
        if (!index) return s.entries[0]!;
        if (s.entries.length === 1) return s.entries[0]!;
        const conds = s.entryIds!.map((v) => `${paren(index.k === 'num' ? index.n : index.e)} = ${D.str(v)}`);
        return choose(conds.slice(0, -1), s.entries, this.ctxFor(this.defs[0]!, level));
      },
      def: (id) => {
        const v = this.values.get(id);
        if (!v) throw new Error(`internal: ${id} read before it is computed`);
        return v;
      },
      agg: (e, ctx) => aggValue(e, this.aggCols.get(e)!, ctx, (x, c) => gen(x, c)),
      date: D.str(this.opts.date),
    };
  }

  private ctxFor(d: I.DefinitionIR, level: 'household' | 'person', sites: Site[] = []): Ctx {
    return { D: this.D, refs: this.refs(level), level, sites, def: d };
  }

  private where(d: I.DefinitionIR): { file: string; line: number; column: number } {
    return { file: d.origin.file, line: d.origin.at[0], column: d.origin.at[1] };
  }

  /** Generates one definition into `cols`; its value's shape over those columns is recorded. */
  private define(d: I.DefinitionIR, cols: string[]): void {
    const sites: Site[] = [];
    let v: Val;
    try {
      v = withExceptions(d, this.ctxFor(d, d.level, sites));
    } catch (e) {
      if (e instanceof Unsupported) throw new SqlCompileError(`${d.id} cannot be compiled to SQL: ${e.message}`, 'sql-unsupported', e.at ? { file: d.origin.file, line: e.at[0], column: e.at[1] } : this.where(d));
      if (e instanceof RangeLimit) throw new SqlCompileError(`${d.id} cannot be compiled to SQL exactly: ${e.message}`, 'sql-range', this.where(d));
      throw e;
    }
    const name = `d${this.index.get(d.id)}`;
    if (v.k === 'num') {
      cols.push(`${v.n} AS ${name}`);
      const pv = d.level === 'person';
      // A member's fraction over a household denominator keeps the denominator's expression (made of
      // household columns, which the household layers have too), so sums over members stay exact.
      const ownDen = v.sd === undefined && (d.level === 'household' || v.pd);
      if (ownDen) cols.push(`${v.d} AS ${name}_d`);
      this.values.set(d.id, ownDen ? { ...v, n: name, d: `${name}_d`, pv, pd: v.pd } : { ...v, n: name, pv });
    } else {
      cols.push(`${v.e} AS ${name}`);
      this.values.set(d.id, { ...v, e: name } as Val);
    }
    if (sites.length) {
      cols.push(`CASE ${sites.map((s) => `WHEN ${s.cond} THEN ${s.msg}`).join(' ')} END AS ${name}_e`);
      this.errors.push(`${name}_e`);
    }
  }

  private cte(name: string, body: string): void {
    this.ctes.push(`${name} AS (\n  ${this.D.fence(body)}\n)`);
  }

  /** Definitions of one stage, layer by layer, on top of `from`. */
  private stageLayers(prefix: string, from: string, defs: readonly I.DefinitionIR[]): string {
    let cur = from;
    const done = new Set(this.values.keys());
    for (const layer of layers(defs, done)) {
      const cols: string[] = [];
      for (const d of layer) this.define(d, cols);
      const name = `${prefix}_${++this.n}`;
      this.cte(name, `SELECT *,\n    ${cols.join(',\n    ')}\n  FROM ${cur}`);
      cur = name;
    }
    return cur;
  }

  build(): SqlQuery {
    const D = this.D;
    const p = plan(this.defs);
    this.base();
    const hh = (k: number) => this.defs.filter((d) => d.level === 'household' && p.stage.get(d.id) === k);
    const pp = (k: number) => this.defs.filter((d) => d.level === 'person' && p.stage.get(d.id) === k);
    this.last = this.stageLayers('h0', 'h0', hh(0));
    const householdCols = (k: number) => this.defs.filter((d) => d.level === 'household' && p.stage.get(d.id) === k).map((d) => `d${this.index.get(d.id)}`);
    for (let k = 1; k <= p.passes; k++) {
      // members with the household values they may read
      const hcols = k === 1 ? [...this.h0cols.filter((c) => c !== 'household_id'), ...householdCols(0).flatMap((c) => this.colsOf(c))] : householdCols(k - 1).flatMap((c) => this.colsOf(c));
      const personFrom = k === 1 ? D.ident(this.opts.persons ?? 'persons') : this.lastPerson;
      const personSel = k === 1 ? this.personFields('m') : 'm.*';
      const join = `SELECT ${personSel}${hcols.length ? `, ${hcols.map((c) => `h.${c}`).join(', ')}` : ''}\n  FROM ${personFrom} m JOIN ${this.last} h ON m.household_id = h.household_id`;
      this.cte(`p${k}`, join);
      this.lastPerson = this.stageLayers(`p${k}`, `p${k}`, pp(k));
      // the aggregations this pass makes possible
      const aggs = [...p.aggPass].filter(([, pass]) => pass === k).map(([a]) => a);
      const personErrors = pp(k).map((d) => `d${this.index.get(d.id)}_e`).filter((c) => this.errors.includes(c));
      const sel: string[] = ['household_id'];
      aggs.forEach((a, i) => {
        const owner = this.defs.find((d) => p.aggsOf.get(d.id)?.includes(a))!;
        const cols = aggregate(a, `a${k}_${i}`, { ...this.ctxFor(owner, 'person') }, (x, c) => gen(x, c), owner);
        this.aggCols.set(a, cols);
        sel.push(...cols.select);
      });
      for (const c of personErrors) sel.push(`max(${c}) AS ${c}`);
      this.cte(`a${k}`, `SELECT ${sel.join(',\n    ')}\n  FROM ${this.lastPerson}\n  GROUP BY household_id`);
      this.cte(`h${k}`, `SELECT h.*, ${sel.slice(1).map((s) => `a.${s.slice(s.lastIndexOf(' AS ') + 4)}`).join(', ') || 'NULL AS no_aggregates'}\n  FROM ${this.last} h LEFT JOIN a${k} a ON a.household_id = h.household_id`);
      this.last = this.stageLayers(`h${k}`, `h${k}`, hh(k));
    }
    return this.finish();
  }

  private colsOf(name: string): string[] {
    const id = this.defs[Number(name.slice(1))]!.id;
    const v = this.values.get(id)!;
    return v.k === 'num' && v.d === `${name}_d` ? [name, `${name}_d`] : [name];
  }

  private h0cols: string[] = [];

  private personFields(alias: string): string {
    const read = new Set<string>();
    for (const d of this.defs) for (const x of defExprs(d)) forEachExpr(x, (y) => y.k === 'field' && y.level === 'person' && read.add(y.id));
    const cols = [`${alias}.household_id`];
    for (const f of schemaFields('person')) if (read.has(f.id)) cols.push(`${fieldSelect(this.D, f, alias)} AS ${this.D.ident(f.id)}`);
    return cols.join(', ');
  }

  /** h0: households, their parameter row, optional fields' defaults. */
  private base(): void {
    const D = this.D;
    const read = new Set<string>();
    for (const d of this.defs) for (const x of defExprs(d)) forEachExpr(x, (y) => y.k === 'field' && y.level === 'household' && read.add(y.id));
    const cols = ['h.household_id'];
    const names = ['household_id'];
    for (const f of schemaFields('household')) {
      if (!read.has(f.id)) continue;
      cols.push(`${fieldSelect(D, f, 'h')} AS ${D.ident(f.id)}`);
      names.push(D.ident(f.id));
    }
    const t = this.table;
    const paramCols = [...this.shapes.values()].flatMap((s) => s.columns);
    const anyError = t.errors.some((e) => e !== undefined);
    let from = `${D.ident(this.opts.households ?? 'households')} h`;
    if (paramCols.length || anyError) {
      const region = `h.${D.ident('region')}`;
      const inList = (codes: readonly number[]) => codes.join(', ');
      const arms: string[] = [];
      if (t.exact.length) arms.push(`WHEN ${region} IN (${inList(t.exact)}) THEN ${region}`);
      if (t.prefectures.length) arms.push(`WHEN ${region} - ${region} % 100 IN (${inList(t.prefectures)}) THEN ${region} - ${region} % 100`);
      if (t.provinces.length) arms.push(`WHEN ${region} - ${region} % 10000 IN (${inList(t.provinces)}) THEN ${region} - ${region} % 10000`);
      const key = arms.length ? `CASE ${arms.join(' ')} ELSE 0 END` : '0';
      const rows = t.keys.map((k, r) => [String(k), t.errors[r] === undefined ? `CAST(NULL AS ${D.text})` : D.str(t.errors[r]!), ...paramCols.map((c) => c.rows[r]!)]);
      this.cte('doudi_parameters', `SELECT * FROM ${D.values(rows, ['region_key', 'parameter_error', ...paramCols.map((c) => c.name)])}`);
      from += ` LEFT JOIN doudi_parameters pr ON pr.region_key = ${key}`;
      cols.push('pr.parameter_error', ...paramCols.map((c) => `pr.${c.name}`));
      names.push('parameter_error', ...paramCols.map((c) => c.name));
      this.errors.push('parameter_error');
    }
    this.h0cols = names;
    this.cte('h0', `SELECT ${cols.join(',\n    ')}\n  FROM ${from}`);
  }

  private finish(): SqlQuery {
    const D = this.D;
    const columns: SqlColumn[] = [];
    // the household's error: the parameters' first, then each definition's, in evaluation order
    this.cte('doudi_result', `SELECT *, COALESCE(${[...this.errors, `CAST(NULL AS ${D.text})`].join(', ')}) AS ${ERR}\n  FROM ${this.last}`);
    this.last = 'doudi_result';
    const sel: string[] = ['household_id', ERR];
    this.ir.outputs.forEach((id, i) => {
      const d = this.byId.get(id)!;
      const v = this.values.get(id)!;
      const name = IDENT.test(id) && id !== ERR && id !== 'household_id' ? id : `output_${i}`;
      const col = D.ident(name);
      const ok = (x: string) => `CASE WHEN ${ERR} IS NULL THEN ${x} END`;
      if (v.k !== 'num') {
        columns.push({ output: id, column: name, kind: v.k === 'bool' ? 'bool' : v.k === 'int' ? 'region' : 'text' });
        sel.push(`${ok(v.e)} AS ${col}`);
        return;
      }
      const kind = d.type.k === 'money' ? 'money' : 'integer';
      if (d.exact) {
        // a whole number (of fen): n/d divides exactly; the division is the one macro all the same
        const whole = v.sd === 1n ? v.n : roundDiv(D, v.n, v.d, 'down', v.wide || v.nb >= NARROW);
        columns.push({ output: id, column: name, kind });
        sel.push(`${ok(this.narrow(whole, v))} AS ${col}`);
        return;
      }
      const den = D.ident(`${name}__den`);
      const num = D.ident(`${name}__num`);
      columns.push({ output: id, column: `${name}__num`, kind: 'fraction', denominator: `${name}__den` });
      sel.push(`${ok(v.n)} AS ${num}`, `${ok(v.d)} AS ${den}`);
    });
    const sql = `WITH\n${this.ctes.join(',\n')}\nSELECT ${sel.join(',\n  ')}\nFROM ${this.last}`;
    return { dialect: D.name, date: this.opts.date, sql, columns };
  }

  /** A result column in BIGINT where its bound allows (DuckDB and PostgreSQL widen sums). */
  private narrow(e: string, v: Num): string {
    return v.nb < NARROW ? `CAST(${e} AS ${this.D.int})` : e;
  }
}

export { staticNum, lit, asNum, and };
