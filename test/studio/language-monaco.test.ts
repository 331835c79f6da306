/**
 * The Monaco wiring, against a small stand-in for Monaco's API and the real language service
 * behind a promise-returning proxy (as comlink gives it): markers from diagnostics (1-based,
 * end exclusive), debounced syncing, and what each provider hands Monaco.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Remote } from 'comlink';
import { createLanguageService } from '../../studio/language/service.ts';
import { modelUri, registerDoudi, SYNC_DELAY_MS, type DiagnosticsMap } from '../../studio/language/monaco.ts';
import type { LanguageService } from '../../studio/language/protocol.ts';
import { positionOf } from './language-support.ts';

interface Uri {
  scheme: string;
  path: string;
}
type Listener<T> = (e: T) => void;

class FakeModel {
  private readonly listeners: Listener<unknown>[] = [];
  private version = 1;
  disposed = false;
  constructor(
    readonly uri: Uri,
    private text: string,
    private languageId: string,
  ) {}
  getValue() {
    return this.text;
  }
  setValue(text: string) {
    this.text = text;
    this.version++;
    for (const l of this.listeners) l({});
  }
  onDidChangeContent(l: Listener<unknown>) {
    this.listeners.push(l);
    return { dispose: () => this.listeners.splice(this.listeners.indexOf(l), 1) };
  }
  getLanguageId() {
    return this.languageId;
  }
  isDisposed() {
    return this.disposed;
  }
  getVersionId() {
    return this.version;
  }
  private word(p: { lineNumber: number; column: number }) {
    const line = this.text.split('\n')[p.lineNumber - 1] ?? '';
    let s = p.column - 1;
    let e = p.column - 1;
    while (s > 0 && /[\w\u3400-\u9fff]/.test(line[s - 1]!)) s--;
    while (e < line.length && /[\w\u3400-\u9fff]/.test(line[e]!)) e++;
    return { word: line.slice(s, e), startColumn: s + 1, endColumn: e + 1 };
  }
  getWordUntilPosition(p: { lineNumber: number; column: number }) {
    const w = this.word(p);
    return { word: w.word.slice(0, p.column - w.startColumn), startColumn: w.startColumn, endColumn: p.column };
  }
  getWordAtPosition(p: { lineNumber: number; column: number }) {
    const w = this.word(p);
    return w.word ? w : null;
  }
  getFullModelRange() {
    const lines = this.text.split('\n');
    return { startLineNumber: 1, startColumn: 1, endLineNumber: lines.length, endColumn: lines[lines.length - 1]!.length + 1 };
  }
}

function fakeMonaco() {
  const models: FakeModel[] = [];
  const created: Listener<FakeModel>[] = [];
  const markers = new Map<string, { owner: string; markers: Record<string, unknown>[] }>();
  const providers: Record<string, Record<string, (...args: never[]) => unknown>> = {};
  const languages: { id: string; extensions?: string[] }[] = [];
  const disposable = { dispose() {} };
  const provider = (kind: string) => (_id: string, p: Record<string, (...args: never[]) => unknown>) => {
    providers[kind] = p;
    return { dispose: () => delete providers[kind] };
  };
  const monaco = {
    Uri: { from: (u: Uri) => ({ scheme: u.scheme, path: u.path, toString: () => `${u.scheme}:${u.path}` }) },
    MarkerSeverity: { Hint: 1, Info: 2, Warning: 4, Error: 8 },
    Range: class {
      constructor(
        readonly startLineNumber: number,
        readonly startColumn: number,
        readonly endLineNumber: number,
        readonly endColumn: number,
      ) {}
    },
    editor: {
      getModels: () => models.filter((m) => !m.disposed),
      getModel: (uri: Uri) => models.find((m) => !m.disposed && m.uri.path === uri.path) ?? null,
      createModel(text: string, language: string, uri: Uri) {
        const m = new FakeModel(uri, text, language);
        models.push(m);
        for (const l of created) l(m);
        return m;
      },
      onDidCreateModel: (l: Listener<FakeModel>) => {
        created.push(l);
        return { dispose: () => created.splice(created.indexOf(l), 1) };
      },
      onWillDisposeModel: () => disposable,
      onDidChangeModelLanguage: () => disposable,
      setModelMarkers: (m: FakeModel, owner: string, list: Record<string, unknown>[]) => void markers.set(m.uri.path, { owner, markers: list }),
      registerEditorOpener: () => disposable,
    },
    languages: {
      register: (l: { id: string }) => void languages.push(l),
      getLanguages: () => languages,
      setMonarchTokensProvider: provider('monarch'),
      setLanguageConfiguration: provider('configuration'),
      registerCompletionItemProvider: provider('completion'),
      registerHoverProvider: provider('hover'),
      registerDefinitionProvider: provider('definition'),
      registerRenameProvider: provider('rename'),
      registerDocumentFormattingEditProvider: provider('formatting'),
      CompletionItemKind: { Keyword: 17, Field: 3, Constant: 14, Variable: 4, EnumMember: 16, Function: 1, Snippet: 27, Enum: 15, TypeParameter: 24 },
    },
  };
  return { monaco, models, markers, providers, languages };
}

const HEADER = `policy t "测试"
  region 310000
  effective from 2024-01-01
  document "d" "文件"

parameter standard "标准" : money/month [d §1]
  from 2024-01-01 = ¥1500
  from 2024-07-01 = ¥1600
`;
const BROKEN = `${HEADER}
household pci "人均" : money/month [d] = incomes
`;
const FIXED = `${HEADER}
household pci "人均" : money/month [d] = standard
`;

const token = { isCancellationRequested: false };
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup(files: Record<string, string> = {}) {
  const fake = fakeMonaco();
  const service = createLanguageService();
  service.setFiles(files);
  const calls: string[] = [];
  // what comlink gives: every method returns a promise
  const remote = new Proxy(service, {
    get: (target, key: keyof typeof service) => (...args: unknown[]) => {
      calls.push(String(key));
      return Promise.resolve((target[key] as (...a: unknown[]) => unknown)(...args));
    },
  }) as unknown as Remote<LanguageService>;
  const seen: DiagnosticsMap[] = [];
  const doudi = registerDoudi(fake.monaco as never, remote, { getDate: () => '2024-07-01', getRegion: () => '310000', onDiagnostics: (map) => seen.push(map) });
  const model = (path: string, text: string) => fake.monaco.editor.createModel(text, 'doudi', modelUri(fake.monaco as never, path) as Uri);
  const provide = (kind: string, method: string, ...args: unknown[]) => (fake.providers[kind]![method] as (...a: unknown[]) => Promise<unknown>)(...args);
  return { ...fake, service, calls, seen, doudi, model, provide };
}

describe('registerDoudi', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('registers the language, its highlighter and every provider', () => {
    const { languages, providers, doudi } = setup();
    expect(languages).toEqual([{ id: 'doudi', extensions: ['.doudi'], aliases: ['Doudi', '兜底'] }]);
    expect(Object.keys(providers).sort()).toEqual(['completion', 'configuration', 'definition', 'formatting', 'hover', 'monarch', 'rename']);
    doudi.dispose();
    expect(Object.keys(providers)).toEqual([]);
  });

  it('pushes models to the worker after the edits settle and shows diagnostics as markers with the language’s ranges', async () => {
    const { model, markers, seen, calls } = setup();
    const m = model('policies/p.doudi', BROKEN);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(SYNC_DELAY_MS);
    await settle();
    expect(calls).toEqual(['setFiles', 'diagnostics']);
    const set = markers.get('/policies/p.doudi')!;
    expect(set.owner).toBe('doudi');
    const at = positionOf(BROKEN, 'incomes');
    expect(set.markers).toEqual([
      expect.objectContaining({
        severity: 8,
        message: expect.stringMatching(/^unknown-name: unknown name incomes/),
        startLineNumber: at.line,
        startColumn: at.column,
        endLineNumber: at.line,
        endColumn: at.column + 'incomes'.length,
      }),
    ]);
    expect(seen.at(-1)!['policies/p.doudi']!.map((d) => d.code)).toEqual(['unknown-name']);

    // three quick edits: one round trip, 150 ms after the last
    calls.length = 0;
    m.setValue(BROKEN + '\n');
    await vi.advanceTimersByTimeAsync(100);
    m.setValue(BROKEN + '\n\n');
    await vi.advanceTimersByTimeAsync(100);
    m.setValue(FIXED);
    await vi.advanceTimersByTimeAsync(SYNC_DELAY_MS - 1);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(calls).toEqual(['setFiles', 'diagnostics']);
    expect(markers.get('/policies/p.doudi')!.markers).toEqual([]);
    expect(seen.at(-1)!['policies/p.doudi']).toEqual([]);
  });

  it('answers completion with Monaco’s kinds, sorted by the service’s groups, over the word being typed', async () => {
    const { model, provide } = setup();
    const text = `${FIXED}household q "q" : money/month [d] = 工资`;
    const m = model('p.doudi', text);
    const lines = text.split('\n');
    const position = { lineNumber: lines.length, column: lines.at(-1)!.length + 1 };
    const r = (await provide('completion', 'provideCompletionItems', m, position, {}, token)) as { suggestions: Record<string, unknown>[] };
    const wage = r.suggestions.find((s) => s.label === '工资性收入')!;
    expect(wage).toMatchObject({ kind: 3, insertText: '工资性收入', range: { startLineNumber: position.lineNumber, startColumn: position.column - 2, endColumn: position.column } });
    expect(r.suggestions.find((s) => s.label === 'standard')).toMatchObject({ kind: 14, detail: 'parameter · money/month · 标准 · [d §1]' });
    expect(String(r.suggestions.find((s) => s.label === '如果')!.sortText) > String(wage.sortText)).toBe(true);
  });

  it('hovers with the date and region the studio is set to', async () => {
    const { model, provide } = setup();
    const m = model('p.doudi', FIXED);
    const at = positionOf(FIXED, 'standard\n');
    const h = (await provide('hover', 'provideHover', m, { lineNumber: at.line, column: at.column }, token)) as { contents: { value: string }[]; range: unknown };
    expect(h.contents[0]!.value).toContain('**On 2024-07-01** in 310000: `¥1600`');
    expect(h.range).toEqual({ startLineNumber: at.line, startColumn: at.column, endLineNumber: at.line, endColumn: at.column + 8 });
  });

  it('goes to a definition in another file', async () => {
    const base = FIXED;
    const derived = `policy d "派生" extends "base.doudi"\nhousehold twice "两倍" : money/month [d] = pci * 2\n`;
    const { model, provide } = setup();
    model('base.doudi', base);
    const m = model('derived.doudi', derived);
    const at = positionOf(derived, 'pci');
    const loc = (await provide('definition', 'provideDefinition', m, { lineNumber: at.line, column: at.column }, token)) as { uri: Uri; range: Record<string, number> };
    expect(loc.uri.path).toBe('/base.doudi');
    expect(loc.range.startLineNumber).toBe(positionOf(base, 'pci').line);
  });

  it('renames across models, and says why it will not', async () => {
    const base = FIXED;
    const derived = `policy d "派生" extends "base.doudi"\nhousehold twice "两倍" : money/month [d] = pci * 2\n`;
    const { model, provide } = setup();
    const b = model('base.doudi', base);
    const d = model('derived.doudi', derived);
    const at = positionOf(derived, 'pci');
    const where = (await provide('rename', 'resolveRenameLocation', d, { lineNumber: at.line, column: at.column }, token)) as { text: string };
    expect(where.text).toBe('pci');
    const r = (await provide('rename', 'provideRenameEdits', d, { lineNumber: at.line, column: at.column }, 'per_capita', token)) as { edits: { resource: Uri; textEdit: { text: string }; versionId: number }[] };
    expect(r.edits.map((e) => [e.resource.path, e.textEdit.text])).toEqual([
      ['/base.doudi', 'per_capita'],
      ['/derived.doudi', 'per_capita'],
    ]);
    expect(r.edits[0]!.versionId).toBe(b.getVersionId());
    const field = positionOf(`${HEADER}`, 'standard');
    const refused = (await provide('rename', 'resolveRenameLocation', b, { lineNumber: field.line, column: 3 }, token)) as { rejectReason?: string };
    expect(refused.rejectReason).toContain('only names');
    const clash = (await provide('rename', 'provideRenameEdits', d, { lineNumber: at.line, column: at.column }, 'standard', token)) as { edits: unknown[]; rejectReason?: string };
    expect(clash).toEqual({ edits: [], rejectReason: expect.stringContaining('standard is already') });
  });

  it('formats a model with one edit of the whole text, and leaves a formatted or broken one alone', async () => {
    const { model, provide } = setup();
    const messy = FIXED.replace('household pci "人均" : money/month [d] = standard', 'household   pci "人均":money/month [d]=standard');
    const m = model('p.doudi', messy);
    const edits = (await provide('formatting', 'provideDocumentFormattingEdits', m, {}, token)) as { range: unknown; text: string }[];
    expect(edits).toEqual([{ range: m.getFullModelRange(), text: FIXED }]);
    m.setValue(FIXED);
    expect(await provide('formatting', 'provideDocumentFormattingEdits', m, {}, token)).toEqual([]);
    m.setValue(FIXED + 'household = (');
    expect(await provide('formatting', 'provideDocumentFormattingEdits', m, {}, token)).toEqual([]);
  });
});
