/**
 * The pull cursor: where a device is in the change log, and for whom it was issued.
 *
 * Opaque to devices: base64url of JSON { v, i, x, s, f }.
 * - v: the cursor's generation (CURSOR_VERSION). A cursor of an older generation was issued by a
 *   server whose pull could skip rows, so the device holding it may lack records: it is answered
 *   `resetRequired` and downloads its area again (outbox and drafts kept). Generation 1 cursors
 *   came from the pull that ordered pages by the TEXT of the transaction id ('1000' < '999') and
 *   skipped rows whenever the ids changed digit count (issue 11); generation 2 orders by xid8.
 * - x, s: the (transaction id, sequence) of the last change-log row served. Rows are served in
 *   (xid, seq) order and only below the oldest running transaction, so nothing can later commit
 *   behind the cursor (change_log in server/migrations/0003_sync.sql explains why).
 * - i: the database instance (app_meta 'instance'): a cursor from another database (restored,
 *   replaced) is useless and asks for a fresh download.
 * - f: the access fingerprint (src/domain/scope.ts) of the user it was issued to: when the user's
 *   role, scope or the access rules change, the device must drop its copy and download again —
 *   records it may no longer see would otherwise stay on it forever.
 */
import { z } from 'zod';

/** The generation of cursors this server issues; older ones are answered resetRequired. */
export const CURSOR_VERSION = 2;

export interface Cursor {
  /** The generation it was issued in (1 … CURSOR_VERSION). */
  version: number;
  instance: string;
  xid: string;
  seq: number;
  fingerprint: string;
}

const cursorJsonSchema = z.object({
  v: z.number().int().min(1).max(CURSOR_VERSION),
  i: z.string().max(40),
  x: z.string().regex(/^\d{1,20}$/),
  s: z.number().int().min(0),
  f: z.string().max(40),
});

export function encodeCursor(cursor: Omit<Cursor, 'version'>): string {
  return Buffer.from(
    JSON.stringify({
      v: CURSOR_VERSION,
      i: cursor.instance,
      x: cursor.xid,
      s: cursor.seq,
      f: cursor.fingerprint,
    }),
  ).toString('base64url');
}

/** The cursor, or undefined when the text is not one this server wrote. */
export function decodeCursor(text: string): Cursor | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const parsed = cursorJsonSchema.safeParse(
      JSON.parse(Buffer.from(text, 'base64url').toString('utf8')),
    );
    if (!parsed.success) return undefined;
    const { v, i, x, s, f } = parsed.data;
    return { version: v, instance: i, xid: x, seq: s, fingerprint: f };
  } catch {
    return undefined;
  }
}

/** (xid, seq) order, like PostgreSQL's row comparison. */
export function comparePositions(
  a: { xid: string; seq: number },
  b: { xid: string; seq: number },
): number {
  const ax = BigInt(a.xid);
  const bx = BigInt(b.xid);
  if (ax !== bx) return ax < bx ? -1 : 1;
  return a.seq - b.seq;
}
