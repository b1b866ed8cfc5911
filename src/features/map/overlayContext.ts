/**
 * What every overlay gets from the map screen: apart from layers.ts, which lists the overlays, so
 * that the overlays take the type without importing the list that imports them (no import circle).
 */
import type { CoverageReport } from '../../domain/coverage';
import type { PointFilters } from '../../domain/pointFilter';
import type { RegionIndex } from '../../domain/region';
import type { MapPoint } from '../../domain/mapPoint';
import type { Datum } from '../../map/datum';
import type { OutlineSet } from '../../map/outlines';

/** What every overlay gets from the map screen. */
export interface OverlayContext {
  /** Datum of the current base map: convert stored WGS-84 positions to it before drawing. */
  display: Datum;
  regions: RegionIndex | null;
  /** County outlines (their datum inside), or null before they load: township-centre fallback. */
  outlines: OutlineSet | null;
  report: CoverageReport | null;
  /** Live service points (not deleted), already loaded for the coverage figures. */
  points: readonly MapPoint[];
  filters: PointFilters;
  /**
   * Called once the layer's first drawing is on the map (the service points: their first
   * clusters, or none when no point matches): the map adds its other parts only after it.
   */
  onShown?: () => void;
}
