/** doudi compare: a baseline against reforms on the same population and draws. */
import * as path from 'node:path';
import { compareHeadline, type Scenario } from '../../simulator/index.ts';
import { UsageError, type Command } from '../command.ts';
import { parse, settings } from '../options.ts';
import { loadRunnable, type RunnablePolicy } from '../policy.ts';
import { POPULATION_HELP } from '../population.ts';
import { compareText, json, uncertaintyText } from '../report.ts';
import { RUN_HELP, RUN_OPTIONS, overPopulations, prepareRun, seedsOf, withRun } from '../simulation.ts';

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
    const policies: Record<string, RunnablePolicy> = { baseline: loadRunnable(baseFile, io) };
    reformFiles.forEach((f, i) => (policies[`reform${i}`] = loadRunnable(f, io, { baseline: baseFile })));
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
