/** doudi months: a dynamic run month by month. */
import type { PolicyIR } from '../../language/index.ts';
import type { Command } from '../command.ts';
import { onePolicy, parse, positiveInt } from '../options.ts';
import { loadRunnable } from '../policy.ts';
import { POPULATION_HELP } from '../population.ts';
import { json, monthsText } from '../report.ts';
import { listOrFail, targetOrFail, valueOrFail } from '../settings.ts';
import { RUN_HELP, RUN_OPTIONS, prepareRun, withRun } from '../simulation.ts';

/** A month-by-month series of a rate input, each item checked against the policy's input (negative rates too). */
function rates(text: string | undefined, option: string, ir: PolicyIR, id: string): string[] | undefined {
  if (text === undefined) return undefined;
  const items = listOrFail(text, `${option} ${text}`);
  const target = targetOrFail(ir, id, `${option} ${text}`);
  return items.map((x) => valueOrFail(ir, target, x, `${option} ${x}`).text);
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
  --cpi r1,r2,…             cpi_yoy of each month (the last holds after), e.g. 2.8%,3.6%,-0.5%
  --food-cpi r1,r2,…        food_cpi_yoy of each month
${RUN_HELP}

${POPULATION_HELP}
Exit code: 0 success, 1 bad input, 2 bad usage.
`,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...RUN_OPTIONS, months: { type: 'string' }, cpi: { type: 'string' }, 'food-cpi': { type: 'string' } });
    const file = onePolicy(positionals, 'the policy to run');
    const months = positiveInt(values.months, 'months', 12, 240);
    const policy = loadRunnable(file, io, { baseline: values.baseline });
    const cpi = rates(values.cpi, '--cpi', policy.ir, 'cpi_yoy');
    const foodCpi = rates(values['food-cpi'], '--food-cpi', policy.ir, 'food_cpi_yoy');
    const p = await prepareRun(values, { policy }, months);
    const m = await withRun(p, 'months', io, (onProgress) =>
      p.sim.months({ scenario: { policy: 'policy', date: p.date, sets: p.sets.policy }, months, cpi, foodCpi, behaviour: p.behaviour }, { onProgress }),
    );
    io.out(values.json ? json({ population: p.choice.describe, ...m }) : `${p.choice.describe}\n${monthsText(m)}\n`);
    return 0;
  },
};
