/**
 * Base maps as configuration (DESIGN.md §5): tile URL, attribution, zoom range and DATUM per
 * layer, plus the tile-cache limits the service worker applies to them. A deployment changes
 * this list, not the map code: add an entry, and the layer appears in the chooser, its points are
 * converted to its datum, and its viewed tiles are cached.
 *
 * Imported by the service worker (src/sw.ts) too, so it must stay free of Leaflet, React and the
 * DOM: plain data and two small functions.
 *
 * About each provider's terms:
 * - OpenStreetMap's tile policy (operations.osmfoundation.org/policies/tiles) allows viewing and
 *   caching what was viewed, requires the attribution, and forbids bulk downloading ("offline
 *   packs"). We cache viewed tiles only and never prefetch.
 * - AMap (高德) web tiles: GCJ-02, Chinese labels, fast inside China. Commercial use needs an
 *   agreement with AMap (lbs.amap.com/home/terms); check before a deployment that is not free to
 *   the public, as for the county outlines (docs/REGIONS.md).
 * - Tianditu (天地图, CGCS2000 ≈ WGS-84) needs a key (tk=…): add an entry with the key when the
 *   deployment has one (see docs/MAP.md).
 * - Baidu (BD-09) also uses its own tile grid, which Leaflet's default Web Mercator grid does not
 *   match: the datum conversion is here, the grid would need a custom CRS.
 */
import { BASE_LAYERS, type BaseLayerConfig, type Datum } from '../domain/baseMaps';

// The list itself lives in src/domain (the server's CSP reads its tile hosts).
export { BASE_LAYERS, tileOrigins, type BaseLayerConfig } from '../domain/baseMaps';

/** The "no base map" choice: outlines, coverage and points on a plain background. */
export const NO_BASE_LAYER = 'none';

export const DEFAULT_BASE_LAYER = 'osm';

export function baseLayerById(id: string): BaseLayerConfig | undefined {
  return BASE_LAYERS.find((layer) => layer.id === id);
}

/** The datum positions are drawn in: the base map's, or WGS-84 with no base map. */
export function displayDatumOf(id: string): Datum {
  return baseLayerById(id)?.datum ?? 'WGS84';
}

const CHOICE_STORAGE_KEY = 'cundian.map.baseLayer';

/** The base map chosen last on this device (map screen, picker), or the default. */
export function readSavedBaseLayer(): string {
  try {
    const stored = globalThis.localStorage?.getItem(CHOICE_STORAGE_KEY);
    if (stored && (stored === NO_BASE_LAYER || baseLayerById(stored))) return stored;
  } catch {
    // Storage may be off (private mode): the default works.
  }
  return DEFAULT_BASE_LAYER;
}

export function saveBaseLayer(id: string): void {
  try {
    globalThis.localStorage?.setItem(CHOICE_STORAGE_KEY, id);
  } catch {
    // Not remembered; the switch still applies to this visit.
  }
}

/**
 * Limits of the service worker's tile cache. 2,000 tiles of 256 px are about 30–60 MB: a
 * county browsed at a few zoom levels. 30 days: base maps change slowly, and a coordinator who
 * was last online a month ago still gets the map back once online. Older or excess tiles go
 * first; on a quota error the whole tile cache goes, never the records in IndexedDB.
 */
export const TILE_CACHE = {
  name: 'cundian-map-tiles-v1',
  maxEntries: 2000,
  maxAgeSeconds: 30 * 24 * 60 * 60,
} as const;

/**
 * The tiles an officer downloaded for an area ahead of time (settings → 离线底图;
 * src/map/tileDownload.ts). A cache of their own, apart from TILE_CACHE: the viewed-tiles cache
 * expires and is purged on a quota error, an area the officer chose to keep is not — it goes
 * only when the officer deletes it. The service worker answers tile requests from it first.
 * `maxTiles` is the cap of one download and of the whole cache: at about 15 KB a tile,
 * 6,000 tiles are about 90 MB, a county at zooms 10–13 or a few townships at 10–15.
 */
export const OFFLINE_TILES = {
  name: 'cundian-map-offline-v1',
  maxTiles: 6000,
} as const;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A RegExp matching the tile URLs of a template ({s} one of the subdomains, {x}{y}{z} digits). */
export function tileUrlPattern(layer: Pick<BaseLayerConfig, 'url' | 'subdomains'>): RegExp {
  const subdomains = [...(layer.subdomains ?? 'abc')].map(escapeRegExp).join('|');
  const source = escapeRegExp(layer.url)
    .replace(/\\\{s\\\}/g, `(?:${subdomains})`)
    .replace(/\\\{[xyz]\\\}/g, '\\d+')
    .replace(/\\\{r\\\}/g, '(?:@2x)?');
  return new RegExp(`^${source}$`);
}

const TILE_PATTERNS = BASE_LAYERS.map(tileUrlPattern);

/** Whether a URL is a tile of one of the configured base maps (the service worker caches those). */
export function isTileUrl(url: string): boolean {
  return TILE_PATTERNS.some((pattern) => pattern.test(url));
}
