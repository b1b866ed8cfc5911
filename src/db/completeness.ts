/**
 * The device's half of the completeness check (src/domain/digest.ts defines the digest; the
 * engine in src/sync runs the check after catching up): the digest of what this device holds,
 * the records it must leave out (a change of them still waits here), the repair of the buckets
 * that differ, and the result shown in the sync panel.
 *
 * The repair of a bucket is ONE transaction, like a pull page: the records the server sent are
 * written (with still-pending local changes laid on top), and the device's records of that
 * bucket that the server did not send are removed — unless a change of them still waits.
 */
import type { Table } from 'dexie';
import {
  bucketOf,
  digestOf,
  type BucketDepth,
  type BucketDigest,
  type EntityDigest,
} from '../domain/digest';
import { ENTITY_NAMES, type EntityName } from '../domain/entityNames';
import type { Change } from '../domain/protocol';
import { getDb, tableOf, type CundianDb, type OutboxEntry } from './database';
import { markRecordsChanged } from './stamp';
import { useLiveQuery } from './queries';
import { rebaseOnServerRow, recordKey } from './sync-apply';
import { COMPLETENESS_KEY } from './sync-state';
import { addTo } from '../domain/groups';

/** The last completeness check, as the sync panel shows it. */
export interface CompletenessCheck {
  /** Device time the check ended. */
  at: string;
  /**
   * complete: the device holds exactly the server's records of its area;
   * repaired: some differed and were downloaded again (or removed), and now it does;
   * differs: they still differ after the repair: a full download is due at the next sync.
   */
  outcome: 'complete' | 'repaired' | 'differs';
  /** Records written or removed by the repair. */
  repaired: number;
  /** Entities that differed before the repair. */
  entities: EntityName[];
  /** How long the check took on this device, in milliseconds (for the curious and the bench). */
  ms: number;
  /** When a check that still differed last asked for a full download (at most once a day). */
  resyncAskedAt: string | null;
}

type Row = { id: string; version: number };

/** `entity:id` of every record with a change still waiting (its copy here is the device's own). */
export async function pendingRecordKeys(db: CundianDb = getDb()): Promise<Set<string>> {
  const keys = new Set<string>();
  await db.outbox.each((entry) => keys.add(recordKey(entry.entity, entry.recordId)));
  return keys;
}

/**
 * The (id, version) pairs of one entity as the digest counts them: the server's version (the
 * version index, never the records themselves: no deserialising), without records that have a
 * change waiting and without local creates (version 0). A tombstone without a waiting change is
 * never kept on the device (pulls and refusals remove it), so every row here is live.
 */
async function digestRows(
  db: CundianDb,
  entity: EntityName,
  exclude: ReadonlySet<string>,
): Promise<Row[]> {
  const table = tableOf(db, entity);
  const rows: Row[] = [];
  for (const version of await table.orderBy('version').uniqueKeys()) {
    if (typeof version !== 'number' || version < 1) continue;
    const ids = (await table.where('version').equals(version).primaryKeys()) as string[];
    for (const id of ids) {
      if (!exclude.has(recordKey(entity, id))) rows.push({ id, version });
    }
  }
  return rows;
}

/** The device's digest per entity (every entity it knows; those it holds none of: count 0). */
export async function localDigests(
  db: CundianDb,
  exclude: ReadonlySet<string>,
): Promise<Record<EntityName, EntityDigest>> {
  const out = {} as Record<EntityName, EntityDigest>;
  for (const entity of ENTITY_NAMES) {
    out[entity] = digestOf(await digestRows(db, entity, exclude));
  }
  return out;
}

/**
 * The device's digest of one entity per bucket (non-empty buckets only): of 2 hex digits, or of
 * 3 inside the 2-digit buckets `within`.
 */
export async function localBucketDigests(
  db: CundianDb,
  entity: EntityName,
  exclude: ReadonlySet<string>,
  options: { depth?: BucketDepth; within?: readonly string[] } = {},
): Promise<BucketDigest[]> {
  const depth = options.depth ?? 2;
  const within = options.within ? new Set(options.within) : null;
  const byBucket = new Map<string, Row[]>();
  for (const row of await digestRows(db, entity, exclude)) {
    if (within && !within.has(bucketOf(row.id))) continue;
    const bucket = bucketOf(row.id, depth);
    addTo(byBucket, bucket, row);
  }
  const out: BucketDigest[] = [];
  for (const [bucket, rows] of byBucket) out.push({ bucket, ...digestOf(rows) });
  return out;
}

type AnyRow = Record<string, unknown> & { id: string; version: number; deleted: boolean };

/**
 * Applies the server's records of some buckets (all of one depth) of one entity: writes those that differ, removes
 * the device's records of those buckets the server did not send. Records with a change waiting
 * keep it on top (as in a pull) and are never removed. Returns how many records changed.
 */
export async function applyRepair(
  db: CundianDb,
  entity: EntityName,
  buckets: readonly string[],
  changes: readonly Change[],
): Promise<number> {
  const inBuckets = new Set(buckets);
  const depth = (buckets[0]?.length ?? 2) as BucketDepth;
  const bucket = (id: string) => bucketOf(id, depth);
  const table = tableOf(db, entity) as unknown as Table<AnyRow, string>;
  return db.transaction('rw', [table, db.outbox, db.meta], async () => {
    const pending = new Map<string, OutboxEntry[]>();
    await db.outbox
      .where('[entity+recordId]')
      .between([entity, ''], [entity, '\uffff'])
      .each((entry) => addTo(pending, entry.recordId, entry));
    const sent = new Set<string>();
    const incoming: Change[] = [];
    for (const change of changes) {
      if (change.entity !== entity || change.data === null) continue;
      if (!inBuckets.has(bucket(change.id))) continue;
      sent.add(change.id);
      incoming.push(change);
    }
    const existing = await table.bulkGet(incoming.map((c) => c.id));
    const puts: AnyRow[] = [];
    for (const [i, change] of incoming.entries()) {
      const here = existing[i];
      // Never step back: a newer copy here (a pull that raced the repair) stays.
      if (here && here.version >= change.version && !here.deleted) continue;
      const serverRow = { ...change.data, id: change.id, version: change.version, deleted: false };
      const waiting = pending.get(change.id);
      puts.push(waiting ? rebaseOnServerRow(serverRow, waiting) : serverRow);
    }
    // The device's records of these buckets that the server did not send (deleted there, left
    // the area, or never existed): keys only, no record read.
    const ids = (await table.toCollection().primaryKeys()) as string[];
    const gone = ids.filter((id) => inBuckets.has(bucket(id)) && !sent.has(id) && !pending.has(id));
    await table.bulkPut(puts);
    await table.bulkDelete(gone);
    if (puts.length + gone.length > 0) await markRecordsChanged(db);
    return puts.length + gone.length;
  });
}

export async function writeCompletenessCheck(
  check: CompletenessCheck,
  db: CundianDb = getDb(),
): Promise<void> {
  await db.meta.put({ key: COMPLETENESS_KEY, value: check });
}

export async function readCompletenessCheck(
  db: CundianDb = getDb(),
): Promise<CompletenessCheck | null> {
  return ((await db.meta.get(COMPLETENESS_KEY))?.value as CompletenessCheck | undefined) ?? null;
}

export function useCompletenessCheck(): CompletenessCheck | null | undefined {
  return useLiveQuery(() => readCompletenessCheck(), []);
}
