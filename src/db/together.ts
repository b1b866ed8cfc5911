/**
 * Writes that belong together across tables: a walk-in (the trainee and their attendance), a
 * training session deleted with its attendance. writeWithOutbox and writeManyWithOutbox each
 * open a transaction over ONE entity's table; called inside `writeTogether`, Dexie runs them as
 * parts of the one transaction opened here (the tables they ask for are a subset of its tables),
 * so every row and every outbox entry is committed together, or — if anything throws — none is,
 * and the mutation counter does not advance. (The inner writes announce LOCAL_WRITE_EVENT when
 * their part is done, before the whole commits; it only prompts the one-time request for
 * persistent storage, so an announcement for a write that then rolled back does no harm.)
 *
 * Also the reads such an intent needs inside that transaction.
 */
import type { Attendance } from '../domain/attendance';
import type { EntityName } from '../domain/entities';
import { getDb, tableOf, type CundianDb } from './database';

/**
 * Runs `write` in one read-write transaction over the tables of `entities`, the outbox and the
 * meta table (mutation ids). Pass the same `db` to the writes inside.
 */
export function writeTogether<T>(
  entities: readonly EntityName[],
  write: () => Promise<T>,
  db: CundianDb = getDb(),
): Promise<T> {
  const tables = [...new Set(entities)].map((entity) => tableOf(db, entity));
  return db.transaction('rw', [...tables, db.outbox, db.meta], write);
}

/** The attendance rows of one session, tombstones included, through the sessionId index. */
export function attendanceOfSession(
  sessionId: string,
  db: CundianDb = getDb(),
): Promise<Attendance[]> {
  return db.attendance.where('sessionId').equals(sessionId).toArray();
}
