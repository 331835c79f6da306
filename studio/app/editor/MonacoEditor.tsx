/**
 * The Monaco editor over the workspace: one model per file (so the language service sees every
 * file), the active tab's model shown, edits sent to the studio, markers from diagnostics.
 * Loaded lazily (its chunk is large); Monaco and its worker are bundled, nothing from a CDN.
 */
import { useEffect, useRef } from 'react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { useStudio, useStudioApi } from '../ui/context.ts';
import { attachLanguage, modelPath, modelUri } from './language.ts';

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = { getWorker: () => new EditorWorker() };

monaco.editor.defineTheme('doudi', {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'keyword', foreground: '1f4fbf', fontStyle: 'bold' },
    { token: 'comment', foreground: '7a8190', fontStyle: 'italic' },
    { token: 'string', foreground: '0b7a5a' },
    { token: 'number', foreground: 'a4540a' },
    { token: 'annotation', foreground: '7b4bc4' },
  ],
  colors: {
    'editor.background': '#ffffff',
    'editor.lineHighlightBackground': '#f4f6fa',
    'editorLineNumber.foreground': '#b3b9c4',
    'editorLineNumber.activeForeground': '#4b5563',
    'editorGutter.background': '#ffffff',
  },
});

const uriScheme = modelUri(monaco, 'x').scheme;

let attached: { refresh(): Promise<void> } | undefined;

export default function MonacoEditor() {
  const studio = useStudioApi();
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const views = useRef(new Map<string, monaco.editor.ICodeEditorViewState | null>());
  const files = useStudio((s) => s.workspace.files);
  const active = useStudio((s) => s.workspace.active);

  // The editor itself, and the language registration (once per page).
  useEffect(() => {
    attached ??= attachLanguage(monaco, studio.services.language, {
      getDate: () => studio.get().scenario.date,
      getRegion: () => studio.get().scenario.population.region,
      onDiagnostics: (d) => studio.setDiagnostics(d),
      openFile: (path) => {
        if (!(path in studio.get().workspace.files)) return false;
        studio.openFile(path);
        return true;
      },
      getText: (path) => studio.get().workspace.files[path],
    });
    const e = monaco.editor.create(host.current!, {
      model: null,
      theme: 'doudi',
      language: 'doudi',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      lineHeight: 20,
      fontFamily: '"SF Mono", "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK SC", "Noto Sans CJK SC", monospace',
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      tabSize: 2,
      fixedOverflowWidgets: true,
      padding: { top: 8 },
      smoothScrolling: true,
      unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false },
      wordBasedSuggestions: 'off',
      stickyScroll: { enabled: false },
      scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
    });
    editor.current = e;
    const onReveal = (ev: Event) => {
      const { path, line, column } = (ev as CustomEvent<{ path: string; line: number; column: number }>).detail;
      const model = monaco.editor.getModel(modelUri(monaco, path));
      if (!model) return;
      if (e.getModel() !== model) e.setModel(model);
      e.revealLineInCenter(line);
      e.setPosition({ lineNumber: line, column });
      e.focus();
    };
    studio.events.addEventListener('reveal', onReveal);
    return () => {
      studio.events.removeEventListener('reveal', onReveal);
      e.dispose();
      editor.current = null;
    };
  }, [studio]);

  // One model per workspace file, kept equal to the workspace.
  useEffect(() => {
    for (const [path, text] of Object.entries(files)) {
      const uri = modelUri(monaco, path);
      let model = monaco.editor.getModel(uri);
      if (!model) {
        model = monaco.editor.createModel(text, path.endsWith('.doudi') ? 'doudi' : 'plaintext', uri);
        const m = model;
        m.onDidChangeContent(() => studio.editFile(modelPath(m.uri), m.getValue()));
      } else if (model.getValue() !== text) {
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      }
    }
    for (const model of monaco.editor.getModels()) if (model.uri.scheme === uriScheme && !(modelPath(model.uri) in files)) model.dispose();
  }, [files, studio]);

  // The active tab's model, with its scroll and cursor kept.
  useEffect(() => {
    const e = editor.current;
    if (!e) return;
    const model = active ? monaco.editor.getModel(modelUri(monaco, active)) : null;
    const before = e.getModel();
    if (before === model) return;
    if (before) views.current.set(modelPath(before.uri), e.saveViewState());
    e.setModel(model);
    const view = active ? views.current.get(active) : undefined;
    if (view) e.restoreViewState(view);
  }, [active, files]);

  return <div className="monaco-host" ref={host} />;
}
