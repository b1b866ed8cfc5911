// The download runs in a village where the link comes and goes, on a phone that fills up. What
// must hold: every tile of the area is stored under the URL the map will ask for; a second run
// fetches nothing already stored (resume); a dead link stops the run instead of spinning through
// thousands of tiles; a full phone stops it and keeps what it has; cancel keeps what it has; an
// error page or a refusal is never stored as a tile.
import { describe, expect, it } from 'vitest';
import { baseLayerById, OFFLINE_TILES } from './baseLayers';
import { FakeCacheStorage } from '../test-support/fakeCaches';
import { tileCount, tileRanges, tilesOf, tileUrl, type GeoBox } from './offlineTiles';
import {
  countStoredTiles,
  deleteStoredTiles,
  downloadTiles,
  storedAreaKey,
  tilesStoredElsewhere,
  type DownloadEnv,
  type StoredArea,
} from './tileDownload';

const amap = baseLayerById('amap')!;
const box: GeoBox = { south: 29.6, west: 119.0, north: 29.63, east: 119.05, datum: 'GCJ02' };
const ranges = tileRanges(box, 12, 15, 'GCJ02');
const total = tileCount(ranges);
const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 0]);

function env(fetch: (url: string, init?: RequestInit) => Promise<Response>) {
  const storage = new FakeCacheStorage();
  const requested: string[] = [];
  const e: Partial<DownloadEnv> = {
    caches: storage.asCacheStorage(),
    pause: async () => undefined,
    fetch: (async (url: string, init?: RequestInit) => {
      requested.push(url);
      return fetch(url, init);
    }) as typeof globalThis.fetch,
  };
  return { storage, requested, env: e };
}

const ok = async () => new Response(PNG, { status: 200, headers: { 'content-type': 'image/png' } });

describe('downloadTiles', () => {
  it('stores every tile of the area under the URL the map asks for, then resumes with none', async () => {
    expect(total).toBeGreaterThan(20);
    const { storage, requested, env: e } = env(ok);
    const progress: number[] = [];
    const first = await downloadTiles(amap, ranges, {
      env: e,
      onProgress: (p) => progress.push(p.done),
    });
    expect(first.kind).toBe('complete');
    expect(first.progress).toMatchObject({ total, done: total, stored: total, failed: 0 });
    expect(first.progress.bytes).toBe(total * PNG.length);
    const cache = storage.caches.get(OFFLINE_TILES.name)!;
    expect([...cache.entries.keys()].sort()).toEqual(
      [...tilesOf(ranges)].map((tile) => tileUrl(amap, tile)).sort(),
    );
    expect(requested).toHaveLength(total);
    expect(progress.at(-1)).toBe(total);
    expect(await countStoredTiles(storage.asCacheStorage())).toBe(total);

    const again = await downloadTiles(amap, ranges, { env: e });
    expect(again.progress).toMatchObject({ stored: 0, skipped: total, failed: 0 });
    expect(requested).toHaveLength(total);

    await deleteStoredTiles(storage.asCacheStorage());
    expect(await countStoredTiles(storage.asCacheStorage())).toBe(0);
  });

  it('retries a tile that failed, and never stores an error answer', async () => {
    const tries = new Map<string, number>();
    const { storage, env: e } = env(async (url) => {
      const n = (tries.get(url) ?? 0) + 1;
      tries.set(url, n);
      if (url.includes('x=')) {
        const x = Number(/x=(\d+)/.exec(url)![1]);
        if (x % 2 === 0 && n < 3) throw new TypeError('Failed to fetch'); // flaky: third try works
        if (x % 7 === 0) return new Response('no tile', { status: 404 });
      }
      return ok();
    });
    const outcome = await downloadTiles(amap, ranges, { env: e });
    const notFound = [...tilesOf(ranges)].filter((t) => t.x % 7 === 0).length;
    expect(outcome.kind).toBe('complete');
    expect(outcome.progress.failed).toBe(notFound);
    expect(outcome.progress.stored).toBe(total - notFound);
    const cache = storage.caches.get(OFFLINE_TILES.name)!;
    for (const url of cache.entries.keys()) expect(Number(/x=(\d+)/.exec(url)![1]) % 7).not.toBe(0);
    // A 404 is asked once; a flaky tile three times.
    const flaky = [...tries.entries()].find(([url]) => Number(/x=(\d+)/.exec(url)![1]) % 14 === 2);
    expect(flaky?.[1]).toBe(3);
  });

  it('stops when the link is gone and keeps what it stored', async () => {
    let served = 0;
    const {
      storage,
      requested,
      env: e,
    } = env(async () => {
      served += 1;
      if (served > 10) throw new TypeError('Failed to fetch');
      return ok();
    });
    const outcome = await downloadTiles(amap, ranges, { env: e });
    expect(outcome.kind).toBe('offline');
    expect(outcome.progress.stored).toBe(10);
    expect(storage.caches.get(OFFLINE_TILES.name)!.entries.size).toBe(10);
    // It gave up after about twenty dead tiles (three tries each), not after all of them.
    expect(requested.length).toBeLessThan(10 + 3 * 30);
    expect(total).toBeGreaterThan(40);
  });

  it('stops on a full phone and keeps what it stored', async () => {
    const { storage, env: e } = env(ok);
    (await storage.open(OFFLINE_TILES.name)).failPutsAfter = 15;
    const outcome = await downloadTiles(amap, ranges, { env: e });
    expect(outcome.kind).toBe('storageFull');
    expect(outcome.progress.stored).toBe(15);
    expect(storage.caches.get(OFFLINE_TILES.name)!.entries.size).toBe(15);
  });

  it('stops on cancel and keeps what it stored', async () => {
    const controller = new AbortController();
    let served = 0;
    const { storage, env: e } = env(async (_url, init) => {
      served += 1;
      if (served === 12) controller.abort();
      if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
      return ok();
    });
    const outcome = await downloadTiles(amap, ranges, { env: e, signal: controller.signal });
    expect(outcome.kind).toBe('cancelled');
    const kept = storage.caches.get(OFFLINE_TILES.name)!.entries.size;
    expect(kept).toBe(outcome.progress.stored);
    expect(kept).toBeGreaterThanOrEqual(8);
    expect(kept).toBeLessThan(12);
  });
});

describe('the cap beside what is stored', () => {
  const area = (key: string, tiles: number): StoredArea => ({
    key,
    layerId: 'amap',
    areaName: '淳安县',
    minZoom: 10,
    maxZoom: 14,
    tiles,
    bytes: tiles * 15_000,
    at: '2026-03-01T00:00:00Z',
  });

  it('does not count an area’s own tiles twice when it is resumed', () => {
    const key = storedAreaKey('amap', '330127', 10, 14);
    expect(key).toBe('amap:330127:10-14');
    // 3,000 of 淳安县's tiles stored, and 500 of another county's.
    const areas = [area(key, 3000), area(storedAreaKey('amap', '330122', 10, 12), 500)];
    expect(tilesStoredElsewhere(3500, areas, key)).toBe(500);
    // Another download: everything stored counts.
    expect(tilesStoredElsewhere(3500, areas, storedAreaKey('amap', '330127', 10, 13))).toBe(3500);
    // A record larger than the cache (cleared by the browser) never makes it negative.
    expect(tilesStoredElsewhere(100, areas, key)).toBe(0);
  });
});
