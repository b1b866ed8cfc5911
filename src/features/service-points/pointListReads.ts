/**
 * What the point list reads before its first render (src/db/firstAnswers.ts): its first page,
 * newest first — the list's default order — so the first render shows the rows. Without Dexie
 * when the database is this schema's (src/db/rawFirst.ts): nothing here imports it.
 */
import { readFirstRows } from '../../db/rawFirst';
import { readNotices } from '../shared/noticesReads';

/** Rows the list shows at first (and 更多 adds four times as many). */
export const POINT_PAGE = 50;

/**
 * Rows the list's first frame shows of its first page: more than fit under the filters at
 * 360 × 740 (three to four), so the screen's first frame is full; the rest of the page follows a
 * frame later, below the fold (docs/PERFORMANCE.md, tenth session).
 */
export const POINT_FIRST_ROWS = 10;

export async function readPointListFirst(): Promise<void> {
  // The notices line above the list too: arriving later, it pushed the rows down.
  await readFirstRows((r) =>
    Promise.all([r.newestRecords('servicePoint', POINT_PAGE), readNotices(r)]).then(
      () => undefined,
    ),
  );
}
