/**
 * One record's sync state as a badge (the record pages of service points and the central towns).
 */
import type { EntityName } from '../../domain/entities';
import { pendingFor, useLiveQuery } from '../../db';
import { useT } from '../../i18n';

/**
 * "待同步 N 处" or "已同步" for one record, the badge the pages of a service point, a store, a pilot town and a shop show: changes still
 * in this phone's outbox are not on the server yet.
 */
export function SyncBadge({ entity, id }: { entity: EntityName; id: string }) {
  const t = useT();
  const pending = useLiveQuery(() => pendingFor(entity, id), [entity, id]);
  if (pending === undefined) return null;
  return pending.length > 0 ? (
    <span className="badge badge--pending" data-testid="sync-state">
      {t('sync.pendingCount', { count: pending.length })}
    </span>
  ) : (
    <span className="badge badge--synced" data-testid="sync-state">
      {t('sync.synced')}
    </span>
  );
}
