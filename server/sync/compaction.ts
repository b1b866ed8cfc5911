/**
 * Change-log retention. By default the server keeps everything (the log is also the audit
 * trail). An operator may compact it: rows older than a date that a later row of the same record
 * supersedes are deleted, and so are tombstones older than it (record and rows), unless a
 * conflict about them is still open. The newest row of every remaining record stays, so a fresh
 * download (cursor null) still sees every record.
 *
 * What is lost is the ability to continue from a cursor inside the compacted stretch: a device
 * behind it might miss a delete or a move out of its scope. So the position of the newest deleted
 * row becomes the horizon (app_meta 'changeLogHorizon'), and pull answers `resetRequired` to any
 * cursor below it: the device pushes, then downloads afresh and drops what it was not sent.
 */
import type { Db } from '../db';
import { HORIZON_KEY } from './pull';
import { runTransaction } from '../db/transactions';

export interface CompactionReport {
  /** Change-log rows deleted. */
  rowsDeleted: number;
  /** Tombstones purged. */
  tombstonesPurged: number;
  /** The new horizon, or null when nothing was deleted. */
  horizon: { xid: string; seq: number } | null;
}

export async function compactChangeLog(
  db: Db,
  options: { before: Date },
): Promise<CompactionReport> {
  return runTransaction(db, async (tx) => {
    // Only rows of finished transactions, and older than the date.
    const candidates = `
      select xid, seq, entity, record_id from change_log
      where changed_at < $1 and xid < pg_snapshot_xmin(pg_current_snapshot())`;

    // Tombstones whose deletion is older than the date and no open conflict mentions.
    const purged = await tx.query<{ entity: string; id: string }>(
      `delete from records r
       where r.deleted and r.updated_at < $1
         and not exists (select 1 from conflicts c where c.entity = r.entity
                         and c.record_id = r.id and c.resolved_at is null)
         and not exists (select 1 from change_log l where l.entity = r.entity and l.record_id = r.id
                         and (l.changed_at >= $1 or l.xid >= pg_snapshot_xmin(pg_current_snapshot())))
       returning r.entity, r.id::text as id`,
      [options.before],
    );

    const deleted = await tx.query<{ xid: string; seq: number }>(
      `with doomed as (
         select c.xid, c.seq from (${candidates}) c
         where not exists (select 1 from records r where r.entity = c.entity and r.id = c.record_id)
            or exists (select 1 from change_log newer
                       where newer.entity = c.entity and newer.record_id = c.record_id
                         and (newer.xid, newer.seq) > (c.xid, c.seq))
       )
       delete from change_log l using doomed d where l.xid = d.xid and l.seq = d.seq
       returning l.xid::text as xid, l.seq`,
      [options.before],
    );
    if (deleted.rows.length === 0) {
      return { rowsDeleted: 0, tombstonesPurged: purged.rows.length, horizon: null };
    }
    const newest = deleted.rows.reduce((a, b) =>
      BigInt(a.xid) > BigInt(b.xid) || (a.xid === b.xid && a.seq > b.seq) ? a : b,
    );
    const horizon = { xid: newest.xid, seq: newest.seq };
    await tx.query(
      `insert into app_meta (key, value) values ($1, $2::jsonb)
       on conflict (key) do update set value = excluded.value
       where (excluded.value ->> 'xid')::xid8 > (app_meta.value ->> 'xid')::xid8
          or ((excluded.value ->> 'xid')::xid8 = (app_meta.value ->> 'xid')::xid8
              and (excluded.value ->> 'seq')::bigint > (app_meta.value ->> 'seq')::bigint)`,
      [HORIZON_KEY, JSON.stringify(horizon)],
    );
    return { rowsDeleted: deleted.rows.length, tombstonesPurged: purged.rows.length, horizon };
  });
}
