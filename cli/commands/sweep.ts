/** doudi sweep: cost and caseload over a range of one parameter. */
import { rational as Q, type PolicyIR, type SettingTarget } from '../../language/index.ts';
import type { Scenario } from '../../simulator/index.ts';
import { UsageError, type Command } from '../command.ts';
import { onePolicy, parse, positiveInt, str, type Values } from '../options.ts';
import { loadRunnable } from '../policy.ts';
import { POPULATION_HELP } from '../population.ts';
import { json, sweepText } from '../report.ts';
import { listOrFail, targetOrFail, valueOrFail } from '../settings.ts';
import { RUN_HELP, RUN_OPTIONS, prepareRun, withRun } from '../simulation.ts';

/** The most values a sweep runs, given as a list or a range. */
const MAX_POINTS = 1000;

/**
 * The values to sweep, as setting texts: the list given, or N points from A to B computed exactly
 * and rounded to the fen (money), a hundredth of a percent (rates) or a whole number (integers,
 * months); a rate given in percent is shown in percent.
 */
function sweepValues(v: Values, ir: PolicyIR, target: SettingTarget): string[] {
  const list = str(v, 'values');
  const from = str(v, 'from');
  const to = str(v, 'to');
  if (list !== undefined) {
    if (from !== undefined || to !== undefined || v.points !== undefined) throw new UsageError('give either --values or --from/--to/--points');
    const xs = listOrFail(list, `--values ${list}`);
    if (xs.length > MAX_POINTS) throw new UsageError(`--values: ${xs.length.toLocaleString('en')} values; a sweep runs at most ${MAX_POINTS.toLocaleString('en')}`);
    for (const x of xs) valueOrFail(ir, target, x, `--values ${x}`);
    return xs;
  }
  if (from === undefined || to === undefined) throw new UsageError('give the range with --from A --to B [--points N] (or --values a,b,c)');
  const points = positiveInt(str(v, 'points'), 'points', 11, MAX_POINTS);
  const a = valueOrFail(ir, target, from, `--from ${from}`).exact as Q.Rational;
  const b = valueOrFail(ir, target, to, `--to ${to}`).exact as Q.Rational;
  const t = target.parameter.type;
  const step = t.k === 'money' ? Q.rat(1, 100) : t.k === 'rate' ? Q.rat(1, 10000) : t.k === 'integer' || t.k === 'months' ? Q.ONE : Q.rat(1, 10000);
  const percent = t.k === 'rate' && /[%％]\s*$/.test(from);
  return Array.from({ length: points }, (_, i) => {
    const x = points === 1 ? a : Q.add(a, Q.div(Q.mul(Q.sub(b, a), Q.rat(i)), Q.rat(points - 1)));
    const r = Q.roundTo(x, step, 'half-away');
    return percent ? `${Q.toDecimalString(Q.mul(r, Q.rat(100)), 2)}%` : Q.toDecimalString(r, t.k === 'money' ? 2 : 4);
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

  --parameter NAME          the parameter or scenario input to vary (id, Chinese label, NAME.entry)
  --from A --to B           the range, inclusive (yuan for money, 30% or 0.3 for rates)
  --points N                points in the range (default 11, at most 1,000)
  --values a,b,…            the values, instead of a range (at most 1,000); separate them with
                            ";" when they have thousands separators (1,600;1,700)
${RUN_HELP}

${POPULATION_HELP}
Exit code: 0 success, 1 bad input, 2 bad usage.
`,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...RUN_OPTIONS, parameter: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, points: { type: 'string' }, values: { type: 'string' } });
    const file = onePolicy(positionals, 'the policy to sweep');
    if (!values.parameter) throw new UsageError('--parameter NAME is required');
    const policy = loadRunnable(file, io, { baseline: values.baseline });
    const target = targetOrFail(policy.ir, values.parameter, `--parameter ${values.parameter}`);
    const xs = sweepValues(values, policy.ir, target);
    const p = await prepareRun(values, { policy }, xs.length);
    const scenario: Scenario = { policy: 'policy', date: p.date, sets: p.sets.policy };
    const s = await withRun(p, 'sweep', io, (onProgress) => p.sim.sweep(scenario, target.key, xs, p.behaviour, { onProgress }));
    io.out(values.json ? json({ population: p.choice.describe, ...s }) : `${p.choice.describe}\n${sweepText(s)}\n`);
    return 0;
  },
};
