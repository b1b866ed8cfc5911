/**
 * What the map needs of a service point — its place, its colour and shape, its filters and its
 * popup — and nothing else. The map screen reads these (kept on the device with the records'
 * stamp, src/db/stamp.ts useKeptDerivation) instead of 10,000 whole records: on a cheap phone
 * reading and decoding whole records was most of the map's cold start (docs/PERFORMANCE.md).
 * Type-only import of the record: this module stays free of zod.
 */
import type { ServicePoint } from './servicePoint';

export type MapPoint = Pick<
  ServicePoint,
  | 'id'
  | 'name'
  | 'status'
  | 'tier'
  | 'regionCode'
  | 'location'
  | 'services'
  | 'openedOn'
  | 'deleted'
>;

/**
 * The shape of kept map points: raise it when MapPoint changes, so points kept by an older app
 * are derived again rather than read with missing fields.
 */
export const MAP_POINTS_FORMAT = 1;

export function toMapPoint(point: ServicePoint): MapPoint {
  return {
    id: point.id,
    name: point.name,
    status: point.status,
    tier: point.tier,
    regionCode: point.regionCode,
    location: point.location,
    services: point.services,
    openedOn: point.openedOn,
    deleted: point.deleted,
  };
}

/** Live points only (a deleted record is never on the map). */
export function toMapPoints(points: readonly ServicePoint[]): MapPoint[] {
  const out: MapPoint[] = [];
  for (const point of points) if (!point.deleted) out.push(toMapPoint(point));
  return out;
}

/**
 * Kept as ONE JSON string: the database hands a string back in one copy, where 10,000 small
 * objects cost one structured-clone step each (measured: docs/PERFORMANCE.md).
 */
export const MAP_POINTS_CODEC = {
  store: (points: readonly MapPoint[]): string => JSON.stringify(points),
  restore: (stored: unknown): MapPoint[] =>
    typeof stored === 'string' ? (JSON.parse(stored) as MapPoint[]) : [],
};
