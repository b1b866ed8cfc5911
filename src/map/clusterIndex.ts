/**
 * The cluster index and the messages that drive it: the ONE implementation, run in a Web Worker
 * (./cluster.worker.ts) and, where there is no Worker (jsdom, or a worker that failed to start),
 * on the main thread (./clusterClient.ts). No Leaflet and no DOM here: positions in, plain data
 * out, so the answers cross postMessage as they are.
 *
 * Why a worker: building the supercluster index of 10,000 points was the map's longest task on a
 * slow phone (docs/PERFORMANCE.md, "The cluster index in a worker").
 */
import Supercluster, { type PointFeature } from 'supercluster';
import { toDisplay, type Datum } from './datum';

/**
 * Clusters are computed up to this zoom (a few streets across); beyond it every point stands
 * alone. Each extra level costs a pass over the points when the index is built: 16 rather than
 * the base maps' 18–19 halves the build time for 10,000 points (bench/map.bench.ts). Points at
 * the very same position (two records for one shop) stay one cluster up to here, and tapping it
 * lists them instead of zooming in to markers that hide each other.
 */
export const CLUSTER_MAX_ZOOM = 16;

/**
 * Leaflet's tiles are 256 px. supercluster measures `radius` against its `extent` (default 512),
 * which made the radius half of what it said: with 60 and the default, points 30 px apart were
 * separate markers whose tap targets overlapped (axe target-size found 12–20 px left of some).
 */
const LEAFLET_TILE_SIZE = 256;

export type CategoryCounts = Record<string, number>;

/**
 * The positions of a layer's items as typed arrays (transferred to the worker, not copied):
 * item i is at (lat[i], lng[i]) and counts as categories[category[i]].
 */
export interface PackedPoints {
  lat: Float64Array;
  lng: Float64Array;
  category: Uint16Array;
  categories: string[];
  /**
   * Set when lat/lng are stored (WGS-84) positions to be shown on a base map in this datum: the
   * index converts them first — in the worker, so a county's 10,000 conversions are not the main
   * thread's work before the first markers (docs/PERFORMANCE.md, eleventh session). Unset: the
   * positions are already the display's.
   */
  display?: Datum;
}

/**
 * Packs items' positions and categories for the index (one pass, no objects kept); `display`:
 * the positions are WGS-84 and the index converts them to that datum (PackedPoints.display).
 */
export function packPoints(
  items: readonly { lat: number; lng: number; category: string }[],
  display?: Datum,
): PackedPoints {
  const n = items.length;
  const lat = new Float64Array(n);
  const lng = new Float64Array(n);
  const category = new Uint16Array(n);
  const categories: string[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    lat[i] = item.lat;
    lng[i] = item.lng;
    let c = seen.get(item.category);
    if (c === undefined) {
      c = categories.length;
      if (c > 0xffff) throw new RangeError('More than 65,536 categories in one cluster layer');
      seen.set(item.category, c);
      categories.push(item.category);
    }
    category[i] = c;
  }
  return display && display !== 'WGS84'
    ? { lat, lng, category, categories, display }
    : { lat, lng, category, categories };
}

/** What the map draws: a cluster (id, size, counts per category) or one item by its index. */
export type ClusterFeature =
  | {
      kind: 'cluster';
      id: number;
      count: number;
      counts: CategoryCounts;
      lat: number;
      lng: number;
    }
  | { kind: 'point'; i: number; lat: number; lng: number };

/** One item of a cluster: its index in the layer's items and its position. */
export interface Leaf {
  i: number;
  lat: number;
  lng: number;
}

/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];

interface PointProps {
  i: number;
}

/**
 * Counts per category as flat numeric properties (`n:open`). Flat on purpose: supercluster copies
 * a cluster's first child's properties shallowly, so a nested counts object would be shared and
 * counted again at every zoom level.
 */
type ClusterProps = Record<string, number>;

const COUNT_PREFIX = 'n:';

function categoryCounts(props: Record<string, unknown>): CategoryCounts {
  const counts: CategoryCounts = {};
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith(COUNT_PREFIX) && typeof value === 'number') {
      counts[key.slice(COUNT_PREFIX.length)] = value;
    }
  }
  return counts;
}

/** One built index with plain-data queries. */
export class ClusterIndex {
  private readonly index: Supercluster<PointProps, ClusterProps>;

  constructor(points: PackedPoints, radius: number) {
    const { lat, lng, category, categories, display } = points;
    const features: PointFeature<PointProps>[] = new Array<PointFeature<PointProps>>(lat.length);
    for (let i = 0; i < lat.length; i++) {
      const at = display ? toDisplay({ lat: lat[i]!, lng: lng[i]! }, display) : null;
      features[i] = {
        type: 'Feature',
        properties: { i },
        geometry: { type: 'Point', coordinates: at ? [at.lng, at.lat] : [lng[i]!, lat[i]!] },
      };
    }
    this.index = new Supercluster<PointProps, ClusterProps>({
      radius,
      extent: LEAFLET_TILE_SIZE,
      maxZoom: CLUSTER_MAX_ZOOM,
      map: (props) => ({ [COUNT_PREFIX + categories[category[props.i]!]!]: 1 }),
      reduce: (acc, props) => {
        for (const [key, n] of Object.entries(props)) acc[key] = (acc[key] ?? 0) + n;
      },
    }).load(features);
  }

  clusters(bbox: BBox, zoom: number): ClusterFeature[] {
    return this.index.getClusters(bbox, zoom).map((feature): ClusterFeature => {
      const props = feature.properties;
      const [lng, lat] = feature.geometry.coordinates as [number, number];
      if ('cluster' in props && props.cluster) {
        return {
          kind: 'cluster',
          id: props.cluster_id,
          count: props.point_count,
          counts: categoryCounts(props),
          lat,
          lng,
        };
      }
      return { kind: 'point', i: (props as PointProps).i, lat, lng };
    });
  }

  expansionZoom(clusterId: number): number {
    return this.index.getClusterExpansionZoom(clusterId);
  }

  leaves(clusterId: number, limit: number): Leaf[] {
    return this.index.getLeaves(clusterId, limit).map((f) => ({
      i: f.properties.i,
      lng: f.geometry.coordinates[0]!,
      lat: f.geometry.coordinates[1]!,
    }));
  }
}

/*
 * The messages. Every request names its layer (one worker serves every cluster layer of the page,
 * each with its own index) and, except load and drop, the generation of the index it was made
 * for: an answer for an index that has since been replaced is null, never another index's data.
 */
interface RequestBase {
  /** Unique per page: pairs the answer with its request. */
  id: number;
  layer: number;
}

export type ClusterRequest =
  | (RequestBase & { type: 'load'; generation: number; points: PackedPoints; radius: number })
  | (RequestBase & { type: 'clusters'; generation: number; bbox: BBox; zoom: number })
  | (RequestBase & { type: 'expansion'; generation: number; cluster: number })
  | (RequestBase & { type: 'leaves'; generation: number; cluster: number; limit: number })
  | (RequestBase & { type: 'drop' });

/** What each request answers when its index is current. */
export interface ClusterResults {
  /** How many points were indexed. */
  load: number;
  clusters: ClusterFeature[];
  expansion: number;
  leaves: Leaf[];
  drop: null;
}

export type ClusterResult = ClusterResults[keyof ClusterResults];

/** `result` null: the index asked about is gone or was replaced (a stale request). */
export type ClusterAnswer =
  { id: number; result: ClusterResult | null } | { id: number; error: string };

/** The index side of the protocol: answers requests in the order they arrive. */
export function createClusterHandler(): (request: ClusterRequest) => ClusterAnswer {
  const indexes = new Map<number, { generation: number; index: ClusterIndex }>();
  return (request) => {
    const { id, layer } = request;
    try {
      if (request.type === 'load') {
        const index = new ClusterIndex(request.points, request.radius);
        indexes.set(layer, { generation: request.generation, index });
        return { id, result: request.points.lat.length };
      }
      if (request.type === 'drop') {
        indexes.delete(layer);
        return { id, result: null };
      }
      const current = indexes.get(layer);
      if (!current || current.generation !== request.generation) return { id, result: null };
      switch (request.type) {
        case 'clusters':
          return { id, result: current.index.clusters(request.bbox, request.zoom) };
        case 'expansion':
          return { id, result: current.index.expansionZoom(request.cluster) };
        case 'leaves':
          return { id, result: current.index.leaves(request.cluster, request.limit) };
      }
    } catch (error) {
      return { id, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
