/**
 * The coordinator behind the studio's worker: one population, compiled policies by key, and the
 * questions the UI asks (compare, sweep, months, the household explorer, explanations), answered
 * by the simulator facade (an in-process engine, or a pool of web workers). Runs one job at a time — the engine's output
 * buffers are shared between runs — and a job cancelled while it waits never starts.
 * No DOM and no worker globals: tests run it in Node.
 */
import {
  earningsPath,
  explainHousehold,
  parseEarningsPath,
  resolveSettings,
  formatSettingDiagnostic,
  SettingError,
  type CompiledPolicy,
  type OutputColumns,
  type PolicyIR,
  type PopulationColumns,
  type ResolvedSettings,
} from '../../language/index.ts';
import { Cancelled, Simulator, PopulationFileError, assessedPopulation, assesses, assessmentKey, calibrate, generatePopulation, householdJson, readPopulationBlobs, type Behaviour } from '../../simulator/index.ts';
import { runValidation, type ValidationPolicy } from './validation.ts';
import type {
  CliffAnswer,
  Explanation,
  HouseholdFilter,
  HouseholdPage,
  HouseholdRow,
  ParameterValue,
  PopulationInfo,
  PopulationSpec,
  Progress,
  RunScenario,
  PickedFile,
  SimApi,
} from './protocol.ts';

/** FNV-1a over the text, as 8 hex digits with the length: a key for a module source. */
export function sourceKey(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `p${(h >>> 0).toString(16).padStart(8, '0')}-${text.length}`;
}

/** The largest other population kept between saved-scenario comparisons. */
const KEEP_OTHER_HOUSEHOLDS = 300_000;

/** The policies kept loaded at once (each holds chunk-sized output buffers). */
const KEEP_POLICIES = 6;

interface Loaded {
  readonly compiled: CompiledPolicy;
  readonly ir: PolicyIR;
}

interface Evaluated {
  readonly key: string;
  /** the population it was evaluated on */
  readonly pop: PopulationColumns;
  readonly out: OutputColumns;
  readonly covered: Uint8Array;
}

const specKey = (s: PopulationSpec): string => `${s.region}|${s.households}|${s.seed}|${s.year}`;

const dayText = (day: number): string => new Date(day * 86400000).toISOString().slice(0, 10);

export class SimService implements SimApi {
  /** The simulator: in this thread, or over a pool of workers (sim.worker.ts gives one in browsers). */
  constructor(private readonly sim: Simulator = new Simulator()) {}

  private readonly policies = new Map<string, Loaded>();
  private population: PopulationInfo | undefined;
  /** the current population's columns, to load back after a run on another one */
  private columns: PopulationColumns | undefined;
  /** its household ids when it was read from files (they key the draws) */
  private ids: readonly string[] | undefined;
  /** the last other population a saved scenario was compared on (kept when small) */
  private other: { key: string; columns: PopulationColumns } | undefined;
  /** the loaded population as assessed under a scenario's behaviour assumptions (the explorer's) */
  private assessedCache: { base: PopulationColumns; key: string; pop: PopulationColumns } | undefined;
  private evaluated: Evaluated | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly cancelled = new Set<number>();

  /** Runs jobs one after another. */
  private serial<T>(f: () => Promise<T>): Promise<T> {
    const next = this.queue.then(f, f);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private job<T>(id: number, f: () => Promise<T>): Promise<T> {
    return this.serial(async () => {
      if (this.cancelled.delete(id)) throw new Cancelled();
      return f();
    });
  }

  async generate(spec: PopulationSpec, onProgress?: Progress): Promise<PopulationInfo> {
    return this.serial(async () => {
      const t = performance.now();
      onProgress?.(0, spec.households);
      const g = generatePopulation({ region: spec.region, year: spec.year, households: spec.households, seed: spec.seed });
      const summary = await this.sim.setPopulation(g.columns);
      this.columns = g.columns;
      this.ids = undefined;
      const calibration = calibrate(g.columns, spec.year, spec.region, g.meta.notes);
      onProgress?.(spec.households, spec.households);
      this.evaluated = undefined;
      this.assessedCache = undefined;
      this.population = { spec, summary, meta: g.meta, calibration, ms: performance.now() - t };
      return this.population;
    });
  }

  async openPopulation(files: readonly PickedFile[], year: number): Promise<PopulationInfo> {
    return this.serial(async () => {
      const t = performance.now();
      let pop;
      try {
        pop = await readPopulationBlobs(files);
      } catch (e) {
        if (!(e instanceof PopulationFileError)) throw e;
        const shown = e.problems.slice(0, 10).map((x) => `${x.file}:${x.row}: ${x.field ? `${x.field}: ` : ''}${x.message}`);
        throw new Error(`the population was not read (${e.total} problem${e.total === 1 ? '' : 's'}): ${shown.join('; ')}${e.total > 10 ? '; …' : ''}`);
      }
      const households = pop.ids?.households;
      const summary = await this.sim.setPopulation(pop.columns, households);
      this.columns = pop.columns;
      this.ids = households;
      this.evaluated = undefined;
      this.assessedCache = undefined;
      const names = files.map((f) => f.name);
      const region = summary.regions[0] ?? '100000';
      const meta = { region, regionName: names.join(' + '), year, seed: 0, households: pop.columns.households, persons: pop.columns.persons, weight: summary.households / Math.max(1, pop.columns.households), realHouseholds: summary.households, notes: [] };
      const calibration = calibrate(pop.columns, year, region, []);
      this.population = { spec: { region, households: pop.columns.households, seed: 0, year }, summary, meta, calibration, ms: performance.now() - t, files: names };
      return this.population;
    });
  }

  async setPolicy(source: string, ir: PolicyIR): Promise<string> {
    const key = sourceKey(source);
    return this.serial(async () => {
      const had = this.policies.get(key);
      if (had) {
        // most recently used last
        this.policies.delete(key);
        this.policies.set(key, had);
        return key;
      }
      const compiled = await this.sim.addPolicy(key, { source, ir });
      this.policies.set(key, { compiled, ir });
      while (this.policies.size > KEEP_POLICIES) {
        const oldest = this.policies.keys().next().value!;
        this.policies.delete(oldest);
        await this.sim.removePolicy(oldest);
        if (this.evaluated?.key.startsWith(`${oldest}|`)) this.evaluated = undefined;
      }
      return key;
    });
  }

  private loaded(key: string): Loaded {
    const p = this.policies.get(key);
    if (!p) throw new Error(`no policy is loaded as "${key}"`);
    return p;
  }

  /** A scenario's settings through the language's one resolver (ids, labels, `name.entry`, the settings grammar). */
  private settings(s: RunScenario): ResolvedSettings {
    const { settings, problems } = resolveSettings(this.loaded(s.policy).ir, { ...s.sets });
    if (problems.length) throw new SettingError(problems);
    return settings;
  }

  async parameterValues(policy: string, date: string, region: string): Promise<ParameterValue[]> {
    const { compiled, ir } = this.loaded(policy);
    const params = compiled.resolveParameters({ date }, [region]);
    const out: ParameterValue[] = [];
    for (const p of ir.parameters) {
      if (p.hidden) continue;
      const n = params.n[p.id];
      const d = params.d[p.id];
      if (!n || !d) continue;
      const entries = p.by ? ir.enums.find((e) => e.id === p.by)?.values.map((v) => v.id) : undefined;
      const values: (number | string | boolean)[] = [];
      for (let i = 0; i < n.length; i++) {
        const x = n[i]! / d[i]!;
        const t = p.type;
        if (t.k === 'money') values.push(x / 100);
        else if (t.k === 'bool') values.push(x === 1);
        else if (t.k === 'enum') values.push(ir.enums.find((e) => e.id === t.name)?.values[x]?.id ?? String(x));
        else if (t.k === 'date') values.push(dayText(x));
        else if (t.k === 'region') values.push(String(x).padStart(6, '0'));
        else values.push(x);
      }
      out.push({ id: p.id, values, ...(entries ? { entries } : {}) });
    }
    return out;
  }

  simulate(scenario: RunScenario, id: number, onProgress?: Progress, behaviour: Behaviour = {}) {
    return this.job(id, () => this.sim.simulate(scenario, behaviour, { id, onProgress }));
  }

  compare(baseline: RunScenario, reform: RunScenario, id: number, onProgress?: Progress, behaviour: Behaviour = {}) {
    return this.job(id, () => this.sim.compare(baseline, [{ name: 'reform', scenario: reform }], behaviour, { id, onProgress }));
  }

  /**
   * A comparison on a population of its own (a saved scenario's): generated (the last one is kept),
   * loaded for this job only, and the current population loaded back after it, whatever happens.
   */
  compareOn(population: PopulationSpec, baseline: RunScenario, reform: RunScenario, id: number, onProgress?: Progress, behaviour: Behaviour = {}) {
    return this.job(id, async () => {
      const current = this.population?.spec;
      if (!current || !this.columns) throw new Error('no population is loaded');
      const run = () => this.sim.compare(baseline, [{ name: 'reform', scenario: reform }], behaviour, { id, onProgress });
      const key = specKey(population);
      if (key === specKey(current)) return run();
      const other = this.other?.key === key ? this.other.columns : generatePopulation({ region: population.region, year: population.year, households: population.households, seed: population.seed }).columns;
      // Kept for the next comparison only when small: a million households take about 160 MB.
      this.other = population.households <= KEEP_OTHER_HOUSEHOLDS ? { key, columns: other } : undefined;
      await this.sim.setPopulation(other);
      try {
        return await run();
      } finally {
        await this.sim.setPopulation(this.columns, this.ids);
      }
    });
  }

  validate(policies: Readonly<Record<string, ValidationPolicy>>, households: number, id: number, onProgress?: Progress, behaviour: Behaviour = {}) {
    return this.job(id, () => runValidation(this.sim, this.columns, policies, households, behaviour, { id, onProgress }));
  }

  sweep(scenario: RunScenario, parameter: string, values: readonly string[], id: number, onProgress?: Progress, behaviour: Behaviour = {}) {
    return this.job(id, () => this.sim.sweep(scenario, parameter, values, behaviour, { id, onProgress }));
  }

  months(scenario: RunScenario, months: number, cpi: readonly number[] | undefined, id: number, onProgress?: Progress, behaviour: Behaviour = {}) {
    return this.job(id, () => this.sim.months({ scenario, months, ...(cpi ? { cpi } : {}), behaviour }, { id, onProgress }));
  }

  /** The loaded population as the means test sees it under behaviour assumptions (the engine's rules, assess.ts). */
  private assessed(behaviour: Behaviour = {}): PopulationColumns {
    const prep = this.sim.prepared;
    if (!prep) throw new Error('no population is loaded');
    if (!assesses(behaviour)) return prep.pop;
    const key = assessmentKey(behaviour);
    if (this.assessedCache?.base !== prep.pop || this.assessedCache.key !== key) this.assessedCache = { base: prep.pop, key, pop: assessedPopulation(prep.pop, behaviour, prep.key) };
    return this.assessedCache.pop;
  }

  /** Every household evaluated under a scenario, kept for paging and filtering. */
  private evaluate(s: RunScenario, behaviour: Behaviour | undefined): Evaluated {
    const pop = this.assessed(behaviour);
    const key = `${s.policy}|${s.date}|${JSON.stringify(s.sets ?? {})}|${assessmentKey(behaviour ?? {})}`;
    if (this.evaluated?.key === key && this.evaluated.pop === pop) return this.evaluated;
    const { compiled } = this.loaded(s.policy);
    const regions = compiled.regionsOf(pop);
    const params = compiled.resolveParameters({ date: s.date, sets: { ...this.settings(s).text } }, regions.codes);
    const out = compiled.allocateOutputs(pop.households);
    compiled.evaluateBatch(pop, regions, params, out, 0, pop.households);
    const status = out.columns.dibao_status;
    const tekun = out.columns.tekun_persons;
    const covered = new Uint8Array(pop.households);
    for (let h = 0; h < pop.households; h++) covered[h] = out.errors[h] === 0 && ((status?.[h] ?? 0) !== 0 || (tekun?.[h] ?? 0) > 0) ? 1 : 0;
    this.evaluated = { key, pop, out, covered };
    return this.evaluated;
  }

  async households(s: RunScenario, filter: HouseholdFilter, offset: number, limit: number, behaviour?: Behaviour): Promise<HouseholdPage> {
    return this.serial(async () => {
      const prep = this.sim.prepared;
      if (!prep) throw new Error('no population is loaded');
      const { compiled } = this.loaded(s.policy);
      const ev = this.evaluate(s, behaviour);
      const pop = ev.pop;
      const area = pop.household.area!;
      const statusSpec = compiled.outputs.find((o) => o.id === 'dibao_status');
      const rows: HouseholdRow[] = [];
      let total = 0;
      for (let h = 0; h < pop.households; h++) {
        const size = pop.memberStart[h + 1]! - pop.memberStart[h]!;
        if (filter.area !== undefined && area[h] !== (filter.area === 'urban' ? 0 : 1)) continue;
        if (filter.size !== undefined && Math.min(6, size) !== filter.size) continue;
        if (filter.covered !== undefined && (ev.covered[h] === 1) !== filter.covered) continue;
        if (filter.decile !== undefined && prep.decile[h]! + 1 !== filter.decile) continue;
        total++;
        if (total <= offset || rows.length >= limit) continue;
        const err = ev.out.errors[h]!;
        const col = (id: string) => ev.out.columns[id]?.[h] ?? 0;
        rows.push({
          index: h,
          id: `H${String(h + 1).padStart(7, '0')}`,
          area: area[h] === 0 ? 'urban' : 'rural',
          size,
          decile: prep.decile[h]! + 1,
          income: prep.income[h]! / 100,
          covered: ev.covered[h] === 1,
          status: statusSpec?.values?.[col('dibao_status')] ?? '',
          dibao: col('dibao_benefit') / 100,
          total: col('total_monthly') / 100,
          ...(err ? { error: compiled.SITES[err - 1]?.message ?? 'error' } : {}),
        });
      }
      return { total, offset, rows };
    });
  }

  async household(index: number, behaviour?: Behaviour): Promise<Record<string, unknown>> {
    // In turn with the jobs: a comparison on another population has the current one loaded back first.
    return this.serial(async () => {
      const pop = this.assessed(behaviour);
      if (!(index >= 0 && index < pop.households)) throw new Error(`no household ${index}`);
      return householdJson({ columns: pop, ids: this.ids && { households: this.ids, persons: [] } }, index);
    });
  }

  /** One household's outputs and why: language/explain's explainHousehold (compiled values, the interpreter's decision and compact explanation). */
  async explain(s: RunScenario, household: Record<string, unknown>): Promise<Explanation> {
    const t = performance.now();
    const done = (x: Omit<Explanation, 'ms'>): Explanation => ({ ...x, ms: performance.now() - t });
    const { compiled, ir } = this.loaded(s.policy);
    const resolved = resolveSettings(ir, { ...s.sets });
    if (resolved.problems.length) return done({ error: resolved.problems.map(formatSettingDiagnostic).join('; ') });
    const r = explainHousehold({ ir, compiled }, household, { date: s.date, settings: resolved.settings });
    if (!r.ok) return done({ error: r.message });
    return done({ outputs: r.outputs, decision: r.decision, explanation: r.explanation });
  }

  /** The benefit cliff (language/explain's earningsPath), as doudi eval --earnings-path gives it. */
  async cliff(s: RunScenario, household: Record<string, unknown>, member: number, path: string): Promise<CliffAnswer> {
    const { compiled, ir } = this.loaded(s.policy);
    const resolved = resolveSettings(ir, { ...s.sets });
    if (resolved.problems.length) return { error: resolved.problems.map(formatSettingDiagnostic).join('; ') };
    const p = parseEarningsPath(path);
    if (!p.ok) return { error: `${path}: ${p.why}` };
    const r = earningsPath({ ir, compiled }, household, p.value, member, { date: s.date, settings: resolved.settings });
    return r.ok ? { cliff: r.cliff } : { error: r.message };
  }

  cancel(id: number): void {
    this.cancelled.add(id);
    this.sim.cancel(id);
  }
}
