/**
 * What simulate, compare, sweep and months share: the scenario and behaviour options, a simulator
 * with the policies and the population loaded, and runs with a progress bar and a clean shutdown.
 * A new option for every run (an engine, say) goes into RUN_OPTIONS and `prepareRun`.
 */
import {
  Simulator,
  Cancelled,
  ASSESSMENT_LIMITS,
  TAKE_UP_PROGRAMMES,
  overSeeds,
  type Behaviour,
  type Population,
  type UncertaintyResult,
} from '../simulator/index.ts';
import { nodePool, cores } from '../simulator/node.ts';
import { InputError, UsageError, type Io } from './command.ts';
import { rational as Q, type SettingInput } from '../language/index.ts';
import { integer, positiveInt, requireDate, str, type Values } from './options.ts';
import { POPULATION_OPTIONS, choosePopulation, type PopulationChoice } from './population.ts';
import type { RunnablePolicy } from './policy.ts';
import { ProgressBar } from './progress.ts';
import { engineOf, prepareEngine } from './engines/index.ts';
import { optionNumber, resolveOrFail, settingInputs } from './settings.ts';

export const RUN_OPTIONS = {
  ...POPULATION_OPTIONS,
  date: { type: 'string' },
  set: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  workers: { type: 'string' },
  'take-up': { type: 'string', multiple: true },
  'impute-earnings': { type: 'string' },
  'unreported-income': { type: 'string' },
  'income-noise': { type: 'string' },
  baseline: { type: 'string' },
  seeds: { type: 'string' },
  engine: { type: 'string' },
  database: { type: 'string' },
} as const;

export const RUN_HELP = `Scenario and behaviour:
  --date YYYY-MM-DD         the date the policy is evaluated on (required)
  --set name=value          a parameter or scenario input for every run, e.g. --set cpi_yoy=3.6%
  --baseline POLICY         apply the policy (a reform) on this baseline
  --take-up programme=rate  share of the eligible who claim: dibao, tekun, temporary,
                            expenditure (defaults 0.6, 0.85, 0.5, 0.3)
  --impute-earnings YUAN    assess able-bodied members aged 18–59 without work as earning this
                            much a month (off by default)
  --unreported-income SHARE the share of wage, business and property income the means test
                            does not see, 0 to 0.9 or 0% to 90% (off by default)
  --income-noise SIGMA      σ of the log-normal error, mean one, with which the means test
                            measures that income, one draw per household, 0 to 1.5 (off)
  --seeds K                 uncertainty: run over K synthetic populations (seeds --seed …
                            --seed + K − 1, take-up draws with them) and report each headline
                            figure's mean and 90% interval (5th–95th percentile)
  --workers N               worker threads (default: all cores for large runs, else 1); the
                            results are the same bytes for any N
  --json                    print the results as JSON (money in yuan, weighted to real totals)

Engine (simulate, compare, sweep):
  --engine js|duckdb|postgres|spark
                            where the rules run and the sums are made (default js, this
                            process). duckdb: embedded, reads --population's files itself
                            (spilling to disk past memory); postgres: over the tables
                            households and persons of --database (doudi population --out
                            postgres://… writes them); spark: local mode, or the cluster of
                            DOUDI_SPARK_MASTER. Exact to the fen in every engine. With whole
                            weights --json gives the JS engine's bytes (every sum of money
                            included) except reach.recipients.*.by_category and the poverty
                            lines' gap and fgt2 (floating-point sums of fractions in the JS
                            engine, exact in SQL: equal to about 15 digits); with fractional
                            weights every figure is
                            exact in SQL and equal to the JS engine's to about 15 digits.
                            --income-noise (floating-point draws) and months run in the JS
                            engine only.
  --database URL            postgres://user@host:port/db (with --engine postgres)`;

const ZERO = Q.rat(0);
const ONE = Q.rat(1);

export function behaviourOf(v: Values): Behaviour {
  const takeUp: Record<string, number> = {};
  for (const { name, value } of settingInputs(v['take-up'] as string[] | undefined, '--take-up')) {
    if (!(TAKE_UP_PROGRAMMES as readonly string[]).includes(name)) throw new UsageError(`--take-up ${name}=${value}: the programmes are ${TAKE_UP_PROGRAMMES.join(', ')}`);
    // A probability compared with a uniform draw: its nearest float is the share.
    takeUp[name] = Q.toNumber(optionNumber(value, `--take-up ${name}=${value}`, { units: ['none', 'percent'], min: ZERO, max: ONE, expected: 'a share from 0 to 1 (or 0% to 100%)' }));
  }
  const impute = str(v, 'impute-earnings');
  const imputedEarnings =
    impute === undefined ? undefined : Q.toNumber(optionNumber(impute, `--impute-earnings ${impute}`, { units: ['none', 'yuan'], min: ZERO, max: Q.rat(1_000_000), expected: 'yuan a month from 0 to ¥1,000,000, e.g. ¥2690', fen: true }));
  const unreportedText = str(v, 'unreported-income');
  const [, maxUnreported] = ASSESSMENT_LIMITS.unreportedIncome;
  // At most six decimals: the engine takes the reported share as an exact fraction of 10^6 (assess.ts).
  const unreportedIncome =
    unreportedText === undefined
      ? undefined
      : Q.toNumber(optionNumber(unreportedText, `--unreported-income ${unreportedText}`, { units: ['none', 'percent'], min: ZERO, max: Q.fromDecimalNumber(maxUnreported), expected: `a number from 0 to ${maxUnreported} (or 0% to ${maxUnreported * 100}%)`, places: 6 }));
  const noiseText = str(v, 'income-noise');
  const [, maxNoise] = ASSESSMENT_LIMITS.incomeNoise;
  const incomeNoise = noiseText === undefined ? undefined : Q.toNumber(optionNumber(noiseText, `--income-noise ${noiseText}`, { units: ['none'], min: ZERO, max: Q.fromDecimalNumber(maxNoise), expected: `a number from 0 to ${maxNoise}` }));
  return {
    takeUp,
    seed: integer(str(v, 'seed'), 'seed', 1),
    imputedEarnings,
    ...(unreportedIncome ? { unreportedIncome } : {}),
    ...(incomeNoise ? { incomeNoise } : {}),
  };
}

async function makeSimulator(v: Values, households: number, scenarios: number): Promise<Simulator> {
  const text = str(v, 'workers');
  const workers = text === undefined ? (households * scenarios >= 400_000 ? Math.min(cores(), 8) : 1) : positiveInt(text, 'workers', 1, 64);
  return workers > 1 ? nodePool(workers) : new Simulator();
}

/** What runs the questions: the JS Simulator, or an SQL engine's runner (cli/engines) with the same calls. */
export type Runner = Pick<Simulator, 'simulate' | 'compare' | 'sweep' | 'months' | 'close'> & {
  setPopulation(columns: Population['columns'], ids?: readonly string[]): Promise<unknown>;
};

export interface PreparedRun {
  readonly sim: Runner;
  /** the population's description (and, when synthetic, how it was drawn) */
  readonly choice: Pick<PopulationChoice, 'describe' | 'synthetic'>;
  readonly date: string;
  /** the --set settings as given (each policy resolves them against its own names) */
  readonly inputs: readonly SettingInput[];
  /** per policy key, the --set settings resolved against that policy: canonical name → canonical text */
  readonly sets: Readonly<Record<string, Record<string, string>>>;
  readonly behaviour: Behaviour;
}

/** Everything a run needs: the policies loaded under keys, the population, the scenario options. */
export async function prepareRun(v: Values, policies: Record<string, RunnablePolicy>, scenarios: number): Promise<PreparedRun> {
  const date = requireDate(str(v, 'date'));
  const inputs = settingInputs(v.set as string[] | undefined);
  // Every policy resolves the settings against its own names, before the population is drawn.
  const sets = Object.fromEntries(Object.entries(policies).map(([key, p]) => [key, { ...resolveOrFail(p.ir, inputs).text }]));
  const behaviour = behaviourOf(v);
  const first = Object.values(policies)[0]!;
  const engine = engineOf(v, behaviour);
  if (engine !== 'js') {
    const { runner, choice } = await prepareEngine(engine, v, policies, { region: first.ir.policy.region, year: Number(date.slice(0, 4)) });
    return { sim: runner, choice, date, inputs, sets, behaviour };
  }
  const choice = await choosePopulation(v, { region: first.ir.policy.region, year: Number(date.slice(0, 4)) });
  const sim = await makeSimulator(v, choice.population.columns.households, scenarios);
  try {
    await sim.setPopulation(choice.population.columns, choice.population.ids?.households);
    for (const [key, p] of Object.entries(policies)) await sim.addPolicy(key, { source: p.source, ir: p.ir });
  } catch (e) {
    await sim.close();
    throw e;
  }
  return { sim, choice, date, inputs, sets, behaviour };
}

/** Runs one simulator call with a progress bar and clean shutdown; engine errors are bad input. */
export async function withRun<T>(p: PreparedRun, label: string, io: Io, fn: (onProgress: (d: number, t: number) => void) => Promise<T>): Promise<T> {
  const bar = new ProgressBar(label, io);
  try {
    return await fn(bar.update);
  } catch (e) {
    if (e instanceof Cancelled) throw new InputError('cancelled');
    if (e instanceof InputError || e instanceof UsageError) throw e;
    throw new InputError((e as Error).message);
  } finally {
    bar.done();
    await p.sim.close();
  }
}

/** The seeds of an uncertainty run, or undefined for one run. */
export function seedsOf(v: Values): number[] | undefined {
  const text = str(v, 'seeds');
  if (text === undefined) return undefined;
  const k = positiveInt(text, 'seeds', 1, 1000);
  if (str(v, 'population') !== undefined) throw new UsageError('--seeds draws synthetic populations; it does not work with --population');
  const first = integer(str(v, 'seed'), 'seed', 1);
  return Array.from({ length: k }, (_, i) => first + i);
}

/** Runs `question` once per seed on a fresh synthetic population of that seed. */
export function overPopulations<T>(
  p: PreparedRun,
  v: Values,
  seeds: number[],
  label: string,
  io: Io,
  question: (seed: number, onProgress: (d: number, t: number) => void) => Promise<T>,
  figures: (t: T) => Record<string, number>,
): Promise<UncertaintyResult> {
  return withRun(p, label, io, async (onProgress) => {
    const r = await overSeeds(
      seeds,
      async (seed) => {
        if (seed !== seeds[0]) {
          const choice = await choosePopulation({ ...v, seed: String(seed) }, { region: p.choice.synthetic?.region, year: p.choice.synthetic?.year });
          await p.sim.setPopulation(choice.population.columns, choice.population.ids?.households);
        }
        const i = seeds.indexOf(seed);
        return question(seed, (d, t) => onProgress(i * t + d, seeds.length * t));
      },
      figures,
    );
    return { seeds: r.seeds, level: r.level, figures: r.figures };
  });
}
