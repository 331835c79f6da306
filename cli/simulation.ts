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
  type UncertaintyResult,
} from '../simulator/index.ts';
import { nodePool, cores } from '../simulator/node.ts';
import { InputError, UsageError, type Io } from './command.ts';
import { integer, positiveInt, requireDate, settings, str, type Values } from './options.ts';
import { POPULATION_OPTIONS, choosePopulation, type PopulationChoice } from './population.ts';
import type { RunnablePolicy } from './policy.ts';
import { ProgressBar } from './progress.ts';

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
  --json                    print the results as JSON (money in yuan, weighted to real totals)`;

export function behaviourOf(v: Values): Behaviour {
  const takeUp: Record<string, number> = {};
  for (const [k, value] of settings(v['take-up'] as string[] | undefined, 'take-up')) {
    if (!(TAKE_UP_PROGRAMMES as readonly string[]).includes(k)) throw new UsageError(`--take-up ${k}=${value}: the programmes are ${TAKE_UP_PROGRAMMES.join(', ')}`);
    const digits = value.endsWith('%') ? value.slice(0, -1) : value;
    // Number('') is 0: an empty value is no share at all.
    const x = digits.trim() === '' ? NaN : Number(digits) / (digits === value ? 1 : 100);
    if (!(x >= 0 && x <= 1)) throw new UsageError(`--take-up ${k}=${value}: expected a share from 0 to 1 (or 0% to 100%)`);
    takeUp[k] = x;
  }
  const impute = str(v, 'impute-earnings');
  let imputedEarnings: number | undefined;
  if (impute !== undefined) {
    // Checked as text: a float test of "at most two decimals" rejects amounts such as 2600.20.
    const text = impute.trim().replace(/^[¥￥]/, '');
    if (!/^\d+(\.\d{1,2})?$/.test(text)) throw new UsageError(`--impute-earnings ${impute}: expected yuan a month, e.g. 2690`);
    imputedEarnings = Number(text);
  }
  const unreportedIncome = share(str(v, 'unreported-income'), 'unreported-income', ASSESSMENT_LIMITS.unreportedIncome[1], true);
  const incomeNoise = share(str(v, 'income-noise'), 'income-noise', ASSESSMENT_LIMITS.incomeNoise[1], false);
  return {
    takeUp,
    seed: integer(str(v, 'seed'), 'seed', 1),
    imputedEarnings,
    ...(unreportedIncome ? { unreportedIncome } : {}),
    ...(incomeNoise ? { incomeNoise } : {}),
  };
}

/** A number from 0 to max (a share may be given in %), or undefined when absent. */
function share(text: string | undefined, name: string, max: number, percent: boolean): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  const digits = percent && t.endsWith('%') ? t.slice(0, -1) : t;
  const x = /^\d+(\.\d+)?$/.test(digits) ? Number(digits) / (digits === t ? 1 : 100) : NaN;
  if (!(x >= 0 && x <= max)) throw new UsageError(`--${name} ${text}: expected a number from 0 to ${max}${percent ? ` (or 0% to ${max * 100}%)` : ''}`);
  return x;
}

async function makeSimulator(v: Values, households: number, scenarios: number): Promise<Simulator> {
  const text = str(v, 'workers');
  const workers = text === undefined ? (households * scenarios >= 400_000 ? Math.min(cores(), 8) : 1) : positiveInt(text, 'workers', 1, 64);
  return workers > 1 ? nodePool(workers) : new Simulator();
}

export interface PreparedRun {
  readonly sim: Simulator;
  readonly choice: PopulationChoice;
  readonly date: string;
  readonly sets: Record<string, string>;
  readonly behaviour: Behaviour;
}

/** Everything a run needs: the policies loaded under keys, the population, the scenario options. */
export async function prepareRun(v: Values, policies: Record<string, RunnablePolicy>, scenarios: number): Promise<PreparedRun> {
  const date = requireDate(str(v, 'date'));
  const sets = Object.fromEntries(settings(v.set as string[] | undefined));
  const behaviour = behaviourOf(v);
  const first = Object.values(policies)[0]!;
  const choice = await choosePopulation(v, { region: first.ir.policy.region, year: Number(date.slice(0, 4)) });
  const sim = await makeSimulator(v, choice.population.columns.households, scenarios);
  try {
    await sim.setPopulation(choice.population.columns, choice.population.ids?.households);
    for (const [key, p] of Object.entries(policies)) await sim.addPolicy(key, { source: p.source, ir: p.ir });
  } catch (e) {
    await sim.close();
    throw e;
  }
  return { sim, choice, date, sets, behaviour };
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
