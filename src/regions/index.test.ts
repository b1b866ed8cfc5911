/**
 * The gazetteer by scope (docs/REGIONS.md "A province deployment"): a province's officer loads
 * their own prefecture's file, not the province's 11; the province's admin loads them all; a
 * prefecture deployment loads its one file whoever signs in.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deployment, setDeployment } from '../domain/deployment';
import { FakeCacheStorage } from '../test-support/fakeCaches';
import { twoPrefectureProvince } from '../test-support/province';
import { parseRegionFile } from '../domain/region';
import { forgetRegions, loadRegions, regionFilesFor, setRegionsScope } from './index';

const built = deployment();
const province = twoPrefectureProvince(built);
const realFetch = globalThis.fetch;
afterEach(() => {
  setDeployment(built);
  globalThis.fetch = realFetch;
  forgetRegions();
});

describe('regionFilesFor', () => {
  it("gives a prefecture's whole area its file and a county or township user names + county", () => {
    expect(regionFilesFor(null, built)).toEqual(['3301']);
    expect(regionFilesFor({ code: '3301' }, built)).toEqual(['3301']);
    expect(regionFilesFor({ code: '330127' }, built)).toEqual(['3301-names', '330127']);
    expect(regionFilesFor({ code: '330127100' }, built)).toEqual(['3301-names', '330127']);
    // A scope the area does not hold (a stale session): the whole area, not nothing.
    expect(regionFilesFor({ code: '330227' }, built)).toEqual(['3301']);
  });

  it("gives a province's whole area every file, a prefecture its own, a county its county", () => {
    expect(regionFilesFor({ code: '33' }, province)).toEqual(['3301', '3302']);
    expect(regionFilesFor(null, province)).toEqual(['3301', '3302']);
    expect(regionFilesFor({ code: '3302' }, province)).toEqual(['3302']);
    expect(regionFilesFor({ code: '330225' }, province)).toEqual(['3302-names', '330225']);
    expect(regionFilesFor({ code: '330127100' }, province)).toEqual(['3301-names', '330127']);
    expect(regionFilesFor({ code: '3401' }, province)).toEqual(['3301', '3302']);
  });
});

describe("a county user's gazetteer (REGION=3301)", () => {
  const publicJson = (name: string): unknown =>
    JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/regions', name), 'utf8'));

  it('fetches the names file and its own county, knows every county, lists its own villages', async () => {
    forgetRegions();
    const asked: string[] = [];
    globalThis.fetch = (async (url: string) => {
      asked.push(url);
      return new Response(JSON.stringify(publicJson(url.replace('/regions/', ''))));
    }) as typeof fetch;
    const officer = loadRegions();
    setRegionsScope({ code: '330127100' });
    const regions = await officer;
    expect(asked).toEqual(['/regions/3301-names.json', '/regions/330127.json']);
    const whole = parseRegionFile(publicJson('3301.json'));

    // Names of every county and township, as in the whole file; the counts are the same.
    expect(regions.prefecture).toEqual(whole.prefecture);
    expect(regions.counties).toEqual(whole.counties);
    expect(regions.townships).toEqual(whole.townships);
    expect(regions.ruralCounts).toEqual(whole.ruralCounts);
    expect(regions.ruralCounts.get('330127')).toBe(337);
    expect(regions.placeLabel('330113001')).toBe(whole.placeLabel('330113001'));
    // Villages: its own county's only; one elsewhere is unknown, as another prefecture's is.
    expect(regions.villagesLoadedFor).toEqual(new Set(['330127']));
    expect(regions.villages.length).toBeGreaterThan(0);
    expect(regions.villages.every((v) => v.countyCode === '330127')).toBe(true);
    expect(regions.villages).toEqual(whole.villages.filter((v) => v.countyCode === '330127'));
    const elsewhere = whole.villages.find((v) => v.countyCode === '330113')!;
    expect(regions.village(elsewhere.code)).toBeUndefined();
    expect(regions.placeLabel(elsewhere.code)).toBeUndefined();
    expect(regions.searchVillages(elsewhere.shortName)).not.toContainEqual(elsewhere);
    expect(whole.villagesLoadedFor).toBeNull();

    // The prefecture's admin signs in on the same device: the whole file, every village.
    setRegionsScope({ code: '3301' });
    const all = await loadRegions();
    expect(asked.at(-1)).toBe('/regions/3301.json');
    expect(all.villages).toHaveLength(whole.villages.length);
  });
});

describe('loadRegions in a province', () => {
  const hangzhou = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../public/regions/3301.json'), 'utf8'),
  ) as unknown;
  const ningbo = {
    v: 1,
    source: 'test',
    prefecture: { code: '3302', name: '宁波市' },
    counties: [['330225', '象山县']],
    townships: [['330225100', '丹东街道']],
    villages: [],
  };

  it("waits for the user's area, then fetches only its prefecture's file; the admin's gets all", async () => {
    forgetRegions(); // a page just opened: the shell has not said whose area it is
    setDeployment(province);
    const asked: string[] = [];
    globalThis.fetch = (async (url: string) => {
      asked.push(url);
      const body = url.endsWith('/3301.json') ? hangzhou : ningbo;
      return new Response(JSON.stringify(body), { status: 200 });
    }) as typeof fetch;

    const officer = loadRegions();
    await Promise.resolve();
    expect(asked).toEqual([]); // nothing before the shell says whose phone this is
    setRegionsScope({ code: '3302' });
    const regions = await officer;
    expect(asked).toEqual(['/regions/3302.json']);
    expect(regions.prefecture).toEqual({ code: '3302', name: '宁波市' });
    expect(regions.county('330225')?.name).toBe('象山县');

    // The province's admin signs in on the same device: both files, one index over the province.
    setRegionsScope({ code: '33' });
    const all = await loadRegions();
    // 3302.json is not fetched again: its bytes were fetched once on this page.
    expect(asked).toEqual(['/regions/3302.json', '/regions/3301.json']);
    expect(all.prefecture).toEqual({ code: '33', name: '浙江省' });
    expect(all.county('330127')).toBeDefined();
    expect(all.county('330225')).toBeDefined();

    // The same area again: nothing fetched.
    setRegionsScope({ code: '33' });
    expect(await loadRegions()).toBe(all);
    expect(asked).toHaveLength(2);
  });
});

describe('the first sign-in on a phone the service worker does not control yet', () => {
  it('fetches each of the user region files once, parses them and keeps them offline', async () => {
    forgetRegions();
    const storage = new FakeCacheStorage();
    const realCaches = (globalThis as { caches?: CacheStorage }).caches;
    (globalThis as { caches?: CacheStorage }).caches = storage.asCacheStorage();
    try {
      const asked: string[] = [];
      globalThis.fetch = (async (url: string) => {
        asked.push(url);
        const name = url.replace('/regions/', '');
        return new Response(
          readFileSync(resolve(import.meta.dirname, '../../public/regions', name)),
        );
      }) as typeof fetch;

      const parsed = loadRegions(); // a screen asks first…
      setRegionsScope({ code: '330127100' }); // …then the shell says whose phone it is (and keeps)
      const regions = await parsed;
      expect(regions.villagesLoadedFor).toEqual(new Set(['330127']));
      const kept = await storage.open('cundian-regions');
      await vi.waitFor(() => expect(kept.entries.size).toBe(2));

      // One request per file although both the parser and the keeping wanted it.
      expect(asked).toEqual(['/regions/3301-names.json', '/regions/330127.json']);
      const names = await kept.match('/regions/3301-names.json');
      expect(await names?.json()).toEqual(
        JSON.parse(
          readFileSync(
            resolve(import.meta.dirname, '../../public/regions/3301-names.json'),
            'utf8',
          ),
        ),
      );
    } finally {
      (globalThis as { caches?: CacheStorage }).caches = realCaches;
    }
  });

  it('asks again after a failed fetch (offline at the first try)', async () => {
    forgetRegions();
    let online = false;
    const asked: string[] = [];
    globalThis.fetch = (async (url: string) => {
      asked.push(url);
      if (!online) throw new TypeError('Failed to fetch');
      const name = url.replace('/regions/', '');
      return new Response(readFileSync(resolve(import.meta.dirname, '../../public/regions', name)));
    }) as typeof fetch;
    setRegionsScope({ code: '330127100' });
    await expect(loadRegions()).rejects.toThrow('Failed to fetch');
    online = true;
    const regions = await loadRegions();
    expect(regions.county('330127')?.name).toBe('淳安县');
    expect(asked.filter((u) => u === '/regions/330127.json')).toHaveLength(2);
  });
});
