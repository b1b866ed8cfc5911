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
 * │ 2. Add its label to src/i18n/features/map.ts and map.en.ts.                              │
 * │ 3. Append an entry to OVERLAYS below. The layer chooser lists it; nothing else changes.     │
 * └──────────────────────────────────────────────────────────────────────────────────────────────┘
 * An entry may also have a Note: a legend line drawn under the map while the overlay is on.
 * Records with no position of their own (central towns, pilots, training sessions) are placed at
 * their township's centre (townMarkers.ts townshipPlacer, via places.ts).
 */
import type { ComponentType } from 'react';
import type { MessageKey } from '../../i18n';
import type { OverlayContext } from './overlayContext';
import { SERVICE_POINTS_SHOWN_AT_FIRST } from './MapBlockParts';
import { ServicePointsLayer } from './ServicePointsLayer';
import {
  CentralTownsLayer,
  CentralTownsNote,
  PilotTownsLayer,
  PilotTownsNote,
  TrainingSessionsLayer,
  TrainingSessionsNote,
} from './TownLayers';

export type { OverlayContext } from './overlayContext';

export interface OverlayDefinition {
  id: string;
  labelKey: MessageKey;
  defaultVisible: boolean;
  Layer: ComponentType<OverlayContext>;
  /** A legend line under the map while the overlay is on (outside the map, no Leaflet needed). */
  Note?: ComponentType<OverlayContext>;
}

/** The service points' overlay: what the map shows first (CoverageMap). */
export const SERVICE_POINTS_OVERLAY_ID = 'servicePoints';

export const OVERLAYS: readonly OverlayDefinition[] = [
  {
    id: SERVICE_POINTS_OVERLAY_ID,
    labelKey: 'map.overlay.servicePoints',
    defaultVisible: SERVICE_POINTS_SHOWN_AT_FIRST,
    Layer: ServicePointsLayer,
  },
  {
    id: 'centralTowns',
    labelKey: 'map.overlay.centralTowns',
    defaultVisible: false,
    Layer: CentralTownsLayer,
    Note: CentralTownsNote,
  },
  {
    id: 'pilotTowns',
    labelKey: 'map.overlay.pilotTowns',
    defaultVisible: false,
    Layer: PilotTownsLayer,
    Note: PilotTownsNote,
  },
  {
    id: 'trainingSessions',
    labelKey: 'map.overlay.trainingSessions',
    defaultVisible: false,
    Layer: TrainingSessionsLayer,
    Note: TrainingSessionsNote,
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
