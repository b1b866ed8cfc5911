/**
 * The top bar's sync pill, beside 在线/离线: a tick when everything is synced, the number of
 * waiting changes, a spinner while syncing, an alert when sync needs the user (log in again,
 * update the app) or keeps failing. It links to the sync panel, where the words are.
 */
import { Link } from 'wouter';
import { formatNumber, useT } from '../../app/i18n';
import { usePendingSummary, useSession } from '../../db';
import { useSyncState } from '../../sync/store';
import { Icon, Spinner } from '../../ui';
import './sync.css';

export default function SyncIndicator() {
  const t = useT();
  const pending = usePendingSummary();
  const session = useSession();
  const phase = useSyncState((s) => s.phase);
  const blocked = useSyncState((s) => s.blocked);
  if (pending === undefined || session === undefined) return null;

  const count = pending.count;
  let modifier = 'synced';
  let label = t('syncPanel.indicator.synced');
  let content = <Icon name="check" size={16} />;
  if (!session) {
    modifier = 'problem';
    label = t('syncPanel.indicator.loggedOut');
    content = <Icon name="alert" size={16} />;
  } else if (phase === 'pushing' || phase === 'pulling') {
    modifier = 'syncing';
    label = t('syncPanel.indicator.syncing');
    content = <Spinner size="small" />;
  } else if (blocked) {
    modifier = 'problem';
    label = t('syncPanel.indicator.problem');
    content = <Icon name="alert" size={16} />;
  } else if (count > 0) {
    modifier = 'pending';
    label = t('syncPanel.indicator.pending', { count: formatNumber(count) });
    content = (
      <>
        <Icon name="refresh" size={16} />
        <span aria-hidden="true">{formatNumber(count)}</span>
      </>
    );
  }
  return (
    <Link
      href="/settings"
      className={`sync-indicator sync-indicator--${modifier}`}
      aria-label={label}
      data-testid="sync-indicator"
    >
      {content}
      {modifier !== 'pending' && (
        <span className="sync-indicator__label" aria-hidden="true">
          {label}
        </span>
      )}
    </Link>
  );
}
