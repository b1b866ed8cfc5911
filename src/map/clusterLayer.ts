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
 *
 * The index lives in a Web Worker (./clusterIndex.ts, ./clusterClient.ts): building it for 10,000
 * points was the map's longest task on a slow phone. So drawing is asynchronous: every redraw is
 * numbered and an answer that a newer redraw or newer items overtook is dropped; `idle()` resolves
 * once everything asked so far is drawn (tests wait on it, never on time). A view with many new
 * markers is added in batches, one per animation frame, so no single task is long.
 */
import * as L from 'leaflet';
import { ClusterIndexClient, ClusterWorkerLostError } from './clusterClient';
import {
  CLUSTER_MAX_ZOOM,
  packPoints,
  type BBox,
  type CategoryCounts,
  type ClusterFeature,
} from './clusterIndex';
import { MARKER_TAP_SIZE } from './markerSize';
import type { Datum } from './datum';

export { CLUSTER_MAX_ZOOM, type CategoryCounts };

export interface ClusterItem {
  id: string;
  /**
   * Display-datum position (already converted for the base map), or the stored WGS-84 one when
   * the layer's `display` option names the datum to convert to.
   */
  lat: number;
  lng: number;
  /** What the cluster colours count (e.g. the status). */
  category: string;
}

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
  /**
   * The items' positions are stored (WGS-84) ones to be shown in this datum: the cluster index
   * converts them, off the main thread (PackedPoints.display). Unset: already converted.
   */
  display?: Datum;
}

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

/**
 * At most this many markers are added in one task: at prefecture zoom a view has a few dozen
 * clusters (one batch); zoomed in over a dense town it can have hundreds of single points.
 */
export const MARKER_BATCH = 150;

/** The next frame (or the next task when the page is hidden and frames do not come). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') {
      requestAnimationFrame(() => resolve());
    } else {
      setTimeout(resolve, 0);
    }
  });
}

export class ClusterLayer<T extends ClusterItem> {
  private readonly group: L.LayerGroup;
  private readonly markers = new Map<string, L.Marker>();
  /** The index generation the markers on the map were drawn from. */
  private markersGeneration = 0;
  private items: T[] = [];
  private readonly client = new ClusterIndexClient();
  private drawSeq = 0;
  private removed = false;
  private recovered = false;
  private readonly work = new Set<Promise<void>>();
  private readonly onMoveEnd = () => this.update();

  constructor(
    private readonly map: L.Map,
    private readonly options: ClusterLayerOptions<T>,
  ) {
    this.group = L.layerGroup().addTo(map);
    map.on('moveend', this.onMoveEnd);
  }

  /**
   * Replaces the items (a data or filter change): rebuilds the index and redraws. The markers of
   * the old items stay until the new ones are drawn (no empty map in between); a tap on an old
   * cluster meanwhile does nothing.
   */
  setItems(items: T[]): void {
    if (this.removed) return;
    this.items = items;
    const points = packPoints(items, this.options.display);
    this.track(
      this.client.load(points, this.options.radius ?? MARKER_TAP_SIZE).then(() => undefined),
    );
    this.update();
  }

  /** How many markers are on the map now (clusters and single points). */
  get markerCount(): number {
    return this.markers.size;
  }

  /** Resolves when every redraw and tap asked for so far has been drawn or dropped. */
  async idle(): Promise<void> {
    while (this.work.size > 0) await Promise.all([...this.work]);
  }

  /** Redraws for the current view: keeps markers that stay, adds new ones, drops the rest. */
  update(): void {
    if (this.removed || this.client.generation === 0) return;
    this.track(this.draw());
  }

  private track(promise: Promise<void>): void {
    const tracked = promise.catch((error: unknown) => this.recover(error));
    this.work.add(tracked);
    const done = () => {
      this.work.delete(tracked);
    };
    tracked.then(done, done);
  }

  /** The worker stopped: the hub now answers on the main thread; rebuild there, once. */
  private recover(error: unknown): void {
    if (!(error instanceof ClusterWorkerLostError)) throw error;
    if (this.recovered || this.removed) return;
    this.recovered = true;
    this.setItems(this.items);
  }

  private async draw(): Promise<void> {
    const seq = ++this.drawSeq;
    const generation = this.client.generation;
    // A margin around the view, so a short pan does not show empty edges before moveend.
    const bounds = this.map.getBounds().pad(0.25);
    const bbox: BBox = [
      Math.max(-180, bounds.getWest()),
      Math.max(-85, bounds.getSouth()),
      Math.min(180, bounds.getEast()),
      Math.min(85, bounds.getNorth()),
    ];
    // The clusters of the whole zoom at or below the view's (the map snaps to halves): drawn at
    // a zoom above the one they were made for, markers stand further apart than the radius,
    // never closer (rounding up drew them at 0.7 × the radius, overlapping each other's targets).
    const zoom = Math.floor(this.map.getZoom());
    const features = await this.client.clusters(bbox, zoom);
    const current = () => !this.removed && seq === this.drawSeq;
    if (!features || !current()) return;

    if (this.markersGeneration !== generation) {
      // New items: cluster ids and item indexes mean other things now.
      this.group.clearLayers();
      this.markers.clear();
      this.markersGeneration = generation;
    }
    const wanted = new Set<string>();
    const toAdd: [string, ClusterFeature][] = [];
    for (const feature of features) {
      const key = feature.kind === 'cluster' ? `c${feature.id}@${zoom}` : `p${feature.i}`;
      wanted.add(key);
      if (!this.markers.has(key)) toAdd.push([key, feature]);
    }
    for (const [key, marker] of this.markers) {
      if (!wanted.has(key)) {
        this.group.removeLayer(marker);
        this.markers.delete(key);
      }
    }
    for (let start = 0; start < toAdd.length; start += MARKER_BATCH) {
      if (start > 0) {
        await nextFrame();
        if (!current()) return;
      }
      for (const [key, feature] of toAdd.slice(start, start + MARKER_BATCH)) {
        if (this.markers.has(key)) continue;
        const marker =
          feature.kind === 'cluster'
            ? this.clusterMarker(feature, generation)
            : this.pointMarker(this.items[feature.i]!, feature.lat, feature.lng);
        this.markers.set(key, marker);
        this.group.addLayer(marker);
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
    cluster: Extract<ClusterFeature, { kind: 'cluster' }>,
    generation: number,
  ): L.Marker {
    const marker = L.marker([cluster.lat, cluster.lng], {
      icon: this.options.clusterIcon(cluster.count, cluster.counts),
      title: this.options.clusterTitle(cluster.count),
      keyboard: true,
    });
    marker.on('click', () => this.track(this.openCluster(cluster, generation)));
    return marker;
  }

  private async openCluster(
    cluster: Extract<ClusterFeature, { kind: 'cluster' }>,
    generation: number,
  ): Promise<void> {
    const { id, count, lat, lng } = cluster;
    const expansion = await this.client.expansionZoom(id, generation);
    if (expansion === null || this.removed) return;
    if (expansion > CLUSTER_MAX_ZOOM) {
      // It only splits into single points: if they all share one position, zooming in would
      // just stack their markers, so list them instead.
      const leaves = await this.client.leaves(id, 50, generation);
      if (leaves === null || this.removed) return;
      const [first] = leaves;
      const samePlace = leaves.every((leaf) => leaf.lat === first?.lat && leaf.lng === first.lng);
      if (samePlace) {
        L.popup(POPUP_OPTIONS)
          .setLatLng([lat, lng])
          .setContent(
            this.options.stackPopup(
              leaves.map((leaf) => this.items[leaf.i]!),
              count,
            ),
          )
          .openOn(this.map);
        return;
      }
    }
    this.map.flyTo([lat, lng], Math.min(expansion, this.map.getMaxZoom()), { duration: 0.4 });
  }

  /** Takes the layer off the map for good (and frees its index in the worker). */
  remove(): void {
    this.removed = true;
    this.map.off('moveend', this.onMoveEnd);
    this.group.remove();
    this.markers.clear();
    this.client.drop();
  }
}
