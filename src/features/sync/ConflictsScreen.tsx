/**
 * 冲突记录 (/sync/conflicts), for county coordinators and city admins. When two people changed the
 * same field, the later arrival won and the earlier value was kept by the server; when an edit
 * arrived after a delete, the edit was kept. Here both values stand side by side and either can
 * be restored (POST /api/conflicts/:id/resolve). Needs the network: the inbox lives on the server,
 * and comes a page at a time (加载更多), with the count of all that waits in the header.
 */
import { useCallback, useState } from 'react';
import { formatBytes, useLocale, useT } from '../../i18n';
import { getRecord, useLiveQuery } from '../../db';
import { isEntityName } from '../../domain/entities';
import type { Conflict } from '../../sync';
import { Button, Card } from '../../ui';
import { InboxScreen } from '../shared/InboxScreen';
import {
  adminsLabel,
  describeValue,
  entityLabel,
  formatWhen,
  recordName,
  useDescribeChange,
  useFieldLabel,
} from '../shared/labels';
import { useSyncEngine } from '../shared/useSyncEngine';
import '../shared/sync.css';

function ConflictCard({
  conflict,
  onResolve,
}: {
  conflict: Conflict;
  onResolve: (conflict: Conflict, restore: 'winner' | 'loser') => Promise<void>;
}) {
  const t = useT();
  const locale = useLocale();
  const label = useFieldLabel();
  const describeChange = useDescribeChange();
  const [busy, setBusy] = useState<'winner' | 'loser' | null>(null);
  const local = useLiveQuery(
    async () =>
      isEntityName(conflict.entity) ? getRecord(conflict.entity, conflict.recordId) : undefined,
    [conflict.entity, conflict.recordId],
  );
  const losing =
    conflict.kind === 'deleted' && conflict.losingValue && typeof conflict.losingValue === 'object'
      ? (conflict.losingValue as Record<string, unknown>)
      : undefined;
  const name = recordName(
    { ...losing, ...(local as Record<string, unknown> | undefined) },
    conflict.recordId,
  );
  const person = (p: Conflict['winner']) => p.displayName ?? p.username ?? t('conflicts.someone');

  async function resolve(restore: 'winner' | 'loser') {
    setBusy(restore);
    try {
      await onResolve(conflict, restore);
    } finally {
      setBusy(null);
    }
  }

  const valueText = (value: unknown, bytes: number | undefined) => {
    // Too large to list (over MAX_LISTED_VALUE_BYTES): its start as sent, and its size.
    if (bytes !== undefined) {
      return t('conflicts.truncated', { start: String(value), size: formatBytes(bytes) });
    }
    if (conflict.kind === 'deleted' && value && typeof value === 'object') {
      return Object.entries(value as Record<string, unknown>)
        .map(([field, v]) => describeChange(conflict.entity, field, v))
        .filter((text): text is string => text !== null)
        .join('；');
    }
    if (value === null || value === undefined || value === '') return t('conflicts.emptyValue');
    // A field the lists leave out (status history, photos) still needs its value shown here.
    return (
      describeChange(conflict.entity, conflict.field ?? '', value, false) ?? describeValue(value)
    );
  };

  return (
    <li>
      <Card
        className="conflict"
        headingLevel={2}
        title={t('conflicts.record', { entity: entityLabel(t, conflict.entity), name })}
      >
        {conflict.kind === 'field' ? (
          <p className="muted">
            {t('conflicts.field', { field: label(conflict.entity, conflict.field ?? '') })}
          </p>
        ) : (
          <p>{t('conflicts.deletedKind')}</p>
        )}
        <div className="conflict__values">
          <section className="conflict__value conflict__value--current">
            <h3>{t('conflicts.current')}</h3>
            <p data-testid="conflict-current">
              {conflict.kind === 'field'
                ? valueText(conflict.winningValue, conflict.truncated?.winningValue)
                : '—'}
            </p>
            <p className="muted">
              {t('conflicts.by', {
                name: person(conflict.winner),
                when: formatWhen(conflict.createdAt, locale),
              })}
            </p>
            <Button
              variant="secondary"
              loading={busy === 'winner'}
              disabled={busy !== null}
              onClick={() => void resolve('winner')}
            >
              {conflict.kind === 'field' ? t('conflicts.keepCurrent') : t('conflicts.keepDeleted')}
            </Button>
          </section>
          <section className="conflict__value">
            <h3>{t('conflicts.lost')}</h3>
            <p data-testid="conflict-lost">
              {valueText(conflict.losingValue, conflict.truncated?.losingValue)}
            </p>
            <p className="muted">{person(conflict.loser)}</p>
            <Button
              loading={busy === 'loser'}
              disabled={busy !== null}
              onClick={() => void resolve('loser')}
            >
              {conflict.kind === 'field' ? t('conflicts.restore') : t('conflicts.restoreRecord')}
            </Button>
          </section>
        </div>
      </Card>
    </li>
  );
}

export default function ConflictsScreen() {
  const t = useT();
  const engine = useSyncEngine();
  const fetchPage = useCallback(
    (token: string, after: string | null) => engine.api.conflicts(token, { after }),
    [engine],
  );
  return (
    <InboxScreen<Conflict>
      name="conflicts"
      title={t('conflicts.title')}
      intro={t('conflicts.intro')}
      forbidden={t('conflicts.forbidden', { admins: adminsLabel(t) })}
      empty={t('conflicts.empty')}
      action="reviewConflicts"
      fetchPage={fetchPage}
      loadProblem={(failure, server) => ({
        tone: 'warning',
        text: `${failure.kind === 'offline' ? t('conflicts.offline') : t('conflicts.loadFailed')}${server ? ` ${server}` : ''}`,
      })}
      retryLabel={t('conflicts.retry')}
      count="header"
      listClassName="conflict-list"
      noticeIcons={{ info: 'check', error: 'alert' }}
      renderItem={(conflict, inbox) => (
        <ConflictCard
          conflict={conflict}
          onResolve={(c, restore) =>
            inbox.review(c.id, (token) => engine.api.resolveConflict(token, c.id, restore), {
              done: t(
                restore === 'winner' ? 'conflicts.resolvedWinner' : 'conflicts.resolvedLoser',
              ),
              failed: t('conflicts.resolveFailed'),
            })
          }
        />
      )}
    />
  );
}
