/** The scenario report: assumptions, parameters changed, headline figures and charts, styled for print. */
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import { useStudio, useStudioApi, useT } from '../ui/context.ts';
import { currentUncertainty } from './Uncertainty.tsx';
import { useFmt } from '../ui/hooks.ts';
import { AXIS, BANDS, C, PROGRAMMES, axisMoney } from '../charts/theme.ts';
import { programmeName } from '../i18n/strings.ts';
import { changedFiles, fileTitle } from '../state/workspace.ts';
import { DEFAULT_TAKE_UP, TAKE_UP_PROGRAMMES } from '../state/scenario.ts';
import { TwoLineTick } from '../charts/ticks.tsx';
import { settingNumber, controlKind } from '../lib/params.ts';
import { REACH_LINES } from './Reach.tsx';
import { LEVEL_KEY, levelRows } from './Levels.tsx';

export function Report() {
  const t = useT();
  const studio = useStudioApi();
  const f = useFmt();
  const results = useStudio((s) => s.results);
  const population = useStudio((s) => s.population);
  const workspace = useStudio((s) => s.workspace);
  if (!results) return null;
  const s = results.scenario;
  const c = results.compare;
  const r = c.reforms[0]!;
  const ir = results.reform.ir;
  const values = new Map(results.values.map((v) => [v.id, v]));
  const edited = changedFiles(workspace);
  const u = currentUncertainty(studio, results);
  // Every behaviour assumption the figures were computed under, defaults included.
  const behaviourText = (): string => {
    const zh = f.lang === 'zh';
    const b = s.behaviour;
    const pct = (x: number) => f.pct(x, 1).replace(/\.0%$/, '%');
    const parts = [
      `${t('takeUpOf')}${zh ? '：' : ': '}${TAKE_UP_PROGRAMMES.map((p) => `${programmeName(f.lang, p, true)} ${pct(b?.takeUp?.[p] ?? DEFAULT_TAKE_UP[p])}`).join(zh ? '、' : ', ')}`,
      `${t('imputedEarnings')}${zh ? '：' : ': '}${b?.imputedEarnings ? `${f.money(b.imputedEarnings)}${zh ? '/月' : '/mo'}` : t('off')}`,
      `${t('unreportedIncome')}${zh ? '：' : ': '}${pct(b?.unreportedIncome ?? 0)}`,
      `${t('incomeNoise')}${zh ? '：' : ': '}${b?.incomeNoise ?? 0}`,
      `${t('seed')} ${s.population.seed}`,
    ];
    return `${parts.join(zh ? '；' : '; ')}${zh ? '（模型假设）' : ' (model assumptions)'}`;
  };
  const show = (id: string, x: number | string | boolean): string => {
    const p = ir.parameters.find((q) => q.id === id);
    if (typeof x !== 'number' || !p) return String(x);
    if (p.type.k === 'money') return f.money(x);
    if (p.type.k === 'rate') return f.pct(x, 2);
    return f.num(x, 4);
  };
  const cost = PROGRAMMES.map((p) => ({ name: programmeName(f.lang, p, true), baseline: c.baseline.programmes[p].annual_cost, reform: r.reform.programmes[p].annual_cost }));
  const bands = [{ name: '', ...r.changes.winners_losers }];
  const levels = levelRows(c.baseline, r.reform);
  return (
    <article className="report card" data-testid="report">
      <header className="report-head">
        <div className="report-kicker">{t('report')}</div>
        <h1>{ir.policy.label ?? ir.policy.id}</h1>
        <div className="muted small">
          {t('generatedAt')} {new Date().toLocaleString(f.lang === 'zh' ? 'zh-CN' : 'en-GB')}
        </div>
      </header>
      <section>
        <h2>{t('assumptions')}</h2>
        <dl className="facts">
          <dt>{t('baseline')}</dt>
          <dd>{`${s.baseline}${s.baseline in edited ? ` (${s.reform ? t('baselineAsEdited') : t('baselineShipped')})` : ''}`}</dd>
          <dt>{t('reform')}</dt>
          <dd>{s.reform ?? `${fileTitle(s.baseline)} · ${t('reformEdited')}`}</dd>
          <dt>{t('date')}</dt>
          <dd>{s.date}</dd>
          <dt>{t('population')}</dt>
          <dd>{population ? `${population.meta.regionName} (${population.meta.region}), ${f.count(population.meta.households)} ${t('households')} → ${f.count(population.meta.realHouseholds)}; ${t('synthetic')}` : s.population.region}</dd>
          <dt>{t('behaviour')}</dt>
          <dd data-testid="report-behaviour">{behaviourText()}</dd>
          <dt>{t('edits')}</dt>
          <dd>{Object.keys(edited).length ? Object.keys(edited).join(', ') : t('none')}</dd>
        </dl>
      </section>
      <section>
        <h2>{t('paramsChanged')}</h2>
        {Object.keys(s.sets).length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : (
          <table className="table compact">
            <tbody>
              {Object.entries(s.sets).map(([k, v]) => {
                const id = k.split('.')[0]!;
                const p = ir.parameters.find((x) => x.id === id);
                const now = values.get(id);
                return (
                  <tr key={k}>
                    <td>
                      {p?.label ?? ''} <span className="mono">{k}</span>
                    </td>
                    <td className="num">{now ? [...new Set(now.values.map((x) => show(id, x)))].join(' / ') : ''}</td>
                    <td className="num">→ {p && controlKind(p.type) !== 'none' && !Number.isNaN(settingNumber(controlKind(p.type), v)) && typeof now?.values[0] === 'number' ? show(id, settingNumber(controlKind(p.type), v)) : v}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2>{t('headline')}</h2>
        <table className="table compact">
          <thead>
            <tr>
              <th />
              <th className="num">{t('baseline')}</th>
              <th className="num">{t('reform')}</th>
              <th className="num">{t('delta')}</th>
            </tr>
          </thead>
          <tbody>
            <tr className="strong">
              <td>{t('annualCost')}</td>
              <td className="num">{f.money(c.baseline.annual_cost)}</td>
              <td className="num">{f.money(r.reform.annual_cost)}</td>
              <td className="num">{f.money(r.delta.annual_cost, { signed: true })}</td>
            </tr>
            {PROGRAMMES.map((p) => (
              <tr key={p}>
                <td>{programmeName(f.lang, p)}</td>
                <td className="num">{`${f.money(c.baseline.programmes[p].annual_cost)} · ${f.count(c.baseline.programmes[p].persons)}${t('persons')}`}</td>
                <td className="num">{`${f.money(r.reform.programmes[p].annual_cost)} · ${f.count(r.reform.programmes[p].persons)}${t('persons')}`}</td>
                <td className="num">{f.money(r.delta.programmes[p].annual_cost, { signed: true })}</td>
              </tr>
            ))}
            <tr>
              <td>{t('newlyCovered')}</td>
              <td />
              <td className="num">{f.count(r.changes.newly_covered.persons)}</td>
              <td />
            </tr>
            <tr>
              <td>{t('noLongerCovered')}</td>
              <td />
              <td className="num">{f.count(r.changes.no_longer_covered.persons)}</td>
              <td />
            </tr>
          </tbody>
        </table>
      </section>
      {levels && (
        <section data-testid="report-levels">
          <h2>{t('whoPays')}</h2>
          <p className="muted small">{t('whoPaysSub')}</p>
          <table className="table compact">
            <thead>
              <tr>
                <th />
                <th className="num">{t('baseline')}</th>
                <th className="num">{t('reform')}</th>
                <th className="num">{t('delta')}</th>
              </tr>
            </thead>
            <tbody>
              {levels.map((x) => (
                <tr key={x.id} className={x.id === 'local' ? 'strong' : ''}>
                  <td>{x.id === 'local' ? t('localTotal') : t(LEVEL_KEY[x.id as keyof typeof LEVEL_KEY])}</td>
                  <td className="num">{f.money(x.baseline)}</td>
                  <td className="num">{f.money(x.reform)}</td>
                  <td className="num">{f.money(x.reform - x.baseline, { signed: true })}</td>
                </tr>
              ))}
              <tr className="strong">
                <td>{`${t('netCostProvince')} (${t('netCostProvinceSub')})`}</td>
                <td />
                <td />
                <td className="num">{f.money(r.delta.net_cost_to_province ?? 0, { signed: true })}</td>
              </tr>
            </tbody>
          </table>
        </section>
      )}
      {c.baseline.reach && r.reform.reach && (
        <section data-testid="report-reach">
          <h2>{f.lang === 'zh' ? '保障覆盖了谁' : 'Who is reached'}</h2>
          <table className="table compact">
            <thead>
              <tr>
                <th />
                <th className="num">{t('baseline')}</th>
                <th className="num">{t('reform')}</th>
              </tr>
            </thead>
            <tbody>
              {REACH_LINES.map((l) => (
                <tr key={l.en}>
                  <td>{f.lang === 'zh' ? l.zh : l.en}</td>
                  <td className="num">{l.value(c.baseline, f)}</td>
                  <td className="num">{l.value(r.reform, f)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {u && (
        <section data-testid="report-uncertainty">
          <h2>{t('uncertainty')}</h2>
          <p className="muted small">{`${t('seedsUsed')} ${u.seeds[0]}–${u.seeds[u.seeds.length - 1]} · ${t('mean')} [${t('interval90')}]`}</p>
          <table className="table compact">
            <tbody>
              {(
                [
                  ['baseline.annual_cost', 'costBaseline'],
                  ['reform.annual_cost', 'costReform'],
                  ['delta.annual_cost', 'costDelta'],
                ] as const
              ).map(([id, label]) => {
                const x = u.figures[id];
                if (!x) return null;
                const signed = id.startsWith('delta');
                return (
                  <tr key={id}>
                    <td>{t(label)}</td>
                    <td className="num">{`${f.money(x.mean, { signed, millions: true })} [${f.money(x.low, { signed, millions: true })} … ${f.money(x.high, { signed, millions: true })}]`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
      <section className="report-charts">
        <figure>
          <figcaption>{t('costByProgramme')}</figcaption>
          <BarChart width={620} height={200} data={cost} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid vertical={false} stroke={C.grid} />
            <XAxis dataKey="name" {...AXIS} interval={0} tick={<TwoLineTick />} height={f.lang === 'en' ? 40 : 28} />
            <YAxis {...AXIS} tickFormatter={axisMoney(f.lang)} width={72} />
            <Bar dataKey="baseline" fill={C.baseline} isAnimationActive={false} />
            <Bar dataKey="reform" fill={C.reform} isAnimationActive={false} />
          </BarChart>
        </figure>
        <figure>
          <figcaption>{t('winnersLosers')}</figcaption>
          <BarChart width={620} height={70} data={bands} layout="vertical" stackOffset="expand" margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
            <XAxis type="number" hide />
            <YAxis type="category" dataKey="name" hide />
            {BANDS.map((b, i) => (
              <Bar key={b} dataKey={b} stackId="a" fill={C.bands[i]} isAnimationActive={false} />
            ))}
          </BarChart>
          <div className="legend">
            {BANDS.map((b, i) => (
              <span key={b} className="legend-item">
                <span className="swatch" style={{ background: C.bands[i] }} />
                {t(b)} {f.count(r.changes.winners_losers[b])}
              </span>
            ))}
          </div>
        </figure>
      </section>
    </article>
  );
}
