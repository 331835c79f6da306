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
