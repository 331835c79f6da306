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
import { planStages, type AggExpr } from './plan.ts';
import { parseSets, resolveTable, SettingError } from './params.ts';
import { fieldSelect, fieldVal, paramShapes, schemaFields, type ParamShape } from './refs.ts';
import { shape, identifiers, type Node } from './query.ts';
import { emit } from './emit.ts';
import { type Num, type Val, RangeLimit, NARROW, lit, paren, staticNum } from './values.ts';
import { aggregate, aggValue, type AggColumns, type Column } from './aggregate.ts';

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
   * Statements to run first, in order: none for DuckDB (the query is one WITH query); for
   * PostgreSQL `SET jit = off` (see emit.ts); for Spark, each step that two later steps read
   * written once as a table of its own (`doudi_…`, Parquet in the session's warehouse), as Spark
   * would copy its plan into every reader, and the copies' copies.
   */
  readonly setup: readonly string[];
  /** the query giving one row per household */
  readonly sql: string;
  /** statements to run once the query's rows are read (or it failed): PostgreSQL `RESET jit`, Spark drops setup's tables */
  readonly teardown: readonly string[];
  /** setup, query and teardown as one script, statements ended by semicolons */
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
/** the names of the query's own steps (nodes): never an input table's */
const INTERNAL = /^doudi_(?:[hpg]\d+(?:_\d+)?|result|parameters)$/;

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
  for (const [option, name] of [['households', opts.households], ['persons', opts.persons]] as const) {
    if (name === undefined) continue;
    if (!IDENT.test(name)) throw new SqlCompileError(`the ${option} table's name ${JSON.stringify(name)} is not a plain lower-case SQL name (a–z, 0–9, _; at most 63)`, 'bad-setting');
    // the query's own steps are named doudi_h…, doudi_p…, doudi_g… (and on Spark are tables of the session)
    if (INTERNAL.test(name)) throw new SqlCompileError(`the ${option} table's name ${name} is one the query uses for its own steps (doudi_h…, doudi_p…, doudi_g…, doudi_result, doudi_parameters)`, 'bad-setting');
  }
  const defs = reachableDefinitions(ir, ir.outputs);
  const used = new Set<string>();
  for (const d of defs) for (const x of defExprs(d)) forEachExpr(x, (y) => y.k === 'param' && used.add(y.id));
  const table = resolveTable(ir, [...used], opts.date, sets);
  const shapes = paramShapes(D, table);
  return new Builder(ir, D, opts, defs, table, shapes).build();
}

class Builder {
  private readonly nodes: Node[] = [];
  /** computed definitions: their SQL shape over columns */
  private readonly values = new Map<string, Val>();
  private readonly aggCols = new Map<AggExpr, AggColumns>();
  /** the household rows' error columns, in the order the stages meet them */
  private readonly errors: string[] = [];
  private readonly index: Map<string, number>;
  private readonly byId: Map<string, I.DefinitionIR>;
  private paramsCte: string | undefined;

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
        if (!index || s.entries.length === 1) return s.entries[0]!;
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

  /**
   * One definition's columns; its value's shape over them is recorded. A member's conflict is a
   * column of the member's row (`_pe`), which the stage's group brings to the household (`_e`).
   */
  private define(d: I.DefinitionIR): { cols: Column[]; memberError?: string } {
    const sites: Site[] = [];
    const v = this.within(d, () => withExceptions(d, this.ctxFor(d, d.level, sites)));
    const name = `d${this.index.get(d.id)}`;
    const cols: Column[] = [];
    if (v.k === 'num') {
      cols.push({ name, expr: v.n });
      const pv = d.level === 'person';
      // A member's fraction over a household denominator keeps the denominator's expression (made of
      // household values, the same on every row of the household), so sums over members stay exact.
      const ownDen = v.sd === undefined && (d.level === 'household' || v.pd);
      if (ownDen) cols.push({ name: `${name}_d`, expr: v.d });
      this.values.set(d.id, ownDen ? { ...v, n: name, d: `${name}_d`, pv, pd: v.pd } : { ...v, n: name, pv });
    } else {
      cols.push({ name, expr: v.e });
      this.values.set(d.id, { ...v, e: name } as Val);
    }
    const live = sites.filter((s) => s.cond !== 'FALSE');
    if (!live.length) return { cols };
    const error = d.level === 'person' ? `${name}_pe` : `${name}_e`;
    cols.push({ name: error, expr: `CASE ${live.map((s) => `WHEN ${paren(s.cond)} THEN ${s.msg}`).join(' ')} END` });
    if (d.level === 'household') {
      this.errors.push(error);
      return { cols };
    }
    return { cols, memberError: name };
  }

  private node(n: Node): Node {
    this.nodes.push(n);
    return n;
  }

  /** Sublayers of definitions over a chain: the first computed in `first` (a join, or a projection of `from`). */
  private sublayers(from: Node, layers: readonly (readonly Column[])[], name: string, join?: Node['join']): Node {
    let at = from;
    layers.forEach((cols, i) => {
      at = this.node({ name: `${name}_${i + 1}`, input: at, ...(i === 0 && join ? { join } : {}), cols });
    });
    if (!layers.length && join) at = this.node({ name: `${name}_1`, input: from, join, cols: [] });
    return at;
  }

  build(): SqlQuery {
    const plan = planStages(this.defs);
    let h = this.householdBase();
    const memberErrors: string[] = [];
    const defineAll = (layers: readonly (readonly I.DefinitionIR[])[]) =>
      layers.map((ds) =>
        ds.flatMap((d) => {
          const r = this.define(d);
          if (r.memberError) memberErrors.push(r.memberError);
          return r.cols;
        }),
      );
    h = this.sublayers(h, defineAll(plan.base), 'doudi_h0');
    let p: Node | undefined;
    plan.stages.forEach((st, i) => {
      const s = i + 1;
      memberErrors.length = 0;
      // members: computed on member rows, joined to the household values of the stage before where they read some
      const personCols = defineAll(st.person);
      const groupCols: Column[] = [];
      for (const { a, owner } of st.aggs) {
        const c = this.within(owner, () => aggregate(a, `a${this.aggCols.size}`, this.ctxFor(owner, 'person'), (x, ctx) => gen(x, ctx), owner));
        this.aggCols.set(a, c);
        groupCols.push(...c.select);
        if (c.error) this.errors.push(c.error);
      }
      for (const m of memberErrors) {
        groupCols.push({ name: `${m}_e`, expr: `max(${m}_pe)` });
        this.errors.push(`${m}_e`);
      }
      p ??= this.personBase();
      const householdHas = new Set([...h.cols.map((c) => c.name), ...this.chainColumns(h)]);
      const readsHousehold = [...personCols.flat(), ...groupCols].some((c) => [...identifiers(c.expr)].some((x) => householdHas.has(x) && x !== 'household_id'));
      p = this.sublayers(p, personCols, `doudi_p${s}`, readsHousehold ? { node: h, kind: 'inner' } : undefined);
      if (!groupCols.length) return;
      const g = this.node({ name: `doudi_g${s}`, input: p, group: true, cols: groupCols });
      // households: their values that read the stage's aggregations, on the household rows joined to the groups
      const householdCols = defineAll(st.household);
      h = this.sublayers(h, householdCols.length ? householdCols : [[]], `doudi_h${s}`, { node: g, kind: 'left' });
    });
    return this.finish(h);
  }

  /** The columns a chain of nodes gives (its nodes' computed columns, through projections and joins). */
  private chainColumns(n: Node): string[] {
    const out: string[] = [];
    const seen = new Set<Node>();
    const walk = (x: Node) => {
      if (seen.has(x)) return;
      seen.add(x);
      out.push(...x.cols.map((c) => c.name));
      if (!x.from && !x.group) {
        walk(x.input!);
        if (x.join) walk(x.join.node);
      }
    };
    walk(n);
    return out;
  }

  /** The households with their fields (optional ones defaulted) and their region's parameter row. */
  private householdBase(): Node {
    const D = this.D;
    const cols: Column[] = schemaFields('household')
      .filter((f) => f.type !== undefined)
      .map((f) => ({ name: D.ident(f.id), expr: fieldSelect(D, f, 'h') }));
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
      this.paramsCte = `SELECT * FROM ${D.values(rows, ['region_key', 'parameter_error', ...paramCols.map((c) => c.name)])}`;
      from += `
  LEFT JOIN doudi_parameters pr ON pr.region_key = ${key}`;
      cols.push({ name: 'parameter_error', expr: 'pr.parameter_error' }, ...paramCols.map((c) => ({ name: c.name, expr: `pr.${c.name}` })));
      this.errors.push('parameter_error');
    }
    return this.node({ name: 'doudi_h0', from: { sql: from, key: 'h.household_id' }, cols });
  }

  /** Every household's members with their fields (optional ones defaulted). */
  private personBase(): Node {
    const D = this.D;
    const cols: Column[] = schemaFields('person')
      .filter((f) => f.type !== undefined)
      .map((f) => ({ name: D.ident(f.id), expr: fieldSelect(D, f, 'm') }));
    return this.node({ name: 'doudi_p0', from: { sql: `${D.ident(this.opts.persons ?? 'persons')} m`, key: 'm.household_id' }, cols });
  }

  private finish(last: Node): SqlQuery {
    const D = this.D;
    const columns: SqlColumn[] = [];
    // the household's error: the parameters' first, then each definition's in the order of the stages
    const result = this.node({ name: 'doudi_result', input: last, cols: [{ name: ERR, expr: `COALESCE(${[...this.errors, `CAST(NULL AS ${D.text})`].join(', ')})` }] });
    const sel: string[] = ['household_id', ERR];
    const ok = (x: string) => `CASE WHEN ${ERR} IS NULL THEN ${x} END`;
    this.ir.outputs.forEach((id, i) => {
      const d = this.byId.get(id)!;
      const v = this.values.get(id)!;
      const name = IDENT.test(id) && id !== ERR && id !== 'household_id' ? id : `output_${i}`;
      const col = D.ident(name);
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
      columns.push({ output: id, column: `${name}__num`, kind: 'fraction', denominator: `${name}__den` });
      sel.push(`${ok(v.n)} AS ${D.ident(`${name}__num`)}`, `${ok(v.d)} AS ${D.ident(`${name}__den`)}`);
    });
    const select = `SELECT ${sel.join(',\n  ')}\nFROM doudi_result`;
    const wanted = new Set<string>([ERR]);
    for (const x of sel) for (const c of identifiers(x)) wanted.add(c);
    const shaped = shape(this.nodes, result, wanted).filter((s) => s.readers > 0);
    const header = `-- ${this.ir.policy.id} on ${this.opts.date}, ${D.name}: one row per household (money in fen)`;
    const { setup, sql, teardown } = emit(D, this.paramsCte, shaped, select, result);
    const script = `${header}\n${[...setup, sql, ...teardown].join(';\n\n')};\n`;
    return { dialect: D.name, date: this.opts.date, setup, sql, teardown, script, columns };
  }

  /** A result column in BIGINT where its bound allows (DuckDB and PostgreSQL widen sums). */
  private narrow(e: string, v: Num): string {
    return v.nb < NARROW ? `CAST(${e} AS ${this.D.int})` : e;
  }
}

export { staticNum, lit, asNum, and };
