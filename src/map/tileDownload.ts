/**
 * Downloading an area's base-map tiles ahead of time into the offline tile cache
 * (OFFLINE_TILES.name), from the page: the service worker only reads that cache (src/sw.ts,
 * route 3). Owns the download loop, the record of what was downloaded, and deleting it.
 *
 * - Four requests at a time: quick on a village 4G link, gentle on the provider.
 * - Each tile is tried three times (a pause between tries); a tile that still fails is counted
 *   and skipped, and twenty failures in a row (the link is gone) stop the run.
 * - Resumable: a tile already in the cache is skipped, so downloading again after a cancel, a
 *   lost link or a full phone fetches only what is missing. What was stored is kept whatever
 *   happens — a download that fails halfway keeps what it has and says so.
 * - Only 200 responses in CORS mode are stored (an opaque response would count as several MB
 *   of quota in Chromium and could be an error page).
 * - A full phone (QuotaExceededError) stops the run and says so; nothing else is removed, and
 *   the records in IndexedDB are never touched.
 *
 * The record of what was downloaded (areas, tiles, bytes) lives in localStorage: the tile count
 * comes from the cache itself, the bytes from the download (Cache Storage does not say).
 */
import { OFFLINE_TILES, type BaseLayerConfig } from './baseLayers';
import { tilesOf, tileUrl, type TileRange } from './offlineTiles';

export interface DownloadProgress {
  total: number;
  /** Tiles handled so far: stored now, already there, or failed. */
  done: number;
  stored: number;
  skipped: number;
  failed: number;
  bytes: number;
}

export type DownloadOutcome =
  | { kind: 'complete'; progress: DownloadProgress }
  | { kind: 'cancelled'; progress: DownloadProgress }
  | { kind: 'offline'; progress: DownloadProgress }
  | { kind: 'storageFull'; progress: DownloadProgress };

export interface DownloadEnv {
  fetch: typeof fetch;
  caches: CacheStorage;
  /** The pause before a retry (tests pass one that does not wait). */
  pause: (ms: number) => Promise<void>;
}

function defaultEnv(): DownloadEnv {
  return {
    fetch: (...args) => globalThis.fetch(...args),
    caches: globalThis.caches,
    pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

export const DOWNLOAD_CONCURRENCY = 4;
const ATTEMPTS = 3;
const FAILURES_IN_A_ROW_TO_STOP = 20;

/** Whether this browser can keep tiles at all (Cache Storage: secure contexts only). */
export function offlineTilesSupported(): boolean {
  return typeof globalThis.caches !== 'undefined';
}

function isQuotaError(error: unknown): boolean {
  return (
    error instanceof DOMException &&
    (error.name === 'QuotaExceededError' || error.code === DOMException.QUOTA_EXCEEDED_ERR)
  );
}

class StorageFull extends Error {}

/**
 * Downloads the tiles of `ranges` for `layer` into the offline cache. Never throws for a tile
 * or the network: the outcome says how it ended, with the counts.
 */
export async function downloadTiles(
  layer: Pick<BaseLayerConfig, 'url' | 'subdomains'>,
  ranges: readonly TileRange[],
  options: {
    signal?: AbortSignal;
    onProgress?: (progress: DownloadProgress) => void;
    env?: Partial<DownloadEnv>;
  } = {},
): Promise<DownloadOutcome> {
  const env = { ...defaultEnv(), ...options.env };
  const cache = await env.caches.open(OFFLINE_TILES.name);
  const queue = tilesOf(ranges);
  const progress: DownloadProgress = {
    total: ranges.reduce((n, r) => n + (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1), 0),
    done: 0,
    stored: 0,
    skipped: 0,
    failed: 0,
    bytes: 0,
  };
  let failuresInARow = 0;
  let stop: DownloadOutcome['kind'] | null = null;
  const report = () => options.onProgress?.({ ...progress });

  async function fetchTile(url: string): Promise<Response | null> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (options.signal?.aborted) return null;
      try {
        const response = await env.fetch(url, {
          mode: 'cors',
          credentials: 'omit',
          signal: options.signal,
        });
        if (response.status === 200 && response.type !== 'opaque') return response;
        // 404 or 403: the provider has no tile here or refuses; trying again will not help.
        if (response.status >= 400 && response.status < 500 && response.status !== 429) return null;
      } catch {
        if (options.signal?.aborted) return null;
      }
      if (attempt < ATTEMPTS) await env.pause(500 * attempt);
    }
    return null;
  }

  async function handle(url: string) {
    if (await cache.match(url)) {
      progress.skipped += 1;
      failuresInARow = 0;
      return;
    }
    const response = await fetchTile(url);
    if (options.signal?.aborted) return;
    if (!response) {
      progress.failed += 1;
      failuresInARow += 1;
      if (failuresInARow >= FAILURES_IN_A_ROW_TO_STOP) stop ??= 'offline';
      return;
    }
    const blob = await response.blob();
    try {
      await cache.put(
        url,
        new Response(blob, {
          status: 200,
          headers: { 'content-type': response.headers.get('content-type') ?? 'image/png' },
        }),
      );
    } catch (error) {
      if (isQuotaError(error)) throw new StorageFull();
      throw error;
    }
    progress.stored += 1;
    progress.bytes += blob.size;
    failuresInARow = 0;
  }

  async function worker() {
    for (;;) {
      if (stop || options.signal?.aborted) return;
      const next = queue.next();
      if (next.done) return;
      try {
        await handle(tileUrl(layer, next.value));
      } catch (error) {
        if (error instanceof StorageFull) {
          stop = 'storageFull';
          return;
        }
        progress.failed += 1;
      }
      if (!options.signal?.aborted) {
        progress.done += 1;
        report();
      }
    }
  }

  report();
  await Promise.all(Array.from({ length: DOWNLOAD_CONCURRENCY }, worker));
  const kind = options.signal?.aborted ? 'cancelled' : (stop ?? 'complete');
  return { kind, progress: { ...progress } } as DownloadOutcome;
}

/** What this phone holds: one entry per area downloaded (the last download of each). */
export interface StoredArea {
  key: string;
  layerId: string;
  areaName: string;
  minZoom: number;
  maxZoom: number;
  tiles: number;
  bytes: number;
  at: string;
}

const RECORD_KEY = 'cundian.offlineTiles';

export function readStoredAreas(): StoredArea[] {
  try {
    const raw = globalThis.localStorage?.getItem(RECORD_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as StoredArea[]) : [];
  } catch {
    return [];
  }
}

/** Remembers a download (replacing the earlier one of the same area, base map and zooms). */
export function recordStoredArea(area: StoredArea): void {
  const others = readStoredAreas().filter((a) => a.key !== area.key);
  try {
    globalThis.localStorage?.setItem(RECORD_KEY, JSON.stringify([...others, area]));
  } catch {
    // Not remembered: the tiles are still in the cache and counted from it.
  }
}

/** The key of a download: same base map, area and zooms = the same tiles. */
export function storedAreaKey(layerId: string, areaCode: string, min: number, max: number): string {
  return `${layerId}:${areaCode}:${min}-${max}`;
}

/**
 * Tiles in the cache that are NOT this download's own: what counts against the cap beside it.
 * Resuming an area already half downloaded must not count its own tiles twice, or a large area
 * could never be finished. (Overlapping areas, a township inside its county, still count twice:
 * that errs on the side of refusing.)
 */
export function tilesStoredElsewhere(
  inCache: number,
  areas: readonly StoredArea[],
  key: string,
): number {
  const own = areas.find((a) => a.key === key)?.tiles ?? 0;
  return Math.max(0, inCache - own);
}

/** How many tiles the offline cache holds now (read from the cache, not the record). */
export async function countStoredTiles(caches: CacheStorage = globalThis.caches): Promise<number> {
  if (!(await caches.has(OFFLINE_TILES.name))) return 0;
  const cache = await caches.open(OFFLINE_TILES.name);
  return (await cache.keys()).length;
}

/** Deletes every downloaded tile and the record of them. The viewed-tiles cache stays. */
export async function deleteStoredTiles(caches: CacheStorage = globalThis.caches): Promise<void> {
  await caches.delete(OFFLINE_TILES.name);
  try {
    globalThis.localStorage?.removeItem(RECORD_KEY);
  } catch {
    // Nothing to forget.
  }
}
