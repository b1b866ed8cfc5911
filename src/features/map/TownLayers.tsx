/**
 * The central-programme overlays (issue 5): central towns with / without an open flagship store,
 * pilot towns of the chosen year by status, and training sessions of the chosen year. Each reads
 * its own records (useRecords), places them at their township's centre (townMarkers.ts) and draws
 * plain Leaflet markers with popups built from text nodes. The year is the map filters' year, or
 * this year; the county is the screen's area. Each layer also has a legend line (…Note) shown
 * under the map while it is on, which counts the records that could not be placed.
 */
import * as L from 'leaflet';
import { useEffect, useMemo } from 'react';
import { useMap } from 'react-leaflet';
import { useLocation } from 'wouter';
import { formatDate, formatNumber, useT } from '../../i18n';
import { useRecords } from '../../db/live';
import { PILOT_STATUSES, type PilotStatus } from '../../domain/pilotTownValues';
import type { OverlayContext } from './overlayContext';
import {
  centralTownItems,
  PILOT_COLOUR,
  pilotIcon,
  pilotPopup,
  pilotsOfYear,
  placePilots,
  placeSessions,
  placeTowns,
  sessionIcon,
  sessionsOfYear,
  sessionsPopup,
  townIcon,
  townPopup,
  TOWN_COLOUR,
  townshipPlacer,
  type TownMarkerDeps,
} from './townMarkers';

export function overlayYear(context: Pick<OverlayContext, 'filters'>): number {
  return context.filters.year ?? new Date().getFullYear();
}

interface MarkerSpec {
  lat: number;
  lng: number;
  icon: () => L.DivIcon;
  title: string;
  popup: () => HTMLElement;
}

/** Draws the markers while mounted; a fresh layer per change, so no stale popup survives. */
function useMarkers(specs: readonly MarkerSpec[]): void {
  const map = useMap();
  useEffect(() => {
    const group = L.layerGroup(
      specs.map((s) =>
        L.marker([s.lat, s.lng], { icon: s.icon(), title: s.title, keyboard: true }).bindPopup(() =>
          s.popup(),
        ),
      ),
    );
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, specs]);
}

function useDeps(context: OverlayContext): TownMarkerDeps {
  const t = useT();
  const [, navigate] = useLocation();
  const { regions } = context;
  return useMemo(
    () => ({ t, regions, formatDate: (d) => formatDate(d), navigate }),
    [t, regions, navigate],
  );
}

function usePlacer(context: OverlayContext) {
  const { points, outlines, display } = context;
  return useMemo(() => townshipPlacer(points, outlines, display), [points, outlines, display]);
}

function useCentralTowns(context: OverlayContext) {
  const towns = useRecords('centralTown');
  const stores = useRecords('flagshipStore');
  const placer = usePlacer(context);
  const year = overlayYear(context);
  const county = context.filters.county;
  return useMemo(() => {
    const items = centralTownItems(towns ?? [], stores ?? [], year, county);
    return { year, items, ...placeTowns(items, placer) };
  }, [towns, stores, year, county, placer]);
}

function usePilots(context: OverlayContext) {
  const pilots = useRecords('pilotTown');
  const placer = usePlacer(context);
  const year = overlayYear(context);
  const county = context.filters.county;
  return useMemo(() => {
    const items = pilotsOfYear(pilots ?? [], year, county);
    return { year, items, ...placePilots(items, placer) };
  }, [pilots, year, county, placer]);
}

function useSessions(context: OverlayContext) {
  const sessions = useRecords('trainingSession');
  const placer = usePlacer(context);
  const year = overlayYear(context);
  const county = context.filters.county;
  return useMemo(() => {
    const groups = sessionsOfYear(sessions ?? [], year, county);
    const total = groups.reduce((n, g) => n + g.sessions.length, 0);
    return { year, total, ...placeSessions(groups, placer) };
  }, [sessions, year, county, placer]);
}

export function CentralTownsLayer(context: OverlayContext) {
  const deps = useDeps(context);
  const { placed } = useCentralTowns(context);
  const specs = useMemo(
    () =>
      placed.map(({ item, lat, lng }) => ({
        lat,
        lng,
        icon: () => townIcon(item.hasStore, deps.t),
        title: deps.regions?.placeLabel(item.town.townshipCode) ?? item.town.townshipCode,
        popup: () => townPopup(item, deps),
      })),
    [placed, deps],
  );
  useMarkers(specs);
  return null;
}

export function PilotTownsLayer(context: OverlayContext) {
  const deps = useDeps(context);
  const { placed } = usePilots(context);
  const specs = useMemo(
    () =>
      placed.map(({ item, lat, lng }) => ({
        lat,
        lng,
        icon: () => pilotIcon(item.status, deps.t),
        title: deps.regions?.placeLabel(item.townshipCode) ?? item.townshipCode,
        popup: () => pilotPopup(item, deps),
      })),
    [placed, deps],
  );
  useMarkers(specs);
  return null;
}

export function TrainingSessionsLayer(context: OverlayContext) {
  const deps = useDeps(context);
  const { placed } = useSessions(context);
  const specs = useMemo(
    () =>
      placed.map(({ item, lat, lng }) => ({
        lat,
        lng,
        icon: () => sessionIcon(item.sessions.length, formatNumber(item.sessions.length)),
        title: deps.regions?.placeLabel(item.townshipCode) ?? item.townshipCode,
        popup: () => sessionsPopup(item, deps),
      })),
    [placed, deps],
  );
  useMarkers(specs);
  return null;
}

function NotPlaced({ count }: { count: number }) {
  const t = useT();
  return count > 0 ? <> {t('map.layer.notPlaced', { count: formatNumber(count) })}</> : null;
}

function Swatch({ colour }: { colour: string }) {
  return <span className="map-note__swatch" style={{ background: colour }} aria-hidden="true" />;
}

export function CentralTownsNote(context: OverlayContext) {
  const t = useT();
  const { year, items, notPlaced } = useCentralTowns(context);
  const withStore = items.filter((i) => i.hasStore).length;
  return (
    <p className="map-note" data-testid="map-note-centralTowns">
      {t('map.town.note', { year, count: formatNumber(items.length) })}
      <Swatch colour={TOWN_COLOUR.withStore} />
      {t('map.town.noteWithStore', { count: formatNumber(withStore) })}
      <Swatch colour={TOWN_COLOUR.withoutStore} />
      {t('map.town.noteWithoutStore', { count: formatNumber(items.length - withStore) })}
      <NotPlaced count={notPlaced} />
    </p>
  );
}

export function PilotTownsNote(context: OverlayContext) {
  const t = useT();
  const { year, items, notPlaced } = usePilots(context);
  const counts = new Map<PilotStatus, number>();
  for (const p of items) counts.set(p.status, (counts.get(p.status) ?? 0) + 1);
  return (
    <p className="map-note" data-testid="map-note-pilotTowns">
      {t('map.pilot.note', { year, count: formatNumber(items.length) })}
      {PILOT_STATUSES.filter((s) => counts.has(s)).map((status) => (
        <span key={status} className="map-note__item">
          {' '}
          <Swatch colour={PILOT_COLOUR[status]} />
          {t(`towns.pilot.status.${status}`)} {formatNumber(counts.get(status) ?? 0)}
        </span>
      ))}
      <NotPlaced count={notPlaced} />
    </p>
  );
}

export function TrainingSessionsNote(context: OverlayContext) {
  const t = useT();
  const { year, total, placed, notPlaced } = useSessions(context);
  return (
    <p className="map-note" data-testid="map-note-trainingSessions">
      {t('map.session.note', {
        year,
        count: formatNumber(total),
        townships: formatNumber(placed.length),
      })}
      <NotPlaced count={notPlaced} />
    </p>
  );
}
