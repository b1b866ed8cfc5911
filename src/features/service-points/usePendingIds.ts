import { listOutbox, useLiveQuery } from '../../db';

/** Ids of records of an entity with changes still waiting in the outbox. */
export function usePendingIds(entity: string): Set<string> {
  const ids = useLiveQuery(
    async () =>
      new Set((await listOutbox()).filter((e) => e.entity === entity).map((e) => e.recordId)),
    [entity],
  );
  return ids ?? new Set();
}
