/**
 * The household explorer: households of the population under the reform, filtered by area, size,
 * coverage and decile; one household's explanation, and its fields edited for a what-if.
 */
import { useEffect, useState } from 'react';
import { useStudio, useStudioApi, useT } from '../ui/context.ts';
import { useFmt } from '../ui/hooks.ts';
import type { Explanation, HouseholdFilter, HouseholdPage } from '../../sim/protocol.ts';
import { HOUSEHOLD_FIELDS, PERSON_FIELDS, ENUMS, type FieldSpec } from '../../../language/schema/fields.ts';
import { statusName } from '../i18n/strings.ts';
import { Empty } from './Empty.tsx';
import { ExplainTree } from './ExplainTree.tsx';
import { Notice } from './Notice.tsx';
import { CliffChart } from './CliffChart.tsx';
import { behaviourList, runBehaviour } from '../state/scenario.ts';
import { behaviourLabels } from './Parameters.tsx';
import { assesses, assessmentKey } from '../../../simulator/index.ts';
import type { Behaviour } from '../../sim/protocol.ts';

const PAGE = 12;

interface Place {
  filter: HouseholdFilter;
  offset: number;
  selected?: number;
}

export function Explorer() {
  const t = useT();
  const f = useFmt();
  const studio = useStudioApi();
  const results = useStudio((s) => s.results);
  const [place, setPlace] = useState<Place>(() => studio.panel<Place>('explorer') ?? { filter: { covered: true }, offset: 0 });
  const [page, setPage] = useState<HouseholdPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => studio.setPanel('explorer', place), [place, studio]);
  const scenario = results ? { policy: results.reform.key, date: results.scenario.date, sets: results.scenario.sets } : null;
  // The households as the means test sees them under the scenario's behaviour assumptions.
  const behaviour = results ? runBehaviour(results.scenario) : {};
  const assessing = assesses(behaviour);
  const assessment = assessing ? behaviour : undefined;
  const key = JSON.stringify([scenario, place.filter, place.offset, assessmentKey(behaviour)]);
  useEffect(() => {
    if (!scenario) return;
    let live = true;
    studio.services.sim
      .households(scenario, place.filter, place.offset, PAGE, assessment)
      .then((p) => {
        if (!live) return;
        setPage(p);
        setError(null);
        if (place.selected === undefined && p.rows[0]) setPlace((x) => ({ ...x, selected: p.rows[0]!.index }));
      })
      .catch((e) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (!results || !scenario) return <Empty />;
  const setFilter = (patch: Partial<HouseholdFilter>) => setPlace({ filter: { ...place.filter, ...patch }, offset: 0 });
  const opt = (v: string | undefined) => (v === '' || v === undefined ? undefined : v);
  return (
    <div className="explorer">
      <div className="toolbar inline filters">
        <label className="field">
          <span>{t('area')}</span>
          <select value={place.filter.area ?? ''} onChange={(e) => setFilter({ area: opt(e.target.value) as HouseholdFilter['area'] })}>
            <option value="">{t('any')}</option>
            <option value="urban">{t('urban')}</option>
            <option value="rural">{t('rural')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('size')}</span>
          <select value={place.filter.size ?? ''} onChange={(e) => setFilter({ size: e.target.value ? Number(e.target.value) : undefined })}>
            <option value="">{t('any')}</option>
            {[1, 2, 3, 4, 5, 6].map((n) => (
              <option key={n} value={n}>
                {n === 6 ? '6+' : n}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('covered')}</span>
          <select value={place.filter.covered === undefined ? '' : String(place.filter.covered)} onChange={(e) => setFilter({ covered: e.target.value === '' ? undefined : e.target.value === 'true' })} data-testid="explorer-covered">
            <option value="">{t('any')}</option>
            <option value="true">{t('covered')}</option>
            <option value="false">{t('notCovered')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('decile')}</span>
          <select value={place.filter.decile ?? ''} onChange={(e) => setFilter({ decile: e.target.value ? Number(e.target.value) : undefined })}>
            <option value="">{t('any')}</option>
            {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        {page && (
          <span className="pager">
            <button className="chip" disabled={place.offset === 0} onClick={() => setPlace({ ...place, offset: Math.max(0, place.offset - PAGE) })}>
              ‹
            </button>
            <span className="muted">
              {page.total === 0 ? '0' : `${f.count(place.offset + 1)}–${f.count(Math.min(page.total, place.offset + PAGE))}`} {t('of')} {f.count(page.total)}
            </span>
            <button className="chip" disabled={place.offset + PAGE >= page.total} onClick={() => setPlace({ ...place, offset: place.offset + PAGE })}>
              ›
            </button>
          </span>
        )}
      </div>
      {error && <div className="notice error">{error}</div>}
      {assessing ? (
        <div className="notice" data-testid="explorer-assessed">
          {f.lang === 'zh'
            ? `住户按行为假设下的核定收入判定（${behaviourList(results!.scenario.behaviour, behaviourLabels(f, t)).join('，')}）：住户详情中的收入各栏为核定值；表中的人均收入与十分位仍为调查值。`
            : `Households are assessed with the income the means test sees under the behaviour assumptions (${behaviourList(results!.scenario.behaviour, behaviourLabels(f, t)).join(', ')}): the income fields of a household's details are assessed values; the table's per-capita income and decile stay the survey values.`}
        </div>
      ) : null}
      <div className="card table-card">
        <table className="table compact hover" data-testid="household-table">
          <thead>
            <tr>
              <th>{t('household')}</th>
              <th>{t('area')}</th>
              <th className="num">{t('size')}</th>
              <th className="num">{t('decile')}</th>
              <th className="num">{t('income')}</th>
              <th>{t('status')}</th>
              <th className="num">{t('benefit')}</th>
              <th className="num">{t('totalMonthly')}</th>
            </tr>
          </thead>
          <tbody>
            {page?.rows.map((r) => (
              <tr
                key={r.index}
                className={place.selected === r.index ? 'selected' : ''}
                onClick={() => {
                  setPlace({ ...place, selected: r.index });
                  setTimeout(() => document.querySelector('.detail')?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 60);
                }}
                data-testid="household-row"
              >
                <td className="mono">{r.id}</td>
                <td>{t(r.area)}</td>
                <td className="num">{r.size}</td>
                <td className="num">{r.decile}</td>
                <td className="num">{f.money(r.income, { decimals: 0 })}</td>
                <td>{r.error ? <span className="error-text">{r.error}</span> : <span className={`status ${r.status}`}>{statusName(f.lang, r.status)}</span>}</td>
                <td className="num">{f.money(r.dibao)}</td>
                <td className="num">{f.money(r.total)}</td>
              </tr>
            ))}
            {page && page.rows.length === 0 && (
              <tr>
                <td colSpan={8} className="empty">
                  {f.lang === 'zh' ? '没有符合条件的家庭' : 'No household matches'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {place.selected === undefined ? <Empty text={t('pickHousehold')} /> : <HouseholdDetail index={place.selected} scenario={scenario} assessment={assessment} />}
    </div>
  );
}

type Json = Record<string, unknown>;

function HouseholdDetail({ index, scenario, assessment }: { index: number; scenario: { policy: string; date: string; sets: Readonly<Record<string, string>> }; assessment: Behaviour | undefined }) {
  const t = useT();
  const f = useFmt();
  const studio = useStudioApi();
  const [original, setOriginal] = useState<Json | null>(null);
  const [edited, setEdited] = useState<Json | null>(null);
  const [explained, setExplained] = useState<Explanation | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void studio.services.sim.household(index, assessment).then((h) => {
      if (!live) return;
      setOriginal(h);
      setEdited(h);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index, assessmentKey(assessment ?? {}), studio]);
  const sk = JSON.stringify(scenario);
  useEffect(() => {
    if (!edited) return;
    let live = true;
    const timer = setTimeout(() => {
      void studio.services.sim.explain(scenario, edited).then((x) => live && setExplained(x));
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [edited, sk, studio]);
  if (!edited || !original) return <Empty />;
  const members = (edited.members as Json[]) ?? [];
  const changed = JSON.stringify(edited) !== JSON.stringify(original);
  const setHouse = (id: string, v: unknown) => setEdited({ ...edited, [id]: v });
  const setMember = (i: number, id: string, v: unknown) => setEdited({ ...edited, members: members.map((m, j) => (j === i ? { ...m, [id]: v } : m)) });
  const o = explained?.outputs;
  return (
    <div className="detail">
      <div className="card">
        <div className="card-head">
          <div>
            <div className="card-title">
              {t('whatIf')} · <span className="mono">{String(edited.household_id)}</span>
            </div>
            <div className="card-sub">{f.lang === 'zh' ? '修改任一字段即重新判定' : 'Change any field: the household is evaluated again'}</div>
          </div>
          <div className="card-actions">
            {changed && (
              <button
                className="chip"
                onClick={() => {
                  setEdited(original);
                  setVersion(version + 1);
                }}
              >
                {t('resetHousehold')}
              </button>
            )}
          </div>
        </div>
        <div className="fields" key={`h${version}`}>
          {HOUSEHOLD_FIELDS.filter((x) => x.readable && x.type && x.id !== 'region').map((spec) => (
            <FieldInput key={spec.id} spec={spec} value={edited[spec.id]} onChange={(v) => setHouse(spec.id, v)} />
          ))}
        </div>
        <div className="members">
          <div className="sub-title">{t('members')}</div>
          <div className="member-scroll">
            <table className="table compact members-table" key={`m${version}`}>
              <thead>
                <tr>
                  <th />
                  {members.map((_, i) => (
                    <th key={i}>{f.lang === 'zh' ? `成员${i + 1}` : `#${i + 1}`}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {PERSON_FIELDS.filter((x) => x.readable && x.type).map((spec) => (
                  <tr key={spec.id}>
                    <th className="field-name" title={spec.doc}>
                      {f.lang === 'zh' ? spec.zh : spec.id}
                    </th>
                    {members.map((m, i) => (
                      <td key={i}>
                        <FieldInput spec={spec} value={m[spec.id]} bare onChange={(v) => setMember(i, spec.id, v)} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
      <div className="card">
        <div className="card-head">
          <div>
            <div className="card-title">{t('explanation')}</div>
            {o && (
              <div className="card-sub">
                {`${statusName(f.lang, String(o.dibao_status))} · ${t('benefit')} ${f.money(Number(o.dibao_benefit))} · ${t('totalMonthly')} ${f.money(Number(o.total_monthly))}`}
              </div>
            )}
          </div>
        </div>
        {explained?.error && <div className="notice error">{explained.error}</div>}
        {explained?.decision && <Notice decision={explained.decision} />}
        {explained?.explanation ? <ExplainTree x={explained.explanation} /> : !explained?.error && <Empty />}
      </div>
      <CliffChart scenario={scenario} household={edited} />
    </div>
  );
}

function FieldInput({ spec, value, onChange, bare }: { spec: FieldSpec; value: unknown; onChange: (v: unknown) => void; bare?: boolean }) {
  const f = useFmt();
  const t = spec.type!;
  let input;
  if (t.k === 'bool') input = <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
  else if (t.k === 'enum') {
    const en = ENUMS.find((e) => e.id === t.name);
    input = (
      <select className="input small" value={String(value)} onChange={(e) => onChange(e.target.value)}>
        {[...new Map(en?.values.map((v) => [v.id, v])).values()].map((v) => (
          <option key={v.id} value={v.id}>
            {f.lang === 'zh' ? v.zh : v.id}
          </option>
        ))}
      </select>
    );
  } else
    input = (
      <input
        className="input small num"
        inputMode="decimal"
        defaultValue={String(value ?? '')}
        onChange={(e) => {
          const x = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(x) && x >= 0) onChange(x);
        }}
      />
    );
  if (bare) return input;
  return (
    <label className={`field-input ${t.k === 'bool' ? 'bool' : ''}`} title={spec.doc}>
      <span>{f.lang === 'zh' ? spec.zh : spec.id}</span>
      {input}
    </label>
  );
}
