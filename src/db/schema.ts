/**
 * The local database's schema, version by version. A version once shipped is never edited: a
 * change is a new entry at the end. When records change shape (src/domain/recordMigrations.ts),
 * the entry names the record schema version it stores (`recordVersion`) and createDatabase gives
 * it the upgrade that rewrites the stored records, outbox, refused changes and drafts
 * (./recordUpgrade.ts). db.test.ts opens a database at every older version and upgrades it.
 */
import type { EntityName } from '../domain/entities';

/** Dexie table of each synced entity. */
export const ENTITY_TABLES = {
  servicePoint: 'servicePoints',
  flagshipStore: 'flagshipStores',
  agriShop: 'agriShops',
  trainee: 'trainees',
  trainingSession: 'trainingSessions',
  attendance: 'attendance',
  pilotTown: 'pilotTowns',
  target: 'targets',
  centralTown: 'centralTowns',
} as const satisfies Record<EntityName, string>;

export type EntityTableName = (typeof ENTITY_TABLES)[EntityName];

/** Dexie store definitions: primary key first, then indexes. */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string>;
  /**
   * The record schema version (src/domain/recordMigrations.ts) this database version stores, when
   * it is the first to store it. Absent: the same as the version before (1 for the first).
   */
  recordVersion?: number;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      servicePoints: 'id, regionCode, status, tier, name',
      flagshipStores: 'id, townshipCode, status',
      agriShops: 'id, regionCode',
      trainees: 'id, villageCode, name, phone',
      trainingSessions: 'id, townshipCode, startDate',
      attendance: 'id, sessionId, traineeId',
      pilotTowns: 'id, townshipCode, year',
      targets: 'id, year',
      centralTowns: 'id, townshipCode',
      // mutationId is allocated by the app (increasing per device), not auto-incremented, so the
      // number is known before the row is written and can be sent to the server as is.
      outbox: 'mutationId, createdAt',
      meta: 'key',
    },
  },
  {
    // v2: look up pending changes of one record (sync state on a detail page) without a scan.
    version: 2,
    stores: {
      outbox: 'mutationId, createdAt, [entity+recordId]',
    },
  },
  {
    // v3: form drafts that survive a reload and an app update (keyed by form, e.g.
    // 'servicePoint:new' or 'servicePoint:<id>'), and photos kept as blobs keyed by their sha256
    // with their upload state (DESIGN.md §4.11).
    version: 3,
    stores: {
      drafts: 'key, updatedAt',
      attachments: 'sha256, uploadState',
    },
  },
  {
    // v4: changes the server refused. They leave the outbox (so they stop blocking the ones
    // behind them) but are kept here with the reason, so nothing typed vanishes silently.
    // seq is auto-incremented: mutation ids start again after a logout gives the device a new
    // client id, and a kept rejection must never be overwritten by a later one.
    version: 4,
    stores: {
      rejected: '++seq, mutationId, [entity+recordId], rejectedAt',
    },
  },
  {
    // v5: records indexed by version, so the completeness check (src/db/completeness.ts) reads
    // every (id, version) pair from the index — one native call per distinct version — instead
    // of deserialising 20,000 records. Dexie restates the stores whose indexes change.
    version: 5,
    stores: {
      servicePoints: 'id, regionCode, status, tier, name, version',
      flagshipStores: 'id, townshipCode, status, version',
      agriShops: 'id, regionCode, version',
      trainees: 'id, villageCode, name, phone, version',
      trainingSessions: 'id, townshipCode, startDate, version',
      attendance: 'id, sessionId, traineeId, version',
      pilotTowns: 'id, townshipCode, year, version',
      targets: 'id, year, version',
      centralTowns: 'id, townshipCode, version',
    },
  },
  {
    // v6: records of schema version 2 (agriShop.onPlatform → onServicePlatform). No index
    // changes; the upgrade rewrites the stored agriShops, and the outbox entries, refused changes
    // and form drafts of agriShops (docs/ARCHITECTURE.md "Record migrations").
    version: 6,
    stores: {},
    recordVersion: 2,
  },
];

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

/** The record schema version the current database stores (db.test.ts: the domain's current one). */
export const STORED_RECORD_VERSION = SCHEMA_VERSIONS.reduce(
  (stored, { recordVersion }) => recordVersion ?? stored,
  1,
);
