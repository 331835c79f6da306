/** The header: brand, scenario (baseline, reform, date, population), run status, language. */
import { useStudio, useStudioApi, useT } from './context.ts';
import { FRAMEWORK, policyFiles, fileTitle } from '../state/workspace.ts';
import { formatMs } from '../lib/format.ts';

const HOUSEHOLDS = [20_000, 100_000, 300_000, 1_000_000];

export function Header() {
  const studio = useStudioApi();
  const t = useT();
  const lang = useStudio((s) => s.lang);
  const scenario = useStudio((s) => s.scenario);
  const files = useStudio((s) => s.workspace.files);
  const shipped = useStudio((s) => s.workspace.shipped);
  // Which text of an edited baseline file the figures compare against (Studio.baselineOf).
  const baselineEdited = scenario.baseline in shipped && files[scenario.baseline] !== shipped[scenario.baseline];
  const baselineNote = !baselineEdited ? '' : scenario.reform ? t('baselineAsEdited') : t('baselineShipped');
  const policies = policyFiles(files);
  const provinces = policies.filter((p) => !p.startsWith('policies/reforms/') && p !== FRAMEWORK);
  const reforms = policies.filter((p) => p !== scenario.baseline && p !== FRAMEWORK);
  return (
    <header className="header">
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          兜
        </span>
        <div>
          <div className="brand-name">{lang === 'zh' ? '兜底 Doudi' : 'Doudi 兜底'}</div>
          <div className="brand-sub">{t('appTagline')}</div>
        </div>
      </div>
      <div className="scenario-bar">
        <label className="field" title={baselineNote || undefined}>
          <span>
            {t('baseline')}
            {baselineNote && <em className="field-note" data-testid="baseline-note">{` · ${baselineNote}`}</em>}
          </span>
          <select data-testid="scenario-baseline" value={scenario.baseline} onChange={(e) => studio.setScenario({ baseline: e.target.value, reform: null })}>
            {provinces.map((p) => (
              <option key={p} value={p}>
                {fileTitle(p)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('reform')}</span>
          <select data-testid="scenario-reform" value={scenario.reform ?? ''} onChange={(e) => studio.setScenario({ reform: e.target.value || null })}>
            <option value="">{`${fileTitle(scenario.baseline)} · ${t('reformEdited')}`}</option>
            {reforms.map((p) => (
              <option key={p} value={p}>
                {fileTitle(p)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('date')}</span>
          <input data-testid="scenario-date" type="date" value={scenario.date} min="2021-01-01" onChange={(e) => /^\d{4}-\d{2}-\d{2}$/.test(e.target.value) && studio.setScenario({ date: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('population')}</span>
          <select
            data-testid="scenario-households"
            value={scenario.population.households}
            onChange={(e) => studio.setScenario({ population: { ...scenario.population, households: Number(e.target.value) } })}
          >
            {HOUSEHOLDS.map((n) => (
              <option key={n} value={n}>
                {`${scenario.population.region} · ${lang === 'zh' ? `${n / 10000}万` : n.toLocaleString('en-US')} ${t('households')}`}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="header-right">
        <RunStatus />
        <div className="lang-switch" role="group" aria-label={t('language')}>
          <button data-testid="lang-zh" className={lang === 'zh' ? 'on' : ''} onClick={() => studio.setLang('zh')}>
            中文
          </button>
          <button data-testid="lang-en" className={lang === 'en' ? 'on' : ''} onClick={() => studio.setLang('en')}>
            EN
          </button>
        </div>
      </div>
    </header>
  );
}

function RunStatus() {
  const studio = useStudioApi();
  const t = useT();
  const run = useStudio((s) => s.run);
  const label = run.status === 'running' ? t('running') : run.status === 'done' ? t('done') : run.status === 'error' ? (run.message === 'cancelled' ? t('cancelled') : t('error')) : t('idle');
  return (
    <div className={`run-status ${run.status}`} title={run.message}>
      <span className="dot" aria-hidden />
      <span className="sr-only" data-testid="run-status">
        {run.status}
      </span>
      <span>{label}</span>
      {run.status === 'running' && run.progress !== undefined && (
        <>
          <span className="progress" aria-label="progress">
            <span style={{ width: `${Math.round(run.progress * 100)}%` }} />
          </span>
          <button className="link" data-testid="run-cancel" onClick={() => studio.cancelRun()}>
            {t('cancel')}
          </button>
        </>
      )}
      {run.status === 'done' && run.ms !== undefined && (
        <span className="timing" data-testid="run-ms" title={t('updatedIn')}>
          {formatMs(run.ms)}
        </span>
      )}
    </div>
  );
}
