/** doudi compare: a baseline against reforms on the same population and draws. */
import * as path from 'node:path';
import { compareHeadline, type Scenario } from '../../simulator/index.ts';
import { UsageError, type Command } from '../command.ts';
import { parse } from '../options.ts';
import { loadRunnable, type RunnablePolicy } from '../policy.ts';
import { POPULATION_HELP } from '../population.ts';
import { compareText, json, uncertaintyText } from '../report.ts';
import { resolveOrFail, settingInputs } from '../settings.ts';
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
    const reformInputs = settingInputs(values['reform-set'], '--reform-set');
    const [baseFile, ...reformFiles] = positionals as [string, ...string[]];
    if (reformFiles.length === 0 && reformInputs.length === 0) throw new UsageError('give at least one reform: a policy file or --reform-set name=value');
    const policies: Record<string, RunnablePolicy> = { baseline: loadRunnable(baseFile, io) };
    reformFiles.forEach((f, i) => (policies[`reform${i}`] = loadRunnable(f, io, { baseline: baseFile })));
    // Checked before the population is drawn: a reform setting is a setting of the baseline.
    const reformSets = resolveOrFail(policies.baseline!.ir, reformInputs).text;
    const p = await prepareRun(values, policies, 1 + reformFiles.length + (reformInputs.length ? 1 : 0));
    const base: Scenario = { policy: 'baseline', date: p.date, sets: p.sets.baseline };
    const reforms = reformFiles.map((f, i) => ({ name: path.basename(f, '.doudi'), scenario: { policy: `reform${i}`, date: p.date, sets: p.sets[`reform${i}`] } }));
    if (reformInputs.length)
      reforms.push({ name: reformInputs.map((x) => `${x.name}=${x.value}`).join(' '), scenario: { policy: 'baseline', date: p.date, sets: overlay(p.sets.baseline!, reformSets) } });
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

/** Settings `over` on top of `base`: a whole parameter set by `over` replaces `base`'s entries of it. */
function overlay(base: Readonly<Record<string, string>>, over: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (!(k in over) && !(k.split('.')[0]! in over)) out[k] = v;
  return { ...out, ...over };
}
