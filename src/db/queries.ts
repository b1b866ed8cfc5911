/**
 * Reads used by screens, through live queries so the screen follows the database (DESIGN.md §3:
 * rows come from live queries, never from copies in a store).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { EntityName, EntityRecord } from '../domain/entities';
import { getDb, tableOf, type CundianDb, type OutboxEntry } from './database';

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

export function useRecords<E extends EntityName>(entity: E): EntityRecord<E>[] | undefined {
  return useLiveQuery(() => listRecords(entity), [entity]);
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
