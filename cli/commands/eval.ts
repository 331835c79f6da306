/**
 * doudi eval: a policy's outputs for one household (with, on request, why) or for a file of
 * households, through language/run: each household read once, compiled code for the values, the
 * interpreter only for an explanation; settings through the one resolver.
 */
import { evaluateHouseholds, evaluateOne, readOne, type Household } from '../../language/index.ts';
import { InputError, UsageError, type Command } from '../command.ts';
import { INPUT_LIMITS, parseJson, plural, readInput } from '../io.ts';
import { parse, requireDate } from '../options.ts';
import { loadRunnable } from '../policy.ts';
import { resolveOrFail, settingInputs } from '../settings.ts';

export const evalCommand: Command = {
  name: 'eval',
  summary: 'evaluate a policy for one household or a file of households',
  help: `Usage: doudi eval POLICY (--household FILE.json | --households FILE.jsonl) --date YYYY-MM-DD
                  [--set name=value]… [--explain] [--baseline POLICY]

Evaluates the policy's outputs with the parameter values in force on the date.
  --household FILE.json     one household in the schema's JSON form; prints {"outputs": {…}}
  --households FILE.jsonl   one household per line; prints one line per household,
                            {"household_id": …, "outputs": {…}}, in input order
  --set name=value          replace a parameter or scenario input for this run: by id or
                            Chinese label, e.g. --set cpi_yoy=3.6% --set 低保标准=¥1,600 (every
                            entry of a parameter given per area), --set dibao_standard.rural=1200
                            or --set 低保标准.农村=1200 (one entry). Money in yuan (¥1600, 1,600.50,
                            1600元), rates in percent or as a fraction (3.5%, -0.5%, 0.035, 7/200)
  --baseline POLICY         apply POLICY (a reform) on this baseline instead of the policy
                            its "extends" names, e.g. a reform on any province
  --explain                 add "explanation": why each output has its value, what it
                            read, which rule fired and its citation (one household only)
Money is printed as numbers in yuan. Input files: a household file of at most 16 MB, a
households file of at most 256 MB.
Exit code: 0 success, 1 bad input or a household that cannot be evaluated, 2 bad usage.
`,
  run(args, io) {
    const { values, positionals } = parse(args, {
      household: { type: 'string' },
      households: { type: 'string' },
      date: { type: 'string' },
      set: { type: 'string', multiple: true },
      explain: { type: 'boolean' },
      baseline: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one policy file');
    if (!values.household === !values.households) throw new UsageError('give either --household FILE.json or --households FILE.jsonl');
    if (values.explain && values.households) throw new UsageError('--explain works with --household (one household)');
    const date = requireDate(values.date);
    const inputs = settingInputs(values.set);
    const file = positionals[0]!;
    const policy = loadRunnable(file, io, { baseline: values.baseline });
    const settings = resolveOrFail(policy.ir, inputs);
    const pair = { ir: policy.ir, compiled: policy.compiled };

    if (values.household) {
      const where = values.household;
      const raw = parseJson(readInput(where, 'the household', INPUT_LIMITS.household), where);
      const r = evaluateOne(pair, raw, { date, settings, explain: values.explain });
      if (!r.ok) throw new InputError(r.stage === 'scenario' ? `${file} on ${date}: ${r.message}` : `${where}: ${r.message}`);
      io.out(JSON.stringify(r.explanation ? { outputs: r.outputs, explanation: r.explanation } : { outputs: r.outputs }, null, 2) + '\n');
      return 0;
    }

    const where = values.households!;
    const lines = readInput(where, 'the households', INPUT_LIMITS.households).split(/\r?\n/);
    const list: Household[] = [];
    const seen = new Map<string, number>();
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const at = `${where}:${i + 1}`;
      const read = readOne(parseJson(line, at));
      if (!('household' in read)) throw new InputError(`${at}: ${read.message}`);
      const id = String(read.household.values.household_id);
      // As a population file: one line per household (simulate refuses a repeated id too).
      const first = seen.get(id);
      if (first !== undefined) throw new InputError(`${at}: household_id ${id} is already used on line ${first}`);
      seen.set(id, i + 1);
      list.push(read.household);
    });
    const r = evaluateHouseholds(pair, list, { date, settings });
    if (!r.ok) throw new InputError(`${file} on ${date}: ${r.message}`);
    let failed = 0;
    const chunk: string[] = [];
    r.results.forEach((x, h) => {
      const household_id = String(list[h]!.values.household_id);
      if (!x.ok) failed++;
      chunk.push(JSON.stringify(x.ok ? { household_id, outputs: x.outputs } : { household_id, error: x.message }));
      // Written in pieces: a large file's output is never one string.
      if (chunk.length === 1000) io.out(chunk.splice(0).join('\n') + '\n');
    });
    if (chunk.length) io.out(chunk.join('\n') + '\n');
    if (failed) io.err(`doudi eval: ${plural(failed, 'household')} could not be evaluated (see "error" lines)\n`);
    return failed ? 1 : 0;
  },
};
