/**
 * Runtime text (emitted verbatim into every module): reading households in the schema's JSON form
 * (money in yuan, Chinese field names as aliases, optional fields with their defaults) from the
 * module's FIELDS, with every problem named by field as language/schema/household.ts names them;
 * and building a population of columns from the records that read cleanly.
 */
export const HOUSEHOLDS_SOURCE = String.raw`function describe(raw) {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'a list';
  if (typeof raw === 'string') return 'the text ' + JSON.stringify(raw.length > 40 ? raw.slice(0, 40) + '…' : raw);
  return typeof raw === 'object' ? 'an object' : String(raw);
}

// A money amount in yuan (a JSON number or decimal text, at most two decimals) as fen, or why not.
function moneyFen(raw) {
  let text;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return [false, 'is not a finite number'];
    text = String(raw);
    if (/e/i.test(text)) return [false, text + ' is not a plain decimal amount'];
  } else if (typeof raw === 'string') text = raw.trim();
  else return [false, 'must be an amount in yuan, not ' + describe(raw)];
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return [false, describe(raw) + ' is not an amount in yuan'];
  const frac = (m[3] || '').replace(/0+$/, '');
  if (frac.length > 2) return [false, text + ' has more than two decimals (money is exact to the fen)'];
  const whole = m[2].replace(/^0+(?=\d)/, '');
  if (m[1] === '-' && (whole !== '0' || frac !== '')) return [false, text + ' is negative'];
  const fen = whole.length > 15 ? Infinity : Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  if (fen > 9007199254740991) return [false, text + ' is too large'];
  return [true, fen];
}

// One field's raw value as its column stores it: [true, value] or [false, reason].
function readValue(spec, raw) {
  const [, , type, column, values, min, max] = spec;
  if (column === null) {
    if (typeof raw === 'string' && raw.length > 0) return [true, raw];
    if (typeof raw === 'number' && Number.isInteger(raw)) return [true, String(raw)];
    return [false, 'must be a non-empty text id, not ' + describe(raw)];
  }
  if (type === 'bool') {
    if (raw === true || raw === false) return [true, raw ? 1 : 0];
    if (raw === 'true' || raw === 'false') return [true, raw === 'true' ? 1 : 0];
    return [false, 'must be true or false, not ' + describe(raw)];
  }
  if (values) {
    const i = typeof raw === 'string' ? values.indexOf(raw) : -1;
    if (i < 0) return [false, describe(raw) + ' is not one of ' + values.filter((_, k) => k % 2 === 0).join(', ')];
    return [true, i >> 1];
  }
  if (type === 'region') {
    const s = typeof raw === 'number' ? String(raw) : raw;
    return typeof s === 'string' && /^\d{6}$/.test(s) ? [true, Number(s)] : [false, 'must be a 6-digit region code, not ' + describe(raw)];
  }
  if (type.startsWith('money')) {
    const r = moneyFen(raw);
    if (r[0] && column === 'i32' && r[1] > 2147483647) return [false, String(raw) + ' is above the largest amount this field holds (21474836.47)'];
    return r;
  }
  if (type === 'number') {
    const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : undefined;
    if (text === undefined || !/^-?\d+(?:\.\d+)?$/.test(text)) return [false, 'must be a decimal number such as 48.25, not ' + describe(raw)];
    const n = Number(text);
    if (min !== null && n < min) return [false, text + ' is below the minimum ' + min];
    if (max !== null && n > max) return [false, text + ' is above the maximum ' + max];
    if (text.replace(/[-.]/g, '').replace(/^0+/, '').length > SCHEMA.weightDigits) return [false, text + ' has more than ' + SCHEMA.weightDigits + ' significant digits'];
    return [true, n];
  }
  const n = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n)) return [false, 'must be a whole number, not ' + describe(raw)];
  if (min !== null && n < min) return [false, n + ' is below the minimum ' + min];
  if (max !== null && n > max) return [false, n + ' is above the maximum ' + max];
  return [true, n];
}

const isRecord = (x) => typeof x === 'object' && x !== null && !Array.isArray(x);

// Each field of a record by its id and by its Chinese name (made once, on first use).
const FIELD_NAMES = new Map();
function fieldNamed(fields, key) {
  let names = FIELD_NAMES.get(fields);
  if (!names) {
    names = new Map();
    for (const f of fields) names.set(f[0], f).set(f[1], f);
    FIELD_NAMES.set(fields, names);
  }
  return names.get(key);
}

// One record's fields (by id or Chinese name) as column values; problems are added to the list.
function readRecord(fields, raw, prefix, skip, problems) {
  const cols = Object.create(null);
  const seen = Object.create(null);
  for (const key of Object.keys(raw)) {
    if (skip.includes(key)) continue;
    const f = fieldNamed(fields, key);
    if (!f) {
      problems.push({ field: prefix + key, reason: 'unknown field "' + key + '"' });
      continue;
    }
    if (seen[f[0]] !== undefined) {
      problems.push({ field: prefix + key, reason: 'gives ' + f[0] + ' twice (also as "' + seen[f[0]] + '")' });
      continue;
    }
    seen[f[0]] = key;
    const r = readValue(f, raw[key]);
    if (!r[0]) problems.push({ field: prefix + f[0], reason: r[1] });
    else cols[f[0]] = r[1];
  }
  for (const f of fields) {
    // Ids are not read by rules: a service may leave them out.
    if (seen[f[0]] !== undefined || f[3] === null || f[7] !== null) continue;
    problems.push({ field: prefix + f[0], reason: 'is missing' });
  }
  // An optional field (schema version 2) left out: its default, a constant or another field's value.
  for (const f of fields) {
    const d = f[7];
    if (d === null || seen[f[0]] !== undefined) continue;
    cols[f[0]] = d[0] === 'value' ? d[1] : d[0] === 'same' ? cols[d[1]] : cols[d[1]] === 1 ? d[2] : d[3];
  }
  return cols;
}

// A household and its members as column values, with every problem named by field.
function readOne(household) {
  const problems = [];
  if (!isRecord(household)) return { problems: [{ field: '', reason: 'a household must be a JSON object, not ' + describe(household) }] };
  const hh = readRecord(FIELDS.household, household, '', ['members', '成员'], problems);
  const members = household.members !== undefined ? household.members : household['成员'];
  const people = [];
  if (household.members !== undefined && household['成员'] !== undefined) problems.push({ field: '成员', reason: 'gives members twice (also as "members")' });
  else if (members === undefined) problems.push({ field: 'members', reason: 'is missing (use [] for a household with no members)' });
  else if (!Array.isArray(members)) problems.push({ field: 'members', reason: 'must be a list of persons, not ' + describe(members) });
  else if (members.length > SCHEMA.maxMembers) problems.push({ field: 'members', reason: 'has ' + members.length + ' persons; a household has at most ' + SCHEMA.maxMembers });
  else
    members.forEach((m, i) => {
      if (!isRecord(m)) {
        problems.push({ field: 'members[' + i + ']', reason: 'must be a person object, not ' + describe(m) });
        return;
      }
      const p = readRecord(FIELDS.person, m, 'members[' + i + '].', [], problems);
      if (p.household_id !== undefined && hh.household_id !== undefined && p.household_id !== hh.household_id) problems.push({ field: 'members[' + i + '].household_id', reason: 'is ' + p.household_id + ' but the household is ' + hh.household_id });
      people.push(p);
    });
  return { hh, people, problems };
}

/**
 * Checks one household in the schema's JSON form without evaluating it. Returns its problems,
 * each { field, reason } (field: "vehicles", "members[1].age", "" for the record itself); none
 * when it can be evaluated.
 */
export function validate(household) {
  return readOne(household).problems;
}

// Households read cleanly (readOne) as one population of columns, in order.
function populationOf(records) {
  let persons = 0;
  for (const r of records) persons += r.people.length;
  const column = (kind, n) => (kind === 'f64' ? new Float64Array(n) : kind === 'i32' ? new Int32Array(n) : kind === 'u16' ? new Uint16Array(n) : new Uint8Array(n));
  const pop = { households: records.length, persons, memberStart: new Int32Array(records.length + 1), household: Object.create(null), person: Object.create(null) };
  for (const f of FIELDS.household) if (f[3]) pop.household[f[0]] = column(f[3], records.length);
  for (const f of FIELDS.person) if (f[3]) pop.person[f[0]] = column(f[3], persons);
  let p = 0;
  records.forEach((r, h) => {
    pop.memberStart[h] = p;
    for (const f of FIELDS.household) if (f[3]) pop.household[f[0]][h] = r.hh[f[0]];
    for (const m of r.people) {
      for (const f of FIELDS.person) if (f[3]) pop.person[f[0]][p] = m[f[0]];
      p++;
    }
  });
  pop.memberStart[records.length] = p;
  return pop;
}

/** One household (the schema's JSON form) as a one-household population. Throws an Error naming the first bad field. */
export function readHousehold(household) {
  const r = readOne(household);
  if (r.problems.length) {
    const p = r.problems[0];
    throw new Error(p.field ? p.field + ' ' + p.reason : p.reason);
  }
  return populationOf([r]);
}`;
