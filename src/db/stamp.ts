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
import { readFirst } from './firstAnswers';
import { listRecords } from './queries';
import { lastCountedValue, rememberCountedValue } from './countedValues';

import { COUNTED_PREFIX, COUNTED_VALUE_PREFIX, RECORDS_STAMP_KEY } from './metaKeys';
export { RECORDS_STAMP_KEY };

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

/**
 * The kept row under COUNTED_PREFIX: the stamp, the inputs and a token that is new with every
 * value; the value itself is a row of its own, written in the same transaction. A header of an
 * older app held the value inline (`value`, no `token`): still read.
 */
interface CountedHeader {
  stamp: string | null;
  inputs: string;
  token?: string;
  value?: unknown;
}

// The last value read per database and name, with its token (countedValues.ts, without Dexie so a
// first read without it can remember its value too). A live query always reads again when it
// starts, right after the first answer (firstAnswers.ts) read the same row: for the map's 10,000
// points that second copy out of IndexedDB was a 300 ms task at 4× on the map's path
// (docs/PERFORMANCE.md, fifth session). While the header's token is the one read last, the value
// is the one read last: the header alone is read.

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
    const header: CountedHeader = { stamp: figures.stamp, inputs: figures.inputs, token: newId() };
    await db.meta.bulkPut([
      { key: `${COUNTED_VALUE_PREFIX}${name}`, value: figures.value },
      { key: `${COUNTED_PREFIX}${name}`, value: header },
    ]);
    return true;
  });
}

export interface CountedState<T> {
  /** Which kept figures these are (a live query may still hold the previous name's answer). */
  name: string;
  stamp: string | null;
  kept: CountedFigures<T> | null;
}

/**
 * The records' stamp and the figures kept under `name`, read together (one live query). The
 * value is read only when its token is not the one read last in this page (countedValues.ts).
 */
export async function readCountedFigures<T>(
  name: string,
  db: CundianDb = getDb(),
): Promise<CountedState<T>> {
  return db.transaction('r', db.meta, async () => {
    const [stamp, row] = await Promise.all([
      readRecordsStamp(db),
      db.meta.get(`${COUNTED_PREFIX}${name}`),
    ]);
    const header = row?.value as CountedHeader | undefined;
    if (!header) return { name, stamp, kept: null };
    if (header.token === undefined) {
      return { name, stamp, kept: header as CountedFigures<T> };
    }
    const last = lastCountedValue(db.name, name, header.token);
    let value: unknown;
    if (last) {
      value = last.value;
    } else {
      const valueRow = await db.meta.get(`${COUNTED_VALUE_PREFIX}${name}`);
      // Wiped between the two reads cannot happen inside one transaction; a missing row is a
      // half-written store from elsewhere: nothing kept.
      if (!valueRow) return { name, stamp, kept: null };
      value = valueRow.value;
      rememberCountedValue(db.name, name, header.token, value);
    }
    return {
      name,
      stamp,
      kept: { value: value as T, stamp: header.stamp, inputs: header.inputs },
    };
  });
}

/** Reads kept figures before the first render (firstAnswers.ts). */
export function readCountedFiguresFirst<T>(name: string): Promise<CountedState<T>> {
  return readFirst(`counted:${name}`, () => readCountedFigures<T>(name));
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

/** How a derivation is stored in the kept row and read back (e.g. as one JSON string). */
export interface KeptCodec<T> {
  store(value: T): unknown;
  restore(stored: unknown): T;
}

export interface KeptDerivation<T> {
  /** The derivation, kept or fresh; undefined while neither is there yet. */
  value: T | undefined;
  /**
   * The kept value does not match the records (or was never kept): the records are being read
   * and `derive` is needed. A caller loads what `derive` needs besides the records only then.
   */
  stale: boolean;
}
