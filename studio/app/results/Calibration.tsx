/** The population: what it stands for, and its calibration — each published target against the generated value. */
import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStudio, useStudioApi, useT } from '../ui/context.ts';
import { useFmt } from '../ui/hooks.ts';
import { ChartCard } from '../charts/ChartCard.tsx';
import { AXIS, C } from '../charts/theme.ts';
import { Empty } from './Empty.tsx';
import { calibrationName, calibrationNote } from '../i18n/calibration.ts';
import { Validation } from './Validation.tsx';

export function Calibration() {
  const t = useT();
  const f = useFmt();
  const population = useStudio((s) => s.population);
  if (!population) return <Empty />;
  const rows = population.calibration.rows;
  const show = (x: number) => (Math.abs(x) < 1 ? f.pct(x, 1) : Math.abs(x) < 100 ? f.num(x, 2) : f.money(x));
  const label = (name: string) => (f.lang === 'zh' ? calibrationName(name) : name);
  // The axis gives a row's name without its closing parenthesis (the shape and spread a quintile is
  // read from); the tooltip and the table give it whole. Rows leave room for a name on two lines
  // (English names are longer).
  const short = (name: string) => name.replace(/\s*[（(][^（()）]*[)）]$/, '');
  const data = rows.map((r) => ({ key: r.name, name: label(r.name), axis: short(label(r.name)), ratio: r.target ? r.generated / r.target : 0, ok: Math.abs(r.error) <= r.tolerance }));
  const m = population.meta;
  return (
    <div className="panel-stack">
      <div className="card">
        <div className="card-head">
          <div>
            <div className="card-title">
              {m.regionName} ({m.region}) · {m.year}
            </div>
            <div className="card-sub">
              {population.files
                ? f.lang === 'zh'
                  ? `从文件读入 ${f.count(m.households)} 户（${f.count(m.persons)} 人），代表 ${f.count(m.realHouseholds)} 户真实家庭；读取用时 ${Math.round(population.ms)} ms。校准表为这些家庭与公布统计数据的对照`
                  : `${f.count(m.households)} households (${f.count(m.persons)} persons) read from files, standing for ${f.count(m.realHouseholds)} real ones; read in ${Math.round(population.ms)} ms. The calibration compares them with the published statistics`
                : f.lang === 'zh'
                ? `${f.count(m.households)} 户合成家庭（${f.count(m.persons)} 人），代表 ${f.count(m.realHouseholds)} 户真实家庭（每条记录权重 ${f.num(m.weight, 2)}）；种子 ${m.seed}；生成用时 ${Math.round(population.ms)} ms`
                : `${f.count(m.households)} synthetic households (${f.count(m.persons)} persons) standing for ${f.count(m.realHouseholds)} real ones (weight ${f.num(m.weight, 2)} each); seed ${m.seed}; generated in ${Math.round(population.ms)} ms`}
            </div>
          </div>
          <div className="card-actions">
            <OpenPopulation />
            {!population.files && <SeedInput />}
          </div>
        </div>
        {m.notes.length > 0 && (
          <ul className="notes">
            {m.notes.map((n) => (
              <li key={n} title={f.lang === 'zh' ? n : undefined}>
                {f.lang === 'zh' ? calibrationNote(n) : n}
              </li>
            ))}
          </ul>
        )}
      </div>
      <ChartCard
        id="calibration"
        title={t('calibrationChart')}
        subtitle={f.lang === 'zh' ? '生成值 ÷ 目标值（100% 为完全吻合；橙色超出容差）' : 'Generated ÷ target (100% is exact; orange is beyond the tolerance)'}
        height={Math.max(240, rows.length * (f.lang === 'en' ? 30 : 24) + 40)}
        data={{ header: ['target', 'tag', 'source', 'target_value', 'generated', 'error', 'tolerance'], rows: rows.map((r) => [r.name, r.tag, r.source, r.target, r.generated, r.error, r.tolerance]) }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 0, left: 8 }}>
            <CartesianGrid horizontal={false} stroke={C.grid} />
            <XAxis type="number" {...AXIS} domain={[0, (max: number) => Math.max(1.5, Math.ceil(max * 10) / 10)]} tickFormatter={(v: number) => f.pct(v, 0)} />
            <YAxis type="category" dataKey="axis" {...AXIS} width={250} interval={0} tick={{ fontSize: 10.5, fill: C.axis }} />
            <ReferenceLine x={1} stroke={C.reform} strokeDasharray="4 3" />
            <Tooltip formatter={(v) => f.pct(Number(v), 1)} labelFormatter={(axis, payload) => (payload?.[0]?.payload as { name?: string } | undefined)?.name ?? String(axis)} cursor={{ fill: '#f3f5f9' }} />
            <Bar dataKey="ratio" name={t('generated')} isAnimationActive={false} radius={[0, 2, 2, 0]}>
              {data.map((d) => (
                <Cell key={d.key} fill={d.ok ? C.baseline : C.up} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      <div className="card table-card">
        <table className="table compact">
          <thead>
            <tr>
              <th>{t('target')}</th>
              <th className="num">{t('target')}</th>
              <th className="num">{t('generated')}</th>
              <th className="num">{t('errorShare')}</th>
              <th className="num">{t('tolerance')}</th>
              <th>{t('source')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name}>
                <td title={r.name}>{label(r.name)}</td>
                <td className="num">{show(r.target)}</td>
                <td className="num">{show(r.generated)}</td>
                <td className={`num ${Math.abs(r.error) > r.tolerance ? 'up' : ''}`}>{f.pct(r.error, 1, { signed: true })}</td>
                <td className="num">±{f.pct(r.tolerance, 0)}</td>
                <td className="small muted">
                  <span className={`tag tag-${r.tag}`}>{r.tag}</span> {r.source}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Validation />
    </div>
  );
}

/** The population's seed: another seed draws another population from the same statistics (applied on Enter or leaving the field). */
/** "Open population": pick a CSV pair, a Parquet pair or a JSON Lines file; read in the coordinator worker. */
function OpenPopulation() {
  const t = useT();
  const studio = useStudioApi();
  return (
    <label className="chip" title={t('openPopulationHint')} data-testid="open-population">
      {t('openPopulation')}
      <input
        type="file"
        multiple
        accept=".csv,.jsonl,.parquet"
        hidden
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) studio.openPopulationFiles(files);
        }}
      />
    </label>
  );
}

function SeedInput() {
  const t = useT();
  const studio = useStudioApi();
  const population = useStudio((s) => s.scenario.population);
  const [text, setText] = useState(String(population.seed));
  useEffect(() => setText(String(population.seed)), [population.seed]);
  const valid = /^\d{1,9}$/.test(text.trim()) && Number(text) >= 1;
  const apply = () => {
    if (valid && Number(text) !== population.seed) studio.setScenario({ population: { ...population, seed: Number(text) } });
    else if (!valid) setText(String(population.seed));
  };
  return (
    <label className="field inline-field" title={t('seedHint')}>
      <span>{t('seed')}</span>
      <input
        className={`input narrow ${valid ? '' : 'invalid'}`}
        data-testid="population-seed"
        inputMode="numeric"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => e.key === 'Enter' && apply()}
      />
    </label>
  );
}
