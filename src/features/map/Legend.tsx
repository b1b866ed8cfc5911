/**
 * The map's legend: the coverage classes, the figures of the county under the finger (or of the
 * whole area when none is), the point colours and an honest note on the outlines' age. Plain React
 * below the map (not a Leaflet control): it is read on a 360-px phone, announced to screen
 * readers, and printed with the map.
 */
import { formatNumber, useT, formatList } from '../../i18n';
import {
  COVERAGE_CLASS_BOUNDS,
  outlineCoverage,
  sharePercent,
  type CoverageCount,
  type CoverageReport,
} from '../../domain/coverage';
import { SERVICE_POINT_STATUSES } from '../../domain/servicePointValues';
import type { OutlineSet } from '../../map/outlines';
import { setHighlighted, useMapStore } from './mapStore';
import { COVERAGE_FILL, STATUS_COLOUR } from '../shared/palette';

export interface LegendProps {
  report: CoverageReport;
  outlines: OutlineSet | null;
  /** Name and figures of the area shown when no county is highlighted. */
  scopeName: string;
  scopeCoverage: CoverageCount;
  showPoints: boolean;
}

export function Legend({ report, outlines, scopeName, scopeCoverage, showPoints }: LegendProps) {
  const t = useT();
  const highlighted = useMapStore((s) => s.highlighted);

  const figures = (name: string, c: CoverageCount) => {
    const percent = sharePercent(c.share);
    return percent === null
      ? t('map.legend.countyNoRural', { name })
      : t('map.legend.county', {
          name,
          covered: formatNumber(c.covered),
          rural: formatNumber(c.rural),
          percent,
        });
  };

  // A county, or on a province's map a prefecture (its outline's name).
  const outlineOf = (code: string) =>
    outlineCoverage(report, code, outlines?.outlines.find((o) => o.code === code)?.name ?? code);

  let readout: string;
  if (highlighted?.startsWith('former:')) {
    readout = t('map.legend.former.detail', { name: highlighted.slice('former:'.length) });
  } else if (highlighted && outlineOf(highlighted)) {
    const area = outlineOf(highlighted)!;
    readout = figures(area.name, area);
  } else {
    readout = figures(scopeName, scopeCoverage);
  }

  const classes: { fill: string; label: string; dashed?: boolean }[] = [
    { fill: COVERAGE_FILL[1]!, label: t('map.legend.class1') },
    ...COVERAGE_CLASS_BOUNDS.map((to, i) => ({
      fill: COVERAGE_FILL[i + 2]!,
      label: t('map.legend.classRange', {
        from: i === 0 ? 1 : COVERAGE_CLASS_BOUNDS[i - 1]! + 1,
        to,
      }),
    })),
    { fill: COVERAGE_FILL[0]!, label: t('map.legend.class0') },
    { fill: 'transparent', label: t('map.legend.former'), dashed: true },
  ];
  const missing = outlines?.countiesWithoutOutline ?? [];

  return (
    <div className="map-legend" data-testid="map-legend">
      <h2 className="map-legend__title">{t('map.legend.title')}</h2>
      <div className="map-legend__readout">
        <p role="status" aria-live="polite" data-testid="map-legend-readout">
          {readout}
        </p>
        {highlighted ? (
          <button
            type="button"
            className="map-legend__clear"
            onClick={() => setHighlighted(null)}
            aria-label={t('map.legend.clear')}
          >
            ×
          </button>
        ) : null}
      </div>
      <ul className="map-legend__classes">
        {classes.map((c) => (
          <li key={c.label}>
            <span
              className={c.dashed ? 'map-swatch map-swatch--dashed' : 'map-swatch'}
              style={{ background: c.fill }}
              aria-hidden="true"
            />
            {c.label}
          </li>
        ))}
      </ul>
      <p className="map-legend__hint">{t('map.legend.hint')}</p>
      {showPoints ? (
        <>
          <h3 className="map-legend__subtitle">{t('map.legend.points')}</h3>
          <ul className="map-legend__classes">
            {SERVICE_POINT_STATUSES.map((status) => (
              <li key={status}>
                <span
                  className="map-swatch map-swatch--round"
                  style={{ background: STATUS_COLOUR[status] }}
                  aria-hidden="true"
                />
                {t(`points.status.${status}`)}
              </li>
            ))}
          </ul>
          <p className="map-legend__hint">{t('map.legend.tiers')}</p>
        </>
      ) : null}
      {missing.length > 0 ? (
        <p className="map-legend__note">
          {t('map.legend.outlineNote', { names: formatList(missing.map((c) => c.name)) })}
        </p>
      ) : null}
    </div>
  );
}
