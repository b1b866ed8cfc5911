import { useLiveRead } from '../../db/live';

/** Ids of records of an entity with changes still waiting in the outbox. */
export function usePendingIds(entity: string): Set<string> {
  const ids = useLiveRead(
    '',
    async (db) =>
      new Set((await db.listOutbox()).filter((e) => e.entity === entity).map((e) => e.recordId)),
    [entity],
  );
  return ids ?? new Set();
}
