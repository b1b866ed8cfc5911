/**
 * Drafts of forms, saved as the user types. A field officer who is interrupted (a call, a dead
 * battery, an app update) comes back to the form as it was. A draft is dropped when the form is
 * saved or the user discards it.
 */
import { getDb, type CundianDb } from './database';

export async function saveDraft(
  key: string,
  value: unknown,
  db: CundianDb = getDb(),
): Promise<void> {
  await db.drafts.put({ key, value, updatedAt: new Date().toISOString() });
}

export async function loadDraft<T>(
  key: string,
  db: CundianDb = getDb(),
): Promise<{ value: T; updatedAt: string } | null> {
  const row = await db.drafts.get(key);
  return row ? { value: row.value as T, updatedAt: row.updatedAt } : null;
}

export async function clearDraft(key: string, db: CundianDb = getDb()): Promise<void> {
  await db.drafts.delete(key);
}
