/**
 * Flags likely duplicate service points after sync (issue 4; rules in src/domain/duplicates.ts).
 *
 * Runs inside the apply path's transaction for every changed service point, whoever wrote it (a
 * device's push, a coordinator's restore or merge, the demo data). The comparison keys are two
 * columns of the point's own row in `records` (migration 0007: `dup_name`, the normalised name;
 * `dup_village`, the village when the point has a location), written by the apply path's upsert
 * with the rest of the row (`duplicateColumns`): no table of their own to keep in step (a
 * separate table cost a quarter of a points-only push on PGlite). The keys before the change
 * come from the record as loaded, so a batch whose points kept their keys costs nothing here;
 * otherwise one statement (lock, on PostgreSQL), one read of the candidates, and one insert when
 * something was found — whatever the batch's size.
 *
 * Two devices creating the same point at the same moment must still meet: after writing its rows
 * and before it reads candidates, each batch takes transaction-scoped advisory locks on the keys
 * its points could be flagged by (lockDuplicateKeys). Of two batches that could pair, the one that
 * gets the lock second waits until the first has committed and then (read committed: a new
 * snapshot per statement) sees its rows. These are the last locks the apply path takes, so they
 * cannot close a circle of waits.
 */
import {
  duplicateReasonByKey,
  FLAGGED_REASONS,
  normalisePointName,
  type DuplicateReason,
} from '../../src/domain/duplicates';
import type { DbTx } from '../db';
import type { StoredRecord } from '../base/records';
import { addTo } from '../../src/domain/groups';

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
 *
 * Only candidates that can meet a point under a flagged rule are compared with it (same county
 * and name key, or same village with a location on both sides), looked up by key: a batch of 100
 * points in villages holding hundreds of points costs hundreds of comparisons, not 100 × those.
 */
export function flaggedPairs(
  changed: readonly KeyRow[],
  candidates: readonly KeyRow[],
): FlagCandidate[] {
  const byName = new Map<string, number[]>();
  const byVillage = new Map<string, number[]>();
  candidates.forEach((other, index) => {
    if (other.name_key !== '') addTo(byName, `${other.county_code}|${other.name_key}`, index);
    if (other.lat !== null && other.lng !== null) addTo(byVillage, other.region_code, index);
  });
  const pairs = new Map<string, FlagCandidate>();
  for (const point of changed) {
    const key = toKey(point);
    const near = new Set<number>(
      point.name_key !== '' ? byName.get(`${point.county_code}|${point.name_key}`) : [],
    );
    if (key.location) for (const index of byVillage.get(point.region_code) ?? []) near.add(index);
    // In candidate order, as the database returned them.
    for (const index of [...near].sort((x, y) => x - y)) {
      const other = candidates[index]!;
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

/** Above this many keys a batch locks whole counties instead. */
export const MAX_KEY_LOCKS = 256;
/**
 * Advisory locks a transaction may hold with its key locks (the record locks of the apply path
 * included): PostgreSQL's lock table is shared and finite (max_locks_per_transaction × connections,
 * 6,400 by default), and ten pooled connections pushing batches of 500 must fit in it.
 */
export const LOCK_BUDGET = 512;

/**
 * Makes two transactions that could flag a pair between their points run one after the other, so
 * the second sees the first's keys (two phones registering one shop at the same moment still
 * meet). A pair needs the same county and name key, or the same village with a location on both
 * sides, so a batch locks exactly those keys of its points — before and after the change, so
 * nobody flags against a key that is being replaced. Batches in different villages with different
 * names do not wait for each other. A batch with more keys than MAX_KEY_LOCKS (or than LOCK_BUDGET
 * leaves beside the locks it holds) locks its counties exclusively instead; the key locks hold their county's lock shared, so the two kinds exclude
 * each other. All taken in one statement, counties first, each kind in hash order: no circle of
 * waits. They are the last locks the apply path takes.
 */
async function lockDuplicateKeys(
  tx: DbTx,
  rows: readonly KeyRow[],
  locksHeld: number,
): Promise<void> {
  const counties = new Set<string>();
  const keys = new Set<string>();
  for (const row of rows) {
    counties.add(row.county_code ?? row.region_code.slice(0, 6));
    if (row.name_key !== '') keys.add(`name:${row.county_code ?? ''}:${row.name_key}`);
    if (row.lat !== null && row.lng !== null) keys.add(`village:${row.region_code}`);
  }
  const wholeCounties = keys.size > Math.min(MAX_KEY_LOCKS, LOCK_BUDGET - locksHeld);
  await tx.query(
    `select case when l.phase = 0 and not $3::boolean then pg_advisory_xact_lock_shared(l.h)
                 else pg_advisory_xact_lock(l.h) end
     from (select phase, h from (
             select distinct 0 as phase, hashtextextended('point_keys:' || c, 0) as h
             from unnest($1::text[]) as c
             union
             select distinct 1, hashtextextended('point_keys:' || k, 0)
             from unnest($2::text[]) as k) as u
           order by phase, h) as l`,
    [[...counties], wholeCounties ? [] : [...keys], wholeCounties],
  );
}

/** The duplicate-key columns of a record's row (null for anything but a live service point). */
export function duplicateColumns(record: StoredRecord): {
  dup_name: string | null;
  dup_village: string | null;
} {
  const key = record.entity === 'servicePoint' ? keyRowOf(record) : null;
  return {
    dup_name: key && key.name_key !== '' ? key.name_key : null,
    dup_village: key && key.lat !== null && key.lng !== null ? key.region_code : null,
  };
}

export interface PointChange {
  /** The record as it was before the batch (undefined when new). */
  before: StoredRecord | undefined;
  after: StoredRecord;
}

/**
 * Flags new likely duplicates among the points whose name, place or location changed (their rows,
 * with the new keys, are already written). Returns the number of new flags.
 */
export async function flagDuplicates(
  tx: DbTx,
  points: readonly PointChange[],
  options: {
    now: string;
    serialised: boolean;
    /** Advisory locks the transaction already holds (the apply path's record locks). */
    locksHeld?: number;
  },
): Promise<number> {
  const changed: KeyRow[] = [];
  const touched: KeyRow[] = [];
  for (const { before, after } of points) {
    const old = before ? keyRowOf(before) : null;
    const now = keyRowOf(after);
    if (old && now && sameKey(old, now)) continue;
    if (old) touched.push(old);
    if (now) {
      touched.push(now);
      changed.push(now);
    }
  }
  if (touched.length === 0) return 0; // no key moved: nothing to look at
  if (!options.serialised) await lockDuplicateKeys(tx, touched, options.locksHeld ?? 0);
  if (changed.length === 0) return 0;

  // The village rule needs a location on both sides (within 200 m): a village's points without
  // one can only meet a changed point by name. The changed points are among the rows read (they
  // were written in step 4); flaggedPairs skips a point paired with itself.
  const { rows: candidates } = await tx.query<KeyRow>(
    `select r.id::text as id, r.county_code, r.township_code, r.data ->> 'regionCode' as region_code,
            coalesce(r.dup_name, '') as name_key,
            (r.data -> 'location' ->> 'lat')::double precision as lat,
            (r.data -> 'location' ->> 'lng')::double precision as lng
     from records r
     where r.entity = 'servicePoint' and r.dup_village = any($1::text[])
     union
     select r.id::text as id, r.county_code, r.township_code, r.data ->> 'regionCode' as region_code,
            coalesce(r.dup_name, '') as name_key,
            (r.data -> 'location' ->> 'lat')::double precision as lat,
            (r.data -> 'location' ->> 'lng')::double precision as lng
     from records r
     join unnest($2::text[], $3::text[]) as c(county_code, name_key)
       on r.county_code = c.county_code and r.dup_name = c.name_key
     where r.entity = 'servicePoint'`,
    [
      [
        ...new Set(
          changed.filter((row) => row.lat !== null && row.lng !== null).map((r) => r.region_code),
        ),
      ],
      changed.filter((row) => row.name_key !== '').map((row) => row.county_code ?? ''),
      changed.filter((row) => row.name_key !== '').map((row) => row.name_key),
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
