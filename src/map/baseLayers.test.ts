// Base maps are configuration, and the service worker decides from the same list which requests
// are tiles to cache. A pattern that matches too much would cache the API or other images for a
// month; one that matches too little would leave a coordinator without a map offline. A layer
// without a datum would draw every point half a kilometre off on Chinese tiles.
import { describe, expect, it } from 'vitest';
import {
  BASE_LAYERS,
  DEFAULT_BASE_LAYER,
  displayDatumOf,
  isTileUrl,
  NO_BASE_LAYER,
  readSavedBaseLayer,
  saveBaseLayer,
  TILE_CACHE,
  tileOrigins,
  tileUrlPattern,
} from './baseLayers';

describe('base map configuration', () => {
  it('has OpenStreetMap (WGS-84) by default and at least one GCJ-02 layer', () => {
    expect(DEFAULT_BASE_LAYER).toBe('osm');
    expect(BASE_LAYERS.find((l) => l.id === 'osm')?.datum).toBe('WGS84');
    expect(BASE_LAYERS.some((l) => l.datum === 'GCJ02')).toBe(true);
  });

  it('gives every layer a unique id, an attribution, a zoom range and a datum', () => {
    expect(new Set(BASE_LAYERS.map((l) => l.id)).size).toBe(BASE_LAYERS.length);
    for (const layer of BASE_LAYERS) {
      expect(layer.attribution).not.toBe('');
      expect(layer.maxZoom).toBeGreaterThan(layer.minZoom);
      expect(['WGS84', 'GCJ02', 'BD09']).toContain(layer.datum);
      expect(layer.url.startsWith('https://')).toBe(true);
    }
    expect(displayDatumOf(NO_BASE_LAYER)).toBe('WGS84');
    expect(displayDatumOf('amap')).toBe('GCJ02');
  });

  it('bounds the tile cache in count and age', () => {
    expect(TILE_CACHE.maxEntries).toBe(2000);
    expect(TILE_CACHE.maxAgeSeconds).toBe(30 * 24 * 3600);
  });
});

describe('tile URL matching (what the service worker caches)', () => {
  it('matches tiles of the configured providers', () => {
    expect(isTileUrl('https://tile.openstreetmap.org/12/3421/1712.png')).toBe(true);
    expect(
      isTileUrl(
        'https://webrd03.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x=3421&y=1712&z=12',
      ),
    ).toBe(true);
    expect(isTileUrl('https://webst01.is.autonavi.com/appmaptile?style=6&x=1&y=2&z=3')).toBe(true);
  });

  it('matches nothing else: our API, other hosts, other paths, unknown subdomains', () => {
    expect(isTileUrl('http://127.0.0.1:8080/api/sync/pull')).toBe(false);
    expect(isTileUrl('https://tile.openstreetmap.org/12/3421/1712.png?evil=1')).toBe(false);
    expect(isTileUrl('https://tile.openstreetmap.org.evil.com/12/3421/1712.png')).toBe(false);
    expect(isTileUrl('https://www.openstreetmap.org/12/3421/1712.png')).toBe(false);
    expect(
      isTileUrl(
        'https://webrd09.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x=1&y=2&z=3',
      ),
    ).toBe(false);
  });

  it('escapes the template (dots and query marks are literal)', () => {
    const pattern = tileUrlPattern({
      url: 'https://{s}.t.example/{z}/{x}/{y}.png?k=1',
      subdomains: 'ab',
    });
    expect(pattern.test('https://a.t.example/1/2/3.png?k=1')).toBe(true);
    expect(pattern.test('https://a.tXexample/1/2/3.png?k=1')).toBe(false);
    expect(pattern.test('https://c.t.example/1/2/3.png?k=1')).toBe(false);
  });

  it('lists the tile origins the CSP has to allow', () => {
    const origins = tileOrigins();
    expect(origins).toContain('https://tile.openstreetmap.org');
    expect(origins).toContain('https://webrd01.is.autonavi.com');
    expect(origins).toContain('https://webst04.is.autonavi.com');
  });
});

describe('the saved choice', () => {
  it('remembers a valid base map and ignores unknown ones', () => {
    saveBaseLayer('amap');
    expect(readSavedBaseLayer()).toBe('amap');
    saveBaseLayer(NO_BASE_LAYER);
    expect(readSavedBaseLayer()).toBe(NO_BASE_LAYER);
    saveBaseLayer('something-removed-from-the-config');
    expect(readSavedBaseLayer()).toBe(DEFAULT_BASE_LAYER);
  });
});
