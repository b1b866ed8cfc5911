/**
 * Local writes: a record row and its outbox entry, always together.
 *
 * writeWithOutbox is the one door through which user changes reach the database. The row and the
 * outbox entry are written in ONE Dexie transaction: if anything throws (validation, quota, a bug),
 * IndexedDB rolls both back, so the device never holds a change it will not push, nor pushes a
 * change it does not show (DESIGN.md §4.3).
 */
import { newId } from '../domain/ids';
import type { EntityName, EntityRecord } from '../domain/entities';
import { getDb, tableOf, type CundianDb, type MutationOp, type OutboxEntry } from './database';
import { markRecordsChanged } from './stamp';

export interface RecordWrite<E extends EntityName> {
  row: EntityRecord<E>;
  op: MutationOp;
  changes: Record<string, unknown>;
  baseVersion: number;
}

const NEXT_MUTATION_ID = 'nextMutationId';
const CLIENT_ID = 'clientId';

/** The window event the app listens to (e.g. to ask for persistent storage after first real use). */
export const LOCAL_WRITE_EVENT = 'cundian:local-write';

/**
 * Writes a record and its outbox entry in one transaction. `produce` receives the current row (or
 * undefined) and returns the write, or null when there is nothing to change. It runs inside the
 * transaction and must be synchronous: throwing from it aborts the whole write.
 */
export async function writeWithOutbox<E extends EntityName>(
  entity: E,
  recordId: string,
  produce: (existing: EntityRecord<E> | undefined) => RecordWrite<E> | null,
  db: CundianDb = getDb(),
): Promise<OutboxEntry | null> {
  const table = tableOf(db, entity);
  const entry = await db.transaction('rw', [table, db.outbox, db.meta], async () => {
    const existing = await table.get(recordId);
    const write = produce(existing);
    if (!write) return null;
    const mutationId = await allocateMutationId(db);
    await table.put(write.row);
    await markRecordsChanged(db);
    const outboxEntry: OutboxEntry = {
      mutationId,
      entity,
      recordId,
      op: write.op,
      changes: write.changes,
      baseVersion: write.baseVersion,
      createdAt: new Date().toISOString(),
    };
    await db.outbox.add(outboxEntry);
    return outboxEntry;
  });
  if (entry && typeof window !== 'undefined') {
    window.dispatchEvent(new CustomEvent(LOCAL_WRITE_EVENT, { detail: { entity, recordId } }));
  }
  return entry;
}

/** One record of a bulk write: which record, and how to produce its write from the current row. */
export interface BulkItem<E extends EntityName> {
  recordId: string;
  produce: (existing: EntityRecord<E> | undefined) => RecordWrite<E> | null;
}

/**
 * Writes many records and their outbox entries in ONE transaction (a CSV import): all of them or,
 * if anything throws, none — an import is never left half-done. Works in chunks so a progress bar
 * can move (onProgress(done, total)) while the transaction stays open: between chunks it only
 * awaits IndexedDB, which keeps the transaction alive.
 */
export async function writeManyWithOutbox<E extends EntityName>(
  entity: E,
  items: readonly BulkItem<E>[],
  onProgress?: (done: number, total: number) => void,
  db: CundianDb = getDb(),
): Promise<number> {
  const table = tableOf(db, entity);
  const CHUNK = 250;
  const written = await db.transaction('rw', [table, db.outbox, db.meta], async () => {
    let count = 0;
    for (let start = 0; start < items.length; start += CHUNK) {
      const chunk = items.slice(start, start + CHUNK);
      const existing = await table.bulkGet(chunk.map((i) => i.recordId));
      const writes = chunk
        .map((item, k) => ({ item, write: item.produce(existing[k]) }))
        .filter((w): w is { item: BulkItem<E>; write: RecordWrite<E> } => w.write !== null);
      if (writes.length > 0) {
        const first = await allocateMutationIds(db, writes.length);
        const createdAt = new Date().toISOString();
        await table.bulkPut(writes.map((w) => w.write.row));
        await markRecordsChanged(db);
        await db.outbox.bulkAdd(
          writes.map((w, k) => ({
            mutationId: first + k,
            entity,
            recordId: w.item.recordId,
            op: w.write.op,
            changes: w.write.changes,
            baseVersion: w.write.baseVersion,
            createdAt,
          })),
        );
        count += writes.length;
      }
      onProgress?.(Math.min(start + CHUNK, items.length), items.length);
    }
    return count;
  });
  if (written > 0 && typeof window !== 'undefined') {
    window.dispatchEvent(
      new CustomEvent(LOCAL_WRITE_EVENT, { detail: { entity, count: written } }),
    );
  }
  return written;
}

/** Next mutation id of this device; must run inside a transaction that includes db.meta. */
async function allocateMutationId(db: CundianDb): Promise<number> {
  return allocateMutationIds(db, 1);
}

/**
 * Reserves `count` consecutive mutation ids and returns the first. Inside a transaction with
 * db.meta. Exported for the rescue import (./rescue.ts), which queues changes again.
 */
export async function allocateMutationIds(db: CundianDb, count: number): Promise<number> {
  const row = await db.meta.get(NEXT_MUTATION_ID);
  const next = typeof row?.value === 'number' ? row.value : 1;
  await db.meta.put({ key: NEXT_MUTATION_ID, value: next + count });
  return next;
}

/** This device database's client id (UUIDv7), created on first use (DESIGN.md §4.2). */
export async function getClientId(db: CundianDb = getDb()): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get(CLIENT_ID);
    if (typeof row?.value === 'string') return row.value;
    const id = newId();
    await db.meta.put({ key: CLIENT_ID, value: id });
    return id;
  });
}
