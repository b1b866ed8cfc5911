/**
 * The Leaflet part of LocationPicker (./LocationPicker.tsx): a small map on which a tap places
 * the point. The tap lands in the base map's datum; the picker converts it to WGS-84 before
 * anyone sees it, so a point picked on AMap (GCJ-02) is stored where GPS would have put it.
 * Default export, loaded lazily by LocationPicker.
 */
import 'leaflet/dist/leaflet.css';
import './map.css';
import './leafletGuard';
import * as L from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { MapContainer, Marker, ScaleControl, useMapEvents } from 'react-leaflet';
import { deploymentBounds } from './areaBounds';
import { BaseTileLayer } from './BaseTileLayer';
import { baseLayerById, displayDatumOf } from './baseLayers';
import { fromDisplay, toDisplay, type Datum, type LatLng } from './datum';
import type { LocationPickerProps } from './locationPickerProps';

/** A tap at `display` on a base map in `datum`, as it must be stored (WGS-84, 7 decimals ≈ 1 cm). */
export function pickedPosition(display: LatLng, datum: Datum): LatLng {
  const wgs = fromDisplay(display, datum);
  return { lat: Math.round(wgs.lat * 1e7) / 1e7, lng: Math.round(wgs.lng * 1e7) / 1e7 };
}

const TARGET_SIZE = 36;

function TapToPick({ datum, onPick }: { datum: Datum; onPick: (p: LatLng) => void }) {
  useMapEvents({
    click: (e) => onPick(pickedPosition({ lat: e.latlng.lat, lng: e.latlng.lng }, datum)),
  });
  return null;
}

export default function LocationPickerMap(
  props: Required<Pick<LocationPickerProps, 'label'>> & LocationPickerProps & { layerId: string },
) {
  const { value, onChange, center, zoom, label, height = 280, layerId } = props;
  const layer = baseLayerById(layerId) ?? null;
  const datum = displayDatumOf(layerId);
  const [map, setMap] = useState<L.Map | null>(null);

  const shown = value ? toDisplay(value, datum) : null;
  const icon = useMemo(() => {
    const target = document.createElement('span');
    target.className = 'map-target';
    return L.divIcon({
      html: target,
      className: 'map-marker',
      iconSize: [TARGET_SIZE, TARGET_SIZE],
      iconAnchor: [TARGET_SIZE / 2, TARGET_SIZE / 2],
    });
  }, []);

  // react-leaflet does not pass ARIA props through: name the map's own element.
  useEffect(() => {
    const el = map?.getContainer();
    el?.setAttribute('role', 'region');
    el?.setAttribute('aria-label', label);
  }, [map, label]);

  // Follow a value set from outside (a GPS fix) when it leaves the view.
  useEffect(() => {
    if (!map || !shown) return;
    if (!map.getBounds().contains([shown.lat, shown.lng])) map.panTo([shown.lat, shown.lng]);
  }, [map, shown?.lat, shown?.lng]); // eslint-disable-line react-hooks/exhaustive-deps

  const start = center ? toDisplay(center, datum) : null;
  const initial =
    (shown ?? start)
      ? {
          center: [(shown ?? start)!.lat, (shown ?? start)!.lng] as [number, number],
          zoom: zoom ?? 15,
        }
      : {
          bounds: deploymentBounds(),
        };

  return (
    <MapContainer
      key={datum}
      ref={setMap}
      {...initial}
      className="location-picker__map"
      style={{ height }}
      maxZoom={layer?.maxZoom ?? 18}
    >
      {layer ? <BaseTileLayer layer={layer} onStatus={noop} /> : null}
      <ScaleControl position="bottomleft" imperial={false} />
      <TapToPick datum={datum} onPick={onChange} />
      {shown ? <Marker position={[shown.lat, shown.lng]} icon={icon} keyboard={false} /> : null}
    </MapContainer>
  );
}

function noop() {}
