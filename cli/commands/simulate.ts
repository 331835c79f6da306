/** doudi simulate: caseload and cost of one policy over a population. */
import { headline, type Scenario } from '../../simulator/index.ts';
import type { Command } from '../command.ts';
import { onePolicy, parse } from '../options.ts';
import { loadRunnable } from '../policy.ts';
import { POPULATION_HELP } from '../population.ts';
import { json, resultText, uncertaintyText } from '../report.ts';
import { RUN_HELP, RUN_OPTIONS, overPopulations, prepareRun, seedsOf, withRun } from '../simulation.ts';

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
    const policy = loadRunnable(file, io, { baseline: values.baseline });
    const p = await prepareRun(values, { policy }, 1);
    const scenario: Scenario = { policy: 'policy', date: p.date, sets: p.sets.policy };
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
