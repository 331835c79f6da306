// Doudi compiled policy: shanghai — 上海市最低生活保障、特困供养、价格补贴与临时救助（参考政策）
// Compiled from policies/shanghai/shanghai.doudi by doudi 0.1.0. Do not edit: edit the policy and compile again.
// Money is in fen inside this module and in yuan at evaluate(); every number is an exact fraction.
// Sources:
//   ref: Doudi reference policy: Shanghai, from 2023-07-01 (conformance specification)
//   57号: 最低生活保障审核确认办法（民发〔2021〕57号）
//   43号: 特困人员认定办法（民发〔2021〕43号）
//   沪2023: 上海市民政局等关于调整本市最低生活保障标准的通知（2023）
//   沪2024: 上海市民政局等关于调整本市社会救助标准的通知（2024）
//   2022通知: 民政部 财政部关于进一步做好最低生活保障等社会救助兜底保障工作的通知（2022）
//   2016价格: 关于进一步完善社会救助和保障标准与物价上涨挂钩联动机制的通知（2016）

export const policy = {"id":"shanghai","label":"上海市最低生活保障、特困供养、价格补贴与临时救助（参考政策）","region":"310000","effective":{"from":"2023-07-01"},"file":"policies/shanghai/shanghai.doudi","chain":[{"id":"shanghai","file":"policies/shanghai/shanghai.doudi"}],"documents":[{"key":"ref","title":"Doudi reference policy: Shanghai, from 2023-07-01 (conformance specification)","policy":"shanghai"},{"key":"57号","title":"最低生活保障审核确认办法（民发〔2021〕57号）","policy":"shanghai"},{"key":"43号","title":"特困人员认定办法（民发〔2021〕43号）","policy":"shanghai"},{"key":"沪2023","title":"上海市民政局等关于调整本市最低生活保障标准的通知（2023）","policy":"shanghai"},{"key":"沪2024","title":"上海市民政局等关于调整本市社会救助标准的通知（2024）","policy":"shanghai"},{"key":"2022通知","title":"民政部 财政部关于进一步做好最低生活保障等社会救助兜底保障工作的通知（2022）","policy":"shanghai"},{"key":"2016价格","title":"关于进一步完善社会救助和保障标准与物价上涨挂钩联动机制的通知（2016）","policy":"shanghai"}]};

export const outputs = [{"id":"tekun_persons","label":"特困供养人数","type":"integer","column":"i32","cite":["ref §3"]},{"id":"tekun_benefit","label":"特困供养金合计","type":"money/month","column":"f64","cite":["ref §3"]},{"id":"per_capita_income","label":"家庭人均收入","type":"money/month","column":"f64","cite":["ref §4"]},{"id":"edge_family","label":"低保边缘家庭","type":"bool","column":"u8","cite":["57号 §8","ref §8"]},{"id":"dibao_status","label":"低保状态","type":"dibao_status","column":"u8","values":["none","regular","grace","single"],"cite":["ref §6"]},{"id":"dibao_benefit","label":"低保金","type":"money/month","column":"f64","cite":["57号 §23"]},{"id":"dibao_persons","label":"低保保障人数","type":"integer","column":"i32","cite":["ref §6"]},{"id":"price_subsidy","label":"价格临时补贴","type":"money/month","column":"f64","cite":["ref §10"]},{"id":"temporary_assistance","label":"临时救助金","type":"money","column":"f64","cite":["ref §11"]},{"id":"help_first","label":"先行救助","type":"bool","column":"u8","cite":["ref §11"]},{"id":"total_monthly","label":"月度救助合计","type":"money/month","column":"f64","cite":["ref §4"]}];

/** Error sites: out.errors[h] = i + 1 for SITES[i]. */
export const SITES = [{"kind":"exception","definition":"dibao_status","message":"dibao_status: exception regular_case and another that applies give different results (policies/shanghai/shanghai.doudi:159)","file":"policies/shanghai/shanghai.doudi","line":159},{"kind":"exception","definition":"dibao_status","message":"dibao_status: exception grace_case and another that applies give different results (policies/shanghai/shanghai.doudi:159)","file":"policies/shanghai/shanghai.doudi","line":159},{"kind":"exception","definition":"dibao_status","message":"dibao_status: exception single_case and another that applies give different results (policies/shanghai/shanghai.doudi:159)","file":"policies/shanghai/shanghai.doudi","line":159},{"kind":"exception","definition":"dibao_benefit","message":"dibao_benefit: exception regular_case and another that applies give different results (policies/shanghai/shanghai.doudi:164)","file":"policies/shanghai/shanghai.doudi","line":164},{"kind":"exception","definition":"dibao_benefit","message":"dibao_benefit: exception grace_case and another that applies give different results (policies/shanghai/shanghai.doudi:164)","file":"policies/shanghai/shanghai.doudi","line":164},{"kind":"exception","definition":"dibao_benefit","message":"dibao_benefit: exception single_case and another that applies give different results (policies/shanghai/shanghai.doudi:164)","file":"policies/shanghai/shanghai.doudi","line":164},{"kind":"exception","definition":"dibao_persons","message":"dibao_persons: exception regular_case and another that applies give different results (policies/shanghai/shanghai.doudi:169)","file":"policies/shanghai/shanghai.doudi","line":169},{"kind":"exception","definition":"dibao_persons","message":"dibao_persons: exception grace_case and another that applies give different results (policies/shanghai/shanghai.doudi:169)","file":"policies/shanghai/shanghai.doudi","line":169},{"kind":"exception","definition":"dibao_persons","message":"dibao_persons: exception single_case and another that applies give different results (policies/shanghai/shanghai.doudi:169)","file":"policies/shanghai/shanghai.doudi","line":169},{"kind":"overflow","definition":"","message":"a value is beyond the exact range of the compiled code (2^53)","file":"policies/shanghai/shanghai.doudi","line":1}];

const PARAMS = [{"id":"dibao_standard","kind":"parameter","type":"money/month","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[151000,1]]},{"from":"2024-07-01","v":[[159500,1]]}],"regions":[]},{"id":"tekun_standard","kind":"parameter","type":"money/month","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[196500,1]]},{"from":"2024-07-01","v":[[207500,1]]}],"regions":[]},{"id":"edge_multiple","kind":"parameter","type":"number","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[2,1]]}],"regions":[]},{"id":"employment_exemption","kind":"parameter","type":"money/month","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[87000,1]]}],"regions":[]},{"id":"minimum_wage","kind":"parameter","type":"money/month","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[269000,1]]}],"regions":[]},{"id":"assets_months","kind":"parameter","type":"months","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[24,1]]}],"regions":[]},{"id":"grace_months","kind":"parameter","type":"months","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[6,1]]}],"regions":[]},{"id":"care_fraction","kind":"parameter","type":"number","by":"self_care","values":["full","partial","none"],"width":3,"divisor":false,"settable":false,"defaults":[{"from":"2023-07-01","v":[[1,10],[1,6],[1,3]]}],"regions":[]},{"id":"emergency_cap_months","kind":"parameter","type":"months","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[6,1]]}],"regions":[]},{"id":"price_cpi_trigger","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[7,200]]}],"regions":[]},{"id":"price_food_trigger","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[3,50]]}],"regions":[]},{"id":"cpi_yoy","kind":"input","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"0001-01-01","v":[[0,1]]}],"regions":[]},{"id":"food_cpi_yoy","kind":"input","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"0001-01-01","v":[[0,1]]}],"regions":[]}];

const FIELDS = { household: [["household_id","家庭编号","id",null,null,null,null],["weight","权重","number","f64",null,0,null],["region","行政区划代码","region","i32",null,null,null],["area","城乡类别","area","u8",["urban","城镇","rural","农村"],null,null],["hukou_local","本地户籍","bool","u8",null,null,null],["residence_permit","持居住证","bool","u8",null,null,null],["financial_assets","金融资产","money","f64",null,null,null],["vehicles","机动车数量","integer","u16",null,0,65535],["houses","住房套数","integer","u16",null,0,65535],["medical_costs","医疗自付支出","money/year","i32",null,null,null],["education_costs","教育支出","money/year","i32",null,null,null],["emergency_cost","急难支出","money","i32",null,null,null],["dibao_last_month","上月享受低保","bool","u8",null,null,null],["last_benefit","上月低保金","money/month","i32",null,null,null],["grace_months_used","已享受渐退月数","months","u8",null,0,255]], person: [["person_id","成员编号","id",null,null,null,null],["household_id","家庭编号","id",null,null,null,null],["relation","与户主关系","relation","u8",["head","户主","spouse","配偶","child","子女","parent","父母","grandchild","孙子女","sibling","兄弟姐妹","other","其他亲属"],null,null],["age","年龄","integer","u8",null,0,150],["sex","性别","sex","u8",["male","男","female","女"],null,null],["co_resident","共同生活","bool","u8",null,null,null],["excluded_status","不计入情形","excluded_status","u8",["none","无","clergy_away","宗教教职人员","prisoner","服刑人员","rehab","强制隔离戒毒","missing","宣告失踪"],null,null],["student","全日制在校","bool","u8",null,null,null],["work_ability","劳动能力","work_ability","u8",["full","完全劳动能力","partial","部分劳动能力","none","无劳动能力"],null,null],["disability_grade","残疾等级","integer","u8",null,0,4],["disability_type","残疾类别","disability_type","u8",["none","无","physical","肢体","visual","视力","hearing","听力","speech","言语","intellectual","智力","mental","精神","multiple","多重"],null,null],["catastrophic_illness","重特大疾病","bool","u8",null,null,null],["self_care","自理能力","self_care","u8",["full","全自理","partial","半失能","none","全失能"],null,null],["employed","就业","bool","u8",null,null,null],["wage_income","工资性收入","money/month","i32",null,null,null],["business_income","经营净收入","money/month","i32",null,null,null],["property_income","财产净收入","money/month","i32",null,null,null],["transfer_income","转移净收入","money/month","i32",null,null,null],["basic_pension","城乡居民基础养老金","money/month","i32",null,null,null],["excluded_income","不计入收入","money/month","i32",null,null,null],["has_capable_supporter","有履行能力的赡养人","bool","u8",null,null,null]] };

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
  for (const id of Object.keys(sets)) {
    if (!PARAMS.some((p) => p.id === id && p.settable)) throw new Error('--set ' + id + ': no parameter or input of ' + policy.id + ' has that name');
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
    const set = Object.prototype.hasOwnProperty.call(sets, p.id) ? settingValue(p, sets[p.id]) : undefined;
    for (let r = 0; r < codes.length; r++) {
      let values;
      if (set) values = [set];
      else {
        const block = p.kind === 'input' ? { values: p.defaults, where: '' } : regionBlock(p, codes[r]);
        let hit = null;
        for (const v of block.values) if (v.from <= date) hit = v;
        if (!hit) {
          const first = block.values.length ? ' (its first value is from ' + block.values[0].from + ')' : '';
          throw new Error('parameter ' + p.id + ' has no value in force on ' + date + block.where + first);
        }
        values = hit.v.map((x) => (typeof x === 'number' ? FORMULAS[x](n, d, r, day) : x));
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
    if (key === undefined) throw new Error(where + f[0] + ' is missing');
    cols[f[0]] = readValue(f, raw[key], where);
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
  const H_financial_assets = pop.household["financial_assets"];
  const H_vehicles = pop.household["vehicles"];
  const H_houses = pop.household["houses"];
  const H_dibao_last_month = pop.household["dibao_last_month"];
  const H_grace_months_used = pop.household["grace_months_used"];
  const H_last_benefit = pop.household["last_benefit"];
  const H_emergency_cost = pop.household["emergency_cost"];
  const P_co_resident = pop.person["co_resident"];
  const P_excluded_status = pop.person["excluded_status"];
  const P_wage_income = pop.person["wage_income"];
  const P_employed = pop.person["employed"];
  const P_business_income = pop.person["business_income"];
  const P_property_income = pop.person["property_income"];
  const P_transfer_income = pop.person["transfer_income"];
  const P_age = pop.person["age"];
  const P_disability_grade = pop.person["disability_grade"];
  const P_disability_type = pop.person["disability_type"];
  const P_work_ability = pop.person["work_ability"];
  const P_has_capable_supporter = pop.person["has_capable_supporter"];
  const P_self_care = pop.person["self_care"];
  const P_catastrophic_illness = pop.person["catastrophic_illness"];
  const pn_cpi_yoy = params.n["cpi_yoy"][0];
  const pd_cpi_yoy = params.d["cpi_yoy"][0];
  const pn_price_cpi_trigger = params.n["price_cpi_trigger"][0];
  const pd_price_cpi_trigger = params.d["price_cpi_trigger"][0];
  const pn_food_cpi_yoy = params.n["food_cpi_yoy"][0];
  const pd_food_cpi_yoy = params.d["food_cpi_yoy"][0];
  const pn_price_food_trigger = params.n["price_food_trigger"][0];
  const pd_price_food_trigger = params.d["price_food_trigger"][0];
  const pn_dibao_standard = params.n["dibao_standard"][0];
  const pn_employment_exemption = params.n["employment_exemption"][0];
  const pn_assets_months = params.n["assets_months"][0];
  const pn_tekun_standard = params.n["tekun_standard"][0];
  const pn_minimum_wage = params.n["minimum_wage"][0];
  const PN_care_fraction = params.n["care_fraction"];
  const PD_care_fraction = params.d["care_fraction"];
  const pn_grace_months = params.n["grace_months"][0];
  const pn_edge_multiple = params.n["edge_multiple"][0];
  const pd_edge_multiple = params.d["edge_multiple"][0];
  const pn_emergency_cap_months = params.n["emergency_cap_months"][0];
  const DAY = params.day;
  const MS = pop.memberStart;
  const E = out.errors;
  const O_tekun_persons = out.columns["tekun_persons"];
  const O_tekun_benefit = out.columns["tekun_benefit"];
  const O_per_capita_income = out.columns["per_capita_income"];
  const O_edge_family = out.columns["edge_family"];
  const O_dibao_status = out.columns["dibao_status"];
  const O_dibao_benefit = out.columns["dibao_benefit"];
  const O_dibao_persons = out.columns["dibao_persons"];
  const O_price_subsidy = out.columns["price_subsidy"];
  const O_temporary_assistance = out.columns["temporary_assistance"];
  const O_help_first = out.columns["help_first"];
  const O_total_monthly = out.columns["total_monthly"];
  let maxMembers = 1;
  for (let h = from; h < to; h++) if (MS[h + 1] - MS[h] > maxMembers) maxMembers = MS[h + 1] - MS[h];
  const s_is_member = new Uint8Array(maxMembers);
  const s_countable_income = new Float64Array(maxMembers);
  const s_dibao_member = new Uint8Array(maxMembers);
  // price_rate 价格补贴比例 [2016价格][ref §10]
  const t0 = pn_cpi_yoy * pd_price_cpi_trigger >= pn_price_cpi_trigger * pd_cpi_yoy;
  const t1 = pn_food_cpi_yoy * pd_price_food_trigger >= pn_price_food_trigger * pd_food_cpi_yoy;
  let t3, t3d;
  if (t0 && t1) {
    let t2 = pn_cpi_yoy, t2d = pd_cpi_yoy;
    if (pn_food_cpi_yoy * t2d > t2 * pd_food_cpi_yoy) { t2 = pn_food_cpi_yoy; t2d = pd_food_cpi_yoy; }
    t3 = t2; t3d = t2d;
  } else if (t0) {
    t3 = pn_cpi_yoy; t3d = pd_cpi_yoy;
  } else if (t1) {
    t3 = pn_food_cpi_yoy; t3d = pd_food_cpi_yoy;
  } else {
    t3 = 0; t3d = 1;
  }
  const h_price_rate = t3, hd_price_rate = t3d;
  // price_per_person 每人价格补贴 [ref §10]
  const h_price_per_person = roundSteps(pn_dibao_standard * h_price_rate, hd_price_rate * 100, 0) * 100;
  let errors = 0;
  for (let h = from; h < to; h++) {
    const ps = MS[h], pe = MS[h + 1];
    let err = 0;
    let t4 = 0;
    for (let p = ps, j = 0; p < pe; p++, j++) {
      // is_member 家庭成员 [57号 §7][ref §1]
      const v_is_member = (P_co_resident[p] !== 0) && (P_excluded_status[p] === 0);
      s_is_member[j] = v_is_member ? 1 : 0;
      // countable_income 可计收入 [57号 §13][ref §2]
      const v_countable_income = Math.max(0, P_wage_income[p] - ((P_employed[p] !== 0) ? pn_employment_exemption : 0)) + P_business_income[p] + P_property_income[p] + P_transfer_income[p];
      s_countable_income[j] = v_countable_income;
      // member_count 共同生活成员数 [ref §5]
      if (v_is_member) {
        t4++;
      }
    }
    const h_member_count = t4;
    // asset_test 财产状况符合规定 [ref §5]
    let t6 = h_member_count >= 1;
    if (t6) {
      const t5 = pn_assets_months * pn_dibao_standard;
      t6 = H_financial_assets[h] <= t5 * h_member_count;
    }
    const h_asset_test = (t6 && (H_vehicles[h] === 0)) && (H_houses[h] <= 1);
    let t7 = 0;
    let t8 = 0;
    let t12 = 0;
    let t13 = 0;
    for (let p = ps, j = 0; p < pe; p++, j++) {
      // tekun 特困人员 [43号 §4][ref §3]
      const v_tekun = ((((s_is_member[j] !== 0) && (((((P_age[p] >= 60) || (P_age[p] < 18)) || ((P_disability_grade[p] >= 1) && (P_disability_grade[p] <= 2))) || (((P_disability_type[p] === 5) || (P_disability_type[p] === 6)) && (P_disability_grade[p] === 3))) || (P_work_ability[p] === 2))) && (s_countable_income[j] < pn_dibao_standard)) && (!(P_has_capable_supporter[p] !== 0))) && h_asset_test;
      // dibao_member 低保核算成员 [ref §4]
      const v_dibao_member = (s_is_member[j] !== 0) && (!v_tekun);
      s_dibao_member[j] = v_dibao_member ? 1 : 0;
      // tekun_persons 特困供养人数 [ref §3]
      if (v_tekun) {
        t7++;
      }
      // tekun_benefit 特困供养金合计 [ref §3]
      if (v_tekun) {
        let t11;
        if (v_tekun) {
          const t9 = PN_care_fraction[P_self_care[p]];
          const t10 = PD_care_fraction[P_self_care[p]];
          t11 = pn_tekun_standard + roundSteps(pn_minimum_wage * t9, t10 * 100, 0) * 100;
        } else {
          t11 = 0;
        }
        t8 += t11;
      }
      // n 低保核算人数 [ref §4]
      if (v_dibao_member) {
        t12++;
      }
      // income_sum 家庭可计收入 [ref §4]
      if (v_dibao_member) {
        t13 += s_countable_income[j];
      }
    }
    const h_tekun_persons = t7;
    const h_tekun_benefit = t8;
    const h_n = t12;
    const h_income_sum = t13;
    // pci 人均收入 [57号 §13][ref §4]
    let t14, t14d;
    if (h_n === 0) {
      t14 = 0; t14d = 1;
    } else {
      t14 = h_income_sum; t14d = h_n;
    }
    const h_pci = t14, hd_pci = t14d;
    // per_capita_income 家庭人均收入 [ref §4]
    const h_per_capita_income = (h_pci < 4503599627370496 && hd_pci < 9007199254740992 ? Math.round(h_pci / hd_pci) : roundSteps(h_pci, hd_pci, 0));
    // regular_dibao 符合低保条件 [57号 §9][ref §6]
    const h_regular_dibao = ((h_n >= 1) && (h_pci < pn_dibao_standard * hd_pci)) && h_asset_test;
    // in_grace 渐退期家庭 [57号 §33][2022通知 §1(3)][ref §7]
    let t16 = ((!h_regular_dibao) && (h_n >= 1)) && (H_dibao_last_month[h] !== 0);
    if (t16) {
      let t15 = false;
      for (let p = ps, j = 0; p < pe; p++, j++) {
        if (!((s_dibao_member[j] !== 0) && (P_employed[p] !== 0))) continue;
        t15 = true;
        break;
      }
      t16 = t15;
    }
    const h_in_grace = (t16 && h_asset_test) && (H_grace_months_used[h] < pn_grace_months);
    // edge_family 低保边缘家庭 [57号 §8][ref §8]
    let t18 = (((h_n >= 1) && (!h_regular_dibao)) && (!h_in_grace)) && h_asset_test;
    if (t18) {
      const t17 = pn_edge_multiple * pn_dibao_standard;
      t18 = h_pci * pd_edge_multiple < t17 * hd_pci;
    }
    const h_edge_family = t18;
    let t19 = 0;
    if ((h_edge_family)) {
      for (let p = ps, j = 0; p < pe; p++, j++) {
        // single_count 单人户人数 [ref §9]
        let t21 = (h_edge_family && (s_dibao_member[j] !== 0)) && ((((P_disability_grade[p] >= 1) && (P_disability_grade[p] <= 2)) || (((P_disability_type[p] === 5) || (P_disability_type[p] === 6)) && (P_disability_grade[p] === 3))) || (P_catastrophic_illness[p] !== 0));
        if (t21) {
          const t20 = Math.max(0, pn_dibao_standard - s_countable_income[j]);
          t21 = (t20 < 4503599627370496 ? Math.round(t20 / 100) : roundSteps(t20, 100, 0)) * 100 > 0;
        }
        if (t21) {
          t19++;
        }
      }
    }
    const h_single_count = t19;
    // dibao_status 低保状态 [ref §6]
    let t22 = 0;
    let t23;
    if (h_regular_dibao) {
      if (t22 !== 0 && !(1 === t23)) { if (err === 0) err = 1; }
      t23 = 1; t22 = 1;
    }
    if (h_in_grace) {
      if (t22 !== 0 && !(2 === t23)) { if (err === 0) err = 2; }
      t23 = 2; t22 = 1;
    }
    if (h_single_count > 0) {
      if (t22 !== 0 && !(3 === t23)) { if (err === 0) err = 3; }
      t23 = 3; t22 = 1;
    }
    let t24;
    if (t22 !== 0) {
      t24 = t23;
    } else {
      t24 = 0;
    }
    const h_dibao_status = t24;
    // dibao_benefit 低保金 [57号 §23]
    let t30 = 0;
    let t31;
    if (h_regular_dibao) {
      const t25 = pn_dibao_standard * hd_pci - h_pci;
      const t32 = roundSteps(t25 * h_n, hd_pci * 100, 0) * 100;
      if (t30 !== 0 && !(t32 === t31)) { if (err === 0) err = 4; }
      t31 = t32; t30 = 1;
    }
    if (h_in_grace) {
      if (t30 !== 0 && !(H_last_benefit[h] === t31)) { if (err === 0) err = 5; }
      t31 = H_last_benefit[h]; t30 = 1;
    }
    if (h_single_count > 0) {
      let t28 = 0;
      for (let p = ps, j = 0; p < pe; p++, j++) {
        let t27 = (h_edge_family && (s_dibao_member[j] !== 0)) && ((((P_disability_grade[p] >= 1) && (P_disability_grade[p] <= 2)) || (((P_disability_type[p] === 5) || (P_disability_type[p] === 6)) && (P_disability_grade[p] === 3))) || (P_catastrophic_illness[p] !== 0));
        if (t27) {
          const t26 = Math.max(0, pn_dibao_standard - s_countable_income[j]);
          t27 = (t26 < 4503599627370496 ? Math.round(t26 / 100) : roundSteps(t26, 100, 0)) * 100 > 0;
        }
        if (!t27) continue;
        const t29 = Math.max(0, pn_dibao_standard - s_countable_income[j]);
        t28 += (t29 < 4503599627370496 ? Math.round(t29 / 100) : roundSteps(t29, 100, 0)) * 100;
      }
      if (t30 !== 0 && !(t28 === t31)) { if (err === 0) err = 6; }
      t31 = t28; t30 = 1;
    }
    let t33;
    if (t30 !== 0) {
      t33 = t31;
    } else {
      t33 = 0;
    }
    const h_dibao_benefit = t33;
    // dibao_persons 低保保障人数 [ref §6]
    let t34 = 0;
    let t35;
    if (h_regular_dibao) {
      if (t34 !== 0 && !(h_n === t35)) { if (err === 0) err = 7; }
      t35 = h_n; t34 = 1;
    }
    if (h_in_grace) {
      if (t34 !== 0 && !(h_n === t35)) { if (err === 0) err = 8; }
      t35 = h_n; t34 = 1;
    }
    if (h_single_count > 0) {
      if (t34 !== 0 && !(h_single_count === t35)) { if (err === 0) err = 9; }
      t35 = h_single_count; t34 = 1;
    }
    let t36;
    if (t34 !== 0) {
      t36 = t35;
    } else {
      t36 = 0;
    }
    const h_dibao_persons = t36;
    // price_subsidy 价格临时补贴 [ref §10]
    const h_price_subsidy = (h_dibao_persons + h_tekun_persons) * h_price_per_person;
    // emergency_eligible 急难型临时救助对象 [ref §11]
    let t40 = H_emergency_cost[h] > 0;
    if (t40) {
      let t39 = (h_dibao_status !== 0) || (h_tekun_persons > 0);
      if (!t39) {
        let t38 = h_n >= 1;
        if (t38) {
          const t37 = pn_edge_multiple * pn_dibao_standard;
          t38 = h_pci * pd_edge_multiple < t37 * hd_pci;
        }
        t39 = t38;
      }
      t40 = t39;
    }
    const h_emergency_eligible = t40;
    // temporary_assistance 临时救助金 [ref §11]
    const h_temporary_assistance = h_emergency_eligible ? (roundSteps(Math.min(H_emergency_cost[h], pn_emergency_cap_months * pn_dibao_standard), 100, 0) * 100) : 0;
    // help_first 先行救助 [ref §11]
    const h_help_first = h_emergency_eligible && (h_temporary_assistance <= 2 * pn_dibao_standard);
    // total_monthly 月度救助合计 [ref §4]
    const h_total_monthly = h_dibao_benefit + h_tekun_benefit + h_price_subsidy;
    O_tekun_persons[h] = h_tekun_persons;
    if (h_tekun_benefit !== h_tekun_benefit && err === 0) err = 10;
    O_tekun_benefit[h] = h_tekun_benefit;
    if (h_per_capita_income !== h_per_capita_income && err === 0) err = 10;
    O_per_capita_income[h] = h_per_capita_income;
    O_edge_family[h] = h_edge_family ? 1 : 0;
    O_dibao_status[h] = h_dibao_status;
    if (h_dibao_benefit !== h_dibao_benefit && err === 0) err = 10;
    O_dibao_benefit[h] = h_dibao_benefit;
    if (h_dibao_persons !== h_dibao_persons && err === 0) err = 10;
    O_dibao_persons[h] = h_dibao_persons;
    if (h_price_subsidy !== h_price_subsidy && err === 0) err = 10;
    O_price_subsidy[h] = h_price_subsidy;
    if (h_temporary_assistance !== h_temporary_assistance && err === 0) err = 10;
    O_temporary_assistance[h] = h_temporary_assistance;
    O_help_first[h] = h_help_first ? 1 : 0;
    if (h_total_monthly !== h_total_monthly && err === 0) err = 10;
    O_total_monthly[h] = h_total_monthly;
    E[h] = err;
    if (err !== 0) errors++;
  }
  return errors;
}
