/**
 * The parts of the map block that need no Leaflet: the toolbar above the map and the legend and
 * notes below it. Shared by the map itself (CoverageMap, a lazy chunk with Leaflet) and by the
 * placeholder the screen shows while that chunk loads, so the placeholder has the block's shape
 * and nothing below it moves when the map arrives (layout shift, docs/PERFORMANCE.md).
 */
import { useMemo, type ReactNode } from 'react';
import { formatNumber, useT } from '../../i18n';
import type { CoverageCount, CoverageReport } from '../../domain/coverage';
import type { MapPoint } from '../../domain/mapPoint';
import { pointMatcher, type PointFilters } from '../../domain/pointFilter';
import type { OutlineSet } from '../../map/outlines';
import { Icon, Spinner } from '../../ui';
import { Legend } from './Legend';

export type MapPanel = 'layers' | 'filters' | null;

/**
 * Whether the service points overlay is on before the user says otherwise: here, without Leaflet,
 * so the placeholder and the overlay registry (layers.ts) read the same value.
 */
export const SERVICE_POINTS_SHOWN_AT_FIRST = true;

export function MapToolbar({
  panel,
  onPanel,
  filterCount,
  disabled = false,
}: {
  panel: MapPanel;
  onPanel: (panel: MapPanel) => void;
  filterCount: number;
  /** While the map loads: the same buttons in the same places, not yet usable. */
  disabled?: boolean;
}) {
  const t = useT();
  return (
    <div className="map-toolbar">
      <button
        type="button"
        className="map-toolbar__button"
        aria-expanded={panel === 'layers'}
        aria-controls="map-layer-panel"
        disabled={disabled}
        onClick={() => onPanel(panel === 'layers' ? null : 'layers')}
      >
        <Icon name="map" size={20} />
        <span>{t('map.toolbar.layers')}</span>
      </button>
      <button
        type="button"
        className="map-toolbar__button"
        aria-expanded={panel === 'filters'}
        aria-controls="map-filter-panel"
        disabled={disabled}
        onClick={() => onPanel(panel === 'filters' ? null : 'filters')}
      >
        <Icon name="pin" size={20} />
        <span>
          {filterCount > 0
            ? t('map.toolbar.filtersCount', { count: filterCount })
            : t('map.toolbar.filters')}
        </span>
      </button>
      <button
        type="button"
        className="map-toolbar__button"
        disabled={disabled}
        onClick={() => window.print()}
      >
        <Icon name="download" size={20} />
        <span>{t('map.toolbar.print')}</span>
      </button>
    </div>
  );
}

export interface MapFooterProps {
  report: CoverageReport;
  outlines: OutlineSet | null;
  scopeName: string;
  scopeCoverage: CoverageCount;
  points: readonly MapPoint[];
  /** The filters with the screen's area as the county. */
  filters: PointFilters;
  pointsVisible: boolean;
  /** The notes of the overlays that are on (they need the map's chunk). */
  children?: ReactNode;
}

/** The counts of countShown, per points array and filters (their JSON). */
const shownCounts = new WeakMap<
  readonly MapPoint[],
  Map<string, { shown: number; unlocated: number }>
>();

/**
 * How many located points match the filters, and how many have no location: one pass over every
 * point, so counted once per points and filters, not on each of the map's renders (it re-renders
 * as its layers mount, one task each: CoverageMap), nor again when the map replaces its
 * placeholder (each has its footer: the same counts, counted once).
 */
/**
 * Leaves the counts of a pass over the points that already matched them against `filters` (the
 * service points layer's items, made before the screen's first render: ServicePointsLayer.tsx), so
 * the footer's count is not a second pass over 10,000 points in the screen's first render.
 */
export function rememberShownCounts(
  points: readonly MapPoint[],
  filters: PointFilters,
  counts: { shown: number; unlocated: number },
): void {
  let byFilters = shownCounts.get(points);
  if (!byFilters) shownCounts.set(points, (byFilters = new Map()));
  byFilters.set(JSON.stringify(filters), counts);
}

export function countShown(points: readonly MapPoint[], filters: PointFilters) {
  const key = JSON.stringify(filters);
  let byFilters = shownCounts.get(points);
  const known = byFilters?.get(key);
  if (known) return known;
  const matches = pointMatcher(filters);
  let shown = 0;
  let unlocated = 0;
  for (const p of points) {
    if (!p.location) unlocated += 1;
    else if (matches(p)) shown += 1;
  }
  const counts = { shown, unlocated };
  if (!byFilters) shownCounts.set(points, (byFilters = new Map()));
  byFilters.set(key, counts);
  return counts;
}

/** The legend and the notes under the map. */
export function MapFooter(props: MapFooterProps) {
  const { report, outlines, scopeName, scopeCoverage, points, filters, pointsVisible } = props;
  const t = useT();
  const { shown, unlocated } = useMemo(() => countShown(points, filters), [points, filters]);
  return (
    <>
      <Legend
        report={report}
        outlines={outlines}
        scopeName={scopeName}
        scopeCoverage={scopeCoverage}
        showPoints={pointsVisible}
      />
      {pointsVisible ? (
        <p className="map-note" data-testid="map-points-shown">
          {t('map.points.shown', {
            shown: formatNumber(shown),
            total: formatNumber(points.length),
          })}
        </p>
      ) : null}
      {props.children}
      {unlocated > 0 ? (
        <p className="map-note">{t('map.points.noLocation', { count: formatNumber(unlocated) })}</p>
      ) : null}
      {report.unknownPlaces > 0 ? (
        <p className="map-note">
          {t('map.points.unknownPlaces', { count: formatNumber(report.unknownPlaces) })}
        </p>
      ) : null}
    </>
  );
}

/**
 * While the map's chunk loads: the block's toolbar and a map-sized frame. The legend and notes
 * come with the map's points (CoverageMap).
 */
export function MapBlockPlaceholder(
  props: Omit<MapFooterProps, 'children'> & { filterCount: number },
) {
  const t = useT();
  return (
    <div className="map-block" data-testid="map-block-placeholder">
      <MapToolbar panel={null} onPanel={() => undefined} filterCount={props.filterCount} disabled />
      <div className="map-frame">
        <div className="map-placeholder">
          <Spinner label={t('map.loading')} />
        </div>
      </div>
      {/* No legend or notes yet: they come with the map's points (CoverageMap). */}
    </div>
  );
}
