/**
 * The reference interpreter: evaluates the IR for one household with exact rational arithmetic,
 * and records why — each definition's value, what it read, the branch or exception that fired,
 * and its citation. The compiled JavaScript must agree with it on every household.
 *
 * Semantics: every definition reachable from the requested outputs is evaluated for the household
 * and (person-level) for every member, so a conflict anywhere in them is an error even when the
 * outputs happen not to read that value; the explanation follows only the paths actually taken.
 */
import type * as I from '../ir/types.ts';
import { forEachExpr, reachableDefinitions } from '../ir/walk.ts';
import * as Q from '../numbers/rational.ts';
import { findField, type Household } from '../schema/index.ts';
import { citeText } from '../checker/cites.ts';
import { EvalError, regionValues, inForce, decodeConst, type Scalar, type ParamValue } from './params.ts';
import { explanationTree, reachedFrom, scalarEquals, display, type ExplainNode, type ValueNode, type Why } from './explain.ts';
import { Dependencies } from './closure.ts';
import { evaluateTable, type TableRun } from './tables.ts';

export { scalarEquals, type ExplainNode, type Why } from './explain.ts';

/**
 * Definitions and parameters evaluated inside one another at most this deep before what the next
 * one needs is computed ahead, dependencies first: each nesting costs a few hundred JavaScript
 * frames when its expression is deep (up to LIMITS.expressionDepth), and a chain may be
 * LIMITS.definitionDepth long.
 */
const NESTING = 8;

export interface EvalOptions {
  readonly date: string;
  /** parameter and input values by id, replacing the policy's values for every date and region */
  readonly sets?: Readonly<Record<string, Scalar>>;
  readonly explain?: boolean;
  /** household-level definitions to compute besides the outputs */
  readonly targets?: readonly string[];
  /** the values whose dependencies count as reached (default: all computed values) */
  readonly coverageFrom?: readonly string[];
}

export interface EvalResult {
  /** outputs and targets, exactly */
  readonly values: Readonly<Record<string, Scalar>>;
  readonly explanation?: readonly ExplainNode[];
  /** definitions the requested values depended on along the paths taken */
  readonly reached: ReadonlySet<string>;
  /** exceptions, table rows, match arms and branches taken: "def:label" */
  readonly taken: ReadonlySet<string>;
}

class HouseholdRun {
  private readonly params: Map<string, I.ParameterIR>;
  private readonly defs: Map<string, I.DefinitionIR>;
  private readonly paramMemo = new Map<string, ParamValue>();
  private readonly hhMemo = new Map<string, Scalar>();
  private readonly personMemo = new Map<string, Scalar[]>();
  private readonly constCache = new WeakMap<object, Scalar>();
  private readonly nameCache = new WeakMap<object, readonly string[]>();
  readonly nodes = new Map<string, ValueNode>();
  private readonly stack: ValueNode[] = [];
  readonly taken = new Set<string>();
  /** what table evaluation (tables.ts) reads of this run, made on first use */
  private tables: TableRun | undefined;
  private readonly region: string;
  /** definitions and parameters being evaluated inside one another now */
  private nesting = 0;
  private readonly needs: Dependencies;
  /** values computed ahead whose evaluation failed: the error, thrown again when one is read */
  private readonly failed = new Map<string, EvalError>();

  constructor(
    private readonly ir: I.PolicyIR,
    private readonly hh: Household,
    private readonly opts: EvalOptions,
  ) {
    this.params = new Map(ir.parameters.map((p) => [p.id, p]));
    this.defs = new Map(ir.definitions.map((d) => [d.id, d]));
    this.region = String(hh.values.region ?? ir.policy.region);
    this.needs = new Dependencies(ir);
  }

  /**
   * Evaluation is lazy — a value is computed when first read, along the path taken — which nests
   * one evaluation in another for every definition of a chain. Past NESTING levels, what `key`
   * needs is computed ahead instead, dependencies first, each from an empty stack: then every read
   * below `key` finds its value ready. The results are the same as lazy evaluation's: a value
   * whose evaluation fails keeps its error, thrown when (and only if) the lazy path reads it, and
   * what was read is recorded only along the path taken (the stack is set aside meanwhile).
   */
  private ahead(key: string): void {
    if (this.nesting < NESTING) return;
    const order = this.needs.of(key, (k) => this.failed.has(k) || (k.startsWith('param:') ? this.paramMemo.has(k.slice(6)) : this.hhMemo.has(k.slice(4)) || this.personMemo.has(k.slice(4))));
    if (!order.length) return;
    const stack = this.stack.splice(0);
    const nesting = this.nesting;
    this.nesting = 0;
    try {
      for (const k of order) {
        if (k.startsWith('param:')) this.attempt(k, () => this.param(k.slice(6)));
        else if (this.defs.get(k.slice(4))!.level !== 'person') this.attempt(k, () => this.def(k.slice(4), undefined));
        else for (let j = 0; j < this.hh.members.length; j++) this.attempt(`${k}#${j}`, () => this.def(k.slice(4), j));
      }
    } finally {
      for (const n of stack) this.stack.push(n);
      this.nesting = nesting;
    }
  }

  private attempt(key: string, compute: () => unknown): void {
    try {
      compute();
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      this.failed.set(key, e);
    }
  }

  private get track(): boolean {
    return this.stack.length > 0;
  }

  private read(key: string): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) return;
    const seen = (top.readSet ??= new Set());
    if (seen.has(key)) return;
    seen.add(key);
    top.reads.push(key);
  }

  private decide(what: string, why: Why): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) return;
    top.because.push(what);
    top.why.push(why);
  }

  private atOf(o: I.Origin | { file: string; at: I.At }): ValueNode['at'] {
    return { file: o.file, line: o.at[0], column: o.at[1] };
  }

  // ---- parameters ----

  param(id: string): ParamValue {
    const memo = this.paramMemo.get(id);
    if (memo !== undefined) {
      this.read(`param:${id}`);
      return memo;
    }
    const p = this.params.get(id);
    if (!p) throw new EvalError('no-value', `unknown parameter ${id}`);
    const failed = this.failed.get(`param:${id}`);
    if (failed) throw failed;
    this.ahead(`param:${id}`);
    const node: ValueNode = {
      key: `param:${id}`,
      kind: p.kind === 'input' ? 'input' : 'parameter',
      id,
      value: false,
      type: p.type,
      reads: [],
      because: [],
      why: [],
      cite: p.cite.map(citeText),
      at: this.atOf(p.origin),
      label: p.label,
      overrides: p.overrides?.policy,
    };
    this.stack.push(node);
    this.nesting++;
    let value: ParamValue;
    try {
      const sets = this.opts.sets ?? {};
      const whole = Object.prototype.hasOwnProperty.call(sets, id) ? sets[id] : undefined;
      const entries = p.by ? this.ir.enums.find((x) => x.id === p.by)!.values.map((v) => v.id) : [];
      const someEntry = entries.some((k) => Object.prototype.hasOwnProperty.call(sets, `${id}.${k}`));
      if (whole !== undefined && !p.by) {
        value = whole;
        node.because.push('set for this run');
        node.why.push({ set: true });
      } else if (p.by && (whole !== undefined || someEntry)) {
        // An indexed parameter: the whole of it, or single entries ("dibao_standard.rural"), are set.
        const fallback = whole === undefined ? this.dated(p, node) : undefined;
        value = entries.map((k, i) => {
          const one = sets[`${id}.${k}`];
          return one ?? whole ?? (fallback as Scalar[])[i]!;
        });
        node.because.push('set for this run');
        node.why.push({ set: true });
      } else {
        value = this.dated(p, node);
      }
      if (p.divisor) {

        const zero = (Array.isArray(value) ? value : [value]).some((x) => typeof x === 'object' && Q.isZero(x as Q.Rational));
        if (zero) throw new EvalError('zero-divisor', `parameter ${id} is 0 on ${this.opts.date} and rules divide by it`, { file: p.origin.file, at: p.origin.at });
      }
    } finally {
      this.stack.pop();
      this.nesting--;
    }
    node.value = Array.isArray(value) ? `[${(value as Scalar[]).map((x) => display(x).value).join(', ')}]` : (value as Scalar);
    this.nodes.set(node.key, node);
    this.paramMemo.set(id, value);
    this.read(node.key);
    return value;
  }

  /** The value in force on the date, in the household's region block. */
  private dated(p: I.ParameterIR, node: ValueNode): ParamValue {
    const { values, where, block } = p.kind === 'input' ? { values: p.values, where: '', block: undefined } : regionValues(p, this.region);
    const v = inForce(values, this.opts.date);
    if (!v) {
      const first = values[0]?.from;
      throw new EvalError(
        'no-value',
        `parameter ${p.id} has no value in force on ${this.opts.date}${where}${first ? ` (its first value is from ${first})` : ''}`,
        { file: p.origin.file, at: p.origin.at },
      );
    }
    if (p.kind !== 'input') {
      node.because.push(`value from ${v.from}${where}`);
      node.why.push({ value_from: v.from, ...(block ? { region: this.region, block } : {}) });
    }
    node.cite.push(...v.cite.map(citeText));
    return Array.isArray(v.value) ? (v.value as I.Expr[]).map((e) => this.scalar(e)) : this.scalar(v.value as I.Expr);
  }

  // ---- fields ----

  private field(e: Extract<I.Expr, { k: 'field' }>, member: number | undefined): Scalar {
    const person = e.level === 'person';
    const raw = person ? this.hh.members[member!]![e.id] : this.hh.values[e.id];
    const spec = findField(e.level, e.id)!;
    let v: Scalar;
    if (spec.type!.k === 'money') v = Q.rat(raw as number, 100);
    else if (typeof raw === 'number') v = Q.rat(raw);
    else v = raw as boolean | string;
    if (this.track) {
      const key = person ? `field:${e.id}#${member}` : `field:${e.id}`;
      if (!this.nodes.has(key))
        this.nodes.set(key, { key, kind: 'field', id: e.id, member: person ? member : undefined, value: v, type: spec.type!, reads: [], because: [], why: [], cite: [], label: spec.zh });
      this.read(key);
    }
    return v;
  }

  // ---- definitions ----

  def(id: string, member: number | undefined): Scalar {
    const d = this.defs.get(id)!;
    const person = d.level === 'person';
    const key = person ? `def:${id}#${member}` : `def:${id}`;
    if (person) {
      const arr = this.personMemo.get(id);
      const memo = arr?.[member!];
      if (memo !== undefined) {
        this.read(key);
        return memo;
      }
    } else {
      const memo = this.hhMemo.get(id);
      if (memo !== undefined) {
        this.read(key);
        return memo;
      }
    }
    const failed = this.failed.get(key);
    if (failed) throw failed;
    this.ahead(`def:${id}`);
    const node: ValueNode = {
      key,
      kind: d.output ? 'output' : 'definition',
      id,
      member: person ? member : undefined,
      value: false,
      type: d.type,
      reads: [],
      because: [],
      why: [],
      cite: d.cite.map(citeText),
      at: this.atOf(d.origin),
      label: d.label,
      overrides: d.overrides?.policy,
    };
    const outer = this.stack.length;
    this.stack.push(node);
    this.nesting++;
    let value: Scalar;
    try {
      value = this.defValue(d, person ? member : undefined, node);
    } finally {
      this.stack.length = outer;
      this.nesting--;
    }
    node.value = value;
    this.nodes.set(key, node);
    if (person) {
      let arr = this.personMemo.get(id);
      if (!arr) this.personMemo.set(id, (arr = []));
      arr[member!] = value;
    } else this.hhMemo.set(id, value);
    this.read(key);
    return value;
  }

  private defValue(d: I.DefinitionIR, member: number | undefined, node: ValueNode): Scalar {
    if (!d.exceptions.length) return this.ev(d.expr, member);
    const byParent = new Map<string | undefined, I.ExceptionIR[]>();
    for (const x of d.exceptions) {
      const list = byParent.get(x.parent) ?? [];
      list.push(x);
      byParent.set(x.parent, list);
    }
    const applying = (parent: string | undefined): { x: I.ExceptionIR; value: Scalar }[] => {
      const out: { x: I.ExceptionIR; value: Scalar }[] = [];
      for (const x of byParent.get(parent) ?? []) {
        const below = applying(x.label);
        if (below.length) out.push(below[0]!);
        else if (this.ev(x.when, member) === true) out.push({ x, value: this.ev(x.then, member) });
      }
      for (let i = 1; i < out.length; i++) {
        if (!scalarEquals(out[0]!.value, out[i]!.value)) {
          const a = out[0]!;
          const b = out[i]!;
          throw new EvalError(
            'exception-conflict',
            `${d.id}${member !== undefined ? ` of member ${member + 1}` : ''}: exceptions ${a.x.label} (${show(a.value)}) and ${b.x.label} (${show(b.value)}) both apply with different results`,
            { file: d.origin.file, at: b.x.at },
          );
        }
      }
      return out;
    };
    const hit = applying(undefined);
    if (hit.length) {
      const x = hit[0]!.x;
      node.because.unshift(`exception ${x.label}${x.cite.length ? ' ' + x.cite.map((c) => `[${citeText(c)}]`).join('') : ''}`);
      node.why.unshift({ exception: x.label, ...(x.cite.length ? { cite: x.cite.map(citeText) } : {}) });
      node.cite.push(...x.cite.map(citeText));
      this.taken.add(`${d.id}:exception ${x.label}`);
      return hit[0]!.value;
    }
    node.because.unshift('default (no exception applies)');
    node.why.unshift({ default: true });
    this.taken.add(`${d.id}:default`);
    return this.ev(d.expr, member);
  }

  // ---- expressions ----

  private scalar(e: I.Expr): Scalar {
    return this.ev(e, undefined);
  }

  private num(e: I.Expr, m: number | undefined): Q.Rational {
    return this.ev(e, m) as Q.Rational;
  }

  private compare(op: I.CompareOp, a: Scalar, b: Scalar): boolean {
    const c = typeof a === 'object' ? Q.cmp(a, b as Q.Rational) : a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    switch (op) {
      case '=':
        return typeof a === 'object' ? c === 0 : a === b;
      case '!=':
        return typeof a === 'object' ? c !== 0 : a !== b;
      case '<':
        return c < 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      case '>=':
        return c >= 0;
    }
  }

  /** The names an expression reads (definitions, parameters, fields), each once in order: what an `if` decided on. */
  private names(e: I.Expr): readonly string[] {
    let names = this.nameCache.get(e);
    if (!names) {
      const seen = new Set<string>();
      forEachExpr(e, (x) => {
        if (x.k === 'def' || x.k === 'param' || x.k === 'field') seen.add(x.id);
      });
      names = [...seen];
      this.nameCache.set(e, names);
    }
    return names;
  }

  ev(e: I.Expr, m: number | undefined): Scalar {
    switch (e.k) {
      case 'const': {
        let v = this.constCache.get(e);
        if (v === undefined) {
          v = decodeConst(e);
          this.constCache.set(e, v);
        }
        return v;
      }
      case 'field':
        return this.field(e, m);
      case 'param': {
        const v = this.param(e.id);
        if (!e.index) return v as Scalar;
        const p = this.params.get(e.id)!;
        const en = this.ir.enums.find((x) => x.id === p.by)!;
        const key = this.ev(e.index, m) as string;
        return (v as Scalar[])[en.values.findIndex((x) => x.id === key)]!;
      }
      case 'def':
        return this.def(e.id, e.level === 'person' ? m : undefined);
      case 'date':
        return this.opts.date;
      case 'neg':
        return Q.neg(this.num(e.a, m));
      case 'abs':
        return Q.abs(this.num(e.a, m));
      case 'not':
        return !this.ev(e.a, m);
      case 'arith': {
        const a = this.num(e.a, m);
        const b = this.num(e.b, m);
        return e.op === '+' ? Q.add(a, b) : e.op === '-' ? Q.sub(a, b) : e.op === '*' ? Q.mul(a, b) : Q.div(a, b);
      }
      case 'cmp':
        return this.compare(e.op, this.ev(e.a, m), this.ev(e.b, m));
      case 'and':
        return this.ev(e.a, m) === true && this.ev(e.b, m) === true;
      case 'or':
        return this.ev(e.a, m) === true || this.ev(e.b, m) === true;
      case 'if': {
        const c = this.ev(e.c, m) === true;
        this.decide(`if at line ${e.at[0]}: ${c ? 'then' : 'else'}`, { if: c ? 'then' : 'else', on: this.names(e.c) });
        this.taken.add(`if@${e.at[0]}:${e.at[1]}:${c ? 'then' : 'else'}`);
        return this.ev(c ? e.a : e.b, m);
      }
      case 'match': {
        const v = this.ev(e.on, m) as string;
        const arm = e.arms.find((a) => a.values.includes(v));
        this.decide(`match ${v}${arm ? '' : ' (otherwise)'}`, { match: v, ...(arm ? {} : { otherwise: true as const }) });
        this.taken.add(`match@${e.at[0]}:${e.at[1]}:${arm ? v : 'otherwise'}`);
        return this.ev(arm ? arm.body : e.otherwise!, m);
      }
      case 'table':
        return this.table(e, m);
      case 'agg':
        return this.aggregate(e);
      case 'round': {
        const mode = e.fn === 'round' ? 'half-away' : e.fn === 'round_up' ? 'up' : 'down';
        return Q.roundTo(this.num(e.a, m), Q.parseRational(e.step)!, mode);
      }
      case 'minmax': {
        let best = this.ev(e.args[0]!, m);
        for (let i = 1; i < e.args.length; i++) {
          const v = this.ev(e.args[i]!, m);
          const less = this.compare('<', v, best);
          if (e.fn === 'min' ? less : this.compare('>', v, best)) best = v;
        }
        return best;
      }
    }
  }

  private table(e: Extract<I.Expr, { k: 'table' }>, m: number | undefined): Scalar {
    this.tables ??= {
      ev: (x, mm) => this.ev(x, mm),
      compare: (op, x, y) => this.compare(op, x, y),
      decide: (what, why) => this.decide(what, why),
      taken: this.taken,
      enumValues: (id) => this.ir.enums.find((en) => en.id === id)?.values.map((v) => v.id) ?? [],
    };
    return evaluateTable(this.tables, e, m);
  }

  private aggregate(e: Extract<I.Expr, { k: 'agg' }>): Scalar {
    const n = this.hh.members.length;
    const pass = (j: number) => !e.filter || this.ev(e.filter, j) === true;
    switch (e.fn) {
      case 'count': {
        let c = 0;
        for (let j = 0; j < n; j++) if (pass(j)) c++;
        return Q.rat(c);
      }
      case 'sum': {
        let s: Q.Rational = Q.ZERO;
        for (let j = 0; j < n; j++) if (pass(j)) s = Q.add(s, this.num(e.body!, j));
        return s;
      }
      case 'any': {
        for (let j = 0; j < n; j++) if (pass(j) && (!e.body || this.ev(e.body, j) === true)) return true;
        return false;
      }
      case 'all': {
        for (let j = 0; j < n; j++) {
          if (!e.body) {
            if (this.ev(e.filter!, j) !== true) return false;
          } else if (pass(j) && this.ev(e.body, j) !== true) return false;
        }
        return true;
      }
      case 'min':
      case 'max': {
        let best: Scalar | undefined;
        for (let j = 0; j < n; j++) {
          if (!pass(j)) continue;
          const v = this.ev(e.body!, j);
          if (best === undefined || this.compare(e.fn === 'min' ? '<' : '>', v, best)) best = v;
        }
        return best ?? this.ev(e.else!, undefined);
      }
    }
  }

  /** Evaluates every definition the targets need, for the household and every member. */
  force(defs: readonly I.DefinitionIR[]): void {
    for (const d of defs) {
      if (d.level === 'person') for (let j = 0; j < this.hh.members.length; j++) this.def(d.id, j);
      else this.def(d.id, undefined);
    }
  }

}

function show(v: Scalar): string {
  return typeof v === 'object' ? Q.toDecimalString(v, 4) : String(v);
}

/** Checks the date against the policy's effective period. */
export function checkDate(ir: I.PolicyIR, date: string): void {
  const eff = ir.policy.effective;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new EvalError('out-of-effect', `${date} is not a date (YYYY-MM-DD)`);
  if (date < eff.from) throw new EvalError('out-of-effect', `policy ${ir.policy.id} has no value in force on ${date}: it is in force from ${eff.from}`);
  if (eff.to && date > eff.to) throw new EvalError('out-of-effect', `policy ${ir.policy.id} has no value in force on ${date}: it is in force until ${eff.to}`);
}

/** Evaluates one household exactly. Throws EvalError for a date out of effect, a missing parameter value or a conflict. */
export function evaluateHousehold(ir: I.PolicyIR, hh: Household, opts: EvalOptions): EvalResult {
  checkDate(ir, opts.date);
  const targets = [...ir.outputs, ...(opts.targets ?? []).filter((t) => !ir.outputs.includes(t))];
  const run = new HouseholdRun(ir, hh, opts);
  const values: Record<string, Scalar> = Object.create(null);
  for (const id of targets) values[id] = run.def(id, undefined);
  run.force(reachableDefinitions(ir, targets));
  const keys = targets.map((t) => `def:${t}`);
  return {
    values,
    ...(opts.explain ? { explanation: explanationTree(run.nodes, hh, keys) } : {}),
    reached: reachedFrom(run.nodes, (opts.coverageFrom ?? targets).map((t) => `def:${t}`)),
    taken: run.taken,
  };
}

export { EvalError };
