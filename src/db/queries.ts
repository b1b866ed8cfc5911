/**
 * Reads used by screens, through live queries so the screen follows the database (DESIGN.md §3:
 * rows come from live queries, never from copies in a store).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { EntityName, EntityRecord } from '../domain/entities';
import { getDb, tableOf, type CundianDb, type OutboxEntry } from './database';
import { readFirst } from './firstAnswers';

export { useLiveQuery };

export function getRecord<E extends EntityName>(
  entity: E,
  id: string,
  db: CundianDb = getDb(),
): Promise<EntityRecord<E> | undefined> {
  return tableOf(db, entity).get(id);
}

/** All live (not deleted) records of an entity. */
export async function listRecords<E extends EntityName>(
  entity: E,
  db: CundianDb = getDb(),
): Promise<EntityRecord<E>[]> {
  const rows = await tableOf(db, entity).toArray();
  return rows.filter((r) => !r.deleted);
}

export interface NewestPage<E extends EntityName> {
  /** The newest `limit` live records, newest first (ids are UUIDv7: they sort by creation). */
  rows: EntityRecord<E>[];
  /** How many live records there are in all. */
  total: number;
}

/**
 * The newest `limit` live records and the count of all, read through the primary key without
 * deserialising the others: a list's first screen on a phone holding 10,000 points. Tombstones
 * (a delete waiting for its push) are skipped; every tombstone has a change in the outbox, so
 * the exact count is the table's minus the tombstones among the outbox's records.
 */
export async function newestRecords<E extends EntityName>(
  entity: E,
  limit: number,
  db: CundianDb = getDb(),
): Promise<NewestPage<E>> {
  const table = tableOf(db, entity);
  return db.transaction('r', [table, db.outbox], async () => {
    const [rows, all, waiting] = await Promise.all([
      table
        .orderBy(':id')
        .reverse()
        .filter((r) => !r.deleted)
        .limit(limit)
        .toArray(),
      table.count(),
      db.outbox.where('[entity+recordId]').between([entity, ''], [entity, '\uffff']).toArray(),
    ]);
    const ids = [...new Set(waiting.map((e) => e.recordId))];
    const tombstones = (await table.bulkGet(ids)).filter((r) => r?.deleted).length;
    return { rows, total: all - tombstones };
  });
}

const newestKey = (entity: EntityName, limit: number) => `newest:${entity}:${limit}`;

/** Reads the newest page before the first render (firstAnswers.ts). */
export function readNewestRecordsFirst<E extends EntityName>(
  entity: E,
  limit: number,
): Promise<NewestPage<E>> {
  return readFirst(newestKey(entity, limit), () => newestRecords(entity, limit));
}

export function useRecord<E extends EntityName>(
  entity: E,
  id: string,
): EntityRecord<E> | null | undefined {
  return useLiveQuery(async () => (await getRecord(entity, id)) ?? null, [entity, id]);
}

export interface PendingSummary {
  count: number;
  /** Device time of the oldest unsynced change, or null when nothing waits. */
  oldestCreatedAt: string | null;
}

export async function pendingSummary(db: CundianDb = getDb()): Promise<PendingSummary> {
  const count = await db.outbox.count();
  const oldest = await db.outbox.orderBy('mutationId').first();
  return { count, oldestCreatedAt: oldest?.createdAt ?? null };
}

export function usePendingSummary(): PendingSummary | undefined {
  return useLiveQuery(() => pendingSummary(), []);
}

/** Outbox entries of one record, oldest first (sync state on a detail page). */
export function pendingFor(
  entity: EntityName,
  recordId: string,
  db: CundianDb = getDb(),
): Promise<OutboxEntry[]> {
  return db.outbox.where('[entity+recordId]').equals([entity, recordId]).sortBy('mutationId');
}

export function listOutbox(db: CundianDb = getDb()): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('mutationId').toArray();
}
