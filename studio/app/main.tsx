/** The studio's entry: services in workers, the store, the state, the page. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startLanguageService } from './editor/language.ts';
import { startSim } from './sim/client.ts';
import { indexedDbStorage } from './state/idb.ts';
import { memoryStorage, StudioStore, type KeyValueStorage } from './state/store.ts';
import { SHIPPED } from './state/shipped.ts';
import { Studio } from './state/studio.ts';
import { App } from './ui/App.tsx';
import { StudioContext } from './ui/context.ts';
import './ui/styles.css';

async function boot(): Promise<void> {
  const storage: KeyValueStorage = await indexedDbStorage().catch(() => memoryStorage());
  const services = { language: startLanguageService(), runner: startLanguageService(), compiler: startLanguageService(), sim: startSim() };
  const studio = new Studio(services, new StudioStore(storage), SHIPPED);
  document.documentElement.lang = studio.get().lang === 'zh' ? 'zh-CN' : 'en';
  addEventListener('pagehide', () => void studio.flush());
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <StudioContext.Provider value={studio}>
        <App />
      </StudioContext.Provider>
    </StrictMode>,
  );
  await studio.init();
}

void boot();
