/**
 * Flags likely duplicate service points after sync (issue 4; rules in src/domain/duplicates.ts).
 *
 * Runs inside the apply path's transaction for every changed service point, whoever wrote it (a
 * device's push, a coordinator's restore or merge, the demo data), so point_keys always matches
 * the records table. Cost: nothing for a batch without points; otherwise four statements (lock,
 * read the old keys, write the new ones, read the candidates) and one insert when something was
 * found — whatever the batch's size.
 *
 * Two devices creating the same point at the same moment must still meet: each batch takes a
 * transaction-scoped advisory lock per county before it reads candidates, so the second one
 * waits until the first has committed and then (read committed: a new snapshot per statement)
 * sees its keys. It is the last lock the apply path takes, so it cannot close a circle of waits.
 */
import {
  duplicateReasonByKey,
  FLAGGED_REASONS,
  normalisePointName,
  type DuplicateReason,
} from '../../src/domain/duplicates';
import type { DbTx } from '../db';
import type { StoredRecord } from '../sync/merge';

interface KeyRow {
  id: string;
  county_code: string | null;
  township_code?: string | null;
  region_code: string;
  name_key: string;
  lat: number | null;
  lng: number | null;
}

function keyRowOf(record: StoredRecord): KeyRow | null {
  if (record.deleted) return null;
  const data = record.data as {
    name?: unknown;
    regionCode?: unknown;
    location?: { lat?: unknown; lng?: unknown } | null;
  };
  if (typeof data.regionCode !== 'string' || typeof data.name !== 'string') return null;
  const lat = data.location?.lat;
  const lng = data.location?.lng;
  const located = typeof lat === 'number' && typeof lng === 'number';
  return {
    id: record.id,
    county_code: record.place.countyCode,
    township_code: record.place.townshipCode,
    region_code: data.regionCode,
    name_key: normalisePointName(data.name),
    lat: located ? lat : null,
    lng: located ? lng : null,
  };
}

function sameKey(a: KeyRow, b: KeyRow): boolean {
  return (
    a.county_code === b.county_code &&
    a.region_code === b.region_code &&
    a.name_key === b.name_key &&
    a.lat === b.lat &&
    a.lng === b.lng
  );
}

const toKey = (row: KeyRow) => ({
  nameKey: row.name_key,
  regionCode: row.region_code,
  location: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null,
});

export interface FlagCandidate {
  pointA: string;
  pointB: string;
  reason: DuplicateReason;
  distance: number | null;
  countyCode: string | null;
  townshipCode: string | null;
}

/**
 * The pairs among `changed` × `candidates` the server flags: the same normalised name within a
 * county, or the same village and within 200 m. Each pair once, ordered (a < b).
 */
export function flaggedPairs(
  changed: readonly KeyRow[],
  candidates: readonly KeyRow[],
): FlagCandidate[] {
  const pairs = new Map<string, FlagCandidate>();
  for (const point of changed) {
    const key = toKey(point);
    for (const other of candidates) {
      if (other.id === point.id || other.county_code !== point.county_code) continue;
      const { reason, distance } = duplicateReasonByKey(key, toKey(other));
      if (!reason || !FLAGGED_REASONS.includes(reason)) continue;
      const [a, b] = point.id < other.id ? [point.id, other.id] : [other.id, point.id];
      if (pairs.has(`${a}:${b}`)) continue;
      pairs.set(`${a}:${b}`, {
        pointA: a,
        pointB: b,
        reason,
        distance,
        countyCode: point.county_code,
        townshipCode: point.township_code ?? null,
      });
    }
  }
  return [...pairs.values()];
}

/**
 * Brings point_keys up to date for the changed service points and flags new likely duplicates
 * among those whose name, place or location changed. Returns the number of new flags.
 */
export async function refreshPointKeys(
  tx: DbTx,
  points: readonly StoredRecord[],
  options: { now: string; serialised: boolean },
): Promise<number> {
  if (points.length === 0) return 0;
  const next = new Map<string, KeyRow | null>(points.map((p) => [p.id, keyRowOf(p)]));

  if (!options.serialised) {
    const counties = [
      ...new Set(
        [...next.values()].map((row) => row?.county_code ?? row?.region_code.slice(0, 6) ?? ''),
      ),
    ].sort();
    await tx.query(
      `select pg_advisory_xact_lock(hashtextextended('point_keys:' || c, 0))
       from unnest($1::text[]) as c order by c`,
      [counties],
    );
  }

  const { rows: old } = await tx.query<KeyRow>(
    `select id::text as id, county_code, region_code, name_key, lat, lng
     from point_keys where id = any($1::uuid[])`,
    [[...next.keys()]],
  );
  const oldById = new Map(old.map((row) => [row.id, row]));
  const removed = [...next]
    .filter(([id, row]) => row === null && oldById.has(id))
    .map(([id]) => id);
  const changed = [...next.values()].filter(
    (row): row is KeyRow =>
      row !== null && !(oldById.has(row.id) && sameKey(oldById.get(row.id)!, row)),
  );

  if (removed.length > 0) {
    await tx.query('delete from point_keys where id = any($1::uuid[])', [removed]);
  }
  if (changed.length === 0) return 0;
  await tx.query(
    `insert into point_keys (id, county_code, region_code, name_key, lat, lng)
     select id, county_code, region_code, name_key, lat, lng
     from jsonb_to_recordset($1::jsonb) as k(id uuid, county_code text, region_code text,
       name_key text, lat double precision, lng double precision)
     on conflict (id) do update set county_code = excluded.county_code,
       region_code = excluded.region_code, name_key = excluded.name_key, lat = excluded.lat,
       lng = excluded.lng`,
    [JSON.stringify(changed)],
  );

  const { rows: candidates } = await tx.query<KeyRow>(
    `select k.id::text as id, k.county_code, k.region_code, k.name_key, k.lat, k.lng
     from point_keys k
     where k.region_code = any($1::text[])
        or (k.name_key <> '' and (k.county_code, k.name_key) in (
              select * from unnest($2::text[], $3::text[])))`,
    [
      [...new Set(changed.map((row) => row.region_code))],
      changed.map((row) => row.county_code ?? ''),
      changed.map((row) => row.name_key),
    ],
  );
  const pairs = flaggedPairs(changed, candidates);
  if (pairs.length === 0) return 0;
  const { rows: inserted } = await tx.query<{ id: number }>(
    `insert into duplicate_flags (point_a, point_b, reason, distance_m, county_code,
                                  township_code, created_at)
     select point_a, point_b, reason, distance_m, county_code, township_code, $2::timestamptz
     from jsonb_to_recordset($1::jsonb) as f(point_a uuid, point_b uuid, reason text,
       distance_m double precision, county_code text, township_code text)
     on conflict (point_a, point_b) do nothing
     returning id`,
    [
      JSON.stringify(
        pairs.map((p) => ({
          point_a: p.pointA,
          point_b: p.pointB,
          reason: p.reason,
          distance_m: p.distance,
          county_code: p.countyCode,
          township_code: p.townshipCode,
        })),
      ),
      options.now,
    ],
  );
  return inserted.length;
}
