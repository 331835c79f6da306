/**
 * doudi validate: the shipped national and provincial policies on their own synthetic populations,
 * every published figure of the domain brief (§7) beside what they give, the ratio, the goal and
 * the likely cause of each gap. Published figures are compared, never used to set an assumption.
 */
import { displayWidth } from '../../language/index.ts';
import { Simulator, VALIDATION_RUNS, generatePopulation, validationRows, type SimulationResult, type ValidationRow } from '../../simulator/index.ts';
import { nodePool, cores } from '../../simulator/node.ts';
import type { Command } from '../command.ts';
import { InputError } from '../command.ts';
import { integer, parse, positiveInt, str } from '../options.ts';
import { loadRunnable } from '../policy.ts';
import { json, padEnd } from '../report.ts';
import { behaviourOf } from '../simulation.ts';
import { ProgressBar } from '../progress.ts';

const OPTIONS = {
  households: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
  workers: { type: 'string' },
  'take-up': { type: 'string', multiple: true },
  'impute-earnings': { type: 'string' },
  'unreported-income': { type: 'string' },
  'income-noise': { type: 'string' },
} as const;

export const validateCommand: Command = {
  name: 'validate',
  summary: 'the shipped policies on their populations against every published figure',
  help: `Usage: doudi validate [options]

Runs the shipped policies on their own synthetic populations — the country as the sum of its
provinces (policies/national/provinces.doudi on region 100000) at the end of 2024, mid-2024 and
October 2023; Zhejiang (2021 statistics, 2022-01-01) and Guangdong (end of March 2023) — and
prints, for every published figure of the domain brief (§7), the simulated value, the published
one, the ratio, the goal set in issue 10 where there is one, and the likely cause of the gap.
Each population is its provinces' own (incomes, spread, ages), family households with the
residents of institutions (集中供养) beside them (docs/simulator.md). Published figures are
compared here, never used to set an assumption.

Options:
  --households N            synthetic households per population (default 200000)
  --seed N                  seed of the populations and take-up draws (default 1)
  --take-up programme=rate, --impute-earnings YUAN, --unreported-income SHARE,
  --income-noise SIGMA      behaviour assumptions, as for doudi simulate (defaults: take-up
                            0.6 dibao, 0.85 特困; the others off)
  --workers N               worker threads (default: all cores)
  --json                    the rows as JSON

Exit code: 0 (a goal not met is a finding, not a failure), 1 bad input, 2 bad usage.
`,
  async run(args, io) {
    const { values } = parse(args, OPTIONS, false);
    const households = positiveInt(str(values, 'households'), 'households', 200_000);
    const seed = integer(str(values, 'seed'), 'seed', 1);
    const behaviour = behaviourOf(values);
    const text = str(values, 'workers');
    const workers = text === undefined ? Math.min(cores(), 8) : positiveInt(text, 'workers', 1, 64);
    const results: Record<string, SimulationResult> = {};
    const bar = new ProgressBar('validate', io);
    // Runs on the same policy and population share one simulator.
    const groups = new Map<string, (typeof VALIDATION_RUNS)[number][]>();
    for (const r of VALIDATION_RUNS) groups.set(`${r.policy}|${r.region}|${r.year}`, [...(groups.get(`${r.policy}|${r.region}|${r.year}`) ?? []), r]);
    let done = 0;
    try {
      for (const runs of groups.values()) {
        const first = runs[0]!;
        const policy = loadRunnable(first.policy, io);
        const sim = workers > 1 ? nodePool(workers) : new Simulator();
        try {
          const g = generatePopulation({ region: first.region, year: first.year, households, seed });
          await sim.setPopulation(g.columns);
          await sim.addPolicy('policy', { source: policy.source, ir: policy.ir });
          for (const r of runs) {
            results[r.id] = await sim.simulate({ policy: 'policy', date: r.date, sets: {} }, behaviour, {
              onProgress: (d, t) => bar.update(done * t + d, VALIDATION_RUNS.length * t),
            });
            done++;
          }
        } finally {
          await sim.close();
        }
      }
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError((e as Error).message);
    } finally {
      bar.done();
    }
    const rows = validationRows(results);
    io.out(values.json ? json({ households, seed, runs: VALIDATION_RUNS, rows }) : validationText(rows, households, seed));
    return 0;
  },
};

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function show(x: number, unit: ValidationRow['unit']): string {
  if (unit === 'share') return pct(x);
  if (unit === 'ratio') return x.toFixed(2);
  if (unit === 'yuan') return `¥${x.toFixed(0)}`;
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)} m` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k` : x.toFixed(0);
}

export function validationText(rows: readonly ValidationRow[], households: number, seed: number): string {
  const lines = [`Validation: the shipped policies on synthetic populations of ${households.toLocaleString('en')} households (seed ${seed}) against published figures (brief §7)`];
  const width = Math.max(...rows.map((r) => displayWidth(r.name)));
  for (const r of rows) {
    const published = r.range ? `${r.range[0]}–${r.range[1]}` : show(r.published, r.unit);
    const goal = r.goal ? `  goal ${r.goal.text}: ${r.goal.met ? 'met' : 'NOT met'}` : '';
    lines.push(`  ${padEnd(r.name, width)}  simulated ${show(r.simulated, r.unit).padStart(9)}  published ${published.padStart(9)} [${r.tag}]  ratio ${r.ratio.toFixed(2)}${goal}`);
    if (r.cause !== 'close') lines.push(`    likely cause: ${r.cause}`);
  }
  lines.push('  Published figures are compared, never used to set an assumption; a goal not met is reported, not tuned away.');
  return lines.join('\n') + '\n';
}
