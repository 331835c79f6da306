/**
 * Runtime text (emitted verbatim into every module): reading one household in the schema's JSON
 * form (money in yuan, optional fields with their defaults) from the module's FIELDS, and
 * evaluating it.
 */
export const HOUSEHOLDS_SOURCE = String.raw`function readValue(spec, raw, where) {
  const [id, , type, , values, min, max] = spec;
  const fail = (why) => {
    throw new Error(where + id + ' ' + why);
  };
  if (type === 'bool') {
    if (raw === true || raw === false) return raw ? 1 : 0;
    if (raw === 'true' || raw === 'false') return raw === 'true' ? 1 : 0;
    return fail('must be true or false');
  }
  if (values) {
    const i = typeof raw === 'string' ? values.indexOf(raw) : -1;
    if (i < 0) return fail('is not one of ' + values.filter((_, k) => k % 2 === 0).join(', '));
    return i >> 1;
  }
  if (type === 'region') {
    const s = String(raw);
    return /^\d{6}$/.test(s) ? Number(s) : fail('must be a 6-digit region code');
  }
  if (type.startsWith('money')) {
    if (typeof raw !== 'number' && typeof raw !== 'string') fail('must be an amount in yuan');
    const v = parseFraction(String(raw));
    if (!v || v[0] < 0) fail('must be a non-negative amount in yuan');
    const fen = v[0] * 100;
    if (fen % v[1] !== 0) fail('has more than two decimals (money is exact to the fen)');
    const value = fen / v[1];
    if (spec[3] === 'i32' && value > 2147483647) fail('is too large');
    return value;
  }
  const num = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof num !== 'number' || !Number.isFinite(num)) return fail('must be a number');
  if ((type === 'integer' || type === 'months') && !Number.isInteger(num)) fail('must be a whole number');
  if (min !== null && num < min) fail('is below ' + min);
  if (max !== null && num > max) fail('is above ' + max);
  return num;
}

function readRecord(fields, raw, where, skip) {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(where + ' must be an object');
  const cols = Object.create(null);
  for (const key of Object.keys(raw)) {
    if (skip.includes(key)) continue;
    if (!fields.some((f) => f[0] === key || f[1] === key)) throw new Error(where + 'unknown field "' + key + '"');
  }
  for (const f of fields) {
    const has = Object.prototype.hasOwnProperty;
    const key = has.call(raw, f[0]) ? f[0] : has.call(raw, f[1]) ? f[1] : undefined;
    if (f[3] === null) continue;
    if (key !== undefined) cols[f[0]] = readValue(f, raw[key], where);
    else if (f[7] === null) throw new Error(where + f[0] + ' is missing');
    else {
      // An optional field (schema version 2) left out: its default, a constant or another field's value.
      const d = f[7];
      cols[f[0]] = d[0] === 'value' ? d[1] : d[0] === 'same' ? cols[d[1]] : cols[d[1]] === 1 ? d[2] : d[3];
    }
  }
  return cols;
}

/** One household in the schema's JSON form (money in yuan) as a one-household population. */
export function readHousehold(household) {
  const hh = readRecord(FIELDS.household, household, '', ['members', '成员']);
  const members = household.members ?? household['成员'];
  if (!Array.isArray(members)) throw new Error('members must be a list');
  const people = members.map((m, i) => readRecord(FIELDS.person, m, 'members[' + i + '].', []));
  const column = (kind, n) => (kind === 'f64' ? new Float64Array(n) : kind === 'i32' ? new Int32Array(n) : kind === 'u16' ? new Uint16Array(n) : new Uint8Array(n));
  const pop = { households: 1, persons: people.length, memberStart: Int32Array.of(0, people.length), household: Object.create(null), person: Object.create(null) };
  for (const f of FIELDS.household) if (f[3]) (pop.household[f[0]] = column(f[3], 1))[0] = hh[f[0]];
  for (const f of FIELDS.person) {
    if (!f[3]) continue;
    const col = (pop.person[f[0]] = column(f[3], people.length));
    people.forEach((p, i) => (col[i] = p[f[0]]));
  }
  return pop;
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
  const result = Object.create(null);
  for (const o of outputs) {
    const v = out.columns[o.id][0];
    result[o.id] = o.values ? o.values[v] : o.type === 'bool' ? v === 1 : o.type.startsWith('money') ? v / 100 : v;
  }
  return { outputs: result };
}`;
