/**
 * The first reads through Dexie (firstAnswers.ts), behind the same FirstReader as the reads
 * without it (rawFirst.ts): what a first screen reads when the database is not yet this schema's.
 */
import type { FirstReader } from './firstReader';
import { readKeptAnswerFirst } from './kept';
import { readPaceSummaryFirst } from './notices';
import { readNewestRecordsFirst } from './queries';
import { readCountedFiguresFirst } from './stamp';
import { readLastSyncedAtFirst, readRejectedFirst, readSessionFirst } from './sync-state';

export const dexieFirstReader: FirstReader = {
  session: readSessionFirst,
  lastSyncedAt: readLastSyncedAtFirst,
  keptAnswer: readKeptAnswerFirst,
  countedFigures: readCountedFiguresFirst,
  newestRecords: readNewestRecordsFirst,
  rejected: readRejectedFirst,
  paceSummary: readPaceSummaryFirst,
};
