/**
 * Fills point_keys for live service points that have no row: a database from before migration
 * 0005, or one restored from a dump without it. Called at start; one cheap query when nothing is
 * missing. The points it fills are flagged against each other and the rest like any change.
 */
import type { Db } from '../db';
import { loadRecords } from '../sync/apply';
import { runTransaction } from '../sync/transactions';
import { refreshPointKeys } from './detect';

export async function backfillPointKeys(db: Db, now: Date = new Date()): Promise<number> {
  return runTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `select r.id::text as id from records r
       where r.entity = 'servicePoint' and not r.deleted
         and not exists (select 1 from point_keys k where k.id = r.id)`,
    );
    if (rows.length === 0) return 0;
    const points = await loadRecords(
      tx,
      rows.map((row) => ({ entity: 'servicePoint', id: row.id })),
    );
    await refreshPointKeys(tx, [...points.values()], {
      now: now.toISOString(),
      serialised: db.kind === 'pglite',
    });
    return points.size;
  });
}
