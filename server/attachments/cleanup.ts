/**
 * Deletes photos no record uses, once they have been unused for the grace period (maintenance
 * step 3, docs/SERVER.md "Maintenance", docs/PROTOCOL.md "Retention").
 *
 * A photo is unused when no record lists it — live or deleted: a deleted point comes back with its
 * photos when a coordinator restores it — and no open conflict holds it in a value that lost
 * (restoring that value would list it again). It is deleted when it has also been unused for the
 * whole grace period: uploaded before it began, and not removed from a record since. Why a grace
 * period at all: a photo may be uploaded a while before the record listing it arrives (a push
 * refused until the officer fixes the point), and a photo taken out of a record by mistake can
 * still be put back.
 */
import { PHOTO_ENTITIES } from '../../src/domain/attachments';
import type { Db } from '../db';
import { runTransaction } from '../db/transactions';
import { listedByARecordSql } from './listings';

/** Photos deleted per transaction: short transactions, so pushes are not held up on PGlite. */
const CHUNK = 500;

export interface PhotoCleanupReport {
  photosDeleted: number;
  bytesFreed: number;
}

/**
 * The unused photos uploaded before `before` ($1) and not taken out of a record since. The hashes
 * that open conflicts hold ($2: the entities with photos) are gathered once per statement — a
 * conflict on `photos`, or an update kept whole because it lost to a delete — rather than
 * searched in every conflict's values for every photo.
 */
function doomedSql(limit: string): string {
  return `with held as materialized (
            select distinct e.sha256 from conflicts c
            cross join lateral (
              select jsonb_array_elements_text(t.v) as sha256
              from (values (c.losing_value -> 'value'), (c.winning_value -> 'value'),
                           (c.losing_value -> 'value' -> 'photos')) as t(v)
              where jsonb_typeof(t.v) = 'array') e
            where c.resolved_at is null and c.entity = any($2::text[])
              and (c.field = 'photos' or c.kind = 'deleted'))
          select a.sha256 from attachments a
          where a.created_at < $1
            and not ${listedByARecordSql('a.sha256')}
            and not exists (select 1 from attachment_listings l
                            where l.sha256 = a.sha256 and l.removed_at >= $1)
            and not exists (select 1 from held where held.sha256 = a.sha256)
          order by a.created_at, a.sha256
          limit ${limit}`;
}

export async function removeUnusedPhotos(
  db: Db,
  options: { before: Date },
): Promise<PhotoCleanupReport> {
  const report: PhotoCleanupReport = { photosDeleted: 0, bytesFreed: 0 };
  for (;;) {
    const deleted = await runTransaction(db, async (tx) => {
      const candidates = await tx.query<{ sha256: string }>(doomedSql('$3'), [
        options.before,
        PHOTO_ENTITIES,
        CHUNK,
      ]);
      if (candidates.rows.length === 0) return { count: 0, bytes: 0, full: false };
      const hashes = candidates.rows.map((row) => row.sha256);
      if (db.kind !== 'pglite') {
        // A push listing one of these right now holds its lock (listings.ts): wait for it, then
        // look again below with a fresh snapshot, so a photo listed meanwhile is kept.
        await tx.query(
          `select pg_advisory_xact_lock(h)
       from (select distinct hashtextextended('attachment:' || k, 0) as h
             from unnest($1::text[]) as k order by h) as l`,
          [hashes],
        );
      }
      const { rows } = await tx.query<{ size: number }>(
        `delete from attachments a
         where a.sha256 = any($3::text[]) and a.sha256 in (${doomedSql('all')})
         returning a.size`,
        [options.before, PHOTO_ENTITIES, hashes],
      );
      // Their listings only served to trust them again; the uploads went with the bytes.
      await tx.query(
        `delete from attachment_listings l
         where l.sha256 = any($1::text[])
           and not exists (select 1 from attachments a where a.sha256 = l.sha256)`,
        [hashes],
      );
      return {
        count: rows.length,
        bytes: rows.reduce((sum, row) => sum + row.size, 0),
        full: candidates.rows.length === CHUNK,
      };
    });
    report.photosDeleted += deleted.count;
    report.bytesFreed += deleted.bytes;
    if (!deleted.full) return report;
  }
}
