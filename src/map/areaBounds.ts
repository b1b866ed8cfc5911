import type { LatLngBoundsExpression } from 'leaflet';
import { deployment } from '../domain/deployment';

/** Mainland China's extent, for an area whose outline source had no shapes (bbox null). */
const CHINA_BBOX = [73.5, 18.1, 134.8, 53.6] as const;

/** The deployment's area as Leaflet bounds ([[south, west], [north, east]]), from its bbox. */
export function deploymentBounds(): LatLngBoundsExpression {
  const [minLng, minLat, maxLng, maxLat] = deployment().bbox ?? CHINA_BBOX;
  return [
    [minLat, minLng],
    [maxLat, maxLng],
  ];
}
