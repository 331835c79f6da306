/**
 * The one place the studio connects to its language service (studio/language/): the comlink
 * worker, the Monaco registration (highlighting, markers, completion, hover, definition, rename,
 * format) and the mapping between workspace paths and Monaco models. The UI thread never parses
 * or checks.
 */
import * as Comlink from 'comlink';
import type * as Monaco from 'monaco-editor/editor';
import type { Diagnostic } from '../../../language/index.ts';
import type { LanguageService } from '../../language/protocol.ts';
import { modelUri as languageModelUri, pathOf, registerDoudi } from '../../language/monaco.ts';
import LanguageWorker from '../../language/language.worker.ts?worker';

export type Service = Comlink.Remote<LanguageService>;
export type MonacoApi = typeof Monaco;
export type Diagnostics = Readonly<Record<string, readonly Diagnostic[]>>;

export interface AttachOptions {
  getDate(): string;
  getRegion(): string;
  onDiagnostics(d: Diagnostics): void;
  openFile?(path: string): boolean;
  getText?(path: string): string | undefined;
}

/** A language service in a worker of its own. */
export function startLanguageService(): Service {
  return Comlink.wrap<LanguageService>(new LanguageWorker());
}

/** The Monaco model of a workspace file, and back. */
export const modelUri = (monaco: MonacoApi, path: string): Monaco.Uri => languageModelUri(monaco, path);
export const modelPath = (uri: Monaco.Uri): string => pathOf(uri);

/**
 * Registers the Doudi language with Monaco: the registration keeps every model's text in the
 * service, and the markers and the problems list (through onDiagnostics) up to date.
 */
export function attachLanguage(monaco: MonacoApi, service: Service, options: AttachOptions): { refresh(): Promise<void> } {
  const doudi = registerDoudi(monaco, service, options);
  return { refresh: () => doudi.sync.refresh() };
}
