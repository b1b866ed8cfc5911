/**
 * What a service point looks like on the map: its marker (colour = status, shape and letter =
 * tier), the cluster marker (a ring split by status), and the popup with a link to the record.
 * Everything is built from DOM nodes with textContent (../../map/popup.ts): point names are typed
 * by users and must never reach Leaflet as HTML.
 */
import * as L from 'leaflet';
import { formatList, type Translate } from '../../i18n';
import type { RegionIndex } from '../../domain/region';
import type { MapPoint } from '../../domain/mapPoint';
import { SERVICE_POINT_STATUSES } from '../../domain/servicePointValues';
import type { CategoryCounts, ClusterItem } from '../../map/clusterLayer';
import { MARKER_TAP_SIZE } from '../../map/markerSize';
import { buildPopup } from '../../map/popup';
import { STATUS_COLOUR } from './palette';
import { paths } from '../shared/paths';

export interface PointItem extends ClusterItem {
  point: MapPoint;
}

export interface MarkerDeps {
  t: Translate;
  regions: RegionIndex | null;
  formatDate: (date: string) => string;
  navigate: (href: string) => void;
}

/** The pin as drawn; the marker around it, the tap target, is MARKER_TAP_SIZE. */
const PIN_SIZE = 34;

export function pointIcon(point: Pick<MapPoint, 'status' | 'tier'>, t: Translate): L.DivIcon {
  const pin = document.createElement('span');
  pin.className = `map-pin map-pin--${point.tier}`;
  pin.style.setProperty('--pin-colour', STATUS_COLOUR[point.status]);
  pin.style.setProperty('--pin-size', `${PIN_SIZE}px`);
  pin.textContent = t(`map.point.tierShort.${point.tier}`);
  return L.divIcon({
    html: pin,
    className: `map-marker map-marker--point map-marker--${point.status}`,
    iconSize: [MARKER_TAP_SIZE, MARKER_TAP_SIZE],
    iconAnchor: [MARKER_TAP_SIZE / 2, MARKER_TAP_SIZE / 2],
    popupAnchor: [0, -PIN_SIZE / 2],
  });
}

/** A conic gradient of the statuses in the cluster, in lifecycle order. */
function statusRing(counts: CategoryCounts, total: number): string {
  let start = 0;
  const stops: string[] = [];
  for (const status of SERVICE_POINT_STATUSES) {
    const n = counts[status] ?? 0;
    if (n === 0) continue;
    const end = start + (n / total) * 360;
    stops.push(`${STATUS_COLOUR[status]} ${start.toFixed(1)}deg ${end.toFixed(1)}deg`);
    start = end;
  }
  return `conic-gradient(${stops.join(', ')})`;
}

export function clusterIcon(count: number, counts: CategoryCounts, label: string): L.DivIcon {
  const size = count < 10 ? 40 : count < 100 ? 46 : 54;
  const target = Math.max(size, MARKER_TAP_SIZE);
  const ring = document.createElement('span');
  ring.className = 'map-cluster';
  ring.style.background = statusRing(counts, count);
  ring.style.setProperty('--pin-size', `${size}px`);
  const inner = document.createElement('span');
  inner.className = 'map-cluster__count';
  inner.textContent = label;
  ring.append(inner);
  return L.divIcon({
    html: ring,
    className: 'map-marker map-marker--cluster',
    iconSize: [target, target],
    iconAnchor: [target / 2, target / 2],
  });
}

export function pointHref(id: string): string {
  return paths.point(id);
}

export function pointPopup(point: MapPoint, deps: MarkerDeps): HTMLElement {
  const { t, regions } = deps;
  const place = regions?.placeLabel(point.regionCode) ?? point.regionCode;
  const rows = [
    { label: t('map.popup.tier'), value: t(`points.tier.${point.tier}`) },
    { label: t('map.popup.place'), value: place },
    {
      label: t('map.popup.services'),
      value: formatList(point.services.map((s) => t(`points.service.${s}`))),
    },
  ];
  if (point.openedOn)
    rows.push({ label: t('map.popup.openedOn'), value: deps.formatDate(point.openedOn) });
  return buildPopup({
    title: point.name,
    badge: { text: t(`points.status.${point.status}`), className: `badge badge--${point.status}` },
    rows,
    link: { href: pointHref(point.id), text: t('map.popup.open'), onNavigate: deps.navigate },
  });
}

/** The list shown for a cluster whose points share one position. */
export function stackPopup(items: PointItem[], total: number, deps: MarkerDeps): HTMLElement {
  const root = document.createElement('div');
  root.className = 'map-popup';
  const title = document.createElement('p');
  title.className = 'map-popup__title';
  title.textContent = deps.t('map.cluster.stack', { count: total });
  const list = document.createElement('ul');
  list.className = 'map-popup__list';
  for (const item of items) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    const href = pointHref(item.point.id);
    a.setAttribute('href', href);
    a.textContent = item.point.name;
    a.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      deps.navigate(href);
    });
    const status = document.createElement('span');
    status.className = `badge badge--${item.point.status}`;
    status.textContent = deps.t(`points.status.${item.point.status}`);
    li.append(a, ' ', status);
    list.append(li);
  }
  root.append(title, list);
  return root;
}
