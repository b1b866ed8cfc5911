/**
 * The coverage map itself — the only part of the map screen that needs Leaflet, loaded as a lazy
 * chunk of its own (Leaflet + react-leaflet + supercluster + gcoord ≈ 50 kB gzip stay off the
 * first screen). Owns the Leaflet map: base map in its datum, county outlines and coverage fill,
 * the registered overlays, scale bar, zoom, locate me, full screen, and moving the map when the
 * lists below it ask (focus requests in the store). Opened on a point (`/map?point=<id>`, from the
 * point's page), it starts on that point at street level with its popup open and a ring around
 * it, instead of fitting the area.
 *
 * Vector layers are drawn from bundled data, so with no network the map still shows counties,
 * coverage and points; only the base map goes missing, and the map says so.
 */
import 'leaflet/dist/leaflet.css';
import '../../map/map.css';
import '../../map/leafletGuard';
import * as L from 'leaflet';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { MapContainer, ScaleControl, ZoomControl } from 'react-leaflet';
import { useLocation } from 'wouter';
import { formatDate, formatNumber, useT, type MessageKey } from '../../i18n';
import type { CoverageCount, CoverageReport } from '../../domain/coverage';
import { activeFilterCount, type PointFilters } from '../../domain/pointFilter';
import { areaBoundsOf, deploymentBounds } from '../../map/areaBounds';
import type { RegionIndex } from '../../domain/region';
import type { MapPoint } from '../../domain/mapPoint';
import { baseLayerById } from '../../map/baseLayers';
import { BaseTileLayer, type TileStatus } from '../../map/BaseTileLayer';
import { POPUP_OPTIONS } from '../../map/clusterLayer';
import { convertDatum, toDisplay, type Datum } from '../../map/datum';
import { outlineBounds, type OutlineSet } from '../../map/outlines';
import { Banner, Spinner } from '../../ui';
import { CountyOutlines } from './CountyOutlines';
import {
  COVERAGE_OVERLAY_ID,
  isOverlayVisible,
  OVERLAYS,
  SERVICE_POINTS_OVERLAY_ID,
  type OverlayContext,
} from './layers';
import {
  MapFooter,
  MapToolbar,
  SERVICE_POINTS_SHOWN_AT_FIRST,
  type MapPanel,
} from './MapBlockParts';
import { FilterPanel, LayerPanel } from './MapPanels';
import { useMapStore } from './mapStore';
import { useStages } from './later';
import { firstPointFilters } from './firstView';
import { prepareServicePoints } from './ServicePointsLayer';
import { pointPopup } from '../shared/pointMarkers';
import { markOnce } from '../shared/firstData';

export interface CoverageMapProps {
  regions: RegionIndex | null;
  outlines: OutlineSet | null;
  points: readonly MapPoint[];
  report: CoverageReport;
  /** 6-digit county the screen is scoped to, a province's prefecture (4), or '' for the whole area. */
  county: string;
  scopeName: string;
  scopeCoverage: CoverageCount;
  /** A located point to start on (from the URL): wins over fitting the area. */
  focusPoint?: MapPoint | null;
  /**
   * Called with true once Leaflet's map shows its service points (their first clusters drawn),
   * or once its overlays are mounting when the points are switched off.
   */
  onStarted?: (started: true) => void;
}

/** Street level: the point stands alone (clusters stop at 16) and its street is readable. */
export const POINT_FOCUS_ZOOM = 17;

/** In which task after the map's own each part is added (see useStages below). */
const MOUNT_STAGES = { overlays: 1, outlines: 2, tiles: 3 } as const;

/** With no base map there is no tile zoom limit; 18 is street level, plenty for villages. */
const NO_BASE_MAX_ZOOM = 18;

type LocateState =
  | { status: 'idle' }
  | { status: 'locating' }
  | { status: 'found'; accuracy: number }
  | { status: 'error'; reason: 'denied' | 'unavailable' | 'timeout' | 'unsupported' };

markOnce('cundian:map-chunk');

/**
 * Hands the cluster worker the points of the map's first view, before the screen exists (the map's
 * reads call it as soon as the points are read: mapReads.ts), with the filters, datum and area the
 * screen will start with; the service points layer adopts the index if it is the same
 * (ServicePointsLayer.tsx). Nothing when the points start switched off or the area depends on
 * the gazetteer (a province's drill).
 */
export function prepareFirstView(points: readonly MapPoint[], scope: string | undefined): void {
  const state = useMapStore.getState();
  if (!isOverlayVisible(state.overlays, SERVICE_POINTS_OVERLAY_ID, SERVICE_POINTS_SHOWN_AT_FIRST))
    return;
  const filters = firstPointFilters(scope, state.filters);
  if (!filters) return;
  prepareServicePoints(points, filters, baseLayerById(state.baseLayerId)?.datum ?? 'WGS84');
}

/** False on the first render, true a task after the next frame (the next task without frames). */
function useAfterFrame(): boolean {
  const [on, setOn] = useState(false);
  useEffect(() => {
    if (on) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => (timer = setTimeout(() => setOn(true), 0));
    const frames = typeof requestAnimationFrame === 'function' && !document.hidden;
    const frame = frames ? requestAnimationFrame(later) : (later(), 0);
    return () => {
      if (frames) cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [on]);
  return on;
}

export default function CoverageMap(props: CoverageMapProps) {
  const { regions, outlines, points, report, county, scopeName, scopeCoverage } = props;
  const focusPoint = props.focusPoint?.location ? props.focusPoint : null;
  const t = useT();
  const [, navigate] = useLocation();
  const baseLayerId = useMapStore((s) => s.baseLayerId);
  const overlays = useMapStore((s) => s.overlays);
  const filters = useMapStore((s) => s.filters);
  const focus = useMapStore((s) => s.focus);
  const layer = baseLayerById(baseLayerId) ?? null;
  const display: Datum = layer?.datum ?? 'WGS84';

  const [map, setMap] = useState<L.Map | null>(null);
  // Leaflet's map a frame after the block around it: created in the same task, its first measure
  // (getSize) laid out the whole new block — toolbar, legend, notes — and the task ran ~0.5 s at
  // 4× on a loaded machine (docs/PERFORMANCE.md, eleventh session). After a frame the block is
  // laid out already and the map's own measure lays out its frame only.
  const canvasOn = useAfterFrame();
  const [tileStatus, setTileStatus] = useState<TileStatus>('idle');
  const [panel, setPanel] = useState<MapPanel>(null);
  const [expanded, setExpanded] = useState(false);
  const [locate, setLocate] = useState<LocateState>({ status: 'idle' });
  const blockRef = useRef<HTMLDivElement>(null);
  const locateLayer = useRef<L.LayerGroup | null>(null);

  // Effective filters: the screen's area choice is the county filter.
  const effectiveFilters: PointFilters = useMemo(() => ({ ...filters, county }), [filters, county]);

  // Bounds of the area in the display datum: the county's outline, else the prefecture.
  const areaBounds = useMemo((): L.LatLngBoundsExpression => {
    // No outlines (yet, or a province as a whole): the area file's bbox of the area.
    if (!outlines) return areaBoundsOf(county);
    const chosen = county ? outlines.outlines.filter((o) => o.code === county) : outlines.outlines;
    const bounds = outlineBounds(chosen.length > 0 ? chosen : outlines.outlines);
    if (!bounds) return areaBoundsOf(county);
    const sw = convertDatum({ lat: bounds[0][0], lng: bounds[0][1] }, outlines.datum, display);
    const ne = convertDatum({ lat: bounds[1][0], lng: bounds[1][1] }, outlines.datum, display);
    return [
      [sw.lat, sw.lng],
      [ne.lat, ne.lng],
    ];
  }, [outlines, county, display]);

  // Fit the area when it changes (not on a datum change: that keeps the user's view, below).
  // Opened on a point, show the point instead; then neither the outlines arriving nor the screen
  // switching to the point's own county may take it away — only the user choosing another area.
  const fitted = useRef<{ county: string; outlines: boolean; pointId: string | null } | null>(null);
  useEffect(() => {
    if (!map) return;
    const hasOutlines = outlines !== null;
    const last = fitted.current;
    if (focusPoint?.location && last?.pointId !== focusPoint.id) {
      const at = toDisplay(focusPoint.location, display);
      const zoom = Math.min(POINT_FOCUS_ZOOM, map.getMaxZoom());
      map.setView([at.lat, at.lng], zoom, { animate: false });
      fitted.current = { county, outlines: hasOutlines, pointId: focusPoint.id };
      return;
    }
    const keepsPoint =
      last?.pointId != null &&
      (county === last.county ||
        (focusPoint?.id === last.pointId &&
          county !== '' &&
          focusPoint.regionCode.startsWith(county)));
    if (keepsPoint || (last && last.county === county && last.outlines === hasOutlines)) {
      fitted.current = { county, outlines: hasOutlines, pointId: keepsPoint ? last.pointId : null };
      return;
    }
    fitted.current = { county, outlines: hasOutlines, pointId: null };
    // Animated only when the user chose another area. The first fit (and the one when the
    // outlines arrive) jumps: an animated zoom there loaded tiles and drew the markers at two
    // zooms and kept a slow phone's main thread busy for a second (docs/PERFORMANCE.md).
    map.fitBounds(areaBounds, {
      padding: [8, 8],
      animate: last !== null && last.county !== county,
    });
  }, [map, areaBounds, county, outlines, focusPoint, display]);

  // The point from the URL: its popup open and a ring around its marker, so the eye finds it
  // among its neighbours; redrawn in a new datum when the base map changes.
  useEffect(() => {
    if (!map || !focusPoint?.location) return;
    const at = toDisplay(focusPoint.location, display);
    const ring = L.circleMarker([at.lat, at.lng], {
      radius: 24,
      color: '#1d4ed8',
      weight: 3,
      fill: false,
      interactive: false,
      className: 'map-focus-ring',
    }).addTo(map);
    const deps = { t, regions, formatDate: (d: string) => formatDate(d), navigate };
    // Above the ring, as a marker's popup sits above its pin.
    const popup = L.popup({ ...POPUP_OPTIONS, offset: [0, -20] })
      .setLatLng([at.lat, at.lng])
      .setContent(pointPopup(focusPoint, deps))
      .openOn(map);
    return () => {
      ring.remove();
      popup.remove();
    };
  }, [map, focusPoint, display, t, regions, navigate]);

  // Switching between a WGS-84 and a GCJ-02 base map: keep the same place in the middle.
  const lastDisplay = useRef<Datum>(display);
  useEffect(() => {
    if (!map || lastDisplay.current === display) return;
    const centre = map.getCenter();
    const moved = convertDatum({ lat: centre.lat, lng: centre.lng }, lastDisplay.current, display);
    lastDisplay.current = display;
    map.setView([moved.lat, moved.lng], map.getZoom(), { animate: false });
  }, [map, display]);

  // The map first, then in tasks of their own the overlays (the points: what the screen is
  // for), the outlines with their coverage fill, and last the base map's tiles (offline they only
  // fail; online they come over the network anyway). Mounted together, Leaflet's start, the tile
  // layer's first levels, the outlines' datum conversion and the layers were one task of 1.2 s at
  // 4× on a slow phone (goal: none over 200 ms; docs/PERFORMANCE.md, fifth and seventh sessions).
  // The tiles after the first fit also spare loading, then dropping, the tiles of the view the
  // map is created with.
  //
  // And the points alone first: the outlines, the tiles (and the lists below, MapScreen) only
  // once the first clusters are drawn. Started with the points, the outlines' tasks and the
  // sync engine's start (which waits for the map's first data) came between the cluster
  // index's answer and its markers (docs/PERFORMANCE.md, eighth session).
  const [pointsShown, setPointsShown] = useState(false);
  const showPoints = useCallback(() => setPointsShown(true), []);
  const pointsVisible = isOverlayVisible(
    overlays,
    SERVICE_POINTS_OVERLAY_ID,
    SERVICE_POINTS_SHOWN_AT_FIRST,
  );
  const pointsFirst = pointsShown || !pointsVisible;
  const stage = useStages(map !== null, pointsFirst ? MOUNT_STAGES.tiles : MOUNT_STAGES.overlays);
  const layersOn = stage >= MOUNT_STAGES.overlays;
  useEffect(() => {
    if (map) markOnce(`cundian:map-stage-${stage}`);
  }, [map, stage]);
  const { onStarted } = props;
  useEffect(() => {
    if (layersOn && pointsFirst) onStarted?.(true);
  }, [layersOn, pointsFirst, onStarted]);

  // react-leaflet does not pass ARIA props through: name the map's own element.
  const regionLabel = t('map.regionLabel');
  useEffect(() => {
    const el = map?.getContainer();
    el?.setAttribute('role', 'region');
    el?.setAttribute('aria-label', regionLabel);
  }, [map, regionLabel]);

  // The providers' attribution is required; Leaflet's own prefix is not, and at 360 px it
  // pushes the attribution onto two lines. (The map's own control, not a second one: only it
  // drops a base map's attribution when the base map changes.)
  useEffect(() => {
    map?.attributionControl?.setPrefix(false);
  }, [map]);

  useEffect(() => {
    map?.setMaxZoom(layer?.maxZoom ?? NO_BASE_MAX_ZOOM);
    if (!layer) setTileStatus('idle');
  }, [map, layer]);

  // A list below asked to show a place (township centre, county centre). Opened on a point, the
  // request left from an earlier visit is not replayed: the point wins.
  const focusSeqAtStart = useRef(focus?.seq ?? 0);
  const startedOnPoint = useRef(focusPoint !== null);
  useEffect(() => {
    if (!map || !focus) return;
    if (startedOnPoint.current && focus.seq <= focusSeqAtStart.current) return;
    const target = convertDatum({ lat: focus.lat, lng: focus.lng }, focus.datum, display);
    map.flyTo([target.lat, target.lng], focus.zoom, { duration: 0.5 });
    blockRef.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
    // Only a new request moves the map; a datum change must not replay an old one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, focus?.seq]);

  // Full screen: CSS does the layout (works on every phone, iOS included); the Fullscreen API,
  // where there is one, also hides the browser's bars.
  const toggleExpanded = () => {
    const next = !expanded;
    setExpanded(next);
    const el = blockRef.current;
    if (next && el?.requestFullscreen) el.requestFullscreen().catch(() => undefined);
    if (!next && document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
  };
  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement) setExpanded(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setExpanded(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      document.removeEventListener('keydown', onKey);
    };
  }, []);
  useEffect(() => {
    // The map's box changed size (full screen, printing): Leaflet must measure it again.
    const resize = () => map?.invalidateSize();
    const frame = requestAnimationFrame(resize);
    window.addEventListener('beforeprint', resize);
    window.addEventListener('afterprint', resize);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('beforeprint', resize);
      window.removeEventListener('afterprint', resize);
    };
  }, [map, expanded, panel]);

  const locateMe = () => {
    if (!map) return;
    if (!('geolocation' in navigator)) {
      setLocate({ status: 'error', reason: 'unsupported' });
      return;
    }
    setLocate({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const here = toDisplay(
          { lat: position.coords.latitude, lng: position.coords.longitude },
          display,
        );
        const accuracy = Math.round(position.coords.accuracy);
        locateLayer.current?.remove();
        locateLayer.current = L.layerGroup([
          L.circle([here.lat, here.lng], {
            radius: accuracy,
            color: '#1d4ed8',
            weight: 1,
            fillOpacity: 0.12,
            interactive: false,
          }),
          L.circleMarker([here.lat, here.lng], {
            radius: 8,
            color: '#ffffff',
            weight: 3,
            fillColor: '#1d4ed8',
            fillOpacity: 1,
          }),
        ]).addTo(map);
        map.flyTo([here.lat, here.lng], Math.max(map.getZoom(), 14), { duration: 0.5 });
        setLocate({ status: 'found', accuracy });
      },
      (error) =>
        setLocate({
          status: 'error',
          reason:
            error.code === error.PERMISSION_DENIED
              ? 'denied'
              : error.code === error.TIMEOUT
                ? 'timeout'
                : 'unavailable',
        }),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  };
  // The located dot is drawn in the datum of the moment; drop it when the datum changes.
  useEffect(() => {
    return () => {
      locateLayer.current?.remove();
      locateLayer.current = null;
    };
  }, [display]);

  const context: OverlayContext = {
    display,
    regions,
    outlines,
    report,
    points,
    filters: effectiveFilters,
    onShown: showPoints,
  };
  const visibleOverlays = OVERLAYS.filter((def) =>
    isOverlayVisible(overlays, def.id, def.defaultVisible),
  );
  const filterCount = activeFilterCount(filters);

  const tileMessage: MessageKey | null =
    layer && tileStatus === 'failed'
      ? 'map.tiles.failed'
      : layer && tileStatus === 'partial'
        ? 'map.tiles.partial'
        : null;

  return (
    <div
      ref={blockRef}
      className={expanded ? 'map-block map-block--expanded' : 'map-block'}
      data-testid="map-block"
    >
      <MapToolbar panel={panel} onPanel={setPanel} filterCount={filterCount} />
      {panel === 'layers' ? <LayerPanel /> : null}
      {panel === 'filters' ? <FilterPanel points={points} /> : null}

      <div className="map-frame">
        {/* A short chip over the map's top band (where popups never go: POPUP_OPTIONS), the
            full sentence under the map: its arrival moves nothing on screen (layout shift). */}
        {tileMessage ? (
          <p className="map-tile-notice" role="status" data-testid="map-tile-notice">
            {t(
              tileMessage === 'map.tiles.failed'
                ? 'map.tiles.failedShort'
                : 'map.tiles.partialShort',
            )}
          </p>
        ) : null}
        {canvasOn ? null : (
          <div className="map-placeholder">
            <Spinner label={t('map.loading')} />
          </div>
        )}
        {canvasOn ? (
          <MapContainer
            ref={setMap}
            className={layer ? 'map-canvas' : 'map-canvas map-canvas--plain'}
            bounds={deploymentBounds()}
            zoomControl={false}
            maxZoom={layer?.maxZoom ?? NO_BASE_MAX_ZOOM}
            minZoom={6}
            // Half steps: the prefecture fills a phone's map better than with whole zoom levels.
            zoomSnap={0.5}
            // Thumb-friendly: a double tap zooms, one finger pans, the page still scrolls
            // around the map.
            tapTolerance={20}
          >
            {layer && stage >= MOUNT_STAGES.tiles ? (
              <BaseTileLayer key={layer.id} layer={layer} onStatus={setTileStatus} />
            ) : null}
            <ZoomControl
              position="topright"
              zoomInTitle={t('map.control.zoomIn')}
              zoomOutTitle={t('map.control.zoomOut')}
            />
            {/* Top left: at 360 px the bottom is taken by the attribution and our buttons. */}
            <ScaleControl position="topleft" imperial={false} />
            {stage >= MOUNT_STAGES.outlines && outlines ? (
              <CountyOutlines
                outlines={outlines}
                report={report}
                display={display}
                filled={isOverlayVisible(overlays, COVERAGE_OVERLAY_ID)}
                overTiles={layer !== null}
              />
            ) : null}
            {(layersOn ? visibleOverlays : []).map((def) => (
              <def.Layer key={def.id} {...context} />
            ))}
          </MapContainer>
        ) : null}
        <div className="map-controls">
          <button
            type="button"
            className="map-control"
            onClick={locateMe}
            aria-label={t('map.control.locate')}
            title={t('map.control.locate')}
            aria-busy={locate.status === 'locating'}
          >
            <LocateIcon />
          </button>
          <button
            type="button"
            className="map-control"
            onClick={toggleExpanded}
            aria-pressed={expanded}
            aria-label={expanded ? t('map.control.exitFullscreen') : t('map.control.fullscreen')}
            title={expanded ? t('map.control.exitFullscreen') : t('map.control.fullscreen')}
          >
            <FullscreenIcon exit={expanded} />
          </button>
        </div>
      </div>

      {locate.status === 'error' ? (
        <Banner tone="error">{t(`map.locate.error.${locate.reason}`)}</Banner>
      ) : locate.status === 'locating' || locate.status === 'found' ? (
        <p className="map-note" role="status">
          {locate.status === 'locating'
            ? t('map.locate.locating')
            : t('map.locate.found', { accuracy: formatNumber(locate.accuracy) })}
        </p>
      ) : null}

      {tileMessage ? (
        <p className="map-note" data-testid="map-tile-explained">
          {t(tileMessage)}
        </p>
      ) : null}
      {/* The legend and notes once the points are drawn: laid out in the first frames, their
          text was most of a 0.4 s layout before the first markers (eleventh session). Below the
          map, with nothing under them yet, they move nothing when they come. */}
      {pointsFirst ? (
        <MapFooter
          report={report}
          outlines={outlines}
          scopeName={scopeName}
          scopeCoverage={scopeCoverage}
          points={points}
          filters={effectiveFilters}
          pointsVisible={pointsVisible}
        >
          {visibleOverlays.map((def) => (def.Note ? <def.Note key={def.id} {...context} /> : null))}
        </MapFooter>
      ) : null}
    </div>
  );
}

function LocateIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" className="icon">
      <circle cx="12" cy="12" r="3.5" fill="currentColor" />
      <circle cx="12" cy="12" r="7.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M12 1.5v3M12 19.5v3M1.5 12h3M19.5 12h3" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}

function FullscreenIcon({ exit }: { exit: boolean }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="24"
      height="24"
      aria-hidden="true"
      className="icon"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      {exit ? (
        <path d="M9 3v6H3M15 3v6h6M9 21v-6H3M15 21v-6h6" />
      ) : (
        <path d="M3 9V3h6M21 9V3h-6M3 15v6h6M21 15v6h-6" />
      )}
    </svg>
  );
}
