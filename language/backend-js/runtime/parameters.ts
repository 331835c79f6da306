/**
 * Runtime text (emitted verbatim into every module): the regions of a population, parameter
 * values resolved for a date, regions and settings from the module's PARAMS and FORMULAS, and
 * output columns.
 */
export const PARAMETERS_SOURCE = String.raw`/** Region codes of a population and each household's slot among them. */
export function regionsOf(pop) {
  const codes = [];
  const index = new Map();
  const slot = new Uint16Array(pop.households);
  const col = pop.household.region;
  for (let h = 0; h < pop.households; h++) {
    const c = col[h];
    let s = index.get(c);
    if (s === undefined) {
      s = codes.length;
      index.set(c, s);
      codes.push(String(c).padStart(6, '0'));
    }
    slot[h] = s;
  }
  return { codes, slot };
}

function regionBlock(p, code) {
  let best = null;
  let rank = 0;
  for (const b of p.regions) {
    for (const c of b.codes) {
      const k = c === code ? 3 : c.endsWith('00') && !c.endsWith('0000') && c.slice(0, 4) === code.slice(0, 4) ? 2 : c.endsWith('0000') && c.slice(0, 2) === code.slice(0, 2) ? 1 : 0;
      if (k > rank) {
        rank = k;
        best = { values: b.values, where: k === 3 ? ' in region ' + code : k === 2 ? ' in region ' + code + ' (prefecture block)' : ' in region ' + code + ' (province block)' };
      }
    }
  }
  return best || { values: p.defaults, where: p.regions.length ? ' for region ' + code : '' };
}

// An Error about the options, naming the option (date, sets.<key>) and the reason apart for evaluateRecord.
function optionError(field, reason, message) {
  const e = new Error(message || reason);
  e.field = field;
  e.reason = reason;
  return e;
}

// A real calendar date YYYY-MM-DD (2024-02-30 is not one).
function isDate(text) {
  return typeof text === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(dayNumber(text) * 86400000).toISOString().slice(0, 10) === text;
}

// A setting's value, in the parameter's own units only: ¥ or 元 for money, % for a rate, months for months.
function settingValue(p, key, raw) {
  const fail = (why) => {
    throw optionError('sets.' + key, why, '--set ' + key + '=' + raw + ': ' + why);
  };
  if (!p.settable) fail(p.id + ' cannot be set');
  const text = String(raw).trim();
  switch (p.type) {
    case 'bool':
      if (raw === true || raw === false) return [raw ? 1 : 0, 1];
      if (text === 'true' || text === 'false') return [text === 'true' ? 1 : 0, 1];
      return fail('expected true or false');
    case 'date':
      return isDate(text) ? [dayNumber(text), 1] : fail('expected a date YYYY-MM-DD');
    case 'region':
      return /^\d{6}$/.test(text) ? [Number(text), 1] : fail('expected a 6-digit region code');
    default: {
      if (p.enum) {
        const i = p.enum.indexOf(text);
        return i >= 0 ? [i, 1] : fail('expected one of ' + p.enum.join(', '));
      }
      const money = p.type.startsWith('money');
      const unit = money ? text.replace(/^[¥￥]\s*/, '').replace(/\s*元$/, '') : p.type === 'months' ? text.replace(/\s*(?:months?|个月)$/, '') : text;
      const expected = money ? 'expected an amount in yuan, e.g. 1600 or 1600.50' : p.type === 'rate' ? 'expected a rate, e.g. 3.5% or 0.035' : 'expected a number';
      if (unit.endsWith('%') && p.type !== 'rate') return fail(expected + ', not a percentage');
      const v = parseFraction(unit);
      if (!v) return fail(expected);
      if ((p.type === 'integer' || p.type === 'months') && v[1] !== 1) fail('expected a whole number');
      if (money) {
        const fen = v[0] * 100;
        if (!Number.isSafeInteger(fen)) fail('the amount is too large');
        if (fen % v[1] !== 0) fail('money is exact to the fen: at most two decimals');
        return [fen / v[1], 1];
      }
      return v;
    }
  }
}

/**
 * Parameter values for a date and the given region codes, as n/d arrays (slot * width + index).
 * options: { date: 'YYYY-MM-DD', sets: { id: value } }. Throws an Error naming what is missing.
 */
export function resolveParameters(options, codes) {
  if (typeof options !== 'object' || options === null) throw optionError('options', 'must be an object { date, sets }');
  const date = options.date;
  if (!isDate(date)) throw optionError('date', 'the date must be YYYY-MM-DD, not ' + String(date));
  const eff = policy.effective;
  if (date < eff.from) throw optionError('date', 'policy ' + policy.id + ' has no value in force on ' + date + ': it is in force from ' + eff.from);
  if (eff.to && date > eff.to) throw optionError('date', 'policy ' + policy.id + ' has no value in force on ' + date + ': it is in force until ' + eff.to);
  const sets = options.sets || {};
  if (typeof sets !== 'object' || Array.isArray(sets)) throw optionError('sets', 'must be an object { parameter id: value }');
  const has = (key) => Object.prototype.hasOwnProperty.call(sets, key);
  for (const key of Object.keys(sets)) {
    const dot = key.indexOf('.');
    const id = dot < 0 ? key : key.slice(0, dot);
    const p = PARAMS.find((x) => x.id === id && x.settable);
    if (!p) throw optionError('sets.' + key, 'no parameter or input of ' + policy.id + ' has that name', '--set ' + key + ': no parameter or input of ' + policy.id + ' has that name');
    if (dot >= 0 && !(p.values && p.values.includes(key.slice(dot + 1)))) {
      const why = id + (p.values ? ' has no entry ' + key.slice(dot + 1) + ' (entries: ' + p.values.join(', ') + ')' : ' has no entries');
      throw optionError('sets.' + key, why, '--set ' + key + ': ' + why);
    }
  }
  const day = dayNumber(date);
  const n = Object.create(null);
  const d = Object.create(null);
  for (const p of PARAMS) {
    const w = p.width;
    const N = new Float64Array(codes.length * w);
    const D = new Float64Array(codes.length * w);
    n[p.id] = N;
    d[p.id] = D;
    const whole = has(p.id) ? settingValue(p, p.id, sets[p.id]) : undefined;
    const entries = p.values ? p.values.map((k) => (has(p.id + '.' + k) ? settingValue(p, p.id + '.' + k, sets[p.id + '.' + k]) : whole)) : [whole];
    for (let r = 0; r < codes.length; r++) {
      let values;
      if (entries.every((x) => x !== undefined)) values = entries;
      else {
        const block = p.kind === 'input' ? { values: p.defaults, where: '' } : regionBlock(p, codes[r]);
        let hit = null;
        for (const v of block.values) if (v.from <= date) hit = v;
        if (!hit) {
          const first = block.values.length ? ' (its first value is from ' + block.values[0].from + ')' : '';
          throw optionError('date', 'parameter ' + p.id + ' has no value in force on ' + date + block.where + first);
        }
        values = hit.v.map((x, i) => entries[i] || (typeof x === 'number' ? FORMULAS[x](n, d, r, day) : x));
      }
      for (let i = 0; i < w; i++) {
        N[r * w + i] = values[i][0];
        D[r * w + i] = values[i][1];
        if (p.divisor && values[i][0] === 0) throw optionError(has(p.id) ? 'sets.' + p.id : 'date', 'parameter ' + p.id + ' is 0 on ' + date + ' and rules divide by it');
      }
    }
  }
  return { date, day, codes, n, d };
}

/** Output columns for n households: out.columns[id] (money in fen) and out.errors (0, or a site of SITES + 1). */
export function allocateOutputs(n) {
  const columns = Object.create(null);
  for (const o of outputs) columns[o.id] = o.column === 'u8' ? new Uint8Array(n) : o.column === 'i32' ? new Int32Array(n) : new Float64Array(n);
  return { errors: new Uint16Array(n), columns };
}`;
