/**
 * The file a user can keep before the device forgets their unsynced work (logout, another user
 * taking the phone): every outbox entry, every change the server refused, and unsaved form
 * drafts, as JSON a coordinator or an admin can read and re-enter. Offered before anything
 * unsynced is discarded (DESIGN.md §4.12).
 */
import { getDb, readUnsyncedForExport, type CundianDb } from '../db';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '../domain/protocol';
import { RESCUE_FILE_KIND, RESCUE_FORMAT_VERSION } from './rescueFormat';

export interface UnsyncedExport {
  fileName: string;
  json: string;
  counts: { outbox: number; rejected: number; drafts: number };
}

export async function buildUnsyncedExport(
  db: CundianDb = getDb(),
  now: Date = new Date(),
): Promise<UnsyncedExport> {
  const data = await readUnsyncedForExport(db);
  // The shape is read back by ./rescueFile.ts (docs/RESCUE.md): formatVersion 2 added
  // formatVersion, origin and the user's displayName; files without them are format 1.
  const document = {
    kind: RESCUE_FILE_KIND,
    formatVersion: RESCUE_FORMAT_VERSION,
    exportedAt: now.toISOString(),
    origin: typeof location === 'undefined' ? null : location.origin,
    protocolVersion: PROTOCOL_VERSION,
    schemaVersion: SCHEMA_VERSION,
    user: data.user
      ? { id: data.user.id, username: data.user.username, displayName: data.user.displayName }
      : null,
    clientId: data.clientId,
    outbox: data.outbox,
    rejected: data.rejected,
    drafts: data.drafts,
  };
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const who = data.user?.username.replace(/[^\w.-]/g, '_') ?? 'device';
  return {
    fileName: `cundian-unsynced-${who}-${stamp}.json`,
    json: JSON.stringify(document, null, 2),
    counts: {
      outbox: data.outbox.length,
      rejected: data.rejected.length,
      drafts: data.drafts.length,
    },
  };
}

/** Hands the export to the browser as a file download. */
export function downloadExport(file: UnsyncedExport): void {
  const blob = new Blob([file.json], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers start reading the file after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
