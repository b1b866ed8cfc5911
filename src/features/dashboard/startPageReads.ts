/**
 * What the start page reads before its first render (src/db/firstAnswers.ts): the session, the
 * last sync's time, the area's kept name and this year's kept figures — the rows its board shows
 * from — so the first render already has its figures (docs/PERFORMANCE.md).
 */
import {
  readCountedFiguresFirst,
  readKeptAnswerFirst,
  readLastSyncedAtFirst,
  readSessionFirst,
} from '../../db';
import { keptAreaNameKey, keptFactsName, userAreaCode } from '../shared/useAssessment';
import { currentYear } from '../shared/years';

export async function readStartPageFirst(): Promise<void> {
  const [session] = await Promise.all([readSessionFirst(), readLastSyncedAtFirst()]);
  const area = userAreaCode(session);
  await Promise.all([
    readKeptAnswerFirst(keptAreaNameKey(area)),
    readCountedFiguresFirst(keptFactsName(currentYear())),
  ]);
}
