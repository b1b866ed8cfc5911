/**
 * The county outlines, always drawn (vector data bundled with the app: useful with no tiles at
 * all), filled by coverage class when the coverage overlay is on. Hover or tap a county for its
 * numbers: a tooltip, and the legend below the map (touch screens have no hover).
 *
 * Outlines of counties that no longer exist (下城区, 江干区; code null) are drawn dashed and
 * unfilled: their villages are counted in today's districts.
 */
import { useMemo } from 'react';
import { Polygon, Tooltip } from 'react-leaflet';
import type { PathOptions } from 'leaflet';
import { formatNumber, useT } from '../../i18n';
import {
  coverageClass,
  outlineCoverage,
  sharePercent,
  type CoverageReport,
} from '../../domain/coverage';
import { convertRings, type Datum } from '../../map/datum';
import type { CountyOutline, OutlineSet } from '../../map/outlines';
import { setHighlighted, useMapStore } from './mapStore';
import { COVERAGE_FILL } from '../shared/palette';
import { useStages } from './later';

type Positions = [number, number][][][];

/** Each outline's rings converted per display datum, kept as long as the outline itself. */
const converted = new WeakMap<CountyOutline, Map<Datum, Positions>>();

/** An outline's polygons as Leaflet wants them ([lat, lng]) in the display datum, converted once. */
function positionsOf(outline: CountyOutline, from: Datum, display: Datum): Positions {
  let byDatum = converted.get(outline);
  if (!byDatum) {
    byDatum = new Map();
    converted.set(outline, byDatum);
  }
  let positions = byDatum.get(display);
  if (!positions) {
    // Leaflet wants [lat, lng]; the file holds [lng, lat] in the outline datum.
    positions = outline.polygons.map((rings) =>
      convertRings(rings, from, display).map((ring) =>
        ring.map(([lng, lat]) => [lat, lng] as [number, number]),
      ),
    );
    byDatum.set(display, positions);
  }
  return positions;
}

export interface CountyOutlinesProps {
  outlines: OutlineSet;
  report: CoverageReport;
  display: Datum;
  filled: boolean;
  /** Whether a base map is under the outlines (fills are lighter over tiles). */
  overTiles: boolean;
}

/** Key of an outline in the highlight state: the county code, or `former:<name>`. */
export function outlineKey(outline: { code: string | null; name: string }): string {
  return outline.code ?? `former:${outline.name}`;
}

export function CountyOutlines({
  outlines,
  report,
  display,
  filled,
  overTiles,
}: CountyOutlinesProps) {
  const t = useT();
  const highlighted = useMapStore((s) => s.highlighted);
  // One more outline per task: converting every vertex to the display datum (gcoord, iterated)
  // and building the paths of a prefecture's 13 outlines was one task of ~1.1 s at 4× on a slow
  // phone (goal: none over 200 ms; docs/PERFORMANCE.md, seventh session). Converted positions are
  // kept per outline and datum, so a later render converts nothing again.
  const shown = Math.min(outlines.outlines.length, useStages(true, outlines.outlines.length) + 1);
  const shapes = useMemo(
    () =>
      outlines.outlines.slice(0, shown).map((o) => ({
        outline: o,
        key: outlineKey(o),
        positions: positionsOf(o, outlines.datum, display),
      })),
    [outlines, display, shown],
  );

  return (
    <>
      {shapes.map(({ outline, key, positions }) => {
        const county = outline.code
          ? outlineCoverage(report, outline.code, outline.name)
          : undefined;
        const active = highlighted === key;
        const style: PathOptions = county
          ? {
              color: active ? '#111827' : '#374151',
              weight: active ? 3 : 1.5,
              fillColor: COVERAGE_FILL[coverageClass(county.share)],
              fillOpacity: filled ? (overTiles ? 0.55 : 0.85) : 0,
            }
          : {
              color: '#6b7280',
              weight: active ? 2.5 : 1.5,
              dashArray: '6 5',
              fillColor: '#ffffff',
              fillOpacity: filled && !overTiles ? 0.4 : 0,
            };
        const name = county?.name ?? outline.name;
        const percent = sharePercent(county?.share ?? null);
        return (
          <Polygon
            key={`${key}-${display}`}
            positions={positions}
            // Set once when the path is created (Leaflet ignores className in setStyle).
            className={
              county ? `map-county map-county-${outline.code}` : 'map-county map-county--former'
            }
            pathOptions={style}
            eventHandlers={{
              mouseover: () => setHighlighted(key),
              click: () => setHighlighted(key),
            }}
          >
            <Tooltip sticky>
              {!county
                ? t('map.legend.formerShort', { name })
                : percent === null
                  ? t('map.legend.countyNoRural', { name })
                  : t('map.legend.county', {
                      name,
                      covered: formatNumber(county.covered),
                      rural: formatNumber(county.rural),
                      percent,
                    })}
            </Tooltip>
          </Polygon>
        );
      })}
    </>
  );
}
