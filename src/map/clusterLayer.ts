/**
 * A clustered marker layer for Leaflet, built on supercluster: thousands of points become a few
 * dozen markers at prefecture zoom and split as the user zooms in. Generic (items with an id, a
 * position already in the DISPLAY datum and a category used for colour); what a marker looks like
 * and what its popup says are callbacks, so service points, towns or sessions can all use it.
 *
 * Why imperative Leaflet rather than one React component per marker: a filter change over 10,000
 * points must redraw in well under 200 ms on a cheap phone. The index is rebuilt once per data
 * change; a pan or zoom only asks the index for the clusters in view and adds or removes the
 * markers that changed.
 */
import * as L from 'leaflet';
import Supercluster, { type PointFeature } from 'supercluster';
import { MARKER_TAP_SIZE } from './markerSize';

export interface ClusterItem {
  id: string;
  /** Display-datum position (already converted for the base map). */
  lat: number;
  lng: number;
  /** What the cluster colours count (e.g. the status). */
  category: string;
}

export type CategoryCounts = Record<string, number>;

export interface ClusterLayerOptions<T extends ClusterItem> {
  pointIcon(item: T): L.DivIcon;
  /** Accessible name and hover title of a point marker (set as a DOM property, not HTML). */
  pointTitle(item: T): string;
  /** Popup content of one point, built from DOM text nodes (./popup.ts). */
  pointPopup(item: T): HTMLElement;
  clusterIcon(count: number, categories: CategoryCounts): L.DivIcon;
  clusterTitle(count: number): string;
  /** Popup listing the points of a cluster that cannot split further (same position). */
  stackPopup(items: T[], total: number): HTMLElement;
  /**
   * Cluster radius in screen pixels (default MARKER_TAP_SIZE): markers closer than a thumb are
   * one cluster, so no marker hides part of another's tap target.
   */
  radius?: number;
}

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

/**
 * Popups fit a 360-px phone and stay clear of the map's controls: nothing but the scale bar on
 * the left, zoom buttons top right and our buttons bottom right, so the right margin is wide
 * (a popup's close button must never sit under the zoom buttons).
 */
export const POPUP_OPTIONS: L.PopupOptions = {
  maxWidth: 240,
  autoPanPaddingTopLeft: [10, 56],
  autoPanPaddingBottomRight: [64, 24],
};

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

export class ClusterLayer<T extends ClusterItem> {
  private readonly group: L.LayerGroup;
  private readonly markers = new Map<string, L.Marker>();
  private items: T[] = [];
  private index: Supercluster<PointProps, ClusterProps> | null = null;
  private readonly onMoveEnd = () => this.update();

  constructor(
    private readonly map: L.Map,
    private readonly options: ClusterLayerOptions<T>,
  ) {
    this.group = L.layerGroup().addTo(map);
    map.on('moveend', this.onMoveEnd);
  }

  /** Replaces the items (a data or filter change): rebuilds the index and redraws. */
  setItems(items: T[]): void {
    this.items = items;
    const features = items.map((item, i): PointFeature<PointProps> => ({
      type: 'Feature',
      properties: { i },
      geometry: { type: 'Point', coordinates: [item.lng, item.lat] },
    }));
    this.index = new Supercluster<PointProps, ClusterProps>({
      radius: this.options.radius ?? MARKER_TAP_SIZE,
      extent: LEAFLET_TILE_SIZE,
      maxZoom: CLUSTER_MAX_ZOOM,
      map: (props) => ({ [COUNT_PREFIX + items[props.i]!.category]: 1 }),
      reduce: (acc, props) => {
        for (const [key, n] of Object.entries(props)) acc[key] = (acc[key] ?? 0) + n;
      },
    }).load(features);
    for (const marker of this.markers.values()) this.group.removeLayer(marker);
    this.markers.clear();
    this.update();
  }

  /** How many markers are on the map now (clusters and single points). */
  get markerCount(): number {
    return this.markers.size;
  }

  /** Redraws for the current view: keeps markers that stay, adds new ones, drops the rest. */
  update(): void {
    const index = this.index;
    if (!index) return;
    // A margin around the view, so a short pan does not show empty edges before moveend.
    const bounds = this.map.getBounds().pad(0.25);
    const bbox: [number, number, number, number] = [
      Math.max(-180, bounds.getWest()),
      Math.max(-85, bounds.getSouth()),
      Math.min(180, bounds.getEast()),
      Math.min(85, bounds.getNorth()),
    ];
    // The clusters of the whole zoom at or below the view's (the map snaps to halves): drawn at
    // a zoom above the one they were made for, markers stand further apart than the radius,
    // never closer (rounding up drew them at 0.7 × the radius, overlapping each other's targets).
    const zoom = Math.floor(this.map.getZoom());
    const wanted = new Set<string>();
    for (const feature of index.getClusters(bbox, zoom)) {
      const props = feature.properties;
      const [lng, lat] = feature.geometry.coordinates as [number, number];
      const cluster = 'cluster' in props && props.cluster ? props : null;
      const key = cluster ? `c${cluster.cluster_id}@${zoom}` : `p${(props as PointProps).i}`;
      wanted.add(key);
      if (this.markers.has(key)) continue;
      const marker = cluster
        ? this.clusterMarker(
            cluster.cluster_id,
            cluster.point_count,
            categoryCounts(cluster),
            lat,
            lng,
          )
        : this.pointMarker(this.items[(props as PointProps).i]!, lat, lng);
      this.markers.set(key, marker);
      this.group.addLayer(marker);
    }
    for (const [key, marker] of this.markers) {
      if (!wanted.has(key)) {
        this.group.removeLayer(marker);
        this.markers.delete(key);
      }
    }
  }

  private pointMarker(item: T, lat: number, lng: number): L.Marker {
    const marker = L.marker([lat, lng], {
      icon: this.options.pointIcon(item),
      title: this.options.pointTitle(item),
      keyboard: true,
      riseOnHover: true,
    });
    // A function: the popup's DOM is built when it opens, not for every marker up front.
    marker.bindPopup(() => this.options.pointPopup(item), POPUP_OPTIONS);
    return marker;
  }

  private clusterMarker(
    clusterId: number,
    count: number,
    categories: CategoryCounts,
    lat: number,
    lng: number,
  ): L.Marker {
    const marker = L.marker([lat, lng], {
      icon: this.options.clusterIcon(count, categories),
      title: this.options.clusterTitle(count),
      keyboard: true,
    });
    marker.on('click', () => {
      const index = this.index;
      if (!index) return;
      const expansion = index.getClusterExpansionZoom(clusterId);
      if (expansion > CLUSTER_MAX_ZOOM) {
        // It only splits into single points: if they all share one position, zooming in would
        // just stack their markers, so list them instead.
        const leaves = index.getLeaves(clusterId, 50);
        const [first] = leaves;
        const samePlace = leaves.every(
          (f) =>
            f.geometry.coordinates[0] === first?.geometry.coordinates[0] &&
            f.geometry.coordinates[1] === first?.geometry.coordinates[1],
        );
        if (samePlace) {
          L.popup(POPUP_OPTIONS)
            .setLatLng([lat, lng])
            .setContent(
              this.options.stackPopup(
                leaves.map((f) => this.items[f.properties.i]!),
                count,
              ),
            )
            .openOn(this.map);
          return;
        }
      }
      this.map.flyTo([lat, lng], Math.min(expansion, this.map.getMaxZoom()), { duration: 0.4 });
    });
    return marker;
  }

  /** Takes the layer off the map for good. */
  remove(): void {
    this.map.off('moveend', this.onMoveEnd);
    this.group.remove();
    this.markers.clear();
    this.index = null;
  }
}
