/**
 * The studio's state and what changes it: the workspace, the current scenario, the population and
 * the live comparison. Each valid edit or control change re-runs the comparison in the worker;
 * every run has an id, a newer change cancels the run before it and answers of older runs are
 * dropped, so figures on screen are never those of an older version shown as current.
 */
import * as Comlink from 'comlink';
import type { Diagnostic, PolicyIR } from '../../../language/index.ts';
import type { CompareResult, ParameterValue, PopulationInfo } from '../../sim/protocol.ts';
import type { Diagnostics, Service } from '../editor/language.ts';
import { isCancelled, type Sim } from '../sim/client.ts';
import type { Lang } from '../i18n/strings.ts';
import { DEFAULT_SCENARIO, newScenarioId, runBehaviour, type BehaviourChoice, type Scenario } from './scenario.ts';
import type { StudioStore } from './store.ts';
import * as W from './workspace.ts';

export interface RunState {
  readonly id: number;
  readonly status: 'idle' | 'running' | 'done' | 'error';
  /** 0 … 1 while a long run reports progress */
  readonly progress?: number;
  readonly message?: string;
  /** milliseconds from the change to the updated figures */
  readonly ms?: number;
}

export interface CompiledPolicy {
  readonly key: string;
  readonly source: string;
  readonly ir: PolicyIR;
}

export interface Results {
  readonly runId: number;
  readonly compare: CompareResult;
  readonly baseline: CompiledPolicy;
  readonly reform: CompiledPolicy;
  /** the scenario as run (sets limited to the reform's parameters) */
  readonly scenario: Scenario;
  /** the reform policy's parameter values on the date, before settings */
  readonly values: readonly ParameterValue[];
}

export interface StudioState {
  readonly ready: boolean;
  readonly lang: Lang;
  readonly workspace: W.Workspace;
  readonly diagnostics: Diagnostics;
  /** errors that stop the current version from compiling (empty when it compiles) */
  readonly compileErrors: readonly Diagnostic[];
  readonly scenario: Scenario;
  readonly saved: readonly Scenario[];
  readonly population?: PopulationInfo;
  readonly populationError?: string;
  readonly run: RunState;
  readonly results?: Results;
  readonly saveError?: string;
  /** why the last file opened from disk was refused (nothing in the workspace changed) */
  readonly openError?: string;
}

export interface Services {
  /** the editor's language service (diagnostics, completion, hover, rename, format) */
  readonly language: Service;
  /** an instance that compiles the workspace for the live runs, so they never wait behind the editor's checks */
  readonly runner: Service;
  /** an instance for compiling other versions (the shipped baseline, saved scenarios) */
  readonly compiler: Service;
  readonly sim: Sim;
}

const LANG_KEY = 'doudi.lang';

export function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** Debounce of edits typed in the editor (control changes run at once). */
const TYPING_MS = 120;

export class Studio {
  private state: StudioState;
  private readonly listeners = new Set<() => void>();
  private runId = 0;
  private changeAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** files changed since they were last given to the language service */
  private dirty = new Set<string>();
  private compilerQueue: Promise<unknown> = Promise.resolve();
  private readonly baselines = new Map<string, Promise<CompiledPolicy>>();
  private populationKey = '';
  private populationReady: Promise<void> = Promise.resolve();

  constructor(
    readonly services: Services,
    private readonly store: StudioStore,
    shipped: Readonly<Record<string, string>>,
  ) {
    this.state = {
      ready: false,
      lang: initialLang(),
      workspace: W.restoreWorkspace(shipped),
      diagnostics: {},
      compileErrors: [],
      scenario: DEFAULT_SCENARIO,
      saved: [],
      run: { id: 0, status: 'idle' },
    };
  }

  // ------------------------------------------------------------ state

  get = (): StudioState => this.state;

  subscribe = (f: () => void): (() => void) => {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  };

  private set(patch: Partial<StudioState>): void {
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((f) => f());
  }

  // ------------------------------------------------------------ start

  async init(): Promise<void> {
    const [savedWs, savedSc] = await Promise.all([this.store.loadWorkspace(), this.store.loadScenarios()]);
    const workspace = W.restoreWorkspace(this.state.workspace.shipped, savedWs);
    const scenario = savedSc ? { ...DEFAULT_SCENARIO, ...savedSc.current } : DEFAULT_SCENARIO;
    this.set({ workspace, scenario: scenario.baseline in workspace.files ? scenario : { ...scenario, baseline: DEFAULT_SCENARIO.baseline }, saved: savedSc?.saved ?? [], ready: true });
    await Promise.all([this.services.language.setFiles(workspace.files), this.services.runner.setFiles(workspace.files)]);
    this.markChange();
    this.ensurePopulation();
    this.schedule(0);
  }

  setLang(lang: Lang): void {
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      /* private mode: the choice lasts this visit */
    }
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    this.set({ lang });
  }

  // ------------------------------------------------------------ workspace

  private saveWorkspace(w: W.Workspace): void {
    this.store.saveWorkspace(W.toSaved(w)).then(() => {
      const err = this.store.writeError;
      if (Boolean(err) !== Boolean(this.state.saveError)) this.set({ saveError: err ? String(err) : undefined });
    });
  }

  private setWorkspace(w: W.Workspace, changed: readonly string[]): void {
    if (w === this.state.workspace) return;
    this.set({ workspace: w });
    this.saveWorkspace(w);
    if (changed.length) {
      changed.forEach((p) => this.dirty.add(p));
      this.markChange();
      this.schedule(TYPING_MS);
    }
  }

  editFile(path: string, text: string): void {
    this.setWorkspace(W.editFile(this.state.workspace, path, text), [path]);
  }

  openFile(path: string): void {
    this.setWorkspace(W.openFile(this.state.workspace, path), []);
  }

  closeTab(path: string): void {
    this.setWorkspace(W.closeTab(this.state.workspace, path), []);
  }

  /** Opens files from disk as new workspace files; a file that cannot be a policy is refused whole, with the reason. */
  async openFromDisk(files: readonly { readonly name: string; readonly size: number; text(): Promise<string> }[]): Promise<void> {
    const problems: string[] = [];
    for (const f of files) {
      const early = W.openProblem(f.name, f.size);
      if (early) {
        problems.push(early);
        continue;
      }
      const text = await f.text();
      const problem = W.openProblem(f.name, f.size, text);
      if (problem) problems.push(problem);
      else this.addFile(f.name, text);
    }
    this.set({ openError: problems.length ? problems.join('; ') : undefined });
  }

  dismissOpenError(): void {
    this.set({ openError: undefined });
  }

  addFile(name: string, text: string): string {
    const path = W.localPath(this.state.workspace, name);
    this.setWorkspace(W.addFile(this.state.workspace, path, text), [path]);
    return path;
  }

  newFile(): string {
    const path = W.localPath(this.state.workspace, 'new-reform');
    const text = W.newFileText(W.fileTitle(path));
    this.setWorkspace(W.addFile(this.state.workspace, path, text), [path]);
    return path;
  }

  revertFile(path: string): void {
    this.setWorkspace(W.revertFile(this.state.workspace, path), [path]);
  }

  /** Called by the editor with the language service's diagnostics. */
  setDiagnostics(d: Diagnostics): void {
    this.set({ diagnostics: d });
  }

  // ------------------------------------------------------------ scenario

  private saveScenarios(current: Scenario, saved: readonly Scenario[]): void {
    void this.store.saveScenarios({ current, saved });
  }

  setScenario(patch: Partial<Scenario>): void {
    const scenario = { ...this.state.scenario, ...patch };
    this.set({ scenario });
    this.saveScenarios(scenario, this.state.saved);
    if (patch.population) this.ensurePopulation();
    this.markChange();
    this.schedule(patch.sets ? 30 : 0);
  }

  /** Sets (or with null, clears) one setting of the reform. */
  setParameter(key: string, value: string | null): void {
    const sets = { ...this.state.scenario.sets };
    if (value === null) delete sets[key];
    else sets[key] = value;
    // A whole setting replaces its entries' settings.
    if (value !== null && !key.includes('.')) for (const k of Object.keys(sets)) if (k.startsWith(`${key}.`)) delete sets[k];
    this.setScenario({ sets });
  }

  /** Changes the behaviour assumptions (a take-up rate, imputed earnings; undefined puts the default back). */
  setBehaviour(patch: BehaviourChoice): void {
    const b = this.state.scenario.behaviour ?? {};
    const takeUp = { ...b.takeUp, ...patch.takeUp };
    for (const k of Object.keys(takeUp) as (keyof typeof takeUp)[]) if (takeUp[k] === undefined) delete takeUp[k];
    const pick = <K extends 'imputedEarnings' | 'unreportedIncome' | 'incomeNoise'>(k: K) => (k in patch ? patch[k] : b[k]);
    const imputed = pick('imputedEarnings');
    const unreported = pick('unreportedIncome');
    const noise = pick('incomeNoise');
    const behaviour: BehaviourChoice = {
      ...(Object.keys(takeUp).length ? { takeUp } : {}),
      ...(imputed ? { imputedEarnings: imputed } : {}),
      ...(unreported ? { unreportedIncome: unreported } : {}),
      ...(noise ? { incomeNoise: noise } : {}),
    };
    this.setScenario({ behaviour });
  }

  saveScenario(name: string): Scenario {
    const s: Scenario = { ...this.state.scenario, id: newScenarioId(), name, files: W.changedFiles(this.state.workspace), savedAt: new Date().toISOString() };
    const saved = [...this.state.saved, s];
    this.set({ saved });
    this.saveScenarios(this.state.scenario, saved);
    return s;
  }

  deleteScenario(id: string): void {
    const saved = this.state.saved.filter((s) => s.id !== id);
    this.set({ saved });
    this.saveScenarios(this.state.scenario, saved);
  }

  /** Makes a saved scenario current: its settings, and its edited files back in the workspace. */
  loadScenario(id: string): void {
    const s = this.state.saved.find((x) => x.id === id);
    if (!s) return;
    let w = this.state.workspace;
    for (const [p, t] of Object.entries(s.files ?? {})) w = p in w.files ? W.editFile(w, p, t) : W.addFile(w, p, t);
    this.setWorkspace(w, Object.keys(s.files ?? {}));
    const { files: _files, savedAt: _at, ...rest } = s;
    this.setScenario({ ...rest, id: 'current' });
  }

  // ------------------------------------------------------------ population

  /**
   * "Open population": reads picked files (a CSV pair, a Parquet pair or a .jsonl file) in the
   * coordinator worker and runs on them. They stay the population until its settings (region,
   * households, seed) change, which draws a synthetic one again; a file with problems leaves the
   * current population and shows every problem.
   */
  openPopulationFiles(files: readonly File[]): void {
    const key = `files:${files.map((f) => `${f.name}:${f.size}:${f.lastModified}`).join('|')}`;
    const before = this.populationKey;
    this.populationKey = key;
    this.markChange();
    this.populationReady = this.services.sim
      .openPopulation(
        files.map((f) => ({ name: f.name, blob: f })),
        Number(this.state.scenario.date.slice(0, 4)),
      )
      .then((population) => {
        this.set({ population, populationError: undefined });
        this.schedule(0);
      })
      .catch((e) => {
        this.populationKey = before;
        this.set({ populationError: (e as Error).message });
        this.schedule(0);
      });
  }

  private ensurePopulation(): void {
    const p = this.state.scenario.population;
    const key = `${p.region}|${p.households}|${p.seed}|${this.state.scenario.date.slice(0, 4)}`;
    if (key === this.populationKey) return;
    this.populationKey = key;
    this.populationReady = this.services.sim
      .generate({ region: p.region, households: p.households, seed: p.seed, year: Number(this.state.scenario.date.slice(0, 4)) })
      .then((population) => this.set({ population, populationError: undefined }))
      .catch((e) => {
        this.populationKey = '';
        this.set({ populationError: (e as Error).message });
        throw e;
      });
  }

  // ------------------------------------------------------------ runs

  /** A change happened now: the figures on screen are no longer current. */
  private markChange(): void {
    this.changeAt = performance.now();
    if (this.state.run.status !== 'running') this.set({ run: { id: this.state.run.id, status: 'running' } });
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runNow(), ms);
  }

  /** Runs something on the compiler service, one thing at a time. */
  private withCompiler<T>(f: (c: Service) => Promise<T>): Promise<T> {
    const next = this.compilerQueue.then(() => f(this.services.compiler));
    this.compilerQueue = next.catch(() => undefined);
    return next;
  }

  /** Compiles a policy over given files on the compiler service. */
  compileFiles(files: Readonly<Record<string, string>>, path: string, baseline?: string): Promise<CompiledPolicy | Diagnostic[]> {
    return this.withCompiler(async (c) => {
      await c.setFiles(files);
      const r = await c.compile(path, baseline);
      if (!r.ok) return [...r.diagnostics];
      const key = await this.services.sim.setPolicy(r.source, r.ir);
      return { key, source: r.source, ir: r.ir };
    });
  }

  /**
   * The baseline policy as a scenario compares against it. With the workspace's own copy as the
   * reform (`reform` null), the shipped version of a shipped policy, so that edits to it are the
   * change; with a reform file, the workspace's version (edits included), so that the reform
   * alone is the change.
   */
  baselineOf(path: string, reform: string | null = null, workspace = this.state.workspace): Promise<CompiledPolicy> {
    const shipped = reform === null && path in workspace.shipped;
    const files = shipped ? workspace.shipped : workspace.files;
    // The reform file cannot be one the baseline builds on (that would be a cycle): its edits leave the baseline as it is.
    const edits = Object.entries(W.changedFiles(workspace)).filter(([p]) => p !== reform);
    const key = shipped ? `shipped|${path}` : `ws|${path}|${JSON.stringify(edits)}`;
    let p = this.baselines.get(key);
    if (!p) {
      p = this.compileFiles(files, path).then((r) => {
        if (Array.isArray(r)) throw new Error(`${path}: ${r.length} errors`);
        return r;
      });
      p.catch(() => this.baselines.delete(key));
      if (!shipped) for (const k of this.baselines.keys()) if (k.startsWith('ws|')) this.baselines.delete(k);
      this.baselines.set(key, p);
    }
    // The worker keeps a few policies loaded: make sure this one is.
    return p.then(async (r) => ({ ...r, key: await this.services.sim.setPolicy(r.source, r.ir) }));
  }

  cancelRun(): void {
    const id = this.state.run.id;
    void this.services.sim.cancel(id);
    this.runId++;
    this.set({ run: { id: this.runId, status: 'error', message: 'cancelled' } });
  }

  private async pushFiles(): Promise<void> {
    if (this.dirty.size === 0) return;
    const files = this.state.workspace.files;
    const changed: Record<string, string> = {};
    const removed: string[] = [];
    for (const p of this.dirty) (p in files ? (changed[p] = files[p]!) : removed.push(p));
    this.dirty.clear();
    await this.services.runner.setFiles(removed.length ? files : changed, removed.length === 0);
  }

  private async runNow(): Promise<void> {
    const id = ++this.runId;
    const previous = this.state.run.id;
    if (previous) void this.services.sim.cancel(previous);
    const started = this.changeAt;
    this.set({ run: { id, status: 'running' } });
    const current = () => id === this.runId;
    try {
      await this.pushFiles();
      const sc = this.state.scenario;
      const reformPath = sc.reform ?? sc.baseline;
      const compiled = this.services.runner.compile(reformPath, sc.reform ? sc.baseline : undefined);
      const [r, baseline] = await Promise.all([compiled, this.baselineOf(sc.baseline, sc.reform).catch((e: unknown) => e as Error)]);
      if (!current()) return;
      // A province's population: switching the baseline to another region regenerates it.
      const region = baseline instanceof Error ? '' : baseline.ir.policy.region;
      if (/^\d{6}$/.test(region) && region !== sc.population.region) {
        this.setScenario({ population: { ...sc.population, region } });
        return;
      }
      if (!r.ok) {
        const errors = r.diagnostics.filter((d) => d.severity === 'error');
        this.set({ compileErrors: errors, run: { id, status: 'error', message: `${errors.length || r.diagnostics.length} errors` } });
        return;
      }
      if (baseline instanceof Error) throw baseline;
      this.set({ compileErrors: [] });
      const reformKey = await this.services.sim.setPolicy(r.source, r.ir);
      await this.populationReady;
      const known = new Set(r.ir.parameters.filter((p) => !p.hidden).map((p) => p.id));
      const sets = Object.fromEntries(Object.entries(sc.sets).filter(([k]) => known.has(k.split('.')[0]!)));
      const values = await this.services.sim.parameterValues(reformKey, sc.date, sc.population.region).catch(() => [] as ParameterValue[]);
      if (!current()) return;
      // Progress comes over other message ports than the answer, so a report may arrive after the
      // answer: it may move the bar of this run while it runs, never bring a finished run back.
      const onProgress = Comlink.proxy((done: number, total: number) => {
        const run = this.state.run;
        if (current() && run.id === id && run.status === 'running' && performance.now() - started > 250) this.set({ run: { id, status: 'running', progress: total ? done / total : 0 } });
      });
      const compare = await this.services.sim.compare({ policy: baseline.key, date: sc.date }, { policy: reformKey, date: sc.date, sets }, id, onProgress, runBehaviour(sc));
      if (!current()) return;
      const ms = performance.now() - started;
      this.set({
        results: { runId: id, compare, baseline, reform: { key: reformKey, source: r.source, ir: r.ir }, scenario: { ...sc, sets }, values },
        run: { id, status: 'done', ms },
      });
    } catch (e) {
      if (!current()) return;
      if (isCancelled(e)) return;
      this.set({ run: { id, status: 'error', message: (e as Error).message } });
    }
  }

  /** Opens a file at a place (a problem clicked). */
  reveal(path: string, line: number, column: number): void {
    this.openFile(path);
    this.events.dispatchEvent(new CustomEvent('reveal', { detail: { path, line, column } }));
  }

  readonly events = new EventTarget();

  /** What a panel keeps while another is shown (a sweep, a months run, the explorer's place). */
  private readonly panels = new Map<string, unknown>();
  panel<T>(key: string): T | undefined {
    return this.panels.get(key) as T | undefined;
  }
  setPanel(key: string, value: unknown): void {
    this.panels.set(key, value);
  }

  /** Writes everything pending (before a reload). */
  flush(): Promise<void> {
    return this.store.flush();
  }
}
