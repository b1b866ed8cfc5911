/**
 * Photos on the device: blobs keyed by their sha256, kept until the server has them and then kept
 * as the offline copy. A record (a service point, a pilot) holds only the hashes.
 */
import type { Table } from 'dexie';
import { PHOTO_ENTITIES, PHOTO_QUOTA_EXCEEDED, PHOTO_QUOTA_RETRY_MS } from '../domain/attachments';
import { getDb, type AttachmentRow, type CundianDb } from './database';
import { ENTITY_TABLES } from './schema';
import { useLiveQuery } from 'dexie-react-hooks';

/**
 * Why the server did not take a photo. The photo stays 'pending' on the device — it is still the
 * user's — and shows the reason. A refusal for good (a 4xx other than 401 and the quota: not an
 * image, wrong hash, too large, a role that may not upload) is not sent again and again; a
 * refusal for the quota of unused photos (`photoQuotaExceeded`) is tried again
 * PHOTO_QUOTA_RETRY_MS after `at`.
 */
export interface AttachmentUploadFailure {
  status: number;
  code: string | null;
  at: string;
}

/** True for a refusal that passes: the quota of unused photos. */
export function isRetriedLater(failure: AttachmentUploadFailure): boolean {
  return failure.code === PHOTO_QUOTA_EXCEEDED;
}

/** A row as stored: AttachmentRow plus the refusal, when there was one (not indexed). */
export type StoredAttachment = AttachmentRow & { uploadFailure?: AttachmentUploadFailure };

function attachmentTable(db: CundianDb): Table<StoredAttachment, string> {
  return db.table('attachments');
}

/**
 * Stores a photo's row unless its bytes are here already. Same bytes, same hash: a photo chosen
 * (or downloaded) twice is stored once and keeps its upload state.
 */
async function addAttachmentOnce(
  db: CundianDb,
  row: Omit<AttachmentRow, 'uploadState' | 'createdAt'>,
  uploadState: AttachmentRow['uploadState'],
): Promise<void> {
  await db.transaction('rw', db.attachments, async () => {
    if (await db.attachments.get(row.sha256)) return;
    await db.attachments.add({ ...row, uploadState, createdAt: new Date().toISOString() });
  });
}

export async function storeAttachment(
  row: Omit<AttachmentRow, 'uploadState' | 'createdAt'>,
  db: CundianDb = getDb(),
): Promise<void> {
  await addAttachmentOnce(db, row, 'pending');
}

export function getAttachment(
  sha256: string,
  db: CundianDb = getDb(),
): Promise<AttachmentRow | undefined> {
  return db.attachments.get(sha256);
}

export function useAttachment(sha256: string): AttachmentRow | null | undefined {
  return useLiveQuery(async () => (await getAttachment(sha256)) ?? null, [sha256]);
}

export function listPendingAttachments(db: CundianDb = getDb()): Promise<AttachmentRow[]> {
  return db.attachments.where('uploadState').equals('pending').toArray();
}

export async function markAttachmentUploaded(
  sha256: string,
  db: CundianDb = getDb(),
): Promise<void> {
  // A refusal for the quota that has passed is forgotten with the upload.
  await attachmentTable(db).update(sha256, { uploadState: 'uploaded', uploadFailure: undefined });
}

/** The photos the records on this device use (deleted records aside). */
async function photosInSavedRecords(db: CundianDb): Promise<Set<string>> {
  const used = new Set<string>();
  for (const entity of PHOTO_ENTITIES) {
    await (db.table(ENTITY_TABLES[entity]) as Table<{ photos?: unknown; deleted?: boolean }>).each(
      (record) => {
        if (record.deleted || !Array.isArray(record.photos)) return;
        for (const sha256 of record.photos) if (typeof sha256 === 'string') used.add(sha256);
      },
    );
  }
  return used;
}

/**
 * What the sync engine uploads, oldest first: the pending photos a saved record uses that the
 * server has not refused, then those refused for the quota at least PHOTO_QUOTA_RETRY_MS ago.
 * A photo only in a form not saved yet (a draft, or taken out before saving) waits: the server
 * would count it against the user's quota of unused photos, and delete it if its record came
 * too late.
 */
export async function listAttachmentsToUpload(
  db: CundianDb = getDb(),
  now: Date = new Date(),
): Promise<StoredAttachment[]> {
  const pending = await attachmentTable(db).where('uploadState').equals('pending').toArray();
  const due = (row: StoredAttachment) =>
    !row.uploadFailure ||
    (isRetriedLater(row.uploadFailure) &&
      Date.parse(row.uploadFailure.at) + PHOTO_QUOTA_RETRY_MS <= now.getTime());
  const candidates = pending.filter(due);
  if (candidates.length === 0) return [];
  const used = await photosInSavedRecords(db);
  const oldestFirst = (a: StoredAttachment, b: StoredAttachment) =>
    a.createdAt.localeCompare(b.createdAt);
  const ready = candidates.filter((row) => used.has(row.sha256));
  return [
    ...ready.filter((row) => !row.uploadFailure).sort(oldestFirst),
    ...ready.filter((row) => row.uploadFailure).sort(oldestFirst),
  ];
}

/** The server did not take this photo: keep it, pending, with the reason (see isRetriedLater). */
export async function markAttachmentRefused(
  sha256: string,
  failure: AttachmentUploadFailure,
  db: CundianDb = getDb(),
): Promise<void> {
  await attachmentTable(db).update(sha256, { uploadFailure: failure });
}

/**
 * A photo downloaded from the server (another device took it): stored as 'uploaded', so it is
 * visible offline from now on and never sent back. A copy already on the device is kept as is.
 */
export async function storeDownloadedAttachment(
  row: Omit<AttachmentRow, 'uploadState' | 'createdAt'>,
  db: CundianDb = getDb(),
): Promise<void> {
  await addAttachmentOnce(db, row, 'uploaded');
}
