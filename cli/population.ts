/**
 * Populations for the simulator's commands: synthetic (generated and calibrated) or read from
 * files. Reading files happens in ONE function, `readPopulation`: the place to change how population
 * files are read (formats, streaming, size limits).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatePopulation, PopulationError, fromCsv, fromJsonl, PopulationFileError, type Population } from '../simulator/index.ts';
import { InputError, UsageError } from './command.ts';
import { plural } from './io.ts';
import { integer, positiveInt, str, type Values } from './options.ts';

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
  --year YYYY               year of the statistics the population is calibrated to
                            (default: the year of --date)
  --real-households N       real households the population stands for (needed for a region
                            without a known total)
  --population PATH         read a population instead: a folder with households.csv and
                            persons.csv (or population.jsonl), or a .jsonl file`;

/** Reads a population folder or file; a file with any problem is rejected whole. */
export function readPopulation(p: string): Population {
  if (!fs.existsSync(p)) throw new InputError(`--population ${p}: no such file or folder`);
  try {
    if (fs.statSync(p).isDirectory()) {
      const jsonl = path.join(p, 'population.jsonl');
      const hh = path.join(p, 'households.csv');
      const pp = path.join(p, 'persons.csv');
      if ((fs.existsSync(hh) || fs.existsSync(pp)) && fs.existsSync(jsonl))
        throw new InputError(`--population ${p}: the folder holds both a CSV population (households.csv, persons.csv) and population.jsonl; give --population ${path.join(p, 'population.jsonl')} or move one of them`);
      if (fs.existsSync(hh) || fs.existsSync(pp)) {
        for (const f of [hh, pp]) if (!fs.existsSync(f)) throw new InputError(`--population ${p}: ${path.basename(f)} is missing (a CSV population is households.csv with persons.csv)`);
        return fromCsv(fs.readFileSync(hh, 'utf8'), fs.readFileSync(pp, 'utf8'), { households: hh, persons: pp });
      }
      if (fs.existsSync(jsonl)) return fromJsonl(fs.readFileSync(jsonl, 'utf8'), jsonl);
      throw new InputError(`--population ${p}: the folder has neither households.csv + persons.csv nor population.jsonl`);
    }
    return fromJsonl(fs.readFileSync(p, 'utf8'), p);
  } catch (e) {
    if (e instanceof PopulationFileError) {
      const shown = e.problems.slice(0, 10).map((x) => `  ${x.file}:${x.row}: ${x.field ? `field ${x.field}: ` : ''}${x.message}`);
      const more = e.problems.length > 10 ? `\n  … and ${e.problems.length - 10} more` : '';
      throw new InputError(`the population was not read (${plural(e.problems.length, 'problem')}):\n${shown.join('\n')}${more}`);
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
export function choosePopulation(v: Values, defaults: { region?: string; year?: number }): PopulationChoice {
  const file = str(v, 'population');
  if (file !== undefined) {
    for (const k of ['region', 'households', 'year', 'real-households']) if (v[k] !== undefined) throw new UsageError(`--${k} is for synthetic populations; --population reads one from files`);
    const population = readPopulation(file);
    return { population, describe: `${file}: ${population.columns.households.toLocaleString('en')} households` };
  }
  const region = str(v, 'region') ?? defaults.region ?? '100000';
  if (!/^\d{6}$/.test(region)) throw new UsageError(`--region ${region}: expected a 6-digit code (100000 = the whole country)`);
  const households = positiveInt(str(v, 'households'), 'households', 100_000);
  const seed = integer(str(v, 'seed'), 'seed', 1);
  const year = integer(str(v, 'year'), 'year', defaults.year ?? 2023);
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
