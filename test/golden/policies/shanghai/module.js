// Doudi compiled policy: shanghai — 上海市最低生活保障、特困供养、价格补贴与临时救助（参考政策）
// Compiled from policies/shanghai/shanghai.doudi by doudi 0.1.0. Do not edit: edit the policy and compile again.
// Money is in fen inside this module and in yuan at evaluate(); every number is an exact fraction.
// Sources:
//   暂行办法: 社会救助暂行办法（国务院令第649号，2014）
//   57号: 最低生活保障审核确认办法（民发〔2021〕57号）
//   43号: 特困人员认定办法（民发〔2021〕43号）
//   2021指导意见: 关于巩固拓展脱贫攻坚兜底保障成果进一步做好困难群众基本生活保障工作的指导意见（民政部 财政部 国家乡村振兴局，2021-05-10）
//   2022通知: 关于进一步做好最低生活保障等社会救助兜底保障工作的通知（民政部 中央农办 财政部 国家乡村振兴局，2022）
//   2016价格: 关于进一步完善社会救助和保障标准与物价上涨挂钩联动机制的通知（2016）
//   1553号: 发改价格〔2021〕1553号
//   2018临时救助: 关于进一步加强和改进临时救助工作的意见（民政部 财政部，2018-01-23）
//   2020意见: 中共中央办公厅 国务院办公厅印发《关于改革完善社会救助制度的意见》（2020）
//   2023意见: 国务院办公厅转发民政部等单位《关于加强低收入人口动态监测做好分层分类社会救助工作的意见》（2023）
//   认定办法: 刚性支出困难家庭认定办法（民政部，2025-01-01起施行）
//   16号: 关于进一步做好最低生活保障标准制定和调整工作的通知（民发〔2024〕16号）
//   补助资金办法: 中央财政困难群众救助补助资金管理办法（财政部 民政部）
//   brief: Doudi domain brief: local variants and statistics (shared/domain/brief.md)
//   ref: Doudi reference policy: Shanghai, from 2023-07-01 (conformance specification)
//   沪2023: 上海市民政局等关于调整本市最低生活保障标准的通知（2023）
//   沪2024: 上海市民政局等关于调整本市社会救助标准的通知（2024）

export const policy = {"id":"shanghai","label":"上海市最低生活保障、特困供养、价格补贴与临时救助（参考政策）","region":"310000","effective":{"from":"2023-07-01"},"file":"policies/shanghai/shanghai.doudi","chain":[{"id":"shanghai","file":"policies/shanghai/shanghai.doudi"},{"id":"national_framework","file":"policies/national/framework.doudi"}],"documents":[{"key":"暂行办法","title":"社会救助暂行办法（国务院令第649号，2014）","policy":"national_framework"},{"key":"57号","title":"最低生活保障审核确认办法（民发〔2021〕57号）","policy":"national_framework"},{"key":"43号","title":"特困人员认定办法（民发〔2021〕43号）","policy":"national_framework"},{"key":"2021指导意见","title":"关于巩固拓展脱贫攻坚兜底保障成果进一步做好困难群众基本生活保障工作的指导意见（民政部 财政部 国家乡村振兴局，2021-05-10）","policy":"national_framework"},{"key":"2022通知","title":"关于进一步做好最低生活保障等社会救助兜底保障工作的通知（民政部 中央农办 财政部 国家乡村振兴局，2022）","policy":"national_framework"},{"key":"2016价格","title":"关于进一步完善社会救助和保障标准与物价上涨挂钩联动机制的通知（2016）","policy":"national_framework"},{"key":"1553号","title":"发改价格〔2021〕1553号","policy":"national_framework"},{"key":"2018临时救助","title":"关于进一步加强和改进临时救助工作的意见（民政部 财政部，2018-01-23）","policy":"national_framework"},{"key":"2020意见","title":"中共中央办公厅 国务院办公厅印发《关于改革完善社会救助制度的意见》（2020）","policy":"national_framework"},{"key":"2023意见","title":"国务院办公厅转发民政部等单位《关于加强低收入人口动态监测做好分层分类社会救助工作的意见》（2023）","policy":"national_framework"},{"key":"认定办法","title":"刚性支出困难家庭认定办法（民政部，2025-01-01起施行）","policy":"national_framework"},{"key":"16号","title":"关于进一步做好最低生活保障标准制定和调整工作的通知（民发〔2024〕16号）","policy":"national_framework"},{"key":"补助资金办法","title":"中央财政困难群众救助补助资金管理办法（财政部 民政部）","policy":"national_framework"},{"key":"brief","title":"Doudi domain brief: local variants and statistics (shared/domain/brief.md)","policy":"national_framework"},{"key":"ref","title":"Doudi reference policy: Shanghai, from 2023-07-01 (conformance specification)","policy":"shanghai"},{"key":"沪2023","title":"上海市民政局等关于调整本市最低生活保障标准的通知（2023）","policy":"shanghai"},{"key":"沪2024","title":"上海市民政局等关于调整本市社会救助标准的通知（2024）","policy":"shanghai"}]};

export const outputs = [{"id":"tekun_persons","label":"特困供养人数","type":"integer","column":"i32","cite":["43号 §4"]},{"id":"tekun_benefit","label":"特困供养金合计","type":"money/month","column":"f64","cite":["暂行办法 §15"]},{"id":"per_capita_income","label":"家庭人均收入","type":"money/month","column":"f64","cite":["57号 §13"]},{"id":"edge_family","label":"低保边缘家庭","type":"bool","column":"u8","cite":["57号 §8","2022通知 一(四)","2023意见 二"]},{"id":"dibao_status","label":"低保状态","type":"dibao_status","column":"u8","values":["none","regular","grace","single"],"cite":["暂行办法 §9","57号 §8","2021指导意见 二(一)"]},{"id":"dibao_benefit","label":"低保金","type":"money/month","column":"f64","cite":["57号 §23"]},{"id":"dibao_persons","label":"低保保障人数","type":"integer","column":"i32","cite":["57号 §8"]},{"id":"price_subsidy","label":"价格临时补贴","type":"money/month","column":"f64","cite":["2016价格","2021指导意见 二(二)"]},{"id":"temporary_assistance","label":"急难型临时救助金","type":"money","column":"f64","cite":["暂行办法 §49","2018临时救助 二(三)"]},{"id":"help_first","label":"先行救助","type":"bool","column":"u8","cite":["2018临时救助 二(二)","2021指导意见 二(六)"]},{"id":"expenditure_assistance","label":"支出型临时救助金","type":"money","column":"f64","cite":["暂行办法 §49","2018临时救助 二(三)","assumption: once a year, the rigid spending beyond capacity, capped at months of the standard"]},{"id":"rigid_hardship","label":"刚性支出困难家庭","type":"bool","column":"u8","cite":["认定办法 §4","2023意见 二"]},{"id":"low_income_persons","label":"低收入人口数","type":"integer","column":"i32","cite":["2023意见 二","2021指导意见 二(三)"]},{"id":"service_persons","label":"访视照料服务人数","type":"integer","column":"i32","cite":["2021指导意见 二(七)","2023意见 四(四)"]},{"id":"service_cost","label":"访视照料服务费用","type":"money/month","column":"f64","cite":["2021指导意见 二(七)","2020意见 二(五)21"]},{"id":"total_monthly","label":"月度救助合计","type":"money/month","column":"f64","cite":["57号 §23","暂行办法 §15","2016价格"]}];

/** Error sites: out.errors[h] = i + 1 for SITES[i]. */
export const SITES = [{"kind":"exception","definition":"dibao_status","message":"dibao_status: exception regular_case and another that applies give different results (policies/national/framework.doudi:424)","file":"policies/national/framework.doudi","line":424},{"kind":"exception","definition":"dibao_status","message":"dibao_status: exception grace_case and another that applies give different results (policies/national/framework.doudi:424)","file":"policies/national/framework.doudi","line":424},{"kind":"exception","definition":"dibao_status","message":"dibao_status: exception single_case and another that applies give different results (policies/national/framework.doudi:424)","file":"policies/national/framework.doudi","line":424},{"kind":"exception","definition":"dibao_benefit","message":"dibao_benefit: exception regular_case and another that applies give different results (policies/national/framework.doudi:429)","file":"policies/national/framework.doudi","line":429},{"kind":"exception","definition":"dibao_benefit","message":"dibao_benefit: exception grace_case and another that applies give different results (policies/national/framework.doudi:429)","file":"policies/national/framework.doudi","line":429},{"kind":"exception","definition":"dibao_benefit","message":"dibao_benefit: exception single_case and another that applies give different results (policies/national/framework.doudi:429)","file":"policies/national/framework.doudi","line":429},{"kind":"exception","definition":"dibao_persons","message":"dibao_persons: exception regular_case and another that applies give different results (policies/national/framework.doudi:434)","file":"policies/national/framework.doudi","line":434},{"kind":"exception","definition":"dibao_persons","message":"dibao_persons: exception grace_case and another that applies give different results (policies/national/framework.doudi:434)","file":"policies/national/framework.doudi","line":434},{"kind":"exception","definition":"dibao_persons","message":"dibao_persons: exception single_grace_case and another that applies give different results (policies/national/framework.doudi:434)","file":"policies/national/framework.doudi","line":434},{"kind":"exception","definition":"dibao_persons","message":"dibao_persons: exception single_case and another that applies give different results (policies/national/framework.doudi:434)","file":"policies/national/framework.doudi","line":434},{"kind":"overflow","definition":"","message":"a value is beyond the exact range of the compiled code (2^53)","file":"policies/shanghai/shanghai.doudi","line":1}];

const PARAMS = [{"id":"dibao_standard","kind":"parameter","type":"money/month","by":"area","values":["urban","rural"],"width":2,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[151000,1],[151000,1]]},{"from":"2024-07-01","v":[[159500,1],[159500,1]]}],"regions":[]},{"id":"minimum_wage","kind":"parameter","type":"money/month","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[269000,1]]}],"regions":[]},{"id":"care_fraction","kind":"parameter","type":"number","by":"self_care","values":["full","partial","none"],"width":3,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[1,10],[1,6],[1,3]]}],"regions":[]},{"id":"last_year_consumption","kind":"parameter","type":"money/year","by":"area","values":["urban","rural"],"width":2,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[4604500,1],[4604500,1]]},{"from":"2024-01-01","v":[[5250800,1],[5250800,1]]}],"regions":[]},{"id":"last_year_disposable_income","kind":"parameter","type":"money/year","by":"area","values":["urban","rural"],"width":2,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[7961000,1],[7961000,1]]},{"from":"2024-01-01","v":[[8483400,1],[8483400,1]]}],"regions":[]},{"id":"basic_pension_counted","kind":"parameter","type":"bool","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[0,1]]}],"regions":[]},{"id":"employment_deduction","kind":"parameter","type":"deduction_method","enum":["none","fixed","proportion"],"width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[1,1]]}],"regions":[]},{"id":"employment_exemption","kind":"parameter","type":"money/month","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[87000,1]]}],"regions":[]},{"id":"employment_deduction_rate","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"rigid_deduction_rate","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"assets_months","kind":"parameter","type":"months","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[24,1]]}],"regions":[]},{"id":"max_vehicles","kind":"parameter","type":"integer","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[0,1]]}],"regions":[]},{"id":"max_houses","kind":"parameter","type":"integer","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[1,1]]}],"regions":[]},{"id":"hukou_required","kind":"parameter","type":"bool","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[0,1]]}],"regions":[]},{"id":"residence_permit_apply","kind":"parameter","type":"bool","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"area_by_hukou","kind":"parameter","type":"bool","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[1,1]]}],"regions":[]},{"id":"elderly_age","kind":"parameter","type":"integer","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[60,1]]}],"regions":[]},{"id":"minor_age","kind":"parameter","type":"integer","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[18,1]]}],"regions":[]},{"id":"edge_multiple","kind":"parameter","type":"number","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[2,1]]}],"regions":[]},{"id":"count_zero_benefit","kind":"parameter","type":"bool","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[1,1]]}],"regions":[]},{"id":"grace_months","kind":"parameter","type":"months","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[6,1]]}],"regions":[]},{"id":"grace_requires_work","kind":"parameter","type":"bool","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[1,1]]}],"regions":[]},{"id":"single_grace_member_only","kind":"parameter","type":"bool","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[0,1]]}],"regions":[]},{"id":"grace_taper","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"severe_disabled_alone","kind":"parameter","type":"bool","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[0,1]]}],"regions":[]},{"id":"disabled_support_exempt","kind":"parameter","type":"bool","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"benefit_method","kind":"parameter","type":"benefit_method","enum":["gap","tiers"],"width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"tier_limit_1","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[1,4]]}],"regions":[]},{"id":"tier_limit_2","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[1,2]]}],"regions":[]},{"id":"tier_limit_3","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[3,4]]}],"regions":[]},{"id":"tier_rate_1","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[9,10]]}],"regions":[]},{"id":"tier_rate_2","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[7,10]]}],"regions":[]},{"id":"tier_rate_3","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[1,2]]}],"regions":[]},{"id":"tier_rate_4","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[3,10]]}],"regions":[]},{"id":"single_tier_rate","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[7,10]]}],"regions":[]},{"id":"min_benefit_rate","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"addon_elderly","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"addon_minor","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"addon_disabled","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"addon_ill","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"tekun_multiple","kind":"parameter","type":"number","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[13,10]]}],"regions":[]},{"id":"tekun_standard","kind":"parameter","type":"money/month","by":"area","values":["urban","rural"],"width":2,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[196500,1],[196500,1]]},{"from":"2024-07-01","v":[[207500,1],[207500,1]]}],"regions":[]},{"id":"standard_basis","kind":"parameter","type":"standard_basis","enum":["consumption","disposable_income"],"width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"standard_ratio","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[3,10]]}],"regions":[]},{"id":"standard_step","kind":"parameter","type":"money/month","width":1,"divisor":true,"settable":true,"defaults":[{"from":"2021-01-01","v":[[500,1]]}],"regions":[]},{"id":"standard_floor","kind":"parameter","type":"money/month","by":"area","values":["urban","rural"],"width":2,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1],[0,1]]}],"regions":[]},{"id":"formula_standard","kind":"parameter","type":"money/month","by":"area","values":["urban","rural"],"width":2,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[0,1]}],"regions":[]},{"id":"price_cpi_trigger","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[7,200]]}],"regions":[]},{"id":"price_food_trigger","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[3,50]]}],"regions":[]},{"id":"price_include_edge","kind":"parameter","type":"bool","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"price_other_groups","kind":"parameter","type":"bool","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[0,1]]}],"regions":[]},{"id":"price_floor","kind":"parameter","type":"money/month","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"emergency_poor_only","kind":"parameter","type":"bool","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[1,1]]}],"regions":[]},{"id":"emergency_bearable_months","kind":"parameter","type":"months","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[1,1]]}],"regions":[]},{"id":"emergency_serious_loss","kind":"parameter","type":"months","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[6,1]]}],"regions":[]},{"id":"emergency_grave_loss","kind":"parameter","type":"months","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[24,1]]}],"regions":[]},{"id":"emergency_months","kind":"parameter","type":"months","by":"emergency_severity","values":["minor","serious","grave"],"width":3,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[6,1],[6,1],[6,1]]}],"regions":[]},{"id":"emergency_max_persons","kind":"parameter","type":"integer","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[1,1]]}],"regions":[]},{"id":"emergency_cap_months","kind":"parameter","type":"months","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[6,1]]}],"regions":[]},{"id":"help_first_months","kind":"parameter","type":"months","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2023-07-01","v":[[2,1]]}],"regions":[]},{"id":"expenditure_cap_months","kind":"parameter","type":"months","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[6,1]]}],"regions":[]},{"id":"rigid_spending_share","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[1,2]]}],"regions":[]},{"id":"living_spending_rate","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[1,1]]}],"regions":[]},{"id":"rigid_hardship_share","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[1,1]]}],"regions":[]},{"id":"rigid_hardship_from","kind":"parameter","type":"date","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[20089,1]]}],"regions":[]},{"id":"service_cost_per_person","kind":"parameter","type":"money/month","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[0,1]]}],"regions":[]},{"id":"central_share","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[3,5]]}],"regions":[{"codes":["110000","120000","130000","210000","310000","320000","330000","350000","370000","440000","460000"],"values":[{"from":"2021-01-01","v":[[3,10]]}]},{"codes":["140000","220000","230000","340000","360000","410000","420000","430000"],"values":[{"from":"2021-01-01","v":[[13,20]]}]},{"codes":["150000","450000","500000","510000","520000","530000","540000","610000","620000","630000","640000","650000"],"values":[{"from":"2021-01-01","v":[[4,5]]}]}]},{"id":"provincial_share","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[2,5]]}],"regions":[]},{"id":"city_share","kind":"parameter","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"2021-01-01","v":[[3,10]]}],"regions":[]},{"id":"cpi_yoy","kind":"input","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"0001-01-01","v":[[0,1]]}],"regions":[]},{"id":"food_cpi_yoy","kind":"input","type":"rate","width":1,"divisor":false,"settable":true,"defaults":[{"from":"0001-01-01","v":[[0,1]]}],"regions":[]}];

const FIELDS = { household: [["household_id","家庭编号","id",null,null,null,null,null],["weight","权重","number","f64",null,0,1000000000,null],["region","行政区划代码","region","i32",null,null,null,null],["area","城乡类别","area","u8",["urban","城镇","rural","农村"],null,null,null],["hukou_local","本地户籍","bool","u8",null,null,null,null],["residence_permit","持居住证","bool","u8",null,null,null,null],["financial_assets","金融资产","money","f64",null,null,null,null],["vehicles","机动车数量","integer","u16",null,0,65535,null],["houses","住房套数","integer","u16",null,0,65535,null],["medical_costs","医疗自付支出","money/year","i32",null,null,null,null],["education_costs","教育支出","money/year","i32",null,null,null,null],["emergency_cost","急难支出","money","i32",null,null,null,null],["dibao_last_month","上月享受低保","bool","u8",null,null,null,null],["last_benefit","上月低保金","money/month","i32",null,null,null,null],["grace_months_used","已享受渐退月数","months","u8",null,0,255,null],["hukou_area","户籍城乡类别","area","u8",["urban","城镇","rural","农村"],null,null,["same","area"]],["last_dibao_status","上月低保状态","dibao_status","u8",["none","无","regular","常规低保","grace","渐退期","single","单人户"],null,null,["when","dibao_last_month",1,0]]], person: [["person_id","成员编号","id",null,null,null,null,null],["household_id","家庭编号","id",null,null,null,null,null],["relation","与户主关系","relation","u8",["head","户主","spouse","配偶","child","子女","parent","父母","grandchild","孙子女","sibling","兄弟姐妹","other","其他亲属"],null,null,null],["age","年龄","integer","u8",null,0,150,null],["sex","性别","sex","u8",["male","男","female","女"],null,null,null],["co_resident","共同生活","bool","u8",null,null,null,null],["excluded_status","不计入情形","excluded_status","u8",["none","无","clergy_away","宗教教职人员","prisoner","服刑人员","rehab","强制隔离戒毒","missing","宣告失踪"],null,null,null],["student","全日制在校","bool","u8",null,null,null,null],["work_ability","劳动能力","work_ability","u8",["full","完全劳动能力","partial","部分劳动能力","none","无劳动能力"],null,null,null],["disability_grade","残疾等级","integer","u8",null,0,4,null],["disability_type","残疾类别","disability_type","u8",["none","无","physical","肢体","visual","视力","hearing","听力","speech","言语","intellectual","智力","mental","精神","multiple","多重"],null,null,null],["catastrophic_illness","重特大疾病","bool","u8",null,null,null,null],["self_care","自理能力","self_care","u8",["full","全自理","partial","半失能","none","全失能"],null,null,null],["employed","就业","bool","u8",null,null,null,null],["wage_income","工资性收入","money/month","i32",null,null,null,null],["business_income","经营净收入","money/month","i32",null,null,null,null],["property_income","财产净收入","money/month","i32",null,null,null,null],["transfer_income","转移净收入","money/month","i32",null,null,null,null],["basic_pension","城乡居民基础养老金","money/month","i32",null,null,null,null],["excluded_income","不计入收入","money/month","i32",null,null,null,null],["has_capable_supporter","有履行能力的赡养人","bool","u8",null,null,null,null],["poverty_alleviated","脱贫人口","bool","u8",null,null,null,["value",0]],["relapse_monitoring","防返贫监测对象","bool","u8",null,null,null,["value",0]],["child_status","困境儿童类别","child_status","u8",["none","无","orphan","孤儿","unsupported","事实无人抚养儿童"],null,null,["value",0]],["entitled_group","优抚对象","bool","u8",null,null,null,["value",0]],["unemployment_insurance","领取失业保险金","bool","u8",null,null,null,["value",0]],["institutional_care","集中供养","bool","u8",null,null,null,["value",0]]] };
const SCHEMA = {"maxMembers":100,"weightDigits":17};

const FORMULAS = [function (N, D, r, day) {
  const t0 = N["standard_basis"][r];
  let t1, t1d;
  if (t0 === 0) {
    t1 = N["last_year_consumption"][r * 2 + 0]; t1d = D["last_year_consumption"][r * 2 + 0];
  } else {
    t1 = N["last_year_disposable_income"][r * 2 + 0]; t1d = D["last_year_disposable_income"][r * 2 + 0];
  }
  const t2 = t1d * 12;
  const t3 = N["standard_ratio"][r];
  const t4 = D["standard_ratio"][r];
  const t5 = t1 * t3;
  const t6 = t2 * t4;
  const t7 = N["standard_step"][r];
  const t8 = D["standard_step"][r];
  const t9 = (t5 * t8) * (Math.sign(t7));
  const t10 = (t9 === 0 ? 0 : t9 < 4503599627370496 && t9 > -4503599627370496 && (t6 * (Math.abs(t7))) < 9007199254740992 ? Math.ceil(t9 / (t6 * (Math.abs(t7)))) : roundSteps(t9, t6 * (Math.abs(t7)), 1));
  const t11 = N["standard_step"][r];
  const t12 = D["standard_step"][r];
  const t13 = t10 * t11;
  const t14 = N["standard_floor"][r * 2 + 0];
  const t15 = D["standard_floor"][r * 2 + 0];
  let t16 = t13, t16d = t12;
  if (t14 * t16d > t16 * t15) { t16 = t14; t16d = t15; }
  return [t16, t16d];
},
function (N, D, r, day) {
  const t17 = N["standard_basis"][r];
  let t18, t18d;
  if (t17 === 0) {
    t18 = N["last_year_consumption"][r * 2 + 1]; t18d = D["last_year_consumption"][r * 2 + 1];
  } else {
    t18 = N["last_year_disposable_income"][r * 2 + 1]; t18d = D["last_year_disposable_income"][r * 2 + 1];
  }
  const t19 = t18d * 12;
  const t20 = N["standard_ratio"][r];
  const t21 = D["standard_ratio"][r];
  const t22 = t18 * t20;
  const t23 = t19 * t21;
  const t24 = N["standard_step"][r];
  const t25 = D["standard_step"][r];
  const t26 = (t22 * t25) * (Math.sign(t24));
  const t27 = (t26 === 0 ? 0 : t26 < 4503599627370496 && t26 > -4503599627370496 && (t23 * (Math.abs(t24))) < 9007199254740992 ? Math.ceil(t26 / (t23 * (Math.abs(t24)))) : roundSteps(t26, t23 * (Math.abs(t24)), 1));
  const t28 = N["standard_step"][r];
  const t29 = D["standard_step"][r];
  const t30 = t27 * t28;
  const t31 = N["standard_floor"][r * 2 + 1];
  const t32 = D["standard_floor"][r * 2 + 1];
  let t33 = t30, t33d = t29;
  if (t31 * t33d > t33 * t32) { t33 = t31; t33d = t32; }
  return [t33, t33d];
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
  const H_hukou_local = pop.household["hukou_local"];
  const H_residence_permit = pop.household["residence_permit"];
  const H_hukou_area = pop.household["hukou_area"];
  const H_area = pop.household["area"];
  const H_last_dibao_status = pop.household["last_dibao_status"];
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
  const P_catastrophic_illness = pop.person["catastrophic_illness"];
  const P_disability_grade = pop.person["disability_grade"];
  const P_disability_type = pop.person["disability_type"];
  const P_relapse_monitoring = pop.person["relapse_monitoring"];
  const P_self_care = pop.person["self_care"];
  const P_unemployment_insurance = pop.person["unemployment_insurance"];
  const P_entitled_group = pop.person["entitled_group"];
  const P_child_status = pop.person["child_status"];
  const P_has_capable_supporter = pop.person["has_capable_supporter"];
  const P_age = pop.person["age"];
  const P_work_ability = pop.person["work_ability"];
  const P_relation = pop.person["relation"];
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
  const pn_hukou_required = params.n["hukou_required"][0];
  const pn_residence_permit_apply = params.n["residence_permit_apply"][0];
  const pn_area_by_hukou = params.n["area_by_hukou"][0];
  const pn_single_grace_member_only = params.n["single_grace_member_only"][0];
  const pn_employment_deduction = params.n["employment_deduction"][0];
  const pn_employment_exemption = params.n["employment_exemption"][0];
  const pn_employment_deduction_rate = params.n["employment_deduction_rate"][0];
  const pd_employment_deduction_rate = params.d["employment_deduction_rate"][0];
  const pn_basic_pension_counted = params.n["basic_pension_counted"][0];
  const pn_assets_months = params.n["assets_months"][0];
  const pn_max_vehicles = params.n["max_vehicles"][0];
  const pn_max_houses = params.n["max_houses"][0];
  const pn_rigid_deduction_rate = params.n["rigid_deduction_rate"][0];
  const pd_rigid_deduction_rate = params.d["rigid_deduction_rate"][0];
  const pn_price_other_groups = params.n["price_other_groups"][0];
  const pn_rigid_spending_share = params.n["rigid_spending_share"][0];
  const pd_rigid_spending_share = params.d["rigid_spending_share"][0];
  const PN_last_year_disposable_income = params.n["last_year_disposable_income"];
  const pn_edge_multiple = params.n["edge_multiple"][0];
  const pd_edge_multiple = params.d["edge_multiple"][0];
  const pn_expenditure_cap_months = params.n["expenditure_cap_months"][0];
  const pn_severe_disabled_alone = params.n["severe_disabled_alone"][0];
  const pn_disabled_support_exempt = params.n["disabled_support_exempt"][0];
  const pn_minor_age = params.n["minor_age"][0];
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
  const pn_benefit_method = params.n["benefit_method"][0];
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
  const pn_count_zero_benefit = params.n["count_zero_benefit"][0];
  const pn_grace_months = params.n["grace_months"][0];
  const pn_grace_requires_work = params.n["grace_requires_work"][0];
  const pn_single_tier_rate = params.n["single_tier_rate"][0];
  const pd_single_tier_rate = params.d["single_tier_rate"][0];
  const pn_grace_taper = params.n["grace_taper"][0];
  const pd_grace_taper = params.d["grace_taper"][0];
  const pn_price_include_edge = params.n["price_include_edge"][0];
  const pn_emergency_poor_only = params.n["emergency_poor_only"][0];
  const pn_emergency_bearable_months = params.n["emergency_bearable_months"][0];
  const pn_emergency_grave_loss = params.n["emergency_grave_loss"][0];
  const pn_emergency_serious_loss = params.n["emergency_serious_loss"][0];
  const PN_emergency_months = params.n["emergency_months"];
  const pn_emergency_max_persons = params.n["emergency_max_persons"][0];
  const pn_emergency_cap_months = params.n["emergency_cap_months"][0];
  const pn_help_first_months = params.n["help_first_months"][0];
  const pn_rigid_hardship_from = params.n["rigid_hardship_from"][0];
  const pn_living_spending_rate = params.n["living_spending_rate"][0];
  const pd_living_spending_rate = params.d["living_spending_rate"][0];
  const pn_rigid_hardship_share = params.n["rigid_hardship_share"][0];
  const pd_rigid_hardship_share = params.d["rigid_hardship_share"][0];
  const pn_service_cost_per_person = params.n["service_cost_per_person"][0];
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
  const O_expenditure_assistance = out.columns["expenditure_assistance"];
  const O_rigid_hardship = out.columns["rigid_hardship"];
  const O_low_income_persons = out.columns["low_income_persons"];
  const O_service_persons = out.columns["service_persons"];
  const O_service_cost = out.columns["service_cost"];
  const O_total_monthly = out.columns["total_monthly"];
  let maxMembers = 1;
  for (let h = from; h < to; h++) if (MS[h + 1] - MS[h] > maxMembers) maxMembers = MS[h + 1] - MS[h];
  const s_is_member = new Uint8Array(maxMembers);
  const s_countable_income = new Float64Array(maxMembers);
  const sd_countable_income = new Float64Array(maxMembers);
  const s_single_condition = new Uint8Array(maxMembers);
  const s_tekun = new Uint8Array(maxMembers);
  const s_dibao_member = new Uint8Array(maxMembers);
  const s_severe_disabled_adult = new Uint8Array(maxMembers);
  const s_single_covered = new Uint8Array(maxMembers);
  // price_rate 价格补贴比例 [2016价格]
  const t34 = pn_cpi_yoy * pd_price_cpi_trigger >= pn_price_cpi_trigger * pd_cpi_yoy;
  const t35 = pn_food_cpi_yoy * pd_price_food_trigger >= pn_price_food_trigger * pd_food_cpi_yoy;
  let t37, t37d;
  if (t34 && t35) {
    let t36 = pn_cpi_yoy, t36d = pd_cpi_yoy;
    if (pn_food_cpi_yoy * t36d > t36 * pd_food_cpi_yoy) { t36 = pn_food_cpi_yoy; t36d = pd_food_cpi_yoy; }
    t37 = t36; t37d = t36d;
  } else if (t34) {
    t37 = pn_cpi_yoy; t37d = pd_cpi_yoy;
  } else if (t35) {
    t37 = pn_food_cpi_yoy; t37d = pd_food_cpi_yoy;
  } else {
    t37 = 0; t37d = 1;
  }
  const h_price_rate = t37, hd_price_rate = t37d;
  const t88 = 0 * pd_addon_elderly === pn_addon_elderly * 1 && pn_addon_minor * pd_addon_elderly === pn_addon_elderly * pd_addon_minor && 0 * pd_addon_elderly === pn_addon_elderly * 1 && pn_addon_disabled * pd_addon_elderly === pn_addon_elderly * pd_addon_disabled && 0 * pd_addon_elderly === pn_addon_elderly * 1 && pn_addon_ill * pd_addon_elderly === pn_addon_elderly * pd_addon_ill && 0 * pd_addon_elderly === pn_addon_elderly * 1;
  const t107 = pn_tier_rate_2 * pd_tier_rate_1 === pn_tier_rate_1 * pd_tier_rate_2 && pn_tier_rate_3 * pd_tier_rate_1 === pn_tier_rate_1 * pd_tier_rate_3 && pn_tier_rate_4 * pd_tier_rate_1 === pn_tier_rate_1 * pd_tier_rate_4;
  const KR = regions.codes.length, KS = regions.slot;
  const K_standard = new Float64Array(2 * KR);
  const K_price_per_person = new Float64Array(2 * KR);
  for (let r = 0; r < KR; r++) {
    for (let a = 0; a < 2; a++) {
      // standard 本户适用低保标准 [暂行办法 §10]
      const h_standard = PN_dibao_standard[a];
      K_standard[r * 2 + a] = h_standard;
      // price_per_person 每人价格补贴 [2016价格][1553号]
      let t39;
      if (h_price_rate > 0) {
        const t38 = h_standard * h_price_rate;
        t39 = Math.max((t38 === 0 ? 0 : t38 < 4503599627370496 && t38 > -4503599627370496 && (hd_price_rate * 100) < 9007199254740992 ? (t38 >= 0 ? Math.round(t38 / (hd_price_rate * 100)) : 0 - Math.round(-t38 / (hd_price_rate * 100))) : roundSteps(t38, hd_price_rate * 100, 0)) * 100, pn_price_floor);
      } else {
        t39 = 0;
      }
      const h_price_per_person = t39;
      K_price_per_person[r * 2 + a] = h_price_per_person;
    }
  }
  let errors = 0;
  for (let h = from; h < to; h++) {
    const ps = MS[h], pe = MS[h + 1];
    let err = 0;
    // can_apply_here 可在本地申请 [57号 §4][57号 §5][43号 §10][2021指导意见 二(九)]
    const h_can_apply_here = ((H_hukou_local[h] !== 0) || (!(pn_hukou_required !== 0))) || ((H_residence_permit[h] !== 0) && (pn_residence_permit_apply !== 0));
    // dibao_area 城乡救助类别 [2021指导意见 二(九)][43号 §19]
    const h_dibao_area = ((pn_area_by_hukou !== 0) ? H_hukou_area[h] : H_area[h]);
    // standard 本户适用低保标准 [暂行办法 §10]
    const h_standard = K_standard[KS[h] * 2 + h_dibao_area];
    // whole_household_grace 整户渐退 [2021指导意见 二(一)]
    const h_whole_household_grace = (!(pn_single_grace_member_only !== 0)) || (H_last_dibao_status[h] !== 3);
    // price_per_person 每人价格补贴 [2016价格][1553号]
    const h_price_per_person = K_price_per_person[KS[h] * 2 + h_dibao_area];
    // rigid_spending 刚性支出（年） [2018临时救助 二(一)][认定办法 §5][assumption: medical and education costs; rehabilitation costs only where a population puts them into medical_…
    const h_rigid_spending = H_medical_costs[h] + H_education_costs[h];
    let t46 = 0;
    let t47 = 0, t47d = 1;
    let t48 = 0;
    let t49 = 0;
    for (let p = ps, j = 0; p < pe; p++, j++) {
      // is_member 家庭成员 [57号 §7]
      const v_is_member = (P_co_resident[p] !== 0) && (P_excluded_status[p] === 0);
      s_is_member[j] = v_is_member ? 1 : 0;
      // countable_income 可计收入 [57号 §13][2021指导意见 二(八)]
      let t41, t41d;
      if (pn_employment_deduction === 0) {
        t41 = P_wage_income[p]; t41d = 1;
      } else if (pn_employment_deduction === 1) {
        t41 = Math.max(0, P_wage_income[p] - (((P_employed[p] !== 0) ? pn_employment_exemption : 0))); t41d = 1;
      } else {
        const t40 = P_wage_income[p] * pn_employment_deduction_rate;
        t41 = P_wage_income[p] * pd_employment_deduction_rate - t40; t41d = pd_employment_deduction_rate;
      }
      const t42 = t41 + (P_business_income[p] * t41d);
      const t43 = t42 + (P_property_income[p] * t41d);
      const t44 = t43 + (P_transfer_income[p] * t41d);
      const t45 = ((pn_basic_pension_counted !== 0) ? P_basic_pension[p] : 0);
      const v_countable_income = t44 + (t45 * t41d);
      s_countable_income[j] = v_countable_income;
      const vd_countable_income = t41d;
      sd_countable_income[j] = vd_countable_income;
      // single_condition 单人户条件 [57号 §8][2022通知 一(四)][2021指导意见 二(五)]
      const v_single_condition = ((P_catastrophic_illness[p] !== 0) || ((P_disability_grade[p] >= 1) && (P_disability_grade[p] <= 2))) || ((P_disability_grade[p] === 3) && ((P_disability_type[p] === 5) || (P_disability_type[p] === 6)));
      s_single_condition[j] = v_single_condition ? 1 : 0;
      // member_count 共同生活成员数 [57号 §7]
      if (v_is_member) {
        t46++;
      }
      // all_income 全部成员可计收入 [57号 §13]
      if (v_is_member) {
        if (vd_countable_income === t47d) t47 += v_countable_income;
        else { t47 = t47 * vd_countable_income + v_countable_income * t47d; t47d = t47d * vd_countable_income; const g = gcd(t47, t47d); if (g > 1) { t47 /= g; t47d /= g; } }
      }
      // relapse_persons 防返贫监测人数 [2023意见 二]
      if (v_is_member && (P_relapse_monitoring[p] !== 0)) {
        t48++;
      }
      // needs_care_persons 生活不能完全自理人数 [2021指导意见 二(七)]
      if (v_is_member && (P_self_care[p] !== 0)) {
        t49++;
      }
    }
    const h_member_count = t46;
    const h_all_income = t47, hd_all_income = t47d;
    const h_relapse_persons = t48;
    const h_needs_care_persons = t49;
    // asset_test 财产状况符合规定 [57号 §14]
    let t51 = h_member_count >= 1;
    if (t51) {
      const t50 = pn_assets_months * h_standard;
      t51 = H_financial_assets[h] <= t50 * h_member_count;
    }
    const h_asset_test = (t51 && (H_vehicles[h] <= pn_max_vehicles)) && (H_houses[h] <= pn_max_houses);
    // illness_costs 因残疾、患重病增加的刚性支出（月） [57号 §13][assumption: the household's out-of-pocket medical costs, when a member is disabled or catastrophically ill]
    let t53 = pn_rigid_deduction_rate > 0;
    if (t53) {
      let t52 = false;
      for (let p = ps, j = 0; p < pe; p++, j++) {
        if (!((s_is_member[j] !== 0) && ((P_catastrophic_illness[p] !== 0) || (P_disability_grade[p] >= 1)))) continue;
        t52 = true;
        break;
      }
      t53 = t52;
    }
    const h_illness_costs = (t53 ? H_medical_costs[h] : 0);
    // price_group_count 其他保障对象人数 [1553号]
    let t55;
    if (pn_price_other_groups !== 0) {
      let t54 = 0;
      for (let p = ps, j = 0; p < pe; p++, j++) {
        if (!((s_is_member[j] !== 0) && ((((P_unemployment_insurance[p] !== 0) || (P_entitled_group[p] !== 0)) || (P_child_status[p] === 1)) || (P_child_status[p] === 2)))) continue;
        t54++;
      }
      t55 = t54;
    } else {
      t55 = 0;
    }
    const h_price_group_count = t55;
    // rigid_excess 超出承受能力的刚性支出 [2018临时救助 二(一)][assumption: spending beyond capacity is rigid spending above a share of the household's yearly income]
    const t56 = h_all_income * 12;
    const t57 = t56 * pn_rigid_spending_share;
    const t58 = hd_all_income * pd_rigid_spending_share;
    const t59 = h_rigid_spending * t58 - t57;
    let t60 = 0, t60d = 1;
    if (t59 * t60d > t60 * t58) { t60 = t59; t60d = t58; }
    const h_rigid_excess = t60, hd_rigid_excess = t60d;
    // below_disposable 人均收入低于上年人均可支配收入 [2018临时救助 二(一)][认定办法 §4]
    let t62 = h_member_count >= 1;
    if (t62) {
      const t61 = (PN_last_year_disposable_income[H_area[h]]) * h_member_count;
      t62 = h_all_income * 12 < t61 * hd_all_income;
    }
    const h_below_disposable = t62;
    // expenditure_assistance 支出型临时救助金 [暂行办法 §49][2018临时救助 二(三)][assumption: once a year, the rigid spending beyond capacity, capped at months of the standard]
    let t67 = (h_below_disposable && h_asset_test) && (h_rigid_excess > 0);
    if (t67) {
      let t65, t65d;
      if (h_member_count === 0) {
        t65 = 0; t65d = 1;
      } else {
        const t63 = h_all_income * 12 - (h_rigid_spending * hd_all_income);
        const t64 = hd_all_income * 12;
        t65 = t63; t65d = t64 * h_member_count;
      }
      const t66 = pn_edge_multiple * h_standard;
      t67 = t65 * pd_edge_multiple < t66 * t65d;
    }
    let t72;
    if (t67) {
      const t68 = hd_rigid_excess * 12;
      const t69 = h_rigid_excess * 12;
      const t70 = pn_expenditure_cap_months * h_standard;
      let t71 = t69, t71d = t68;
      if (t70 * t71d < t71) { t71 = t70; t71d = 1; }
      t72 = (t71 === 0 ? 0 : t71 < 4503599627370496 && t71 > -4503599627370496 && (t71d * 100) < 9007199254740992 ? (t71 >= 0 ? Math.round(t71 / (t71d * 100)) : 0 - Math.round(-t71 / (t71d * 100))) : roundSteps(t71, t71d * 100, 0)) * 100;
    } else {
      t72 = 0;
    }
    const h_expenditure_assistance = t72;
    let t79 = 0;
    let t80 = 0;
    let t85 = 0;
    let t86 = 0, t86d = 1;
    let t87 = 0;
    let t96 = false;
    let t97 = 0;
    for (let p = ps, j = 0; p < pe; p++, j++) {
      // tekun 特困人员 [43号 §4][43号 §6][43号 §8][43号 §10]
      let t78 = (((s_is_member[j] !== 0) && h_asset_test) && h_can_apply_here) && (!(P_has_capable_supporter[p] !== 0));
      if (t78) {
        let t74, t74d;
        if (pn_employment_deduction === 0) {
          t74 = P_wage_income[p]; t74d = 1;
        } else if (pn_employment_deduction === 1) {
          t74 = Math.max(0, P_wage_income[p] - (((P_employed[p] !== 0) ? pn_employment_exemption : 0))); t74d = 1;
        } else {
          const t73 = P_wage_income[p] * pn_employment_deduction_rate;
          t74 = P_wage_income[p] * pd_employment_deduction_rate - t73; t74d = pd_employment_deduction_rate;
        }
        const t75 = t74 + (P_business_income[p] * t74d);
        const t76 = t75 + (P_property_income[p] * t74d);
        const t77 = t76 + (P_transfer_income[p] * t74d);
        t78 = t77 < h_standard * t74d;
      }
      const v_tekun = t78 && (((((P_age[p] >= 60) || (P_age[p] < 18)) || (P_work_ability[p] === 2)) || ((P_disability_grade[p] >= 1) && (P_disability_grade[p] <= 2))) || ((P_disability_grade[p] === 3) && ((P_disability_type[p] === 5) || (P_disability_type[p] === 6))));
      s_tekun[j] = v_tekun ? 1 : 0;
      // dibao_member 低保核算成员 [43号 §4][57号 §7]
      const v_dibao_member = (s_is_member[j] !== 0) && (!v_tekun);
      s_dibao_member[j] = v_dibao_member ? 1 : 0;
      // severe_disabled_adult 成年无业重度残疾人 [2022通知 一(一)]
      const v_severe_disabled_adult = (((pn_severe_disabled_alone !== 0) || (pn_disabled_support_exempt !== 0)) ? ((((v_dibao_member && (!(P_employed[p] !== 0))) && (P_age[p] >= pn_minor_age)) && (P_disability_grade[p] >= 1)) && (P_disability_grade[p] <= 2)) : false);
      s_severe_disabled_adult[j] = v_severe_disabled_adult ? 1 : 0;
      // tekun_persons 特困供养人数 [43号 §4]
      if (v_tekun) {
        t79++;
      }
      // tekun_benefit 特困供养金合计 [暂行办法 §15]
      if (v_tekun) {
        let t84;
        if (v_tekun) {
          const t81 = PN_care_fraction[P_self_care[p]];
          const t82 = PD_care_fraction[P_self_care[p]];
          const t83 = pn_minimum_wage * t81;
          t84 = PN_tekun_standard[h_dibao_area] + (t83 === 0 ? 0 : t83 < 4503599627370496 && t83 > -4503599627370496 && (t82 * 100) < 9007199254740992 ? (t83 >= 0 ? Math.round(t83 / (t82 * 100)) : 0 - Math.round(-t83 / (t82 * 100))) : roundSteps(t83, t82 * 100, 0)) * 100;
        } else {
          t84 = 0;
        }
        t80 += t84;
      }
      // n 低保核算人数 [57号 §7]
      if (v_dibao_member) {
        t85++;
      }
      // dibao_income 低保核算成员可计收入合计 [57号 §13]
      if (v_dibao_member) {
        if (sd_countable_income[j] === t86d) t86 += s_countable_income[j];
        else { t86 = t86 * sd_countable_income[j] + s_countable_income[j] * t86d; t86d = t86d * sd_countable_income[j]; const g = gcd(t86, t86d); if (g > 1) { t86 /= g; t86d /= g; } }
      }
      // addon_total 分类施保加发合计 [57号 §27]
      if (v_dibao_member) {
        let t94, t94d;
        if (t88) {
          t94 = pn_addon_elderly; t94d = pd_addon_elderly;
        } else {
          let t89, t89d;
          if (P_age[p] >= pn_elderly_age) {
            t89 = pn_addon_elderly; t89d = pd_addon_elderly;
          } else {
            t89 = 0; t89d = 1;
          }
          let t90, t90d;
          if (P_age[p] < pn_minor_age) {
            t90 = pn_addon_minor; t90d = pd_addon_minor;
          } else {
            t90 = 0; t90d = 1;
          }
          let t91, t91d;
          if ((P_disability_grade[p] >= 1) && (P_disability_grade[p] <= 2)) {
            t91 = pn_addon_disabled; t91d = pd_addon_disabled;
          } else {
            t91 = 0; t91d = 1;
          }
          let t92, t92d;
          if (P_catastrophic_illness[p] !== 0) {
            t92 = pn_addon_ill; t92d = pd_addon_ill;
          } else {
            t92 = 0; t92d = 1;
          }
          let t93 = t89, t93d = t89d;
          if (t90 * t93d > t93 * t90d) { t93 = t90; t93d = t90d; }
          if (t91 * t93d > t93 * t91d) { t93 = t91; t93d = t91d; }
          if (t92 * t93d > t93 * t92d) { t93 = t92; t93d = t92d; }
          t94 = t93; t94d = t93d;
        }
        const t95 = h_standard * t94;
        t87 += (t95 === 0 ? 0 : t95 < 4503599627370496 && t95 > -4503599627370496 && (t94d * 100) < 9007199254740992 ? (t95 >= 0 ? Math.round(t95 / (t94d * 100)) : 0 - Math.round(-t95 / (t94d * 100))) : roundSteps(t95, t94d * 100, 0)) * 100;
      }
      // severe_disabled_sibling 重度残疾人为户主的兄弟姐妹 [2022通知 一(一)]
      if (v_severe_disabled_adult && (P_relation[p] === 5)) {
        t96 = true;
      }
      // severe_disabled_adults 成年无业重度残疾人数 [2022通知 一(一)]
      if (v_severe_disabled_adult) {
        t97++;
      }
    }
    const h_tekun_persons = t79;
    const h_tekun_benefit = t80;
    const h_n = t85;
    const h_dibao_income = t86, hd_dibao_income = t86d;
    const h_addon_total = t87;
    const h_severe_disabled_sibling = t96;
    const h_severe_disabled_adults = t97;
    // pci 人均收入 [57号 §13]
    let t104, t104d;
    if (h_n === 0) {
      t104 = 0; t104d = 1;
    } else {
      let t103, t103d;
      if (h_illness_costs === 0) {
        t103 = h_dibao_income; t103d = hd_dibao_income;
      } else {
        const t98 = h_illness_costs * pn_rigid_deduction_rate;
        const t99 = 12 * pd_rigid_deduction_rate;
        const t100 = h_dibao_income * t99 - (t98 * hd_dibao_income);
        const t101 = hd_dibao_income * t99;
        let t102 = 0, t102d = 1;
        if (t100 * t102d > t102 * t101) { t102 = t100; t102d = t101; }
        t103 = t102; t103d = t102d;
      }
      t104 = t103; t104d = t103d * h_n;
    }
    const h_pci = t104, hd_pci = t104d;
    // per_capita_income 家庭人均收入 [57号 §13]
    const h_per_capita_income = (h_pci === 0 ? 0 : h_pci < 4503599627370496 && h_pci > -4503599627370496 && hd_pci < 9007199254740992 ? (h_pci >= 0 ? Math.round(h_pci / hd_pci) : 0 - Math.round(-h_pci / hd_pci)) : roundSteps(h_pci, hd_pci, 0));
    // dibao_eligible 符合低保条件 [暂行办法 §9][57号 §4]
    const h_dibao_eligible = ((h_asset_test && h_can_apply_here) && (h_n >= 1)) && (h_pci < h_standard * hd_pci);
    // regular_benefit 常规低保金 [57号 §23][57号 §27]
    let t118;
    if (h_dibao_eligible) {
      let t116;
      if (pn_benefit_method === 0) {
        const t105 = h_standard * hd_pci - h_pci;
        const t106 = t105 * h_n;
        t116 = (t106 === 0 ? 0 : t106 < 4503599627370496 && t106 > -4503599627370496 && (hd_pci * 100) < 9007199254740992 ? (t106 >= 0 ? Math.round(t106 / (hd_pci * 100)) : 0 - Math.round(-t106 / (hd_pci * 100))) : roundSteps(t106, hd_pci * 100, 0)) * 100;
      } else {
        let t114, t114d;
        if (t107) {
          t114 = pn_tier_rate_1; t114d = pd_tier_rate_1;
        } else {
          const t108 = pn_tier_limit_1 * h_standard;
          let t113, t113d;
          if (h_pci * pd_tier_limit_1 < t108 * hd_pci) {
            t113 = pn_tier_rate_1; t113d = pd_tier_rate_1;
          } else {
            const t109 = pn_tier_limit_2 * h_standard;
            let t112, t112d;
            if (h_pci * pd_tier_limit_2 < t109 * hd_pci) {
              t112 = pn_tier_rate_2; t112d = pd_tier_rate_2;
            } else {
              const t110 = pn_tier_limit_3 * h_standard;
              let t111, t111d;
              if (h_pci * pd_tier_limit_3 < t110 * hd_pci) {
                t111 = pn_tier_rate_3; t111d = pd_tier_rate_3;
              } else {
                t111 = pn_tier_rate_4; t111d = pd_tier_rate_4;
              }
              t112 = t111; t112d = t111d;
            }
            t113 = t112; t113d = t112d;
          }
          t114 = t113; t114d = t113d;
        }
        const t115 = h_standard * t114;
        t116 = ((t115 === 0 ? 0 : t115 < 4503599627370496 && t115 > -4503599627370496 && (t114d * 100) < 9007199254740992 ? (t115 >= 0 ? Math.round(t115 / (t114d * 100)) : 0 - Math.round(-t115 / (t114d * 100))) : roundSteps(t115, t114d * 100, 0)) * 100) * h_n;
      }
      const t117 = h_standard * pn_min_benefit_rate;
      t118 = Math.max(t116, ((t117 === 0 ? 0 : t117 < 4503599627370496 && t117 > -4503599627370496 && (pd_min_benefit_rate * 100) < 9007199254740992 ? (t117 >= 0 ? Math.round(t117 / (pd_min_benefit_rate * 100)) : 0 - Math.round(-t117 / (pd_min_benefit_rate * 100))) : roundSteps(t117, pd_min_benefit_rate * 100, 0)) * 100) * h_n) + h_addon_total;
    } else {
      t118 = 0;
    }
    const h_regular_benefit = t118;
    // regular_dibao 纳入常规低保 [暂行办法 §9][57号 §23]
    const h_regular_dibao = h_dibao_eligible && ((pn_count_zero_benefit !== 0) || (h_regular_benefit > 0));
    // grace_open 可享受渐退期 [2021指导意见 二(一)][57号 §33][2022通知 一(三)]
    let t121 = ((((H_dibao_last_month[h] !== 0) && h_asset_test) && (!h_regular_dibao)) && (h_n >= 1)) && (H_grace_months_used[h] < pn_grace_months);
    if (t121) {
      let t120 = !(pn_grace_requires_work !== 0);
      if (!t120) {
        let t119 = false;
        for (let p = ps, j = 0; p < pe; p++, j++) {
          if (!((s_dibao_member[j] !== 0) && (P_employed[p] !== 0))) continue;
          t119 = true;
          break;
        }
        t120 = t119;
      }
      t121 = t120;
    }
    const h_grace_open = t121;
    // in_grace 渐退期家庭 [2021指导意见 二(一)][57号 §33][2022通知 一(三)]
    const h_in_grace = h_grace_open && h_whole_household_grace;
    // edge_family 低保边缘家庭 [57号 §8][2022通知 一(四)][2023意见 二]
    let t123 = (((h_asset_test && h_can_apply_here) && (!h_regular_dibao)) && (!h_in_grace)) && (h_n >= 1);
    if (t123) {
      const t122 = pn_edge_multiple * h_standard;
      t123 = h_pci * pd_edge_multiple < t122 * hd_pci;
    }
    const h_edge_family = t123;
    // support_exempted 供养费用豁免适用 [2022通知 一(一)][assumption: no co-resident member of working age other than severely disabled adults and their siblings (relation sib…
    let t125 = pn_disabled_support_exempt !== 0;
    if (t125) {
      let t124 = 0;
      for (let p = ps, j = 0; p < pe; p++, j++) {
        if (!((((((s_is_member[j] !== 0) && (!(s_severe_disabled_adult[j] !== 0))) && (P_age[p] >= pn_minor_age)) && (P_age[p] < pn_elderly_age)) && (P_relation[p] !== 5)) && (!(h_severe_disabled_sibling && (P_relation[p] === 0))))) continue;
        t124++;
      }
      t125 = t124 === 0;
    }
    const h_support_exempted = t125;
    // disabled_alone_open 重度残疾人可单独申请 [2022通知 一(一)]
    const h_disabled_alone_open = (((((pn_severe_disabled_alone !== 0) && h_asset_test) && h_can_apply_here) && (!h_regular_dibao)) && (!h_in_grace)) && (h_severe_disabled_adults > 0);
    for (let p = ps, j = 0; p < pe; p++, j++) {
      // single_covered 单人户纳入 [57号 §8][2022通知 一(一)][2022通知 一(四)]
      let t136;
      if ((h_edge_family && (s_single_condition[j] !== 0)) || (h_disabled_alone_open && (s_severe_disabled_adult[j] !== 0))) {
        let t128 = s_dibao_member[j] !== 0;
        if (t128) {
          const t126 = (((s_severe_disabled_adult[j] !== 0) && h_support_exempted) ? P_transfer_income[p] : 0);
          const t127 = s_countable_income[j] - (t126 * sd_countable_income[j]);
          t128 = t127 < h_standard * sd_countable_income[j];
        }
        let t135 = t128;
        if (t135) {
          let t134;
          if (pn_benefit_method === 0) {
            const t129 = (((s_severe_disabled_adult[j] !== 0) && h_support_exempted) ? P_transfer_income[p] : 0);
            const t130 = s_countable_income[j] - (t129 * sd_countable_income[j]);
            const t131 = h_standard * sd_countable_income[j] - t130;
            let t132 = 0, t132d = 1;
            if (t131 * t132d > t132 * sd_countable_income[j]) { t132 = t131; t132d = sd_countable_income[j]; }
            t134 = (t132 === 0 ? 0 : t132 < 4503599627370496 && (t132d * 100) < 9007199254740992 ? Math.round(t132 / (t132d * 100)) : roundSteps(t132, t132d * 100, 0)) * 100;
          } else {
            const t133 = h_standard * pn_single_tier_rate;
            t134 = (t133 === 0 ? 0 : t133 < 4503599627370496 && t133 > -4503599627370496 && (pd_single_tier_rate * 100) < 9007199254740992 ? (t133 >= 0 ? Math.round(t133 / (pd_single_tier_rate * 100)) : 0 - Math.round(-t133 / (pd_single_tier_rate * 100))) : roundSteps(t133, pd_single_tier_rate * 100, 0)) * 100;
          }
          t135 = t134 > 0;
        }
        t136 = t135;
      } else {
        t136 = false;
      }
      const v_single_covered = t136;
      s_single_covered[j] = v_single_covered ? 1 : 0;
    }
    // single_count 单人户人数 [57号 §8]
    let t138;
    if (h_edge_family || h_disabled_alone_open) {
      let t137 = 0;
      for (let p = ps, j = 0; p < pe; p++, j++) {
        if (!(s_single_covered[j] !== 0)) continue;
        t137++;
      }
      t138 = t137;
    } else {
      t138 = 0;
    }
    const h_single_count = t138;
    // single_grace 单人户渐退 [2021指导意见 二(一)][2022通知 一(三)]
    let t140 = (h_grace_open && (!h_whole_household_grace)) && (h_single_count === 0);
    if (t140) {
      let t139 = false;
      for (let p = ps, j = 0; p < pe; p++, j++) {
        if (!((s_dibao_member[j] !== 0) && ((s_single_condition[j] !== 0) || (s_severe_disabled_adult[j] !== 0)))) continue;
        t139 = true;
        break;
      }
      t140 = t139;
    }
    const h_single_grace = t140;
    // single_grace_count 单人户渐退人数 [57号 §8][2022通知 一(三)]
    let t142;
    if (h_single_grace) {
      let t141 = 0;
      for (let p = ps, j = 0; p < pe; p++, j++) {
        if (!((s_dibao_member[j] !== 0) && ((s_single_condition[j] !== 0) || (s_severe_disabled_adult[j] !== 0)))) continue;
        t141++;
      }
      t142 = t141;
    } else {
      t142 = 0;
    }
    const h_single_grace_count = t142;
    // dibao_status 低保状态 [暂行办法 §9][57号 §8][2021指导意见 二(一)]
    let t143 = 0;
    let t144;
    if (h_regular_dibao) {
      if (t143 !== 0 && !(1 === t144)) { if (err === 0) err = 1; }
      t144 = 1; t143 = 1;
    }
    if (h_in_grace || h_single_grace) {
      if (t143 !== 0 && !(2 === t144)) { if (err === 0) err = 2; }
      t144 = 2; t143 = 1;
    }
    if (h_single_count > 0) {
      if (t143 !== 0 && !(3 === t144)) { if (err === 0) err = 3; }
      t144 = 3; t143 = 1;
    }
    let t145;
    if (t143 !== 0) {
      t145 = t144;
    } else {
      t145 = 0;
    }
    const h_dibao_status = t145;
    // dibao_benefit 低保金 [57号 §23]
    let t156 = 0;
    let t157;
    if (h_regular_dibao) {
      if (t156 !== 0 && !(h_regular_benefit === t157)) { if (err === 0) err = 4; }
      t157 = h_regular_benefit; t156 = 1;
    }
    if (h_in_grace || h_single_grace) {
      let t148;
      if (pn_grace_taper === 0) {
        t148 = H_last_benefit[h];
      } else {
        const t146 = pd_grace_taper - pn_grace_taper;
        const t147 = H_last_benefit[h] * t146;
        t148 = (t147 === 0 ? 0 : t147 < 4503599627370496 && t147 > -4503599627370496 && (pd_grace_taper * 100) < 9007199254740992 ? (t147 >= 0 ? Math.round(t147 / (pd_grace_taper * 100)) : 0 - Math.round(-t147 / (pd_grace_taper * 100))) : roundSteps(t147, pd_grace_taper * 100, 0)) * 100;
      }
      if (t156 !== 0 && !(t148 === t157)) { if (err === 0) err = 5; }
      t157 = t148; t156 = 1;
    }
    if (h_single_count > 0) {
      let t149 = 0;
      for (let p = ps, j = 0; p < pe; p++, j++) {
        if (!(s_single_covered[j] !== 0)) continue;
        let t155;
        if (pn_benefit_method === 0) {
          const t150 = (((s_severe_disabled_adult[j] !== 0) && h_support_exempted) ? P_transfer_income[p] : 0);
          const t151 = s_countable_income[j] - (t150 * sd_countable_income[j]);
          const t152 = h_standard * sd_countable_income[j] - t151;
          let t153 = 0, t153d = 1;
          if (t152 * t153d > t153 * sd_countable_income[j]) { t153 = t152; t153d = sd_countable_income[j]; }
          t155 = (t153 === 0 ? 0 : t153 < 4503599627370496 && (t153d * 100) < 9007199254740992 ? Math.round(t153 / (t153d * 100)) : roundSteps(t153, t153d * 100, 0)) * 100;
        } else {
          const t154 = h_standard * pn_single_tier_rate;
          t155 = (t154 === 0 ? 0 : t154 < 4503599627370496 && t154 > -4503599627370496 && (pd_single_tier_rate * 100) < 9007199254740992 ? (t154 >= 0 ? Math.round(t154 / (pd_single_tier_rate * 100)) : 0 - Math.round(-t154 / (pd_single_tier_rate * 100))) : roundSteps(t154, pd_single_tier_rate * 100, 0)) * 100;
        }
        t149 += t155;
      }
      if (t156 !== 0 && !(t149 === t157)) { if (err === 0) err = 6; }
      t157 = t149; t156 = 1;
    }
    let t158;
    if (t156 !== 0) {
      t158 = t157;
    } else {
      t158 = 0;
    }
    const h_dibao_benefit = t158;
    // dibao_persons 低保保障人数 [57号 §8]
    let t159 = 0;
    let t160;
    if (h_regular_dibao) {
      if (t159 !== 0 && !(h_n === t160)) { if (err === 0) err = 7; }
      t160 = h_n; t159 = 1;
    }
    if (h_in_grace) {
      if (t159 !== 0 && !(h_n === t160)) { if (err === 0) err = 8; }
      t160 = h_n; t159 = 1;
    }
    if (h_single_grace) {
      if (t159 !== 0 && !(h_single_grace_count === t160)) { if (err === 0) err = 9; }
      t160 = h_single_grace_count; t159 = 1;
    }
    if (h_single_count > 0) {
      if (t159 !== 0 && !(h_single_count === t160)) { if (err === 0) err = 10; }
      t160 = h_single_count; t159 = 1;
    }
    let t161;
    if (t159 !== 0) {
      t161 = t160;
    } else {
      t161 = 0;
    }
    const h_dibao_persons = t161;
    // price_persons 价格补贴人数 [2016价格][1553号][2021指导意见 二(二)]
    let t163;
    if (h_price_group_count > 0) {
      let t162 = 0;
      for (let p = ps, j = 0; p < pe; p++, j++) {
        if (!(((s_is_member[j] !== 0) && ((((P_unemployment_insurance[p] !== 0) || (P_entitled_group[p] !== 0)) || (P_child_status[p] === 1)) || (P_child_status[p] === 2))) && (!(((s_tekun[j] !== 0) || (((pn_price_include_edge !== 0) && h_edge_family) && (s_dibao_member[j] !== 0))) || ((s_dibao_member[j] !== 0) && (((h_regular_dibao || h_in_grace) || (s_single_covered[j] !== 0)) || (h_single_grace && ((s_single_condition[j] !== 0) || (s_severe_disabled_adult[j] !== 0))))))))) continue;
        t162++;
      }
      t163 = t162;
    } else {
      t163 = 0;
    }
    const h_price_persons = (((pn_price_include_edge !== 0) && h_edge_family) ? h_n : h_dibao_persons) + h_tekun_persons + t163;
    // price_subsidy 价格临时补贴 [2016价格][2021指导意见 二(二)]
    const h_price_subsidy = ((h_price_per_person === 0) ? 0 : (h_price_persons * h_price_per_person));
    // emergency_eligible 急难型临时救助对象 [暂行办法 §47][2018临时救助 二(一)][2023意见 四(三)]
    let t170 = H_emergency_cost[h] > 0;
    if (t170) {
      let t169;
      if (pn_emergency_poor_only !== 0) {
        let t166 = (h_dibao_status !== 0) || (h_tekun_persons > 0);
        if (!t166) {
          let t165 = h_n >= 1;
          if (t165) {
            const t164 = pn_edge_multiple * h_standard;
            t165 = h_pci * pd_edge_multiple < t164 * hd_pci;
          }
          t166 = t165;
        }
        t169 = t166;
      } else {
        let t168 = h_asset_test;
        if (t168) {
          const t167 = h_all_income * pn_emergency_bearable_months;
          t168 = H_emergency_cost[h] * hd_all_income > t167;
        }
        t169 = t168;
      }
      t170 = t169;
    }
    const h_emergency_eligible = t170;
    // temporary_assistance 急难型临时救助金 [暂行办法 §49][2018临时救助 二(三)]
    let t176;
    if (h_emergency_eligible) {
      let t174;
      if (h_member_count === 0) {
        t174 = 0;
      } else {
        const t171 = pn_emergency_grave_loss * h_standard;
        let t173;
        if (H_emergency_cost[h] >= t171 * h_member_count) {
          t173 = 2;
        } else {
          const t172 = pn_emergency_serious_loss * h_standard;
          t173 = ((H_emergency_cost[h] >= t172 * h_member_count) ? 1 : 0);
        }
        t174 = t173;
      }
      const t175 = Math.min(H_emergency_cost[h], Math.min((PN_emergency_months[t174] * h_standard) * (Math.min(h_member_count, pn_emergency_max_persons)), pn_emergency_cap_months * h_standard));
      t176 = (t175 === 0 ? 0 : t175 < 4503599627370496 && t175 > -4503599627370496 ? (t175 >= 0 ? Math.round(t175 / 100) : 0 - Math.round(-t175 / 100)) : roundSteps(t175, 100, 0)) * 100;
    } else {
      t176 = 0;
    }
    const h_temporary_assistance = t176;
    // help_first 先行救助 [2018临时救助 二(二)][2021指导意见 二(六)]
    const h_help_first = h_emergency_eligible && (h_temporary_assistance <= pn_help_first_months * h_standard);
    // rigid_hardship 刚性支出困难家庭 [认定办法 §4][2023意见 二]
    let t184 = ((((h_below_disposable && h_asset_test) && (!h_edge_family)) && (DAY >= pn_rigid_hardship_from)) && (h_dibao_status === 0)) && (h_tekun_persons === 0);
    if (t184) {
      const t177 = h_standard * pn_living_spending_rate;
      const t178 = t177 * h_member_count;
      const t179 = t178 * 12;
      const t180 = h_all_income * 12;
      const t181 = h_rigid_spending * pd_living_spending_rate + t179;
      const t182 = t180 * pn_rigid_hardship_share;
      const t183 = hd_all_income * pd_rigid_hardship_share;
      t184 = t181 * t183 > t182 * pd_living_spending_rate;
    }
    const h_rigid_hardship = t184;
    // low_income_persons 低收入人口数 [2023意见 二][2021指导意见 二(三)]
    let t186;
    if ((((!h_edge_family) && (!h_rigid_hardship)) && (h_dibao_status === 0)) && (h_tekun_persons === 0)) {
      t186 = h_relapse_persons;
    } else {
      let t185 = 0;
      for (let p = ps, j = 0; p < pe; p++, j++) {
        if (!((s_is_member[j] !== 0) && (((((s_tekun[j] !== 0) || h_edge_family) || h_rigid_hardship) || (P_relapse_monitoring[p] !== 0)) || ((s_dibao_member[j] !== 0) && (((h_regular_dibao || h_in_grace) || (s_single_covered[j] !== 0)) || (h_single_grace && ((s_single_condition[j] !== 0) || (s_severe_disabled_adult[j] !== 0)))))))) continue;
        t185++;
      }
      t186 = t185;
    }
    const h_low_income_persons = t186;
    // service_persons 访视照料服务人数 [2021指导意见 二(七)][2023意见 四(四)]
    let t188;
    if ((h_low_income_persons === 0) || (h_needs_care_persons === 0)) {
      t188 = 0;
    } else {
      let t187 = 0;
      for (let p = ps, j = 0; p < pe; p++, j++) {
        if (!((((!(s_tekun[j] !== 0)) && (P_self_care[p] !== 0)) && (((P_age[p] >= pn_elderly_age) || (P_age[p] < pn_minor_age)) || (P_disability_grade[p] >= 1))) && ((s_is_member[j] !== 0) && (((((s_tekun[j] !== 0) || h_edge_family) || h_rigid_hardship) || (P_relapse_monitoring[p] !== 0)) || ((s_dibao_member[j] !== 0) && (((h_regular_dibao || h_in_grace) || (s_single_covered[j] !== 0)) || (h_single_grace && ((s_single_condition[j] !== 0) || (s_severe_disabled_adult[j] !== 0))))))))) continue;
        t187++;
      }
      t188 = t187;
    }
    const h_service_persons = t188;
    // service_cost 访视照料服务费用 [2021指导意见 二(七)][2020意见 二(五)21]
    const h_service_cost = pn_service_cost_per_person * h_service_persons;
    // total_monthly 月度救助合计 [57号 §23][暂行办法 §15][2016价格]
    const h_total_monthly = h_dibao_benefit + h_tekun_benefit + h_price_subsidy;
    O_tekun_persons[h] = h_tekun_persons;
    if (h_tekun_benefit !== h_tekun_benefit && err === 0) err = 11;
    O_tekun_benefit[h] = h_tekun_benefit;
    if (h_per_capita_income !== h_per_capita_income && err === 0) err = 11;
    O_per_capita_income[h] = h_per_capita_income;
    O_edge_family[h] = h_edge_family ? 1 : 0;
    O_dibao_status[h] = h_dibao_status;
    if (h_dibao_benefit !== h_dibao_benefit && err === 0) err = 11;
    O_dibao_benefit[h] = h_dibao_benefit;
    if (h_dibao_persons !== h_dibao_persons && err === 0) err = 11;
    O_dibao_persons[h] = h_dibao_persons;
    if (h_price_subsidy !== h_price_subsidy && err === 0) err = 11;
    O_price_subsidy[h] = h_price_subsidy;
    if (h_temporary_assistance !== h_temporary_assistance && err === 0) err = 11;
    O_temporary_assistance[h] = h_temporary_assistance;
    O_help_first[h] = h_help_first ? 1 : 0;
    if (h_expenditure_assistance !== h_expenditure_assistance && err === 0) err = 11;
    O_expenditure_assistance[h] = h_expenditure_assistance;
    O_rigid_hardship[h] = h_rigid_hardship ? 1 : 0;
    if (h_low_income_persons !== h_low_income_persons && err === 0) err = 11;
    O_low_income_persons[h] = h_low_income_persons;
    if (h_service_persons !== h_service_persons && err === 0) err = 11;
    O_service_persons[h] = h_service_persons;
    if (h_service_cost !== h_service_cost && err === 0) err = 11;
    O_service_cost[h] = h_service_cost;
    if (h_total_monthly !== h_total_monthly && err === 0) err = 11;
    O_total_monthly[h] = h_total_monthly;
    E[h] = err;
    if (err !== 0) errors++;
  }
  return errors;
}
