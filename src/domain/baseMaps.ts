/**
 * The configured base maps (DESIGN.md §5) as plain data: the list the map screens offer
 * (src/map/baseLayers.ts re-exports it with the device-side helpers) and the tile hosts the
 * server's Content-Security-Policy allows (server/app.ts). Here, in src/domain, because the
 * server may import src/domain but never UI code. A deployment changes this list.
 *
 * About each provider's terms, see src/map/baseLayers.ts. Pure: no Leaflet, React, DOM or Node.
 */

/** The datums a base map may be drawn in (src/map/datum.ts converts between them). */
export const DATUMS = ['WGS84', 'GCJ02', 'BD09'] as const;
export type Datum = (typeof DATUMS)[number];

export interface BaseLayerConfig {
  id: string;
  /** i18n key of the name shown in the chooser (src/i18n/features/map.ts). */
  labelKey: 'map.base.osm' | 'map.base.amap' | 'map.base.amapSatellite';
  /** Leaflet URL template: {s} subdomain, {z}/{x}/{y} tile. */
  url: string;
  subdomains?: string;
  /** HTML as Leaflet expects it; provider text from this file, never user input. */
  attribution: string;
  minZoom: number;
  maxZoom: number;
  datum: Datum;
  /**
   * Present only when this base map may be downloaded ahead of time for an area (DESIGN.md §5:
   * a tile server the deployment runs itself, or a provider whose licence permits offline use).
   * Absent: the settings screen says why offline download is not offered for it.
   */
  offline?: {
    /** Average size of one tile in bytes, for the estimate shown before a download. */
    averageTileBytes: number;
  };
}

/** The "no base map" choice: outlines, coverage and points on a plain background. */
export const BASE_LAYERS: readonly BaseLayerConfig[] = [
  {
    id: 'osm',
    labelKey: 'map.base.osm',
    url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    attribution:
      '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    minZoom: 0,
    maxZoom: 19,
    datum: 'WGS84',
  },
  {
    id: 'amap',
    labelKey: 'map.base.amap',
    url: 'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}',
    subdomains: '1234',
    attribution: '&copy; <a href="https://www.amap.com/">高德地图 AutoNavi</a>',
    minZoom: 3,
    maxZoom: 18,
    datum: 'GCJ02',
    // Road map PNGs of Zhejiang measured at zooms 10–15: 4–30 KB, most 10–20 KB.
    offline: { averageTileBytes: 15_000 },
  },
  {
    id: 'amap-satellite',
    labelKey: 'map.base.amapSatellite',
    url: 'https://webst0{s}.is.autonavi.com/appmaptile?style=6&x={x}&y={y}&z={z}',
    subdomains: '1234',
    attribution: '&copy; <a href="https://www.amap.com/">高德地图 AutoNavi</a>',
    minZoom: 3,
    maxZoom: 18,
    datum: 'GCJ02',
    // Satellite JPEGs are heavier than the road map.
    offline: { averageTileBytes: 25_000 },
  },
];

/**
 * Every origin the configured base maps load tiles from ({s} expanded): what the served app's
 * CSP must allow in connect-src for the service worker to fetch and cache tiles, and in img-src.
 */
export function tileOrigins(layers: readonly BaseLayerConfig[] = BASE_LAYERS): string[] {
  const origins = new Set<string>();
  for (const layer of layers) {
    const subdomains = layer.url.includes('{s}') ? [...(layer.subdomains ?? 'abc')] : [''];
    for (const s of subdomains) origins.add(new URL(layer.url.replace('{s}', s)).origin);
  }
  return [...origins];
}
