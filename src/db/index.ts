/**
 * The local database: the only module that touches IndexedDB. See database.ts. What only the sync
 * engine needs (applying the server's answers, the completeness check) is ./sync.ts, so a
 * screen's first read does not load it (docs/PERFORMANCE.md, "Size").
 */
export {
  createDatabase,
  getDb,
  openDatabaseEarly,
  useDatabaseNamed,
  forgetDatabase,
  type CundianDb,
  type OutboxEntry,
  type MutationOp,
  type DraftRow,
  type AttachmentRow,
} from './database';
export {
  writeWithOutbox,
  writeManyWithOutbox,
  getClientId,
  LOCAL_WRITE_EVENT,
  type RecordWrite,
  type BulkItem,
} from './writes';
export {
  useLiveQuery,
  getRecord,
  listRecords,
  newestRecords,
  readNewestRecordsFirst,
  type NewestPage,
  useRecord,
  pendingSummary,
  usePendingSummary,
  pendingFor,
  listOutbox,
  type PendingSummary,
} from './queries';
export { CURRENT_SCHEMA_VERSION, ENTITY_TABLES } from './schema';
export { saveDraft, loadDraft, clearDraft } from './drafts';
export { writeTogether, attendanceOfSession } from './together';
export {
  storeAttachment,
  getAttachment,
  useAttachment,
  listPendingAttachments,
  markAttachmentUploaded,
} from './attachments';
export {
  SESSION_KEY,
  PULL_CURSOR_KEY,
  COMPLETENESS_KEY,
  readSession,
  readSessionFirst,
  readLastSyncedAtFirst,
  writeSession,
  dropSessionToken,
  readPullCursor,
  readLastSyncedAt,
  writeLastSyncedAt,
  isResyncRequired,
  requireResync,
  listRejected,
  readRejectedFirst,
  rejectedFor,
  useRejectedFor,
  dismissRejected,
  unsyncedSummary,
  readUnsyncedForExport,
  wipeLocalData,
  type StoredSession,
  type RejectedEntry,
  type BilingualMessage,
  type UnsyncedSummary,
} from './sync-state';
// The idle lock's password hash (small; the shell's lock and the sign-in both use it).
export {
  saveLocalCredential,
  setLockEnabled,
  verifyLocalCredential,
  LOCAL_CREDENTIAL_ITERATIONS,
  type UnlockResult,
} from './credential';
export {
  keepAnswer,
  readKeptAnswer,
  readKeptAnswerFirst,
  KEPT_PREFIX,
  type KeptAnswer,
} from './kept';
export {
  readPaceSummary,
  readPaceSummaryFirst,
  writePaceSummary,
  type PaceSummary,
} from './notices';
export {
  RECORDS_STAMP_KEY,
  readRecordsStamp,
  keepCountedFigures,
  readCountedFigures,
  readCountedFiguresFirst,
  readRecordsWithStamp,
  type CountedFigures,
  type CountedState,
  type KeptCodec,
  type KeptDerivation,
} from './stamp';
// The first screens' live reads, Dexie loaded after their first render (live.ts).
export {
  useLiveRead,
  loadLiveSource,
  useSession,
  useLastSyncedAt,
  useRejected,
  useKeptAnswer,
  usePaceSummary,
  useRecords,
  useNewestRecords,
  useCountedFigures,
  useRecordsWithStamp,
  useKeptDerivation,
} from './live';
