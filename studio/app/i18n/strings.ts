/** The studio's words in Chinese (the default) and English. Domain terms keep their Chinese names beside English ids. */
export type Lang = 'zh' | 'en';

const S = {
  appName: ['兜底 · 政策测算工作台', 'Doudi studio'],
  appTagline: ['社会救助政策编写与预算测算', 'Social assistance policy and budget studio'],
  scenario: ['情景', 'Scenario'],
  baseline: ['基线', 'Baseline'],
  reform: ['改革', 'Reform'],
  reformEdited: ['工作区版本', 'workspace copy'],
  baselineShipped: ['发布版本', 'as shipped'],
  baselineAsEdited: ['含工作区修改', 'as edited'],
  date: ['日期', 'Date'],
  population: ['人口', 'Population'],
  households: ['户', 'households'],
  seed: ['随机种子', 'seed'],
  behaviour: ['行为假设', 'Behaviour assumptions'],
  behaviourSub: ['模型假设，不是政策：符合条件的家庭中实际申领的比例；核定收入与实际收入的差距（对无业而有劳动能力者推算的收入、未申报的收入、收入核实误差）。基线与改革使用同样的假设和同一组随机抽签。', 'Model assumptions, not policy: the share of eligible households that claim; the gap between assessed and actual income (earnings imputed to able-bodied members without work, unreported income, measurement error). Baseline and reform share them and the same random draws.'],
  takeUpOf: ['申领率', 'take-up'],
  imputedEarnings: ['推算劳动收入', 'Imputed earnings'],
  imputedHint: ['18–59 岁、完全劳动能力、非学生、无工作且无工资的成员按此月收入核算；留空为不推算', 'Members aged 18–59 with full work ability, not students, without work or wages, are assessed as earning this a month; empty: off'],
  off: ['不推算', 'off'],
  uncertainty: ['抽样不确定性', 'Sampling uncertainty'],
  uncertaintySub: ['同一基线与改革，在以不同随机种子生成的多组合成人口上重算：均值与中间 90% 区间（与 doudi compare --seeds 相同）', 'The same baseline and reform over synthetic populations drawn with other seeds: the mean and the middle 90% (as doudi compare --seeds)'],
  seedCount: ['个种子', 'seeds'],
  runUncertainty: ['计算区间', 'Run'],
  mean: ['均值', 'Mean'],
  interval90: ['90% 区间', '90% interval'],
  dibaoPersons: ['改革后低保人数', 'Dibao persons (reform)'],
  tekunPersons: ['改革后特困人数', '特困 persons (reform)'],
  newlyCoveredHouseholds: ['新增覆盖户数', 'Households newly covered'],
  noLongerCoveredHouseholds: ['不再覆盖户数', 'Households no longer covered'],
  seedsUsed: ['随机种子', 'Seeds'],
  staleResult: ['结果来自改动之前的情景，请重新计算', 'from the scenario before the last change: run again'],
  openRefused: ['未打开：', 'Not opened:'],
  dismiss: ['知道了', 'Dismiss'],
  unreportedIncome: ['未申报收入占比', 'Unreported income'],
  unreportedHint: ['工资、经营、财产收入中核对不到的比例（0–90%）', 'The share of wage, business and property income the means test does not see (0–90%)'],
  incomeNoise: ['收入核实误差 σ', 'Income measurement error σ'],
  incomeNoiseHint: ['核定收入相对实际收入的对数正态误差（均值为 1，每户一次抽签，0–1.5）', 'Log-normal error, mean one, of the assessed against the actual income (one draw per household, 0–1.5)'],
  defaults: ['默认', 'defaults'],
  seedHint: ['另一个种子按同样的统计数据生成另一组合成家庭（按回车生效）', 'Another seed draws another synthetic population from the same statistics (Enter applies it)'],
  language: ['语言', 'Language'],
  running: ['计算中', 'Running'],
  done: ['已更新', 'Up to date'],
  error: ['错误', 'Error'],
  idle: ['等待', 'Idle'],
  cancel: ['取消', 'Cancel'],
  cancelled: ['已取消', 'Cancelled'],
  updatedIn: ['更新用时', 'updated in'],
  files: ['文件', 'Files'],
  newFile: ['新建', 'New'],
  openShipped: ['打开政策', 'Open policy'],
  openDisk: ['从磁盘打开', 'Open from disk'],
  saveDisk: ['下载保存', 'Save to disk'],
  format: ['格式化', 'Format'],
  resetFile: ['恢复原版', 'Revert to shipped'],
  closeTab: ['关闭', 'Close'],
  problems: ['问题', 'Problems'],
  noProblems: ['没有问题', 'No problems'],
  errors: ['错误', 'errors'],
  warnings: ['警告', 'warnings'],
  loadingEditor: ['正在加载编辑器…', 'Loading the editor…'],
  modified: ['已修改', 'modified'],
  autosaved: ['已保存', 'Saved'],
  autosavedTitle: ['每次编辑都自动保存在本浏览器（IndexedDB）', 'Every edit is kept in this browser (IndexedDB)'],
  saveFailed: ['自动保存失败', 'Autosave failed'],
  // panels
  overview: ['概览', 'Overview'],
  parameters: ['参数', 'Parameters'],
  distribution: ['分布', 'Distribution'],
  sweep: ['参数扫描', 'Sweep'],
  months: ['逐月', 'Months'],
  explorer: ['住户', 'Households'],
  scenarios: ['情景比较', 'Scenarios'],
  calibration: ['人口校准', 'Calibration'],
  exportTab: ['导出', 'Export'],
  // headline
  costBaseline: ['基线年度支出', 'Baseline annual cost'],
  costReform: ['改革年度支出', 'Reform annual cost'],
  costDelta: ['年度支出变化', 'Change in annual cost'],
  personsReform: ['改革后低保与特困人数', 'Dibao + 特困 persons'],
  perYear: ['每年', 'a year'],
  persons: ['人', 'persons'],
  personsWord: ['人数', 'Persons'],
  newlyCovered: ['新增覆盖', 'Newly covered'],
  noLongerCovered: ['不再覆盖', 'No longer covered'],
  staleNote: ['政策有错误：下列结果来自上一个有效版本', 'The policy has errors: the figures below are from the last valid version'],
  noResults: ['尚无结果', 'No results yet'],
  preparing: ['正在生成人口并计算…', 'Generating the population and simulating…'],
  // charts
  costByProgramme: ['各项目年度支出', 'Annual cost by programme'],
  caseload: ['保障人数', 'Caseload'],
  byDecile: ['按收入十分位的年度支出', 'Annual cost by income decile'],
  changeByDecile: ['按收入十分位的户均月收入变化', 'Average monthly change per household by income decile'],
  winnersLosers: ['受益与受损家庭', 'Winners and losers'],
  sweepCurve: ['参数扫描曲线', 'Sweep curve'],
  monthsRun: ['逐月模拟', 'Month by month'],
  calibrationChart: ['人口校准：目标与生成值', 'Calibration: targets and generated values'],
  exportPng: ['PNG', 'PNG'],
  exportSvg: ['SVG', 'SVG'],
  exportCsv: ['CSV', 'CSV'],
  decile: ['收入十分位', 'Income decile'],
  programme: ['项目', 'Programme'],
  value: ['数值', 'Value'],
  target: ['目标', 'Target'],
  generated: ['生成值', 'Generated'],
  errorShare: ['误差', 'Error'],
  tolerance: ['容差', 'Tolerance'],
  source: ['来源', 'Source'],
  // bands
  lose_more_than_5pct: ['减少超过5%', 'Lose > 5%'],
  lose: ['减少', 'Lose'],
  no_change: ['不变', 'No change'],
  gain: ['增加', 'Gain'],
  gain_more_than_5pct: ['增加超过5%', 'Gain > 5%'],
  // parameters
  searchParams: ['搜索参数', 'Search parameters'],
  changedOnly: ['只看已修改', 'Changed only'],
  resetAll: ['全部恢复', 'Reset all'],
  reset: ['恢复', 'Reset'],
  currentValue: ['现行值', 'In force'],
  perEntry: ['分项', 'per entry'],
  scenarioInput: ['情景输入', 'scenario input'],
  noParams: ['编译成功后显示参数', 'Parameters appear once the policy compiles'],
  sweepThis: ['扫描', 'Sweep'],
  // sweep
  sweepParam: ['扫描参数', 'Parameter'],
  runSweep: ['运行扫描', 'Run sweep'],
  points: ['点数', 'points'],
  marginal: ['每¥10边际年度支出', 'Marginal annual cost per ¥10'],
  currentMark: ['现值', 'current'],
  sweepEmpty: ['选择一个参数并运行扫描', 'Choose a parameter and run the sweep'],
  // months
  runMonths: ['运行逐月模拟', 'Run months'],
  monthsCount: ['月数', 'Months'],
  cpiPath: ['CPI同比（逐月，逗号分隔）', 'CPI year on year (per month, comma separated)'],
  entries: ['进入', 'Entries'],
  exits: ['退出', 'Exits'],
  grace: ['渐退期', '渐退期 (grace)'],
  monthlyCost: ['月度支出', 'Monthly cost'],
  monthsEmpty: ['逐月模拟按改革情景运行，包含就业变化、重病与渐退期', 'The months run follows the reform scenario with job changes, illness and 渐退期'],
  // explorer
  filters: ['筛选', 'Filters'],
  area: ['城乡', 'Area'],
  urban: ['城镇', 'Urban'],
  rural: ['农村', 'Rural'],
  any: ['全部', 'Any'],
  size: ['人口数', 'Size'],
  covered: ['覆盖', 'Covered'],
  notCovered: ['未覆盖', 'Not covered'],
  yes: ['是', 'Yes'],
  no: ['否', 'No'],
  income: ['人均月收入', 'Income per person a month'],
  status: ['低保状态', 'Dibao status'],
  benefit: ['低保金', 'Dibao benefit'],
  totalMonthly: ['月度救助合计', 'Total a month'],
  household: ['家庭', 'Household'],
  members: ['成员', 'Members'],
  explanation: ['判定过程', 'Explanation'],
  pickHousehold: ['从列表中选择一户，查看判定过程', 'Pick a household to see why it is or is not covered'],
  whatIf: ['假设修改', 'What if'],
  resetHousehold: ['恢复原数据', 'Restore'],
  outputs: ['结果', 'Outputs'],
  because: ['依据', 'because'],
  prev: ['上一页', 'Previous'],
  next: ['下一页', 'Next'],
  of: ['共', 'of'],
  // scenarios
  saveScenario: ['保存当前情景', 'Save this scenario'],
  scenarioName: ['情景名称', 'Scenario name'],
  compareSelected: ['比较所选情景', 'Compare selected'],
  load: ['载入', 'Load'],
  remove: ['删除', 'Delete'],
  noSaved: ['还没有保存的情景。调整参数或编辑政策后保存，即可并排比较。', 'No saved scenarios yet. Change a parameter or edit the policy, then save it to compare side by side.'],
  settings: ['参数设置', 'Settings'],
  none: ['无', 'none'],
  annualCost: ['年度支出', 'Annual cost'],
  delta: ['变化', 'Change'],
  // export
  exportModule: ['下载编译模块 (.js)', 'Download the compiled module (.js)'],
  exportIr: ['下载中间表示 (IR JSON)', 'Download the IR (JSON)'],
  exportResults: ['下载结果 (CSV)', 'Download results (CSV)'],
  printReport: ['打印情景报告', 'Print the scenario report'],
  report: ['情景报告', 'Scenario report'],
  assumptions: ['假设', 'Assumptions'],
  paramsChanged: ['修改的参数', 'Parameters changed'],
  headline: ['主要结果', 'Headline figures'],
  generatedAt: ['生成时间', 'Generated'],
  synthetic: ['合成人口，按公开统计校准', 'synthetic population calibrated to published statistics'],
  edits: ['编辑过的文件', 'Edited files'],
  exportNote: ['模块与 doudi compile 输出相同，可在 Node 或浏览器中直接 import。', 'The module is what doudi compile writes: import it in Node or a browser.'],
  retry: ['重试', 'Retry'],
} as const;

export type StringKey = keyof typeof S;

export function text(lang: Lang, key: StringKey): string {
  return S[key][lang === 'zh' ? 0 : 1];
}

/** Programme names: Chinese with the English id, or the id with the Chinese name. */
const PROGRAMMES: Record<string, [string, string]> = {
  dibao: ['低保', 'dibao'],
  tekun: ['特困供养', 'tekun'],
  price: ['价格补贴', 'price'],
  temporary: ['急难型临时救助', 'temporary'],
  expenditure: ['支出型临时救助', 'expenditure'],
};

export function programmeName(lang: Lang, id: string, short = false): string {
  const p = PROGRAMMES[id];
  if (!p) return id;
  if (short) return lang === 'zh' ? p[0] : `${p[1]} ${p[0]}`;
  return lang === 'zh' ? `${p[0]} ${p[1]}` : `${p[1]} ${p[0]}`;
}

/** A domain term with both names: "低保标准 dibao_standard" in Chinese, "dibao_standard 低保标准" in English. */
export function termName(lang: Lang, id: string, label?: string): string {
  if (!label) return id;
  return lang === 'zh' ? `${label} ${id}` : `${id} ${label}`;
}

const STATUS: Record<string, [string, string]> = {
  none: ['无', 'none'],
  regular: ['常规低保', 'regular'],
  grace: ['渐退期', 'grace'],
  single: ['单人户', 'single'],
};

export function statusName(lang: Lang, id: string): string {
  const s = STATUS[id];
  return s ? (lang === 'zh' ? s[0] : `${s[1]} ${s[0]}`) : id;
}
