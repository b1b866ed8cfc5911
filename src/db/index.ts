/** The local database: the only module that touches IndexedDB. See database.ts. */
export {
  createDatabase,
  getDb,
  useDatabaseNamed,
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
  useRecords,
  useRecord,
  pendingSummary,
  usePendingSummary,
  pendingFor,
  listOutbox,
  type PendingSummary,
} from './queries';
export { CURRENT_SCHEMA_VERSION, ENTITY_TABLES } from './schema';
export { saveDraft, loadDraft, clearDraft } from './drafts';
export {
  storeAttachment,
  getAttachment,
  useAttachment,
  listPendingAttachments,
  markAttachmentUploaded,
} from './attachments';
