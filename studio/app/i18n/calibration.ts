/** Chinese names of the calibration report's rows (the simulator names them in English). */
const SOURCES: Record<string, string> = { wages: '工资性收入', business: '经营净收入', property: '财产净收入', transfers: '转移净收入' };
const AREAS: Record<string, string> = { urban: '城镇', rural: '农村', national: '全国' };

export function calibrationName(name: string): string {
  let m = /^share of income from (\w+)$/.exec(name);
  if (m) return `${SOURCES[m[1]!] ?? m[1]}占比`;
  m = /^households of (\S+) persons$/.exec(name);
  if (m) return `${m[1]}人户占比`;
  m = /^(\w+) quintile (\d) \/ mean$/.exec(name);
  if (m) return `${AREAS[m[1]!] ?? m[1]}第${m[2]}五分位组收入 ÷ 均值`;
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
  return name;
}
