/**
 * The map's service-point filters (status, tier, service, county, year opened) and the township
 * centres the gap list centres the map on. Pure data in, data out, so the map, the bench and the
 * tests share one definition of "matches the filters".
 *
 * Positions here are what is stored: WGS-84 (DESIGN.md §5). Converting them for a base map in
 * another datum is src/map's job.
 */
import type {
  ServicePoint,
  ServicePointService,
  ServicePointStatus,
  ServicePointTier,
} from './servicePoint';

export interface PointFilters {
  /** Empty = every status. */
  statuses: readonly ServicePointStatus[];
  /** Empty = every tier. */
  tiers: readonly ServicePointTier[];
  /** A point matches when it offers ANY of these; empty = no condition. */
  services: readonly ServicePointService[];
  /** 6-digit county code, or '' for the whole prefecture. */
  county: string;
  /** Year of the opening date; null = no condition. Points never opened do not match a year. */
  year: number | null;
}

export const NO_FILTERS: PointFilters = {
  statuses: [],
  tiers: [],
  services: [],
  county: '',
  year: null,
};

export type FilterablePoint = Pick<
  ServicePoint,
  'status' | 'tier' | 'services' | 'regionCode' | 'openedOn' | 'deleted'
>;

/** How many filters are set (the badge on the filter button). The county is shown elsewhere. */
export function activeFilterCount(filters: PointFilters): number {
  return (
    (filters.statuses.length > 0 ? 1 : 0) +
    (filters.tiers.length > 0 ? 1 : 0) +
    (filters.services.length > 0 ? 1 : 0) +
    (filters.year !== null ? 1 : 0)
  );
}

/** A predicate for the filters, built once (Sets) and applied to thousands of points. */
export function pointMatcher(filters: PointFilters): (point: FilterablePoint) => boolean {
  const statuses = filters.statuses.length > 0 ? new Set(filters.statuses) : null;
  const tiers = filters.tiers.length > 0 ? new Set(filters.tiers) : null;
  const services = filters.services.length > 0 ? new Set(filters.services) : null;
  const county = filters.county;
  const year = filters.year === null ? null : String(filters.year);
  return (p) =>
    !p.deleted &&
    (statuses === null || statuses.has(p.status)) &&
    (tiers === null || tiers.has(p.tier)) &&
    (services === null || p.services.some((s) => services.has(s))) &&
    (county === '' || p.regionCode.startsWith(county)) &&
    (year === null || (p.openedOn !== null && p.openedOn.startsWith(year)));
}

export function filterPoints<P extends FilterablePoint>(
  points: readonly P[],
  filters: PointFilters,
): P[] {
  return points.filter(pointMatcher(filters));
}

/** The years points opened in, newest first: the choices of the year filter. */
export function openingYears(points: readonly Pick<ServicePoint, 'openedOn' | 'deleted'>[]) {
  const years = new Set<number>();
  for (const p of points) if (!p.deleted && p.openedOn) years.add(Number(p.openedOn.slice(0, 4)));
  return [...years].sort((a, b) => b - a);
}

export interface Centre {
  lat: number;
  lng: number;
  /** How many located points the centre was averaged from. */
  points: number;
}

/**
 * Per township, the mean position of its located points (any status, not deleted): where the
 * work in that township actually is. Points placed at a county code belong to no township. A
 * plain mean of degrees is fine inside one township (a few km across, far from the antimeridian).
 */
export function townshipCentres(
  points: Iterable<Pick<ServicePoint, 'regionCode' | 'location' | 'deleted'>>,
): Map<string, Centre> {
  const sums = new Map<string, { lat: number; lng: number; n: number }>();
  for (const p of points) {
    if (p.deleted || !p.location || p.regionCode.length < 9) continue;
    const key = p.regionCode.slice(0, 9);
    const sum = sums.get(key) ?? { lat: 0, lng: 0, n: 0 };
    sum.lat += p.location.lat;
    sum.lng += p.location.lng;
    sum.n += 1;
    sums.set(key, sum);
  }
  const centres = new Map<string, Centre>();
  for (const [key, s] of sums)
    centres.set(key, { lat: s.lat / s.n, lng: s.lng / s.n, points: s.n });
  return centres;
}
