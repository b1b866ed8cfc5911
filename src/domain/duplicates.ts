/**
 * Likely duplicate service points: two officers (or one, twice) registering the same place. Used
 * while creating (warn before saving) and by the server after sync (flag for a coordinator).
 * Rules (issue 4): the same village and within 200 m of each other, or the same normalised name.
 * A point in the same village with no location on either side is also worth a warning.
 */
import type { ServicePoint } from './servicePoint';

export const DUPLICATE_DISTANCE_M = 200;

/** Name compared for duplicates: width-folded, no spaces or punctuation, no trailing 服务点/服务站. */
export function normalisePointName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .replace(/(电子商务|电商)?(服务点|服务站|服务中心)$/u, '');
}

/** Great-circle distance in metres (haversine); plenty for 200 m decisions. */
export function distanceMetres(
  a: { lat: number; lng: number },
  b: { lat: number; lng: number },
): number {
  const R = 6_371_000;
  const toRad = (d: number) => (d * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

export type DuplicateReason = 'sameName' | 'sameVillageNearby' | 'sameVillage';

export interface DuplicateMatch {
  point: Pick<ServicePoint, 'id' | 'name' | 'regionCode'>;
  reason: DuplicateReason;
  /** Metres apart, when both have a location. */
  distance: number | null;
}

type Candidate = Pick<ServicePoint, 'id' | 'name' | 'regionCode' | 'location' | 'deleted'>;

/** Existing points that look like the candidate, the strongest reason first. */
export function findLikelyDuplicates(
  candidate: Omit<Candidate, 'deleted'>,
  existing: readonly Candidate[],
): DuplicateMatch[] {
  const name = normalisePointName(candidate.name);
  const matches: DuplicateMatch[] = [];
  for (const other of existing) {
    if (other.deleted || other.id === candidate.id) continue;
    const distance =
      candidate.location && other.location
        ? distanceMetres(candidate.location, other.location)
        : null;
    const sameVillage = candidate.regionCode !== '' && other.regionCode === candidate.regionCode;
    let reason: DuplicateReason | null = null;
    if (name !== '' && normalisePointName(other.name) === name) reason = 'sameName';
    else if (sameVillage && distance !== null && distance <= DUPLICATE_DISTANCE_M)
      reason = 'sameVillageNearby';
    else if (sameVillage && candidate.regionCode.length === 12) reason = 'sameVillage';
    if (reason)
      matches.push({
        point: { id: other.id, name: other.name, regionCode: other.regionCode },
        reason,
        distance,
      });
  }
  const rank: Record<DuplicateReason, number> = {
    sameName: 0,
    sameVillageNearby: 1,
    sameVillage: 2,
  };
  return matches.sort((a, b) => rank[a.reason] - rank[b.reason]);
}
