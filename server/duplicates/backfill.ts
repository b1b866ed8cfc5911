/**
 * Fills the duplicate-key columns (migration 0007) of live service points that have none: a
 * database from before that migration, or rows written by something other than the apply path.
 * Called at start; one cheap query when nothing is missing (a point with neither a usable name nor
 * a location is looked at again each start, and stays without keys). The points it fills are
 * flagged against each other and the rest like any change.
 */
import type { Db } from '../db';
import { loadRecords } from '../sync/apply';
import { runTransaction } from '../db/transactions';
import { duplicateColumns, flagDuplicates } from './detect';

export async function backfillPointKeys(db: Db, now: Date = new Date()): Promise<number> {
  return runTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `select id::text as id from records
       where entity = 'servicePoint' and not deleted and dup_name is null and dup_village is null`,
    );
    if (rows.length === 0) return 0;
    const points = [
      ...(
        await loadRecords(
          tx,
          rows.map((row) => ({ entity: 'servicePoint', id: row.id })),
        )
      ).values(),
    ];
    const filled = points
      .map((point) => ({ id: point.id, ...duplicateColumns(point) }))
      .filter((row) => row.dup_name !== null || row.dup_village !== null);
    if (filled.length === 0) return 0;
    await tx.query(
      `update records r set dup_name = k.dup_name, dup_village = k.dup_village
       from jsonb_to_recordset($1::jsonb) as k(id uuid, dup_name text, dup_village text)
       where r.entity = 'servicePoint' and r.id = k.id`,
      [JSON.stringify(filled)],
    );
    const filledIds = new Set(filled.map((row) => row.id));
    await flagDuplicates(
      tx,
      points
        .filter((point) => filledIds.has(point.id))
        .map((after) => ({ before: undefined, after })),
      { now: now.toISOString(), serialised: db.kind === 'pglite' },
    );
    return filled.length;
  });
}
