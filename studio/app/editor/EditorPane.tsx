/** The left side: file tabs, file actions, the editor, and the problems list. */
import { lazy, Suspense, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Diagnostic } from '../../../language/index.ts';
import { useStudio, useStudioApi, useT } from '../ui/context.ts';
import { fileTitle, isModified } from '../state/workspace.ts';
import { download } from '../lib/download.ts';

const MonacoEditor = lazy(() => import('./MonacoEditor.tsx'));

export function EditorPane() {
  const t = useT();
  return (
    <section className="pane editor-pane" aria-label={t('files')}>
      <Tabs />
      <Toolbar />
      <OpenError />
      <div className="editor-wrap" data-testid="editor">
        <Suspense fallback={<div className="editor-loading">{t('loadingEditor')}</div>}>
          <MonacoEditor />
        </Suspense>
      </div>
      <Problems />
    </section>
  );
}

/** Why a file opened from disk was refused, until dismissed. */
function OpenError() {
  const studio = useStudioApi();
  const t = useT();
  const error = useStudio((s) => s.openError);
  if (!error) return null;
  return (
    <div className="notice error open-error" role="alert" data-testid="open-error">
      <span>{`${t('openRefused')} ${error}`}</span>
      <span className="spacer" />
      <button className="chip" onClick={() => studio.dismissOpenError()}>
        {t('dismiss')}
      </button>
    </div>
  );
}

function Tabs() {
  const studio = useStudioApi();
  const t = useT();
  const ws = useStudio((s) => s.workspace);
  const errorsByFile = useStudio((s) => s.diagnostics);
  return (
    <div className="tabs file-tabs" role="tablist">
      {ws.open.map((p) => {
        const errors = (errorsByFile[p] ?? []).filter((d) => d.severity === 'error').length;
        return (
          <div key={p} role="tab" aria-selected={p === ws.active} className={`file-tab ${p === ws.active ? 'on' : ''}`} title={p} onClick={() => studio.openFile(p)} data-testid={`tab-${fileTitle(p)}`}>
            <span className="file-tab-name">{fileTitle(p)}</span>
            {errors > 0 && <span className="badge error">{errors}</span>}
            {isModified(ws, p) && <span className="modified-dot" title={t('modified')} />}
            <button
              className="tab-close"
              aria-label={t('closeTab')}
              onClick={(e) => {
                e.stopPropagation();
                studio.closeTab(p);
              }}
            >
              ×
            </button>
          </div>
        );
      })}
    </div>
  );
}

function Toolbar() {
  const studio = useStudioApi();
  const t = useT();
  const ws = useStudio((s) => s.workspace);
  const saveError = useStudio((s) => s.saveError);
  const input = useRef<HTMLInputElement>(null);
  const [formatting, setFormatting] = useState(false);
  const closed = Object.keys(ws.files).filter((p) => !ws.open.includes(p));
  const active = ws.active;
  return (
    <div className="toolbar">
      <button className="btn" data-testid="file-new" onClick={() => studio.newFile()}>
        + {t('newFile')}
      </button>
      <select className="btn" value="" data-testid="file-open" onChange={(e) => e.target.value && studio.openFile(e.target.value)} aria-label={t('openShipped')}>
        <option value="">{t('openShipped')}…</option>
        {closed.map((p) => (
          <option key={p} value={p}>
            {p.replace(/^policies\//, '')}
          </option>
        ))}
      </select>
      <button className="btn" onClick={() => input.current?.click()}>
        {t('openDisk')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".doudi,text/plain"
        data-testid="file-input"
        hidden
        onChange={async (e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          await studio.openFromDisk(files);
        }}
      />
      <button className="btn" disabled={!active} data-testid="file-save" onClick={() => active && download(active.replace(/^.*\//, ''), ws.files[active] ?? '')}>
        {t('saveDisk')}
      </button>
      <span className="spacer" />
      <button
        className="btn ghost"
        disabled={!active || formatting}
        onClick={async () => {
          setFormatting(true);
          try {
            const text = await studio.services.language.format(active);
            if (text !== null) studio.editFile(active, text);
          } finally {
            setFormatting(false);
          }
        }}
      >
        {t('format')}
      </button>
      {active in ws.shipped && isModified(ws, active) && (
        <button className="btn ghost" data-testid="file-revert" onClick={() => studio.revertFile(active)}>
          {t('resetFile')}
        </button>
      )}
      <span className={`save-state ${saveError ? 'bad' : ''}`} title={saveError ?? t('autosavedTitle')}>
        {saveError ? t('saveFailed') : t('autosaved')}
      </span>
    </div>
  );
}

interface Problem {
  readonly d: Diagnostic;
  readonly key: string;
}

function Problems() {
  const studio = useStudioApi();
  const t = useT();
  const diagnostics = useStudio((s) => s.diagnostics);
  const compileErrors = useStudio((s) => s.compileErrors);
  const [open, setOpen] = useState(true);
  const problems = useMemo(() => {
    const out: Problem[] = [];
    const seen = new Set<string>();
    const add = (d: Diagnostic) => {
      if (d.severity === 'info') return;
      const key = `${d.file}:${d.range.start.line}:${d.range.start.column}:${d.code}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ d, key });
    };
    Object.values(diagnostics).forEach((list) => list.forEach(add));
    compileErrors.forEach(add);
    return out.sort((a, b) => (a.d.severity === b.d.severity ? a.d.file.localeCompare(b.d.file) || a.d.range.start.line - b.d.range.start.line : a.d.severity === 'error' ? -1 : 1));
  }, [diagnostics, compileErrors]);
  const errors = problems.filter((p) => p.d.severity === 'error').length;
  const warnings = problems.length - errors;
  return (
    <div className={`problems ${open ? 'open' : ''}`}>
      <button className="problems-head" onClick={() => setOpen(!open)} aria-expanded={open}>
        <span className="chev">{open ? '▾' : '▸'}</span>
        <span>{t('problems')}</span>
        <span className={`count ${errors ? 'error' : ''}`} title={t('errors')}>
          <span className="icon">●</span>
          <span data-testid="diagnostics-count">{errors}</span>
        </span>
        <span className="count warn" title={t('warnings')}>
          <span className="icon">▲</span>
          {warnings}
        </span>
      </button>
      {open && (
        <ul className="problem-list" data-testid="problems">
          {problems.length === 0 && <li className="empty">{t('noProblems')}</li>}
          {problems.map(({ d, key }) => (
            <li key={key} className={`problem ${d.severity}`} onClick={() => studio.reveal(d.file, d.range.start.line, d.range.start.column)} title={d.cite}>
              <span className="sev" aria-hidden>
                {d.severity === 'error' ? '●' : '▲'}
              </span>
              <span className="msg">{d.message}</span>
              <Where>{`${fileTitle(d.file)}:${d.range.start.line}:${d.range.start.column}`}</Where>
              <span className="code">{d.code}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const Where = ({ children }: { children: ReactNode }) => <span className="where">{children}</span>;
