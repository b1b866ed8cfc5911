/**
 * The arithmetic of an offline base map (settings → 离线底图): which tiles cover an area at the
 * zooms the officer picked, how many that is, about how many bytes, and whether it stays under
 * the cap (OFFLINE_TILES). Pure functions, no DOM and no Cache Storage: the download itself is
 * src/map/tileDownload.ts.
 *
 * Datums matter here too: AMap's tiles are drawn in GCJ-02, so an area's box must be in GCJ-02
 * before it is cut into AMap tiles, or the download would miss a strip of up to ~0.5 km on one
 * side. Every box carries its datum and `boxInDatum` converts it (all four corners, then the box
 * around them).
 */
import { OFFLINE_TILES, type BaseLayerConfig } from './baseLayers';
import { convertDatum, type Datum } from './datum';

/** A latitude/longitude box in one datum. */
export interface GeoBox {
  south: number;
  west: number;
  north: number;
  east: number;
  datum: Datum;
}

/** Tile columns x0…x1 and rows y0…y1 (inclusive) at zoom z, Web Mercator (XYZ, y down). */
export interface TileRange {
  z: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface TileCoord {
  z: number;
  x: number;
  y: number;
}

/** Web Mercator stops at ±85.0511°. */
const MAX_LAT = 85.05112878;

/** The tile column holding a longitude at zoom z. */
export function lngToTileX(lng: number, z: number): number {
  const n = 2 ** z;
  const x = Math.floor(((lng + 180) / 360) * n);
  return Math.min(n - 1, Math.max(0, x));
}

/** The tile row holding a latitude at zoom z (row 0 at the top). */
export function latToTileY(lat: number, z: number): number {
  const n = 2 ** z;
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const rad = (clamped * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return Math.min(n - 1, Math.max(0, y));
}

/** The box in another datum: the four corners converted, and the box around them. */
export function boxInDatum(box: GeoBox, datum: Datum): GeoBox {
  if (box.datum === datum) return box;
  const corners = [
    { lat: box.south, lng: box.west },
    { lat: box.south, lng: box.east },
    { lat: box.north, lng: box.west },
    { lat: box.north, lng: box.east },
  ].map((p) => convertDatum(p, box.datum, datum));
  return {
    south: Math.min(...corners.map((p) => p.lat)),
    north: Math.max(...corners.map((p) => p.lat)),
    west: Math.min(...corners.map((p) => p.lng)),
    east: Math.max(...corners.map((p) => p.lng)),
    datum,
  };
}

/** A box grown by `metres` on every side (for a township drawn from its points). */
export function padBox(box: GeoBox, metres: number): GeoBox {
  const dLat = metres / 111_320;
  const midLat = ((box.south + box.north) / 2) * (Math.PI / 180);
  const dLng = metres / (111_320 * Math.max(0.01, Math.cos(midLat)));
  return {
    south: box.south - dLat,
    north: box.north + dLat,
    west: box.west - dLng,
    east: box.east + dLng,
    datum: box.datum,
  };
}

/** The box around some positions, or null when there are none. */
export function boxAround(
  positions: readonly { lat: number; lng: number }[],
  datum: Datum,
): GeoBox | null {
  if (positions.length === 0) return null;
  return {
    south: Math.min(...positions.map((p) => p.lat)),
    north: Math.max(...positions.map((p) => p.lat)),
    west: Math.min(...positions.map((p) => p.lng)),
    east: Math.max(...positions.map((p) => p.lng)),
    datum,
  };
}

/**
 * The tile ranges covering a box at each zoom from minZoom to maxZoom, in the datum the tiles
 * are drawn in (`tileDatum`, the base map's).
 */
export function tileRanges(
  box: GeoBox,
  minZoom: number,
  maxZoom: number,
  tileDatum: Datum,
): TileRange[] {
  const b = boxInDatum(box, tileDatum);
  const ranges: TileRange[] = [];
  for (let z = minZoom; z <= maxZoom; z++) {
    ranges.push({
      z,
      x0: lngToTileX(b.west, z),
      x1: lngToTileX(b.east, z),
      y0: latToTileY(b.north, z),
      y1: latToTileY(b.south, z),
    });
  }
  return ranges;
}

export function rangeCount(range: TileRange): number {
  return (range.x1 - range.x0 + 1) * (range.y1 - range.y0 + 1);
}

export function tileCount(ranges: readonly TileRange[]): number {
  return ranges.reduce((sum, r) => sum + rangeCount(r), 0);
}

/** Every tile of the ranges, lowest zoom first (the overview arrives before the detail). */
export function* tilesOf(ranges: readonly TileRange[]): Generator<TileCoord> {
  for (const r of [...ranges].sort((a, b) => a.z - b.z)) {
    for (let x = r.x0; x <= r.x1; x++) {
      for (let y = r.y0; y <= r.y1; y++) yield { z: r.z, x, y };
    }
  }
}

/**
 * The URL Leaflet requests for a tile of a layer — the same subdomain Leaflet picks
 * (`|x + y| mod n`, TileLayer._getSubdomain in Leaflet 1.9), so the service worker finds the
 * downloaded tile under the very URL the map asks for.
 */
export function tileUrl(
  layer: Pick<BaseLayerConfig, 'url' | 'subdomains'>,
  { z, x, y }: TileCoord,
): string {
  const subdomains = layer.subdomains ?? 'abc';
  const s = subdomains[Math.abs(x + y) % subdomains.length] ?? '';
  return layer.url
    .replace('{s}', s)
    .replace('{z}', String(z))
    .replace('{x}', String(x))
    .replace('{y}', String(y))
    .replace('{r}', '');
}

export interface DownloadEstimate {
  tiles: number;
  bytes: number;
  /** Whether the download may start: under the cap, and a layer that allows it. */
  allowed: boolean;
  /** Why not, when not allowed. */
  refusal: 'notAllowed' | 'tooMany' | 'empty' | null;
  maxTiles: number;
}

/**
 * Count, size and cap of a download. `alreadyStored` counts the tiles the offline cache already
 * holds for other areas: the cap is on the whole cache, so two counties cannot add up past it.
 * (Tiles of this same area already stored would be skipped; counting them again only errs on
 * the side of refusing.)
 */
export function estimateDownload(
  layer: Pick<BaseLayerConfig, 'offline'>,
  ranges: readonly TileRange[],
  alreadyStored = 0,
  maxTiles: number = OFFLINE_TILES.maxTiles,
): DownloadEstimate {
  const tiles = tileCount(ranges);
  const bytes = tiles * (layer.offline?.averageTileBytes ?? 0);
  const refusal = !layer.offline
    ? 'notAllowed'
    : tiles === 0
      ? 'empty'
      : tiles + alreadyStored > maxTiles
        ? 'tooMany'
        : null;
  return { tiles, bytes, allowed: refusal === null, refusal, maxTiles };
}

/** Sensible zooms to offer first: a township down to street level, a county less deep. */
export function defaultZooms(kind: 'township' | 'county'): { min: number; max: number } {
  return kind === 'township' ? { min: 10, max: 15 } : { min: 10, max: 13 };
}
