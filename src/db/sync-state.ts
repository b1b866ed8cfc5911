/**
 * What the sync engine keeps on the device besides the records and the outbox: the session (token
 * and user), the pull cursor, the time of the last successful sync, whether a full re-download is
 * due, and the `rejected` table of changes the server refused.
 *
 * All of it lives in IndexedDB (the meta table and `rejected`), not in localStorage: it must
 * survive exactly as long as the records it describes, and be wiped with them on logout.
 */
import type { Table } from 'dexie';
import type { Bilingual } from '../domain/bilingual';
import type { EntityName } from '../domain/entities';
import type { SyncError, User } from '../domain/protocol';
import { ENTITY_NAMES } from '../domain/entityNames';
import { getDb, tableOf, type CundianDb, type OutboxEntry } from './database';
import { LOCAL_CREDENTIAL_KEY, setLockEnabled } from './credential';
import { KEPT_PREFIX } from './kept';
import { PACE_SUMMARY_KEY } from './notices';
import { readFirst } from './firstAnswers';
import { useLiveQuery } from './queries';
import { markRecordsChanged } from './stamp';

import { SESSION_KEY } from './metaKeys';
export { SESSION_KEY };
export const PULL_CURSOR_KEY = 'pullCursor';
import { LAST_SYNCED_AT_KEY } from './metaKeys';
export { LAST_SYNCED_AT_KEY };
/** Set when the device must download everything again (resetRequired, a refused edit). */
export const RESYNC_REQUIRED_KEY = 'resyncRequired';
/** The last completeness check (src/db/completeness.ts). */
export const COMPLETENESS_KEY = 'completenessCheck';
const CLIENT_ID_KEY = 'clientId';

export interface StoredSession {
  /** null after the server answered 401: the user must log in again; the outbox is kept. */
  token: string | null;
  user: User;
  loggedInAt: string;
}

/** Bilingual text, as the server sends it for a refused change. */
export type BilingualMessage = Bilingual;

/** A change the server refused: the outbox entry as it was, plus why. Never deleted silently. */
export interface RejectedEntry extends OutboxEntry {
  seq?: number;
  reason: SyncError | string;
  message: BilingualMessage | null;
  rejectedAt: string;
  /** Set when the user has read it ("知道了"); the entry is still kept and exported. */
  dismissedAt: string | null;
}

export function rejectedTable(db: CundianDb): Table<RejectedEntry, number> {
  return db.table('rejected');
}

async function readMeta<T>(db: CundianDb, key: string): Promise<T | undefined> {
  const row = await db.meta.get(key);
  return row?.value as T | undefined;
}

export async function readSession(db: CundianDb = getDb()): Promise<StoredSession | null> {
  return (await readMeta<StoredSession>(db, SESSION_KEY)) ?? null;
}

export async function writeSession(session: StoredSession, db: CundianDb = getDb()): Promise<void> {
  await db.meta.put({ key: SESSION_KEY, value: session });
}

/** After a 401: forget the token, keep who it was (to ask them to log in again) and all data. */
export async function dropSessionToken(db: CundianDb = getDb()): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const session = await readSession(db);
    if (session) await writeSession({ ...session, token: null }, db);
  });
}

/** Reads the session before the first render (firstAnswers.ts). */
export function readSessionFirst(): Promise<StoredSession | null> {
  return readFirst('session', () => readSession());
}

export async function readPullCursor(db: CundianDb = getDb()): Promise<string | null> {
  return (await readMeta<string>(db, PULL_CURSOR_KEY)) ?? null;
}

export async function readLastSyncedAt(db: CundianDb = getDb()): Promise<string | null> {
  return (await readMeta<string>(db, LAST_SYNCED_AT_KEY)) ?? null;
}

export async function writeLastSyncedAt(at: string, db: CundianDb = getDb()): Promise<void> {
  await db.meta.put({ key: LAST_SYNCED_AT_KEY, value: at });
}

/** Reads the last sync's time before the first render (firstAnswers.ts). */
export function readLastSyncedAtFirst(): Promise<string | null> {
  return readFirst('lastSyncedAt', () => readLastSyncedAt());
}

export async function isResyncRequired(db: CundianDb = getDb()): Promise<boolean> {
  return (await readMeta<boolean>(db, RESYNC_REQUIRED_KEY)) === true;
}

export async function requireResync(db: CundianDb = getDb()): Promise<void> {
  await db.meta.put({ key: RESYNC_REQUIRED_KEY, value: true });
}

/** Every refused change, newest first. */
export async function listRejected(db: CundianDb = getDb()): Promise<RejectedEntry[]> {
  return (await rejectedTable(db).orderBy('seq').toArray()).reverse();
}

/** Reads the refused changes before the first render (firstAnswers.ts). */
export function readRejectedFirst(): Promise<RejectedEntry[]> {
  return readFirst('rejected', () => listRejected());
}

/** Refused changes of one record (shown on the record itself). */
export async function rejectedFor(
  entity: EntityName,
  recordId: string,
  db: CundianDb = getDb(),
): Promise<RejectedEntry[]> {
  return rejectedTable(db).where('[entity+recordId]').equals([entity, recordId]).sortBy('seq');
}

export function useRejectedFor(entity: EntityName, recordId: string): RejectedEntry[] | undefined {
  return useLiveQuery(() => rejectedFor(entity, recordId), [entity, recordId]);
}

/** The user has read a refusal. It stays on the device (and in exports); only the alert goes. */
export async function dismissRejected(seq: number, db: CundianDb = getDb()): Promise<void> {
  await rejectedTable(db).update(seq, { dismissedAt: new Date().toISOString() });
}

/** What logging out would throw away, for the warning. */
export interface UnsyncedSummary {
  outbox: number;
  rejected: number;
  drafts: number;
}

export async function unsyncedSummary(db: CundianDb = getDb()): Promise<UnsyncedSummary> {
  const [outbox, rejected, drafts] = await Promise.all([
    db.outbox.count(),
    rejectedTable(db).count(),
    db.drafts.count(),
  ]);
  return { outbox, rejected, drafts };
}

/** Everything a user might want to keep before the device forgets it: for the export file. */
export async function readUnsyncedForExport(db: CundianDb = getDb()) {
  const [outbox, rejected, drafts, session, clientId] = await Promise.all([
    db.outbox.orderBy('mutationId').toArray(),
    rejectedTable(db).orderBy('seq').toArray(),
    db.drafts.toArray(),
    readSession(db),
    readMeta<string>(db, CLIENT_ID_KEY),
  ]);
  return { outbox, rejected, drafts, user: session?.user ?? null, clientId: clientId ?? null };
}

/**
 * Forgets this user's data on the device (logout, or another user taking the phone): records,
 * outbox, refusals, drafts, cursor, session, what the notices remember, and the client id (the server binds a client id to
 * one user, so the next user gets a new one). Photos not yet uploaded are kept: they are files,
 * not in the export, and may be needed again — except when the server told the device to wipe
 * (`allPhotos`: a lost phone, a disabled user) and nothing of the user may stay. One
 * transaction: half a wipe is worse than none.
 */
export async function wipeLocalData(
  db: CundianDb = getDb(),
  options: { allPhotos?: boolean } = {},
): Promise<void> {
  const entityTables = ENTITY_NAMES.map((entity) => tableOf(db, entity));
  await db.transaction(
    'rw',
    [...entityTables, db.outbox, db.meta, db.drafts, db.attachments, rejectedTable(db)],
    async () => {
      for (const table of entityTables) await table.clear();
      await db.outbox.clear();
      await rejectedTable(db).clear();
      await db.drafts.clear();
      if (options.allPhotos) await db.attachments.clear();
      else await db.attachments.where('uploadState').equals('uploaded').delete();
      await db.meta.bulkDelete([
        SESSION_KEY,
        PULL_CURSOR_KEY,
        LAST_SYNCED_AT_KEY,
        RESYNC_REQUIRED_KEY,
        CLIENT_ID_KEY,
        COMPLETENESS_KEY,
        PACE_SUMMARY_KEY,
        LOCAL_CREDENTIAL_KEY,
      ]);
      // Answers kept for offline (src/db/kept.ts) belong to the user too.
      await db.meta.where('key').startsWith(KEPT_PREFIX).delete();
      await markRecordsChanged(db);
    },
  );
  setLockEnabled(false);
}
