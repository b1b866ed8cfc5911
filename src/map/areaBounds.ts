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

/**
 * An area's bounds before any outline file is loaded: a province's prefecture from the area
 * file's bbox (deployment().prefectures), anything else the deployment's (issue 16: a province
 * map drills into a prefecture while its outline file is still on the way).
 */
export function areaBoundsOf(code: string): LatLngBoundsExpression {
  const bbox = deployment().prefectures.find(([c]) => c === code.slice(0, 4))?.[2];
  if (code.length < 4 || !bbox || deployment().level !== 'province') return deploymentBounds();
  const [minLng, minLat, maxLng, maxLat] = bbox;
  return [
    [minLat, minLng],
    [maxLat, maxLng],
  ];
}
