/**
 * Who may download a photo (docs/PROTOCOL.md "Attachments"; tables of migration 0009).
 *
 * A record lists photos by their sha256. Knowing a hash must not be enough to get the bytes: an
 * officer who copies another county's hash into a point of their own area can read that point,
 * and used to be served the photo. So each time a hash ENTERS a record's photos, the server notes
 * who put it there and whether that user could see the photo at that moment:
 *
 *   - they uploaded these bytes themselves (before listing them, or after: a listing made before
 *     the upload waits for it — the app pushes the record first, then uploads its photos); or
 *   - the photo was already listed, through a trusted listing, by a live record they may read (a
 *     coordinator merging two points, a colleague adding the point's photo to a pilot); or
 *   - this very record listed it before, trusted, and it comes back (a restored conflict, an
 *     undone removal).
 *
 * A listing that meets one of these is TRUSTED. A photo is served to a user only through a
 * trusted listing of a live record the user may read (canRead, as pull). Anything else is the
 * same 404 as a photo nobody uploaded.
 *
 * The push path calls recordPhotoListings() with the records a batch changed, before it writes
 * them (server/sync/apply.ts), so "at that moment" is the state before the batch: the other point
 * of a merge is still live when the kept point takes its photos. A batch that changes no photos
 * costs nothing here.
 */
import { PHOTO_ENTITIES } from '../../src/domain/attachments';
import type { EntityName } from '../../src/domain/entities';
import { canRead, type Actor } from '../../src/domain/scope';
import type { DbTx } from '../db';

/** `records.entity in (…)` as a literal, so the planner can use the partial index on photos. */
export const PHOTO_ENTITY_SQL = `(${PHOTO_ENTITIES.map((e) => `'${e}'`).join(', ')})`;

/**
 * "A record lists this photo": a record of an entity with photos, live or deleted (a deleted
 * record comes back with its photos when a coordinator restores it), holds the hash in `photos`.
 * `column` is the sha256 to test, e.g. `a.sha256`. What no record lists is unused: it counts
 * against the uploader's quota, and maintenance deletes it after the grace period.
 */
export function listedByARecordSql(column: string): string {
  return `exists (select 1 from records r where r.entity in ${PHOTO_ENTITY_SQL}
                  and (r.data -> 'photos') ? ${column})`;
}

/** A listing is trusted when seen, or when its lister uploaded the bytes (at any time). */
const TRUSTED_SQL = `(l.seen or exists (select 1 from attachment_uploads u
                                      where u.sha256 = l.sha256 and u.user_id = l.listed_by))`;

/** A record as the apply path holds it: enough to know its photos. */
interface PhotoRecord {
  entity: EntityName;
  id: string;
  data: Record<string, unknown>;
}

function photosOf(record: PhotoRecord | undefined): Set<string> {
  const photos = record?.data.photos;
  return new Set(
    Array.isArray(photos) ? photos.filter((p): p is string => typeof p === 'string') : [],
  );
}

function isPhotoEntity(entity: EntityName): boolean {
  return (PHOTO_ENTITIES as readonly EntityName[]).includes(entity);
}

/**
 * The hashes among `sha256s` that `actor` may see now: listed, through a trusted listing, by a
 * live record the actor may read.
 */
export async function photosVisibleTo(
  tx: DbTx,
  actor: Actor,
  sha256s: readonly string[],
): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set();
  const { rows } = await tx.query<{
    sha256: string;
    entity: EntityName;
    county_code: string | null;
    township_code: string | null;
  }>(
    `select l.sha256, r.entity, r.county_code, r.township_code
     from attachment_listings l
     join records r on r.entity = l.entity and r.id = l.record_id
     where l.sha256 = any($1::text[]) and l.removed_at is null and not r.deleted
       and r.entity in ${PHOTO_ENTITY_SQL} and (r.data -> 'photos') ? l.sha256
       and ${TRUSTED_SQL}`,
    [sha256s],
  );
  const visible = new Set<string>();
  for (const row of rows) {
    // Server-only: the same read rule as pull, so a photo goes exactly where its record goes.
    if (
      canRead(actor, row.entity, { countyCode: row.county_code, townshipCode: row.township_code })
    ) {
      visible.add(row.sha256);
    }
  }
  return visible;
}

/**
 * Step 3½ of the apply path: notes the photos that entered or left the records of a batch,
 * and whether the user who put each one there could see it. `changed` holds each changed record
 * before (undefined: created by the batch) and after the batch.
 */
export async function recordPhotoListings(
  tx: DbTx,
  context: { now: string; serialised?: boolean },
  actor: Actor & { userId: string },
  changed: readonly { before: PhotoRecord | undefined; after: PhotoRecord }[],
): Promise<void> {
  const added: { entity: EntityName; id: string; sha256: string }[] = [];
  const removed: { entity: EntityName; id: string; sha256: string }[] = [];
  for (const { before, after } of changed) {
    if (!isPhotoEntity(after.entity)) continue;
    const was = photosOf(before);
    const now = photosOf(after);
    for (const sha256 of now) if (!was.has(sha256)) added.push({ ...after, sha256 });
    for (const sha256 of was) if (!now.has(sha256)) removed.push({ ...after, sha256 });
  }
  if (added.length === 0 && removed.length === 0) return;

  const columns = (rows: typeof added) => [
    rows.map((r) => r.entity),
    rows.map((r) => r.id),
    rows.map((r) => r.sha256),
  ];
  if (removed.length > 0) {
    await tx.query(
      `update attachment_listings l set removed_at = $4::timestamptz
       from unnest($1::text[], $2::uuid[], $3::text[]) as k(entity, id, sha256)
       where l.entity = k.entity and l.record_id = k.id and l.sha256 = k.sha256
         and l.removed_at is null`,
      [...columns(removed), context.now],
    );
  }
  if (added.length === 0) return;

  const hashes = [...new Set(added.map((a) => a.sha256))];
  if (!context.serialised) {
    // A photo nobody listed for the grace period may be deleted by maintenance right now
    // (removeUnusedPhotos); it takes these locks exclusively and looks again after getting them,
    // so it either sees this listing or finishes before it.
    await tx.query(
      `select pg_advisory_xact_lock_shared(h)
       from (select distinct hashtextextended('attachment:' || k, 0) as h
             from unnest($1::text[]) as k order by h) as l`,
      [hashes],
    );
  }
  const visible = await photosVisibleTo(tx, actor, hashes);
  const { rows: trustedHere } = await tx.query<{ entity: string; id: string; sha256: string }>(
    `select l.entity, l.record_id::text as id, l.sha256
     from attachment_listings l
     join unnest($1::text[], $2::uuid[], $3::text[]) as k(entity, id, sha256)
       on l.entity = k.entity and l.record_id = k.id and l.sha256 = k.sha256
     where ${TRUSTED_SQL}`,
    columns(added),
  );
  const keyOf = (r: { entity: string; id: string; sha256: string }) =>
    `${r.entity}:${r.id}:${r.sha256}`;
  const seenHere = new Set(trustedHere.map(keyOf));
  await tx.query(
    `insert into attachment_listings (entity, record_id, sha256, listed_by, listed_at, seen)
     select k.entity, k.id, k.sha256, $4::uuid, $5::timestamptz, k.seen
     from unnest($1::text[], $2::uuid[], $3::text[], $6::boolean[]) as k(entity, id, sha256, seen)
     on conflict (entity, record_id, sha256) do update set
       listed_by = excluded.listed_by, listed_at = excluded.listed_at, seen = excluded.seen,
       removed_at = null`,
    [
      ...columns(added),
      actor.userId,
      context.now,
      added.map((a) => visible.has(a.sha256) || seenHere.has(keyOf(a))),
    ],
  );
}
