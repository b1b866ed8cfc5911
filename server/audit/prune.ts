/**
 * Retention of the audit log: the maintenance job (server/maintenance.ts) deletes entries older
 * than AUDIT_RETENTION_DAYS. The only path that may delete from the append-only table: it turns
 * on the transaction-local setting the table's trigger asks for (migration 0011), and the trigger
 * still refuses any entry younger than 180 days by the database's clock, whatever this is given.
 */
import type { Db } from '../db';
import { runTransaction } from '../db/transactions';

const PRUNE_CHUNK = 5_000;

/** Deletes audit entries older than `before`, in short transactions; returns how many. */
export async function pruneAudit(db: Db, before: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const pruned = await runTransaction(db, async (tx) => {
      await tx.query("select set_config('cundian.audit_prune', 'on', true)");
      const { rowCount } = await tx.query(
        `delete from audit_log where id in (
           select id from audit_log where at < $1 order by id limit $2)`,
        [before, PRUNE_CHUNK],
      );
      return rowCount;
    });
    total += pruned;
    if (pruned < PRUNE_CHUNK) return total;
  }
}
