/**
 * Photos (attachments) as both sides know them (docs/PROTOCOL.md "Attachments"): which records
 * hold them, and the quota on photos that no record uses. The server enforces the quota; the app
 * says on the photo why it waits and tries again later.
 */
import type { EntityName } from './entities';

/** The entities whose records list photos (their sha256) in a `photos` field. */
export const PHOTO_ENTITIES = ['servicePoint', 'pilotTown'] as const satisfies EntityName[];

/**
 * Per user: bytes of photos uploaded in the last UNUSED_PHOTO_QUOTA_DAYS that no record lists.
 * An upload that would go over it is refused (429 `photoQuotaExceeded`); photos that a record
 * lists never count, so the app's own order — push the record, then upload its photos — never
 * meets it. What does: photos uploaded and then left out of every record (removed before saving,
 * a draft never saved), and bytes sent only to fill the server. 100 MiB is about 340 of the
 * app's photos (≤ 300 KB each) in a month, or 100 of the largest accepted (1 MiB).
 */
export const UNUSED_PHOTO_QUOTA_BYTES = 100 * 1024 * 1024;
export const UNUSED_PHOTO_QUOTA_DAYS = 30;

/** The `error` of that refusal. */
export const PHOTO_QUOTA_EXCEEDED = 'photoQuotaExceeded';

/**
 * A photo refused for the quota is tried again after this long (one photo per sync run until
 * one is accepted): room comes back when the record listing it is pushed, or as old unused
 * uploads leave the window. Never sooner: each attempt sends the whole photo over a village's
 * 2G before the refusal comes.
 */
export const PHOTO_QUOTA_RETRY_MS = 60 * 60_000;
