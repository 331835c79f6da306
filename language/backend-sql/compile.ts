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
import { layering, type AggExpr } from './plan.ts';
import { parseSets, resolveTable, SettingError } from './params.ts';
import { fieldSelect, fieldVal, paramShapes, schemaFields, type ParamShape } from './refs.ts';
import { type Num, type Val, RangeLimit, NARROW, lit, paren, staticNum } from './values.ts';
import { aggregate, aggValue, MEMBER, type AggColumns } from './aggregate.ts';

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
  /**
   * Statements to run first, in order: none for DuckDB and PostgreSQL (the query is one WITH
   * chain); for Spark, the layers as temporary views, each analysed once (Spark re-analyses a
   * CTE chain layer by layer, which takes minutes for a whole policy).
   */
  readonly setup: readonly string[];
  /** the query giving one row per household */
  readonly sql: string;
  /** setup and query as one script, statements ended by semicolons */
  readonly script: string;
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
  private readonly ctes: { name: string; body: string }[] = [];
  private last = 'doudi_rows';
  /** computed definitions: their SQL shape over columns */
  private readonly values = new Map<string, Val>();
  private readonly aggCols = new Map<AggExpr, AggColumns>();
  /** error columns in the order the layers meet them */
  private readonly errors: string[] = [];
  private readonly index: Map<string, number>;
  private readonly byId: Map<string, I.DefinitionIR>;
  /** columns read by the item being generated */
  private reads = new Set<string>();
  /** columns a definition's or an aggregation's value reads where it is used */
  private readonly valueReads = new Map<string | AggExpr, Set<string>>();

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
      field: (l, id) => {
        this.reads.add(D.ident(id));
        return fieldVal(D, l, id);
      },
      param: (id, index) => {
        const s = this.shapes.get(id)!;
        for (const c of s.columns) this.reads.add(c.name);
        if (!index || s.entries.length === 1) return s.entries[0]!;
        const conds = s.entryIds!.map((v) => `${paren(index.k === 'num' ? index.n : index.e)} = ${D.str(v)}`);
        return choose(conds.slice(0, -1), s.entries, this.ctxFor(this.defs[0]!, level));
      },
      def: (id) => {
        const v = this.values.get(id);
        if (!v) throw new Error(`internal: ${id} read before it is computed`);
        for (const c of this.valueReads.get(id)!) this.reads.add(c);
        return v;
      },
      agg: (e, ctx) => {
        for (const c of this.valueReads.get(e)!) this.reads.add(c);
        return aggValue(e, this.aggCols.get(e)!, ctx, (x, c) => gen(x, c));
      },
      date: D.str(this.opts.date),
      enumValues: (id) => this.ir.enums.find((en) => en.id === id)?.values.map((v) => v.id) ?? [],
    };
  }

  private ctxFor(d: I.DefinitionIR, level: 'household' | 'person', sites: Site[] = []): Ctx {
    return { D: this.D, refs: this.refs(level), level, sites, def: d };
  }

  private where(d: I.DefinitionIR): { file: string; line: number; column: number } {
    return { file: d.origin.file, line: d.origin.at[0], column: d.origin.at[1] };
  }

  /** Reports what cannot be compiled against the definition it is in. */
  private within<T>(d: I.DefinitionIR, f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof Unsupported) throw new SqlCompileError(`${d.id} cannot be compiled to SQL: ${e.message}`, 'sql-unsupported', e.at ? { file: d.origin.file, line: e.at[0], column: e.at[1] } : this.where(d));
      if (e instanceof RangeLimit) throw new SqlCompileError(`${d.id} cannot be compiled to SQL exactly: ${e.message}`, 'sql-range', this.where(d));
      throw e;
    }
  }

  /** Generates one definition into `cols`; its value's shape over those columns is recorded. */
  private define(d: I.DefinitionIR, cols: string[]): void {
    const sites: Site[] = [];
    this.reads = new Set();
    const v = this.within(d, () => withExceptions(d, this.ctxFor(d, d.level, sites)));
    const name = `d${this.index.get(d.id)}`;
    if (d.level === 'person' && sites.length) this.reads.add(MEMBER);
    const own = this.reads;
    if (v.k === 'num') {
      cols.push(`${v.n} AS ${name}`);
      const pv = d.level === 'person';
      // A member's fraction over a household denominator keeps the denominator's expression (made of
      // household values, the same on every row of the household), so sums over members stay exact.
      const ownDen = v.sd === undefined && (d.level === 'household' || v.pd);
      if (ownDen) cols.push(`${v.d} AS ${name}_d`);
      this.values.set(d.id, ownDen ? { ...v, n: name, d: `${name}_d`, pv, pd: v.pd } : { ...v, n: name, pv });
      // a denominator kept as an expression reads what the definition read
      this.valueReads.set(d.id, ownDen || v.sd !== undefined ? new Set([name, ...(ownDen ? [`${name}_d`] : [])]) : new Set([name, ...own]));
    } else {
      cols.push(`${v.e} AS ${name}`);
      this.values.set(d.id, { ...v, e: name } as Val);
      this.valueReads.set(d.id, new Set([name]));
    }
    if (sites.length) {
      // a member's conflict counts on members' rows only
      const member = d.level === 'person' ? `${MEMBER} AND ` : '';
      cols.push(`CASE ${sites.map((s) => `WHEN ${member}${paren(s.cond)} THEN ${s.msg}`).join(' ')} END AS ${name}_e`);
      this.errors.push(`${name}_e`);
    }
  }

  private cte(name: string, body: string): void {
    this.ctes.push({ name, body: this.D.fence(body) });
  }

  build(): SqlQuery {
    this.base();
    // generate every layer first, noting what each reads and defines, then keep in each layer only
    // the columns a later layer or the result still reads (rows stay narrow: engines copy every
    // column through each window)
    const gen1: { cols: string[]; reads: Set<string>; defines: Set<string> }[] = [];
    for (const items of layering(this.defs)) {
      const cols: string[] = [];
      const reads = new Set<string>();
      for (const it of items) {
        if (it.k === 'def') this.define(it.d, cols);
        else {
          const a = it.a;
          this.reads = new Set([MEMBER, 'household_id']);
          const c = this.within(it.owner, () => aggregate(a, `a${this.aggCols.size}`, this.ctxFor(it.owner, 'person'), (x, ctx) => gen(x, ctx), it.owner));
          this.aggCols.set(a, c);
          cols.push(...c.select);
          const names = c.select.map((x) => x.slice(x.lastIndexOf(' AS ') + 4));
          const v = c.value;
          this.valueReads.set(a, new Set([...names, ...(v.k === 'num' && v.sd === undefined ? this.reads : [])]));
        }
        for (const r of this.reads) reads.add(r);
      }
      gen1.push({ cols, reads, defines: new Set(cols.map((x) => x.slice(x.lastIndexOf(' AS ') + 4))) });
    }
    const result = this.finishSelect();
    let live = new Set<string>([...this.resultReads, ...this.errors, 'household_id']);
    const keep: string[][] = [];
    for (let k = gen1.length - 1; k >= 0; k--) {
      const l = gen1[k]!;
      keep[k] = [...live].filter((c) => !l.defines.has(c));
      live = new Set([...keep[k]!, ...l.reads]);
    }
    // doudi_rows selects fields read anywhere and the parameter columns: only what the first layer keeps
    gen1.forEach((l, k) => {
      const name = `l${k + 1}`;
      const pass = keep[k]!.sort();
      this.cte(name, `SELECT ${[...pass, ...l.cols].join(',\n    ')}\n  FROM ${this.last}`);
      this.last = name;
    });
    return result();
  }

  /** doudi_rows: each household's members (or one row for a household without members) with the household's fields and parameter row. */
  private base(): void {
    const D = this.D;
    const read = { household: new Set<string>(), person: new Set<string>() };
    for (const d of this.defs) for (const x of defExprs(d)) forEachExpr(x, (y) => y.k === 'field' && read[y.level].add(y.id));
    const cols = ['h.household_id'];
    for (const level of ['household', 'person'] as const)
      for (const f of schemaFields(level)) if (read[level].has(f.id)) cols.push(`${fieldSelect(D, f, level === 'household' ? 'h' : 'm')} AS ${D.ident(f.id)}`);
    cols.push(`m.household_id IS NOT NULL AS ${MEMBER}`);
    const t = this.table;
    const paramCols = [...this.shapes.values()].flatMap((s) => s.columns);
    const anyError = t.errors.some((e) => e !== undefined);
    let from = `${D.ident(this.opts.households ?? 'households')} h`;
    if (paramCols.length || anyError) {
      const region = `h.${D.ident('region')}`;
      const arms: string[] = [];
      if (t.exact.length) arms.push(`WHEN ${region} IN (${t.exact.join(', ')}) THEN ${region}`);
      if (t.prefectures.length) arms.push(`WHEN ${region} - ${region} % 100 IN (${t.prefectures.join(', ')}) THEN ${region} - ${region} % 100`);
      if (t.provinces.length) arms.push(`WHEN ${region} - ${region} % 10000 IN (${t.provinces.join(', ')}) THEN ${region} - ${region} % 10000`);
      const key = arms.length ? `CASE ${arms.join(' ')} ELSE 0 END` : '0';
      const rows = t.keys.map((k, r) => [String(k), t.errors[r] === undefined ? `CAST(NULL AS ${D.text})` : D.str(t.errors[r]!), ...paramCols.map((c) => c.rows[r]!)]);
      this.cte('doudi_parameters', `SELECT * FROM ${D.values(rows, ['region_key', 'parameter_error', ...paramCols.map((c) => c.name)])}`);
      from += `\n  LEFT JOIN doudi_parameters pr ON pr.region_key = ${key}`;
      cols.push('pr.parameter_error', ...paramCols.map((c) => `pr.${c.name}`));
      this.errors.push('parameter_error');
    }
    from += `\n  LEFT JOIN ${D.ident(this.opts.persons ?? 'persons')} m ON m.household_id = h.household_id`;
    this.cte('doudi_rows', `SELECT ${cols.join(',\n    ')}\n  FROM ${from}`);
  }

  /** columns the result reads (the outputs' values) */
  private resultReads = new Set<string>();

  /** Prepares the result's select (noting what it reads); the returned function emits the query. */
  private finishSelect(): () => SqlQuery {
    for (const id of this.ir.outputs) for (const c of this.valueReads.get(id)!) this.resultReads.add(c);
    return () => this.finish();
  }

  private finish(): SqlQuery {
    const D = this.D;
    const columns: SqlColumn[] = [];
    // the row's error: the parameters' first, then each definition's in the order of the layers
    this.cte('doudi_result', `SELECT *, COALESCE(${[...this.errors, `CAST(NULL AS ${D.text})`].join(', ')}) AS ${ERR}\n  FROM ${this.last}`);
    // one row per household: its values are the same on each of its rows, but members' conflicts are not
    const sel: string[] = ['household_id', `max(${ERR}) AS ${ERR}`];
    const ok = (x: string) => `CASE WHEN max(${ERR}) IS NULL THEN ${x} END`;
    const one = (x: string, bool = false) => ok(bool ? D.boolAnd(x) : `min(${x})`);
    this.ir.outputs.forEach((id, i) => {
      const d = this.byId.get(id)!;
      const v = this.values.get(id)!;
      const name = IDENT.test(id) && id !== ERR && id !== 'household_id' ? id : `output_${i}`;
      const col = D.ident(name);
      if (v.k !== 'num') {
        columns.push({ output: id, column: name, kind: v.k === 'bool' ? 'bool' : v.k === 'int' ? 'region' : 'text' });
        sel.push(`${one(v.e, v.k === 'bool')} AS ${col}`);
        return;
      }
      const kind = d.type.k === 'money' ? 'money' : 'integer';
      if (d.exact) {
        // a whole number (of fen): n/d divides exactly; the division is the one macro all the same
        const whole = v.sd === 1n ? v.n : roundDiv(D, v.n, v.d, 'down', v.wide || v.nb >= NARROW);
        columns.push({ output: id, column: name, kind });
        sel.push(`${one(this.narrow(whole, v))} AS ${col}`);
        return;
      }
      columns.push({ output: id, column: `${name}__num`, kind: 'fraction', denominator: `${name}__den` });
      sel.push(`${one(v.n)} AS ${D.ident(`${name}__num`)}`, `${one(v.d)} AS ${D.ident(`${name}__den`)}`);
    });
    const select = `SELECT ${sel.join(',\n  ')}\nFROM doudi_result\nGROUP BY household_id`;
    const header = `-- ${this.ir.policy.id} on ${this.opts.date}, ${D.name}: one row per household (money in fen)`;
    if (D.name !== 'spark') {
      const sql = `WITH\n${this.ctes.map((c) => `${c.name} AS (\n  ${c.body}\n)`).join(',\n')}\n${select}`;
      return { dialect: D.name, date: this.opts.date, setup: [], sql, script: `${header}\n${sql};\n`, columns };
    }
    const setup = [
      // a view keeps its analysed plan (not its text to analyse again wherever it is read)
      'SET spark.sql.legacy.storeAnalyzedPlanForView=true',
      ...this.ctes.map((c) => `CREATE OR REPLACE TEMPORARY VIEW ${c.name} AS\n  ${c.body}`),
    ];
    return { dialect: D.name, date: this.opts.date, setup, sql: select, script: `${header}\n${[...setup, select].join(';\n\n')};\n`, columns };
  }

  /** A result column in BIGINT where its bound allows (DuckDB and PostgreSQL widen sums). */
  private narrow(e: string, v: Num): string {
    return v.nb < NARROW ? `CAST(${e} AS ${this.D.int})` : e;
  }
}

export { staticNum, lit, asNum, and };
