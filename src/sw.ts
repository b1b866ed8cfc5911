/// <reference lib="webworker" />
/**
 * The service worker (built to /sw.js by vite-plugin-pwa, strategy injectManifest). It owns what
 * the app can do with no network: the precached shell and region data, offline deep links, and
 * (later) the map's tile cache. Updates wait for the user: see src/app/pwa/serviceWorker.ts.
 */
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope;

// Route 1 — the precache. Caches: every JS, CSS and HTML file of this build plus the generated
// region files and the icons/manifest (the list is injected at build time with content hashes).
// Why: a field officer opens the app days after the last connection; every screen, including
// the lazy ones never visited online, must already be on the phone. Served cache-first; a new
// build brings a new list, downloaded in the background by the waiting worker.
precacheAndRoute(self.__WB_MANIFEST);

// Removes precaches left by older Workbox versions' cache formats; this build's own old entries
// are dropped by precacheAndRoute when the new worker activates.
cleanupOutdatedCaches();

// Route 2 — navigations. Caches nothing new: answers every page load (/, /points/abc,
// /settings…) with the precached index.html, and the client-side router shows the screen.
// Why: a deep link or a reload offline must open the app, not the browser's offline page.
// /api/ is excluded: those are server endpoints (exports, downloads), never app pages.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/api\//],
  }),
);

// Route 3 — map tiles: TO BE ADDED with the map (DESIGN.md §5).
// ┌──────────────────────────────────────────────────────────────────────────────────────────┐
// │ Cache viewed tiles only (CacheFirst + ExpirationPlugin: maxEntries, maxAgeSeconds,         │
// │ purgeOnQuotaError), keyed by the configured tile URL pattern; never bulk-download tiles     │
// │ from a provider whose policy forbids it (OpenStreetMap's does). Cross-origin tiles come     │
// │ back opaque: add CacheableResponsePlugin({ statuses: [0, 200] }) and keep maxEntries low,  │
// │ since each opaque response counts as several MB against the quota in Chromium.              │
// └──────────────────────────────────────────────────────────────────────────────────────────┘

// The update flow: the page posts SKIP_WAITING only after the user tapped "reload" in the
// banner, so a new version never replaces the running one behind the user's back.
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') {
    void self.skipWaiting();
  }
});

// Take control of open pages as soon as this worker activates. On the first install this makes
// the page work offline without a reload, and there is no older version to conflict with; an
// update only activates after SKIP_WAITING above, so it still waits for the user.
clientsClaim();
