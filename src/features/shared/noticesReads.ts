/**
 * What the notices line reads, read before a screen's first render (src/db/firstAnswers.ts): a
 * line that arrived after the screen's first paint pushed the point list down (layout shift
 * 0.075 on a cheap phone). Small, and without the notices' own logic, so a screen's first reads
 * stay a chunk of their own — and without Dexie when the database is this schema's
 * (src/db/rawFirst.ts): nothing here imports it.
 */
import { readFirstRows, type FirstReader } from '../../db/rawFirst';

/** The key under which the server's inbox counts are kept (notices.ts reads it). */
export const INBOX_COUNTS_KEY = 'inboxCounts';

/** The notices line's rows, through `r` (one screen's reads together: pointListReads.ts). */
export async function readNotices(r: FirstReader): Promise<void> {
  await Promise.all([r.session(), r.rejected(), r.keptAnswer(INBOX_COUNTS_KEY), r.paceSummary()]);
}

export async function readNoticesFirst(): Promise<void> {
  await readFirstRows(readNotices);
}
