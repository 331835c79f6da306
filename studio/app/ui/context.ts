/** The studio in React: its state by selector, and the words of the chosen language. */
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { Studio, StudioState } from '../state/studio.ts';
import { text, type StringKey } from '../i18n/strings.ts';

export const StudioContext = createContext<Studio | null>(null);

export function useStudioApi(): Studio {
  const s = useContext(StudioContext);
  if (!s) throw new Error('no studio');
  return s;
}

export function useStudio<T>(select: (s: StudioState) => T): T {
  const studio = useStudioApi();
  return useSyncExternalStore(studio.subscribe, () => select(studio.get()));
}

/** t('key') in the chosen language. */
export function useT(): (key: StringKey) => string {
  const lang = useStudio((s) => s.lang);
  return useCallback((key: StringKey) => text(lang, key), [lang]);
}
