/**
 * Controls made from the policy's parameters: money in ¥ with a slider around the value in
 * force, rates in %, enums as selects, booleans as switches, per-area parameters whole or per
 * entry. Each change re-runs the comparison; the value in force on the date is shown beside.
 */
import { useMemo, useState } from 'react';
import { useStudio, useStudioApi, useT } from '../ui/context.ts';
import { useFmt } from '../ui/hooks.ts';
import { inputSetting, inputText, parameterControls, settingNumber, settingText, sliderRange, type ParameterControl } from '../lib/params.ts';
import { programmeName, termName } from '../i18n/strings.ts';
import { DEFAULT_TAKE_UP, TAKE_UP_PROGRAMMES, type BehaviourLabels } from '../state/scenario.ts';
import { ASSESSMENT_LIMITS } from '../../../simulator/index.ts';
import type { ParameterValue } from '../../sim/protocol.ts';
import { Empty } from './Empty.tsx';

export function Parameters() {
  const t = useT();
  const studio = useStudioApi();
  const results = useStudio((s) => s.results);
  const sets = useStudio((s) => s.scenario.sets);
  const [query, setQuery] = useState('');
  const [changedOnly, setChangedOnly] = useState(false);
  const controls = useMemo(() => (results ? parameterControls(results.reform.ir) : []), [results?.reform.ir]);
  const values = useMemo(() => new Map((results?.values ?? []).map((v) => [v.id, v])), [results?.values]);
  if (!results) return <Empty text={t('noParams')} />;
  const isSet = (id: string) => Object.keys(sets).some((k) => k === id || k.startsWith(`${id}.`));
  const q = query.trim().toLowerCase();
  // Scenario inputs (such as CPI) first, then the parameters in declaration order.
  const ordered = [...controls.filter((c) => c.input), ...controls.filter((c) => !c.input)];
  const shown = ordered.filter((c) => (!changedOnly || isSet(c.id)) && (!q || c.id.toLowerCase().includes(q) || (c.label ?? '').toLowerCase().includes(q)));
  return (
    <div className="params">
      <div className="params-bar">
        <input className="search" type="search" placeholder={t('searchParams')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <label className="check">
          <input type="checkbox" checked={changedOnly} onChange={(e) => setChangedOnly(e.target.checked)} />
          {t('changedOnly')}
        </label>
        <span className="spacer" />
        <button className="btn ghost" data-testid="param-reset-all" disabled={Object.keys(sets).length === 0} onClick={() => studio.setScenario({ sets: {} })}>
          {t('resetAll')}
        </button>
      </div>
      <div className="param-list">
        {!changedOnly && !q && <BehaviourCard />}
        {shown.map((c) => (
          <ParameterRow key={c.id} control={c} value={values.get(c.id)} />
        ))}
      </div>
    </div>
  );
}

function ParameterRow({ control: c, value }: { control: ParameterControl; value?: ParameterValue }) {
  const t = useT();
  const f = useFmt();
  const studio = useStudioApi();
  const sets = useStudio((s) => s.scenario.sets);
  const [expanded, setExpanded] = useState(false);
  const entries = c.entries ?? [];
  const current = value?.values ?? [];
  const allSame = current.length > 0 && current.every((x) => x === current[0]);
  const changed = Object.keys(sets).some((k) => k === c.id || k.startsWith(`${c.id}.`));
  const show = (x: number | string | boolean | undefined): string => {
    if (x === undefined) return '—';
    if (typeof x === 'boolean') return x ? t('yes') : t('no');
    if (typeof x === 'string') return c.options?.find((o) => o.id === x)?.label ? termName(f.lang, x, c.options.find((o) => o.id === x)!.label) : x;
    if (c.kind === 'money') return `${f.money(x)}${c.unit === 'money/month' ? (f.lang === 'zh' ? '/月' : '/mo') : c.unit === 'money/year' ? (f.lang === 'zh' ? '/年' : '/yr') : ''}`;
    if (c.kind === 'rate') return f.pct(x, 2).replace(/\.?0+%$/, '%');
    return f.num(x, 4);
  };
  const inForce = entries.length && !allSame ? entries.map((e, i) => `${e.label ?? e.id} ${show(current[i])}`).join(' · ') : show(current[0]);
  return (
    <div className={`param ${changed ? 'changed' : ''}`} data-param={c.id}>
      <div className="param-head">
        <div className="param-name" title={c.cite}>
          <span className="param-label">{f.lang === 'zh' ? (c.label ?? c.id) : c.id}</span>
          <span className="param-id">{f.lang === 'zh' ? c.id : (c.label ?? '')}</span>
          {c.input && <span className="tag">{t('scenarioInput')}</span>}
        </div>
        <div className="param-now" title={inForce}>
          <span className="muted">{t('currentValue')}</span> {inForce}
        </div>
      </div>
      <div className="param-controls">
        <Control control={c} keyName={c.id} current={allSame ? current[0] : undefined} />
        {entries.length > 0 && (
          <button className="chip" onClick={() => setExpanded(!expanded)} aria-expanded={expanded}>
            {t('perEntry')} {expanded ? '▴' : '▾'}
          </button>
        )}
        {changed && (
          <button
            className="chip"
            onClick={() => {
              const next = { ...sets };
              for (const k of Object.keys(next)) if (k === c.id || k.startsWith(`${c.id}.`)) delete next[k];
              studio.setScenario({ sets: next });
            }}
          >
            {t('reset')}
          </button>
        )}
      </div>
      {expanded &&
        entries.map((e, i) => (
          <div className="param-entry" key={e.id}>
            <span className="entry-name">{termName(f.lang, e.id, e.label)}</span>
            <Control control={c} keyName={`${c.id}.${e.id}`} current={current[i]} />
          </div>
        ))}
    </div>
  );
}

/** One input (and slider) for a setting key: the whole parameter, or one entry. */
function Control({ control: c, keyName, current }: { control: ParameterControl; keyName: string; current: number | string | boolean | undefined }) {
  const studio = useStudioApi();
  const f = useFmt();
  const sets = useStudio((s) => s.scenario.sets);
  const [draft, setDraft] = useState<string | null>(null);
  const setText = sets[keyName] ?? (keyName.includes('.') ? sets[keyName.split('.')[0]!] : undefined);
  const testid = `param-${keyName}`;
  const commit = (text: string | null) => studio.setParameter(keyName, text);

  if (c.kind === 'bool') {
    const on = setText !== undefined ? setText === 'true' : current === true;
    return (
      <label className="switch">
        <input data-testid={testid} type="checkbox" checked={on} onChange={(e) => commit(e.target.checked === current ? null : settingText('bool', e.target.checked))} />
        <span className="switch-track" />
      </label>
    );
  }
  if (c.kind === 'enum') {
    const v = setText ?? (typeof current === 'string' ? current : '');
    return (
      <select data-testid={testid} className="input" value={v} onChange={(e) => commit(e.target.value === current ? null : e.target.value)}>
        {c.options?.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label ? `${o.label} ${o.id}` : o.id}
          </option>
        ))}
      </select>
    );
  }
  if (c.kind === 'date') {
    const v = setText ?? (typeof current === 'string' ? current : '');
    return <input data-testid={testid} className="input" type="date" value={v} onChange={(e) => e.target.value && commit(e.target.value === current ? null : e.target.value)} />;
  }
  const base = typeof current === 'number' ? current : undefined;
  const x = setText !== undefined ? settingNumber(c.kind, setText) : base;
  const range = sliderRange(c.kind, base ?? x ?? 0);
  const shown = draft ?? (x === undefined || Number.isNaN(x) ? '' : inputText(c.kind, x));
  const unit = c.kind === 'money' ? '¥' : c.kind === 'rate' ? '%' : '';
  return (
    <div className="num-control">
      <div className={`num-input ${draft !== null && inputSetting(c.kind, draft) === null ? 'invalid' : ''}`}>
        {c.kind === 'money' && <span className="affix">{unit}</span>}
        <input
          data-testid={testid}
          inputMode="decimal"
          value={shown}
          placeholder={base === undefined ? (f.lang === 'zh' ? '分项不同' : 'differs by entry') : ''}
          onChange={(e) => {
            setDraft(e.target.value);
            const s = inputSetting(c.kind, e.target.value);
            if (s !== null) commit(base !== undefined && settingNumber(c.kind, s) === base ? null : s);
          }}
          onBlur={() => setDraft(null)}
        />
        {c.kind === 'rate' && <span className="affix">{unit}</span>}
      </div>
      <input
        className="slider"
        data-testid={`${testid}-slider`}
        type="range"
        min={range.min}
        max={range.max}
        step={range.step}
        value={x ?? range.min}
        onChange={(e) => {
          const v = Number(e.target.value);
          commit(base !== undefined && Math.abs(v - base) < range.step / 2 ? null : settingText(c.kind, v));
        }}
      />
    </div>
  );
}

/** The scenario's behaviour assumptions: take-up by programme and imputed earnings. */
function BehaviourCard() {
  const t = useT();
  const f = useFmt();
  const studio = useStudioApi();
  const b = useStudio((s) => s.scenario.behaviour);
  const changed = Boolean(b && (Object.keys(b.takeUp ?? {}).length || b.imputedEarnings || b.unreportedIncome || b.incomeNoise));
  return (
    <div className={`param behaviour ${changed ? 'changed' : ''}`} data-testid="behaviour">
      <div className="param-head">
        <div className="param-name">
          <span className="param-label">{t('behaviour')}</span>
          <span className="tag">{f.lang === 'zh' ? '模型假设' : 'model assumption'}</span>
        </div>
        {changed && (
          <button className="chip" onClick={() => studio.setScenario({ behaviour: {} })}>
            {t('reset')}
          </button>
        )}
      </div>
      <div className="param-sub muted small">{t('behaviourSub')}</div>
      <div className="behaviour-grid">
        {TAKE_UP_PROGRAMMES.map((p) => (
          <AssumptionInput
            key={p}
            testid={`behaviour-takeup-${p}`}
            label={`${programmeName(f.lang, p, true)} ${t('takeUpOf')}`}
            kind="rate"
            value={b?.takeUp?.[p] ?? DEFAULT_TAKE_UP[p]}
            max={1}
            onCommit={(x) => studio.setBehaviour({ takeUp: { [p]: x === DEFAULT_TAKE_UP[p] ? undefined : x } })}
          />
        ))}
        <AssumptionInput testid="behaviour-imputed" label={t('imputedEarnings')} title={t('imputedHint')} kind="money" value={b?.imputedEarnings} max={1_000_000} emptyIsOff onCommit={(x) => studio.setBehaviour({ imputedEarnings: x || undefined })} />
        <AssumptionInput testid="behaviour-unreported" label={t('unreportedIncome')} title={t('unreportedHint')} kind="rate" value={b?.unreportedIncome ?? 0} max={ASSESSMENT_LIMITS.unreportedIncome[1]} onCommit={(x) => studio.setBehaviour({ unreportedIncome: x || undefined })} />
        <AssumptionInput testid="behaviour-noise" label={t('incomeNoise')} title={t('incomeNoiseHint')} kind="number" value={b?.incomeNoise ?? 0} max={ASSESSMENT_LIMITS.incomeNoise[1]} onCommit={(x) => studio.setBehaviour({ incomeNoise: x || undefined })} />
      </div>
    </div>
  );
}

/**
 * One behaviour assumption typed as the parameter controls are (inputSetting): a rate in %, money
 * in yuan, or a plain number, from 0 to `max`. With `emptyIsOff`, an empty field turns it off.
 */
function AssumptionInput(props: { testid: string; label: string; title?: string; kind: 'rate' | 'money' | 'number'; value: number | undefined; max: number; emptyIsOff?: boolean; onCommit: (x: number | undefined) => void }) {
  const t = useT();
  const f = useFmt();
  const { kind } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const parse = (text: string): number | null | undefined => {
    if (props.emptyIsOff && text.trim() === '') return undefined;
    const setting = inputSetting(kind, text);
    const x = setting === null ? NaN : settingNumber(kind, setting);
    return x >= 0 && x <= props.max ? x : null;
  };
  const shown = draft ?? (props.value === undefined ? '' : inputText(kind, props.value));
  return (
    <label className="field behaviour-field" title={props.title}>
      <span>{props.label}</span>
      <div className={`num-input ${draft !== null && parse(draft) === null ? 'invalid' : ''}`}>
        {kind === 'money' && <span className="affix">¥</span>}
        <input
          data-testid={props.testid}
          inputMode="decimal"
          placeholder={props.emptyIsOff ? t('off') : undefined}
          value={shown}
          onChange={(e) => {
            setDraft(e.target.value);
            const x = parse(e.target.value);
            if (x !== null) props.onCommit(x);
          }}
          onBlur={() => setDraft(null)}
        />
        {kind === 'rate' && <span className="affix">%</span>}
        {kind === 'money' && <span className="affix">{f.lang === 'zh' ? '/月' : '/mo'}</span>}
      </div>
    </label>
  );
}

/** How reports and the scenario list name behaviour choices, in the studio's language. */
export function behaviourLabels(f: ReturnType<typeof useFmt>, t: ReturnType<typeof useT>): BehaviourLabels {
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  return {
    takeUp: (p, x) => `${programmeName(f.lang, p, true)} ${t('takeUpOf')} ${pct(x)}`,
    earnings: (y) => `${t('imputedEarnings')} ${f.money(y)}`,
    unreported: (x) => `${t('unreportedIncome')} ${pct(x)}`,
    noise: (s) => `${t('incomeNoise')} ${s}`,
  };
}
