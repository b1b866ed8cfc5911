// Before each file of the jsdom project (vite.config.ts, `client`): its files share one worker,
// one jsdom and one copy of every module (`isolate: false`), so what a file leaves behind would
// meet the next one. setupFiles run again before every file, so this puts the page back as a
// freshly opened one: the module-level stores, the globals tests redefine, the document, storage,
// timers and the databases. docs/TESTING.md, "Fifth session", lists what leaked and why each line
// is here. A new module-level store gets its line here (and a forget… function beside it).
import { cleanup } from '@testing-library/react';
import { afterAll, vi } from 'vitest';
import { settleFile } from './settle-imports';
import { forgetDatabase } from '../src/db';
import { forgetFirstDataGate } from '../src/features/shared/firstData';
import { resetInboxCountsClock } from '../src/features/notices/inboxCounts';
import { forgetDuplicateFlags } from '../src/features/service-points/DuplicatesNotice';
import { useMapStore } from '../src/features/map/mapStore';
import { setLocale } from '../src/i18n';
import { forgetOutlines } from '../src/map/outlines';
import { usePwaStore } from '../src/pwa/pwaStore';
import { forgetRegions, setRegionsScope } from '../src/regions';
import { forgetSyncEngine } from '../src/sync';
import { appSyncStore, INITIAL_SYNC_STATE } from '../src/sync/store';

/** What jsdom's navigator and window had of their own before the first file ran. */
interface Pristine {
  navigator: Set<string>;
  window: Set<string>;
}
const PRISTINE = Symbol.for('cundian.tests.pristine');
const holder = globalThis as { [PRISTINE]?: Pristine };
const pristine = (holder[PRISTINE] ??= {
  navigator: new Set(Object.getOwnPropertyNames(navigator)),
  window: new Set(Object.getOwnPropertyNames(window)),
});

// Timers, stubbed globals and spies a file did not restore (vitest restores spies after a file,
// not stubs or fake timers).
vi.useRealTimers();
vi.unstubAllGlobals();
vi.unstubAllEnvs();
// Properties defined on navigator itself (onLine, geolocation, storage…) shadow jsdom's getters.
for (const name of Object.getOwnPropertyNames(navigator)) {
  if (!pristine.navigator.has(name)) Reflect.deleteProperty(navigator, name);
}
// Globals assigned rather than stubbed (matchMedia, a ResizeObserver…) — except what vitest and
// the libraries put there for the whole run (their names start with __ or are React's act flag).
for (const name of Object.getOwnPropertyNames(window)) {
  if (pristine.window.has(name) || name.startsWith('__') || name === 'IS_REACT_ACT_ENVIRONMENT')
    continue;
  if (name === 'Blob' || name === 'File' || name === 'indexedDB' || name.startsWith('IDB'))
    continue; // tests/setup-dom.ts's own
  Reflect.deleteProperty(window, name);
}

// The document: React trees unmounted, then the page emptied.
cleanup();
document.body.innerHTML = '';
document.title = '';
window.history.replaceState(null, '', '/');

// Storage and the language (Chinese, the default; the English catalogue stays loaded).
setLocale('zh-CN');
localStorage.clear();
sessionStorage.clear();

// Module-level stores.
forgetSyncEngine();
forgetDatabase();
forgetRegions();
setRegionsScope(null); // as the shell says with nobody signed in: the whole area's file(s)
forgetOutlines();
forgetFirstDataGate();
resetInboxCountsClock();
forgetDuplicateFlags();
usePwaStore.setState(usePwaStore.getInitialState(), true);
useMapStore.setState(useMapStore.getInitialState(), true);
appSyncStore.setState({ ...INITIAL_SYNC_STATE }, true);
performance.clearMarks();
performance.clearMeasures();

// The IndexedDB databases files left behind (freshDatabase deletes its own; the default one and
// those a test opened itself stay): each file starts with none, as in its own process.
for (const { name } of await indexedDB.databases()) {
  if (name !== undefined) {
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
      request.onblocked = () => resolve();
    });
  }
}

// After each file: its trees unmounted and the imports it started loaded (tests/settle-imports.ts).
// setupFiles run before every file, so this is each file's last afterAll (hooks after run in
// reverse order).
afterAll(settleFile);
