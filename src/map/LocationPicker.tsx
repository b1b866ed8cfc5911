/**
 * LocationPicker: a small map where the user taps to pick a position, for the service point form
 * (a point whose GPS fix is poor, or registered from the office). Returns WGS-84 whatever the
 * base map's datum (DESIGN.md §5), so what is stored never depends on the map that was shown.
 *
 * Usage:
 *   <LocationPicker
 *     value={fields.location && { lat: fields.location.lat, lng: fields.location.lng }}
 *     onChange={(p) => setLocation({ ...p, accuracy: null, source: 'map', capturedAt: now() })}
 *   />
 *
 * Leaflet is loaded lazily (a chunk shared with the coverage map) only when a picker renders, so
 * importing this component costs the importing screen almost nothing.
 */
import { lazy, Suspense } from 'react';
import { useT } from '../i18n';
import { Spinner } from '../ui';
import { readSavedBaseLayer } from './baseLayers';
import type { LocationPickerProps } from './locationPickerProps';

export type { LocationPickerProps } from './locationPickerProps';

const LocationPickerMap = lazy(() => import('./LocationPickerMap'));

export function LocationPicker(props: LocationPickerProps) {
  const t = useT();
  const label = props.label ?? t('map.picker.label');
  const layerId = props.baseLayerId ?? readSavedBaseLayer();
  const { value } = props;
  return (
    <div className="location-picker">
      <p className="field__hint">{t('map.picker.hint')}</p>
      <Suspense fallback={<Spinner label={t('map.loading')} />}>
        <LocationPickerMap {...props} label={label} layerId={layerId} />
      </Suspense>
      <p className="location-picker__readout" role="status">
        {value
          ? t('map.picker.selected', { lat: value.lat.toFixed(6), lng: value.lng.toFixed(6) })
          : t('map.picker.none')}
      </p>
    </div>
  );
}
