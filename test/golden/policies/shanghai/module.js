// Doudi compiled policy: shanghai — 上海市最低生活保障、特困供养、价格补贴与临时救助（参考政策）
// Compiled from policies/shanghai/shanghai.doudi by doudi 0.1.0. Do not edit: edit the policy and compile again.
// Money is in fen inside this module and in yuan at evaluate(); every number is an exact fraction.
// Sources:
//   暂行办法: 社会救助暂行办法（国务院令第649号，2014）
//   57号: 最低生活保障审核确认办法（民发〔2021〕57号）
//   43号: 特困人员认定办法（民发〔2021〕43号）
//   2021指导意见: 关于巩固拓展脱贫攻坚兜底保障成果进一步做好困难群众基本生活保障工作的指导意见（民政部 财政部 国家乡村振兴局，2021-05-10）
//   2022通知: 关于进一步做好最低生活保障等社会救助兜底保障工作的通知（2022）
//   2016价格: 关于进一步完善社会救助和保障标准与物价上涨挂钩联动机制的通知（2016）
//   1553号: 发改价格〔2021〕1553号
//   2018临时救助: 关于进一步加强和改进临时救助工作的意见（2018）
//   2020意见: 关于改革完善社会救助制度的意见（2020）
//   2023意见: 关于加强低收入人口动态监测做好分层分类社会救助工作的意见（2023）
//   16号: 关于进一步做好最低生活保障标准制定和调整工作的通知（民发〔2024〕16号）
//   brief: Doudi domain brief: local variants and statistics (shared/domain/brief.md)
//   ref: Doudi reference policy: Shanghai, from 2023-07-01 (conformance specification)
//   沪2023: 上海市民政局等关于调整本市最低生活保障标准的通知（2023）
//   沪2024: 上海市民政局等关于调整本市社会救助标准的通知（2024）

export const policy = {"id":"shanghai","label":"上海市最低生活保障、特困供养、价格补贴与临时救助（参考政策）","region":"310000","effective":{"from":"2023-07-01"},"file":"policies/shanghai/shanghai.doudi","chain":[{"id":"shanghai","file":"policies/shanghai/shanghai.doudi"},{"id":"national_framework","file":"policies/national/framework.doudi"}],"documents":[{"key":"暂行办法","title":"社会救助暂行办法（国务院令第649号，2014）","policy":"national_framework"},{"key":"57号","title":"最低生活保障审核确认办法（民发〔2021〕57号）","policy":"national_framework"},{"key":"43号","title":"特困人员认定办法（民发〔2021〕43号）","policy":"national_framework"},{"key":"2021指导意见","title":"关于巩固拓展脱贫攻坚兜底保障成果进一步做好困难群众基本生活保障工作的指导意见（民政部 财政部 国家乡村振兴局，2021-05-10）","policy":"national_framework"},{"key":"2022通知","title":"关于进一步做好最低生活保障等社会救助兜底保障工作的通知（2022）","policy":"national_framework"},{"key":"2016价格","title":"关于进一步完善社会救助和保障标准与物价上涨挂钩联动机制的通知（2016）","policy":"national_framework"},{"key":"1553号","title":"发改价格〔2021〕1553号","policy":"national_framework"},{"key":"2018临时救助","title":"关于进一步加强和改进临时救助工作的意见（2018）","policy":"national_framework"},{"key":"2020意见","title":"关于改革完善社会救助制度的意见（2020）","policy":"national_framework"},{"key":"2023意见","title":"关于加强低收入人口动态监测做好分层分类社会救助工作的意见（2023）","policy":"national_framework"},{"key":"16号","title":"关于进一步做好最低生活保障标准制定和调整工作的通知（民发〔2024〕16号）","policy":"national_framework"},{"key":"brief","title":"Doudi domain brief: local variants and statistics (shared/domain/brief.md)","policy":"national_framework"},{"key":"ref","title":"Doudi reference policy: Shanghai, from 2023-07-01 (conformance specification)","policy":"shanghai"},{"key":"沪2023","title":"上海市民政局等关于调整本市最低生活保障标准的通知（2023）","policy":"shanghai"},{"key":"沪2024","title":"上海市民政局等关于调整本市社会救助标准的通知（2024）","policy":"shanghai"}]};

export const outputs = [{"id":"tekun_persons","label":"特困供养人数","type":"integer","column":"i32","cite":["43号 §4"]},{"id":"tekun_benefit","label":"特困供养金合计","type":"money/month","column":"f64","cite":["43号 §20"]},{"id":"per_capita_income","label":"家庭人均收入","type":"money/month","column":"f64","cite":["57号 §13"]},{"id":"edge_family","label":"低保边缘家庭","type":"bool","column":"u8","cite":["57号 §8","2023意见"]},{"id":"dibao_status","label":"低保状态","type":"dibao_status","column":"u8","values":["none","regular","grace","single"],"cite":["57号 §8","57号 §9","57号 §33"]},{"id":"dibao_benefit","label":"低保金","type":"money/month","column":"f64","cite":["57号 §23"]},{"id":"dibao_persons","label":"低保保障人数","type":"integer","column":"i32","cite":["57号 §8"]},{"id":"price_subsidy","label":"价格临时补贴","type":"money/month","column":"f64","cite":["2016价格"]},{"id":"temporary_assistance","label":"急难型临时救助金","type":"money","column":"f64","cite":["暂行办法 §48","2018临时救助"]},{"id":"help_first","label":"先行救助","type":"bool","column":"u8","cite":["2018临时救助"]},{"id":"rigid_hardship","label":"刚性支出困难家庭","type":"bool","column":"u8","cite":["2023意见","assumption: an expenditure-assistance household with no member in dibao or 特困 and not at the edge"]},{"id":"expenditure_assistance","label":"支出型临时救助金","type":"money","column":"f64","cite":["暂行办法 §47","2018临时救助","assumption: once a year, the rigid spending beyond capacity, capped at months of the standard"]},{"id":"total_monthly","label":"月度救助合计","type":"money/month","column":"f64","cite":["57号 §23","43号 §20","2016价格"]}];

/** Error sites: out.errors[h] = i + 1 for SITES[i]. */
export const SITES = [{"kind":"exception","definition":"dibao_status","message":"dibao_status: exception regular_case and another that applies give different results (policies/national/framework.doudi:302)","file":"policies/national/framework.doudi","line":302},{"kind":"exception","definition":"dibao_status","message":"dibao_status: exception grace_case and another that applies give different results (policies/national/framework.doudi:302)","file":"policies/national/framework.doudi","line":302},{"kind":"exception","definition":"dibao_status","message":"dibao_status: exception single_case and another that applies give different results (policies/national/framework.doudi:302)","file":"policies/national/framework.doudi","line":302},{"kind":"exception","definition":"dibao_benefit","message":"dibao_benefit: exception regular_case and another that applies give different results (policies/national/framework.doudi:307)","file":"policies/national/framework.doudi","line":307},{"kind":"exception","definition":"dibao_benefit","message":"dibao_benefit: exception grace_case and another that applies give different results (policies/national/framework.doudi:307)","file":"policies/national/framework.doudi","line":307},{"kind":"exception","definition":"dibao_benefit","message":"dibao_benefit: exception single_case and another that applies give different results (policies/national/framework.doudi:307)","file":"policies/national/framework.doudi","line":307},{"kind":"exception","definition":"dibao_persons","message":"dibao_persons: exception regular_case and another that applies give different results (policies/national/framework.doudi:312)","file":"policies/national/framework.doudi","line":312},{"kind":"exception","definition":"dibao_persons","message":"dibao_persons: exception grace_case and another that applies give different results (policies/national/framework.doudi:312)","file":"policies/national/framework.doudi","line":312},{"kind":"exception","definition":"dibao_persons","message":"dibao_persons: exception single_case and another that applies give different results (policies/national/framework.doudi:312)","file":"policies/national/framework.doudi","line":312},{"kind":"overflow","definition":"","message":"a value is beyond the exact range of the compiled code (2^53)","file":"policies/shanghai/shanghai.doudi","line":1}];

const PARAMS = [{"id":"dibao_standard","kind":"parameter","type":"money/month","by":"area","values":["urban","rural"],"width":2,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[151000,1],[151000,1]]},{"from":"2024-07-01","v":[[159500,1],[159500,1]]}],"regions":[]},{"id":"minimum_wage","kind":"parameter","type":"money/month","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[269000,1]]}],"regions":[]},{"id":"care_fraction","kind":"parameter","type":"number","by":"self_care","values":["full","partial","none"],"width":3,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[1,10],[1,6],[1,3]]}],"regions":[]},{"id":"last_year_consumption","kind":"parameter","type":"money/year","by":"area","values":["urban","rural"],"width":2,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[4604500,1],[4604500,1]]},{"from":"2024-01-01","v":[[5250800,1],[5250800,1]]}],"regions":[]},{"id":"last_year_disposable_income","kind":"parameter","type":"money/year","by":"area","values":["urban","rural"],"width":2,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[7961000,1],[7961000,1]]},{"from":"2024-01-01","v":[[8483400,1],[8483400,1]]}],"regions":[]},{"id":"basic_pension_counted","kind":"parameter","type":"bool","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[0,1]]}],"regions":[]},{"id":"employment_deduction","kind":"parameter","type":"deduction_method","enum":["none","fixed","proportion"],"width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[1,1]]}],"regions":[]},{"id":"employment_exemption","kind":"parameter","type":"money/month","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[87000,1]]}],"regions":[]},{"id":"employment_deduction_rate","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"assets_months","kind":"parameter","type":"months","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[24,1]]}],"regions":[]},{"id":"max_vehicles","kind":"parameter","type":"integer","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[0,1]]}],"regions":[]},{"id":"max_houses","kind":"parameter","type":"integer","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[1,1]]}],"regions":[]},{"id":"elderly_age","kind":"parameter","type":"integer","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[60,1]]}],"regions":[]},{"id":"minor_age","kind":"parameter","type":"integer","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[18,1]]}],"regions":[]},{"id":"edge_multiple","kind":"parameter","type":"number","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[2,1]]}],"regions":[]},{"id":"grace_months","kind":"parameter","type":"months","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[6,1]]}],"regions":[]},{"id":"benefit_method","kind":"parameter","type":"benefit_method","enum":["gap","tiers"],"width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"tier_limit_1","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[1,4]]}],"regions":[]},{"id":"tier_limit_2","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[1,2]]}],"regions":[]},{"id":"tier_limit_3","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[3,4]]}],"regions":[]},{"id":"tier_rate_1","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[9,10]]}],"regions":[]},{"id":"tier_rate_2","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[7,10]]}],"regions":[]},{"id":"tier_rate_3","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[1,2]]}],"regions":[]},{"id":"tier_rate_4","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[3,10]]}],"regions":[]},{"id":"single_tier_rate","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[7,10]]}],"regions":[]},{"id":"min_benefit_rate","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"addon_elderly","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"addon_minor","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"addon_disabled","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"addon_ill","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"tekun_multiple","kind":"parameter","type":"number","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[13,10]]}],"regions":[]},{"id":"tekun_standard","kind":"parameter","type":"money/month","by":"area","values":["urban","rural"],"width":2,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[196500,1],[196500,1]]},{"from":"2024-07-01","v":[[207500,1],[207500,1]]}],"regions":[]},{"id":"standard_ratio","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[3,10]]}],"regions":[]},{"id":"formula_standard","kind":"parameter","type":"money/month","by":"area","values":["urban","rural"],"width":2,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[0,1]}],"regions":[]},{"id":"price_cpi_trigger","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[7,200]]}],"regions":[]},{"id":"price_food_trigger","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[3,50]]}],"regions":[]},{"id":"price_include_edge","kind":"parameter","type":"bool","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"price_floor","kind":"parameter","type":"money/month","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"emergency_cap_months","kind":"parameter","type":"months","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[6,1]]}],"regions":[]},{"id":"help_first_months","kind":"parameter","type":"months","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[2,1]]}],"regions":[]},{"id":"expenditure_cap_months","kind":"parameter","type":"months","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[6,1]]}],"regions":[]},{"id":"rigid_spending_share","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[1,2]]}],"regions":[]},{"id":"rigid_hardship_from","kind":"parameter","type":"date","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[20089,1]]}],"regions":[]},{"id":"cpi_yoy","kind":"input","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"0001-01-01","v":[[0,1]]}],"regions":[]},{"id":"food_cpi_yoy","kind":"input","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"0001-01-01","v":[[0,1]]}],"regions":[]}];

const FIELDS = { household: [["household_id","家庭编号","id",null,null,null,null,null],["weight","权重","number","f64",null,0,null,null],["region","行政区划代码","region","i32",null,null,null,null],["area","城乡类别","area","u8",["urban","城镇","rural","农村"],null,null,null],["hukou_local","本地户籍","bool","u8",null,null,null,null],["residence_permit","持居住证","bool","u8",null,null,null,null],["financial_assets","金融资产","money","f64",null,null,null,null],["vehicles","机动车数量","integer","u16",null,0,65535,null],["houses","住房套数","integer","u16",null,0,65535,null],["medical_costs","医疗自付支出","money/year","i32",null,null,null,null],["education_costs","教育支出","money/year","i32",null,null,null,null],["emergency_cost","急难支出","money","i32",null,null,null,null],["dibao_last_month","上月享受低保","bool","u8",null,null,null,null],["last_benefit","上月低保金","money/month","i32",null,null,null,null],["grace_months_used","已享受渐退月数","months","u8",null,0,255,null],["hukou_area","户籍城乡类别","area","u8",["urban","城镇","rural","农村"],null,null,["same","area"]],["last_dibao_status","上月低保状态","dibao_status","u8",["none","无","regular","常规低保","grace","渐退期","single","单人户"],null,null,["when","dibao_last_month",1,0]]], person: [["person_id","成员编号","id",null,null,null,null,null],["household_id","家庭编号","id",null,null,null,null,null],["relation","与户主关系","relation","u8",["head","户主","spouse","配偶","child","子女","parent","父母","grandchild","孙子女","sibling","兄弟姐妹","other","其他亲属"],null,null,null],["age","年龄","integer","u8",null,0,150,null],["sex","性别","sex","u8",["male","男","female","女"],null,null,null],["co_resident","共同生活","bool","u8",null,null,null,null],["excluded_status","不计入情形","excluded_status","u8",["none","无","clergy_away","宗教教职人员","prisoner","服刑人员","rehab","强制隔离戒毒","missing","宣告失踪"],null,null,null],["student","全日制在校","bool","u8",null,null,null,null],["work_ability","劳动能力","work_ability","u8",["full","完全劳动能力","partial","部分劳动能力","none","无劳动能力"],null,null,null],["disability_grade","残疾等级","integer","u8",null,0,4,null],["disability_type","残疾类别","disability_type","u8",["none","无","physical","肢体","visual","视力","hearing","听力","speech","言语","intellectual","智力","mental","精神","multiple","多重"],null,null,null],["catastrophic_illness","重特大疾病","bool","u8",null,null,null,null],["self_care","自理能力","self_care","u8",["full","全自理","partial","半失能","none","全失能"],null,null,null],["employed","就业","bool","u8",null,null,null,null],["wage_income","工资性收入","money/month","i32",null,null,null,null],["business_income","经营净收入","money/month","i32",null,null,null,null],["property_income","财产净收入","money/month","i32",null,null,null,null],["transfer_income","转移净收入","money/month","i32",null,null,null,null],["basic_pension","城乡居民基础养老金","money/month","i32",null,null,null,null],["excluded_income","不计入收入","money/month","i32",null,null,null,null],["has_capable_supporter","有履行能力的赡养人","bool","u8",null,null,null,null],["poverty_alleviated","脱贫人口","bool","u8",null,null,null,["value",0]],["relapse_monitoring","防返贫监测对象","bool","u8",null,null,null,["value",0]],["child_status","困境儿童类别","child_status","u8",["none","无","orphan","孤儿","unsupported","事实无人抚养儿童"],null,null,["value",0]],["entitled_group","优抚对象","bool","u8",null,null,null,["value",0]],["unemployment_insurance","领取失业保险金","bool","u8",null,null,null,["value",0]],["institutional_care","集中供养","bool","u8",null,null,null,["value",0]]] };

const FORMULAS = [function (N, D, r, day) {
  const t0 = N["last_year_consumption"][r * 2 + 0];
  const t1 = D["last_year_consumption"][r * 2 + 0];
  const t2 = t1 * 12;
  const t3 = N["standard_ratio"][r];
  const t4 = D["standard_ratio"][r];
  const t5 = t0 * t3;
  return [(t5 === 0 ? 0 : t5 < 4503599627370496 && t5 > -4503599627370496 && ((t2 * t4) * 500) < 9007199254740992 ? Math.ceil(t5 / ((t2 * t4) * 500)) : roundSteps(t5, (t2 * t4) * 500, 1)) * 500, 1];
},
function (N, D, r, day) {
  const t6 = N["last_year_consumption"][r * 2 + 1];
  const t7 = D["last_year_consumption"][r * 2 + 1];
  const t8 = t7 * 12;
  const t9 = N["standard_ratio"][r];
  const t10 = D["standard_ratio"][r];
  const t11 = t6 * t9;
  return [(t11 === 0 ? 0 : t11 < 4503599627370496 && t11 > -4503599627370496 && ((t8 * t10) * 500) < 9007199254740992 ? Math.ceil(t11 / ((t8 * t10) * 500)) : roundSteps(t11, (t8 * t10) * 500, 1)) * 500, 1];
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
  const H_area = pop.household["area"];
  const H_medical_costs = pop.household["medical_costs"];
  const H_education_costs = pop.household["education_costs"];
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
  const P_basic_pension = pop.person["basic_pension"];
  const P_has_capable_supporter = pop.person["has_capable_supporter"];
  const P_age = pop.person["age"];
  const P_work_ability = pop.person["work_ability"];
  const P_disability_grade = pop.person["disability_grade"];
  const P_disability_type = pop.person["disability_type"];
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
  const PN_dibao_standard = params.n["dibao_standard"];
  const pn_price_floor = params.n["price_floor"][0];
  const pn_employment_deduction = params.n["employment_deduction"][0];
  const pn_employment_exemption = params.n["employment_exemption"][0];
  const pn_employment_deduction_rate = params.n["employment_deduction_rate"][0];
  const pd_employment_deduction_rate = params.d["employment_deduction_rate"][0];
  const pn_basic_pension_counted = params.n["basic_pension_counted"][0];
  const pn_assets_months = params.n["assets_months"][0];
  const pn_max_vehicles = params.n["max_vehicles"][0];
  const pn_max_houses = params.n["max_houses"][0];
  const pn_rigid_spending_share = params.n["rigid_spending_share"][0];
  const pd_rigid_spending_share = params.d["rigid_spending_share"][0];
  const PN_last_year_disposable_income = params.n["last_year_disposable_income"];
  const pn_edge_multiple = params.n["edge_multiple"][0];
  const pd_edge_multiple = params.d["edge_multiple"][0];
  const pn_expenditure_cap_months = params.n["expenditure_cap_months"][0];
  const PN_tekun_standard = params.n["tekun_standard"];
  const pn_minimum_wage = params.n["minimum_wage"][0];
  const PN_care_fraction = params.n["care_fraction"];
  const PD_care_fraction = params.d["care_fraction"];
  const pn_addon_elderly = params.n["addon_elderly"][0];
  const pd_addon_elderly = params.d["addon_elderly"][0];
  const pn_addon_minor = params.n["addon_minor"][0];
  const pd_addon_minor = params.d["addon_minor"][0];
  const pn_addon_disabled = params.n["addon_disabled"][0];
  const pd_addon_disabled = params.d["addon_disabled"][0];
  const pn_addon_ill = params.n["addon_ill"][0];
  const pd_addon_ill = params.d["addon_ill"][0];
  const pn_elderly_age = params.n["elderly_age"][0];
  const pn_minor_age = params.n["minor_age"][0];
  const pn_grace_months = params.n["grace_months"][0];
  const pn_benefit_method = params.n["benefit_method"][0];
  const pn_single_tier_rate = params.n["single_tier_rate"][0];
  const pd_single_tier_rate = params.d["single_tier_rate"][0];
  const pn_tier_rate_1 = params.n["tier_rate_1"][0];
  const pd_tier_rate_1 = params.d["tier_rate_1"][0];
  const pn_tier_rate_2 = params.n["tier_rate_2"][0];
  const pd_tier_rate_2 = params.d["tier_rate_2"][0];
  const pn_tier_rate_3 = params.n["tier_rate_3"][0];
  const pd_tier_rate_3 = params.d["tier_rate_3"][0];
  const pn_tier_rate_4 = params.n["tier_rate_4"][0];
  const pd_tier_rate_4 = params.d["tier_rate_4"][0];
  const pn_tier_limit_1 = params.n["tier_limit_1"][0];
  const pd_tier_limit_1 = params.d["tier_limit_1"][0];
  const pn_tier_limit_2 = params.n["tier_limit_2"][0];
  const pd_tier_limit_2 = params.d["tier_limit_2"][0];
  const pn_tier_limit_3 = params.n["tier_limit_3"][0];
  const pd_tier_limit_3 = params.d["tier_limit_3"][0];
  const pn_min_benefit_rate = params.n["min_benefit_rate"][0];
  const pd_min_benefit_rate = params.d["min_benefit_rate"][0];
  const pn_price_include_edge = params.n["price_include_edge"][0];
  const pn_emergency_cap_months = params.n["emergency_cap_months"][0];
  const pn_help_first_months = params.n["help_first_months"][0];
  const pn_rigid_hardship_from = params.n["rigid_hardship_from"][0];
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
  const O_rigid_hardship = out.columns["rigid_hardship"];
  const O_expenditure_assistance = out.columns["expenditure_assistance"];
  const O_total_monthly = out.columns["total_monthly"];
  let maxMembers = 1;
  for (let h = from; h < to; h++) if (MS[h + 1] - MS[h] > maxMembers) maxMembers = MS[h + 1] - MS[h];
  const s_is_member = new Uint8Array(maxMembers);
  const s_countable_income = new Float64Array(maxMembers);
  const sd_countable_income = new Float64Array(maxMembers);
  const s_dibao_member = new Uint8Array(maxMembers);
  // price_rate 价格补贴比例 [2016价格]
  const t12 = pn_cpi_yoy * pd_price_cpi_trigger >= pn_price_cpi_trigger * pd_cpi_yoy;
  const t13 = pn_food_cpi_yoy * pd_price_food_trigger >= pn_price_food_trigger * pd_food_cpi_yoy;
  let t15, t15d;
  if (t12 && t13) {
    let t14 = pn_cpi_yoy, t14d = pd_cpi_yoy;
    if (pn_food_cpi_yoy * t14d > t14 * pd_food_cpi_yoy) { t14 = pn_food_cpi_yoy; t14d = pd_food_cpi_yoy; }
    t15 = t14; t15d = t14d;
  } else if (t12) {
    t15 = pn_cpi_yoy; t15d = pd_cpi_yoy;
  } else if (t13) {
    t15 = pn_food_cpi_yoy; t15d = pd_food_cpi_yoy;
  } else {
    t15 = 0; t15d = 1;
  }
  const h_price_rate = t15, hd_price_rate = t15d;
  const t60 = 0 * pd_addon_elderly === pn_addon_elderly * 1 && pn_addon_minor * pd_addon_elderly === pn_addon_elderly * pd_addon_minor && 0 * pd_addon_elderly === pn_addon_elderly * 1 && pn_addon_disabled * pd_addon_elderly === pn_addon_elderly * pd_addon_disabled && 0 * pd_addon_elderly === pn_addon_elderly * 1 && pn_addon_ill * pd_addon_elderly === pn_addon_elderly * pd_addon_ill && 0 * pd_addon_elderly === pn_addon_elderly * 1;
  const t84 = pn_tier_rate_2 * pd_tier_rate_1 === pn_tier_rate_1 * pd_tier_rate_2 && pn_tier_rate_3 * pd_tier_rate_1 === pn_tier_rate_1 * pd_tier_rate_3 && pn_tier_rate_4 * pd_tier_rate_1 === pn_tier_rate_1 * pd_tier_rate_4;
  const KR = regions.codes.length, KS = regions.slot;
  const K_standard = new Float64Array(2 * KR);
  const K_price_per_person = new Float64Array(2 * KR);
  for (let r = 0; r < KR; r++) {
    for (let a = 0; a < 2; a++) {
      // standard 本户适用低保标准 [暂行办法 §10]
      const h_standard = PN_dibao_standard[a];
      K_standard[r * 2 + a] = h_standard;
      // price_per_person 每人价格补贴 [2016价格][1553号]
      let t17;
      if (h_price_rate > 0) {
        const t16 = h_standard * h_price_rate;
        t17 = Math.max((t16 === 0 ? 0 : t16 < 4503599627370496 && t16 > -4503599627370496 && (hd_price_rate * 100) < 9007199254740992 ? (t16 >= 0 ? Math.round(t16 / (hd_price_rate * 100)) : 0 - Math.round(-t16 / (hd_price_rate * 100))) : roundSteps(t16, hd_price_rate * 100, 0)) * 100, pn_price_floor);
      } else {
        t17 = 0;
      }
      const h_price_per_person = t17;
      K_price_per_person[r * 2 + a] = h_price_per_person;
    }
  }
  let errors = 0;
  for (let h = from; h < to; h++) {
    const ps = MS[h], pe = MS[h + 1];
    let err = 0;
    const KI = KS[h] * 2 + H_area[h];
    const h_standard = K_standard[KI];
    const h_price_per_person = K_price_per_person[KI];
    // rigid_spending 刚性支出（年） [2023意见][57号 §13]
    const h_rigid_spending = H_medical_costs[h] + H_education_costs[h];
    let t24 = 0;
    let t25 = 0, t25d = 1;
    for (let p = ps, j = 0; p < pe; p++, j++) {
      // is_member 家庭成员 [57号 §7]
      const v_is_member = (P_co_resident[p] !== 0) && (P_excluded_status[p] === 0);
      s_is_member[j] = v_is_member ? 1 : 0;
      // countable_income 可计收入 [57号 §13][2021指导意见 二(八)]
      let t19, t19d;
      if (pn_employment_deduction === 0) {
        t19 = P_wage_income[p]; t19d = 1;
      } else if (pn_employment_deduction === 1) {
        t19 = Math.max(0, P_wage_income[p] - (((P_employed[p] !== 0) ? pn_employment_exemption : 0))); t19d = 1;
      } else {
        const t18 = P_wage_income[p] * pn_employment_deduction_rate;
        t19 = P_wage_income[p] * pd_employment_deduction_rate - t18; t19d = pd_employment_deduction_rate;
      }
      const t20 = t19 + (P_business_income[p] * t19d);
      const t21 = t20 + (P_property_income[p] * t19d);
      const t22 = t21 + (P_transfer_income[p] * t19d);
      const t23 = ((pn_basic_pension_counted !== 0) ? P_basic_pension[p] : 0);
      const v_countable_income = t22 + (t23 * t19d);
      s_countable_income[j] = v_countable_income;
      const vd_countable_income = t19d;
      sd_countable_income[j] = vd_countable_income;
      // member_count 共同生活成员数 [57号 §7]
      if (v_is_member) {
        t24++;
      }
      // all_income 全部成员可计收入 [57号 §13]
      if (v_is_member) {
        if (vd_countable_income === t25d) t25 += v_countable_income;
        else { t25 = t25 * vd_countable_income + v_countable_income * t25d; t25d = t25d * vd_countable_income; const g = gcd(t25, t25d); if (g > 1) { t25 /= g; t25d /= g; } }
      }
    }
    const h_member_count = t24;
    const h_all_income = t25, hd_all_income = t25d;
    // asset_test 财产状况符合规定 [57号 §14]
    let t27 = h_member_count >= 1;
    if (t27) {
      const t26 = pn_assets_months * h_standard;
      t27 = H_financial_assets[h] <= t26 * h_member_count;
    }
    const h_asset_test = (t27 && (H_vehicles[h] <= pn_max_vehicles)) && (H_houses[h] <= pn_max_houses);
    // rigid_excess 超出承受能力的刚性支出 [2023意见][assumption: spending beyond capacity is rigid spending above a share of the household's yearly income]
    const t28 = h_all_income * 12;
    const t29 = t28 * pn_rigid_spending_share;
    const t30 = hd_all_income * pd_rigid_spending_share;
    const t31 = h_rigid_spending * t30 - t29;
    let t32 = 0, t32d = 1;
    if (t31 * t32d > t32 * t30) { t32 = t31; t32d = t30; }
    const h_rigid_excess = t32, hd_rigid_excess = t32d;
    // expenditure_eligible 支出型临时救助对象 [暂行办法 §47][2018临时救助][assumption: rigid spending beyond capacity leaves income per member below the edge line]
    let t34 = h_member_count >= 1;
    if (t34) {
      const t33 = (PN_last_year_disposable_income[H_area[h]]) * h_member_count;
      t34 = h_all_income * 12 < t33 * hd_all_income;
    }
    let t39 = t34 && (h_rigid_excess > 0);
    if (t39) {
      let t37, t37d;
      if (h_member_count === 0) {
        t37 = 0; t37d = 1;
      } else {
        const t35 = h_all_income * 12 - (h_rigid_spending * hd_all_income);
        const t36 = hd_all_income * 12;
        t37 = t35; t37d = t36 * h_member_count;
      }
      const t38 = pn_edge_multiple * h_standard;
      t39 = t37 * pd_edge_multiple < t38 * t37d;
    }
    const h_expenditure_eligible = t39;
    // expenditure_assistance 支出型临时救助金 [暂行办法 §47][2018临时救助][assumption: once a year, the rigid spending beyond capacity, capped at months of the standard]
    let t44;
    if (h_expenditure_eligible) {
      const t40 = hd_rigid_excess * 12;
      const t41 = h_rigid_excess * 12;
      const t42 = pn_expenditure_cap_months * h_standard;
      let t43 = t41, t43d = t40;
      if (t42 * t43d < t43) { t43 = t42; t43d = 1; }
      t44 = (t43 === 0 ? 0 : t43 < 4503599627370496 && t43 > -4503599627370496 && (t43d * 100) < 9007199254740992 ? (t43 >= 0 ? Math.round(t43 / (t43d * 100)) : 0 - Math.round(-t43 / (t43d * 100))) : roundSteps(t43, t43d * 100, 0)) * 100;
    } else {
      t44 = 0;
    }
    const h_expenditure_assistance = t44;
    let t51 = 0;
    let t52 = 0;
    let t57 = 0;
    let t58 = 0, t58d = 1;
    let t59 = 0;
    for (let p = ps, j = 0; p < pe; p++, j++) {
      // tekun 特困人员 [43号 §4][43号 §6][43号 §8]
      let t50 = ((s_is_member[j] !== 0) && h_asset_test) && (!(P_has_capable_supporter[p] !== 0));
      if (t50) {
        let t46, t46d;
        if (pn_employment_deduction === 0) {
          t46 = P_wage_income[p]; t46d = 1;
        } else if (pn_employment_deduction === 1) {
          t46 = Math.max(0, P_wage_income[p] - (((P_employed[p] !== 0) ? pn_employment_exemption : 0))); t46d = 1;
        } else {
          const t45 = P_wage_income[p] * pn_employment_deduction_rate;
          t46 = P_wage_income[p] * pd_employment_deduction_rate - t45; t46d = pd_employment_deduction_rate;
        }
        const t47 = t46 + (P_business_income[p] * t46d);
        const t48 = t47 + (P_property_income[p] * t46d);
        const t49 = t48 + (P_transfer_income[p] * t46d);
        t50 = t49 < h_standard * t46d;
      }
      const v_tekun = t50 && (((((P_age[p] >= 60) || (P_age[p] < 18)) || (P_work_ability[p] === 2)) || ((P_disability_grade[p] >= 1) && (P_disability_grade[p] <= 2))) || ((P_disability_grade[p] === 3) && ((P_disability_type[p] === 5) || (P_disability_type[p] === 6))));
      // dibao_member 低保核算成员 [43号 §4][57号 §7]
      const v_dibao_member = (s_is_member[j] !== 0) && (!v_tekun);
      s_dibao_member[j] = v_dibao_member ? 1 : 0;
      // tekun_persons 特困供养人数 [43号 §4]
      if (v_tekun) {
        t51++;
      }
      // tekun_benefit 特困供养金合计 [43号 §20]
      if (v_tekun) {
        let t56;
        if (v_tekun) {
          const t53 = PN_care_fraction[P_self_care[p]];
          const t54 = PD_care_fraction[P_self_care[p]];
          const t55 = pn_minimum_wage * t53;
          t56 = PN_tekun_standard[H_area[h]] + (t55 === 0 ? 0 : t55 < 4503599627370496 && t55 > -4503599627370496 && (t54 * 100) < 9007199254740992 ? (t55 >= 0 ? Math.round(t55 / (t54 * 100)) : 0 - Math.round(-t55 / (t54 * 100))) : roundSteps(t55, t54 * 100, 0)) * 100;
        } else {
          t56 = 0;
        }
        t52 += t56;
      }
      // n 低保核算人数 [57号 §7]
      if (v_dibao_member) {
        t57++;
      }
      // income_sum 家庭可计收入 [57号 §13]
      if (v_dibao_member) {
        if (sd_countable_income[j] === t58d) t58 += s_countable_income[j];
        else { t58 = t58 * sd_countable_income[j] + s_countable_income[j] * t58d; t58d = t58d * sd_countable_income[j]; const g = gcd(t58, t58d); if (g > 1) { t58 /= g; t58d /= g; } }
      }
      // addon_total 分类施保加发合计 [57号 §27]
      if (v_dibao_member) {
        let t66, t66d;
        if (t60) {
          t66 = pn_addon_elderly; t66d = pd_addon_elderly;
        } else {
          let t61, t61d;
          if (P_age[p] >= pn_elderly_age) {
            t61 = pn_addon_elderly; t61d = pd_addon_elderly;
          } else {
            t61 = 0; t61d = 1;
          }
          let t62, t62d;
          if (P_age[p] < pn_minor_age) {
            t62 = pn_addon_minor; t62d = pd_addon_minor;
          } else {
            t62 = 0; t62d = 1;
          }
          let t63, t63d;
          if ((P_disability_grade[p] >= 1) && (P_disability_grade[p] <= 2)) {
            t63 = pn_addon_disabled; t63d = pd_addon_disabled;
          } else {
            t63 = 0; t63d = 1;
          }
          let t64, t64d;
          if (P_catastrophic_illness[p] !== 0) {
            t64 = pn_addon_ill; t64d = pd_addon_ill;
          } else {
            t64 = 0; t64d = 1;
          }
          let t65 = t61, t65d = t61d;
          if (t62 * t65d > t65 * t62d) { t65 = t62; t65d = t62d; }
          if (t63 * t65d > t65 * t63d) { t65 = t63; t65d = t63d; }
          if (t64 * t65d > t65 * t64d) { t65 = t64; t65d = t64d; }
          t66 = t65; t66d = t65d;
        }
        const t67 = h_standard * t66;
        t59 += (t67 === 0 ? 0 : t67 < 4503599627370496 && t67 > -4503599627370496 && (t66d * 100) < 9007199254740992 ? (t67 >= 0 ? Math.round(t67 / (t66d * 100)) : 0 - Math.round(-t67 / (t66d * 100))) : roundSteps(t67, t66d * 100, 0)) * 100;
      }
    }
    const h_tekun_persons = t51;
    const h_tekun_benefit = t52;
    const h_n = t57;
    const h_income_sum = t58, hd_income_sum = t58d;
    const h_addon_total = t59;
    // pci 人均收入 [57号 §13]
    let t68, t68d;
    if (h_n === 0) {
      t68 = 0; t68d = 1;
    } else {
      t68 = h_income_sum; t68d = hd_income_sum * h_n;
    }
    const h_pci = t68, hd_pci = t68d;
    // per_capita_income 家庭人均收入 [57号 §13]
    const h_per_capita_income = (h_pci === 0 ? 0 : h_pci < 4503599627370496 && h_pci > -4503599627370496 && hd_pci < 9007199254740992 ? (h_pci >= 0 ? Math.round(h_pci / hd_pci) : 0 - Math.round(-h_pci / hd_pci)) : roundSteps(h_pci, hd_pci, 0));
    // regular_dibao 符合低保条件 [暂行办法 §9][57号 §9]
    const h_regular_dibao = (h_asset_test && (h_n >= 1)) && (h_pci < h_standard * hd_pci);
    // in_grace 渐退期家庭 [57号 §33][2022通知]
    let t70 = ((((H_dibao_last_month[h] !== 0) && h_asset_test) && (!h_regular_dibao)) && (h_n >= 1)) && (H_grace_months_used[h] < pn_grace_months);
    if (t70) {
      let t69 = false;
      for (let p = ps, j = 0; p < pe; p++, j++) {
        if (!((s_dibao_member[j] !== 0) && (P_employed[p] !== 0))) continue;
        t69 = true;
        break;
      }
      t70 = t69;
    }
    const h_in_grace = t70;
    // edge_family 低保边缘家庭 [57号 §8][2023意见]
    let t72 = ((h_asset_test && (!h_regular_dibao)) && (!h_in_grace)) && (h_n >= 1);
    if (t72) {
      const t71 = pn_edge_multiple * h_standard;
      t72 = h_pci * pd_edge_multiple < t71 * hd_pci;
    }
    const h_edge_family = t72;
    let t73 = 0;
    if ((h_edge_family)) {
      for (let p = ps, j = 0; p < pe; p++, j++) {
        // single_count 单人户人数 [57号 §8]
        let t78 = h_edge_family && (s_dibao_member[j] !== 0);
        if (t78) {
          let t77;
          if (pn_benefit_method === 0) {
            const t74 = h_standard * sd_countable_income[j] - s_countable_income[j];
            let t75 = 0, t75d = 1;
            if (t74 * t75d > t75 * sd_countable_income[j]) { t75 = t74; t75d = sd_countable_income[j]; }
            t77 = (t75 === 0 ? 0 : t75 < 4503599627370496 && (t75d * 100) < 9007199254740992 ? Math.round(t75 / (t75d * 100)) : roundSteps(t75, t75d * 100, 0)) * 100;
          } else {
            const t76 = h_standard * pn_single_tier_rate;
            t77 = (t76 === 0 ? 0 : t76 < 4503599627370496 && t76 > -4503599627370496 && (pd_single_tier_rate * 100) < 9007199254740992 ? (t76 >= 0 ? Math.round(t76 / (pd_single_tier_rate * 100)) : 0 - Math.round(-t76 / (pd_single_tier_rate * 100))) : roundSteps(t76, pd_single_tier_rate * 100, 0)) * 100;
          }
          t78 = t77 > 0;
        }
        if (t78 && (((P_catastrophic_illness[p] !== 0) || ((P_disability_grade[p] >= 1) && (P_disability_grade[p] <= 2))) || ((P_disability_grade[p] === 3) && ((P_disability_type[p] === 5) || (P_disability_type[p] === 6))))) {
          t73++;
        }
      }
    }
    const h_single_count = t73;
    // dibao_status 低保状态 [57号 §8][57号 §9][57号 §33]
    let t79 = 0;
    let t80;
    if (h_regular_dibao) {
      if (t79 !== 0 && !(1 === t80)) { if (err === 0) err = 1; }
      t80 = 1; t79 = 1;
    }
    if (h_in_grace) {
      if (t79 !== 0 && !(2 === t80)) { if (err === 0) err = 2; }
      t80 = 2; t79 = 1;
    }
    if (h_single_count > 0) {
      if (t79 !== 0 && !(3 === t80)) { if (err === 0) err = 3; }
      t80 = 3; t79 = 1;
    }
    let t81;
    if (t79 !== 0) {
      t81 = t80;
    } else {
      t81 = 0;
    }
    const h_dibao_status = t81;
    // dibao_benefit 低保金 [57号 §23]
    let t105 = 0;
    let t106;
    if (h_regular_dibao) {
      let t93;
      if (pn_benefit_method === 0) {
        const t82 = h_standard * hd_pci - h_pci;
        const t83 = t82 * h_n;
        t93 = (t83 === 0 ? 0 : t83 < 4503599627370496 && t83 > -4503599627370496 && (hd_pci * 100) < 9007199254740992 ? (t83 >= 0 ? Math.round(t83 / (hd_pci * 100)) : 0 - Math.round(-t83 / (hd_pci * 100))) : roundSteps(t83, hd_pci * 100, 0)) * 100;
      } else {
        let t91, t91d;
        if (t84) {
          t91 = pn_tier_rate_1; t91d = pd_tier_rate_1;
        } else {
          const t85 = pn_tier_limit_1 * h_standard;
          let t90, t90d;
          if (h_pci * pd_tier_limit_1 < t85 * hd_pci) {
            t90 = pn_tier_rate_1; t90d = pd_tier_rate_1;
          } else {
            const t86 = pn_tier_limit_2 * h_standard;
            let t89, t89d;
            if (h_pci * pd_tier_limit_2 < t86 * hd_pci) {
              t89 = pn_tier_rate_2; t89d = pd_tier_rate_2;
            } else {
              const t87 = pn_tier_limit_3 * h_standard;
              let t88, t88d;
              if (h_pci * pd_tier_limit_3 < t87 * hd_pci) {
                t88 = pn_tier_rate_3; t88d = pd_tier_rate_3;
              } else {
                t88 = pn_tier_rate_4; t88d = pd_tier_rate_4;
              }
              t89 = t88; t89d = t88d;
            }
            t90 = t89; t90d = t89d;
          }
          t91 = t90; t91d = t90d;
        }
        const t92 = h_standard * t91;
        t93 = ((t92 === 0 ? 0 : t92 < 4503599627370496 && t92 > -4503599627370496 && (t91d * 100) < 9007199254740992 ? (t92 >= 0 ? Math.round(t92 / (t91d * 100)) : 0 - Math.round(-t92 / (t91d * 100))) : roundSteps(t92, t91d * 100, 0)) * 100) * h_n;
      }
      const t94 = h_standard * pn_min_benefit_rate;
      const t107 = Math.max(t93, ((t94 === 0 ? 0 : t94 < 4503599627370496 && t94 > -4503599627370496 && (pd_min_benefit_rate * 100) < 9007199254740992 ? (t94 >= 0 ? Math.round(t94 / (pd_min_benefit_rate * 100)) : 0 - Math.round(-t94 / (pd_min_benefit_rate * 100))) : roundSteps(t94, pd_min_benefit_rate * 100, 0)) * 100) * h_n) + h_addon_total;
      if (t105 !== 0 && !(t107 === t106)) { if (err === 0) err = 4; }
      t106 = t107; t105 = 1;
    }
    if (h_in_grace) {
      if (t105 !== 0 && !(H_last_benefit[h] === t106)) { if (err === 0) err = 5; }
      t106 = H_last_benefit[h]; t105 = 1;
    }
    if (h_single_count > 0) {
      let t100 = 0;
      for (let p = ps, j = 0; p < pe; p++, j++) {
        let t99 = h_edge_family && (s_dibao_member[j] !== 0);
        if (t99) {
          let t98;
          if (pn_benefit_method === 0) {
            const t95 = h_standard * sd_countable_income[j] - s_countable_income[j];
            let t96 = 0, t96d = 1;
            if (t95 * t96d > t96 * sd_countable_income[j]) { t96 = t95; t96d = sd_countable_income[j]; }
            t98 = (t96 === 0 ? 0 : t96 < 4503599627370496 && (t96d * 100) < 9007199254740992 ? Math.round(t96 / (t96d * 100)) : roundSteps(t96, t96d * 100, 0)) * 100;
          } else {
            const t97 = h_standard * pn_single_tier_rate;
            t98 = (t97 === 0 ? 0 : t97 < 4503599627370496 && t97 > -4503599627370496 && (pd_single_tier_rate * 100) < 9007199254740992 ? (t97 >= 0 ? Math.round(t97 / (pd_single_tier_rate * 100)) : 0 - Math.round(-t97 / (pd_single_tier_rate * 100))) : roundSteps(t97, pd_single_tier_rate * 100, 0)) * 100;
          }
          t99 = t98 > 0;
        }
        if (!(t99 && (((P_catastrophic_illness[p] !== 0) || ((P_disability_grade[p] >= 1) && (P_disability_grade[p] <= 2))) || ((P_disability_grade[p] === 3) && ((P_disability_type[p] === 5) || (P_disability_type[p] === 6)))))) continue;
        let t104;
        if (pn_benefit_method === 0) {
          const t101 = h_standard * sd_countable_income[j] - s_countable_income[j];
          let t102 = 0, t102d = 1;
          if (t101 * t102d > t102 * sd_countable_income[j]) { t102 = t101; t102d = sd_countable_income[j]; }
          t104 = (t102 === 0 ? 0 : t102 < 4503599627370496 && (t102d * 100) < 9007199254740992 ? Math.round(t102 / (t102d * 100)) : roundSteps(t102, t102d * 100, 0)) * 100;
        } else {
          const t103 = h_standard * pn_single_tier_rate;
          t104 = (t103 === 0 ? 0 : t103 < 4503599627370496 && t103 > -4503599627370496 && (pd_single_tier_rate * 100) < 9007199254740992 ? (t103 >= 0 ? Math.round(t103 / (pd_single_tier_rate * 100)) : 0 - Math.round(-t103 / (pd_single_tier_rate * 100))) : roundSteps(t103, pd_single_tier_rate * 100, 0)) * 100;
        }
        t100 += t104;
      }
      if (t105 !== 0 && !(t100 === t106)) { if (err === 0) err = 6; }
      t106 = t100; t105 = 1;
    }
    let t108;
    if (t105 !== 0) {
      t108 = t106;
    } else {
      t108 = 0;
    }
    const h_dibao_benefit = t108;
    // dibao_persons 低保保障人数 [57号 §8]
    let t109 = 0;
    let t110;
    if (h_regular_dibao) {
      if (t109 !== 0 && !(h_n === t110)) { if (err === 0) err = 7; }
      t110 = h_n; t109 = 1;
    }
    if (h_in_grace) {
      if (t109 !== 0 && !(h_n === t110)) { if (err === 0) err = 8; }
      t110 = h_n; t109 = 1;
    }
    if (h_single_count > 0) {
      if (t109 !== 0 && !(h_single_count === t110)) { if (err === 0) err = 9; }
      t110 = h_single_count; t109 = 1;
    }
    let t111;
    if (t109 !== 0) {
      t111 = t110;
    } else {
      t111 = 0;
    }
    const h_dibao_persons = t111;
    // price_subsidy 价格临时补贴 [2016价格]
    const h_price_subsidy = ((((pn_price_include_edge !== 0) && h_edge_family) ? h_n : h_dibao_persons) + h_tekun_persons) * h_price_per_person;
    // emergency_eligible 急难型临时救助对象 [暂行办法 §47][2018临时救助]
    let t115 = H_emergency_cost[h] > 0;
    if (t115) {
      let t114 = (h_dibao_status !== 0) || (h_tekun_persons > 0);
      if (!t114) {
        let t113 = h_n >= 1;
        if (t113) {
          const t112 = pn_edge_multiple * h_standard;
          t113 = h_pci * pd_edge_multiple < t112 * hd_pci;
        }
        t114 = t113;
      }
      t115 = t114;
    }
    const h_emergency_eligible = t115;
    // temporary_assistance 急难型临时救助金 [暂行办法 §48][2018临时救助]
    let t117;
    if (h_emergency_eligible) {
      const t116 = Math.min(H_emergency_cost[h], pn_emergency_cap_months * h_standard);
      t117 = (t116 === 0 ? 0 : t116 < 4503599627370496 && t116 > -4503599627370496 ? (t116 >= 0 ? Math.round(t116 / 100) : 0 - Math.round(-t116 / 100)) : roundSteps(t116, 100, 0)) * 100;
    } else {
      t117 = 0;
    }
    const h_temporary_assistance = t117;
    // help_first 先行救助 [2018临时救助]
    const h_help_first = h_emergency_eligible && (h_temporary_assistance <= pn_help_first_months * h_standard);
    // rigid_hardship 刚性支出困难家庭 [2023意见][assumption: an expenditure-assistance household with no member in dibao or 特困 and not at the edge]
    const h_rigid_hardship = (((h_expenditure_eligible && (!h_edge_family)) && (DAY >= pn_rigid_hardship_from)) && (h_dibao_status === 0)) && (h_tekun_persons === 0);
    // total_monthly 月度救助合计 [57号 §23][43号 §20][2016价格]
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
    O_rigid_hardship[h] = h_rigid_hardship ? 1 : 0;
    if (h_expenditure_assistance !== h_expenditure_assistance && err === 0) err = 10;
    O_expenditure_assistance[h] = h_expenditure_assistance;
    if (h_total_monthly !== h_total_monthly && err === 0) err = 10;
    O_total_monthly[h] = h_total_monthly;
    E[h] = err;
    if (err !== 0) errors++;
  }
  return errors;
}
