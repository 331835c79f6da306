/**
 * The simulator's questions — simulate, compare, sweep — answered by an SQL engine over the
 * population it holds: the policy's per-household query (language/backend-sql compileSql), then
 * take-up, the assessment and every sum in the engine (language/backend-sql simulate.ts,
 * simulate-sums.ts), then the sums named by the simulator's own code (sums.ts). The same
 * SimulationResult, CompareResult and SweepResult as the JS engine's Simulator, for the same
 * population, behaviour and draws.
 *
 * What the JS engine draws with floating-point functions (the income noise: exp and a normal
 * quantile) cannot be the same bits in SQL, so it is refused here rather than approximated.
 */
import { compileSql, simulation, simulationSums, SqlCompileError, type SqlColumn } from '../../language/backend-sql/index.ts';
import { instantiate, type CompiledPolicy, type PolicyIR } from '../../language/index.ts';
import {
  BIN,
  BINS,
  DEFAULT_TAKE_UP,
  PERIOD,
  PROGRAMMES,
  PROGRAMME_OUTPUTS,
  RunLayout,
  TAKE_UP_SALT,
  assesses,
  changesResult,
  delta,
  levelShares,
  reportedShare,
  resolveScenario,
  simulationResult,
  sweepPoints,
  type Behaviour,
  type CompareResult,
  type Frame,
  type Reform,
  type Scenario,
  type SimulationResult,
  type SweepPoint,
  type SweepResult,
} from '../../simulator/index.ts';
import type { EngineSession } from './session.ts';
import { big, changeVector, ratio, runVector, type Sums, type Unit } from './sums.ts';

/** Where the population is in the engine. */
export interface EngineTables {
  readonly households: string;
  readonly persons: string;
  /** a households column holding each household's place in its file (else ties go by household_id) */
  readonly position?: string;
}

/** A problem with the run the user can mend (a behaviour the engines cannot reproduce, weights too fine, a policy SQL cannot express). */
export class EngineRunError extends Error {}

/** How the households' weights become the integers W the engine sums: W × unit is the weight. */
interface Weights {
  readonly unit: Unit;
  readonly scale: 1 | 1000000 | 'uniform';
}

/** A positive finite double as the exact fraction it is (n / 2^k). */
function exactDouble(x: number): Unit {
  if (!(x > 0) || !Number.isFinite(x)) return { n: 0n, d: 1n };
  let k = 0;
  while (!Number.isInteger(x * 2 ** k)) k++;
  return { n: BigInt(x * 2 ** k), d: 2n ** BigInt(k) };
}

const T32 = 4294967296;
/** The draw h (in [0, 2^32)) claims when h / 2^32 < rate, that is h < ⌈rate · 2^32⌉ (exact: a double times 2^32). */
const threshold = (rate: number): bigint => BigInt(Math.ceil(rate * T32));

interface Loaded {
  readonly ir: PolicyIR;
  readonly compiled: CompiledPolicy;
}

const N = (name: string) => `doudi_sim_${name}`;

export class SqlSimulator {
  private readonly policies = new Map<string, Loaded>();
  private population?: { regions: number[]; codes: string[]; weights: Weights; frame?: { seed: number; frame: Frame } };
  private assessed?: { key: string; table: string };

  constructor(
    readonly session: EngineSession,
    readonly tables: EngineTables,
  ) {}

  addPolicy(key: string, entry: { source: string; ir: PolicyIR }): void {
    this.policies.set(key, { ir: entry.ir, compiled: instantiate(entry.source) });
  }

  private policy(key: string): Loaded {
    const p = this.policies.get(key);
    if (!p) throw new Error(`no policy is loaded as "${key}"`);
    return p;
  }

  /**
   * The regions (in the order they first appear) and how weights become integers, read once:
   * whole weights as they are; one weight shared by every household (a synthetic population's
   * real ÷ drawn) as 1 each, the figures multiplied by it exactly; weights of at most six decimals
   * in millionths; finer ones are refused.
   */
  private async regions() {
    if (this.population) return this.population;
    const D = this.session.dialect;
    const { households, position } = this.tables;
    const w = (await this.session.query(simulation.weightsSql(D, households)))[0]!;
    let weights: Weights = { unit: { n: 1n, d: 1n }, scale: 1 };
    if (big(w.fractional) > 0n) {
      const u = (await this.session.query(`SELECT count(DISTINCT weight) AS k, CAST(min(weight) AS ${D === 'duckdb' ? 'VARCHAR' : D === 'postgres' ? 'TEXT' : 'STRING'}) AS w FROM ${households}`))[0]!;
      if (big(u.k) === 1n) weights = { unit: exactDouble(Number(u.w)), scale: 'uniform' };
      else if (big(w.finer) > 0n)
        throw new EngineRunError(`${big(w.finer)} households have weights with more than six decimals (household ${w.example}), and not every household has the same weight; the SQL engines add weights exactly, in millionths`);
      else weights = { unit: { n: 1n, d: 1000000n }, scale: 1000000 };
    }
    const rows = await this.session.query(simulation.regionsSql(D, households, position));
    const regions = rows.map((r) => Number(r.region));
    this.population = { regions, codes: regions.map((r) => String(r).padStart(6, '0')), weights };
    return this.population;
  }

  /** The frame for a seed (draws depend on it): made when the seed changes. */
  private async frame(seed: number): Promise<Frame> {
    const pop = await this.regions();
    if (pop.frame?.seed === seed) return pop.frame.frame;
    const D = this.session.dialect;
    const draws = { claim: TAKE_UP_SALT.dibao, temporary: TAKE_UP_SALT.temporary, expenditure: TAKE_UP_SALT.expenditure };
    const select = simulation.frameSql(D, { ...this.tables, weightScale: pop.weights.scale, regions: pop.regions, seed, draws });
    await this.session.run(simulation.materialize(D, N('frame'), select));
    const t = (await this.session.query(simulation.frameTotalsSql(D, N('frame'))))[0]!;
    const frame: Frame = { records: Number(big(t.records)), households: ratio(big(t.households) * pop.weights.unit.n, pop.weights.unit.d), persons: ratio(big(t.persons) * pop.weights.unit.n, pop.weights.unit.d), regionCodes: pop.codes };
    pop.frame = { seed, frame };
    return frame;
  }

  /** The persons table as the means test sees it under the behaviour (a view; the table itself when nothing changes). */
  private async persons(b: Behaviour): Promise<string> {
    if ((b.incomeNoise ?? 0) > 0)
      throw new EngineRunError('--income-noise draws a log-normal error with floating-point exp and a normal quantile, which no SQL engine computes to the same bits as the JS engine; run it with the JS engine (without --engine)');
    if (!assesses(b)) return this.tables.persons;
    const key = `${b.imputedEarnings ?? 0}|${b.unreportedIncome ?? 0}`;
    if (this.assessed?.key === key) return this.assessed.table;
    const reported = (b.unreportedIncome ?? 0) > 0 ? reportedShare(b.unreportedIncome!) : undefined;
    const imputedFen = (b.imputedEarnings ?? 0) > 0 ? Math.round(b.imputedEarnings! * 100) : undefined;
    const D = this.session.dialect;
    await this.session.run(simulation.view(D, N('assessed'), simulation.assessedPersonsSql(D, this.tables.persons, { reported, imputedFen })));
    this.assessed = { key, table: N('assessed') };
    return this.assessed.table;
  }

  /** A scenario's settings resolved and its parameters checked for every region, as the JS Simulator does first. */
  private validate(s: Scenario, codes: readonly string[]) {
    const p = this.policy(s.policy);
    const resolved = resolveScenario(p.ir, s);
    const params = p.compiled.resolveParameters({ date: resolved.date, sets: { ...resolved.sets } }, codes);
    return { scenario: resolved, params, p };
  }

  /**
   * Runs scenarios over the population: for each, its paid table `doudi_sim_paid_<i>` and its
   * result; with `changes`, the changes of each from the first.
   */
  private async run(scenarios: readonly Scenario[], b: Behaviour, onStep?: (done: number, total: number) => void): Promise<SimulationResult[]> {
    const D = this.session.dialect;
    const persons = await this.persons(b);
    const pop = await this.regions();
    const frame = await this.frame(b.seed ?? 1);
    const take = { ...DEFAULT_TAKE_UP, ...b.takeUp };
    const thresholds = [threshold(take.dibao), threshold(take.tekun), threshold(take.temporary), threshold(take.expenditure)] as const;
    const results: SimulationResult[] = [];
    for (const [i, s] of scenarios.entries()) {
      const { scenario, params, p } = this.validate(s, pop.codes);
      let q;
      try {
        q = compileSql(p.ir, { dialect: D, date: scenario.date, sets: scenario.sets, households: this.tables.households, persons });
      } catch (e) {
        if (e instanceof SqlCompileError) throw new EngineRunError(e.message);
        throw e;
      }
      await this.session.run(q.setup);
      await this.session.run(simulation.materialize(D, N(`out_${i}`), q.sql));
      // Spark's intermediate tables of the query, once its rows are kept
      await this.session.run((q as { teardown?: readonly string[] }).teardown ?? []);
      const column = (id: string | undefined): SqlColumn | undefined => (id ? q.columns.find((c) => c.output === id) : undefined);
      const name = (id: string | undefined) => {
        const c = column(id);
        if (c && c.kind !== 'money' && c.kind !== 'integer') throw new EngineRunError(`${id} is not a whole number in this policy (${c.kind}); the simulation reads it as fen or persons`);
        return c?.column;
      };
      const flag = (id: string) => {
        const c = column(id);
        return c ? { column: c.kind === 'fraction' ? c.column : c.column, bool: c.kind === 'bool' } : undefined;
      };
      const programmes = PROGRAMMES.map((x) => {
        const o = PROGRAMME_OUTPUTS[x];
        return { cost: name(o.cost), persons: name(o.persons), yearly: PERIOD[x] === 'year' };
      }) as unknown as Parameters<typeof simulation.paidSql>[1]['programmes'];
      const shares = levelShares(params, pop.codes.length);
      const slots = pop.codes.map((_, slot) => ({
        line: [0, 1].map((area) => lineOf(params, pop.codes.length, slot, area)) as [[number, number], [number, number]],
        shares: shares ? ([0, 1, 2].map((k) => [shares.n[k as 0 | 1 | 2][slot]!, shares.d[k as 0 | 1 | 2][slot]!]) as [[number, number], [number, number], [number, number]]) : undefined,
      }));
      const paid = N(`paid_${i}`);
      const select = simulation.paidSql(
        D,
        { frame: N('frame'), outputs: N(`out_${i}`), programmes, edge: flag('edge_family'), rigid: flag('rigid_hardship'), draws: ['draw_claim', 'draw_temporary', 'draw_expenditure'], thresholds, slots, levels: shares !== undefined },
        { width: BIN, count: BINS },
      );
      await this.session.run(simulation.materialize(D, paid, select));
      const sums = await this.sums(paid, shares !== undefined);
      const L = new RunLayout(pop.codes.length, p.compiled.SITES.length);
      const v = runVector(sums, L, p.compiled.SITES, pop.weights.unit, shares !== undefined);
      results.push(simulationResult(v, L, frame, scenario.date, p.compiled.policy.id, p.compiled.SITES));
      onStep?.(i + 1, scenarios.length);
    }
    return results;
  }

  private async sums(paid: string, levels: boolean): Promise<Sums> {
    const D = this.session.dialect;
    const q = (sql: string) => this.session.query(sql);
    const S = simulationSums;
    return {
      totals: (await q(S.totalsSql(D, paid, levels)))[0]!,
      groups: await q(S.groupsSql(D, paid)),
      reach: await q(S.reachGroupsSql(D, paid)),
      histograms: await q(S.histogramsSql(D, paid)),
      lines: await q(S.linesSql(D, paid)),
      categories: await q(S.categoriesSql(D, paid)),
      refused: await q(S.refusedSql(D, paid)),
    };
  }

  async simulate(scenario: Scenario, behaviour: Behaviour = {}, onStep?: (done: number, total: number) => void): Promise<SimulationResult> {
    return (await this.run([scenario], behaviour, onStep))[0]!;
  }

  /** A baseline against reforms with the same draws (the frame's), as Simulator.compare. */
  async compare(baseline: Scenario, reforms: readonly Reform[], behaviour: Behaviour = {}, onStep?: (done: number, total: number) => void): Promise<CompareResult> {
    if (reforms.length === 0) throw new Error('a comparison needs at least one reform');
    const all = await this.run([baseline, ...reforms.map((r) => r.scenario)], behaviour, onStep);
    const base = all[0]!;
    const unit = this.population!.weights.unit;
    const out = [];
    for (const [i, r] of reforms.entries()) {
      const rows = await this.session.query(simulationSums.changesSql(this.session.dialect, N('paid_0'), N(`paid_${i + 1}`)));
      const reform = all[i + 1]!;
      out.push({ name: r.name, reform, delta: delta(reform, base), changes: changesResult(changeVector(rows, unit)) });
    }
    return { baseline: base, reforms: out };
  }

  /** The scenario at each value of one parameter, as Simulator.sweep (the same marginal cost). */
  async sweep(scenario: Scenario, parameter: string, values: readonly (string | number)[], behaviour: Behaviour = {}, onStep?: (done: number, total: number) => void): Promise<SweepResult> {
    if (values.length === 0) throw new Error('a sweep needs at least one value');
    const { key, unit, points: swept } = sweepPoints(this.policy(scenario.policy).ir, parameter, values);
    const results = await this.run(
      swept.map((pt) => ({ ...scenario, sets: { ...scenario.sets, [key]: pt.text } })),
      behaviour,
      onStep,
    );
    const per = unit.startsWith('money') ? 10 : 1;
    const points: SweepPoint[] = [];
    results.forEach((result, i) => {
      const before = points[i - 1];
      const dx = before ? swept[i]!.x - before.x : 0;
      points.push({ value: swept[i]!.value, x: swept[i]!.x, result, marginal_cost: before && dx !== 0 ? ((result.annual_cost - before.result.annual_cost) / dx) * per : null });
    });
    return { parameter: key, unit, points };
  }

  async close(): Promise<void> {
    await this.session.close();
  }
}

/**
 * The household's own dibao standard as n/d (reach.ts reachInput): the framework's dibao_standard
 * by region slot and, where given per area, the hukou's area; [0, 1] where the policy has none.
 */
function lineOf(params: ReturnType<CompiledPolicy['resolveParameters']>, slots: number, slot: number, area: number): [number, number] {
  const n = params.n.dibao_standard;
  const d = params.d.dibao_standard;
  const width = n && slots > 0 ? n.length / slots : 0;
  if (!n || !d || width < 1) return [0, 1];
  const i = slot * width + (width === 2 ? area : 0);
  const [a, b] = [n[i]!, d[i]!];
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || b <= 0) return [0, 1];
  return [a, b];
}
