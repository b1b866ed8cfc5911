/**
 * The small map on a service point's detail page: where the point stands, on the base map last
 * chosen on this device (../../map/baseLayers.ts), its stored WGS-84 position converted to that
 * map's datum (../../map/datum.ts) so it sits on the right house on AMap too. Default export,
 * loaded lazily by PointDetail: Leaflet comes with this chunk only when a located point is opened.
 *
 * Still by default (no drag, no zoom, no keyboard focus): it sits in a page the thumb scrolls,
 * and a map that grabs the swipe traps the user. The coverage map is the place to explore.
 * Without tiles (offline, nothing cached) the marker stands on the plain background, the
 * accuracy circle around it, and a sentence says why there is no map under it.
 */
import 'leaflet/dist/leaflet.css';
import '../../map/map.css';
import '../../map/leafletGuard';
import './pointMap.css';
import { useEffect, useState } from 'react';
import type { Map as LeafletMap } from 'leaflet';
import { Circle, MapContainer, Marker } from 'react-leaflet';
import { useT } from '../../i18n';
import type { Location } from '../../domain/common';
import type { ServicePoint } from '../../domain/servicePoint';
import { BaseTileLayer, type TileStatus } from '../../map/BaseTileLayer';
import { baseLayerById, displayDatumOf } from '../../map/baseLayers';
import { toDisplay } from '../../map/datum';
import { pointIcon } from '../shared/pointMarkers';

export interface PointLocationMapProps {
  point: Pick<ServicePoint, 'status' | 'tier'>;
  location: Location;
  /** An id of BASE_LAYERS or 'none'. */
  layerId: string;
  /** Accessible name of the map (says what and where). */
  label: string;
  height?: number;
}

const ZOOM = 16;

export default function PointLocationMap({
  point,
  location,
  layerId,
  label,
  height = 200,
}: PointLocationMapProps) {
  const t = useT();
  const layer = baseLayerById(layerId) ?? null;
  const shown = toDisplay({ lat: location.lat, lng: location.lng }, displayDatumOf(layerId));
  const [map, setMap] = useState<LeafletMap | null>(null);
  const [tiles, setTiles] = useState<TileStatus>('idle');
  const icon = pointIcon(point, t);

  // Named for assistive technology on the map's own element (react-leaflet does not pass ARIA
  // props through). A figure, not an image: it holds the provider's attribution link, which must
  // stay reachable, and an image's content is hidden from a screen reader (axe nested-interactive).
  useEffect(() => {
    const el = map?.getContainer();
    el?.setAttribute('role', 'figure');
    el?.setAttribute('aria-label', label);
  }, [map, label]);

  // The provider's attribution is required; Leaflet's own prefix is not (one line at 360 px).
  useEffect(() => {
    map?.attributionControl?.setPrefix(false);
  }, [map]);

  // The position changed (a sync brought a better fix): follow it.
  useEffect(() => {
    map?.setView([shown.lat, shown.lng], map.getZoom(), { animate: false });
  }, [map, shown.lat, shown.lng]);

  return (
    <div className="point-map" data-testid="point-map">
      <MapContainer
        key={layerId}
        ref={setMap}
        center={[shown.lat, shown.lng]}
        zoom={Math.min(ZOOM, layer?.maxZoom ?? ZOOM)}
        className="point-map__map"
        style={{ height }}
        dragging={false}
        touchZoom={false}
        doubleClickZoom={false}
        scrollWheelZoom={false}
        boxZoom={false}
        keyboard={false}
        zoomControl={false}
      >
        {layer ? <BaseTileLayer layer={layer} onStatus={setTiles} /> : null}
        {location.accuracy !== null ? (
          <Circle
            center={[shown.lat, shown.lng]}
            radius={location.accuracy}
            interactive={false}
            pathOptions={{ weight: 1, opacity: 0.8, fillOpacity: 0.12 }}
          />
        ) : null}
        <Marker
          position={[shown.lat, shown.lng]}
          icon={icon}
          interactive={false}
          keyboard={false}
        />
      </MapContainer>
      {tiles === 'failed' ? (
        <p className="field__hint" role="status">
          {t('pointsMore.map.tilesFailed')}
        </p>
      ) : null}
    </div>
  );
}
