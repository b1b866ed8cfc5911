/**
 * The sync status everyone can see (settings → 同步): who is logged in, how many changes wait and
 * for how long, when the last sync succeeded, the last error in words with what to do about it,
 * a progress bar during a first download, "sync now", the refused changes, and logout.
 */
import { Link, useLocation } from 'wouter';
import { formatNumber, useLocale, useT } from '../../i18n';
import { useLastSyncedAt, usePendingSummary, useSession } from '../../db';
import { may } from '../../domain/actions';
import { useCompletenessCheck, type CompletenessCheck } from '../../db/sync';
import { useSyncState } from '../../sync';
import { Banner, Button, Icon, LinkList, ProgressBar, Spinner } from '../../ui';
import { formatAge, formatWhen, problemText, roleLabel, useAreaLabel } from '../shared/labels';
import { LogoutSection } from './LogoutSection';
import { RejectedChanges } from '../shared/RejectedChanges';
import { useNow, useSyncEngine } from '../shared/useSyncEngine';
import '../shared/sync.css';
import { paths } from '../shared/paths';

export function DownloadProgressBar() {
  const t = useT();
  const download = useSyncState((s) => s.download);
  if (!download?.full) return null;
  const count = formatNumber(download.received);
  return (
    <div className="sync-download">
      <p>{t('syncPanel.downloading', { count })}</p>
      <ProgressBar
        label={t('syncPanel.downloadLabel')}
        value={download.received}
        max={download.estimate ?? Math.max(download.received, 1)}
        valueText={t('auth.downloaded', { count })}
      />
    </div>
  );
}

function SyncProblemBanner() {
  const t = useT();
  const locale = useLocale();
  const [, navigate] = useLocation();
  const problem = useSyncState((s) => s.lastError);
  const blocked = useSyncState((s) => s.blocked);
  const nextAttemptAt = useSyncState((s) => s.nextAttemptAt);
  if (blocked === 'unauthorized') {
    return (
      <Banner
        tone="warning"
        action={{ label: t('syncPanel.loginAgain'), onClick: () => navigate(paths.login()) }}
      >
        {t('syncPanel.error.unauthorized')}
      </Banner>
    );
  }
  if (!problem) return null;
  if (blocked === 'clientTooOld') {
    return (
      <Banner
        tone="error"
        action={{ label: t('syncPanel.updateApp'), onClick: () => window.location.reload() }}
      >
        {problemText(t, locale, problem)}
      </Banner>
    );
  }
  return (
    <Banner tone={blocked ? 'error' : 'warning'}>
      <p>{problemText(t, locale, problem)}</p>
      {!blocked && nextAttemptAt && (
        <p className="muted">
          {t('syncPanel.nextAttempt', { when: formatWhen(nextAttemptAt, locale) })}
        </p>
      )}
    </Banner>
  );
}

/**
 * The last completeness check (src/sync/completeness.ts): does this phone hold exactly what the
 * server holds for its area, and when was that looked at.
 */
function CompletenessLine({ check }: { check: CompletenessCheck | null }) {
  const t = useT();
  const locale = useLocale();
  if (!check) {
    return (
      <p className="muted" data-testid="sync-check">
        {t('syncPanel.check.none')}
      </p>
    );
  }
  const when = formatWhen(check.at, locale);
  if (check.outcome === 'differs') {
    return (
      <p className="status-line status-line--warning" data-testid="sync-check">
        <Icon name="alert" size={20} />
        <span>{t('syncPanel.check.differs', { when })}</span>
      </p>
    );
  }
  const text =
    check.outcome === 'complete'
      ? t('syncPanel.check.complete', { when })
      : check.repaired === 1
        ? t('syncPanel.check.repairedOne', { when })
        : t('syncPanel.check.repaired', { when, count: formatNumber(check.repaired) });
  return (
    <p className="status-line status-line--good muted" data-testid="sync-check">
      <Icon name="check" size={20} />
      <span>{text}</span>
    </p>
  );
}

export function SyncStatusPanel() {
  const t = useT();
  const locale = useLocale();
  const engine = useSyncEngine();
  const now = useNow();
  const session = useSession();
  const pending = usePendingSummary();
  const storedLastSync = useLastSyncedAt();
  const check = useCompletenessCheck();
  const phase = useSyncState((s) => s.phase);
  const lastSyncedAt = useSyncState((s) => s.lastSyncedAt) ?? storedLastSync ?? null;
  const areaLabel = useAreaLabel();
  const busy = phase === 'pushing' || phase === 'pulling';

  if (session === undefined || pending === undefined) return <Spinner />;

  const user = session?.user;
  // The links to what this user may review or manage (the actions table, src/domain/actions.ts).
  const reviews = {
    conflicts: user ? may(user, 'reviewConflicts') : false,
    duplicates: user ? may(user, 'reviewDuplicates') : false,
    users: user ? may(user, 'manageUsers') : false,
  };
  return (
    <div className="sync-panel" data-testid="sync-panel">
      {user ? (
        <p className="sync-panel__user">
          <Icon name="users" size={20} />
          <span>
            {t('syncPanel.user', {
              name: user.displayName || user.username,
              role: roleLabel(t, user.role, user.scope.level),
              area: areaLabel(user.scope),
            })}
          </span>
        </p>
      ) : (
        <Banner tone="info" icon="alert">
          <p>{t('syncPanel.notLoggedIn')}</p>
          <p>
            <Link href={paths.login()} className="button button--primary">
              {t('auth.loginAction')}
            </Link>
          </p>
        </Banner>
      )}

      <SyncProblemBanner />

      <div role="status" className="sync-panel__state">
        {busy ? (
          <p className="status-line">
            <Spinner size="small" />
            <span>
              {t(phase === 'pushing' ? 'syncPanel.phase.pushing' : 'syncPanel.phase.pulling')}
            </span>
          </p>
        ) : pending.count === 0 ? (
          <p className="status-line status-line--good">
            <Icon name="check" size={20} />
            <span>{t('syncPanel.allSynced')}</span>
          </p>
        ) : (
          <p className="status-line status-line--warning">
            <Icon name="alert" size={20} />
            <span>{t('syncPanel.pending', { count: formatNumber(pending.count) })}</span>
          </p>
        )}
      </div>
      {pending.count > 0 && pending.oldestCreatedAt && (
        <p className="muted" data-testid="sync-oldest">
          {t('syncPanel.oldest', {
            age: formatAge(now - Date.parse(pending.oldestCreatedAt), locale, t),
          })}
        </p>
      )}
      <p className="muted" data-testid="sync-last">
        {lastSyncedAt
          ? t('syncPanel.lastSynced', { when: formatWhen(lastSyncedAt, locale) })
          : t('syncPanel.neverSynced')}
      </p>
      {user && check !== undefined && <CompletenessLine check={check} />}

      <DownloadProgressBar />

      {user && (
        <div className="sync-actions">
          <Button
            icon="refresh"
            loading={busy}
            disabled={!session?.token}
            onClick={() => {
              engine.store.setState({ failures: 0 });
              void engine.sync('manual');
            }}
          >
            {t('syncPanel.syncNow')}
          </Button>
        </div>
      )}

      <RejectedChanges />

      {user && (reviews.conflicts || reviews.duplicates || reviews.users) && (
        <LinkList
          rows={[
            reviews.conflicts && {
              href: paths.conflicts(),
              icon: 'alert',
              title: t('syncPanel.conflictsLink'),
              description: t('syncPanel.conflictsDescription'),
            },
            reviews.duplicates && {
              href: paths.duplicates(),
              icon: 'pin',
              title: t('duplicates.title'),
              description: t('duplicates.linkDescription'),
            },
            reviews.users && {
              href: paths.users(),
              icon: 'users',
              title: t('syncPanel.usersLink'),
              description: t('syncPanel.usersDescription'),
            },
          ]}
        />
      )}

      {user && <LogoutSection />}
    </div>
  );
}
