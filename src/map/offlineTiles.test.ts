// The offline base map cuts an area into the tiles the map will later ask for. A wrong row
// formula would download a strip beside the area and leave the village grey; a box left in the
// outline's datum would miss up to half a kilometre of AMap's GCJ-02 tiles on one side; a
// subdomain other than Leaflet's would store every tile under a URL the map never requests; and
// a cap that can be walked around would let a phone pull a whole province.
import { readFileSync } from 'node:fs';
import L from 'leaflet';
import { describe, expect, it } from 'vitest';
import { baseLayerById, BASE_LAYERS, OFFLINE_TILES } from './baseLayers';
import { convertDatum } from './datum';
import {
  boxAround,
  boxInDatum,
  defaultZooms,
  estimateDownload,
  latToTileY,
  lngToTileX,
  padBox,
  tileCount,
  tileRanges,
  tilesOf,
  tileUrl,
  type GeoBox,
} from './offlineTiles';
import { outlineBounds, parseOutlineFile } from './outlines';

const amap = baseLayerById('amap')!;

/** Leaflet's own answer: the tile holding a position at zoom z. */
function leafletTile(lat: number, lng: number, z: number) {
  const p = L.CRS.EPSG3857.latLngToPoint(L.latLng(lat, lng), z);
  return { x: Math.floor(p.x / 256), y: Math.floor(p.y / 256) };
}

describe('tile numbers', () => {
  it('agree with Leaflet over the prefecture at every zoom offered', () => {
    const places = [
      { lat: 30.2592, lng: 120.1503 }, // 断桥, West Lake
      { lat: 29.6055, lng: 119.0424 }, // 千岛湖镇, 淳安县
      { lat: 30.4194, lng: 119.2456 }, // 天目山
      { lat: 29.4776, lng: 118.3552 }, // the south-west corner of the prefecture
    ];
    for (const { lat, lng } of places) {
      for (let z = 3; z <= 18; z++) {
        expect({ x: lngToTileX(lng, z), y: latToTileY(lat, z) }).toEqual(leafletTile(lat, lng, z));
      }
    }
  });

  it('stays on the grid at its edges', () => {
    expect(lngToTileX(-180, 4)).toBe(0);
    expect(lngToTileX(180, 4)).toBe(15);
    expect(latToTileY(89.9, 4)).toBe(0);
    expect(latToTileY(-89.9, 4)).toBe(15);
  });
});

describe('tile ranges of a box', () => {
  const box: GeoBox = { south: 30.2, west: 120.1, north: 30.3, east: 120.2, datum: 'GCJ02' };

  it('lists every tile once per zoom, rows from north to south, lowest zoom first', () => {
    const ranges = tileRanges(box, 12, 14, 'GCJ02');
    expect(ranges.map((r) => r.z)).toEqual([12, 13, 14]);
    for (const r of ranges) {
      expect(r.x0).toBe(lngToTileX(120.1, r.z));
      expect(r.x1).toBe(lngToTileX(120.2, r.z));
      expect(r.y0).toBe(latToTileY(30.3, r.z));
      expect(r.y1).toBe(latToTileY(30.2, r.z));
      expect(r.y0).toBeLessThanOrEqual(r.y1);
    }
    const tiles = [...tilesOf(ranges)];
    expect(tiles.length).toBe(tileCount(ranges));
    expect(new Set(tiles.map((t) => `${t.z}/${t.x}/${t.y}`)).size).toBe(tiles.length);
    expect(tiles[0]!.z).toBe(12);
    expect(tiles.at(-1)!.z).toBe(14);
    // A 0.1° box at zoom 14: x = ⌊(120.1 + 180) / 360 × 2¹⁴⌋ = 13657 … ⌊13662.4⌋ = 13662.
    expect(ranges[2]).toMatchObject({ x0: 13657, x1: 13662, y0: 6743, y1: 6749 });
  });

  it('about quadruples with each zoom', () => {
    const ranges = tileRanges(box, 10, 16, 'GCJ02');
    const counts = ranges.map((r) => (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1));
    for (let i = 3; i < counts.length; i++) {
      expect(counts[i]! / counts[i - 1]!).toBeGreaterThan(2.5);
      expect(counts[i]! / counts[i - 1]!).toBeLessThan(6);
    }
  });

  it('cuts a WGS-84 box in GCJ-02 for AMap: the box moves with the datum', () => {
    const wgs: GeoBox = { ...box, datum: 'WGS84' };
    const gcj = boxInDatum(wgs, 'GCJ02');
    const sw = convertDatum({ lat: 30.2, lng: 120.1 }, 'WGS84', 'GCJ02');
    const se = convertDatum({ lat: 30.2, lng: 120.2 }, 'WGS84', 'GCJ02');
    const nw = convertDatum({ lat: 30.3, lng: 120.1 }, 'WGS84', 'GCJ02');
    expect(gcj.south).toBeCloseTo(Math.min(sw.lat, se.lat), 9);
    expect(gcj.west).toBeCloseTo(Math.min(sw.lng, nw.lng), 9);
    // Around Hangzhou GCJ-02 lies ~0.0045° east and ~0.0025° south-ish of WGS-84: not nothing.
    expect(gcj.east - wgs.east).toBeGreaterThan(0.003);
    // At zoom 17 (tiles of ~0.0027°) that shift moves the columns.
    const [inWgs] = tileRanges(wgs, 17, 17, 'WGS84');
    const [inGcj] = tileRanges(wgs, 17, 17, 'GCJ02');
    expect(inGcj!.x0).toBeGreaterThan(inWgs!.x0);
    // Same datum: nothing moves.
    expect(boxInDatum(gcj, 'GCJ02')).toBe(gcj);
  });

  it('grows a box by metres on every side', () => {
    const padded = padBox(box, 2000);
    expect(padded.north - box.north).toBeCloseTo(2000 / 111_320, 6);
    // A degree of longitude is shorter at 30°: more degrees for the same metres.
    expect(padded.east - box.east).toBeGreaterThan(padded.north - box.north);
    expect(boxAround([], 'WGS84')).toBeNull();
    expect(
      boxAround(
        [
          { lat: 1, lng: 2 },
          { lat: -1, lng: 3 },
        ],
        'WGS84',
      ),
    ).toEqual({
      south: -1,
      north: 1,
      west: 2,
      east: 3,
      datum: 'WGS84',
    });
  });
});

describe('tile URLs', () => {
  it('are the URLs Leaflet asks for, subdomain included', () => {
    for (const layer of BASE_LAYERS) {
      const leaflet = L.tileLayer(layer.url, { subdomains: layer.subdomains ?? 'abc' });
      // getTileUrl needs a map for the zoom; give it the coordinates' own.
      (leaflet as unknown as { _getZoomForUrl: () => number })._getZoomForUrl = () => 14;
      for (const [x, y] of [
        [13660, 6764],
        [13661, 6764],
        [13662, 6765],
        [13663, 6767],
      ] as const) {
        const coords = Object.assign(L.point(x, y), { z: 14 });
        expect(tileUrl(layer, { z: 14, x, y })).toBe(leaflet.getTileUrl(coords));
      }
    }
  });
});

describe('estimate and cap', () => {
  const box: GeoBox = { south: 30.2, west: 120.1, north: 30.3, east: 120.2, datum: 'GCJ02' };

  it('counts tiles and bytes from the layer’s average tile', () => {
    const ranges = tileRanges(box, 10, 15, 'GCJ02');
    const estimate = estimateDownload(amap, ranges);
    expect(estimate.tiles).toBe(tileCount(ranges));
    expect(estimate.bytes).toBe(estimate.tiles * amap.offline!.averageTileBytes);
    expect(estimate).toMatchObject({ allowed: true, refusal: null });
  });

  it('refuses above the cap, counting what is already stored', () => {
    const ranges = tileRanges(box, 10, 15, 'GCJ02');
    const n = tileCount(ranges);
    expect(estimateDownload(amap, ranges, 0, n).allowed).toBe(true);
    expect(estimateDownload(amap, ranges, 0, n - 1)).toMatchObject({
      allowed: false,
      refusal: 'tooMany',
    });
    expect(estimateDownload(amap, ranges, 1, n)).toMatchObject({ refusal: 'tooMany' });
    expect(estimateDownload(amap, tileRanges(box, 10, 18, 'GCJ02')).refusal).toBe('tooMany');
  });

  it('refuses a base map that does not allow downloads (OpenStreetMap)', () => {
    const osm = baseLayerById('osm')!;
    expect(osm.offline).toBeUndefined();
    expect(estimateDownload(osm, tileRanges(box, 10, 12, 'WGS84'))).toMatchObject({
      allowed: false,
      refusal: 'notAllowed',
    });
    expect(estimateDownload(amap, [])).toMatchObject({ allowed: false, refusal: 'empty' });
  });
});

describe('figures for Hangzhou (docs/MAP.md)', () => {
  const outlines = parseOutlineFile(
    JSON.parse(readFileSync('public/regions/3301-outlines.json', 'utf8')),
  );
  const boxOf = (code: string): GeoBox => {
    const b = outlineBounds(outlines.outlines.filter((o) => o.code === code))!;
    return { south: b[0][0], west: b[0][1], north: b[1][0], east: b[1][1], datum: outlines.datum };
  };

  it('a county at the default zooms stays under the cap; at 10–15 the largest does not', () => {
    const county = defaultZooms('county');
    const counts = Object.fromEntries(
      ['330127', '330122', '330106'].map((code) => [
        code,
        tileCount(tileRanges(boxOf(code), county.min, county.max, 'GCJ02')),
      ]),
    );
    // 淳安县, the largest county (≈ 4,400 km²): a few hundred tiles at 10–13.
    expect(counts['330127']).toBeGreaterThan(200);
    expect(counts['330127']).toBeLessThan(OFFLINE_TILES.maxTiles);
    expect(counts['330106']).toBeLessThan(counts['330127']!);
    const deep = tileCount(tileRanges(boxOf('330127'), 10, 15, 'GCJ02'));
    expect(deep).toBeGreaterThan(OFFLINE_TILES.maxTiles);
  });

  it('a township (its points padded by 2 km) at 10–15 is a few hundred tiles', () => {
    const zooms = defaultZooms('township');
    // 千岛湖镇's service points spread over about 6 × 4 km.
    const points = [
      { lat: 29.59, lng: 119.0 },
      { lat: 29.62, lng: 119.06 },
    ];
    const box = padBox(boxAround(points, 'WGS84')!, 2000);
    const n = tileCount(tileRanges(box, zooms.min, zooms.max, 'GCJ02'));
    expect(n).toBeGreaterThan(50);
    expect(n).toBeLessThan(600);
  });
});
