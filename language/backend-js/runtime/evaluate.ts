/**
 * Runtime text (emitted verbatim into every module): the entry points for one household and for
 * lists of records, on top of reading (households.ts), parameters (parameters.ts) and the batch
 * function the backend generates.
 */
export const EVALUATE_SOURCE = String.raw`// Output values of household h in evaluate()'s form: money in yuan, enums by id, bools as booleans.
function outputValues(out, h) {
  const result = Object.create(null);
  for (const o of outputs) {
    const v = out.columns[o.id][h];
    result[o.id] = o.values ? o.values[v] : o.type === 'bool' ? v === 1 : o.type.startsWith('money') ? v / 100 : v;
  }
  return result;
}

/**
 * Evaluates one household (the schema's JSON form) on options.date with options.sets.
 * Returns { outputs } with money in yuan; throws an Error for bad input or a conflict.
 */
export function evaluate(household, options) {
  const pop = readHousehold(household);
  const regions = regionsOf(pop);
  const params = resolveParameters(options, regions.codes);
  const out = allocateOutputs(1);
  evaluateBatch(pop, regions, params, out, 0, 1);
  if (out.errors[0] !== 0) throw new Error(SITES[out.errors[0] - 1].message);
  return { outputs: outputValues(out, 0) };
}

// A problem with the options, from the Error resolveParameters throws.
function optionProblem(e) {
  if (!(e instanceof Error)) throw e;
  return { field: e.field || 'options', reason: e.reason || e.message };
}

/**
 * Evaluates a list of households (the schema's JSON form) on options.date with options.sets, and
 * never throws for what is in them: each record gives { outputs } (money in yuan) or { errors },
 * in order. An error is { field, reason }: field names the input ("members[1].age", "date",
 * "sets.cpi_yoy"), or is "" with the definition that failed when the household is well formed
 * but the policy cannot decide for it (two exceptions that apply disagree, a value beyond the
 * exact range). Options are checked per region: a date one region has no values for fails only
 * that region's households.
 */
export function evaluateRecords(households, options) {
  if (!Array.isArray(households)) throw new TypeError('evaluateRecords takes a list of households');
  const reads = households.map(readOne);
  const results = new Array(households.length);
  const byRegion = new Map();
  reads.forEach((r, i) => {
    if (r.problems.length) return void (results[i] = { errors: r.problems });
    const code = String(r.hh.region).padStart(6, '0');
    const list = byRegion.get(code);
    if (list) list.push(i);
    else byRegion.set(code, [i]);
  });
  const good = [];
  for (const [code, list] of byRegion) {
    try {
      resolveParameters(options, [code]);
      for (const i of list) good.push(i);
    } catch (e) {
      const problem = optionProblem(e);
      for (const i of list) results[i] = { errors: [problem] };
    }
  }
  if (good.length) {
    good.sort((a, b) => a - b);
    const pop = populationOf(good.map((i) => reads[i]));
    const regions = regionsOf(pop);
    const params = resolveParameters(options, regions.codes);
    const out = allocateOutputs(good.length);
    evaluateBatch(pop, regions, params, out);
    good.forEach((i, h) => {
      const e = out.errors[h];
      if (e === 0) results[i] = { outputs: outputValues(out, h) };
      else {
        const site = SITES[e - 1];
        results[i] = { errors: [site.definition ? { field: '', reason: site.message, definition: site.definition } : { field: '', reason: site.message }] };
      }
    });
  }
  return results;
}

/** One household: { outputs } or { errors }, as evaluateRecords gives for each record. Never throws for bad input. */
export function evaluateRecord(household, options) {
  return evaluateRecords([household], options)[0];
}`;
