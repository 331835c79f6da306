/**
 * doudi eval: a policy's outputs for one household (with, on request, why: the decision as a
 * notice, or the compact explanation; or the benefit cliff along one member's earnings) or for a
 * file of households, through language/run and language/explain: each household read once,
 * compiled code for the values, the interpreter only for an explanation; settings through the
 * one resolver.
 */
import { cliffText, earningsPath, evaluateHouseholds, evaluateOne, explainHousehold, explanationJson, noticeText, parseEarningsPath, readOne, type Household, type Lang } from '../../language/index.ts';
import { InputError, UsageError, type Command } from '../command.ts';
import { INPUT_LIMITS, parseJson, plural, readInput } from '../io.ts';
import { parse, requireDate } from '../options.ts';
import { loadRunnable } from '../policy.ts';
import { resolveOrFail, settingInputs } from '../settings.ts';

export const evalCommand: Command = {
  name: 'eval',
  summary: 'evaluate a policy for one household or a file of households',
  help: `Usage: doudi eval POLICY (--household FILE.json | --households FILE.jsonl) --date YYYY-MM-DD
                  [--set name=value]… [--baseline POLICY]
                  [--explain | --earnings-path FROM:TO:STEP [--member N]] [--lang zh|en] [--json]

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
  --explain                 the decision as a notice a caseworker can hand to the family
                            (57号 §21): per programme the decision, the arithmetic with its
                            numbers, what would change the outcome and the articles cited
  --explain --json          {"outputs", "decision", "explanation"}: the decision as data and
                            the compact explanation (every value once, what it read, why as
                            data: the exception by its label, the branch, the table row)
  --earnings-path FROM:TO:STEP
                            the benefit cliff: net income (earnings plus dibao, 特困 and the
                            price subsidy) and the marginal rate as one member's monthly
                            earnings go from FROM to TO yuan by STEP (at most 1,000 points),
                            with the counted income and the dibao status (渐退期) at each
  --member N                whose earnings change (1-based; default 1)
  --lang zh|en              the notice's and the table's language (default zh)
  --json                    JSON instead of text (outputs are always JSON)
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
      'earnings-path': { type: 'string' },
      member: { type: 'string' },
      lang: { type: 'string' },
      json: { type: 'boolean' },
      baseline: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one policy file');
    if (!values.household === !values.households) throw new UsageError('give either --household FILE.json or --households FILE.jsonl');
    if (values.explain && values.households) throw new UsageError('--explain works with --household (one household)');
    if (values['earnings-path'] !== undefined && values.households) throw new UsageError('--earnings-path works with --household (one household)');
    if (values.explain && values['earnings-path'] !== undefined) throw new UsageError('give --explain or --earnings-path, not both');
    if (values.member !== undefined && values['earnings-path'] === undefined) throw new UsageError('--member goes with --earnings-path');
    if (values.lang !== undefined && values.lang !== 'zh' && values.lang !== 'en') throw new UsageError(`--lang ${values.lang}: expected zh or en`);
    if (values.lang !== undefined && !values.explain && values['earnings-path'] === undefined) throw new UsageError('--lang goes with --explain or --earnings-path (outputs are JSON)');
    const lang = (values.lang ?? 'zh') as Lang;
    const path = values['earnings-path'] === undefined ? undefined : parseEarningsPath(values['earnings-path']);
    if (path && !path.ok) throw new UsageError(`--earnings-path ${values['earnings-path']}: ${path.why}`);
    const member = values.member === undefined ? 1 : Number(values.member);
    if (values.member !== undefined && !/^[1-9]\d*$/.test(values.member)) throw new UsageError(`--member ${values.member}: expected a member's number, 1 for the first`);
    const date = requireDate(values.date);
    const inputs = settingInputs(values.set);
    const file = positionals[0]!;
    const policy = loadRunnable(file, io, { baseline: values.baseline });
    const settings = resolveOrFail(policy.ir, inputs);
    const pair = { ir: policy.ir, compiled: policy.compiled };

    if (values.household) {
      const where = values.household;
      const raw = parseJson(readInput(where, 'the household', INPUT_LIMITS.household), where);
      const failed = (r: { stage: string; message: string }) => new InputError(r.stage === 'scenario' ? `${file} on ${date}: ${r.message}` : `${where}: ${r.message}`);
      if (path?.ok) {
        const c = earningsPath(pair, raw, path.value, member, { date, settings });
        if (!c.ok) throw failed(c);
        io.out(values.json ? JSON.stringify({ cliff: c.cliff }, null, 2) + '\n' : cliffText(c.cliff, lang));
        return 0;
      }
      if (values.explain) {
        const x = explainHousehold(pair, raw, { date, settings });
        if (!x.ok) throw failed(x);
        io.out(values.json ? explanationJson({ outputs: x.outputs, decision: x.decision, explanation: x.explanation }) + '\n' : noticeText(x.decision, lang));
        return 0;
      }
      const r = evaluateOne(pair, raw, { date, settings });
      if (!r.ok) throw failed(r);
      io.out(JSON.stringify({ outputs: r.outputs }, null, 2) + '\n');
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
