/**
 * Photos between the device and the server (docs/PROTOCOL.md "Attachments"). Records carry only
 * the photos' sha256; the bytes travel on their own:
 *
 * - uploadPendingAttachments: after a sync run has pushed and pulled, each photo still 'pending'
 *   that a saved record uses is PUT to the server and marked 'uploaded'. It never fails the run:
 *   a photo that could not be sent (offline, a 5xx, a 401) stays pending and goes with the next
 *   run; one the server refuses for good (another 4xx) is kept, pending, with the reason, and not
 *   sent again; one refused for the user's quota of unused photos (429 photoQuotaExceeded) is
 *   kept with the reason and tried again an hour later.
 * - fetchAttachment: a record pulled from the server lists a photo this device does not have;
 *   it is downloaded (when online and signed in), checked against its hash and kept as
 *   'uploaded', so it is visible offline from then on.
 */
import { getDb, markAttachmentUploaded, readSession, type CundianDb } from '../db';
import {
  listAttachmentsToUpload,
  markAttachmentRefused,
  storeDownloadedAttachment,
} from '../db/attachments';
import { PHOTO_QUOTA_EXCEEDED } from '../domain/attachments';
import { SyncFailure, toSyncFailure, type ApiClient } from './api';

export interface UploadReport {
  uploaded: number;
  /** Refused, for good or (the quota) for now. */
  refused: number;
  /** Left pending for the next run (the network or the session failed part way). */
  remaining: number;
}

/** Hex sha256 of bytes (Web Crypto: in every browser on a secure origin, and in Node). */
export async function sha256OfBytes(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function bytesOf(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer();
  return new Response(blob).arrayBuffer();
}

/**
 * Uploads the photos listAttachmentsToUpload gives, one at a time: first those never refused,
 * then those whose quota refusal is an hour old. A quota refusal of one of the latter ends the
 * retries of this run — the others would be refused alike, each after sending its bytes.
 */
export async function uploadPendingAttachments(
  api: ApiClient,
  token: string,
  db: CundianDb,
  now: () => Date = () => new Date(),
): Promise<UploadReport> {
  const rows = await listAttachmentsToUpload(db, now());
  const report: UploadReport = { uploaded: 0, refused: 0, remaining: rows.length };
  for (const row of rows) {
    try {
      await api.uploadAttachment(token, row.sha256, await bytesOf(row.blob), row.type);
      await markAttachmentUploaded(row.sha256, db);
      report.uploaded++;
    } catch (error) {
      const failure = toSyncFailure(error);
      const quota = failure.code === PHOTO_QUOTA_EXCEEDED && failure.status !== null;
      if (quota || (failure.kind === 'refused' && failure.status !== null)) {
        // Quota: the photo says why it waits and is tried again later. Anything else (not an
        // image, wrong hash, too large, a role that may not upload): sending the same bytes
        // again would get the same answer.
        await markAttachmentRefused(
          row.sha256,
          { status: failure.status!, code: failure.code, at: now().toISOString() },
          db,
        );
        report.refused++;
        report.remaining--;
        if (quota && row.uploadFailure) break;
        continue;
      }
      // Offline, the server busy, the session gone, a bug: the rest waits for the next run.
      break;
    }
    report.remaining--;
  }
  return report;
}

const inFlight = new Map<string, Promise<boolean>>();

/**
 * Downloads a photo the device does not hold and stores it (uploadState 'uploaded'). Resolves
 * true when it is now on the device, false when it could not be had (offline, signed out, not
 * on the server or not this user's to see, bytes that do not match the hash). Never throws;
 * concurrent calls for one photo share one request.
 */
export function fetchAttachment(
  sha256: string,
  api: ApiClient,
  db: CundianDb = getDb(),
): Promise<boolean> {
  const key = `${db.name}:${sha256}`;
  let request = inFlight.get(key);
  if (!request) {
    request = downloadOnce(sha256, api, db).finally(() => inFlight.delete(key));
    inFlight.set(key, request);
  }
  return request;
}

async function imageSize(blob: Blob): Promise<{ width: number; height: number }> {
  if (typeof createImageBitmap !== 'function') return { width: 0, height: 0 };
  try {
    const bitmap = await createImageBitmap(blob);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return { width: 0, height: 0 };
  }
}

async function downloadOnce(sha256: string, api: ApiClient, db: CundianDb): Promise<boolean> {
  try {
    const session = await readSession(db);
    if (!session?.token) return false;
    const { bytes, type } = await api.downloadAttachment(session.token, sha256);
    if ((await sha256OfBytes(bytes)) !== sha256) {
      throw new SyncFailure('badResponse', `photo ${sha256}: the bytes do not match the hash`);
    }
    const blob = new Blob([bytes], { type });
    await storeDownloadedAttachment(
      { sha256, blob, type, size: bytes.byteLength, ...(await imageSize(blob)) },
      db,
    );
    return true;
  } catch {
    return false;
  }
}
