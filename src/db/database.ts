/**
 * The device's database (IndexedDB through Dexie 4). This folder is the only place that imports
 * dexie (an ESLint rule enforces it). It owns: the tables of synced records, the outbox of local
 * changes waiting to be pushed, and the meta table (client id, next mutation id).
 */
import { dropFirstAnswers } from './firstAnswers';
import { setCurrentDatabaseName } from './firstAnswerStore';
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { EntityName, EntityRecord } from '../domain/entities';
import { upgradeStoredRecords } from './recordUpgrade';
import { ENTITY_TABLES, SCHEMA_VERSIONS } from './schema';

export type MutationOp = 'upsert' | 'delete';

/** A local change waiting to be pushed (DESIGN.md §4.3). */
export interface OutboxEntry {
  /** Increasing per device; the server skips ids it has already applied. */
  mutationId: number;
  entity: EntityName;
  recordId: string;
  op: MutationOp;
  /** Only the fields this change touched, with their new values. */
  changes: Record<string, unknown>;
  /** The server version the change was made on; 0 for a record the server has not seen. */
  baseVersion: number;
  /** Device time, for showing the age of unsynced work only; never used for ordering. */
  createdAt: string;
}

/** A half-filled form, saved as the user types so a reload or an app update loses nothing. */
export interface DraftRow {
  /** Which form: e.g. 'servicePoint:new' or 'servicePoint:<id>'. */
  key: string;
  value: unknown;
  updatedAt: string;
}

/** A photo kept on the device until the server has it (then kept as a cache). */
export interface AttachmentRow {
  sha256: string;
  blob: Blob;
  type: string;
  size: number;
  width: number;
  height: number;
  createdAt: string;
  uploadState: 'pending' | 'uploaded';
}

export interface MetaRow {
  key: string;
  value: unknown;
}

type EntityTables = {
  [E in EntityName as (typeof ENTITY_TABLES)[E]]: Table<EntityRecord<E>, string>;
};

export type CundianDb = Dexie &
  EntityTables & {
    outbox: EntityTable<OutboxEntry, 'mutationId'>;
    meta: EntityTable<MetaRow, 'key'>;
    drafts: EntityTable<DraftRow, 'key'>;
    attachments: EntityTable<AttachmentRow, 'sha256'>;
  };

export function createDatabase(name = 'cundian'): CundianDb {
  const db = new Dexie(name) as CundianDb;
  let stored = 1;
  for (const { version, stores, recordVersion } of SCHEMA_VERSIONS) {
    const declared = db.version(version).stores(stores);
    if (recordVersion !== undefined && recordVersion > stored) {
      const from = stored;
      declared.upgrade((tx) => upgradeStoredRecords(tx, from));
      stored = recordVersion;
    }
  }
  return db;
}

let current: CundianDb | null = null;

/** The app's database, opened on first use. */
export function getDb(): CundianDb {
  current ??= createDatabase();
  return current;
}

/**
 * Starts opening the app's database now, without waiting for a screen to ask: src/main.tsx calls
 * it before the first render, so IndexedDB opens (and checks its version) while React renders the
 * shell. A failure is not reported here: the first query meets it and the screen shows it.
 */
export function openDatabaseEarly(): void {
  performance.mark('cundian:db-open-start');
  getDb()
    .open()
    .then(() => performance.mark('cundian:db-open'))
    .catch(() => undefined);
}

/**
 * Closes the app's database and forgets it, as on a page just opened (tests: each file starts
 * so; tests/setup-reset.ts). The next getDb() opens the default one again.
 */
export function forgetDatabase(): void {
  current?.close();
  current = null;
  setCurrentDatabaseName();
  dropFirstAnswers();
}

/** Switches the app to another database (tests give each test its own name). */
export function useDatabaseNamed(name: string): CundianDb {
  current?.close();
  dropFirstAnswers(); // answers of the other database
  setCurrentDatabaseName(name);
  current = createDatabase(name);
  return current;
}

export function tableOf<E extends EntityName>(
  db: CundianDb,
  entity: E,
): Table<EntityRecord<E>, string> {
  return (db as unknown as Record<string, Table<EntityRecord<E>, string>>)[ENTITY_TABLES[entity]]!;
}
