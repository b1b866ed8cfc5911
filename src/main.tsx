/**
 * Entry point: starts the installable-app machinery (service worker, install prompt capture,
 * persistent-storage request), shows the saved language and renders the app into #root.
 */
// First: zod's configuration, before any schema is built (jitless.ts).
import './app/jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startLocale } from './i18n';
import { startPwa } from './pwa';
import { preloadFirstScreen, readsFirstWithoutDexie } from './app/routes';
import { firstDataShown } from './features/shared/firstData';
import './app/styles.css';
// The first screens' own stylesheets in the entry's (docs/PERFORMANCE.md, "Ninth session → the
// lead's quiet A/B"): a lazy screen whose chunk has CSS is imported only after its <link>'s load
// event, so the start page's and the list's chunks waited for their stylesheets. All four were
// loaded before the start page's data anyway (the same 97 KB), and they are small.
import './features/dashboard/board.css';
import './features/shared/notices.css';
import './features/shared/phone.css';
import './features/service-points/pointList.css';

// User Timing marks on the start path (read by bench/slow-phone.bench.ts and DevTools).
performance.mark('cundian:entry');

// Before rendering: Chromium may fire beforeinstallprompt as soon as the page loads. The service
// worker's registration waits for the first screen's data when a worker already controls the page.
startPwa(firstDataShown());

// The local database (a chunk of its own) loads and opens while React renders the shell, rather
// than after the first screen asks for data (docs/PERFORMANCE.md) — except on the screens that
// read their first rows without Dexie (routes.tsx): their live queries open it after the render.
if (!readsFirstWithoutDexie(window.location.pathname)) {
  void import('./db').then(({ openDatabaseEarly }) => openDatabaseEarly());
}

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');

// The saved language first (English is a chunk of its own; Chinese needs no wait), so the first
// screen never flashes in the other language; and the first screen's chunk, so it renders at once
// rather than through a Suspense fallback (routes.tsx).
void Promise.all([startLocale(), preloadFirstScreen(window.location.pathname)]).then(() => {
  performance.mark('cundian:render');
  createRoot(rootElement).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
