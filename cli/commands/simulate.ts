/**
 * The simulator's commands: population, simulate, compare, sweep, months. They share the
 * population options (synthetic or from files), the scenario options (date, settings) and the
 * behaviour options (take-up, imputed earnings, the seed), and print text or --json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkPolicy, compileIR, LANGUAGE_VERSION, type PolicyIR } from '../../language/index.ts';
import { generatePopulation, PopulationError } from '../../simulator/population/generate.ts';
import { calibrate, calibrationText } from '../../simulator/population/calibrate.ts';
import { fromCsv, fromJsonl, PopulationFileError, toCsv, toJsonl, type Population } from '../../simulator/population/io.ts';
import { Simulator, settingNumber, type CompareResult, type MonthsResult, type SweepResult } from '../../simulator/simulator.ts';
import { overSeeds, headline, compareHeadline, type UncertaintyResult } from '../../simulator/uncertainty.ts';
import { nodePool, cores } from '../../simulator/worker/node.ts';
import { Cancelled, type Behaviour, type Scenario } from '../../simulator/engine/engine.ts';
import { ASSESSMENT_LIMITS } from '../../simulator/engine/assess.ts';
import { TAKE_UP_PROGRAMMES } from '../../simulator/engine/accumulate.ts';
import { PROGRAMMES } from '../../simulator/engine/layout.ts';
import type { SimulationResult } from '../../simulator/engine/results.ts';
import { fsHost, printDiagnostics, plural, InputError, UsageError } from '../io.ts';
import { parse, requireDate, settings } from './args.ts';
import type { Command, Io } from '../main.ts';

// ---------------------------------------------------------------- options

const POPULATION_OPTIONS = {
  region: { type: 'string' },
  seed: { type: 'string' },
  households: { type: 'string' },
  population: { type: 'string' },
  year: { type: 'string' },
  'real-households': { type: 'string' },
} as const;

const RUN_OPTIONS = {
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

const POPULATION_HELP = `Population (synthetic unless --population is given):
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

const RUN_HELP = `Scenario and behaviour:
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

type Values = { [k: string]: string | boolean | string[] | undefined };

const str = (v: Values, k: string): string | undefined => v[k] as string | undefined;

function positiveInt(text: string | undefined, name: string, fallback: number, max = 20_000_000): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) throw new UsageError(`--${name} ${text}: expected a whole number from 1 to ${max.toLocaleString('en')}`);
  return Number(text);
}

function integer(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new UsageError(`--${name} ${text}: expected a whole number`);
  return Number(text);
}

function behaviourOf(v: Values): Behaviour {
  const takeUp: Record<string, number> = {};
  for (const [k, value] of settings(v['take-up'] as string[] | undefined)) {
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

// ---------------------------------------------------------------- policies and populations

interface LoadedPolicy {
  readonly ir: PolicyIR;
  readonly source: string;
}

function loadPolicy(file: string, io: Io, baseline?: string): LoadedPolicy {
  const r = checkPolicy(file, fsHost, { baseline });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (!r.ir) {
    printDiagnostics(errors, [r], io.err);
    throw new InputError(`${file} has ${plural(errors.length, 'error')}; it cannot be run`);
  }
  if (r.ir.policy.framework) throw new InputError(`${file} is a framework: it leaves values to the policies built on it; run a province or the national model (policies/national/model.doudi)`);
  const c = compileIR(r.ir, r.files, { version: LANGUAGE_VERSION });
  if (!c.js) {
    printDiagnostics(c.diagnostics, [r], io.err);
    throw new InputError(`${file} cannot be compiled exactly`);
  }
  return { ir: r.ir, source: c.js };
}

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

interface PopulationChoice {
  readonly population: Population;
  readonly describe: string;
  readonly synthetic?: { region: string; year: number; seed: number; households: number; real: number; notes: readonly string[] };
}

function choosePopulation(v: Values, defaults: { region?: string; year?: number }): PopulationChoice {
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

async function makeSimulator(v: Values, households: number, scenarios: number): Promise<Simulator> {
  const text = str(v, 'workers');
  const workers = text === undefined ? (households * scenarios >= 400_000 ? Math.min(cores(), 8) : 1) : positiveInt(text, 'workers', 1, 64);
  return workers > 1 ? nodePool(workers) : new Simulator();
}

/** A progress bar on stderr for runs over a second (on a terminal, or with DOUDI_PROGRESS=1). */
class ProgressBar {
  private readonly start = Date.now();
  private last = 0;
  private shown = false;
  private finished = false;
  private readonly on: boolean;
  constructor(
    private readonly label: string,
    private readonly io: Io,
  ) {
    this.on = Boolean(process.stderr.isTTY) || process.env.DOUDI_PROGRESS === '1';
  }
  update = (done: number, total: number): void => {
    const t = Date.now();
    // Workers report progress on ports of their own: a report may come after the answer.
    if (!this.on || this.finished || t - this.start < 1000 || t - this.last < 100) return;
    this.last = t;
    this.shown = true;
    const f = total > 0 ? Math.min(1, done / total) : 0;
    const width = 30;
    const bar = '█'.repeat(Math.round(f * width)).padEnd(width, '░');
    this.io.err(`\r${this.label} ${bar} ${(f * 100).toFixed(0).padStart(3)}%  ${((t - this.start) / 1000).toFixed(1)} s`);
  };
  done(): void {
    this.finished = true;
    if (this.shown) this.io.err('\n');
  }
}

interface Prepared {
  readonly sim: Simulator;
  readonly choice: PopulationChoice;
  readonly date: string;
  readonly sets: Record<string, string>;
  readonly behaviour: Behaviour;
}

/** Everything a run needs: the policies loaded under keys, the population, the scenario options. */
async function prepareRun(v: Values, policies: Record<string, LoadedPolicy>, scenarios: number): Promise<Prepared> {
  const date = requireDate(str(v, 'date'));
  const sets = Object.fromEntries(settings(v.set as string[] | undefined));
  const behaviour = behaviourOf(v);
  const first = Object.values(policies)[0]!;
  const choice = choosePopulation(v, { region: first.ir.policy.region, year: Number(date.slice(0, 4)) });
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
async function withRun<T>(p: Prepared, label: string, io: Io, fn: (onProgress: (d: number, t: number) => void) => Promise<T>): Promise<T> {
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
function seedsOf(v: Values): number[] | undefined {
  const text = str(v, 'seeds');
  if (text === undefined) return undefined;
  const k = positiveInt(text, 'seeds', 1, 1000);
  if (str(v, 'population') !== undefined) throw new UsageError('--seeds draws synthetic populations; it does not work with --population');
  const first = integer(str(v, 'seed'), 'seed', 1);
  return Array.from({ length: k }, (_, i) => first + i);
}

/** Runs `question` once per seed on a fresh synthetic population of that seed. */
function overPopulations<T>(p: Prepared, v: Values, seeds: number[], label: string, io: Io, question: (seed: number, onProgress: (d: number, t: number) => void) => Promise<T>, figures: (t: T) => Record<string, number>): Promise<UncertaintyResult> {
  return withRun(p, label, io, async (onProgress) => {
    const r = await overSeeds(
      seeds,
      async (seed) => {
        if (seed !== seeds[0]) {
          const choice = choosePopulation({ ...v, seed: String(seed) }, { region: p.choice.synthetic?.region, year: p.choice.synthetic?.year });
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

function uncertaintyText(u: UncertaintyResult): string {
  const width = Math.max(...Object.keys(u.figures).map((k) => k.length));
  const show = (k: string, x: number) => (k.endsWith('cost') ? yuan(x) : k.endsWith('coverage') ? `${(x * 100).toFixed(2)}%` : count(x));
  const lines = [`over ${u.seeds.length} populations (seeds ${u.seeds[0]}–${u.seeds[u.seeds.length - 1]}): mean [${Math.round(u.level * 100)}% interval]`];
  for (const [k, f] of Object.entries(u.figures)) lines.push(`  ${k.padEnd(width)}  ${show(k, f.mean).padStart(14)}  [${show(k, f.low)} … ${show(k, f.high)}]`);
  return lines.join('\n');
}

// ---------------------------------------------------------------- text output

const yuan = (x: number): string => {
  const a = Math.abs(x);
  const s = a >= 1e8 ? `${(x / 1e8).toFixed(2)} 亿` : a >= 1e4 ? `${(x / 1e4).toFixed(1)} 万` : x.toFixed(0);
  return `¥${s}`;
};
const count = (x: number): string => Math.round(x).toLocaleString('en');
const signed = (s: string, x: number): string => (x > 0 ? `+${s}` : s);

const LABEL: Record<string, string> = {
  dibao: 'dibao 低保',
  tekun: 'tekun 特困',
  price: 'price 价格补贴',
  temporary: 'temporary 急难型',
  expenditure: 'expenditure 支出型',
};

function resultText(r: SimulationResult): string {
  const lines = [`${r.policy} on ${r.date}: ${count(r.households)} households, ${count(r.persons)} persons (${count(r.records)} records)`];
  lines.push(`  ${'programme'.padEnd(20)} ${'households'.padStart(12)} ${'persons'.padStart(12)} ${'a month'.padStart(14)} ${'a year'.padStart(14)}`);
  for (const p of PROGRAMMES) {
    const t = r.programmes[p];
    lines.push(`  ${LABEL[p]!.padEnd(20)} ${count(t.households).padStart(12)} ${count(t.persons).padStart(12)} ${yuan(t.monthly_cost).padStart(14)} ${yuan(t.annual_cost).padStart(14)}`);
  }
  lines.push(`  ${'total'.padEnd(20)} ${''.padStart(12)} ${''.padStart(12)} ${yuan(r.monthly_cost).padStart(14)} ${yuan(r.annual_cost).padStart(14)}`);
  lines.push(`  edge families 低保边缘: ${count(r.edge_families)}; 刚性支出困难家庭: ${count(r.rigid_hardship)}`);
  lines.push(`  poorest tenth: ${(r.poorest_decile.coverage * 100).toFixed(1)}% covered, ${(r.poorest_decile.spending_share * 100).toFixed(1)}% of dibao and 特困 spending`);
  if (r.errors.records > 0) lines.push(`  ${count(r.errors.records)} records could not be evaluated: ${r.errors.sites.map((s) => `${s.message} (${count(s.records)})`).join('; ')}`);
  return lines.join('\n');
}

function compareText(c: CompareResult): string {
  const lines = [resultText(c.baseline)];
  for (const r of c.reforms) {
    lines.push('', `reform ${r.name}:`);
    lines.push(`  ${'programme'.padEnd(20)} ${'Δ households'.padStart(14)} ${'Δ persons'.padStart(12)} ${'Δ a year'.padStart(14)}`);
    for (const p of PROGRAMMES) {
      const d = r.delta.programmes[p];
      lines.push(`  ${LABEL[p]!.padEnd(20)} ${signed(count(d.households), d.households).padStart(14)} ${signed(count(d.persons), d.persons).padStart(12)} ${signed(yuan(d.annual_cost), d.annual_cost).padStart(14)}`);
    }
    lines.push(`  ${'total'.padEnd(20)} ${''.padStart(14)} ${''.padStart(12)} ${signed(yuan(r.delta.annual_cost), r.delta.annual_cost).padStart(14)}   (reform ${yuan(r.reform.annual_cost)} a year)`);
    lines.push(`  newly covered: ${count(r.changes.newly_covered.households)} households, ${count(r.changes.newly_covered.persons)} persons; no longer covered: ${count(r.changes.no_longer_covered.households)} households, ${count(r.changes.no_longer_covered.persons)} persons`);
    const b = r.changes.winners_losers;
    lines.push(`  households: lose >5% ${count(b.lose_more_than_5pct)}, lose ${count(b.lose)}, no change ${count(b.no_change)}, gain ${count(b.gain)}, gain >5% ${count(b.gain_more_than_5pct)}`);
    lines.push(`  by income decile (average change a month): ${r.changes.by_decile.map((d) => `${d.decile}: ${signed(d.average_change.toFixed(2), d.average_change)}`).join('  ')}`);
  }
  return lines.join('\n');
}

function sweepText(s: SweepResult): string {
  const money = s.unit.startsWith('money');
  const lines = [`sweep of ${s.parameter} (${s.unit})`, `  ${'value'.padStart(10)} ${'a year'.padStart(14)} ${'dibao persons'.padStart(14)} ${'特困 persons'.padStart(12)} ${(money ? 'per ¥10' : 'per unit').padStart(14)}`];
  for (const p of s.points) {
    const r = p.result;
    lines.push(`  ${p.value.padStart(10)} ${yuan(r.annual_cost).padStart(14)} ${count(r.programmes.dibao.persons).padStart(14)} ${count(r.programmes.tekun.persons).padStart(12)} ${(p.marginal_cost === null ? '' : yuan(p.marginal_cost)).padStart(14)}`);
  }
  return lines.join('\n');
}

function monthsText(m: MonthsResult): string {
  const lines = [`${m.policy}, month by month`, `  ${'month'.padEnd(10)} ${'dibao hh'.padStart(11)} ${'persons'.padStart(11)} ${'entries'.padStart(9)} ${'exits'.padStart(9)} ${'渐退期'.padStart(8)} ${'cost'.padStart(12)} ${'monitored'.padStart(11)}`];
  for (const r of m.months)
    lines.push(`  ${r.date.slice(0, 7).padEnd(10)} ${count(r.dibao_households).padStart(11)} ${count(r.dibao_persons).padStart(11)} ${count(r.entries).padStart(9)} ${count(r.exits).padStart(9)} ${count(r.grace).padStart(8)} ${yuan(r.cost.total).padStart(12)} ${count(r.monitored).padStart(11)}`);
  lines.push(`  total cost ${yuan(m.totals.cost)}; entries ${count(m.totals.entries)}, exits ${count(m.totals.exits)}, ${count(m.totals.grace_household_months)} household-months in 渐退期`);
  return lines.join('\n');
}

const json = (x: unknown): string => JSON.stringify(x, null, 2) + '\n';

function onePolicy(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`give exactly one policy file (${what})`);
  return positionals[0]!;
}

// ---------------------------------------------------------------- commands

export const populationCommand: Command = {
  name: 'population',
  summary: 'make a synthetic population, report its calibration, write it to files',
  help: `Usage: doudi population [--region CODE] [--households N] [--seed N] [--year YYYY]
                        [--out DIR --format csv|jsonl] [--json]

Draws a synthetic population calibrated to the published statistics and prints the calibration
report: each target, the generated value and the error. With --out, writes households.csv and
persons.csv (--format csv, the default) or population.jsonl, which --population DIR reads back.
With --population PATH, reads and checks a population instead (and can convert it with --out).

${POPULATION_HELP}
  --out DIR                 write the population into DIR (created if missing)
  --format csv|jsonl        the files --out writes (default csv)
  --json                    print the calibration report as JSON
Exit code: 0 success, 1 bad input, 2 bad usage.
`,
  run(args, io) {
    const { values } = parse(args, { ...POPULATION_OPTIONS, out: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' } }, false);
    const format = values.format ?? 'csv';
    if (format !== 'csv' && format !== 'jsonl') throw new UsageError(`--format ${format}: expected csv or jsonl`);
    if (values.format && !values.out) throw new UsageError('--format needs --out DIR');
    const choice = choosePopulation(values, {});
    const cols = choice.population.columns;
    const report = choice.synthetic ? calibrate(cols, choice.synthetic.year, choice.synthetic.region, choice.synthetic.notes) : undefined;
    if (values.out) {
      const dir = values.out;
      if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new InputError(`--out ${dir}: a file is in the way; give a folder`);
      fs.mkdirSync(dir, { recursive: true });
      // Written beside and renamed into place, so an interrupted run leaves no half file.
      const write = (name: string, text: string) => {
        const target = path.join(dir, name);
        fs.writeFileSync(target + '.partial', text);
        fs.renameSync(target + '.partial', target);
        return target;
      };
      const written = format === 'csv' ? (() => {
        const c = toCsv(choice.population);
        return [write('households.csv', c.households), write('persons.csv', c.persons)];
      })() : [write('population.jsonl', toJsonl(choice.population))];
      io.err(`wrote ${written.join(' and ')} (${cols.households.toLocaleString('en')} households, ${cols.persons.toLocaleString('en')} persons)\n`);
    }
    if (values.json) io.out(json({ population: choice.describe, households: cols.households, persons: cols.persons, calibration: report ?? null }));
    else io.out(`${choice.describe}\n${report ? calibrationText(report) + '\n' : `${cols.persons.toLocaleString('en')} persons; read without problems\n`}`);
    return 0;
  },
};

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'caseload and cost of a policy over a population',
  help: `Usage: doudi simulate POLICY --date YYYY-MM-DD [options]

Evaluates the policy over a population and prints, per programme (dibao, 特困, the price
subsidy, 急难型 and 支出型 temporary assistance), the households and persons covered and the
monthly and annual cost, weighted to real totals, with breakdowns (--json) by area, region,
household size and income decile.

${RUN_HELP}

${POPULATION_HELP}
Exit code: 0 success, 1 bad input, 2 bad usage.
`,
  async run(args, io) {
    const { values, positionals } = parse(args, RUN_OPTIONS);
    const file = onePolicy(positionals, 'the policy to simulate');
    const policy = loadPolicy(file, io, values.baseline);
    const p = await prepareRun(values, { policy }, 1);
    const scenario: Scenario = { policy: 'policy', date: p.date, sets: p.sets };
    const seeds = seedsOf(values);
    if (seeds) {
      const u = await overPopulations(p, values, seeds, 'simulate', io, (seed, onProgress) => p.sim.simulate(scenario, { ...p.behaviour, seed }, { onProgress }), (r) => headline(r));
      io.out(values.json ? json({ population: p.choice.describe, uncertainty: u }) : `${p.choice.describe}\n${uncertaintyText(u)}\n`);
      return 0;
    }
    const r = await withRun(p, 'simulate', io, (onProgress) => p.sim.simulate(scenario, p.behaviour, { onProgress }));
    io.out(values.json ? json({ population: p.choice.describe, ...r }) : `${p.choice.describe}\n${resultText(r)}\n`);
    return 0;
  },
};

export const compareCommand: Command = {
  name: 'compare',
  summary: 'a baseline against reforms on the same population and draws',
  help: `Usage: doudi compare BASELINE [REFORM…] [--reform-set name=value]… --date YYYY-MM-DD [options]

Runs the baseline policy and each reform over the same population with the same take-up draws
(common random numbers): each REFORM file is applied on the baseline (as with --baseline), and
--reform-set makes one more reform of the baseline with those settings. Prints the cost and
caseload change per programme, households newly covered and no longer covered, and winners
and losers (lose > 5%, lose, no change, gain, gain > 5% of net income) by income decile.
--json prints {"baseline", "reform", "delta", "changes"} for the first reform (baseline and
reform in the shape of simulate --json) and all of them under "reforms".

  --reform-set name=value   a parameter setting of the reform (repeatable)
${RUN_HELP}

${POPULATION_HELP}
Exit code: 0 success, 1 bad input, 2 bad usage.
`,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...RUN_OPTIONS, 'reform-set': { type: 'string', multiple: true } });
    if (values.baseline) throw new UsageError('compare takes the baseline as its first file; --baseline is for simulate, sweep and months');
    if (positionals.length < 1) throw new UsageError('give the baseline policy and at least one reform (a file or --reform-set)');
    const reformSets = Object.fromEntries(settings(values['reform-set']));
    const [baseFile, ...reformFiles] = positionals as [string, ...string[]];
    if (reformFiles.length === 0 && Object.keys(reformSets).length === 0) throw new UsageError('give at least one reform: a policy file or --reform-set name=value');
    const policies: Record<string, LoadedPolicy> = { baseline: loadPolicy(baseFile, io) };
    reformFiles.forEach((f, i) => (policies[`reform${i}`] = loadPolicy(f, io, baseFile)));
    const p = await prepareRun(values, policies, 1 + reformFiles.length + (Object.keys(reformSets).length ? 1 : 0));
    const base: Scenario = { policy: 'baseline', date: p.date, sets: p.sets };
    const reforms = reformFiles.map((f, i) => ({ name: path.basename(f, '.doudi'), scenario: { policy: `reform${i}`, date: p.date, sets: p.sets } }));
    if (Object.keys(reformSets).length) reforms.push({ name: Object.entries(reformSets).map(([k, x]) => `${k}=${x}`).join(' '), scenario: { policy: 'baseline', date: p.date, sets: { ...p.sets, ...reformSets } } });
    const seeds = seedsOf(values);
    if (seeds) {
      const u = await overPopulations(p, values, seeds, 'compare', io, (seed, onProgress) => p.sim.compare(base, reforms, { ...p.behaviour, seed }, { onProgress }), compareHeadline);
      io.out(values.json ? json({ population: p.choice.describe, uncertainty: u }) : `${p.choice.describe}\n${uncertaintyText(u)}\n`);
      return 0;
    }
    const c = await withRun(p, 'compare', io, (onProgress) => p.sim.compare(base, reforms, p.behaviour, { onProgress }));
    const first = c.reforms[0]!;
    io.out(values.json ? json({ population: p.choice.describe, baseline: c.baseline, reform: first.reform, delta: first.delta, changes: first.changes, reforms: c.reforms }) : `${p.choice.describe}\n${compareText(c)}\n`);
    return 0;
  },
};

function sweepValues(v: Values): string[] {
  const list = str(v, 'values');
  const from = str(v, 'from');
  const to = str(v, 'to');
  if (list !== undefined) {
    if (from !== undefined || to !== undefined || v.points !== undefined) throw new UsageError('give either --values or --from/--to/--points');
    const xs = list.split(',').map((s) => s.trim()).filter(Boolean);
    if (xs.length === 0) throw new UsageError('--values: give comma-separated values');
    return xs;
  }
  if (from === undefined || to === undefined) throw new UsageError('give the range with --from A --to B [--points N] (or --values a,b,c)');
  const points = positiveInt(str(v, 'points'), 'points', 11, 1000);
  let a: number;
  let b: number;
  try {
    a = settingNumber(from);
    b = settingNumber(to);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const percent = from.trim().endsWith('%');
  return Array.from({ length: points }, (_, i) => {
    const x = points === 1 ? a : a + ((b - a) * i) / (points - 1);
    // Money to the fen, rates to a hundredth of a percent.
    return percent ? `${Math.round(x * 10000) / 100}%` : String(Math.round(x * 100) / 100);
  });
}

export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'cost and caseload over a range of one parameter',
  help: `Usage: doudi sweep POLICY --parameter NAME (--from A --to B [--points N] | --values a,b,…)
                   --date YYYY-MM-DD [options]

Runs the policy with the parameter set to each value (every entry of a parameter given per
area; NAME.entry for one entry) and prints the cost and caseload curve, with the marginal annual
cost per ¥10 of a money parameter (per unit otherwise) between neighbouring points.

  --parameter NAME          the parameter or scenario input to vary
  --from A --to B           the range, inclusive (yuan for money, 30% or 0.3 for rates)
  --points N                points in the range (default 11)
  --values a,b,…            the values, instead of a range
${RUN_HELP}

${POPULATION_HELP}
Exit code: 0 success, 1 bad input, 2 bad usage.
`,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...RUN_OPTIONS, parameter: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, points: { type: 'string' }, values: { type: 'string' } });
    const file = onePolicy(positionals, 'the policy to sweep');
    if (!values.parameter) throw new UsageError('--parameter NAME is required');
    const xs = sweepValues(values);
    const policy = loadPolicy(file, io, values.baseline);
    const p = await prepareRun(values, { policy }, xs.length);
    const scenario: Scenario = { policy: 'policy', date: p.date, sets: p.sets };
    const s = await withRun(p, 'sweep', io, (onProgress) => p.sim.sweep(scenario, values.parameter!, xs, p.behaviour, { onProgress }));
    io.out(values.json ? json({ population: p.choice.describe, ...s }) : `${p.choice.describe}\n${sweepText(s)}\n`);
    return 0;
  },
};

function rates(text: string | undefined, name: string): number[] | undefined {
  if (text === undefined) return undefined;
  return text.split(',').map((s) => {
    const t = s.trim();
    const x = t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
    if (!Number.isFinite(x) || t === '') throw new UsageError(`--${name} ${text}: expected rates separated by commas, e.g. 3.2%,3.6%,4%`);
    return x;
  });
}

export const monthsCommand: Command = {
  name: 'months',
  summary: 'a dynamic run month by month: entries, exits, 渐退期, reviews, cost',
  help: `Usage: doudi months POLICY --date YYYY-MM-DD --months M [--cpi r1,r2,…] [options]

Runs the policy month by month from --date: people find and lose work, fall ill, meet
emergencies and grow older; recipients are reviewed every 6 or 12 months and whenever their
circumstances change; each household's state (paid last month, last benefit, 渐退期 months used)
carries over, so the 渐退期, 单人户 and edge rules act as written. Prints the monthly caseload,
entries, exits, households in 渐退期, cost, and households the low-income monitoring flags.

  --months M                months to run (1–240)
  --cpi r1,r2,…             cpi_yoy of each month (the last holds after), e.g. 2.8%,3.6%,4%
  --food-cpi r1,r2,…        food_cpi_yoy of each month
${RUN_HELP}

${POPULATION_HELP}
Exit code: 0 success, 1 bad input, 2 bad usage.
`,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...RUN_OPTIONS, months: { type: 'string' }, cpi: { type: 'string' }, 'food-cpi': { type: 'string' } });
    const file = onePolicy(positionals, 'the policy to run');
    const months = positiveInt(values.months, 'months', 12, 240);
    const cpi = rates(values.cpi, 'cpi');
    const foodCpi = rates(values['food-cpi'], 'food-cpi');
    const policy = loadPolicy(file, io, values.baseline);
    const p = await prepareRun(values, { policy }, months);
    const m = await withRun(p, 'months', io, (onProgress) =>
      p.sim.months({ scenario: { policy: 'policy', date: p.date, sets: p.sets }, months, cpi, foodCpi, behaviour: p.behaviour }, { onProgress }),
    );
    io.out(values.json ? json({ population: p.choice.describe, ...m }) : `${p.choice.describe}\n${monthsText(m)}\n`);
    return 0;
  },
};

