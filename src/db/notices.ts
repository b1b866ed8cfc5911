/**
 * What the notices (the top bar's badge, the line above the lists, /notices) remember between
 * visits, in the meta table: the server's counts of conflicts and duplicates waiting (learnt when
 * online, shown offline with the time they were learnt), and which of the user's metrics were
 * behind pace when the board last counted them.
 *
 * Why the pace is remembered rather than counted where the badge sits: counting reads every
 * record of the area (50,000 attendance rows for a prefecture), and the badge is on every screen,
 * the roll call included, where each tap writes a row. The board counts anyway — it is the start
 * page — and leaves its verdict here.
 *
 * Both belong to one account: each carries the user's id, and logging out wipes them with the
 * rest (wipeLocalData).
 */
import type { MetricId } from '../domain/metrics';
import { getDb, type CundianDb } from './database';
import { useLiveQuery } from './queries';

export const INBOX_COUNTS_KEY = 'inboxCounts';
export const PACE_SUMMARY_KEY = 'paceSummary';

/** The server's totals of the review inboxes, as last learnt. */
export interface InboxCounts {
  userId: string;
  conflicts: number;
  duplicates: number;
  /** Device time the server answered. */
  at: string;
}

/** The metrics behind pace for the user's own area in a year, as the board last counted them. */
export interface PaceSummary {
  userId: string;
  areaCode: string;
  year: number;
  behind: MetricId[];
  /** Device time of the count that reached this verdict. */
  at: string;
}

export async function readInboxCounts(db: CundianDb = getDb()): Promise<InboxCounts | null> {
  return ((await db.meta.get(INBOX_COUNTS_KEY))?.value as InboxCounts | undefined) ?? null;
}

export async function writeInboxCounts(counts: InboxCounts, db: CundianDb = getDb()) {
  await db.meta.put({ key: INBOX_COUNTS_KEY, value: counts });
}

export function useInboxCounts(): InboxCounts | null | undefined {
  return useLiveQuery(() => readInboxCounts(), []);
}

export async function readPaceSummary(db: CundianDb = getDb()): Promise<PaceSummary | null> {
  return ((await db.meta.get(PACE_SUMMARY_KEY))?.value as PaceSummary | undefined) ?? null;
}

/** Writes only when the verdict changed: every meta write wakes the live queries reading it. */
export async function writePaceSummary(summary: PaceSummary, db: CundianDb = getDb()) {
  await db.transaction('rw', db.meta, async () => {
    const before = await readPaceSummary(db);
    if (
      before &&
      before.userId === summary.userId &&
      before.areaCode === summary.areaCode &&
      before.year === summary.year &&
      before.behind.join() === summary.behind.join()
    ) {
      return;
    }
    await db.meta.put({ key: PACE_SUMMARY_KEY, value: summary });
  });
}

export function usePaceSummary(): PaceSummary | null | undefined {
  return useLiveQuery(() => readPaceSummary(), []);
}
