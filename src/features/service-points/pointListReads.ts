/**
 * What the point list reads before its first render (src/db/firstAnswers.ts): its first page,
 * newest first — the list's default order — so the first render shows the rows. Without Dexie
 * when the database is this schema's (src/db/rawFirst.ts): nothing here imports it.
 */
import { readFirstRows } from '../../db/rawFirst';
import { readNotices } from '../shared/noticesReads';

/** Rows the list shows at first (and 更多 adds four times as many). */
export const POINT_PAGE = 50;

export async function readPointListFirst(): Promise<void> {
  // The notices line above the list too: arriving later, it pushed the rows down.
  await readFirstRows((r) =>
    Promise.all([r.newestRecords('servicePoint', POINT_PAGE), readNotices(r)]).then(
      () => undefined,
    ),
  );
}
