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

const FIELDS = { household: [["household_id","家庭编号","id",null,null,null,null,null],["weight","权重","number","f64",null,0,null,null],["region","行政区划代码","region","i32",null,null,null,null],["area","城乡类别","area","u8",["urban","城镇","rural","农村"],null,null,null],["hukou_local","本地户籍","bool","u8",null,null,null,null],["residence_permit","持居住证","bool","u8",null,null,null,null],["financial_assets","金融资产","money","f64",null,null,null,null],["vehicles","机动车数量","integer","u16",null,0,65535,null],["houses","住房套数","integer","u16",null,0,65535,null],["medical_costs","医疗自付支出","money/year","i32",null,null,null,null],["education_costs","教育支出","money/year","i32",null,null,null,null],["emergency_cost","急难支出","money","i32",null,null,null,null],["dibao_last_month","上月享受低保","bool","u8",null,null,null,null],["last_benefit","上月低保金","money/month","i32",null,null,null,null],["grace_months_used","已享受渐退月数","months","u8",null,0,255,null],["hukou_area","户籍城乡类别","area","u8",["urban","城镇","rural","农村"],null,null,["same","area"]],["last_dibao_status","上月低保状态","dibao_status","u8",["none","无","regular","常规低保","grace","渐退期","single","单人户"],null,null,["when","dibao_last_month",1,0]]], person: [["person_id","成员编号","id",null,null,null,null,null],["household_id","家庭编号","id",null,null,null,null,null],["relation","与户主关系","relation","u8",["head","户主","spouse","配偶","child","子女","parent","父母","grandchild","孙子女","sibling","兄弟姐妹","other","其他亲属"],null,null,null],["age","年龄","integer","u8",null,0,150,null],["sex","性别","sex","u8",["male","男","female","女"],null,null,null],["co_resident","共同生活","bool","u8",null,null,null,null],["excluded_status","不计入情形","excluded_status","u8",["none","无","clergy_away","宗教教职人员","prisoner","服刑人员","rehab","强制隔离戒毒","missing","宣告失踪"],null,null,null],["student","全日制在校","bool","u8",null,null,null,null],["work_ability","劳动能力","work_ability","u8",["full","完全劳动能力","partial","部分劳动能力","none","无劳动能力"],null,null,null],["disability_grade","残疾等级","integer","u8",null,0,4,null],["disability_type","残疾类别","disability_type","u8",["none","无","physical","肢体","visual","视力","hearing","听力","speech","言语","intellectual","智力","mental","精神","multiple","多重"],null,null,null],["catastrophic_illness","重特大疾病","bool","u8",null,null,null,null],["self_care","自理能力","self_care","u8",["full","全自理","partial","半失能","none","全失能"],null,null,null],["employed","就业","bool","u8",null,null,null,null],["wage_income","工资性收入","money/month","i32",null,null,null,null],["business_income","经营净收入","money/month","i32",null,null,null,null],["property_income","财产净收入","money/month","i32",null,null,null,null],["transfer_income","转移净收入","money/month","i32",null,null,null,null],["basic_pension","城乡居民基础养老金","money/month","i32",null,null,null,null],["excluded_income","不计入收入","money/month","i32",null,null,null,null],["has_capable_supporter","有履行能力的赡养人","bool","u8",null,null,null,null],["poverty_alleviated","脱贫人口","bool","u8",null,null,null,["value",0]],["relapse_monitoring","防返贫监测对象","bool","u8",null,null,null,["value",0]],["child_status","困境儿童类别","child_status","u8",["none","无","orphan","孤儿","unsupported","事实无人抚养儿童"],null,null,["value",0]],["entitled_group","优抚对象","bool","u8",null,null,null,["value",0]],["unemployment_insurance","领取失业保险金","bool","u8",null,null,null,["value",0]],["institutional_care","集中供养","bool","u8",null,null,null,["value",0]]] };

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

function settingValue(p, raw) {
  const fail = (why) => {
    throw new Error('--set ' + p.id + '=' + raw + ': ' + why);
  };
  if (!p.settable) fail(p.id + ' cannot be set');
  const text = String(raw).trim();
  switch (p.type) {
    case 'bool':
      if (raw === true || raw === false) return [raw ? 1 : 0, 1];
      if (text === 'true' || text === 'false') return [text === 'true' ? 1 : 0, 1];
      return fail('expected true or false');
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? [dayNumber(text), 1] : fail('expected a date YYYY-MM-DD');
    case 'region':
      return /^\d{6}$/.test(text) ? [Number(text), 1] : fail('expected a 6-digit region code');
    default: {
      if (p.enum) {
        const i = p.enum.indexOf(text);
        return i >= 0 ? [i, 1] : fail('expected one of ' + p.enum.join(', '));
      }
      const v = parseFraction(text.replace(/^[¥￥]/, '').replace(/元$/, '').replace(/\s*months?$/, ''));
      if (!v) return fail(p.type.startsWith('money') ? 'expected an amount in yuan, e.g. 1600 or 1600.50' : p.type === 'rate' ? 'expected a rate, e.g. 3.5% or 0.035' : 'expected a number');
      if ((p.type === 'integer' || p.type === 'months') && v[1] !== 1) fail('expected a whole number');
      if (p.type.startsWith('money')) {
        const fen = v[0] * 100;
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
  const date = options.date;
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error('the date must be YYYY-MM-DD, not ' + String(date));
  const eff = policy.effective;
  if (date < eff.from) throw new Error('policy ' + policy.id + ' has no value in force on ' + date + ': it is in force from ' + eff.from);
  if (eff.to && date > eff.to) throw new Error('policy ' + policy.id + ' has no value in force on ' + date + ': it is in force until ' + eff.to);
  const sets = options.sets || {};
  const has = (key) => Object.prototype.hasOwnProperty.call(sets, key);
  for (const key of Object.keys(sets)) {
    const dot = key.indexOf('.');
    const id = dot < 0 ? key : key.slice(0, dot);
    const p = PARAMS.find((x) => x.id === id && x.settable);
    if (!p) throw new Error('--set ' + key + ': no parameter or input of ' + policy.id + ' has that name');
    if (dot >= 0 && !(p.values && p.values.includes(key.slice(dot + 1)))) throw new Error('--set ' + key + ': ' + id + (p.values ? ' has no entry ' + key.slice(dot + 1) + ' (entries: ' + p.values.join(', ') + ')' : ' has no entries'));
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
    const whole = has(p.id) ? settingValue(p, sets[p.id]) : undefined;
    const entries = p.values ? p.values.map((k) => (has(p.id + '.' + k) ? settingValue(p, sets[p.id + '.' + k]) : whole)) : [whole];
    for (let r = 0; r < codes.length; r++) {
      let values;
      if (entries.every((x) => x !== undefined)) values = entries;
      else {
        const block = p.kind === 'input' ? { values: p.defaults, where: '' } : regionBlock(p, codes[r]);
        let hit = null;
        for (const v of block.values) if (v.from <= date) hit = v;
        if (!hit) {
          const first = block.values.length ? ' (its first value is from ' + block.values[0].from + ')' : '';
          throw new Error('parameter ' + p.id + ' has no value in force on ' + date + block.where + first);
        }
        values = hit.v.map((x, i) => entries[i] || (typeof x === 'number' ? FORMULAS[x](n, d, r, day) : x));
      }
      for (let i = 0; i < w; i++) {
        N[r * w + i] = values[i][0];
        D[r * w + i] = values[i][1];
        if (p.divisor && values[i][0] === 0) throw new Error('parameter ' + p.id + ' is 0 on ' + date + ' and rules divide by it');
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

function readValue(spec, raw, where) {
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
