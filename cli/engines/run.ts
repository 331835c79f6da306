/**
 * The simulator's commands (simulate, compare, sweep) on an SQL engine: `EngineRunner` answers the
 * same calls as the JS Simulator, so a command runs either without knowing which. It holds one
 * engine session, the population in the engine's tables and the runner (simulator.ts) over them;
 * a new population (another seed of --seeds) replaces the tables and starts a fresh runner.
 */
import type { PolicyIR } from '../../language/index.ts';
import type { Behaviour, CompareResult, Job, MonthsResult, Population, Reform, Scenario, SimulationResult, SweepResult } from '../../simulator/index.ts';
import { redact, duckdbSession, postgresSession, sparkSession, type EngineSession } from './session.ts';
import { EngineRunError, SqlSimulator, type EngineTables } from './simulator.ts';
import { loadPopulation } from './tables.ts';

/** The engines a run can use: the JS engine (the default) and the three SQL engines. */
export const ENGINES = ['js', 'duckdb', 'postgres', 'spark'] as const;
export type EngineName = (typeof ENGINES)[number];
export type SqlEngineName = Exclude<EngineName, 'js'>;

/** Opens a session: DuckDB embedded, PostgreSQL at `database`, Spark in local mode (or DOUDI_SPARK_MASTER). */
export async function openSession(engine: SqlEngineName, database?: string): Promise<EngineSession> {
  if (engine === 'duckdb') return duckdbSession();
  if (engine === 'spark') return sparkSession(process.env.DOUDI_SPARK_MASTER || undefined);
  if (!database) throw new EngineRunError('--engine postgres needs --database postgres://… naming the database that holds the tables');
  return postgresSession(database);
}

export interface PolicySource {
  readonly source: string;
  readonly ir: PolicyIR;
}

export class EngineRunner {
  private sql: SqlSimulator;

  constructor(
    readonly session: EngineSession,
    tables: EngineTables,
    private readonly policies: Readonly<Record<string, PolicySource>>,
  ) {
    this.sql = this.runner(tables);
  }

  private runner(tables: EngineTables): SqlSimulator {
    const sql = new SqlSimulator(this.session, tables);
    for (const [key, p] of Object.entries(this.policies)) sql.addPolicy(key, p);
    return sql;
  }

  simulate(scenario: Scenario, behaviour: Behaviour = {}, job: Job = {}): Promise<SimulationResult> {
    return this.sql.simulate(scenario, behaviour, job.onProgress);
  }

  compare(baseline: Scenario, reforms: readonly Reform[], behaviour: Behaviour = {}, job: Job = {}): Promise<CompareResult> {
    return this.sql.compare(baseline, reforms, behaviour, job.onProgress);
  }

  sweep(scenario: Scenario, parameter: string, values: readonly (string | number)[], behaviour: Behaviour = {}, job: Job = {}): Promise<SweepResult> {
    return this.sql.sweep(scenario, parameter, values, behaviour, job.onProgress);
  }

  months(): Promise<MonthsResult> {
    // months carries each household's state from month to month: the JS engine's loop
    return Promise.reject(new EngineRunError(`months runs in the JS engine only, not in ${this.session.dialect}`));
  }

  /** Replaces the population (a synthetic one held as columns) in the engine's tables. */
  async setPopulation(columns: Population['columns'], ids?: readonly string[]): Promise<void> {
    // a population read from files is read by the engine itself (files.ts), never through columns
    if (ids) throw new Error('a population with ids is loaded from its files');
    this.sql = this.runner(await loadPopulation(this.session, { columns }));
  }

  close(): Promise<void> {
    return this.session.close();
  }
}

/** The engine and where its data is, for the population's description. */
export function engineLabel(engine: SqlEngineName, database?: string): string {
  return engine === 'postgres' && database ? `postgres at ${redact(database)}` : engine;
}
