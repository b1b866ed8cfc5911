/**
 * UI state of the map screen (zustand, UI only — never rows from the database, DESIGN.md §3):
 * the chosen base map (remembered on this device), which overlays are on, the point filters, the
 * county under the finger, and requests to move the map that come from the lists below it.
 * Kept in a store rather than component state so going to a point and back keeps it all.
 */
import { create } from 'zustand';
import { NO_FILTERS, type PointFilters } from '../../domain/pointFilter';
import { readSavedBaseLayer, saveBaseLayer } from '../../map/baseLayers';
import type { Datum } from '../../map/datum';

export interface FocusRequest {
  lat: number;
  lng: number;
  /** The datum of lat/lng (WGS-84 for point centroids, the outline datum for county centres). */
  datum: Datum;
  zoom: number;
  /** Increases with each request, so asking twice for the same place moves the map again. */
  seq: number;
}

interface MapUiState {
  baseLayerId: string;
  /** Overlays switched on or off by the user; absent = the overlay's default (layers.ts). */
  overlays: Record<string, boolean>;
  filters: PointFilters;
  /** County code under the pointer or last tapped, for the legend's numbers. */
  highlighted: string | null;
  focus: FocusRequest | null;
}

export const useMapStore = create<MapUiState>(() => ({
  baseLayerId: readSavedBaseLayer(),
  overlays: {},
  filters: NO_FILTERS,
  highlighted: null,
  focus: null,
}));

export function setBaseLayer(id: string): void {
  useMapStore.setState({ baseLayerId: id });
  saveBaseLayer(id);
}

export function setOverlay(id: string, visible: boolean): void {
  useMapStore.setState((s) => ({ overlays: { ...s.overlays, [id]: visible } }));
}

export function setFilters(change: Partial<PointFilters>): void {
  useMapStore.setState((s) => ({ filters: { ...s.filters, ...change } }));
}

export function clearFilters(): void {
  useMapStore.setState((s) => ({ filters: { ...NO_FILTERS, county: s.filters.county } }));
}

export function setHighlighted(code: string | null): void {
  useMapStore.setState({ highlighted: code });
}

export function focusMap(target: Omit<FocusRequest, 'seq'>): void {
  useMapStore.setState((s) => ({ focus: { ...target, seq: (s.focus?.seq ?? 0) + 1 } }));
}
