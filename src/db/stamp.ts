/**
 * The records' stamp: a value that changes in the same transaction as ANY change of the synced
 * records on this device — a local write, a pulled page, a re-download's end, a refusal that puts
 * a record back, a completeness repair, a wipe. Figures counted from every record (the board's
 * facts, docs/PERFORMANCE.md) are kept with the stamp they were counted at; while the stamp is
 * the same, the kept figures are exactly what counting again would give, so a cold start shows
 * them without reading 10,000 records first.
 *
 * A random id rather than a counter: no read inside the write's transaction, and two tabs can
 * never produce the same value for different contents.
 */
import { newId } from '../domain/ids';
import type { EntityName, EntityRecord } from '../domain/entities';
import { getDb, tableOf, type CundianDb } from './database';
import { KEPT_PREFIX } from './kept';
import { listRecords, useLiveQuery } from './queries';

export const RECORDS_STAMP_KEY = 'recordsStamp';

/** Call inside every read-write transaction that changes records (it must include db.meta). */
export async function markRecordsChanged(db: CundianDb): Promise<void> {
  await db.meta.put({ key: RECORDS_STAMP_KEY, value: newId() });
}

/** The current stamp; null on a device whose records never changed (nothing to count yet). */
export async function readRecordsStamp(db: CundianDb = getDb()): Promise<string | null> {
  return ((await db.meta.get(RECORDS_STAMP_KEY))?.value as string | undefined) ?? null;
}

/** Figures counted from the records, with what they were counted at. */
export interface CountedFigures<T> {
  value: T;
  /** The records' stamp at counting (see above). */
  stamp: string | null;
  /** Whatever else the figures depend on (the day, the gazetteer): compared as a string. */
  inputs: string;
}

const COUNTED_PREFIX = `${KEPT_PREFIX}counted:`;

/**
 * Keeps figures counted at `stamp` — unless the records changed meanwhile (the stamp moved while
 * they were being counted), when they are dropped: kept figures are never older than their stamp.
 * Under the kept answers' prefix, so a logout wipes them with the rest of the user's data.
 */
export async function keepCountedFigures<T>(
  name: string,
  figures: CountedFigures<T>,
  db: CundianDb = getDb(),
): Promise<boolean> {
  return db.transaction('rw', db.meta, async () => {
    if ((await readRecordsStamp(db)) !== figures.stamp) return false;
    await db.meta.put({ key: `${COUNTED_PREFIX}${name}`, value: figures });
    return true;
  });
}

export interface CountedState<T> {
  stamp: string | null;
  kept: CountedFigures<T> | null;
}

/** The records' stamp and the figures kept under `name`, read together (one live query). */
export async function readCountedFigures<T>(
  name: string,
  db: CundianDb = getDb(),
): Promise<CountedState<T>> {
  return db.transaction('r', db.meta, async () => {
    const [stamp, row] = await Promise.all([
      readRecordsStamp(db),
      db.meta.get(`${COUNTED_PREFIX}${name}`),
    ]);
    return { stamp, kept: (row?.value as CountedFigures<T> | undefined) ?? null };
  });
}

export function useCountedFigures<T>(name: string): CountedState<T> | undefined {
  return useLiveQuery(() => readCountedFigures<T>(name), [name]);
}

/** Every live record of `entities` and the stamp they carry, read in ONE transaction. */
export async function readRecordsWithStamp<E extends EntityName>(
  entities: readonly E[],
  db: CundianDb = getDb(),
): Promise<{ stamp: string | null; records: { [K in E]: EntityRecord<K>[] } }> {
  const tables = entities.map((entity) => tableOf(db, entity));
  return db.transaction('r', [...tables, db.meta], async () => {
    const [stamp, ...lists] = await Promise.all([
      readRecordsStamp(db),
      ...entities.map((entity) => listRecords(entity, db)),
    ]);
    const records = Object.fromEntries(entities.map((e, i) => [e, lists[i]])) as {
      [K in E]: EntityRecord<K>[];
    };
    return { stamp, records };
  });
}

/**
 * The records of `entities` with their stamp, following the database — or undefined while
 * `enabled` is false (a screen whose kept figures are current reads no record at all).
 */
export function useRecordsWithStamp<E extends EntityName>(
  entities: readonly E[],
  enabled: boolean,
): { stamp: string | null; records: { [K in E]: EntityRecord<K>[] } } | undefined {
  return useLiveQuery(
    () => (enabled ? readRecordsWithStamp(entities) : undefined),
    [enabled, entities.join()],
  );
}
