/**
 * Monaco wiring for Doudi: the language id `doudi` (files *.doudi), its highlighter and
 * configuration, and completion, hover, go to definition, rename and formatting answered by the
 * language service in its worker. `syncModels` keeps the worker's workspace in step with the
 * editor's models and shows the diagnostics as markers.
 *
 * Models and paths: a workspace path such as "policies/shanghai/shanghai.doudi" is the model
 * `modelUri(monaco, path)` (scheme `doudi`); `pathOf(uri)` turns it back. Create a model for every
 * workspace file the editor may open; a rename edits other files through their models (a file
 * without one gets one, from `options.getText`, when given).
 *
 * Usage, on the UI thread:
 *
 *   import * as monaco from 'monaco-editor/editor';
 *   import * as Comlink from 'comlink';
 *   const worker = new Worker(new URL('../language/language.worker.ts', import.meta.url), { type: 'module' });
 *   const service = Comlink.wrap<LanguageService>(worker);
 *   await service.setFiles(allWorkspaceFiles);
 *   const doudi = registerDoudi(monaco, service, { getDate, getRegion, onDiagnostics: (map) => … });
 *   monaco.editor.createModel(text, 'doudi', modelUri(monaco, path));   // for each file
 *   …
 *   doudi.dispose();
 *
 * Imports only types from Monaco and comlink: the caller passes its `monaco`.
 */
import type * as Monaco from 'monaco-editor/editor';
import type { Remote } from 'comlink';
import type { Diagnostic } from '../../language/index.ts';
import { LANGUAGE_ID, languageConfiguration, monarchLanguage } from './monarch.ts';
import type { Completion, LanguageService, Position, Range } from './protocol.ts';

type MonacoApi = typeof Monaco;
type Model = Monaco.editor.ITextModel;
export type DiagnosticsMap = Readonly<Record<string, readonly Diagnostic[]>>;

export const MARKER_OWNER = 'doudi';
/** How long after the last edit the worker is told (and diagnostics are recomputed). */
export const SYNC_DELAY_MS = 150;

export interface DoudiOptions {
  /** the date hovers show parameter values on (YYYY-MM-DD) */
  getDate(): string;
  /** the region code hovers show parameter values in ("" for the policy's own) */
  getRegion(): string;
  /** every file's diagnostics after each check, for a problems list and a count */
  onDiagnostics(map: DiagnosticsMap): void;
  /** opens a workspace file in the editor for "go to definition" into another file; true if it did */
  openFile?(path: string, range?: Range): boolean | Promise<boolean>;
  /** the text of a workspace file that has no model yet (a rename then creates one) */
  getText?(path: string): string | undefined;
}

export function modelUri(monaco: MonacoApi, path: string): Monaco.Uri {
  return monaco.Uri.from({ scheme: LANGUAGE_ID, path: `/${path}` });
}

export function pathOf(uri: Monaco.Uri): string {
  return uri.path.replace(/^\/+/, '');
}

const isWorkspaceModel = (m: Model): boolean => m.getLanguageId() === LANGUAGE_ID || /\.(doudi|json)$/.test(m.uri.path);
const toPosition = (p: Monaco.IPosition): Position => ({ line: p.lineNumber, column: p.column });
const toRange = (r: Range): Monaco.IRange => ({ startLineNumber: r.start.line, startColumn: r.start.column, endLineNumber: r.end.line, endColumn: r.end.column });

/**
 * A diagnostic as a Monaco marker: 1-based lines and columns, end exclusive, as the language gives
 * them. Information (an override, say) is a hint — a faint mark, not a squiggle under every line.
 */
export function toMarker(monaco: MonacoApi, d: Diagnostic): Monaco.editor.IMarkerData {
  const severity = d.severity === 'error' ? monaco.MarkerSeverity.Error : d.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Hint;
  return {
    severity,
    message: `${d.code}: ${d.message}`,
    source: LANGUAGE_ID,
    ...toRange(d.range),
    ...(d.related?.length
      ? { relatedInformation: d.related.map((r) => ({ resource: modelUri(monaco, r.file), message: r.message, ...toRange(r.range) })) }
      : {}),
  };
}

export interface ModelSync extends Monaco.IDisposable {
  /** Sends the model's unsent edits (or every model's) to the worker now. */
  flush(model?: Model): Promise<void>;
  /** Sends unsent edits and recomputes the diagnostics now. */
  refresh(): Promise<void>;
  /** The diagnostics last shown, by path. */
  diagnostics(): DiagnosticsMap;
}

/**
 * Pushes every Doudi model's content to the worker, `SYNC_DELAY_MS` after its last edit, then
 * recomputes the diagnostics of the whole workspace, sets them as markers on every model and
 * passes them to `onDiagnostics`. Results that a later edit has overtaken are dropped.
 */
export function syncModels(
  monaco: MonacoApi,
  service: Remote<LanguageService>,
  options: { onDiagnostics?(map: DiagnosticsMap): void; delay?: number } = {},
): ModelSync {
  const delay = options.delay ?? SYNC_DELAY_MS;
  const listeners = new Map<Model, Monaco.IDisposable>();
  const unsent = new Set<Model>();
  let latest: DiagnosticsMap = {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  let disposed = false;

  const show = (model: Model) => {
    if (!model.isDisposed()) monaco.editor.setModelMarkers(model, MARKER_OWNER, (latest[pathOf(model.uri)] ?? []).map((d) => toMarker(monaco, d)));
  };

  const send = async (models: Iterable<Model>) => {
    const files: Record<string, string> = {};
    for (const m of models) {
      unsent.delete(m);
      if (!m.isDisposed()) files[pathOf(m.uri)] = m.getValue();
    }
    if (Object.keys(files).length) await service.setFiles(files, true);
  };

  const refresh = async () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const mine = ++generation;
    await send([...unsent]);
    const map = await service.diagnostics();
    if (disposed || mine !== generation) return; // overtaken by a later edit
    latest = map;
    for (const m of listeners.keys()) show(m);
    options.onDiagnostics?.(map);
  };

  const schedule = () => {
    if (disposed) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void refresh().catch((e: unknown) => console.error('doudi: diagnostics failed', e)), delay);
  };

  const track = (model: Model) => {
    if (listeners.has(model) || !isWorkspaceModel(model)) return;
    listeners.set(
      model,
      model.onDidChangeContent(() => {
        unsent.add(model);
        schedule();
      }),
    );
    unsent.add(model);
    show(model);
    schedule();
  };

  const untrack = (model: Model) => {
    listeners.get(model)?.dispose();
    listeners.delete(model);
    unsent.delete(model);
  };

  const subscriptions = [
    monaco.editor.onDidCreateModel(track),
    monaco.editor.onWillDisposeModel(untrack),
    monaco.editor.onDidChangeModelLanguage(({ model }) => (isWorkspaceModel(model) ? track(model) : untrack(model))),
  ];
  for (const m of monaco.editor.getModels()) track(m);

  return {
    flush: (model) => send(model ? (unsent.has(model) ? [model] : []) : [...unsent]),
    refresh,
    diagnostics: () => latest,
    dispose() {
      disposed = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
      for (const m of [...listeners.keys()]) {
        untrack(m);
        if (!m.isDisposed()) monaco.editor.setModelMarkers(m, MARKER_OWNER, []);
      }
    },
  };
}

function completionKind(monaco: MonacoApi, c: Completion): Monaco.languages.CompletionItemKind {
  const K = monaco.languages.CompletionItemKind;
  if (c.subkind === 'enum') return K.Enum;
  if (c.subkind === 'type') return K.TypeParameter;
  switch (c.kind) {
    case 'keyword':
      return K.Keyword;
    case 'field':
      return K.Field;
    case 'parameter':
      return K.Constant;
    case 'definition':
      return K.Variable;
    case 'enum-value':
      return K.EnumMember;
    case 'function':
      return K.Function;
    case 'snippet':
      return K.Snippet;
  }
}

/**
 * Registers the language and its providers, and starts `syncModels`. Returns one disposable for
 * all of it (and the sync, to refresh diagnostics after `service.setFiles` from elsewhere).
 */
export function registerDoudi(monaco: MonacoApi, service: Remote<LanguageService>, options: DoudiOptions): Monaco.IDisposable & { readonly sync: ModelSync } {
  if (!monaco.languages.getLanguages().some((l) => l.id === LANGUAGE_ID))
    monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.doudi'], aliases: ['Doudi', '兜底'] });
  const sync = syncModels(monaco, service, { onDiagnostics: (map) => options.onDiagnostics(map) });
  const path = (model: Model) => pathOf(model.uri);
  // checkRename is optional in the protocol: a worker without it makes the call fail, and rename then goes without its early checks.
  const checkRename = async (model: Model, at: Position, newName?: string) => {
    try {
      return await (service as unknown as Remote<Required<LanguageService>>).checkRename(path(model), at, newName);
    } catch {
      return undefined;
    }
  };

  const disposables: Monaco.IDisposable[] = [
    monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, monarchLanguage),
    monaco.languages.setLanguageConfiguration(LANGUAGE_ID, languageConfiguration),

    monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
      triggerCharacters: ['.', '/', ':', '：'],
      async provideCompletionItems(model, position, _context, token) {
        await sync.flush();
        const items = await service.complete(path(model), toPosition(position));
        if (token.isCancellationRequested) return { suggestions: [] };
        const word = model.getWordUntilPosition(position);
        const range = { startLineNumber: position.lineNumber, startColumn: word.startColumn, endLineNumber: position.lineNumber, endColumn: position.column };
        return {
          suggestions: items.map((c) => ({
            label: c.label,
            kind: completionKind(monaco, c),
            insertText: c.insert,
            range,
            sortText: `${c.sort ?? '5'}${c.label}`,
            ...(c.detail ? { detail: c.detail } : {}),
            ...(c.documentation ? { documentation: { value: c.documentation } } : {}),
          })),
        };
      },
    }),

    monaco.languages.registerHoverProvider(LANGUAGE_ID, {
      async provideHover(model, position, token) {
        await sync.flush();
        const h = await service.hover(path(model), toPosition(position), { date: options.getDate(), region: options.getRegion() });
        if (!h || token.isCancellationRequested) return null;
        return { range: toRange(h.range), contents: [{ value: h.markdown }] };
      },
    }),

    monaco.languages.registerDefinitionProvider(LANGUAGE_ID, {
      async provideDefinition(model, position, token) {
        await sync.flush();
        const loc = await service.definition(path(model), toPosition(position));
        if (!loc || token.isCancellationRequested) return null;
        return { uri: modelUri(monaco, loc.path), range: toRange(loc.range) };
      },
    }),

    monaco.languages.registerRenameProvider(LANGUAGE_ID, {
      async resolveRenameLocation(model, position) {
        await sync.flush();
        const r = await checkRename(model, toPosition(position));
        if (!r) {
          const w = model.getWordAtPosition(position);
          return w ? { range: { startLineNumber: position.lineNumber, startColumn: w.startColumn, endLineNumber: position.lineNumber, endColumn: w.endColumn }, text: w.word } : { range: new monaco.Range(1, 1, 1, 1), text: '', rejectReason: 'nothing to rename here' };
        }
        if ('reject' in r) return { range: new monaco.Range(position.lineNumber, position.column, position.lineNumber, position.column), text: '', rejectReason: r.reject };
        return { range: toRange(r.range), text: r.text };
      },
      async provideRenameEdits(model, position, newName) {
        await sync.flush();
        const at = toPosition(position);
        const check = await checkRename(model, at, newName);
        if (check && 'reject' in check) return { edits: [], rejectReason: check.reject };
        const edits = await service.rename(path(model), at, newName);
        if (!edits) return { edits: [], rejectReason: `cannot rename to ${newName}` };
        const result: Monaco.languages.IWorkspaceTextEdit[] = [];
        for (const e of edits) {
          const uri = modelUri(monaco, e.path);
          let target = monaco.editor.getModel(uri);
          if (!target) {
            const text = options.getText?.(e.path);
            if (text === undefined) return { edits: [], rejectReason: `${e.path} would change but has no editor model; open it first` };
            target = monaco.editor.createModel(text, LANGUAGE_ID, uri);
          }
          result.push({ resource: uri, textEdit: { range: toRange(e.range), text: e.text }, versionId: target.getVersionId() });
        }
        return { edits: result };
      },
    }),

    monaco.languages.registerDocumentFormattingEditProvider(LANGUAGE_ID, {
      async provideDocumentFormattingEdits(model, _options, token) {
        await sync.flush();
        const version = model.getVersionId();
        const text = await service.format(path(model));
        if (text === null || token.isCancellationRequested || model.isDisposed() || model.getVersionId() !== version || text === model.getValue()) return [];
        return [{ range: model.getFullModelRange(), text }];
      },
    }),
  ];

  if (options.openFile) {
    const open = options.openFile;
    disposables.push(
      monaco.editor.registerEditorOpener({
        openCodeEditor: (_source, resource, selection) => {
          if (resource.scheme !== LANGUAGE_ID) return false;
          const range =
            selection && 'startLineNumber' in selection
              ? { start: { line: selection.startLineNumber, column: selection.startColumn }, end: { line: selection.endLineNumber, column: selection.endColumn } }
              : selection
                ? { start: toPosition(selection), end: toPosition(selection) }
                : undefined;
          return open(pathOf(resource), range);
        },
      }),
    );
  }

  return {
    sync,
    dispose() {
      sync.dispose();
      for (const d of disposables) d.dispose();
    },
  };
}
