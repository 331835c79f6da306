// Doudi compiled policy: province — a province
// Compiled from test/golden/cases/composition/input.doudi by doudi 0.1.0. Do not edit: edit the policy and compile again.
// Money is in fen inside this module and in yuan at evaluate(); every number is an exact fraction.
// Sources:
//   57号: 最低生活保障审核确认办法
//   浙: province rules

export const policy = {"id":"province","label":"a province","region":"330000","effective":{"from":"2024-01-01"},"file":"test/golden/cases/composition/input.doudi","chain":[{"id":"province","file":"test/golden/cases/composition/input.doudi"},{"id":"national","file":"test/golden/cases/composition/framework.doudi"}],"documents":[{"key":"57号","title":"最低生活保障审核确认办法","policy":"national"},{"key":"浙","title":"province rules","policy":"province"}]};

export const outputs = [{"id":"eligible","label":"符合低保","type":"bool","column":"u8","cite":["57号 §9"]},{"id":"edge","label":"低保边缘","type":"bool","column":"u8","cite":["57号 §8"]},{"id":"raised","label":null,"type":"money/month","column":"f64","cite":["浙 §4"]}];

/** Error sites: out.errors[h] = i + 1 for SITES[i]. */
export const SITES = [{"kind":"overflow","definition":"","message":"a value is beyond the exact range of the compiled code (2^53)","file":"test/golden/cases/composition/input.doudi","line":1}];

const PARAMS = [{"id":"dibao_standard","kind":"parameter","type":"money/month","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2024-01-01","v":[[114500,1]]}],"regions":[]},{"id":"edge_multiple","kind":"parameter","type":"number","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2024-01-01","v":[[2,1]]}],"regions":[]}];

const FIELDS = { household: [["household_id","家庭编号","id",null,null,null,null,null],["weight","权重","number","f64",null,0,1000000000,null],["region","行政区划代码","region","i32",null,null,null,null],["area","城乡类别","area","u8",["urban","城镇","rural","农村"],null,null,null],["hukou_local","本地户籍","bool","u8",null,null,null,null],["residence_permit","持居住证","bool","u8",null,null,null,null],["financial_assets","金融资产","money","f64",null,null,null,null],["vehicles","机动车数量","integer","u16",null,0,65535,null],["houses","住房套数","integer","u16",null,0,65535,null],["medical_costs","医疗自付支出","money/year","i32",null,null,null,null],["education_costs","教育支出","money/year","i32",null,null,null,null],["emergency_cost","急难支出","money","i32",null,null,null,null],["dibao_last_month","上月享受低保","bool","u8",null,null,null,null],["last_benefit","上月低保金","money/month","i32",null,null,null,null],["grace_months_used","已享受渐退月数","months","u8",null,0,255,null],["hukou_area","户籍城乡类别","area","u8",["urban","城镇","rural","农村"],null,null,["same","area"]],["last_dibao_status","上月低保状态","dibao_status","u8",["none","无","regular","常规低保","grace","渐退期","single","单人户"],null,null,["when","dibao_last_month",1,0]]], person: [["person_id","成员编号","id",null,null,null,null,null],["household_id","家庭编号","id",null,null,null,null,null],["relation","与户主关系","relation","u8",["head","户主","spouse","配偶","child","子女","parent","父母","grandchild","孙子女","sibling","兄弟姐妹","other","其他亲属"],null,null,null],["age","年龄","integer","u8",null,0,150,null],["sex","性别","sex","u8",["male","男","female","女"],null,null,null],["co_resident","共同生活","bool","u8",null,null,null,null],["excluded_status","不计入情形","excluded_status","u8",["none","无","clergy_away","宗教教职人员","prisoner","服刑人员","rehab","强制隔离戒毒","missing","宣告失踪"],null,null,null],["student","全日制在校","bool","u8",null,null,null,null],["work_ability","劳动能力","work_ability","u8",["full","完全劳动能力","partial","部分劳动能力","none","无劳动能力"],null,null,null],["disability_grade","残疾等级","integer","u8",null,0,4,null],["disability_type","残疾类别","disability_type","u8",["none","无","physical","肢体","visual","视力","hearing","听力","speech","言语","intellectual","智力","mental","精神","multiple","多重"],null,null,null],["catastrophic_illness","重特大疾病","bool","u8",null,null,null,null],["self_care","自理能力","self_care","u8",["full","全自理","partial","半失能","none","全失能"],null,null,null],["employed","就业","bool","u8",null,null,null,null],["wage_income","工资性收入","money/month","i32",null,null,null,null],["business_income","经营净收入","money/month","i32",null,null,null,null],["property_income","财产净收入","money/month","i32",null,null,null,null],["transfer_income","转移净收入","money/month","i32",null,null,null,null],["basic_pension","城乡居民基础养老金","money/month","i32",null,null,null,null],["excluded_income","不计入收入","money/month","i32",null,null,null,null],["has_capable_supporter","有履行能力的赡养人","bool","u8",null,null,null,null],["poverty_alleviated","脱贫人口","bool","u8",null,null,null,["value",0]],["relapse_monitoring","防返贫监测对象","bool","u8",null,null,null,["value",0]],["child_status","困境儿童类别","child_status","u8",["none","无","orphan","孤儿","unsupported","事实无人抚养儿童"],null,null,["value",0]],["entitled_group","优抚对象","bool","u8",null,null,null,["value",0]],["unemployment_insurance","领取失业保险金","bool","u8",null,null,null,["value",0]],["institutional_care","集中供养","bool","u8",null,null,null,["value",0]]] };
const SCHEMA = {"maxMembers":100,"weightDigits":17};

const FORMULAS = [];

function gcd(a, b) {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

// floor(x / y) for safe integers, y > 0, exact even where x / y rounds to an integer.
function divFloor(x, y) {
  let q = Math.floor(x / y);
  const r = x - q * y;
  if (r < 0) q -= 1;
  else if (r >= y) q += 1;
  return q;
}

// Whole steps in x / y (y > 0): half away from zero (mode 0), up (1) or down (2).
// NaN when an operand is past 2^53, where float64 is no longer exact.
function roundSteps(x, y, mode) {
  if (!(Math.abs(x) <= 9007199254740991 && y <= 9007199254740991)) return NaN;
  const k = divFloor(x, y);
  const r = x - k * y;
  if (mode === 2 || r === 0) return k;
  if (mode === 1) return k + 1;
  const twice = 2 * r;
  return x >= 0 ? (twice >= y ? k + 1 : k) : twice > y ? k + 1 : k;
}

// "1600", "-0.035", "3.5%", "1/3" as [n, d], or undefined.
function parseFraction(text) {
  let t = String(text).trim();
  let scale = 1;
  if (t.endsWith('%')) {
    t = t.slice(0, -1);
    scale = 100;
  }
  const slash = t.indexOf('/');
  if (slash > 0) {
    const a = parseFraction(t.slice(0, slash));
    const b = parseFraction(t.slice(slash + 1));
    if (!a || !b || b[0] === 0) return undefined;
    let n = a[0] * b[1];
    let d = a[1] * b[0] * scale;
    if (d < 0) {
      n = -n;
      d = -d;
    }
    const g = gcd(n, d) || 1;
    return [n / g, d / g];
  }
  const m = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return undefined;
  const frac = m[3] || '';
  const n = Number((m[2] || '') + frac) * (m[1] === '-' ? -1 : 1);
  const d = Math.pow(10, frac.length) * scale;
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d)) return undefined;
  const g = gcd(n, d) || 1;
  return [n / g, d / g];
}

// Days since 1970-01-01 of a YYYY-MM-DD date.
function dayNumber(date) {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86400000;
}

/** Region codes of a population and each household's slot among them. */
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
}

function describe(raw) {
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
}

// Output values of household h in evaluate()'s form: money in yuan, enums by id, bools as booleans.
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
}

/**
 * Evaluates households [from, to) of a population held as columns. Writes every output and, for
 * a household whose evaluation failed, a non-zero error site (see SITES) to out.errors.
 * out is { errors: Uint16Array, columns: { [output id]: typed array } } from allocateOutputs.
 * Returns the number of households with an error.
 */
export function evaluateBatch(pop, regions, params, out, from = 0, to = pop.households) {
  const P_co_resident = pop.person["co_resident"];
  const P_wage_income = pop.person["wage_income"];
  const P_business_income = pop.person["business_income"];
  const pn_dibao_standard = params.n["dibao_standard"][0];
  const pn_edge_multiple = params.n["edge_multiple"][0];
  const pd_edge_multiple = params.d["edge_multiple"][0];
  const DAY = params.day;
  const MS = pop.memberStart;
  const E = out.errors;
  const O_eligible = out.columns["eligible"];
  const O_edge = out.columns["edge"];
  const O_raised = out.columns["raised"];
  let maxMembers = 1;
  for (let h = from; h < to; h++) if (MS[h + 1] - MS[h] > maxMembers) maxMembers = MS[h + 1] - MS[h];
  // raised [浙 §4]
  const t0 = pn_dibao_standard * 11;
  const h_raised = (t0 === 0 ? 0 : t0 < 4503599627370496 && t0 > -4503599627370496 && (10 * 100) < 9007199254740992 ? (t0 >= 0 ? Math.round(t0 / (10 * 100)) : 0 - Math.round(-t0 / (10 * 100))) : roundSteps(t0, 10 * 100, 0)) * 100;
  let errors = 0;
  for (let h = from; h < to; h++) {
    const ps = MS[h], pe = MS[h + 1];
    let err = 0;
    let t1 = 0;
    let t2 = 0;
    for (let p = ps, j = 0; p < pe; p++, j++) {
      // count_members [57号 §7]
      if (P_co_resident[p] !== 0) {
        t1++;
      }
      // income [浙 §3]
      if (P_co_resident[p] !== 0) {
        t2 += P_wage_income[p] + P_business_income[p];
      }
    }
    const h_count_members = t1;
    const h_income = t2;
    // pci [57号 §13]
    let t3, t3d;
    if (h_count_members > 0) {
      t3 = h_income; t3d = h_count_members;
    } else {
      t3 = 0; t3d = 1;
    }
    const h_pci = t3, hd_pci = t3d;
    // eligible 符合低保 [57号 §9]
    const h_eligible = (h_count_members > 0) && (h_pci < pn_dibao_standard * hd_pci);
    // edge 低保边缘 [57号 §8]
    let t5 = !h_eligible;
    if (t5) {
      const t4 = pn_edge_multiple * pn_dibao_standard;
      t5 = h_pci * pd_edge_multiple < t4 * hd_pci;
    }
    const h_edge = t5;
    O_eligible[h] = h_eligible ? 1 : 0;
    O_edge[h] = h_edge ? 1 : 0;
    if (h_raised !== h_raised && err === 0) err = 1;
    O_raised[h] = h_raised;
    E[h] = err;
    if (err !== 0) errors++;
  }
  return errors;
}
