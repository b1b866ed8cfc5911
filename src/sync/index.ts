/**
 * The sync engine and what the screens need from it. Owns: the push/pull loop and its triggers
 * (engine.ts), the HTTP client and failure kinds (api.ts), backoff (backoff.ts), the UI state
 * store (store.ts) and the export of unsynced work (export.ts). How rows change when the server
 * answers lives in src/db/sync-apply.ts, beside the database it writes.
 */
export {
  SyncEngine,
  getSyncEngine,
  startSync,
  setSyncEngine,
  forgetSyncEngine,
  type SyncEngineOptions,
  type SyncOutcome,
  type SyncTrigger,
  type LoginResult,
  type LogoutResult,
} from './engine';
export {
  ApiClient,
  SyncFailure,
  toSyncFailure,
  type FetchLike,
  type SyncFailureKind,
  type Conflict,
  type DuplicateFlag,
  type DuplicatePoint,
  type InboxPage,
  type InboxPageRequest,
  type MergeDecision,
  type HistoryEntry,
  type DeviceInfo,
  type ManagedUser,
  type NewUser,
} from './api';
export {
  appSyncStore,
  createSyncStore,
  useSyncState,
  INITIAL_SYNC_STATE,
  type SyncState,
  type SyncPhase,
  type SyncBlock,
  type SyncProblem,
  type DownloadProgress,
  type SyncStore,
} from './store';
export { nextSyncDelay, SYNC_PERIOD_MS } from './backoff';
export { buildUnsyncedExport, downloadExport, type UnsyncedExport } from './export';
