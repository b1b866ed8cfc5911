/**
 * What the start page reads before its first render (src/db/firstAnswers.ts): the session, the
 * last sync's time, the area's kept name and this year's kept figures — the rows its board shows
 * from — so the first render already has its figures (docs/PERFORMANCE.md).
 *
 * Read without Dexie when the database is this schema's (src/db/rawFirst.ts): they then wait
 * neither for Dexie's chunk nor for its open. This module imports nothing that imports Dexie.
 */
import { readFirstRows, type FirstReader } from '../../db/rawFirst';
import { keptAreaNameKey, keptFactsName, userAreaCode } from '../shared/assessmentKeys';
import { currentYear } from '../shared/years';

async function readStartPage(r: FirstReader): Promise<void> {
  const [session] = await Promise.all([r.session(), r.lastSyncedAt()]);
  const area = userAreaCode(session);
  await Promise.all([
    r.keptAnswer(keptAreaNameKey(area)),
    r.countedFigures(keptFactsName(currentYear())),
  ]);
}

export async function readStartPageFirst(): Promise<void> {
  await readFirstRows(readStartPage);
}
