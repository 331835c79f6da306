/**
 * The contract between the studio's UI and its coordinator worker (sim.worker.ts, behind comlink).
 * Everything that crosses is plain data; progress callbacks cross as Comlink.proxy functions.
 * Money is yuan; households and persons are real ones (weighted), as in simulator/engine/results.ts.
 */
import type { Cliff, CompactExplanation, Decision, ExplainNode, PolicyIR } from '../../language/index.ts';
import type { Behaviour, CalibrationReport, CompareResult, MonthsResult, PopulationMeta, PopulationSummary, SimulationResult, SweepResult, ValidationRow } from '../../simulator/index.ts';

export type { CompareResult, SimulationResult, MonthsResult, SweepResult, PopulationSummary, CalibrationReport, PopulationMeta, ExplainNode, Behaviour, ValidationRow, Cliff, CompactExplanation, Decision };

export type Progress = (done: number, total: number) => void;

export interface PopulationSpec {
  /** 6-digit region code */
  readonly region: string;
  readonly households: number;
  readonly seed: number;
  /** year of the statistics the population is calibrated to */
  readonly year: number;
}

export interface PopulationInfo {
  readonly spec: PopulationSpec;
  readonly summary: PopulationSummary;
  readonly meta: PopulationMeta;
  readonly calibration: CalibrationReport;
  /** milliseconds to generate (or read) and prepare */
  readonly ms: number;
  /** the files a population was read from ("open population"); absent for a synthetic one */
  readonly files?: readonly string[];
}

/** A file the user picked (a browser File is a Blob with a name; both cross to the worker as they are). */
export interface PickedFile {
  readonly name: string;
  readonly blob: Blob;
}

/** A policy loaded in the worker (by the hash of its module source) on a date with settings. */
export interface RunScenario {
  readonly policy: string;
  readonly date: string;
  readonly sets?: Readonly<Record<string, string>>;
}

/** A parameter's value on a date for one region: per entry for a parameter indexed by an enum. */
export interface ParameterValue {
  readonly id: string;
  /** numbers as numbers (money in yuan, rates as fractions), enum values as ids, dates as text */
  readonly values: readonly (number | string | boolean)[];
  /** the enum entries, for an indexed parameter */
  readonly entries?: readonly string[];
}

export interface HouseholdFilter {
  readonly area?: 'urban' | 'rural';
  /** 1 … 6 (6 = six or more) */
  readonly size?: number;
  readonly covered?: boolean;
  /** 1 … 10 */
  readonly decile?: number;
}

export interface HouseholdRow {
  readonly index: number;
  readonly id: string;
  readonly area: 'urban' | 'rural';
  readonly size: number;
  readonly decile: number;
  /** per-capita income before benefits, yuan a month */
  readonly income: number;
  readonly covered: boolean;
  readonly status: string;
  /** yuan a month */
  readonly dibao: number;
  readonly total: number;
  readonly error?: string;
}

export interface HouseholdPage {
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly HouseholdRow[];
}

export interface Explanation {
  /** the compiled module's outputs (money in yuan), or the error that stopped it */
  readonly outputs?: Readonly<Record<string, number | boolean | string>>;
  /** what the notice says, as data (language/explain: the UI words it in its language) */
  readonly decision?: Decision;
  /** the compact explanation (doudi eval --explain --json's) */
  readonly explanation?: CompactExplanation;
  readonly error?: string;
  readonly ms: number;
}

/** The benefit cliff of one household along one member's earnings, or why it could not be made. */
export interface CliffAnswer {
  readonly cliff?: Cliff;
  readonly error?: string;
}

export interface SimApi {
  generate(spec: PopulationSpec, onProgress?: Progress): Promise<PopulationInfo>;
  /**
   * Reads a population from picked files — households.csv with persons.csv, households.parquet with
   * persons.parquet, or one .jsonl file — and makes it the current one; rejects with every problem
   * (file, row, field) when a file has any, leaving the current population as it was.
   */
  openPopulation(files: readonly PickedFile[], year: number): Promise<PopulationInfo>;
  /** Loads a compiled policy (idempotent); returns its key. */
  setPolicy(source: string, ir: PolicyIR): Promise<string>;
  parameterValues(policy: string, date: string, region: string): Promise<ParameterValue[]>;
  simulate(scenario: RunScenario, id: number, onProgress?: Progress, behaviour?: Behaviour): Promise<SimulationResult>;
  compare(baseline: RunScenario, reform: RunScenario, id: number, onProgress?: Progress, behaviour?: Behaviour): Promise<CompareResult>;
  /** A comparison on another population (a saved scenario's); the current one is loaded back after it. */
  compareOn(population: PopulationSpec, baseline: RunScenario, reform: RunScenario, id: number, onProgress?: Progress, behaviour?: Behaviour): Promise<CompareResult>;
  sweep(scenario: RunScenario, parameter: string, values: readonly string[], id: number, onProgress?: Progress, behaviour?: Behaviour): Promise<SweepResult>;
  months(scenario: RunScenario, months: number, cpi: readonly number[] | undefined, id: number, onProgress?: Progress, behaviour?: Behaviour): Promise<MonthsResult>;
  /** Households evaluated under a scenario (as the means test sees them under its behaviour assumptions), filtered and paged. */
  households(scenario: RunScenario, filter: HouseholdFilter, offset: number, limit: number, behaviour?: Behaviour): Promise<HouseholdPage>;
  /** One household of the population in the schema's JSON form (money in yuan). */
  household(index: number, behaviour?: Behaviour): Promise<Record<string, unknown>>;
  explain(scenario: RunScenario, household: Record<string, unknown>): Promise<Explanation>;
  /** Net income and the marginal rate as member `member` (1-based)'s earnings go along `path` (FROM:TO:STEP in yuan, as doudi eval --earnings-path). */
  cliff(scenario: RunScenario, household: Record<string, unknown>, member: number, path: string): Promise<CliffAnswer>;
  /** The shipped policies (by path: source and IR) on their own populations against every published figure (doudi validate's table). */
  validate(policies: Readonly<Record<string, { readonly source: string; readonly ir: PolicyIR }>>, households: number, id: number, onProgress?: Progress, behaviour?: Behaviour): Promise<ValidationRow[]>;
  cancel(id: number): void;
}
