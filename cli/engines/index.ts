/**
 * The SQL engines for the simulator's commands (Node only): `--engine duckdb|postgres|spark` on
 * simulate, compare and sweep. Sessions (session.ts), the runner computing the simulator's sums in
 * the engine (simulator.ts, sums.ts), populations put into the engine's tables — synthetic ones
 * through CSV (tables.ts), files read by the engine itself (files.ts), PostgreSQL's tables
 * (postgres.ts) — and the runner behind the Simulator's calls (run.ts).
 */
import type { PolicyIR } from '../../language/index.ts';
import type { Behaviour } from '../../simulator/index.ts';
import { InputError, UsageError } from '../command.ts';
import { locatePopulation } from '../files/index.ts';
import { str, type Values } from '../options.ts';
import { choosePopulation, type PopulationChoice } from '../population.ts';
import { loadPopulationFiles } from './files.ts';
import { postgresTables } from './postgres.ts';
import { ENGINES, EngineRunner, openSession, type EngineName, type SqlEngineName } from './run.ts';
import { EngineError, redact, type EngineSession } from './session.ts';
import { EngineRunError } from './simulator.ts';
import { loadPopulation } from './tables.ts';

export { ENGINES, EngineRunner, type EngineName } from './run.ts';
export { writePostgres, isPostgresUrl } from './postgres.ts';
export { EngineError } from './session.ts';
export { EngineRunError } from './simulator.ts';

const SYNTHETIC = ['region', 'households', 'year', 'real-households'];

/** The engine the options ask for, with the options that cannot go with it refused. */
export function engineOf(v: Values, behaviour: Behaviour): EngineName {
  const engine = str(v, 'engine') ?? 'js';
  if (!(ENGINES as readonly string[]).includes(engine)) throw new UsageError(`--engine ${engine}: expected ${ENGINES.join(', ')}`);
  const database = str(v, 'database');
  if (engine !== 'postgres' && database !== undefined) throw new UsageError('--database is for --engine postgres');
  if (engine === 'js') return 'js';
  if ((behaviour.incomeNoise ?? 0) > 0)
    throw new UsageError(`--income-noise cannot run with --engine ${engine}: its log-normal draws use floating-point exp and a normal quantile, which no SQL engine computes to the same bits as the JS engine; run it without --engine`);
  if (v.workers !== undefined) throw new UsageError(`--workers is for the JS engine; --engine ${engine} uses the engine's own threads`);
  if (engine === 'postgres') {
    if (database === undefined) throw new UsageError('--engine postgres needs --database postgres://user@host:port/db, the database holding the tables households and persons');
    if (v.population !== undefined) throw new UsageError('--engine postgres reads the tables of --database; load a population into them with doudi population --population PATH --out postgres://…');
    for (const k of [...SYNTHETIC, 'seeds']) if (v[k] !== undefined) throw new UsageError(`--${k} is for synthetic populations; --engine postgres reads the tables of --database`);
  }
  return engine as EngineName;
}

/**
 * The engine's session with the population in its tables and the policies loaded: the tables of
 * --database (PostgreSQL), the files of --population read by the engine (DuckDB, Spark), or the
 * synthetic population the options describe.
 */
export async function prepareEngine(
  engine: SqlEngineName,
  v: Values,
  policies: Readonly<Record<string, { source: string; ir: PolicyIR }>>,
  defaults: { region?: string; year?: number },
): Promise<{ runner: EngineRunner; choice: Pick<PopulationChoice, 'describe' | 'synthetic'> }> {
  const file = str(v, 'population');
  const database = str(v, 'database');
  if (file !== undefined) for (const k of SYNTHETIC) if (v[k] !== undefined) throw new UsageError(`--${k} is for synthetic populations; --population reads one from files`);
  // a file that is not there is refused before an engine starts
  const source = file === undefined ? undefined : locatePopulation(file);
  let session: EngineSession | undefined;
  try {
    session = await openSession(engine, database);
    if (engine === 'postgres') {
      const t = await postgresTables(session, database!);
      return { runner: new EngineRunner(session, t.tables, policies), choice: { describe: `${redact(database!)}: ${t.households.toLocaleString('en')} households` } };
    }
    if (source) {
      const t = await loadPopulationFiles(session, source);
      return { runner: new EngineRunner(session, t.tables, policies), choice: { describe: `${file}: ${t.households.toLocaleString('en')} households` } };
    }
    const choice = await choosePopulation(v, defaults);
    const tables = await loadPopulation(session, choice.population);
    return { runner: new EngineRunner(session, tables, policies), choice: { describe: choice.describe, synthetic: choice.synthetic } };
  } catch (e) {
    await session?.close().catch(() => undefined);
    if (e instanceof EngineError || e instanceof EngineRunError) throw new InputError(e.message);
    throw e;
  }
}
