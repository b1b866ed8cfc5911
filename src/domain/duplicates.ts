/**
 * Likely duplicate service points: two officers (or one, twice) registering the same place. Used
 * while creating (warn before saving) and by the server after sync (flag for a coordinator).
 * Rules (issue 4): the same village and within 200 m of each other, or the same normalised name.
 * A point in the same village with no location on either side is also worth a warning.
 */
import { MAX_PHOTOS, type ServicePoint, type ServicePointFields } from './servicePoint';

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

/** What the pairwise rule compares: a point's name already normalised (normalisePointName). */
export interface DuplicateKey {
  nameKey: string;
  regionCode: string;
  location: { lat: number; lng: number } | null;
}

/**
 * Why two points look like the same place, and how far apart they are; reason null when they do
 * not. The one pairwise rule: the form's warning and the server's flags both call it.
 */
export function duplicateReasonByKey(
  a: DuplicateKey,
  b: DuplicateKey,
): { reason: DuplicateReason | null; distance: number | null } {
  const distance = a.location && b.location ? distanceMetres(a.location, b.location) : null;
  const sameVillage = a.regionCode !== '' && a.regionCode === b.regionCode;
  let reason: DuplicateReason | null = null;
  if (a.nameKey !== '' && a.nameKey === b.nameKey) reason = 'sameName';
  else if (sameVillage && distance !== null && distance <= DUPLICATE_DISTANCE_M)
    reason = 'sameVillageNearby';
  else if (sameVillage && a.regionCode.length === 12) reason = 'sameVillage';
  return { reason, distance };
}

export function duplicateKeyOf(point: Pick<ServicePoint, 'name' | 'regionCode' | 'location'>) {
  return {
    nameKey: normalisePointName(point.name),
    regionCode: point.regionCode,
    location: point.location,
  };
}

/**
 * The reasons the server flags for a coordinator after sync (issue 4). 'sameVillage' alone (two
 * points in one village, far apart or without a location) is only a hint while typing: a large
 * village may well have two points.
 */
export const FLAGGED_REASONS: readonly DuplicateReason[] = ['sameName', 'sameVillageNearby'];

/** Existing points that look like the candidate, the strongest reason first. */
export function findLikelyDuplicates(
  candidate: Omit<Candidate, 'deleted'>,
  existing: readonly Candidate[],
): DuplicateMatch[] {
  const matches: DuplicateMatch[] = [];
  const key = duplicateKeyOf(candidate);
  for (const other of existing) {
    if (other.deleted || other.id === candidate.id) continue;
    const { reason, distance } = duplicateReasonByKey(key, duplicateKeyOf(other));
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

// ---------------------------------------------------------------------------------------------
// Merging a flagged pair (a coordinator's decision; the server applies it, the screen previews it)

/**
 * What a coordinator may take from the point that goes into the one that stays. 'place' is the
 * tier with the region code (they are valid only together). The status and its history stay
 * with the kept point: choose the point to keep by its lifecycle. Photos are always combined.
 */
export const MERGE_FIELDS = [
  'name',
  'place',
  'services',
  'operatorName',
  'operatorPhone',
  'location',
  'notes',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

type Mergeable = Pick<
  ServicePointFields,
  | 'name'
  | 'tier'
  | 'regionCode'
  | 'services'
  | 'operatorName'
  | 'operatorPhone'
  | 'location'
  | 'notes'
  | 'photos'
>;

function isEmptyValue(point: Mergeable, field: MergeField): boolean {
  switch (field) {
    case 'operatorName':
    case 'notes':
    case 'name':
      return point[field].trim() === '';
    case 'operatorPhone':
    case 'location':
      return point[field] === null;
    case 'services':
      return point.services.length === 0;
    case 'place':
      return point.regionCode === '';
  }
}

function sameValue(a: Mergeable, b: Mergeable, field: MergeField): boolean {
  if (field === 'place') return a.tier === b.tier && a.regionCode === b.regionCode;
  if (field === 'services') return [...a.services].sort().join() === [...b.services].sort().join();
  return JSON.stringify(a[field]) === JSON.stringify(b[field]);
}

/** The fields on which the two points differ: the choices a merge screen offers. */
export function differingMergeFields(keep: Mergeable, remove: Mergeable): MergeField[] {
  return MERGE_FIELDS.filter((field) => !sameValue(keep, remove, field));
}

/** The sensible default: take what the kept point lacks and the other one has. */
export function defaultMergeTake(keep: Mergeable, remove: Mergeable): MergeField[] {
  return differingMergeFields(keep, remove).filter(
    (field) => isEmptyValue(keep, field) && !isEmptyValue(remove, field),
  );
}

/**
 * The changes to the kept point: the taken fields from the other, and both points' photos (the
 * kept ones first, no repeats, at most MAX_PHOTOS). Fields that end up unchanged are left out.
 */
export function mergeServicePoints(
  keep: Mergeable,
  remove: Mergeable,
  take: readonly MergeField[],
): Partial<ServicePointFields> {
  const changes: Partial<ServicePointFields> = {};
  for (const field of take) {
    if (sameValue(keep, remove, field)) continue;
    if (field === 'place') {
      changes.tier = remove.tier;
      changes.regionCode = remove.regionCode;
    } else if (field === 'services') changes.services = [...remove.services];
    else if (field === 'operatorPhone') changes.operatorPhone = remove.operatorPhone;
    else if (field === 'location') changes.location = remove.location;
    else changes[field] = remove[field];
  }
  const photos = [...new Set([...keep.photos, ...remove.photos])].slice(0, MAX_PHOTOS);
  if (photos.length !== keep.photos.length) changes.photos = photos;
  return changes;
}
