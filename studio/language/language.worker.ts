/** The language service's web worker: the UI thread reaches it through comlink (see monaco.ts). */
import * as Comlink from 'comlink';
import { createLanguageService } from './service.ts';

Comlink.expose(createLanguageService());
