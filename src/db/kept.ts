/**
 * Answers of the server kept on the device for offline use — figures a phone cannot count from
 * its own records (the county table's ranks need every county). Kept per key with the time they
 * arrived, in the meta table, and wiped with everything else of the user on logout.
 */
import { getDb, type CundianDb } from './database';
import { readFirst } from './firstAnswers';

import { KEPT_PREFIX } from './metaKeys';
export { KEPT_PREFIX };

export interface KeptAnswer<T> {
  value: T;
  /** Device time it arrived. */
  keptAt: string;
}

export async function keepAnswer<T>(key: string, value: T, db: CundianDb = getDb()): Promise<void> {
  const kept: KeptAnswer<T> = { value, keptAt: new Date().toISOString() };
  await db.meta.put({ key: `${KEPT_PREFIX}${key}`, value: kept });
}

export async function readKeptAnswer<T>(
  key: string,
  db: CundianDb = getDb(),
): Promise<KeptAnswer<T> | null> {
  return ((await db.meta.get(`${KEPT_PREFIX}${key}`))?.value as KeptAnswer<T> | undefined) ?? null;
}

/** Reads a kept answer before the first render (firstAnswers.ts). */
export function readKeptAnswerFirst<T>(key: string): Promise<KeptAnswer<T> | null> {
  return readFirst(`kept:${key}`, () => readKeptAnswer<T>(key));
}
