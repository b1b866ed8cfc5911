/// <reference lib="webworker" />
/**
 * The service worker (built to /sw.js by vite-plugin-pwa, strategy injectManifest). It owns what
 * the app can do with no network: the precached shell and region data, offline deep links, and
 * the map's tile cache. Updates wait for the user: see src/pwa/serviceWorker.ts.
 */
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, StaleWhileRevalidate } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { isTileUrl, OFFLINE_TILES, TILE_CACHE } from './map/baseLayers';

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

// Route 3 — map tiles (DESIGN.md §5). Caches: tiles of the configured base maps
// (src/map/baseLayers.ts) that the user actually VIEWED, cache-first, at most 2,000 tiles, each
// kept 30 days (TILE_CACHE); the whole tile cache goes first on a quota error, never the
// records in IndexedDB. Why: a coordinator who looked at a county online sees it again in a
// village with no signal. Nothing is ever prefetched: OpenStreetMap's tile policy forbids bulk
// downloads, and a phone's data plan is not ours to spend.
// Tiles are fetched here in CORS mode and only a 200 is cached: a no-cors (opaque) response would
// count as several MB against the quota in Chromium. A provider that refuses CORS still shows
// its tiles (fallback below), they are just not kept offline.
// Needs the tile hosts in the CSP's connect-src of the served sw.js (see docs/MAP.md).
// Before that cache, the tiles the officer downloaded for an area (settings → 离线底图,
// src/map/tileDownload.ts): read from their own cache (OFFLINE_TILES), never written, expired or
// purged here — they stay until the officer deletes them. A miss falls through to the viewed-tiles
// cache and the network as before.
const corsRefused = new Set<string>();
const viewedTiles = new CacheFirst({
  cacheName: TILE_CACHE.name,
  plugins: [
    new ExpirationPlugin({
      maxEntries: TILE_CACHE.maxEntries,
      maxAgeSeconds: TILE_CACHE.maxAgeSeconds,
      purgeOnQuotaError: true,
    }),
    {
      requestWillFetch: async ({ request }) =>
        corsRefused.has(new URL(request.url).host)
          ? request
          : new Request(request.url, { mode: 'cors', credentials: 'omit' }),
      cacheWillUpdate: async ({ response }) =>
        response.status === 200 && response.type !== 'opaque' ? response : null,
      // The CORS fetch failed: offline (then this fails too and the map says tiles are
      // missing), or a provider without CORS (then the plain request works: remember it).
      handlerDidError: async ({ request }) => {
        try {
          const response = await fetch(request.url, { mode: 'no-cors', credentials: 'omit' });
          corsRefused.add(new URL(request.url).host);
          return response;
        } catch {
          return undefined;
        }
      },
    },
  ],
});
registerRoute(
  ({ request, url }) => request.destination === 'image' && isTileUrl(url.href),
  async (options) => {
    // caches.match with a cacheName does not create the cache when nothing was downloaded.
    const downloaded = await caches
      .match(options.request.url, { cacheName: OFFLINE_TILES.name })
      .catch(() => undefined);
    return downloaded ?? viewedTiles.handle(options);
  },
);

// Route 4 — region files not in the precache (only a prefecture's small names file and its
// outlines are precached; docs/REGIONS.md "Per-county gazetteer"). Caches: the /regions/*.json
// files the app fetched for its user's scope (src/regions/index.ts, which also puts them here
// itself), served from the cache and refreshed in the background. Why: the officer's phone
// carries its own county's gazetteer offline without downloading the prefecture or the province
// at install. The precached files are answered by route 1 first.
registerRoute(
  ({ url }) =>
    url.origin === self.location.origin && /^\/regions\/[\w-]+\.json$/.test(url.pathname),
  new StaleWhileRevalidate({ cacheName: 'cundian-regions' }),
);

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
