/**
 * The first screen's reads through IndexedDB's own API, without Dexie: the start page's and the
 * point list's first answers (firstAnswers.ts) read from the entry's first moments, while Dexie's
 * chunk (the largest file before the data) is still being fetched and evaluated and before Dexie
 * opens the database (docs/PERFORMANCE.md, eighth session). Once Dexie is there the live queries
 * take over from these answers exactly as they do from Dexie's first reads.
 *
 * Dexie owns the database's versions and upgrades (schema.ts): a read here never opens the
 * database at a version of its own. It opens it as it is (no version asked), and reads only when
 * the database is the one this build's schema describes; otherwise — no database yet (then
 * nothing is created: the empty one IndexedDB starts is aborted and deleted, as Dexie does), an
 * older one that Dexie must upgrade first, a newer one of a later app — it reads nothing and says
 * so, and the caller reads through Dexie as before. Its connection closes as soon as the reads
 * are done, and at once if another connection asks for a version change.
 *
 * Each read answers what its Dexie counterpart answers (rawFirst.test.ts compares the two on the
 * same database): kept.ts, sync-state.ts, stamp.ts, queries.ts (newestRecords) and notices.ts.
 */
import type { EntityName, EntityRecord } from '../domain/entities';
import type { KeptAnswer } from './kept';
import type { PaceSummary } from './notices';
import type { NewestPage } from './queries';
import type { CountedState } from './stamp';
import type { RejectedEntry, StoredSession } from './sync-state';
import { currentDatabaseName, firstAnswers } from './firstAnswerStore';
import type { FirstReader } from './firstReader';
import { CURRENT_SCHEMA_VERSION, ENTITY_TABLES } from './schema';

import {
  COUNTED_PREFIX,
  COUNTED_VALUE_PREFIX,
  KEPT_PREFIX,
  LAST_SYNCED_AT_KEY,
  PACE_SUMMARY_KEY,
  RECORDS_STAMP_KEY,
  SESSION_KEY,
} from './metaKeys';
/** Dexie's name for the outbox's compound index (schema.ts, version 2). */
const OUTBOX_RECORD_INDEX = '[entity+recordId]';

/** Dexie opens IndexedDB at ten times the schema's version (and may add a unit to patch it). */
const DEXIE_VERSION_FACTOR = 10;

export type { FirstReader };

/**
 * Runs a first screen's reads: without Dexie when the database is this schema's, else through
 * Dexie (loaded then: it creates or upgrades the database first). Resolves which way was taken;
 * rejects only when the reads through Dexie fail.
 */
export async function readFirstRows(
  read: (reader: FirstReader) => Promise<void>,
): Promise<'without Dexie' | 'through Dexie'> {
  if (await readFirstWithoutDexie(read)) return 'without Dexie';
  const { dexieFirstReader } = await import('./dexieFirstReader');
  await read(dexieFirstReader);
  return 'through Dexie';
}

/**
 * Runs `read` on the app's database as it is, without Dexie. Resolves true once every read is
 * done and kept; false, having read nothing that counts, when the database is missing, of another
 * version, or a read failed — the caller then reads through Dexie. Never rejects.
 */
export async function readFirstWithoutDexie(
  read: (reader: FirstReader) => Promise<void>,
): Promise<boolean> {
  const db = await openAsItIs(currentDatabaseName());
  if (!db) return false;
  try {
    await read(readerOf(db));
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

/** The stores the reads above use: a database without one of them is not this schema's. */
const STORES_READ = ['meta', 'outbox', 'rejected', ...Object.values(ENTITY_TABLES)];

function openAsItIs(name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null);
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(name); // no version: never an upgrade of ours
    } catch {
      return resolve(null);
    }
    let created = false;
    request.onupgradeneeded = () => {
      // Only a database that did not exist is "upgraded" by an open without a version: leave
      // creating it to Dexie (its upgrade path makes every store and runs the migrations).
      created = true;
      request.transaction?.abort();
    };
    request.onerror = (event) => {
      event.preventDefault();
      if (!created) return resolve(null);
      const removal = indexedDB.deleteDatabase(name);
      removal.onsuccess = removal.onerror = removal.onblocked = () => resolve(null);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Dexie upgrading (another tab, or this one once its chunk is in): step aside at once.
      db.onversionchange = () => db.close();
      const schema = Math.floor(db.version / DEXIE_VERSION_FACTOR);
      const stores = STORES_READ.every((store) => db.objectStoreNames.contains(store));
      if (schema !== CURRENT_SCHEMA_VERSION || !stores) {
        db.close();
        return resolve(null);
      }
      resolve(db);
    };
  });
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Keeps an answer where the hooks start from (firstAnswers.ts) and hands it on. */
function kept<T>(key: string, value: T): T {
  firstAnswers.set(key, value);
  return value;
}

interface MetaRow {
  key: string;
  value: unknown;
}

function readerOf(db: IDBDatabase): FirstReader {
  const metaValue = async (key: string): Promise<unknown> => {
    const row = (await done(db.transaction('meta', 'readonly').objectStore('meta').get(key))) as
      MetaRow | undefined;
    return row?.value;
  };
  return {
    async session() {
      const value = (await metaValue(SESSION_KEY)) as StoredSession | undefined;
      return kept('session', value ?? null);
    },
    async lastSyncedAt() {
      const value = (await metaValue(LAST_SYNCED_AT_KEY)) as string | undefined;
      return kept('lastSyncedAt', value ?? null);
    },
    async keptAnswer<T>(key: string) {
      const value = (await metaValue(`${KEPT_PREFIX}${key}`)) as KeptAnswer<T> | undefined;
      return kept(`kept:${key}`, value ?? null);
    },
    async paceSummary() {
      const value = (await metaValue(PACE_SUMMARY_KEY)) as PaceSummary | undefined;
      return kept('paceSummary', value ?? null);
    },
    async countedFigures<T>(name: string) {
      return kept(`counted:${name}`, await countedFigures<T>(db, name));
    },
    async newestRecords<E extends EntityName>(entity: E, limit: number) {
      return kept(`newest:${entity}:${limit}`, await newestRecords(db, entity, limit));
    },
    async rejected() {
      const store = db.transaction('rejected', 'readonly').objectStore('rejected');
      // The primary key is `seq` (auto-incremented): key order is listRejected's orderBy('seq').
      const rows = (await done(store.getAll())) as RejectedEntry[];
      return kept('rejected', rows.reverse());
    },
  };
}

/** stamp.ts's readCountedFigures: the stamp, the header and the value, in one transaction. */
function countedFigures<T>(db: IDBDatabase, name: string): Promise<CountedState<T>> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('meta', 'readonly');
    const meta = tx.objectStore('meta');
    let stamp: string | null = null;
    let result: CountedState<T> | null = null;
    const stampRequest = meta.get(RECORDS_STAMP_KEY);
    stampRequest.onsuccess = () => {
      stamp = ((stampRequest.result as MetaRow | undefined)?.value as string | undefined) ?? null;
    };
    const headerRequest = meta.get(`${COUNTED_PREFIX}${name}`);
    headerRequest.onsuccess = () => {
      const header = (headerRequest.result as MetaRow | undefined)?.value as
        { stamp: string | null; inputs: string; token?: string; value?: unknown } | undefined;
      if (!header) {
        result = { name, stamp: null, kept: null };
        return;
      }
      if (header.token === undefined) {
        // An older app's header, with the value inline.
        result = { name, stamp: null, kept: header as CountedState<T>['kept'] };
        return;
      }
      const valueRequest = meta.get(`${COUNTED_VALUE_PREFIX}${name}`);
      valueRequest.onsuccess = () => {
        const row = valueRequest.result as MetaRow | undefined;
        result = {
          name,
          stamp: null,
          kept: row ? { value: row.value as T, stamp: header.stamp, inputs: header.inputs } : null,
        };
      };
    };
    tx.oncomplete = () => (result ? resolve({ ...result, stamp }) : reject(new Error('no answer')));
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/** IndexedDB 3.0's getAllRecords (Chromium 141+, fake-indexeddb): records in either direction. */
interface StoreWithRecords extends IDBObjectStore {
  getAllRecords(options: {
    query?: IDBKeyRange | null;
    count?: number;
    direction?: IDBCursorDirection;
  }): IDBRequest<{ key: IDBValidKey; primaryKey: IDBValidKey; value: unknown }[]>;
}

/**
 * queries.ts's newestRecords: the newest `limit` live records through the primary key (UUIDv7
 * ids sort by creation), and the count of all less the tombstones among the outbox's records.
 */
function newestRecords<E extends EntityName>(
  db: IDBDatabase,
  entity: E,
  limit: number,
): Promise<NewestPage<E>> {
  type Row = EntityRecord<E> & { deleted?: boolean };
  return new Promise((resolve, reject) => {
    const tableName = ENTITY_TABLES[entity];
    const tx = db.transaction([tableName, 'outbox'], 'readonly');
    const table = tx.objectStore(tableName);
    const rows: EntityRecord<E>[] = [];
    let all = 0;
    let tombstones = 0;
    const newest = table as StoreWithRecords;
    if (typeof newest.getAllRecords === 'function') {
      // The page in one answer (and another per page of tombstones, rarely), not one task per
      // row: a cursor's 50 steps each waited for the main thread, busy evaluating the screen's
      // chunks, and the list's first render waited for the last step (docs/PERFORMANCE.md, tenth
      // session).
      const below = (key: IDBValidKey | null) => {
        const request = newest.getAllRecords({
          query: key === null ? null : IDBKeyRange.upperBound(key, true),
          count: limit,
          direction: 'prev',
        });
        request.onsuccess = () => {
          const got = request.result;
          for (const { value } of got) {
            if (rows.length >= limit) return;
            if (!(value as Row).deleted) rows.push(value as Row);
          }
          if (rows.length < limit && got.length === limit) below(got[got.length - 1]!.primaryKey);
        };
      };
      below(null);
    } else {
      const cursorRequest = table.openCursor(null, 'prev');
      cursorRequest.onsuccess = () => {
        const cursor = cursorRequest.result;
        if (!cursor || rows.length >= limit) return;
        const row = cursor.value as Row;
        if (!row.deleted) rows.push(row);
        if (rows.length < limit) cursor.continue();
      };
    }
    const countRequest = table.count();
    countRequest.onsuccess = () => {
      all = countRequest.result;
    };
    const waiting = tx
      .objectStore('outbox')
      .index(OUTBOX_RECORD_INDEX)
      .getAll(IDBKeyRange.bound([entity, ''], [entity, '\uffff'], false, true));
    waiting.onsuccess = () => {
      const ids = new Set((waiting.result as { recordId: string }[]).map((e) => e.recordId));
      for (const id of ids) {
        const record = table.get(id);
        record.onsuccess = () => {
          if ((record.result as Row | undefined)?.deleted) tombstones += 1;
        };
      }
    };
    tx.oncomplete = () => resolve({ rows, total: all - tombstones });
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}
