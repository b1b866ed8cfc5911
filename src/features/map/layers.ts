/**
 * The map's overlay registry: the layers a user can switch on and off over the base map and the
 * county outlines. Each entry is an id, a translated label, whether it starts visible, and a
 * react-leaflet component drawn inside the map while it is on.
 *
 * ┌─ Adding a layer (central towns, pilot towns, training sessions…) ───────────────────────────┐
 * │ 1. Write a component taking OverlayContext; read its own records with useRecords(entity)    │
 * │    (src/db), convert every stored WGS-84 position with toDisplay(p, context.display), and   │
 * │    build markers/popups from DOM text nodes (src/map/popup.ts), never HTML strings.         │
 * │    For many points, reuse ClusterLayer (src/map/clusterLayer.ts).                          │
 * │ 2. Add its label to src/app/i18n/features/map.ts (both languages).                          │
 * │ 3. Append an entry to OVERLAYS below. The layer chooser lists it; nothing else changes.     │
 * └──────────────────────────────────────────────────────────────────────────────────────────────┘
 * Planned: 'centralTowns' (with / without a flagship store), 'pilotTowns' (by year and status),
 * 'trainingSessions' (where and how many). Towns have no position of their own yet: place them
 * at the township centre (domain/pointFilter.ts townshipCentres or the county outline's centre).
 */
import type { ComponentType } from 'react';
import type { MessageKey } from '../../app/i18n';
import type { CoverageReport } from '../../domain/coverage';
import type { PointFilters } from '../../domain/pointFilter';
import type { RegionIndex } from '../../domain/region';
import type { ServicePoint } from '../../domain/servicePoint';
import type { Datum } from '../../map/datum';
import { ServicePointsLayer } from './ServicePointsLayer';

/** What every overlay gets from the map screen. */
export interface OverlayContext {
  /** Datum of the current base map: convert stored WGS-84 positions to it before drawing. */
  display: Datum;
  regions: RegionIndex | null;
  report: CoverageReport | null;
  /** Live service points (not deleted), already loaded for the coverage figures. */
  points: readonly ServicePoint[];
  filters: PointFilters;
}

export interface OverlayDefinition {
  id: string;
  labelKey: MessageKey;
  defaultVisible: boolean;
  Layer: ComponentType<OverlayContext>;
}

export const OVERLAYS: readonly OverlayDefinition[] = [
  {
    id: 'servicePoints',
    labelKey: 'map.overlay.servicePoints',
    defaultVisible: true,
    Layer: ServicePointsLayer,
  },
  // ← register new overlays here (see the box above).
];

/** The choropleth fill is not an entry above (the outlines are always drawn), but toggles alike. */
export const COVERAGE_OVERLAY_ID = 'coverage';

export function isOverlayVisible(
  overlays: Readonly<Record<string, boolean>>,
  id: string,
  defaultVisible = true,
): boolean {
  return overlays[id] ?? defaultVisible;
}
