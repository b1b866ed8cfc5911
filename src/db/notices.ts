/**
 * What the notices (the top bar's badge, the line above the lists, /notices) remember of the
 * board, in the meta table: which of the user's metrics were behind pace when it last counted.
 * (The server's inbox counts they show are kept answers, src/db/kept.ts.)
 *
 * Why the pace is remembered rather than counted where the badge sits: counting reads every
 * record of the area (50,000 attendance rows for a prefecture), and the badge is on every screen,
 * the roll call included, where each tap writes a row. The board counts anyway — it is the start
 * page — and leaves its verdict here. It belongs to one account: it carries the user's id, and
 * logging out wipes it with the rest (wipeLocalData).
 */
import type { MetricId } from '../domain/metrics';
import { getDb, type CundianDb } from './database';
import { readFirst } from './firstAnswers';

import { PACE_SUMMARY_KEY } from './metaKeys';
export { PACE_SUMMARY_KEY };

/** The metrics behind pace for the user's own area in a year, as the board last counted them. */
export interface PaceSummary {
  userId: string;
  areaCode: string;
  year: number;
  behind: MetricId[];
  /** Device time of the count that reached this verdict. */
  at: string;
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

/** Reads the pace summary before the first render (firstAnswers.ts). */
export function readPaceSummaryFirst(): Promise<PaceSummary | null> {
  return readFirst('paceSummary', () => readPaceSummary());
}
