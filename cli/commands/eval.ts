import {
  evaluateHousehold,
  parseSetting,
  readHousehold,
  toColumns,
  EvalError,
  findField,
  type Household,
  type Scalar,
} from '../../language/index.ts';
import { InputError, UsageError, type Command } from '../command.ts';
import { plural, readText } from '../io.ts';
import { parse, requireDate, settings } from '../options.ts';
import { loadRunnable } from '../policy.ts';

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${where}: not valid JSON (${(e as Error).message})`);
  }
}

function readOne(raw: unknown, where: string): Household {
  const r = readHousehold(raw);
  if (!r.household) {
    const p = r.problems[0]!;
    const more = r.problems.length > 1 ? ` (and ${plural(r.problems.length - 1, 'more problem')})` : '';
    throw new InputError(`${where}: ${p.field ? `field ${p.field} ` : ''}${p.message}${more}`);
  }
  return r.household;
}

export const evalCommand: Command = {
  name: 'eval',
  summary: 'evaluate a policy for one household or a file of households',
  help: `Usage: doudi eval POLICY (--household FILE.json | --households FILE.jsonl) --date YYYY-MM-DD
                  [--set name=value]… [--explain]

Evaluates the policy's outputs with the parameter values in force on the date.
  --household FILE.json     one household in the schema's JSON form; prints {"outputs": {…}}
  --households FILE.jsonl   one household per line; prints one line per household,
                            {"household_id": …, "outputs": {…}}, in input order
  --set name=value          replace a parameter or scenario input for this run, e.g.
                            --set cpi_yoy=3.6% --set dibao_standard=1600 (every entry of a
                            parameter given per area), --set dibao_standard.rural=1200 (one entry)
  --baseline POLICY         apply POLICY (a reform) on this baseline instead of the policy
                            its "extends" names, e.g. a reform on any province
  --explain                 add "explanation": why each output has its value, what it
                            read, which rule fired and its citation (one household only)
Money is printed as numbers in yuan.
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
    const pairs = settings(values.set);
    const policy = loadRunnable(positionals[0]!, io, { baseline: values.baseline });
    const ir = policy.ir;
    const exact: Record<string, Scalar> = {};
    const raw: Record<string, string> = {};
    for (const [key, value] of pairs) {
      // "name" sets a parameter (every entry of one given by an enum); "name.entry" one entry.
      const dot = key.indexOf('.');
      const name = dot < 0 ? key : key.slice(0, dot);
      const p = ir.parameters.find((x) => x.id === name && !x.hidden) ?? ir.parameters.find((x) => x.label === name && !x.hidden);
      if (!p) throw new InputError(`--set ${key}: ${ir.policy.id} has no parameter or input called ${name}`);
      let id = p.id;
      if (dot >= 0) {
        const entries = ir.enums.find((x) => x.id === p.by)?.values ?? [];
        const entry = entries.find((v) => v.id === key.slice(dot + 1) || v.label === key.slice(dot + 1));
        if (!entry) throw new InputError(`--set ${key}: ${p.id} has ${p.by ? `no entry ${key.slice(dot + 1)} (entries: ${entries.map((v) => v.id).join(', ')})` : 'no entries'}`);
        id = `${p.id}.${entry.id}`;
      }
      try {
        exact[id] = parseSetting(p, value, ir.enums);
      } catch (e) {
        throw new InputError((e as Error).message);
      }
      raw[id] = value;
    }
    const m = policy.compiled;

    if (values.household) {
      const file = values.household;
      const hh = readOne(parseJson(readText(file, 'the household'), file), file);
      let outputs: Record<string, unknown>;
      try {
        outputs = m.evaluate(householdJson(hh), { date, sets: raw }).outputs;
      } catch (e) {
        throw new InputError(`${file}: ${(e as Error).message}`);
      }
      const result: Record<string, unknown> = { outputs };
      if (values.explain) {
        try {
          result.explanation = evaluateHousehold(ir, hh, { date, sets: exact, explain: true }).explanation;
        } catch (e) {
          if (e instanceof EvalError) throw new InputError(`${file}: ${e.message}`);
          throw e;
        }
      }
      io.out(JSON.stringify(result, null, 2) + '\n');
      return 0;
    }

    const file = values.households!;
    const lines = readText(file, 'the households').split(/\r?\n/);
    const list: { id: string; hh: Household }[] = [];
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const where = `${file}:${i + 1}`;
      const hh = readOne(parseJson(line, where), where);
      list.push({ id: String(hh.values.household_id), hh });
    });
    const pop = toColumns(list.map((x) => x.hh));
    const regions = m.regionsOf(pop);
    let params;
    try {
      params = m.resolveParameters({ date, sets: raw }, regions.codes);
    } catch (e) {
      throw new InputError(`${file}: ${(e as Error).message}`);
    }
    const out = m.allocateOutputs(list.length);
    const failed = m.evaluateBatch(pop, regions, params, out);
    const chunks: string[] = [];
    list.forEach((x, h) => {
      const err = out.errors[h]!;
      if (err) {
        chunks.push(JSON.stringify({ household_id: x.id, error: m.SITES[err - 1]!.message }));
        return;
      }
      const o: Record<string, unknown> = {};
      for (const spec of m.outputs) {
        const v = out.columns[spec.id]![h]!;
        o[spec.id] = spec.values ? spec.values[v] : spec.type === 'bool' ? v === 1 : spec.type.startsWith('money') ? v / 100 : v;
      }
      chunks.push(JSON.stringify({ household_id: x.id, outputs: o }));
    });
    io.out(chunks.join('\n') + (chunks.length ? '\n' : ''));
    if (failed) io.err(`doudi eval: ${plural(failed, 'household')} could not be evaluated (see "error" lines)\n`);
    return failed ? 1 : 0;
  },
};

/** The schema JSON form (money in yuan) of a normalised household. */
function householdJson(hh: Household): Record<string, unknown> {
  const conv = (rec: Readonly<Record<string, unknown>>, level: 'household' | 'person') => {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rec)) o[k] = isMoney(level, k) ? (v as number) / 100 : v;
    return o;
  };
  return { ...conv(hh.values, 'household'), members: hh.members.map((m) => conv(m, 'person')) };
}

const isMoney = (level: 'household' | 'person', id: string): boolean => findField(level, id)?.type?.k === 'money';
