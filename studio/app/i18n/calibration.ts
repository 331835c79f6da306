/** Chinese names of the calibration report's rows (the simulator names them in English). */
const SOURCES: Record<string, string> = { wages: '工资性收入', business: '经营净收入', property: '财产净收入', transfers: '转移净收入' };
const AREAS: Record<string, string> = { urban: '城镇', rural: '农村', national: '全国' };
const HARDSHIP: Record<string, string> = {
  'a member with a disability': '有残疾成员的',
  'a member with a grade 1–2 disability': '有一二级残疾成员的',
  'only members aged 60+': '纯老年人',
  'no member aged 16–59 able to work': '无劳动年龄有劳动能力成员的',
  'a member with a catastrophic illness': '有重特大疾病成员的',
  'a single parent with minors': '单亲有未成年子女的',
};

export function calibrationName(name: string): string {
  let m = /^share of income from (\w+)$/.exec(name);
  if (m) return `${SOURCES[m[1]!] ?? m[1]}占比`;
  m = /^households of (\S+) persons$/.exec(name);
  if (m) return `${m[1]}人户占比`;
  m = /^(\w+) quintile (\d) \/ mean(?: \(national shape, spread × ([\d.]+)\))?$/.exec(name);
  if (m) return `${AREAS[m[1]!] ?? m[1]}第${m[2]}五分位组收入 ÷ 均值${m[3] ? `（全国形状，离散度 × ${m[3]}）` : ''}`;
  m = /^(\w+) households with (.+): income \/ area mean$/.exec(name);
  if (m) return `${AREAS[m[1]!] ?? m[1]}${HARDSHIP[m[2]!] ?? m[2]}家庭人均收入 ÷ 本地均值`;
  m = /^(\w+) quintile (\d) mean$/.exec(name);
  if (m) return `${AREAS[m[1]!] ?? m[1]}第${m[2]}五分位组人均收入`;
  m = /^(\w+) disposable income per person, mean/.exec(name);
  if (m) return `${AREAS[m[1]!] ?? m[1]}人均可支配收入均值（元/年）`;
  m = /^(\w+) disposable income per person, median/.exec(name);
  if (m) return `${AREAS[m[1]!] ?? m[1]}人均可支配收入中位数`;
  if (name === 'average household size') return '平均家庭人口';
  if (name === 'share of persons aged 60+') return '60岁及以上人口占比';
  if (name === 'share of persons aged 65+') return '65岁及以上人口占比';
  if (name === 'share of persons with a disability') return '残疾人口占比';
  if (name.startsWith('share of persons aged 60+ without a capable supporter')) return '60岁及以上无履行能力赡养人者占比';
  if (name === 'share of residents without local hukou') return '非本地户籍常住人口占比';
  if (name.startsWith('urban poorest 5% of households: persons')) return '城镇最低5%收入户户均人口 ÷ 城镇平均';
  if (name.startsWith('urban poorest 5% of households: employed')) return '城镇最低5%收入户户均就业人口 ÷ 城镇平均';
  return name;
}

/**
 * Chinese text of the population's notes (the generator writes them in English, with their sources).
 * Each known form is rewritten whole; a note of another form is shown as written.
 */
const NOTES: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /^(.+): ([\d,]+) real households \(derived: population \/ household size, scaled to the census total \(provinces\.ts\)\)$/,
    (m) => `${m[1]}：${m[2]} 户真实家庭（由人口 ÷ 户均人口推算，并按普查总数缩放；provinces.ts）`,
  ],
  [
    /^(.+): ([\d,]+) real households \(derived: the province's households × the city's share ([\d.]+) \(provinces\.ts\)\)$/,
    (m) => `${m[1]}：${m[2]} 户真实家庭（全省户数 × 该市所占比重 ${m[3]}；provinces.ts）`,
  ],
  [/^(.+): ([\d,]+) real households \((.+)\)$/, (m) => `${m[1]}：${m[2]} 户真实家庭（${m[3]}）`],
  [
    /^([\d,]+) residents of institutions \(集中供养\) drawn as one-person records beside the family households: ([\d,]+) nationally \[M\], spread by rural residents aged 60\+ \(institutions\.ts\)$/,
    (m) => `另生成集中供养机构住养人员 ${m[1]} 人，每人一条记录，与家庭户并列：全国 ${m[2]} 人 [M]，按各地农村 60 岁及以上人口分配（institutions.ts）`,
  ],
  [/^(\S+): the incomes of (.+) \((\d{6})\) are used$/, (m) => `${m[1]}：采用${m[2]}（${m[3]}）的收入`],
  [/^(\d{4}): urban and rural quintiles are not published in the brief; their shape is (\d{4})'s \(assumption\)$/, (m) => `${m[1]} 年：资料未给出城乡五等份收入，沿用 ${m[2]} 年的分布形状（假设）`],
  [/^no figures for (\d{4}): the (\d{4}) figures stand in \(assumption\)$/, (m) => `${m[1]} 年无统计数据：以 ${m[2]} 年数据代替（假设）`],
  [
    /^(.+): each city's incomes are the province's × the city's income level \(its all-residents income net of its share in towns\) over the province's average \(city incomes from memory, \[M\]\)(; each city's households live in towns at its own share \(.+\[M\]\))?$/,
    (m) =>
      `${m[1]}：各市收入 = 全省收入 × 该市收入水平（全体居民人均收入扣除城镇化程度的影响）÷ 全省平均（各市收入凭记忆，[M]）` +
      (m[2] ? '；各市家庭按该市城镇人口比重居住于城镇（2020 年普查各市城镇人口比重，凭记忆，未核实 [M]）' : ''),
  ],
  [
    /^provincial incomes are the national area shape at the province's own mean, its log-spread × θ₀ \(the provinces together give the national quintiles\) × its own inequality index \(ln of its urban\/rural income ratio over the nation's\) \((.+)\): no provincial quintiles were found \(assumption\)$/,
    (m) => `省级收入：全国城乡收入分布的形状，取本省均值，对数离散度 × θ₀（各省合计符合全国五等份）× 本省不平等指数（本省城乡收入比的对数 ÷ 全国的）（${m[1]}）：未找到分省五等份数据（假设）`,
  ],
  [
    /^the national mean sits a few per cent above the published one while the urban and rural means match/,
    () => '全国均值比公布值高几个百分点，而城镇、农村均值均与公布值相符：各省按常住地计的城镇人口比重（约占人口 64%）高于调查均值所隐含的城镇权重（约 57.5%）',
  ],
];

export function calibrationNote(note: string): string {
  for (const [re, zh] of NOTES) {
    const m = re.exec(note);
    if (m) return zh(m);
  }
  return note;
}
