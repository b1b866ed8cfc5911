/**
 * A record's history — who changed which fields, when — from the server's change log
 * (GET /api/records/:entity/:id/history). For a detail page to include:
 * `<RecordHistory entity="servicePoint" id={id} />` (`headingLevel={3}` where the page's own
 * sections are h3). Loaded when asked for (it needs the network
 * and most visits do not need it); changes still waiting on this phone are mentioned, since the
 * server cannot list them yet.
 */
import { useState } from 'react';
import { useLocale, useT } from '../../app/i18n';
import { pendingFor, useLiveQuery, useSession } from '../../db';
import type { EntityName } from '../../domain/entities';
import { toSyncFailure, type HistoryEntry } from '../../sync';
import { Banner, Button, Spinner } from '../../ui';
import { bilingual, formatWhen, useFieldLabel } from './labels';
import { useSyncEngine } from './useSyncEngine';
import './sync.css';

const KNOWN_OPS = ['create', 'update', 'delete', 'undelete', 'move'] as const;
type KnownOp = (typeof KNOWN_OPS)[number];

type Load =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; history: HistoryEntry[] }
  | { status: 'error'; text: string };

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
  const [load, setLoad] = useState<Load>({ status: 'idle' });
  const token = session?.token ?? null;

  async function show() {
    if (!token) return;
    setLoad({ status: 'loading' });
    try {
      setLoad({ status: 'ready', history: await engine.api.history(token, entity, id) });
    } catch (error) {
      const failure = toSyncFailure(error);
      const own = failure.kind === 'offline' ? t('history.offline') : t('history.loadFailed');
      const server = bilingual(failure.messages, locale);
      setLoad({ status: 'error', text: server ? `${own} ${server}` : own });
    }
  }

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
      {load.status === 'error' && (
        <Banner tone="warning" action={{ label: t('conflicts.retry'), onClick: () => void show() }}>
          {load.text}
        </Banner>
      )}
      {load.status === 'ready' &&
        (load.history.length === 0 ? (
          <p className="muted">{t('history.empty')}</p>
        ) : (
          <ol className="history-list">
            {[...load.history].reverse().map((entry) => (
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
