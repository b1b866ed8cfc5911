/**
 * What the point list reads before its first render (src/db/firstAnswers.ts): its first page,
 * newest first — the list's default order — so the first render shows the rows.
 */
import { readNewestRecordsFirst } from '../../db';
import { readNoticesFirst } from '../shared/noticesReads';

/** Rows the list shows at first (and 更多 adds four times as many). */
export const POINT_PAGE = 50;

export async function readPointListFirst(): Promise<void> {
  // The notices line above the list too: arriving later, it pushed the rows down.
  await Promise.all([readNewestRecordsFirst('servicePoint', POINT_PAGE), readNoticesFirst()]);
}
