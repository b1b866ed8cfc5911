/**
 * What the notices line reads, read before a screen's first render (src/db/firstAnswers.ts): a
 * line that arrived after the screen's first paint pushed the point list down (layout shift
 * 0.075 on a cheap phone). Small, and without the notices' own logic, so a screen's first reads
 * stay a chunk of their own.
 */
import {
  readKeptAnswerFirst,
  readPaceSummaryFirst,
  readRejectedFirst,
  readSessionFirst,
} from '../../db';

/** The key under which the server's inbox counts are kept (notices.ts reads it). */
export const INBOX_COUNTS_KEY = 'inboxCounts';

export async function readNoticesFirst(): Promise<void> {
  await Promise.all([
    readSessionFirst(),
    readRejectedFirst(),
    readKeptAnswerFirst(INBOX_COUNTS_KEY),
    readPaceSummaryFirst(),
  ]);
}
