/**
 * A record's history — who changed which fields, when — from the server's change log
 * (GET /api/records/:entity/:id/history). For a detail page to include:
 * `<RecordHistory entity="servicePoint" id={id} />` (`headingLevel={3}` where the page's own
 * sections are h3). Loaded when asked for (it needs the network
 * and most visits do not need it); changes still waiting on this phone are mentioned, since the
 * server cannot list them yet.
 */
import { useCallback } from 'react';
import { useLocale, useT } from '../../i18n';
import { pendingFor, useLiveQuery, useSession } from '../../db';
import type { EntityName } from '../../domain/entities';
import { Banner, Button, Spinner } from '../../ui';
import { useServerWords } from './errors';
import { formatWhen, useFieldLabel } from './labels';
import { useOnlineResource } from './useOnlineResource';
import { useSyncEngine } from './useSyncEngine';
import './sync.css';

const KNOWN_OPS = ['create', 'update', 'delete', 'undelete', 'move'] as const;
type KnownOp = (typeof KNOWN_OPS)[number];

export function RecordHistory({
  entity,
  id,
  headingLevel = 2,
}: {
  entity: EntityName;
  id: string;
  /** The level of its heading: 3 on a page whose sections are h3 (the towns pages). */
  headingLevel?: 2 | 3;
}) {
  const t = useT();
  const locale = useLocale();
  const engine = useSyncEngine();
  const session = useSession();
  const label = useFieldLabel();
  const pending = useLiveQuery(() => pendingFor(entity, id), [entity, id]);
  const token = session?.token ?? null;
  const fetchHistory = useCallback(
    () => engine.api.history(token!, entity, id),
    [engine, token, entity, id],
  );
  // Asked for with 查看修改记录, not on every visit.
  const {
    load,
    failure,
    reload: show,
  } = useOnlineResource(token ? fetchHistory : null, {
    eager: false,
  });
  const words = useServerWords();
  const problem = (() => {
    if (!failure) return null;
    const own = failure.kind === 'offline' ? t('history.offline') : t('history.loadFailed');
    const server = words(failure);
    return server ? `${own} ${server}` : own;
  })();

  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  const opLabel = (op: string) =>
    (KNOWN_OPS as readonly string[]).includes(op) ? t(`history.op.${op as KnownOp}`) : op;

  return (
    <section className="record-history" aria-labelledby={`history-${id}`}>
      <Heading id={`history-${id}`}>{t('history.title')}</Heading>
      {session !== undefined && !token && <p className="muted">{t('history.needLogin')}</p>}
      {token && load.status === 'idle' && (
        <Button variant="secondary" onClick={() => void show()}>
          {t('history.show')}
        </Button>
      )}
      {load.status === 'loading' && <Spinner label={t('app.loading')} />}
      {problem && (
        <Banner tone="warning" action={{ label: t('conflicts.retry'), onClick: () => void show() }}>
          {problem}
        </Banner>
      )}
      {load.status === 'ready' &&
        (load.data.length === 0 ? (
          <p className="muted">{t('history.empty')}</p>
        ) : (
          <ol className="history-list">
            {[...load.data].reverse().map((entry) => (
              <li key={`${entry.version}-${entry.at}`}>
                <p>
                  <strong>
                    {t('history.entry', {
                      who: entry.user?.displayName ?? t('history.someone'),
                      op: opLabel(entry.op),
                    })}
                  </strong>{' '}
                  <span className="muted">
                    {formatWhen(entry.at, locale)} ·{' '}
                    {t('history.version', { version: entry.version })}
                  </span>
                </p>
                {entry.op === 'update' && entry.fields.length > 0 && (
                  <p className="muted">
                    {t('history.fields', {
                      fields: entry.fields.map((f) => label(entity, f)).join('、'),
                    })}
                  </p>
                )}
              </li>
            ))}
          </ol>
        ))}
      {pending && pending.length > 0 && <p className="muted">{t('history.pendingNote')}</p>}
    </section>
  );
}
