/**
 * The service points overlay: every located point that matches the filters, converted to the
 * base map's datum and clustered (../../map/clusterLayer.ts). Colour = status, letter and shape
 * = tier; a tap opens a popup built from text nodes with a link to the point's page.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { useLocation } from 'wouter';
import { formatDate, formatNumber, useT } from '../../i18n';
import { pointMatcher, type PointFilters } from '../../domain/pointFilter';
import { sharedClusterHub } from '../../map/clusterClient';
import { packPoints } from '../../map/clusterIndex';
import { ClusterLayer } from '../../map/clusterLayer';
import type { Datum } from '../../map/datum';
import { MARKER_TAP_SIZE } from '../../map/markerSize';
import type { MapPoint } from '../../domain/mapPoint';
import type { OverlayContext } from './overlayContext';
import { markOnce } from '../shared/firstData';
import { rememberShownCounts } from './MapBlockParts';
import {
  clusterIcon,
  pointIcon,
  pointPopup,
  stackPopup,
  type MarkerDeps,
  type PointItem,
} from '../shared/pointMarkers';

// The cluster worker starts as soon as the map's chunk is evaluated, not with the first layer: its
// script then loads and starts while React renders the map and Leaflet sets it up, instead of
// after them (it was fetched 1.1 s after the map's data at 4×: docs/PERFORMANCE.md, fifth session).
sharedClusterHub();

/**
 * The layer's items: every located point that matches the filters, at its stored (WGS-84)
 * position. The cluster index converts the positions to the base map's datum in the worker
 * (ClusterLayer's `display`): converting a county's 10,000 points on the main thread was ~0.15 s
 * at 4× before the first markers (docs/PERFORMANCE.md, fifth and eleventh sessions).
 */
function servicePointItems(points: readonly MapPoint[], filters: PointFilters): PointItem[] {
  const matches = pointMatcher(filters);
  const out: PointItem[] = [];
  let unlocated = 0;
  for (const point of points) {
    if (!point.location) unlocated += 1;
    else if (matches(point)) {
      const { lat, lng } = point.location;
      out.push({ id: point.id, lat, lng, category: point.status, point });
    }
  }
  // The footer's count of shown points is this very pass (MapFooter).
  rememberShownCounts(points, filters, { shown: out.length, unlocated });
  return out;
}

/**
 * Hands the first view's points to the cluster worker before the map exists: as soon as the map's
 * reads have them (mapReads.ts), with the filters and datum the screen will start with. The layer
 * then adopts the index when its items are the same (ClusterHub.adopt compares them), so the
 * index is built while the gazetteer, the screen's first render and Leaflet's start run on the
 * main thread, not after them: the first clusters came ~0.5 s after Leaflet's map at 4×
 * (docs/PERFORMANCE.md, eighth and ninth sessions). A wrong guess only costs a dropped index.
 */
export function prepareServicePoints(
  points: readonly MapPoint[],
  filters: PointFilters,
  display: Datum,
): void {
  const items = servicePointItems(points, filters);
  prepared = { points, display, filters: JSON.stringify(filters), items };
  sharedClusterHub().prepare(packPoints(items, display), MARKER_TAP_SIZE);
}

/** The first view's items as prepared, for the layer to take rather than compute again. */
let prepared: {
  points: readonly MapPoint[];
  display: Datum;
  filters: string;
  items: PointItem[];
} | null = null;

/** The layer's items: the prepared ones if they are for this data, datum and filters. */
function itemsOf(points: readonly MapPoint[], filters: PointFilters, display: Datum) {
  const ready = prepared;
  prepared = null;
  if (
    ready?.points === points &&
    ready.display === display &&
    ready.filters === JSON.stringify(filters)
  ) {
    return ready.items;
  }
  return servicePointItems(points, filters);
}

export function ServicePointsLayer(props: OverlayContext) {
  const { points, filters, display, regions } = props;
  const map = useMap();
  // The latest callback, without making a new layer when it changes.
  const onShown = useRef(props.onShown);
  useEffect(() => {
    onShown.current = props.onShown;
  }, [props.onShown]);
  const t = useT();
  const [, navigate] = useLocation();

  const items = useMemo(() => itemsOf(points, filters, display), [points, display, filters]);

  useEffect(() => {
    const deps: MarkerDeps = { t, regions, formatDate: (d) => formatDate(d), navigate };
    // One layer per (data, filters, datum, language): rebuilding the index is the expensive part
    // anyway, and a fresh layer cannot keep a stale marker or popup.
    const layer = new ClusterLayer<PointItem>(map, {
      pointIcon: (item) => pointIcon(item.point, t),
      pointTitle: (item) => item.point.name,
      pointPopup: (item) => pointPopup(item.point, deps),
      clusterIcon: (count, counts) => clusterIcon(count, counts, formatNumber(count)),
      clusterTitle: (count) => t('map.cluster.title', { count: formatNumber(count) }),
      stackPopup: (stack, total) => stackPopup(stack, total, deps),
      display,
    });
    // In a task of its own: indexing 10,000 points is the map's biggest piece of work, and on a
    // slow phone it must not add to the task that renders the screen (docs/PERFORMANCE.md).
    let live = true;
    const timer = window.setTimeout(() => {
      layer.setItems(items);
      // Drawn (or failed: the map must go on all the same): the map's other parts may come.
      const drawn = () => {
        markOnce('cundian:map-points');
        if (live) onShown.current?.();
      };
      layer.idle().then(drawn, drawn);
    }, 0);
    return () => {
      live = false;
      window.clearTimeout(timer);
      layer.remove();
    };
  }, [map, items, display, t, regions, navigate]);

  return null;
}
