/**
 * Photos on the device: blobs keyed by their sha256, kept until the server has them and then kept
 * as the offline copy. A record (a service point, a pilot) holds only the hashes.
 */
import { getDb, type AttachmentRow, type CundianDb } from './database';
import { useLiveQuery } from 'dexie-react-hooks';

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
