/**
 * Batch emission: the scheduled steps as the body of `evaluateBatch`, one pass over a population
 * held as columns. Constant steps go before the household loop, keyed steps into a table per
 * region slot × area filled before it, household steps into the loop, member steps into loops
 * over the household's members (person-level values read elsewhere are kept in per-member arrays).
 */
import type * as I from '../ir/types.ts';
import { defExprs, forEachExpr } from '../ir/walk.ts';
import { enumSpec } from '../schema/index.ts';
import { citeText } from '../checker/cites.ts';
import { gen } from './gen.ts';
import { exceptions } from './exceptions.ts';
import { fusedAggregate } from './fused.ts';
import { Block, staticNum, type GenCtx, type Refs, type V } from './values.ts';
import { jsonLiteral, commentText } from './names.ts';
import { isCodeType, wholeParam, paramWidth, whole, within, type ModuleContext } from './context.ts';
import { Operands } from './operands.ts';
import type { Step } from './schedule.ts';
import { definitionBounds, fitsInt32 } from './ranges.ts';

type Num = Extract<V, { k: 'num' }>;
type Agg = Extract<I.Expr, { k: 'agg' }>;

/** How an output is stored in out.columns: codes in bytes, whole numbers in Int32, the rest in float64. */
export const outKind = (d: I.DefinitionIR): 'f64' | 'i32' | 'u8' => (d.type.k === 'bool' || d.type.k === 'enum' ? 'u8' : d.type.k === 'integer' || d.type.k === 'months' ? 'i32' : 'f64');

export class BatchEmitter {
  private readonly byId: Map<string, I.DefinitionIR>;
  private readonly operands: Operands;
  private readonly usedFields = { household: new Set<string>(), person: new Set<string>() };
  private readonly usedParams = new Set<string>();
  /** how a computed definition is read: its local names (household level), or its loop locals */
  private readonly defVals = new Map<string, V>();
  /** person-level values kept in per-member arrays (`s_…[j]`) */
  private readonly scratch = new Map<string, { kind: V['k']; dynamic: boolean }>();
  private readonly scratchRead = new Set<string>();
  /** person-level values read outside the loop that computes them */
  private readonly needsStore = new Set<string>();
  private readonly uniformFlags = new Map<string, { flag: string; n: string; d: string } | null>();
  private inKeyed = false;
  /** while filling the tables of values keyed by a household value: its id (it reads as the loop's `a`) */
  private keyedBy: string | undefined;
  private keyedLoop: string[] = [];
  /** reading a value keyed by a household value from its table, at its 'load' step */
  private readonly keyedLoads = new Map<string, string>();
  private loopLocals = new Map<string, V>();
  private currentDef: I.DefinitionIR | undefined;
  /** before the household loop */
  private readonly pre = new Block();
  /** the household loop's body */
  private readonly body = new Block();
  private readonly refs: Refs;

  constructor(
    private readonly ctx: ModuleContext,
    private readonly reachable: readonly I.DefinitionIR[],
    private readonly inline: ReadonlySet<string>,
    private readonly steps: readonly Step[],
  ) {
    this.byId = new Map(reachable.map((d) => [d.id, d]));
    this.operands = new Operands(inline, this.byId, ctx.regional);
    this.refs = {
      field: (level, id) => this.field(level, id),
      param: (id, index) => this.param(id, index),
      def: (id, level, g) => this.def(id, level, g),
      evaluationDay: 'DAY',
      enumCode: ctx.enumCode,
      conflict: (kind, where) => this.conflict(kind, where),
      order: (xs) => this.operands.order(xs),
    };
  }

  private conflict(kind: 'exception' | 'table', where: string): string {
    const d = this.currentDef!;
    const sites = this.ctx.sites;
    sites.push({ kind, definition: d.id, message: `${where} (${d.origin.file}:${d.origin.at[0]})`, file: d.origin.file, line: d.origin.at[0] });
    return `{ if (err === 0) err = ${sites.length}; }`;
  }

  private field(level: 'household' | 'person', id: string): string {
    if (this.inKeyed && level === 'household' && id === 'area') return 'a';
    this.usedFields[level].add(id);
    return level === 'household' ? `${this.ctx.names.get('H_', id)}[h]` : `${this.ctx.names.get('P_', id)}[p]`;
  }

  private param(id: string, index: string | undefined): { n: string; d: string } | { code: string } {
    this.usedParams.add(id);
    const p = this.ctx.params.get(id)!;
    const w = paramWidth(this.ctx, p);
    const nm = this.ctx.names.get('', id);
    if (this.ctx.regional.has(id) || index !== undefined) {
      const slot = this.ctx.regional.has(id) ? (w === 1 ? 'r' : `r * ${w}`) : '';
      const at = index === undefined ? slot : slot ? `${slot} + ${index}` : index;
      return isCodeType(p.type) ? { code: `PN_${nm}[${at}]` } : wholeParam(p) ? { n: `PN_${nm}[${at}]`, d: '1' } : { n: `PN_${nm}[${at}]`, d: `PD_${nm}[${at}]` };
    }
    return isCodeType(p.type) ? { code: `pn_${nm}` } : wholeParam(p) ? { n: `pn_${nm}`, d: '1' } : { n: `pn_${nm}`, d: `pd_${nm}` };
  }

  private def(id: string, level: 'household' | 'person', g: GenCtx): V {
    if (this.inline.has(id)) {
      const d = this.byId.get(id)!;
      return whole(this.genUniform(d, g), d);
    }
    if (this.inKeyed && id === this.keyedBy) return { k: 'code', e: 'a' };
    if (level === 'household') return this.defVals.get(id)!;
    const local = this.loopLocals.get(id);
    if (local) return local;
    this.scratchRead.add(id);
    const s = this.scratch.get(id)!;
    const nm = this.ctx.names.get('s_', id);
    if (s.kind === 'bool') return { k: 'bool', e: `${nm}[j] !== 0` };
    if (s.kind === 'code') return { k: 'code', e: `${nm}[j]` };
    const sv = this.defVals.get(id) as Num;
    return s.dynamic ? { k: 'num', n: `${nm}[j]`, d: `${this.ctx.names.get('sd_', id)}[j]`, nonNeg: sv.nonNeg } : staticNum(`${nm}[j]`, sv.sd!, sv.nonNeg);
  }

  private gctx(out: Block, inMembers: boolean): GenCtx {
    return { out, inMembers, refs: this.refs, tmp: this.ctx.tmp };
  }

  /**
   * A value chosen among parameters and constants only is the same for every household when all
   * its candidates are equal in this run — an add-on whose rates are all 0 %, say. That is tested
   * once before the loop (a flag), and the choice skipped when it holds.
   */
  private uniformOf(d: I.DefinitionIR): { flag: string; n: string; d: string } | null {
    if (this.uniformFlags.has(d.id)) return this.uniformFlags.get(d.id)!;
    let u: { flag: string; n: string; d: string } | null = null;
    const c = d.exceptions.length || d.type.k === 'bool' || d.type.k === 'enum' || d.type.k === 'date' ? undefined : this.operands.candidates(d.expr);
    // Worth it only for a real choice, among run-time values.
    if (c && c.length >= 2 && c.some((x) => x.k === 'param') && !(d.expr.k === 'param' || d.expr.k === 'const')) {
      const g = this.gctx(this.pre, false);
      const vals = c.map((x) => gen(x, g)).filter((v): v is Num => v.k === 'num');
      if (vals.length === c.length) {
        const flag = this.ctx.tmp();
        const [first, ...rest] = vals;
        this.pre.push(`const ${flag} = ${rest.map((v) => `${v.n} * ${first!.d} === ${first!.n} * ${v.d}`).join(' && ')};`);
        u = { flag, n: first!.n, d: first!.d };
      }
    }
    this.uniformFlags.set(d.id, u);
    return u;
  }

  /** A definition's expression, with the same-for-everyone shortcut where it applies. */
  private genUniform(d: I.DefinitionIR, g: GenCtx): V {
    const u = this.uniformOf(d);
    if (!u) return gen(d.expr, g);
    const inner = new Block();
    const v = gen(d.expr, { ...g, out: inner });
    if (v.k !== 'num' || v.sd !== undefined) {
      g.out.push(...inner.lines);
      return v;
    }
    const t = this.ctx.tmp();
    g.out.push(`let ${t}, ${t}d;`, `if (${u.flag}) {`, `  ${t} = ${u.n}; ${t}d = ${u.d};`, '} else {');
    g.out.nest(inner);
    g.out.push(`  ${t} = ${v.n}; ${t}d = ${v.d};`, '}');
    return { k: 'num', n: t, d: `${t}d`, nonNeg: false };
  }

  private comment(d: I.DefinitionIR): string {
    return `// ${commentText(`${d.id}${d.label ? ' ' + d.label : ''}${d.cite.length ? ' ' + d.cite.map((c) => `[${citeText(c)}]`).join('') : ''}`)}`;
  }

  /** The definitions a definition reads, through those computed where they are used. */
  private readsOf(d: I.DefinitionIR, into: Set<string>, seen = new Set<string>()): Set<string> {
    for (const x of defExprs(d))
      forEachExpr(x, (e) => {
        if (e.k !== 'def' || seen.has(e.id)) return;
        seen.add(e.id);
        if (this.inline.has(e.id)) this.readsOf(this.byId.get(e.id)!, into, seen);
        else into.add(e.id);
      });
    return into;
  }

  /** Binds a household-level value to its name(s) in `out`, for the definitions that read it. */
  private bindHousehold(d: I.DefinitionIR, v: V, out: Block): void {
    const names = this.ctx.names;
    const nm = names.get('h_', d.id);
    if (v.k !== 'num') {
      out.push(`const ${nm} = ${v.e};`);
      this.defVals.set(d.id, { k: v.k, e: nm });
    } else if (v.sd !== undefined) {
      out.push(`const ${nm} = ${v.n};`);
      this.defVals.set(d.id, staticNum(nm, v.sd, v.nonNeg));
    } else {
      const dn = names.get('hd_', d.id);
      out.push(`const ${nm} = ${v.n}, ${dn} = ${v.d};`);
      this.defVals.set(d.id, { k: 'num', n: nm, d: dn, nonNeg: v.nonNeg });
    }
  }

  private defineHousehold(d: I.DefinitionIR, out: Block): void {
    this.currentDef = d;
    out.push(this.comment(d));
    const g = this.gctx(out, false);
    this.bindHousehold(d, within(d, () => whole(d.exceptions.length ? exceptions(d, g) : gen(d.expr, g), d)), out);
  }

  /**
   * Keyed values: one table per value, indexed by region slot × area, filled before the loop and
   * read at the start of each household (keyed by the area field) or where the household value they
   * are keyed by is computed (its 'load' step).
   */
  private keyed(keyedSteps: readonly Extract<Step, { kind: 'keyed' }>[]): void {
    const names = this.ctx.names;
    const areas = enumSpec('area')!.values.length;
    const fill = new Block();
    const loads: string[] = [];
    const tables: string[] = [];
    this.inKeyed = true;
    for (const st of keyedSteps) {
      this.keyedBy = st.key;
      this.defineHousehold(st.def, fill);
      const v = this.defVals.get(st.def.id)!;
      const k = names.get('K_', st.def.id);
      const nm = names.get('h_', st.def.id);
      // Where the value is read: by the area field (KI, at the start of each household), or by the
      // code of the household value it is keyed by, once that is computed.
      const at = st.key === undefined ? 'KI' : `KS[h] * ${areas} + ${names.get('h_', st.key)}`;
      const load: string[] = st.key === undefined ? loads : [];
      if (v.k === 'num' && v.sd === undefined) {
        const kd = names.get('KD_', st.def.id);
        tables.push(`const ${k} = new Float64Array(${areas} * KR), ${kd} = new Float64Array(${areas} * KR);`);
        fill.push(`${k}[r * ${areas} + a] = ${v.n}; ${kd}[r * ${areas} + a] = ${v.d};`);
        const dn = names.get('hd_', st.def.id);
        if (st.key === undefined) load.push(`const ${nm} = ${k}[KI], ${dn} = ${kd}[KI];`);
        else {
          const i = this.ctx.tmp();
          load.push(`const ${i} = ${at}, ${nm} = ${k}[${i}], ${dn} = ${kd}[${i}];`);
        }
        this.defVals.set(st.def.id, { k: 'num', n: nm, d: dn, nonNeg: v.nonNeg });
      } else {
        tables.push(`const ${k} = new Float64Array(${areas} * KR);`);
        fill.push(`${k}[r * ${areas} + a] = ${v.k === 'num' ? v.n : v.k === 'bool' ? `${v.e} ? 1 : 0` : v.e};`);
        load.push(`const ${nm} = ${v.k === 'bool' ? `${k}[${at}] !== 0` : `${k}[${at}]`};`);
        this.defVals.set(st.def.id, v.k === 'num' ? staticNum(nm, v.sd!, v.nonNeg) : { k: v.k, e: nm });
      }
      if (st.key !== undefined) this.keyedLoads.set(st.def.id, [this.comment(st.def), ...load].join('\n'));
    }
    this.inKeyed = false;
    this.keyedBy = undefined;
    if (loads.length) {
      this.usedFields.household.add('area');
      this.body.push(`const KI = KS[h] * ${areas} + ${names.get('H_', 'area')}[h];`, ...loads);
    }
    this.keyedLoop = [
      'const KR = regions.codes.length, KS = regions.slot;',
      ...tables,
      'for (let r = 0; r < KR; r++) {',
      `  for (let a = 0; a < ${areas}; a++) {`,
      ...fill.lines.map((l) => '    ' + l),
      '  }',
      '}',
    ];
  }

  /** One person-level value inside a member loop: a local, stored in its member array if read elsewhere. */
  private definePerson(pd: I.DefinitionIR, loop: Block): void {
    const names = this.ctx.names;
    this.currentDef = pd;
    loop.push(this.comment(pd));
    const g = this.gctx(loop, true);
    const v = within(pd, () => whole(pd.exceptions.length ? exceptions(pd, g) : this.genUniform(pd, g), pd));
    const nm = names.get('s_', pd.id);
    const local = names.get('v_', pd.id);
    let lv: V;
    if (v.k === 'num') {
      const dynamic = v.sd === undefined;
      loop.push(`const ${local} = ${v.n};`);
      if (this.needsStore.has(pd.id)) loop.push(`${nm}[j] = ${local};`);
      const localD = names.get('vd_', pd.id);
      if (dynamic) loop.push(`const ${localD} = ${v.d};`);
      if (dynamic && this.needsStore.has(pd.id)) loop.push(`${names.get('sd_', pd.id)}[j] = ${localD};`);
      this.scratch.set(pd.id, { kind: 'num', dynamic });
      lv = dynamic ? { k: 'num', n: local, d: localD, nonNeg: v.nonNeg } : staticNum(local, v.sd!, v.nonNeg);
    } else {
      loop.push(`const ${local} = ${v.e};`);
      if (this.needsStore.has(pd.id)) loop.push(`${nm}[j] = ${v.k === 'bool' ? `${local} ? 1 : 0` : local};`);
      this.scratch.set(pd.id, { kind: v.k, dynamic: false });
      lv = { k: v.k, e: local };
    }
    this.defVals.set(pd.id, lv);
    this.loopLocals.set(pd.id, lv);
  }

  /** A member loop: its person-level values, then the aggregations fused into it. */
  private members(step: Extract<Step, { kind: 'members' }>): void {
    const body = this.body;
    const loop = new Block();
    this.loopLocals = new Map();
    for (const pd of step.persons) this.definePerson(pd, loop);
    const init = new Block();
    const after = new Block();
    for (const ad of step.aggregates) {
      this.currentDef = ad;
      loop.push(this.comment(ad));
      const acc = within(ad, () => fusedAggregate(ad.expr as Agg, this.gctx(loop, true), init, after));
      this.bindHousehold(ad, whole(acc, ad), after);
    }
    this.loopLocals = new Map();
    // A loop that only aggregates, over members filtered by a household-level condition first,
    // is skipped when that condition is false: every accumulator then keeps its initial value.
    const guards = step.persons.length ? [] : step.aggregates.map((a) => this.operands.householdGuard((a.expr as Agg).filter));
    body.push(...init.lines);
    if (guards.length && guards.every(Boolean)) {
      const g = new Block();
      const conds = guards.map((x) => gen(x!, this.gctx(g, false)));
      body.push(...g.lines, `if (${conds.map((c) => `(${(c as { e: string }).e})`).join(' || ')}) {`);
      body.push('  for (let p = ps, j = 0; p < pe; p++, j++) {');
      for (const l of loop.lines) body.push('    ' + l);
      body.push('  }', '}', ...after.lines);
    } else {
      body.push('for (let p = ps, j = 0; p < pe; p++, j++) {');
      body.nest(loop);
      body.push('}', ...after.lines);
    }
  }

  /** Writes each output into its column, with the overflow check where rounding may have failed. */
  private writeOutputs(outputs: readonly I.DefinitionIR[]): void {
    const usesRounding = new Set<string>();
    for (const d of this.reachable) {
      let r = false;
      for (const x of defExprs(d)) forEachExpr(x, (e) => (e.k === 'round' || (e.k === 'def' && usesRounding.has(e.id))) && (r = true));
      if (r) usesRounding.add(d.id);
    }
    const sites = this.ctx.sites;
    const overflowSite = sites.length + 1;
    sites.push({ kind: 'overflow', definition: '', message: 'a value is beyond the exact range of the compiled code (2^53)', file: this.ctx.ir.policy.file, line: 1 });
    const bounds = definitionBounds(this.reachable);
    for (const d of outputs) {
      const v = this.defVals.get(d.id)!;
      const o = this.ctx.names.get('O_', d.id);
      if (v.k === 'num') {
        const value = v.sd === 1n ? v.n : `${v.n} / ${v.d}`;
        if (outKind(d) === 'i32' && !fitsInt32(bounds.get(d.id))) {
          // An Int32Array cell would wrap a larger value silently: such a household fails instead
          // (and so does NaN, from rounding past 2^53).
          sites.push({ kind: 'overflow', definition: d.id, message: `${d.id} is beyond the range of a whole-number output (2^31)`, file: d.origin.file, line: d.origin.at[0] });
          this.body.push(`if ((${value} | 0) !== ${value} && err === 0) err = ${sites.length};`);
        }
        // NaN only comes from rounding past 2^53, where float64 stops being exact.
        else if (usesRounding.has(d.id)) this.body.push(`if (${value} !== ${value} && err === 0) err = ${overflowSite};`);
        this.body.push(`${o}[h] = ${value};`);
      } else this.body.push(`${o}[h] = ${v.k === 'bool' ? `${v.e} ? 1 : 0` : v.e};`);
    }
  }

  /** The columns, parameters and output arrays the loop reads, bound once at the top. */
  private hoisted(outputs: readonly I.DefinitionIR[]): { hoist: string[]; usesSlot: boolean } {
    const { names, params, regional } = this.ctx;
    const hoist: string[] = [];
    for (const id of this.usedFields.household) hoist.push(`const ${names.get('H_', id)} = pop.household[${jsonLiteral(id)}];`);
    for (const id of this.usedFields.person) hoist.push(`const ${names.get('P_', id)} = pop.person[${jsonLiteral(id)}];`);
    for (const id of this.usedParams) {
      const nm = names.get('', id);
      const p = params.get(id)!;
      if (regional.has(id) || p.by) {
        hoist.push(`const PN_${nm} = params.n[${jsonLiteral(id)}];`);
        if (!isCodeType(p.type) && !wholeParam(p)) hoist.push(`const PD_${nm} = params.d[${jsonLiteral(id)}];`);
      } else {
        hoist.push(`const pn_${nm} = params.n[${jsonLiteral(id)}][0];`);
        if (!isCodeType(p.type) && !wholeParam(p)) hoist.push(`const pd_${nm} = params.d[${jsonLiteral(id)}][0];`);
      }
    }
    const usesSlot = [...this.usedParams].some((id) => regional.has(id));
    hoist.push('const DAY = params.day;', 'const MS = pop.memberStart;', ...(usesSlot ? ['const slot = regions.slot;'] : []), 'const E = out.errors;');
    for (const d of outputs) hoist.push(`const ${names.get('O_', d.id)} = out.columns[${jsonLiteral(d.id)}];`);
    return { hoist, usesSlot };
  }

  /** The text of `evaluateBatch`, writing `outputs` (definitions, in declaration order). */
  emit(outputs: readonly I.DefinitionIR[]): string[] {
    const steps = this.steps;
    const stepOf = new Map<string, number>();
    steps.forEach((st, k) => {
      if (st.kind === 'members') for (const d of [...st.persons, ...st.aggregates]) stepOf.set(d.id, k);
      else stepOf.set(st.def.id, k);
    });
    for (const d of this.reachable) {
      if (this.inline.has(d.id)) continue;
      for (const id of this.readsOf(d, new Set())) if (this.byId.get(id)?.level === 'person' && stepOf.get(id) !== stepOf.get(d.id)) this.needsStore.add(id);
    }
    for (const step of steps) if (step.kind === 'constant') this.defineHousehold(step.def, this.pre);
    const keyedSteps = steps.filter((st): st is Extract<Step, { kind: 'keyed' }> => st.kind === 'keyed');
    if (keyedSteps.length) this.keyed(keyedSteps);
    for (const step of steps) {
      if (step.kind === 'household') this.defineHousehold(step.def, this.body);
      else if (step.kind === 'load') this.body.push(...this.keyedLoads.get(step.def.id)!.split('\n'));
      else if (step.kind === 'members') this.members(step);
    }
    for (const id of this.scratchRead) if (!this.needsStore.has(id)) throw new Error(`internal: ${id} is read from a member array that is never written`);
    for (const id of [...this.scratch.keys()]) if (!this.needsStore.has(id)) this.scratch.delete(id);
    this.writeOutputs(outputs);

    const { hoist, usesSlot } = this.hoisted(outputs);
    // Per-member arrays sized by a pass over the households first: const bindings, which V8 keeps
    // in registers across the member loops (arrays grown inside the loop, measured, were slower).
    const scratchLines: string[] = [];
    for (const [id, s] of this.scratch) {
      const nm = this.ctx.names.get('s_', id);
      scratchLines.push(`const ${nm} = new ${s.kind === 'bool' ? 'Uint8Array' : 'Float64Array'}(maxMembers);`);
      if (s.dynamic) scratchLines.push(`const ${this.ctx.names.get('sd_', id)} = new Float64Array(maxMembers);`);
    }
    return [
      '/**',
      ' * Evaluates households [from, to) of a population held as columns. Writes every output and, for',
      ' * a household whose evaluation failed, a non-zero error site (see SITES) to out.errors.',
      ' * out is { errors: Uint16Array, columns: { [output id]: typed array } } from allocateOutputs.',
      ' * Returns the number of households with an error.',
      ' */',
      'export function evaluateBatch(pop, regions, params, out, from = 0, to = pop.households) {',
      ...hoist.map((l) => '  ' + l),
      '  let maxMembers = 1;',
      '  for (let h = from; h < to; h++) if (MS[h + 1] - MS[h] > maxMembers) maxMembers = MS[h + 1] - MS[h];',
      ...scratchLines.map((l) => '  ' + l),
      ...this.pre.lines.map((l) => '  ' + l),
      ...this.keyedLoop.map((l) => '  ' + l),
      '  let errors = 0;',
      '  for (let h = from; h < to; h++) {',
      `    const ps = MS[h], pe = MS[h + 1]${usesSlot ? ', r = slot[h]' : ''};`,
      '    let err = 0;',
      ...this.body.lines.map((l) => '    ' + l),
      '    E[h] = err;',
      '    if (err !== 0) errors++;',
      '  }',
      '  return errors;',
      '}',
    ];
  }
}
