/**
 * 冲突记录 (/sync/conflicts), for county coordinators and city admins. When two people changed the
 * same field, the later arrival won and the earlier value was kept by the server; when an edit
 * arrived after a delete, the edit was kept. Here both values stand side by side and either can
 * be restored (POST /api/conflicts/:id/resolve). Needs the network: the inbox lives on the server,
 * and comes a page at a time (加载更多), with the count of all that waits in the header.
 */
import { useCallback, useState } from 'react';
import { Link } from 'wouter';
import { formatBytes, formatNumber, useLocale, useT } from '../../app/i18n';
import { getRecord, useLiveQuery, useSession } from '../../db';
import { isEntityName } from '../../domain/entities';
import { toSyncFailure, type Conflict } from '../../sync';
import { Banner, Button, Card, EmptyState, Spinner } from '../../ui';
import { InboxMore } from '../shared/InboxMore';
import { useInboxPages } from '../shared/useInboxPages';
import {
  bilingual,
  describeValue,
  entityLabel,
  formatWhen,
  recordName,
  useDescribeChange,
  useFieldLabel,
} from './labels';
import { useSyncEngine } from './useSyncEngine';
import './sync.css';
import { paths } from '../shared/paths';

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
  const locale = useLocale();
  const engine = useSyncEngine();
  const session = useSession();
  const token = session?.token ?? null;
  const role = session?.user.role;
  const mayReview = role === 'coordinator' || role === 'admin';
  const [notice, setNotice] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const fetchPage = useCallback(
    (after: string | null) => engine.api.conflicts(token!, { after }),
    [engine, token],
  );
  const { load, refresh, loadMore, remove } = useInboxPages(token && mayReview ? fetchPage : null);

  async function resolve(conflict: Conflict, restore: 'winner' | 'loser') {
    if (!token) return;
    try {
      await engine.api.resolveConflict(token, conflict.id, restore);
      remove(conflict.id);
      setNotice({
        tone: 'info',
        text: t(restore === 'winner' ? 'conflicts.resolvedWinner' : 'conflicts.resolvedLoser'),
      });
      // The restored value is a new change on the server: bring it to this phone now.
      void engine.sync('manual');
    } catch (error) {
      const failure = toSyncFailure(error);
      setNotice({
        tone: 'error',
        text: `${t('conflicts.resolveFailed')} ${bilingual(failure.messages, locale) ?? ''}`.trim(),
      });
    }
  }

  let body;
  if (session === undefined) body = <Spinner />;
  else if (!session || !token) {
    body = (
      <p>
        {t('conflicts.needLogin')} <Link href={paths.login()}>{t('auth.loginAction')}</Link>
      </p>
    );
  } else if (!mayReview) body = <p>{t('conflicts.forbidden')}</p>;
  else if (load.status === 'loading' || load.status === 'idle') {
    body = <Spinner label={t('app.loading')} />;
  } else if (load.status === 'error') {
    const message = bilingual(load.failure.messages, locale);
    body = (
      <Banner
        tone="warning"
        action={{ label: t('conflicts.retry'), onClick: () => void refresh() }}
      >
        {load.failure.kind === 'offline' ? t('conflicts.offline') : t('conflicts.loadFailed')}
        {message ? ` ${message}` : ''}
      </Banner>
    );
  } else if (load.items.length === 0 && load.next === null) {
    body = <EmptyState icon="check" title={t('conflicts.empty')} />;
  } else {
    body = (
      <>
        <ul className="conflict-list">
          {load.items.map((c) => (
            <ConflictCard key={c.id} conflict={c} onResolve={resolve} />
          ))}
        </ul>
        <InboxMore load={load} onMore={() => void loadMore()} />
      </>
    );
  }

  return (
    <section className="screen" aria-labelledby="conflicts-title">
      <header className="screen__header">
        <h1 id="conflicts-title">{t('conflicts.title')}</h1>
        {load.status === 'ready' && load.total > 0 && (
          <p className="screen__count">{formatNumber(load.total)}</p>
        )}
      </header>
      <p className="muted">{t('conflicts.intro')}</p>
      {notice && (
        <Banner
          tone={notice.tone === 'error' ? 'error' : 'info'}
          icon={notice.tone === 'info' ? 'check' : 'alert'}
        >
          {notice.text}
        </Banner>
      )}
      {body}
    </section>
  );
}
