/**
 * Applying what the server says to the device's database: a page of pulled changes, the end of a
 * full re-download, and the server's verdict on pushed changes. Each is ONE Dexie transaction, so
 * a crash, a full disk or a closed tab leaves the database exactly as before, never half-applied.
 *
 * The engine (src/sync) decides when; this module decides how rows, outbox, refusals and the
 * cursor change together.
 */
import type { Table } from 'dexie';
import { ENTITY_NAMES, isEntityName, type EntityName } from '../domain/entityNames';
import type { Change, MutationResult } from '../domain/protocol';
import { tableOf, type CundianDb, type OutboxEntry } from './database';
import { markRecordsChanged } from './stamp';
import {
  PULL_CURSOR_KEY,
  RESYNC_REQUIRED_KEY,
  rejectedTable,
  type RejectedEntry,
} from './sync-state';
import { addTo, groupBy } from '../domain/groups';

export interface PullPage {
  changes: Change[];
  cursor: string;
  hasMore: boolean;
  lastMutationId: number;
}

export interface ApplyPullPageOptions {
  /**
   * Where the page's cursor is saved; null during a full re-download, whose cursor is only saved
   * by finishRebootstrap once every page is in.
   */
  cursorKey?: string | null;
  /** Collects `entity:id` of every live record received (a full re-download needs the list). */
  seen?: Set<string>;
}

export interface ApplySummary {
  /** Records written or removed. */
  applied: number;
  /** Outbox entries the server confirmed, dropped in the same transaction. */
  acknowledged: number;
}

type AnyRow = Record<string, unknown> & { id: string; version: number; deleted: boolean };

function entityTables(db: CundianDb): Table<AnyRow, string>[] {
  return ENTITY_NAMES.map((entity) => tableOf(db, entity) as unknown as Table<AnyRow, string>);
}

export function recordKey(entity: string, id: string): string {
  return `${entity}:${id}`;
}

/**
 * A local change that still waits for the server, laid over the server's row: the screen keeps
 * showing what the user typed until the server has it (no flip back to old data).
 */
export function rebaseOnServerRow(serverRow: AnyRow, pending: readonly OutboxEntry[]): AnyRow {
  let row = serverRow;
  for (const entry of pending) {
    if (row.deleted) break; // a delete is final: nothing typed later brings a record back
    row = entry.op === 'delete' ? { ...row, deleted: true } : { ...row, ...entry.changes };
  }
  // The server's metadata stays: version is the base of the next local edit.
  return { ...row, id: serverRow.id, version: serverRow.version };
}

function groupPending(entries: readonly OutboxEntry[]): Map<string, OutboxEntry[]> {
  return groupBy(entries, (entry) => recordKey(entry.entity, entry.recordId));
}

/**
 * Applies one page of pulled changes.
 *
 * This transaction is the crux of "nothing lost, nothing applied twice": the rows, the outbox
 * entries the server confirmed (mutationId ≤ lastMutationId: their effect is in these rows) and
 * the cursor move together. If they could come apart, a crash in between would either drop a
 * local change whose effect the device never received (lost work), or keep one the server already
 * has and lay it over newer server data; a cursor saved without its rows would skip them forever.
 */
export async function applyPullPage(
  db: CundianDb,
  page: PullPage,
  options: ApplyPullPageOptions = {},
): Promise<ApplySummary> {
  const cursorKey = options.cursorKey === undefined ? PULL_CURSOR_KEY : options.cursorKey;
  // Several changes of one record in a page: only the last one matters.
  const latest = new Map<string, Change>();
  for (const change of page.changes) {
    if (!isEntityName(change.entity)) continue; // an entity this app version does not know yet
    const key = recordKey(change.entity, change.id);
    latest.delete(key);
    latest.set(key, change);
  }

  return db.transaction('rw', [...entityTables(db), db.outbox, db.meta], async () => {
    const acknowledged = await db.outbox.where('mutationId').belowOrEqual(page.lastMutationId);
    const acknowledgedCount = await acknowledged.delete();
    const pending = groupPending(
      await db.outbox.where('mutationId').above(page.lastMutationId).toArray(),
    );

    const puts = new Map<EntityName, AnyRow[]>();
    const removals = new Map<EntityName, string[]>();

    for (const [key, change] of latest) {
      const entity = change.entity;
      const local = pending.get(key);
      if (change.data !== null) {
        // The parsed page is ours alone: completing its objects in place spares a copy of
        // every record of a first download.
        const serverRow = Object.assign(change.data, {
          id: change.id,
          version: change.version,
          deleted: change.deleted,
        }) as AnyRow;
        if (!change.deleted) options.seen?.add(key);
        addTo(puts, entity, local ? rebaseOnServerRow(serverRow, local) : serverRow);
      } else if (!local) {
        // A tombstone, or a record that left the user's scope: the device no longer holds it.
        addTo(removals, entity, change.id);
      } else if (change.deleted) {
        // Deleted on the server while an edit waits here: the delete wins (DESIGN.md §4.6). The
        // waiting edit is still pushed, and its refusal is kept where the user can read it.
        const existing = await tableOf(db, entity).get(change.id);
        if (existing) addTo(puts, entity, { ...existing, version: change.version, deleted: true });
      }
      // Left the scope with an edit waiting: keep the row until the push settles it.
    }

    for (const [entity, rows] of puts) {
      await (tableOf(db, entity) as unknown as Table<AnyRow, string>).bulkPut(rows);
    }
    for (const [entity, ids] of removals) await tableOf(db, entity).bulkDelete(ids);
    if (puts.size > 0 || removals.size > 0) await markRecordsChanged(db);
    if (cursorKey !== null) await db.meta.put({ key: cursorKey, value: page.cursor });
    return { applied: latest.size, acknowledged: acknowledgedCount };
  });
}

/**
 * Ends a full re-download: every page is in, so the rows the download did not contain are gone
 * from the server or from the user's scope — except rows with a change still waiting, which stay
 * until the push settles them. The new cursor is saved in the same transaction, so a crash
 * before it means the re-download simply starts again.
 */
export async function finishRebootstrap(
  db: CundianDb,
  seen: ReadonlySet<string>,
  cursor: string,
  cursorKey: string = PULL_CURSOR_KEY,
): Promise<number> {
  return db.transaction('rw', [...entityTables(db), db.outbox, db.meta], async () => {
    const pendingKeys = new Set(
      (await db.outbox.toArray()).map((e) => recordKey(e.entity, e.recordId)),
    );
    let removed = 0;
    for (const entity of ENTITY_NAMES) {
      const table = tableOf(db, entity);
      const ids = (await table.toCollection().primaryKeys()) as string[];
      const gone = ids.filter((id) => {
        const key = recordKey(entity, id);
        return !seen.has(key) && !pendingKeys.has(key);
      });
      await table.bulkDelete(gone);
      removed += gone.length;
    }
    if (removed > 0) await markRecordsChanged(db);
    await db.meta.put({ key: cursorKey, value: cursor });
    await db.meta.delete(RESYNC_REQUIRED_KEY);
    return removed;
  });
}

export interface RejectionOutcome {
  /** Refusals newly moved out of the outbox (0 when a retried push repeats known verdicts). */
  recorded: number;
  /** True when the device must download its data again to show the server's state. */
  resyncRequired: boolean;
}

/**
 * Moves refused changes from the outbox to `rejected` (reason and message kept, so the user sees
 * what was not accepted), in one transaction. Then each affected record is put back to what the
 * server holds, when no other change of it waits:
 * - refused on a record the server deleted: it is removed here too (the delete is certain);
 * - a refused create of a record the server never had (version 0): removed here;
 * - anything else: the device cannot know the server's row without asking, so a full
 *   re-download is flagged (rare: the client validates with the server's own schemas).
 */
export async function recordRejections(
  db: CundianDb,
  results: readonly MutationResult[],
  now: string = new Date().toISOString(),
): Promise<RejectionOutcome> {
  const refused = results.filter((r) => r.status === 'rejected');
  if (refused.length === 0) return { recorded: 0, resyncRequired: false };
  return db.transaction(
    'rw',
    [...entityTables(db), db.outbox, db.meta, rejectedTable(db)],
    async () => {
      const touched = new Map<string, { entry: OutboxEntry; reason: string }>();
      let recorded = 0;
      for (const result of refused) {
        const entry = await db.outbox.get(result.mutationId);
        if (!entry) continue; // already recorded by an earlier (retried) push
        const rejected: RejectedEntry = {
          ...entry,
          reason: result.reason ?? 'invalid',
          message: result.message ?? null,
          rejectedAt: now,
          dismissedAt: null,
        };
        await rejectedTable(db).add(rejected);
        await db.outbox.delete(entry.mutationId);
        touched.set(recordKey(entry.entity, entry.recordId), {
          entry,
          reason: rejected.reason,
        });
        recorded += 1;
      }

      let resyncRequired = false;
      for (const { entry, reason } of touched.values()) {
        const stillWaiting = await db.outbox
          .where('[entity+recordId]')
          .equals([entry.entity, entry.recordId])
          .count();
        if (stillWaiting > 0) continue; // the later change decides what the row shows
        const table = tableOf(db, entry.entity) as unknown as Table<AnyRow, string>;
        const row = await table.get(entry.recordId);
        if (!row) continue;
        // Deleted on the server, or a create the server never accepted: gone. (A tombstone is
        // not kept without a waiting change, as in a pull: the refusal itself stays in
        // `rejected`, where the user reads it.)
        if (reason === 'deleted' || row.version === 0) {
          await table.delete(entry.recordId);
          await markRecordsChanged(db);
        } else resyncRequired = true;
      }
      if (resyncRequired) await db.meta.put({ key: RESYNC_REQUIRED_KEY, value: true });
      return { recorded, resyncRequired };
    },
  );
}
