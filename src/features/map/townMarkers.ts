/**
 * The central-programme overlays' data and markers: central towns (with / without an open
 * flagship store), pilot towns of a year by status, and training sessions of a year. Towns, pilots
 * and sessions have no position of their own: each is drawn at its township's centre (places.ts —
 * the mean of the township's located service points, else its county outline's centre); a record
 * whose township has neither is counted as "not placed" and the layer's legend line says so.
 * Markers and popups are DOM nodes with textContent (../../map/popup.ts), never HTML strings:
 * session titles are typed by users.
 */
import * as L from 'leaflet';
import type { Translate } from '../../i18n';
import type { CentralTown } from '../../domain/centralTown';
import type { FlagshipStore } from '../../domain/flagshipStore';
import type { PilotTown } from '../../domain/pilotTown';
import { PILOT_STATUSES, type PilotStatus } from '../../domain/pilotTownValues';
import type { RegionIndex } from '../../domain/region';
import type { ServicePoint } from '../../domain/servicePoint';
import { centralTownsIn, townHasStore } from '../../domain/townFigures';
import type { TrainingSession } from '../../domain/trainingSession';
import { sessionYear } from '../../domain/countRules';
import { convertDatum, type Datum } from '../../map/datum';
import { MARKER_TAP_SIZE } from '../../map/markerSize';
import type { OutlineSet } from '../../map/outlines';
import { buildPopup } from '../../map/popup';
import { paths } from '../shared/paths';
import { placeLocator } from './places';

export interface LatLng {
  lat: number;
  lng: number;
}

/** Where a township is drawn, in the display datum, or null when it has no known place. */
export type TownshipPlacer = (townshipCode: string) => LatLng | null;

export function townshipPlacer(
  points: readonly Pick<ServicePoint, 'regionCode' | 'location' | 'deleted'>[],
  outlines: OutlineSet | null,
  display: Datum,
): TownshipPlacer {
  const locator = placeLocator(points, outlines);
  const cache = new Map<string, LatLng | null>();
  return (code) => {
    if (cache.has(code)) return cache.get(code)!;
    const target = locator.township(code);
    const at = target
      ? convertDatum({ lat: target.lat, lng: target.lng }, target.datum, display)
      : null;
    cache.set(code, at);
    return at;
  };
}

export interface Placed<T> {
  item: T;
  townshipCode: string;
  lat: number;
  lng: number;
}

export interface Placement<T> {
  placed: Placed<T>[];
  /** Records whose township has no place on the map (no located point, no county outline). */
  notPlaced: number;
}

function inCounty(townshipCode: string, county: string): boolean {
  return county === '' || townshipCode.startsWith(county);
}

function place<T>(
  items: readonly T[],
  codeOf: (item: T) => string,
  placer: TownshipPlacer,
): Placement<T> {
  const placed: Placed<T>[] = [];
  let notPlaced = 0;
  for (const item of items) {
    const townshipCode = codeOf(item);
    const at = placer(townshipCode);
    if (at) placed.push({ item, townshipCode, lat: at.lat, lng: at.lng });
    else notPlaced += 1;
  }
  return { placed, notPlaced };
}

// ---------------------------------------------------------------------------------------------
// Data

type TownLike = Pick<CentralTown, 'id' | 'townshipCode' | 'designatedYear' | 'active' | 'deleted'>;
type StoreLike = Pick<FlagshipStore, 'townshipCode' | 'status' | 'deleted'>;

export interface TownItem<T extends TownLike = TownLike> {
  town: T;
  /** At least one open flagship store (townFigures.ts townHasStore). */
  hasStore: boolean;
}

/** Central towns on the list in `year` within the county ('' = all), each with its store flag. */
export function centralTownItems<T extends TownLike>(
  towns: readonly T[],
  stores: readonly StoreLike[],
  year: number,
  county: string,
): TownItem<T>[] {
  return centralTownsIn(towns, year)
    .filter((town) => inCounty(town.townshipCode, county))
    .map((town) => ({ town, hasStore: townHasStore(stores, town.townshipCode) }))
    .sort((a, b) => a.town.townshipCode.localeCompare(b.town.townshipCode));
}

type PilotLike = Pick<PilotTown, 'id' | 'townshipCode' | 'year' | 'status' | 'deleted'>;

/** Pilots of `year` within the county, in lifecycle order of status then township. */
export function pilotsOfYear<T extends PilotLike>(
  pilots: readonly T[],
  year: number,
  county: string,
): T[] {
  return pilots
    .filter((p) => !p.deleted && p.year === year && inCounty(p.townshipCode, county))
    .sort(
      (a, b) =>
        PILOT_STATUSES.indexOf(a.status) - PILOT_STATUSES.indexOf(b.status) ||
        a.townshipCode.localeCompare(b.townshipCode),
    );
}

type SessionLike = Pick<
  TrainingSession,
  'id' | 'title' | 'startDate' | 'endDate' | 'townshipCode' | 'deleted'
>;

export interface SessionGroup<T extends SessionLike = SessionLike> {
  townshipCode: string;
  /** Sessions held in the township that year, earliest first. */
  sessions: T[];
}

/** Sessions starting in `year` within the county, grouped by township (one marker each). */
export function sessionsOfYear<T extends SessionLike>(
  sessions: readonly T[],
  year: number,
  county: string,
): SessionGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const s of sessions) {
    if (s.deleted || sessionYear(s) !== year || !inCounty(s.townshipCode, county)) continue;
    const list = groups.get(s.townshipCode) ?? [];
    list.push(s);
    groups.set(s.townshipCode, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([townshipCode, list]) => ({
      townshipCode,
      sessions: list.sort(
        (a, b) => a.startDate.localeCompare(b.startDate) || a.title.localeCompare(b.title),
      ),
    }));
}

export function placeTowns<T extends TownLike>(
  items: readonly TownItem<T>[],
  placer: TownshipPlacer,
): Placement<TownItem<T>> {
  return place(items, (i) => i.town.townshipCode, placer);
}

export function placePilots<T extends PilotLike>(
  pilots: readonly T[],
  placer: TownshipPlacer,
): Placement<T> {
  return place(pilots, (p) => p.townshipCode, placer);
}

/** Not-placed counts sessions, not townships. */
export function placeSessions<T extends SessionLike>(
  groups: readonly SessionGroup<T>[],
  placer: TownshipPlacer,
): Placement<SessionGroup<T>> {
  const out = place(groups, (g) => g.townshipCode, placer);
  const placedSessions = out.placed.reduce((n, g) => n + g.item.sessions.length, 0);
  const all = groups.reduce((n, g) => n + g.sessions.length, 0);
  return { placed: out.placed, notPlaced: all - placedSessions };
}

// ---------------------------------------------------------------------------------------------
// Markers and popups

export interface TownMarkerDeps {
  t: Translate;
  regions: RegionIndex | null;
  formatDate: (date: string) => string;
  navigate: (href: string) => void;
}

export const TOWN_COLOUR = { withStore: '#15803d', withoutStore: '#c2410c' } as const;

export const PILOT_COLOUR: Record<PilotStatus, string> = {
  proposed: '#6b7280',
  approved: '#2563eb',
  inProgress: '#b45309',
  accepted: '#15803d',
  failed: '#991b1b',
};

export const SESSION_COLOUR = '#7c3aed';

/** The pin as drawn; the marker around it, the tap target, is MARKER_TAP_SIZE. */
const PIN_SIZE = 30;

function pin(kind: string, colour: string, text: string, extra = ''): L.DivIcon {
  const el = document.createElement('span');
  el.className = `map-pin map-pin--${kind}`;
  el.style.setProperty('--pin-colour', colour);
  el.style.setProperty('--pin-size', `${PIN_SIZE}px`);
  el.textContent = text;
  return L.divIcon({
    html: el,
    className: `map-marker map-marker--${kind}${extra ? ` ${extra}` : ''}`,
    iconSize: [MARKER_TAP_SIZE, MARKER_TAP_SIZE],
    iconAnchor: [MARKER_TAP_SIZE / 2, MARKER_TAP_SIZE / 2],
    popupAnchor: [0, -PIN_SIZE / 2],
  });
}

export function townHref(townshipCode: string): string {
  return paths.town(townshipCode);
}

export function pilotHref(id: string): string {
  return paths.pilot(id);
}

export function sessionHref(id: string): string {
  return paths.session(id);
}

function townName(code: string, regions: RegionIndex | null): string {
  return regions?.placeLabel(code) ?? code;
}

export function townIcon(hasStore: boolean, t: Translate): L.DivIcon {
  return hasStore
    ? pin('town-store', TOWN_COLOUR.withStore, t('map.town.short.withStore'))
    : pin('town-nostore', TOWN_COLOUR.withoutStore, t('map.town.short.withoutStore'));
}

export function townPopup(item: TownItem, deps: TownMarkerDeps): HTMLElement {
  const { t } = deps;
  return buildPopup({
    title: townName(item.town.townshipCode, deps.regions),
    badge: {
      text: item.hasStore ? t('map.town.withStore') : t('map.town.withoutStore'),
      className: `badge map-badge--${item.hasStore ? 'town-store' : 'town-nostore'}`,
    },
    rows: [{ label: t('map.town.designated'), value: String(item.town.designatedYear) }],
    link: {
      href: townHref(item.town.townshipCode),
      text: t('map.popup.open'),
      onNavigate: deps.navigate,
    },
  });
}

export function pilotIcon(status: PilotStatus, t: Translate): L.DivIcon {
  return pin('pilot', PILOT_COLOUR[status], t('map.pilot.short'), `map-marker--pilot-${status}`);
}

export function pilotPopup(pilot: PilotLike, deps: TownMarkerDeps): HTMLElement {
  const { t } = deps;
  return buildPopup({
    title: townName(pilot.townshipCode, deps.regions),
    badge: { text: t(`towns.pilot.status.${pilot.status}`), className: 'badge' },
    rows: [{ label: t('map.pilot.year'), value: String(pilot.year) }],
    link: { href: pilotHref(pilot.id), text: t('map.popup.open'), onNavigate: deps.navigate },
  });
}

export function sessionIcon(count: number, label: string): L.DivIcon {
  return pin(count > 1 ? 'sessions' : 'session', SESSION_COLOUR, label);
}

function dateRange(s: SessionLike, deps: TownMarkerDeps): string {
  return s.endDate && s.endDate !== s.startDate
    ? `${deps.formatDate(s.startDate)} – ${deps.formatDate(s.endDate)}`
    : deps.formatDate(s.startDate);
}

export function sessionsPopup(group: SessionGroup, deps: TownMarkerDeps): HTMLElement {
  const { t } = deps;
  const place = townName(group.townshipCode, deps.regions);
  if (group.sessions.length === 1) {
    const s = group.sessions[0]!;
    return buildPopup({
      title: s.title,
      rows: [
        { label: t('map.popup.place'), value: place },
        { label: t('map.session.date'), value: dateRange(s, deps) },
      ],
      link: { href: sessionHref(s.id), text: t('map.popup.open'), onNavigate: deps.navigate },
    });
  }
  const root = document.createElement('div');
  root.className = 'map-popup';
  const title = document.createElement('p');
  title.className = 'map-popup__title';
  title.textContent = t('map.session.groupTitle', { place, count: group.sessions.length });
  const list = document.createElement('ul');
  list.className = 'map-popup__list';
  for (const s of group.sessions) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    const href = sessionHref(s.id);
    a.setAttribute('href', href);
    a.textContent = s.title;
    a.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      deps.navigate(href);
    });
    li.append(a, ` ${dateRange(s, deps)}`);
    list.append(li);
  }
  root.append(title, list);
  return root;
}
