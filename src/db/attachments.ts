/**
 * Photos on the device: blobs keyed by their sha256, kept until the server has them and then kept
 * as the offline copy. A record (a service point, a pilot) holds only the hashes.
 */
import type { Table } from 'dexie';
import { getDb, type AttachmentRow, type CundianDb } from './database';
import { useLiveQuery } from 'dexie-react-hooks';

/**
 * Why the server refused a photo for good (a 4xx other than 401: not an image, wrong hash, too
 * large, a role that may not upload). The photo stays 'pending' on the device — it is still the
 * user's — but the sync engine does not send it again and again.
 */
export interface AttachmentUploadFailure {
  status: number;
  code: string | null;
  at: string;
}

/** A row as stored: AttachmentRow plus the refusal, when there was one (not indexed). */
export type StoredAttachment = AttachmentRow & { uploadFailure?: AttachmentUploadFailure };

function attachmentTable(db: CundianDb): Table<StoredAttachment, string> {
  return db.table('attachments');
}

export async function storeAttachment(
  row: Omit<AttachmentRow, 'uploadState' | 'createdAt'>,
  db: CundianDb = getDb(),
): Promise<void> {
  await db.transaction('rw', db.attachments, async () => {
    // Same bytes, same hash: a photo chosen twice is stored once and keeps its upload state.
    if (await db.attachments.get(row.sha256)) return;
    await db.attachments.add({
      ...row,
      uploadState: 'pending',
      createdAt: new Date().toISOString(),
    });
  });
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
  await db.attachments.update(sha256, { uploadState: 'uploaded' });
}

/** Pending photos the server has not refused: what the sync engine uploads, oldest first. */
export async function listAttachmentsToUpload(
  db: CundianDb = getDb(),
): Promise<StoredAttachment[]> {
  const pending = await attachmentTable(db).where('uploadState').equals('pending').toArray();
  return pending
    .filter((row) => !row.uploadFailure)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The server refused this photo for good: keep it, pending, with the reason; do not resend. */
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
  await db.transaction('rw', db.attachments, async () => {
    if (await db.attachments.get(row.sha256)) return;
    await db.attachments.add({
      ...row,
      uploadState: 'uploaded',
      createdAt: new Date().toISOString(),
    });
  });
}
