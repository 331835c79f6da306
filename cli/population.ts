/**
 * Populations for the simulator's commands: synthetic (generated and calibrated) or read from
 * files. Reading files happens in ONE function, `readPopulation`: the place to change how population
 * files are read (formats, streaming, size limits).
 */
import { generatePopulation, PopulationError, PopulationFileError, type Population } from '../simulator/index.ts';
import { locatePopulation, readPopulationFiles } from './files/index.ts';
import { InputError, UsageError } from './command.ts';
import { plural } from './io.ts';
import { integer, positiveInt, str, type Values } from './options.ts';

/** The years a synthetic population may be calibrated to (--year). */
export const YEARS = { from: 2000, to: 2050 } as const;

export const POPULATION_OPTIONS = {
  region: { type: 'string' },
  seed: { type: 'string' },
  households: { type: 'string' },
  population: { type: 'string' },
  year: { type: 'string' },
  'real-households': { type: 'string' },
} as const;

export const POPULATION_HELP = `Population (synthetic unless --population is given):
  --region CODE             6-digit region code (100000 = the whole country); default: the
                            policy's own region
  --households N            synthetic households to draw (default 100000)
  --seed N                  seed of the population and of the take-up draws (default 1)
  --year YYYY               year of the statistics the population is calibrated to, 2000 to
                            2050 (default: the year of --date)
  --real-households N       real households the population stands for (needed for a region
                            without a known total)
  --population PATH         read a population instead: a folder with households.csv and
                            persons.csv, households.parquet and persons.parquet, or
                            population.jsonl; or a .jsonl file`;

/**
 * Reads a population folder or file (the CSV pair or Parquet pair through DuckDB, JSON Lines
 * streamed; cli/files/) straight into columns; a file with any problem is rejected whole.
 */
export async function readPopulation(p: string): Promise<Population> {
  try {
    return await readPopulationFiles(locatePopulation(p));
  } catch (e) {
    if (e instanceof PopulationFileError) {
      const shown = e.problems.slice(0, 10).map((x) => `  ${x.file}:${x.row}: ${x.field ? `field ${x.field}: ` : ''}${x.message}`);
      const total = Math.max(e.total, e.problems.length);
      const more = total > 10 ? `\n  … and ${total - 10} more` : '';
      throw new InputError(`the population was not read (${plural(total, 'problem')}):\n${shown.join('\n')}${more}`);
    }
    throw e;
  }
}

export interface PopulationChoice {
  readonly population: Population;
  readonly describe: string;
  readonly synthetic?: { region: string; year: number; seed: number; households: number; real: number; notes: readonly string[] };
}

/** The population the options ask for: read from --population, or drawn synthetically. */
export async function choosePopulation(v: Values, defaults: { region?: string; year?: number }): Promise<PopulationChoice> {
  const file = str(v, 'population');
  if (file !== undefined) {
    for (const k of ['region', 'households', 'year', 'real-households']) if (v[k] !== undefined) throw new UsageError(`--${k} is for synthetic populations; --population reads one from files`);
    const population = await readPopulation(file);
    return { population, describe: `${file}: ${population.columns.households.toLocaleString('en')} households` };
  }
  const region = str(v, 'region') ?? defaults.region ?? '100000';
  if (!/^\d{6}$/.test(region)) throw new UsageError(`--region ${region}: expected a 6-digit code (100000 = the whole country)`);
  const households = positiveInt(str(v, 'households'), 'households', 100_000);
  const seed = integer(str(v, 'seed'), 'seed', 1);
  const year = integer(str(v, 'year'), 'year', defaults.year ?? 2023);
  // The statistics cover a few recent years; nearby years borrow the nearest one's (with a note).
  if (str(v, 'year') !== undefined && (year < YEARS.from || year > YEARS.to)) throw new UsageError(`--year ${year}: expected a year from ${YEARS.from} to ${YEARS.to} (the statistics are of recent years; others borrow the nearest year's)`);
  const realText = str(v, 'real-households');
  const realHouseholds = realText === undefined ? undefined : positiveInt(realText, 'real-households', 0, 2_000_000_000);
  try {
    const g = generatePopulation({ region, year, households, seed, realHouseholds });
    return {
      population: { columns: g.columns },
      describe: `${g.meta.regionName} (${region}), ${year}, seed ${seed}: ${households.toLocaleString('en')} synthetic households for ${Math.round(g.meta.realHouseholds).toLocaleString('en')} real ones`,
      synthetic: { region, year, seed, households, real: g.meta.realHouseholds, notes: g.meta.notes },
    };
  } catch (e) {
    if (e instanceof PopulationError) throw new InputError(e.message);
    throw e;
  }
}
