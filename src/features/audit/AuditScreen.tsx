/**
 * 安全审计 (/audit), for admins: who did what, when and from where (GET /api/audit), newest first,
 * filtered by who, what and dates, a page at a time, and exported as CSV (GET /api/audit.csv,
 * which the server itself records). Read-only: nothing here changes an entry, and the server has
 * no route that would. Each admin sees the entries of their own area (the server decides).
 * Needs the network: the log lives on the server, never on a phone.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { useSession } from '../../db';
import { isAuditAction, type AuditEntry } from '../../domain/audit';
import { may } from '../../domain/actions';
import { Banner, Button, Card, Field, Spinner, Screen } from '../../ui';
import { downloadBlob } from '../shared/download';
import { useOnlineFailureText } from '../shared/errors';
import { NeedSignIn } from '../shared/NeedSignIn';
import { roleLabel } from '../shared/labels';
import { useOnlineResource } from '../shared/useOnlineResource';
import { useSyncEngine } from '../shared/useSyncEngine';
import { ACTION_CHOICES, fetchAuditCsv, fetchAuditPage, type AuditQuery } from './auditApi';
import './audit.css';

const PAGE = 50;

interface Filter {
  actor: string;
  action: string;
  from: string;
  to: string;
}

const NO_FILTER: Filter = { actor: '', action: '', from: '', to: '' };

function actionKey(choice: string): MessageKey {
  return (isAuditAction(choice) ? `audit.action.${choice}` : `audit.group.${choice}`) as MessageKey;
}

function queryOf(filter: Filter): AuditQuery {
  return {
    actor: filter.actor,
    action: filter.action as AuditQuery['action'],
    from: filter.from,
    to: filter.to,
  };
}

function EntryRow({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const locale = useLocale();
  const when = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(entry.at));
  const role = entry.actorRole as Parameters<typeof roleLabel>[1] | null;
  const subject = entry.subjectLabel ?? entry.subjectId;
  return (
    <li>
      <p>
        <strong>{t(`audit.action.${entry.action}`)}</strong>{' '}
        {entry.outcome === 'refused' && (
          <span className="badge badge--closed">{t('audit.refused')}</span>
        )}
      </p>
      <p className="muted">
        <time dateTime={entry.at}>{when}</time> ·{' '}
        {t('audit.by', {
          name: `${entry.actorUsername || t('audit.unknown')}${role ? `（${roleLabel(t, role)}）` : ''}`,
        })}
      </p>
      {subject && <p className="muted">{t('audit.subject', { subject })}</p>}
      <p className="muted">
        {t('audit.from', { address: entry.address || t('audit.unknown') })}
        {entry.userAgent ? ` · ${t('audit.device', { agent: entry.userAgent })}` : ''}
      </p>
    </li>
  );
}

export default function AuditScreen() {
  const t = useT();
  const engine = useSyncEngine();
  const session = useSession();
  const token = session?.token ?? null;
  const isAdmin = session ? may(session.user, 'readAudit') : false;
  const [draft, setDraft] = useState<Filter>(NO_FILTER);
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  // What went wrong outside the first page's load (bad dates, the next page, the export); the
  // first page's own failure comes from the loader. A page that loads clears it.
  const [problem, setProblem] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [exporting, setExporting] = useState(false);
  const why = useOnlineFailureText();
  const describe = (error: unknown) => why(error, t('audit.offline'));

  const fetchFirst = useCallback(
    () => fetchAuditPage(engine.api, token!, { ...queryOf(filter), after: null, limit: PAGE }),
    [engine, token, filter],
  );
  const {
    data: page,
    failure,
    load,
    update,
  } = useOnlineResource(token && isAdmin ? fetchFirst : null);
  const entries = page?.entries ?? null;
  const next = page?.next ?? null;
  const shownProblem =
    problem ?? (failure ? `${t('audit.loadFailed')} ${describe(failure)}` : null);

  useEffect(() => {
    if (load.status === 'ready') setProblem(null);
  }, [load.status]);

  function apply(event: FormEvent) {
    event.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setProblem(t('audit.badDates'));
      return;
    }
    setFilter(draft);
  }

  async function more() {
    if (!token || next === null) return;
    setLoadingMore(true);
    try {
      const after = next;
      const more = await fetchAuditPage(engine.api, token, {
        ...queryOf(filter),
        after,
        limit: PAGE,
      });
      update((shown) => ({ entries: [...shown.entries, ...more.entries], next: more.next }));
      setProblem(null);
    } catch (error) {
      setProblem(`${t('audit.loadFailed')} ${describe(error)}`);
    } finally {
      setLoadingMore(false);
    }
  }

  async function exportCsv() {
    if (!token) return;
    setExporting(true);
    try {
      const blob = await fetchAuditCsv(token, queryOf(filter));
      downloadBlob(`audit-${new Date().toISOString().slice(0, 10)}.csv`, blob);
    } catch (error) {
      setProblem(t('audit.exportFailed', { message: describe(error) }));
    } finally {
      setExporting(false);
    }
  }

  let body;
  if (session === undefined) body = <Spinner />;
  else if (!token) {
    body = <NeedSignIn />;
  } else if (!isAdmin) body = <p>{t('audit.forbidden')}</p>;
  else {
    body = (
      <>
        <Card title={t('audit.filters')}>
          <form className="audit-filters" onSubmit={apply}>
            <Field label={t('audit.filter.actor')}>
              {(control) => (
                <input
                  {...control}
                  autoCapitalize="none"
                  spellCheck={false}
                  value={draft.actor}
                  onChange={(e) => setDraft((d) => ({ ...d, actor: e.target.value }))}
                />
              )}
            </Field>
            <Field label={t('audit.filter.action')}>
              {(control) => (
                <select
                  {...control}
                  value={draft.action}
                  onChange={(e) => setDraft((d) => ({ ...d, action: e.target.value }))}
                >
                  <option value="">{t('audit.filter.any')}</option>
                  {ACTION_CHOICES.map((choice) => (
                    <option key={choice} value={choice}>
                      {t(actionKey(choice))}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('audit.filter.from')}>
              {(control) => (
                <input
                  {...control}
                  type="date"
                  value={draft.from}
                  onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))}
                />
              )}
            </Field>
            <Field label={t('audit.filter.to')}>
              {(control) => (
                <input
                  {...control}
                  type="date"
                  value={draft.to}
                  onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}
                />
              )}
            </Field>
            <div className="audit-actions">
              <Button type="submit">{t('audit.filter.apply')}</Button>
              <Button
                variant="secondary"
                onClick={() => {
                  setDraft(NO_FILTER);
                  setFilter(NO_FILTER);
                }}
              >
                {t('audit.filter.clear')}
              </Button>
              <Button variant="secondary" loading={exporting} onClick={() => void exportCsv()}>
                {t('audit.export')}
              </Button>
            </div>
          </form>
        </Card>
        {shownProblem && <Banner tone="warning">{shownProblem}</Banner>}
        {load.status === 'loading' && !page && !shownProblem && (
          <Spinner label={t('app.loading')} />
        )}
        {entries && entries.length === 0 && <p className="muted">{t('audit.none')}</p>}
        {entries && entries.length > 0 && (
          <Card>
            <ul className="audit-list" aria-label={t('audit.title')}>
              {entries.map((entry) => (
                <EntryRow key={entry.id} entry={entry} />
              ))}
            </ul>
            {next !== null && (
              <div className="audit-actions">
                <Button variant="secondary" loading={loadingMore} onClick={() => void more()}>
                  {t('audit.more')}
                </Button>
              </div>
            )}
          </Card>
        )}
      </>
    );
  }

  return (
    <Screen titleId="audit-title" title={t('audit.title')}>
      <p className="muted">{t('audit.intro')}</p>
      {body}
    </Screen>
  );
}
