/** doudi sweep: cost and caseload over a range of one parameter. */
import { settingNumber, type Scenario } from '../../simulator/index.ts';
import { UsageError, type Command } from '../command.ts';
import { onePolicy, parse, positiveInt, str, type Values } from '../options.ts';
import { loadRunnable } from '../policy.ts';
import { POPULATION_HELP } from '../population.ts';
import { json, sweepText } from '../report.ts';
import { RUN_HELP, RUN_OPTIONS, prepareRun, withRun } from '../simulation.ts';

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
    const policy = loadRunnable(file, io, { baseline: values.baseline });
    const p = await prepareRun(values, { policy }, xs.length);
    const scenario: Scenario = { policy: 'policy', date: p.date, sets: p.sets };
    const s = await withRun(p, 'sweep', io, (onProgress) => p.sim.sweep(scenario, values.parameter!, xs, p.behaviour, { onProgress }));
    io.out(values.json ? json({ population: p.choice.describe, ...s }) : `${p.choice.describe}\n${sweepText(s)}\n`);
    return 0;
  },
};
