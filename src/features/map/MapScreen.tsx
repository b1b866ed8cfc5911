/**
 * 地图: the county coordinator's main screen. Which rural villages of the area have an open
 * service point (coverage per county on the map, per township in a list), where the points are,
 * and which villages still have none (the gap list, exportable). Works offline: the gazetteer and
 * the outlines are precached, the points come from the local database, tiles are optional.
 *
 * This module is the route's chunk and holds no Leaflet: the map itself (CoverageMap) is a lazy
 * chunk of its own, so the numbers and the gap list show while it loads.
 *
 * `scope` (optional) narrows the screen to a county (6 digits) or a township (9 digits): the
 * user's area once accounts carry one. Without it the user chooses the area.
 *
 * `/map?point=<id>` opens the map on that service point (docs/MAP.md): read from the local
 * database, so it works offline; it wins over fitting the area and over the last list request.
 */
import { MAP_POINTS_NAME } from './mapReads';
import './mapScreen.css';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useSearch } from 'wouter';
import { formatDate, formatNumber, useLocale, useT } from '../../i18n';
import { plainDay } from '../../i18n/plainDay';
import type { Locale } from '../../domain/bilingual';
import { useRegions } from '../../regions';
import { markOnce, useMarkFirstData } from '../shared/firstData';
import { useKeptDerivation, useSession } from '../../db/live';
import { computeCoverage, coverageOf, sharePercent } from '../../domain/coverage';
import { activeFilterCount } from '../../domain/pointFilter';
import type { EntityRecord } from '../../domain/entities';
import {
  MAP_POINTS_CODEC,
  MAP_POINTS_FORMAT,
  toMapPoints,
  type MapPoint,
} from '../../domain/mapPoint';
import { deployment } from '../../domain/deployment';
import { areaCodeOf } from '../../domain/scope';
import { useOutlines } from '../../map/outlines';
import { Banner, Field, Spinner } from '../../ui';
import { CountyCoverageList } from './CountyCoverageList';
import { GapList } from './GapList';
import { MapBlockPlaceholder, SERVICE_POINTS_SHOWN_AT_FIRST } from './MapBlockParts';
import { setFilters, setHighlighted, useMapStore } from './mapStore';
import { placeLocator } from './places';
import { PlaceOptions } from '../shared/FilterSelect';
import { AreaTrail } from '../shared/AreaTrail';
import { areaNameOf, areasBelow, type NamedArea } from '../../domain/areas';
import { codeAtLevel } from '../../domain/levels';
import { mapDrill } from './drill';
import { drillsFor, outlinesCodeOf, validScopeOf } from './firstView';
import { PrefectureCoverageList } from './PrefectureCoverageList';
import { useAfterIdle, useStages } from './later';
import type { RegionIndex } from '../../domain/region';
import type { CoverageCount, CoverageReport } from '../../domain/coverage';
import type { OutlineSet } from '../../map/outlines';

const CoverageMap = lazy(() => import('./CoverageMap'));

/**
 * The longest the lists below the map and the first-data mark wait, after the figures, for the
 * map to show its points (its chunk may fail to load).
 */
const MAP_START_LIMIT_MS = 3_000;

const POINT_ENTITIES = ['servicePoint'] as const;
const derivePoints = (records: { servicePoint: EntityRecord<'servicePoint'>[] }) =>
  toMapPoints(records.servicePoint);

/**
 * The live service points as the map needs them (src/domain/mapPoint.ts), kept with the records'
 * stamp: a cold start reads one row, not 10,000 records (docs/PERFORMANCE.md).
 */
export function useMapPoints(): readonly MapPoint[] | undefined {
  return useKeptDerivation(
    MAP_POINTS_NAME,
    POINT_ENTITIES,
    String(MAP_POINTS_FORMAT),
    derivePoints,
    MAP_POINTS_CODEC,
  ).value;
}

/**
 * Today for the print heading, without Intl where it can: the page's first DateTimeFormat was a
 * 150–170 ms task at 4× in the map's first render (docs/PERFORMANCE.md, fifth session).
 */
function printDate(locale: Locale): string {
  const today = new Date();
  return plainDay(today, locale) ?? formatDate(today);
}

export interface MapScreenProps {
  /** A 6-digit county or 9-digit township code: the area the user is responsible for. */
  scope?: string;
}

/**
 * The route's component: a user whose area is a county or a township sees that area (a
 * coordinator's county, an officer's township); the whole prefecture, or nobody logged in,
 * chooses the area on the screen.
 */
export default function MapScreen() {
  const session = useSession();
  // The app's first render (the shell) without the screen's body, which comes a task later: with
  // the gazetteer and the points read before it, the first render was the shell, the figures and
  // the map in one task (1.2 s at 4× on a loaded machine; eighth session).
  const bodyOn = useStages(true, 1) >= 1;
  if (session === undefined || !bodyOn) return <Spinner />;
  return <CoverageScreen scope={areaCodeOf(session?.user.scope) || undefined} />;
}

export function CoverageScreen({ scope }: MapScreenProps) {
  const t = useT();
  const locale = useLocale();
  const regionsState = useRegions();
  const chosenCounty = useMapStore((s) => s.filters.county);
  // A province drills down (drill.ts): the outlines are those of the prefecture looked at (or a
  // county or township user's own prefecture: its counties, the map fitting the user's area), the
  // prefectures' for the province as a whole. One prefecture's deployment: its own file.
  const validScope = validScopeOf(scope);
  const drills = drillsFor(validScope);
  const outlinesState = useOutlines(outlinesCodeOf(scope, chosenCounty));
  const points = useMapPoints();
  const filters = useMapStore((s) => s.filters);
  const overlays = useMapStore((s) => s.overlays);
  const pointId = new URLSearchParams(useSearch()).get('point');

  const regions = regionsState.status === 'ready' ? regionsState.regions : null;
  const outlines = outlinesState.status === 'ready' ? outlinesState.outlines : null;
  const drill = drills && regions ? mapDrill(chosenCounty, scope, regions) : null;
  const county = validScope ? validScope.slice(0, 6) : drill ? drill.filter : chosenCounty;
  const township = validScope && validScope.length === 9 ? validScope : undefined;
  const area = township ?? county;
  const effectiveFilters = useMemo(() => ({ ...filters, county }), [filters, county]);

  const report = useMemo(
    () => (regions && points ? computeCoverage(regions, points) : null),
    [regions, points],
  );
  // The lists below the map (coverage by county and township, the gap list) once the main thread
  // is idle: with them, the screen's first render was a 0.6 s task at 4× (docs/PERFORMANCE.md,
  // seventh session); they are below the fold on a phone, and what fills them is already counted.
  // And after the map has started — its points drawn — (or MAP_START_LIMIT_MS): mounted in the
  // same task as Leaflet's map, the lists' new elements made Leaflet's first measure (`getSize`)
  // lay them out too, a 0.3 s forced layout at 4× (seventh session); mounted before the points
  // were drawn, they held the markers back (eighth session).
  // The limit counts from the figures, not the screen's first render: the gazetteer can take
  // longer than the limit to arrive on a slow phone.
  const [mapStarted, setMapStarted] = useState(false);
  const figuresShown = report !== null;
  useEffect(() => {
    if (!figuresShown) return;
    const timer = window.setTimeout(() => setMapStarted(true), MAP_START_LIMIT_MS);
    return () => window.clearTimeout(timer);
  }, [figuresShown]);
  const listsOn = useAfterIdle(mapStarted);
  // The screen's data is the figures AND the points on the map: what waits for the first data
  // (the sync engine's start, the notices' counts, the service worker's update check) came
  // between the cluster index's answer and its markers, ~0.3 s of main thread at 4× (eighth
  // session). The map's own limit (MAP_START_LIMIT_MS) bounds the wait when it does not start.
  useMarkFirstData(figuresShown && mapStarted);
  useEffect(() => {
    if (listsOn) markOnce('cundian:map-lists');
  }, [listsOn]);
  const focusPoint = pointId && points ? (points.find((p) => p.id === pointId) ?? null) : null;
  const focusCounty = focusPoint?.regionCode.slice(0, 6);

  // Opened on a point while another county is chosen: show the point's county (its figures, its
  // points), once per point — the user may choose another area afterwards.
  useEffect(() => {
    if (validScope || !focusCounty) return;
    const chosen = useMapStore.getState().filters.county;
    if (chosen && chosen !== focusCounty) {
      setHighlighted(null);
      setFilters({ county: focusCounty });
    }
  }, [validScope, focusCounty, pointId]);

  if (regionsState.status === 'error') {
    return (
      <section className="screen map-screen">
        <header className="screen__header">
          <h1>{t('screen.map')}</h1>
        </header>
        <Banner tone="error">{t('regions.loadFailed')}</Banner>
      </section>
    );
  }
  if (!regions || !points || !report) return <Spinner label={t('map.loading')} />;

  const areaName = drill
    ? (areaNameOf(drill.area, regions) ?? drill.area)
    : township
      ? (regions.township(township)?.name ?? township)
      : county
        ? (regions.county(county)?.name ?? county)
        : deployment().name;
  const areaCoverage =
    (drill ? coverageOf(report, drill.area) : coverageOf(report, area)) ?? report.prefecture;
  // The county choice of a prefecture (or of a county's prefecture) in a province.
  const drillPrefecture =
    drill && (drill.level === 'prefecture' || drill.level === 'county')
      ? codeAtLevel(drill.area, 'prefecture')
      : null;
  const pick = (code: string) => {
    setHighlighted(null);
    setFilters({ county: drill && code === drill.top ? '' : code });
  };
  const percent = sharePercent(areaCoverage.share);
  // What the map block shows, the same for the placeholder and the map itself.
  const mapProps = {
    report,
    outlines,
    points,
    scopeName: areaName,
    scopeCoverage: areaCoverage,
  };
  const placeholder = (
    <MapBlockPlaceholder
      {...mapProps}
      filters={effectiveFilters}
      pointsVisible={overlays['servicePoints'] ?? SERVICE_POINTS_SHOWN_AT_FIRST}
      filterCount={activeFilterCount(filters)}
    />
  );

  return (
    <section className="screen map-screen" aria-labelledby="map-title">
      <header className="screen__header">
        <h1 id="map-title">{t('screen.map')}</h1>
      </header>
      <div className="map-print-heading" aria-hidden="true">
        <p className="map-print-heading__title">{t('map.print.heading', { scope: areaName })}</p>
        <p>{t('map.print.date', { date: printDate(locale) })}</p>
      </div>

      {drill ? (
        <AreaTrail
          codes={drill.trail}
          nameOf={(code) => areaNameOf(code, regions) ?? code}
          onPick={pick}
          testId="map-trail"
        />
      ) : null}
      {drillPrefecture ? (
        <Field label={t('map.scope.label')} className="map-scope">
          {(control) => (
            <select {...control} value={drill!.area} onChange={(e) => pick(e.target.value)}>
              <option value={drillPrefecture}>
                {t('drill.wholeName.prefecture', {
                  name: areaNameOf(drillPrefecture, regions) ?? drillPrefecture,
                })}
              </option>
              <PlaceOptions places={areasBelow(drillPrefecture, regions)} />
            </select>
          )}
        </Field>
      ) : null}
      {validScope || drill ? null : (
        <Field label={t('map.scope.label')} className="map-scope">
          {(control) => (
            <select
              {...control}
              value={county}
              onChange={(e) => {
                setHighlighted(null);
                setFilters({ county: e.target.value });
              }}
            >
              <PlaceOptions first={t('map.scope.all')} places={regions.counties} />
            </select>
          )}
        </Field>
      )}

      <p className="map-summary" data-testid="map-summary">
        {percent === null
          ? t('map.summary.noRural', { scope: areaName })
          : t('map.summary', {
              scope: areaName,
              rural: formatNumber(areaCoverage.rural),
              covered: formatNumber(areaCoverage.covered),
              percent,
            })}
      </p>

      {pointId && !focusPoint ? <Banner tone="warning">{t('map.focus.notFound')}</Banner> : null}
      {focusPoint && !focusPoint.location ? (
        <Banner tone="warning">{t('map.focus.noLocation', { name: focusPoint.name })}</Banner>
      ) : null}
      {outlinesState.status === 'error' ? (
        <Banner tone="warning">{t('map.outlinesFailed')}</Banner>
      ) : null}

      <Suspense fallback={placeholder}>
        <CoverageMap
          {...mapProps}
          regions={regions}
          county={county}
          focusPoint={focusPoint}
          onStarted={setMapStarted}
        />
      </Suspense>

      {listsOn ? (
        <MapLists
          regions={regions}
          report={report}
          points={points}
          outlines={outlines}
          prefectures={drill && drill.level === 'province' ? drill.below : null}
          county={county}
          township={township}
          area={area}
          areaName={areaName}
          areaCoverage={areaCoverage}
          onPick={pick}
        />
      ) : null}
    </section>
  );
}

interface MapListsProps {
  regions: RegionIndex;
  report: CoverageReport;
  points: readonly MapPoint[];
  outlines: OutlineSet | null;
  /** A province's prefectures (the province as a whole is looked at), else null. */
  prefectures: readonly NamedArea[] | null;
  county: string;
  township: string | undefined;
  area: string;
  areaName: string;
  areaCoverage: CoverageCount;
  onPick: (code: string) => void;
}

/** The lists under the map: coverage by area, then the villages still without a point. */
function MapLists(props: MapListsProps) {
  const { regions, report, points, outlines, county, township, area, areaName } = props;
  const locator = useMemo(() => placeLocator(points, outlines), [points, outlines]);
  // The gap list a task after the coverage list: each is a few hundred elements.
  const gapListOn = useStages(true, 1) >= 1;
  return (
    <>
      {props.prefectures ? (
        <PrefectureCoverageList
          report={report}
          prefectures={props.prefectures}
          totalLabel={areaName}
          total={props.areaCoverage}
          onPick={props.onPick}
        />
      ) : (
        <CountyCoverageList
          report={report}
          outlines={outlines}
          locator={locator}
          county={county}
          township={township}
          totalLabel={areaName}
          total={props.areaCoverage}
        />
      )}
      {gapListOn ? (
        <GapList
          regions={regions}
          report={report}
          locator={locator}
          scope={area}
          scopeName={areaName}
        />
      ) : null}
    </>
  );
}
