// Doudi compiled policy: kitchen — 全部语法构造（测试用）
// Compiled from test/fixtures/kitchen.doudi by doudi 0.1.0. Do not edit: edit the policy and compile again.
// Money is in fen inside this module and in yuan at evaluate(); every number is an exact fraction.
// Sources:
//   t: Test document

export const policy = {"id":"kitchen","label":"全部语法构造（测试用）","region":"440000","effective":{"from":"2023-01-01","to":"2026-12-31"},"file":"test/fixtures/kitchen.doudi","chain":[{"id":"kitchen","file":"test/fixtures/kitchen.doudi"}],"documents":[{"key":"t","title":"Test document","policy":"kitchen"}]};

export const outputs = [{"id":"status","label":"状态","type":"level","column":"u8","values":["low","mid","high"],"cite":["t §9"]},{"id":"benefit","label":"救助金","type":"money/month","column":"f64","cite":["t §9"]},{"id":"lump","label":"一次性","type":"money","column":"f64","cite":["t §9"]},{"id":"costs","label":"支出","type":"money/month","column":"f64","cite":["t §9"]},{"id":"ratio_out","label":"比率","type":"number","column":"f64","cite":["t §9"]},{"id":"adults","label":"成年人","type":"integer","column":"i32","cite":["t §9"]},{"id":"points_total","label":"积分合计","type":"integer","column":"i32","cite":["t §9"]},{"id":"flags","label":"标志","type":"bool","column":"u8","cite":["t §9"]},{"id":"care_total","label":"照护合计","type":"money/month","column":"f64","cite":["t §9"]},{"id":"band_high","label":"高档人数","type":"integer","column":"i32","cite":["t §9"]},{"id":"extremes","label":"极值","type":"money/month","column":"f64","cite":["t §9"]},{"id":"mixed","label":"混合","type":"integer","column":"i32","cite":["t §9"]},{"id":"mixed_bool","label":"混合判断","type":"bool","column":"u8","cite":["t §9"]},{"id":"mixed_money","label":"混合金额","type":"money/month","column":"f64","cite":["t §9"]},{"id":"mixed_table","label":"混合表","type":"integer","column":"i32","cite":["t §9"]},{"id":"signed_half","label":"负数取整","type":"money/month","column":"f64","cite":["t §9"]},{"id":"signed_up","label":"负数进位","type":"money/month","column":"f64","cite":["t §9"]},{"id":"signed_down","label":"负数舍去","type":"money/month","column":"f64","cite":["t §9"]},{"id":"addon_total","label":"加发合计","type":"money/month","column":"f64","cite":["t §10"]}];

/** Error sites: out.errors[h] = i + 1 for SITES[i]. */
export const SITES = [{"kind":"table","definition":"weight_class","message":"unique table at line 69 (test/fixtures/kitchen.doudi:68)","file":"test/fixtures/kitchen.doudi","line":68},{"kind":"exception","definition":"status","message":"status: exception mid_case and another that applies give different results (test/fixtures/kitchen.doudi:99)","file":"test/fixtures/kitchen.doudi","line":99},{"kind":"exception","definition":"status","message":"status: exception strict_case and another that applies give different results (test/fixtures/kitchen.doudi:99)","file":"test/fixtures/kitchen.doudi","line":99},{"kind":"exception","definition":"status","message":"status: exception high_case and another that applies give different results (test/fixtures/kitchen.doudi:99)","file":"test/fixtures/kitchen.doudi","line":99},{"kind":"exception","definition":"benefit","message":"benefit: exception capped and another that applies give different results (test/fixtures/kitchen.doudi:104)","file":"test/fixtures/kitchen.doudi","line":104},{"kind":"exception","definition":"benefit","message":"benefit: exception positive and another that applies give different results (test/fixtures/kitchen.doudi:104)","file":"test/fixtures/kitchen.doudi","line":104},{"kind":"exception","definition":"benefit","message":"benefit: exception bonus and another that applies give different results (test/fixtures/kitchen.doudi:104)","file":"test/fixtures/kitchen.doudi","line":104},{"kind":"overflow","definition":"","message":"a value is beyond the exact range of the compiled code (2^53)","file":"test/fixtures/kitchen.doudi","line":1},{"kind":"overflow","definition":"points_total","message":"points_total is beyond the range of a whole-number output (2^31)","file":"test/fixtures/kitchen.doudi","line":114}];

const PARAMS = [{"id":"standard","kind":"parameter","type":"money/month","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-01-01","v":[[90000,1]]},{"from":"2024-01-01","v":[[95050,1]]}],"regions":[{"codes":["440000"],"values":[{"from":"2023-01-01","v":[[85700,1]]}]},{"codes":["440100","440300"],"values":[{"from":"2023-01-01","v":[[116500,1]]},{"from":"2024-07-01","v":[[120600,1]]}]},{"codes":["440106"],"values":[{"from":"2023-06-01","v":[[130000,1]]}]}]},{"id":"consumption","kind":"parameter","type":"money/year","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-01-01","v":[[3433200,1]]}],"regions":[]},{"id":"ratio","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-01-01","v":[[333,1000]]}],"regions":[]},{"id":"formula_standard","kind":"parameter","type":"money/month","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-01-01","v":[0]}],"regions":[]},{"id":"area_factor","kind":"parameter","type":"number","by":"area","values":["urban","rural"],"width":2,"divisor":false,"settable":true,"defaults":[{"from":"2023-01-01","v":[[1,1],[7,10]]}],"regions":[]},{"id":"reform_on","kind":"parameter","type":"bool","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-01-01","v":[[0,1]]},{"from":"2025-01-01","v":[[1,1]]}],"regions":[]},{"id":"cutoff","kind":"parameter","type":"date","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-01-01","v":[[20269,1]]}],"regions":[]},{"id":"tier_months","kind":"parameter","type":"months","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-01-01","v":[[3,1]]}],"regions":[]},{"id":"divisor_param","kind":"parameter","type":"integer","width":1,"divisor":true,"settable":true,"defaults":[{"from":"2023-01-01","v":[[3,1]]}],"regions":[]},{"id":"bonus_rate","kind":"input","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"0001-01-01","v":[[0,1]]}],"regions":[]},{"id":"strict","kind":"input","type":"bool","width":1,"divisor":false,"settable":true,"defaults":[{"from":"0001-01-01","v":[[0,1]]}],"regions":[]},{"id":"addon_old","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-01-01","v":[[0,1]]},{"from":"2025-01-01","v":[[3,10]]}],"regions":[]},{"id":"addon_young","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-01-01","v":[[0,1]]},{"from":"2025-01-01","v":[[1,3]]}],"regions":[]}];

const FIELDS = { household: [["household_id","家庭编号","id",null,null,null,null,null],["weight","权重","number","f64",null,0,1000000000,null],["region","行政区划代码","region","i32",null,null,null,null],["area","城乡类别","area","u8",["urban","城镇","rural","农村"],null,null,null],["hukou_local","本地户籍","bool","u8",null,null,null,null],["residence_permit","持居住证","bool","u8",null,null,null,null],["financial_assets","金融资产","money","f64",null,null,null,null],["vehicles","机动车数量","integer","u16",null,0,65535,null],["houses","住房套数","integer","u16",null,0,65535,null],["medical_costs","医疗自付支出","money/year","i32",null,null,null,null],["education_costs","教育支出","money/year","i32",null,null,null,null],["emergency_cost","急难支出","money","i32",null,null,null,null],["dibao_last_month","上月享受低保","bool","u8",null,null,null,null],["last_benefit","上月低保金","money/month","i32",null,null,null,null],["grace_months_used","已享受渐退月数","months","u8",null,0,255,null],["hukou_area","户籍城乡类别","area","u8",["urban","城镇","rural","农村"],null,null,["same","area"]],["last_dibao_status","上月低保状态","dibao_status","u8",["none","无","regular","常规低保","grace","渐退期","single","单人户"],null,null,["when","dibao_last_month",1,0]]], person: [["person_id","成员编号","id",null,null,null,null,null],["household_id","家庭编号","id",null,null,null,null,null],["relation","与户主关系","relation","u8",["head","户主","spouse","配偶","child","子女","parent","父母","grandchild","孙子女","sibling","兄弟姐妹","other","其他亲属"],null,null,null],["age","年龄","integer","u8",null,0,150,null],["sex","性别","sex","u8",["male","男","female","女"],null,null,null],["co_resident","共同生活","bool","u8",null,null,null,null],["excluded_status","不计入情形","excluded_status","u8",["none","无","clergy_away","宗教教职人员","prisoner","服刑人员","rehab","强制隔离戒毒","missing","宣告失踪"],null,null,null],["student","全日制在校","bool","u8",null,null,null,null],["work_ability","劳动能力","work_ability","u8",["full","完全劳动能力","partial","部分劳动能力","none","无劳动能力"],null,null,null],["disability_grade","残疾等级","integer","u8",null,0,4,null],["disability_type","残疾类别","disability_type","u8",["none","无","physical","肢体","visual","视力","hearing","听力","speech","言语","intellectual","智力","mental","精神","multiple","多重"],null,null,null],["catastrophic_illness","重特大疾病","bool","u8",null,null,null,null],["self_care","自理能力","self_care","u8",["full","全自理","partial","半失能","none","全失能"],null,null,null],["employed","就业","bool","u8",null,null,null,null],["wage_income","工资性收入","money/month","i32",null,null,null,null],["business_income","经营净收入","money/month","i32",null,null,null,null],["property_income","财产净收入","money/month","i32",null,null,null,null],["transfer_income","转移净收入","money/month","i32",null,null,null,null],["basic_pension","城乡居民基础养老金","money/month","i32",null,null,null,null],["excluded_income","不计入收入","money/month","i32",null,null,null,null],["has_capable_supporter","有履行能力的赡养人","bool","u8",null,null,null,null],["poverty_alleviated","脱贫人口","bool","u8",null,null,null,["value",0]],["relapse_monitoring","防返贫监测对象","bool","u8",null,null,null,["value",0]],["child_status","困境儿童类别","child_status","u8",["none","无","orphan","孤儿","unsupported","事实无人抚养儿童"],null,null,["value",0]],["entitled_group","优抚对象","bool","u8",null,null,null,["value",0]],["unemployment_insurance","领取失业保险金","bool","u8",null,null,null,["value",0]],["institutional_care","集中供养","bool","u8",null,null,null,["value",0]]] };
const SCHEMA = {"maxMembers":100,"weightDigits":17};

const FORMULAS = [function (N, D, r, day) {
  const t0 = N["consumption"][r];
  const t1 = D["consumption"][r];
  const t2 = t1 * 12;
  const t3 = N["ratio"][r];
  const t4 = D["ratio"][r];
  const t5 = t0 * t3;
  return [(t5 === 0 ? 0 : t5 < 4503599627370496 && t5 > -4503599627370496 && ((t2 * t4) * 1000) < 9007199254740992 ? Math.ceil(t5 / ((t2 * t4) * 1000)) : roundSteps(t5, (t2 * t4) * 1000, 1)) * 1000, 1];
}];

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
  const H_area = pop.household["area"];
  const H_medical_costs = pop.household["medical_costs"];
  const H_education_costs = pop.household["education_costs"];
  const H_vehicles = pop.household["vehicles"];
  const H_region = pop.household["region"];
  const P_age = pop.person["age"];
  const P_sex = pop.person["sex"];
  const P_wage_income = pop.person["wage_income"];
  const P_business_income = pop.person["business_income"];
  const P_property_income = pop.person["property_income"];
  const P_transfer_income = pop.person["transfer_income"];
  const P_employed = pop.person["employed"];
  const P_co_resident = pop.person["co_resident"];
  const P_disability_grade = pop.person["disability_grade"];
  const P_catastrophic_illness = pop.person["catastrophic_illness"];
  const P_self_care = pop.person["self_care"];
  const P_student = pop.person["student"];
  const P_disability_type = pop.person["disability_type"];
  const pn_cutoff = params.n["cutoff"][0];
  const PN_standard = params.n["standard"];
  const pn_formula_standard = params.n["formula_standard"][0];
  const PN_area_factor = params.n["area_factor"];
  const PD_area_factor = params.d["area_factor"];
  const pn_addon_old = params.n["addon_old"][0];
  const pd_addon_old = params.d["addon_old"][0];
  const pn_addon_young = params.n["addon_young"][0];
  const pd_addon_young = params.d["addon_young"][0];
  const pn_strict = params.n["strict"][0];
  const pn_tier_months = params.n["tier_months"][0];
  const pn_reform_on = params.n["reform_on"][0];
  const pn_bonus_rate = params.n["bonus_rate"][0];
  const pd_bonus_rate = params.d["bonus_rate"][0];
  const pn_divisor_param = params.n["divisor_param"][0];
  const DAY = params.day;
  const MS = pop.memberStart;
  const slot = regions.slot;
  const E = out.errors;
  const O_status = out.columns["status"];
  const O_benefit = out.columns["benefit"];
  const O_lump = out.columns["lump"];
  const O_costs = out.columns["costs"];
  const O_ratio_out = out.columns["ratio_out"];
  const O_adults = out.columns["adults"];
  const O_points_total = out.columns["points_total"];
  const O_flags = out.columns["flags"];
  const O_care_total = out.columns["care_total"];
  const O_band_high = out.columns["band_high"];
  const O_extremes = out.columns["extremes"];
  const O_mixed = out.columns["mixed"];
  const O_mixed_bool = out.columns["mixed_bool"];
  const O_mixed_money = out.columns["mixed_money"];
  const O_mixed_table = out.columns["mixed_table"];
  const O_signed_half = out.columns["signed_half"];
  const O_signed_up = out.columns["signed_up"];
  const O_signed_down = out.columns["signed_down"];
  const O_addon_total = out.columns["addon_total"];
  let maxMembers = 1;
  for (let h = from; h < to; h++) if (MS[h + 1] - MS[h] > maxMembers) maxMembers = MS[h + 1] - MS[h];
  const s_adult = new Uint8Array(maxMembers);
  const s_weight_class = new Float64Array(maxMembers);
  // after_cutoff 截止后 [t §8]
  const h_after_cutoff = DAY > pn_cutoff;
  const t25 = 0 * pd_addon_old === pn_addon_old * 1 && pn_addon_young * pd_addon_old === pn_addon_old * pd_addon_young && 0 * pd_addon_old === pn_addon_old * 1;
  const KR = regions.codes.length, KS = regions.slot;
  const K_local_standard = new Float64Array(2 * KR);
  for (let r = 0; r < KR; r++) {
    for (let a = 0; a < 2; a++) {
      // local_standard 地方标准 [t §8]
      const t6 = Math.max(PN_standard[r], pn_formula_standard);
      const t7 = t6 * PN_area_factor[a];
      const h_local_standard = (t7 === 0 ? 0 : t7 < 4503599627370496 && t7 > -4503599627370496 && PD_area_factor[a] < 9007199254740992 ? (t7 >= 0 ? Math.round(t7 / PD_area_factor[a]) : 0 - Math.round(-t7 / PD_area_factor[a])) : roundSteps(t7, PD_area_factor[a], 0));
      K_local_standard[r * 2 + a] = h_local_standard;
    }
  }
  let errors = 0;
  for (let h = from; h < to; h++) {
    const ps = MS[h], pe = MS[h + 1], r = slot[h];
    let err = 0;
    const KI = KS[h] * 2 + H_area[h];
    const h_local_standard = K_local_standard[KI];
    // monthly_costs 月度支出 [t §8]
    const h_monthly_costs = H_medical_costs[h] + H_education_costs[h];
    // costs 支出 [t §9]
    const h_costs = (h_monthly_costs === 0 ? 0 : h_monthly_costs < 4503599627370496 ? Math.round(h_monthly_costs / 12) : roundSteps(h_monthly_costs, 12, 0));
    // mixed_table 混合表 [t §9]
    let t8;
    if (((H_vehicles[h] === 0))) {
      t8 = 10;
    } else {
      t8 = 20;
    }
    const h_mixed_table = 1 + t8 * 2;
    let t14 = 0;
    let t15 = 0, t15f = false;
    let t16 = 0, t16f = false;
    let t18 = true;
    let t19 = false;
    let t20 = false;
    let t21 = 0;
    let t22 = 0;
    let t24 = 0;
    let t31 = 0;
    let t32 = true;
    for (let p = ps, j = 0; p < pe; p++, j++) {
      // adult 成年 [t §6]
      const v_adult = P_age[p] >= 18;
      s_adult[j] = v_adult ? 1 : 0;
      // weight_class 类 [t §6]
      const t9 = ((P_sex[p] === 0)) && (P_age[p] < 40);
      const t10 = ((P_sex[p] === 0)) && (P_age[p] >= 40);
      const t11 = ((P_sex[p] === 1)) && (P_age[p] >= 0 && P_age[p] <= 39);
      const t12 = ((P_sex[p] === 1)) && (P_age[p] >= 40);
      if (+t9 + +t10 + +t11 + +t12 > 1) { if (err === 0) err = 1; }
      let t13;
      if (t9) {
        t13 = 1;
      } else if (t10) {
        t13 = 2;
      } else if (t11) {
        t13 = 3;
      } else if (t12) {
        t13 = 4;
      } else {
        t13 = 0;
      }
      const v_weight_class = t13;
      s_weight_class[j] = v_weight_class;
      // household_income 家庭收入 [t §7]
      t14 += P_wage_income[p] + P_business_income[p] + P_property_income[p] + P_transfer_income[p] - (((P_employed[p] !== 0) ? 10000 : 0));
      // oldest 最大年龄 [t §7]
      if (!t15f || P_age[p] > t15) { t15 = P_age[p]; t15f = true; }
      // top_income 最高收入 [t §7]
      if (P_co_resident[p] !== 0) {
        const t17 = P_wage_income[p] + P_business_income[p] + P_property_income[p] + P_transfer_income[p] - (((P_employed[p] !== 0) ? 10000 : 0));
        if (!t16f || t17 > t16) { t16 = t17; t16f = true; }
      }
      // everyone_resident 都共同生活 [t §7]
      if (!(P_co_resident[p] !== 0)) t18 = false;
      // some_disabled 有残疾人 [t §7]
      if (P_disability_grade[p] >= 1) {
        t19 = true;
      }
      // some_old_ill 有老年病人 [t §7]
      if (P_age[p] >= 60) {
        if (P_catastrophic_illness[p] !== 0) t20 = true;
      }
      // size 人数 [t §8]
      t21++;
      // care_total 照护合计 [t §9]
      const t23 = (P_self_care[p] === 0 ? 0 : (P_self_care[p] === 1 ? ((PN_standard[r] === 0 ? 0 : PN_standard[r] < 4503599627370496 && PN_standard[r] > -4503599627370496 && (6 * 100) < 9007199254740992 ? (PN_standard[r] >= 0 ? Math.round(PN_standard[r] / (6 * 100)) : 0 - Math.round(-PN_standard[r] / (6 * 100))) : roundSteps(PN_standard[r], 6 * 100, 0)) * 100) : ((PN_standard[r] === 0 ? 0 : PN_standard[r] < 4503599627370496 && PN_standard[r] > -4503599627370496 ? (PN_standard[r] >= 0 ? Math.round(PN_standard[r] / 3) : 0 - Math.round(-PN_standard[r] / 3)) : roundSteps(PN_standard[r], 3, 0)))));
      t22 += (t23 === 0 ? 0 : t23 < 4503599627370496 && t23 > -4503599627370496 ? (t23 >= 0 ? Math.round(t23 / 100) : 0 - Math.round(-t23 / 100)) : roundSteps(t23, 100, 0)) * 100;
      // addon_total 加发合计 [t §10]
      let t29, t29d;
      if (t25) {
        t29 = pn_addon_old; t29d = pd_addon_old;
      } else {
        let t26, t26d;
        if (P_age[p] >= 60) {
          t26 = pn_addon_old; t26d = pd_addon_old;
        } else {
          t26 = 0; t26d = 1;
        }
        let t27, t27d;
        if (P_age[p] < 18) {
          t27 = pn_addon_young; t27d = pd_addon_young;
        } else {
          t27 = 0; t27d = 1;
        }
        let t28 = t26, t28d = t26d;
        if (t27 * t28d > t28 * t27d) { t28 = t27; t28d = t27d; }
        t29 = t28; t29d = t28d;
      }
      const t30 = PN_standard[r] * t29;
      t24 += (t30 === 0 ? 0 : t30 < 4503599627370496 && t30 > -4503599627370496 && t29d < 9007199254740992 ? (t30 >= 0 ? Math.round(t30 / t29d) : 0 - Math.round(-t30 / t29d)) : roundSteps(t30, t29d, 0));
      // adult_count 成年人数 [t §7]
      if (v_adult) {
        t31++;
      }
      // all_adults_work 成年人都就业 [t §7]
      if (v_adult) {
        if (!(P_employed[p] !== 0)) t32 = false;
      }
    }
    const h_household_income = t14;
    if (!t15f) {
      t15 = 0;
    }
    const h_oldest = t15;
    if (!t16f) {
      t16 = 0;
    }
    const h_top_income = t16;
    const h_everyone_resident = t18;
    const h_some_disabled = t19;
    const h_some_old_ill = t20;
    const h_size = t21;
    const h_care_total = t22;
    const h_addon_total = t24;
    const h_adult_count = t31;
    const h_all_adults_work = t32;
    // gap 差额 [t §8]
    let t33, t33d;
    if (h_size === 0) {
      t33 = 0; t33d = 1;
    } else {
      t33 = h_household_income; t33d = h_size;
    }
    const h_gap = h_local_standard * t33d - t33, hd_gap = t33d;
    // status 状态 [t §9]
    let t34 = 0;
    let t35;
    if (h_gap < 0) {
      if (t34 !== 0 && !(1 === t35)) { if (err === 0) err = 2; }
      t35 = 1; t34 = 1;
    }
    let t36 = 0;
    let t37;
    if (pn_strict !== 0) {
      if (t36 !== 0 && !(1 === t37)) { if (err === 0) err = 3; }
      t37 = 1; t36 = 1;
    }
    let t38 = 0;
    let t39;
    if (t36 !== 0) { t39 = t37; t38 = 1; }
    if (t38 === 0) {
      if (h_some_disabled && (h_gap > 0)) {
        t39 = 2; t38 = 1;
      }
    }
    if (t38 !== 0) {
      if (t34 !== 0 && !(t39 === t35)) { if (err === 0) err = 4; }
      t35 = t39; t34 = 1;
    }
    let t40;
    if (t34 !== 0) {
      t40 = t35;
    } else {
      t40 = 0;
    }
    const h_status = t40;
    // benefit 救助金 [t §9]
    let t49 = 0;
    let t50;
    let t51 = 0;
    let t52;
      const t42 = h_gap * h_size;
      const t43 = pn_tier_months * PN_standard[r];
    if (t42 > t43 * hd_gap) {
      const t44 = PN_standard[r] * 2;
      const t53 = (t44 === 0 ? 0 : t44 < 4503599627370496 && t44 > -4503599627370496 ? Math.floor(t44 / 100) : roundSteps(t44, 100, 2)) * 100;
      if (t51 !== 0 && !(t53 === t52)) { if (err === 0) err = 5; }
      t52 = t53; t51 = 1;
    }
    let t54 = 0;
    let t55;
    if (t51 !== 0) { t55 = t52; t54 = 1; }
    if (t54 === 0) {
      if (h_gap > 0) {
        const t41 = h_gap * h_size;
        t55 = (t41 === 0 ? 0 : t41 < 4503599627370496 && t41 > -4503599627370496 && (hd_gap * 100) < 9007199254740992 ? (t41 >= 0 ? Math.round(t41 / (hd_gap * 100)) : 0 - Math.round(-t41 / (hd_gap * 100))) : roundSteps(t41, hd_gap * 100, 0)) * 100; t54 = 1;
      }
    }
    if (t54 !== 0) {
      if (t49 !== 0 && !(t55 === t50)) { if (err === 0) err = 6; }
      t50 = t55; t49 = 1;
    }
    if ((pn_reform_on !== 0) && (pn_bonus_rate > 0)) {
      const t45 = pd_bonus_rate + pn_bonus_rate;
      const t46 = h_gap * t45;
      const t47 = hd_gap * pd_bonus_rate;
      const t48 = t46 * h_size;
      const t56 = (t48 === 0 ? 0 : t48 < 4503599627370496 && t48 > -4503599627370496 && (t47 * 100) < 9007199254740992 ? Math.ceil(t48 / (t47 * 100)) : roundSteps(t48, t47 * 100, 1)) * 100;
      if (t49 !== 0 && !(t56 === t50)) { if (err === 0) err = 7; }
      t50 = t56; t49 = 1;
    }
    let t57;
    if (t49 !== 0) {
      t57 = t50;
    } else {
      t57 = 0;
    }
    const h_benefit = t57;
    // lump 一次性 [t §9]
    const t58 = Math.abs(h_gap);
    const t59 = t58 * pn_tier_months;
    const t60 = t59 * 2 + (h_oldest * hd_gap);
    const h_lump = (t60 === 0 ? 0 : t60 < 4503599627370496 && t60 > -4503599627370496 && (hd_gap * 2) < 9007199254740992 ? (t60 >= 0 ? Math.round(t60 / (hd_gap * 2)) : 0 - Math.round(-t60 / (hd_gap * 2))) : roundSteps(t60, hd_gap * 2, 0));
    // ratio_out 比率 [t §9]
    let t61, t61d;
    if (h_household_income > 0) {
      t61 = h_monthly_costs * (Math.sign(h_household_income)); t61d = 12 * (Math.abs(h_household_income));
    } else {
      t61 = 0; t61d = 1;
    }
    const h_ratio_out = t61, hd_ratio_out = t61d;
    // adults 成年人 [t §9]
    const h_adults = h_adult_count;
    // points_total 积分合计 [t §9]
    let t62 = 0;
    for (let p = ps, j = 0; p < pe; p++, j++) {
      const t63 = P_student[p] !== 0;
      let t64 = 0, t65 = 0;
      if ((P_age[p] >= 60)) {
        t64 += 2; t65++;
      }
      if (t63) {
        t64 += 1; t65++;
      }
      if (((P_disability_type[p] === 5) || (P_disability_type[p] === 6))) {
        t64 += 3; t65++;
      }
      t62 += t64;
    }
    let t66 = 0;
    for (let p = ps, j = 0; p < pe; p++, j++) {
      t66 += s_weight_class[j];
    }
    const t67 = t66 * (Math.sign(pn_divisor_param));
    const h_points_total = t62 + ((t67 === 0 ? 0 : t67 < 4503599627370496 && t67 > -4503599627370496 && (Math.abs(pn_divisor_param)) < 9007199254740992 ? (t67 >= 0 ? Math.round(t67 / (Math.abs(pn_divisor_param))) : 0 - Math.round(-t67 / (Math.abs(pn_divisor_param)))) : roundSteps(t67, Math.abs(pn_divisor_param), 0))) * pn_divisor_param;
    // flags 标志 [t §9]
    const h_flags = ((h_everyone_resident || h_all_adults_work) && (!(h_some_old_ill && h_after_cutoff))) || ((H_region[h] === 440100) || (H_region[h] === 440106));
    // band_high 高档人数 [t §9]
    let t69 = 0;
    for (let p = ps, j = 0; p < pe; p++, j++) {
      let t68;
      if ((P_age[p] < 18)) {
        t68 = 0;
      } else if ((P_age[p] >= 60) && (P_disability_grade[p] >= 1 && P_disability_grade[p] <= 2)) {
        t68 = 2;
      } else if ((P_age[p] >= 60)) {
        t68 = 1;
      } else if (((P_disability_grade[p] === 1) || (P_disability_grade[p] === 2))) {
        t68 = 2;
      } else {
        t68 = 1;
      }
      if (!(t68 === 2)) continue;
      t69++;
    }
    let t71 = 0;
    for (let p = ps, j = 0; p < pe; p++, j++) {
      let t70;
      if ((P_age[p] < 18)) {
        t70 = 0;
      } else if ((P_age[p] >= 60) && (P_disability_grade[p] >= 1 && P_disability_grade[p] <= 2)) {
        t70 = 2;
      } else if ((P_age[p] >= 60)) {
        t70 = 1;
      } else if (((P_disability_grade[p] === 1) || (P_disability_grade[p] === 2))) {
        t70 = 2;
      } else {
        t70 = 1;
      }
      if (!(t70 !== 0)) continue;
      t71++;
    }
    const h_band_high = t69 + t71 - ((h_oldest === 0 ? 0 : h_oldest < 4503599627370496 ? Math.floor(h_oldest / 1000) : roundSteps(h_oldest, 1000, 2)));
    // mixed 混合 [t §9]
    const h_mixed = ((h_size > 2) ? 1 : 2) + 10 - (((H_area[h] === 0 ? 3 : 4)) * 2);
    // mixed_bool 混合判断 [t §9]
    const h_mixed_bool = (!((h_flags ? false : true))) && (((h_size > 2) ? 1 : 2) > 1);
    // mixed_money 混合金额 [t §9]
    const t72 = h_household_income - 500;
    const t73 = t72 * (Math.sign(pn_divisor_param));
    const t74 = Math.abs(pn_divisor_param);
    const t75 = (((h_size > 1) ? 100 : 200)) * 3;
    const t76 = t73 + (t75 * t74);
    const h_mixed_money = (t76 === 0 ? 0 : t76 < 4503599627370496 && t76 > -4503599627370496 && t74 < 9007199254740992 ? (t76 >= 0 ? Math.round(t76 / t74) : 0 - Math.round(-t76 / t74)) : roundSteps(t76, t74, 0));
    // signed_half 负数取整 [t §9]
    const h_signed_half = (h_gap === 0 ? 0 : h_gap < 4503599627370496 && h_gap > -4503599627370496 && (hd_gap * 2) < 9007199254740992 ? (h_gap >= 0 ? Math.round(h_gap / (hd_gap * 2)) : 0 - Math.round(-h_gap / (hd_gap * 2))) : roundSteps(h_gap, hd_gap * 2, 0));
    // signed_up 负数进位 [t §9]
    const h_signed_up = (h_gap === 0 ? 0 : h_gap < 4503599627370496 && h_gap > -4503599627370496 && ((hd_gap * 3) * 100) < 9007199254740992 ? Math.ceil(h_gap / ((hd_gap * 3) * 100)) : roundSteps(h_gap, (hd_gap * 3) * 100, 1)) * 100;
    // signed_down 负数舍去 [t §9]
    const h_signed_down = (h_gap === 0 ? 0 : h_gap < 4503599627370496 && h_gap > -4503599627370496 && ((hd_gap * 3) * 100) < 9007199254740992 ? Math.floor(h_gap / ((hd_gap * 3) * 100)) : roundSteps(h_gap, (hd_gap * 3) * 100, 2)) * 100;
    let t77 = 0, t77d = 1, t77f = false;
    for (let p = ps, j = 0; p < pe; p++, j++) {
      // lowest_share 最低份额 [t §7]
      if (s_adult[j] !== 0) {
        let t78, t78d;
        if ((s_adult[j] !== 0) && (h_adult_count > 0)) {
          t78 = h_household_income; t78d = h_adult_count;
        } else {
          t78 = 0; t78d = 1;
        }
        if (!t77f || t78 * t77d < t77 * t78d) { t77 = t78; t77d = t78d; t77f = true; }
      }
    }
    if (!t77f) {
      t77 = 0; t77d = 1;
    }
    const h_lowest_share = t77, hd_lowest_share = t77d;
    // extremes 极值 [t §9]
    const h_extremes = h_top_income - ((h_lowest_share === 0 ? 0 : h_lowest_share < 4503599627370496 && h_lowest_share > -4503599627370496 && hd_lowest_share < 9007199254740992 ? (h_lowest_share >= 0 ? Math.round(h_lowest_share / hd_lowest_share) : 0 - Math.round(-h_lowest_share / hd_lowest_share)) : roundSteps(h_lowest_share, hd_lowest_share, 0))) + (h_lowest_share === 0 ? 0 : h_lowest_share < 4503599627370496 && h_lowest_share > -4503599627370496 && (hd_lowest_share * 2) < 9007199254740992 ? (h_lowest_share >= 0 ? Math.round(h_lowest_share / (hd_lowest_share * 2)) : 0 - Math.round(-h_lowest_share / (hd_lowest_share * 2))) : roundSteps(h_lowest_share, hd_lowest_share * 2, 0));
    O_status[h] = h_status;
    if (h_benefit !== h_benefit && err === 0) err = 8;
    O_benefit[h] = h_benefit;
    if (h_lump !== h_lump && err === 0) err = 8;
    O_lump[h] = h_lump;
    if (h_costs !== h_costs && err === 0) err = 8;
    O_costs[h] = h_costs;
    O_ratio_out[h] = h_ratio_out / hd_ratio_out;
    O_adults[h] = h_adults;
    if ((h_points_total | 0) !== h_points_total && err === 0) err = 9;
    O_points_total[h] = h_points_total;
    O_flags[h] = h_flags ? 1 : 0;
    if (h_care_total !== h_care_total && err === 0) err = 8;
    O_care_total[h] = h_care_total;
    if (h_band_high !== h_band_high && err === 0) err = 8;
    O_band_high[h] = h_band_high;
    if (h_extremes !== h_extremes && err === 0) err = 8;
    O_extremes[h] = h_extremes;
    O_mixed[h] = h_mixed;
    O_mixed_bool[h] = h_mixed_bool ? 1 : 0;
    if (h_mixed_money !== h_mixed_money && err === 0) err = 8;
    O_mixed_money[h] = h_mixed_money;
    O_mixed_table[h] = h_mixed_table;
    if (h_signed_half !== h_signed_half && err === 0) err = 8;
    O_signed_half[h] = h_signed_half;
    if (h_signed_up !== h_signed_up && err === 0) err = 8;
    O_signed_up[h] = h_signed_up;
    if (h_signed_down !== h_signed_down && err === 0) err = 8;
    O_signed_down[h] = h_signed_down;
    if (h_addon_total !== h_addon_total && err === 0) err = 8;
    O_addon_total[h] = h_addon_total;
    E[h] = err;
    if (err !== 0) errors++;
  }
  return errors;
}
