/**
 * The top bar's sync pill: when this phone last synced (刚刚, 3分钟前, 昨天 — kept current), or
 * what stops it: 未登录, 需要重新登录 (the server refused the login), 离线, 连不上服务器 (the link
 * is up but the last attempt got no answer), changes waiting, a sync running. The rules are in
 * pillState.ts. A link to the sync panel (settings), where the words and the actions are.
 *
 * Its accessible name is its visible text with the context in front ("上次同步 3分钟前"), so what
 * a speech user reads is what they can say (WCAG 2.5.3). At least 44 × 44 px, text ≥ 4.5:1.
 * The connection's changes are announced by the shell's own status region (OnlineIndicator).
 */
import { Link } from 'wouter';
import { formatNumber, useLocale, useT } from '../../i18n';
import { useOnline } from '../../pwa';
import { usePendingSummary, useSession } from '../../db';
import { useSyncState } from '../../sync/store';
import { Icon, Spinner } from '../../ui';
import { pillState, relativeTime, type PillState } from './pillState';
import { useNow } from '../shared/useNow';
import { paths } from '../shared/paths';

export default function SyncIndicator() {
  const t = useT();
  const locale = useLocale();
  const online = useOnline();
  const pending = usePendingSummary();
  const session = useSession();
  const phase = useSyncState((s) => s.phase);
  const blocked = useSyncState((s) => s.blocked);
  const lastErrorKind = useSyncState((s) => s.lastError?.kind ?? null);
  const lastSyncedAt = useSyncState((s) => s.lastSyncedAt);
  const now = useNow(30_000);
  // Until the database answers, the place is held so nothing beside it moves.
  if (pending === undefined || session === undefined) {
    return <span className="sync-pill sync-pill--placeholder" aria-hidden="true" />;
  }

  const state: PillState = pillState({
    session,
    online,
    phase,
    blocked,
    lastErrorKind,
    lastSyncedAt,
    pending: pending.count,
  });
  let context: string | null = null;
  let text: string;
  if (state.label === null) {
    context = t('shell.pill.lastSynced');
    text = relativeTime(state.lastSyncedAt, now, locale, t('shell.pill.justNow'));
  } else {
    text = t(state.label, { count: formatNumber(state.count ?? 0) });
  }
  // Offline or failing with work waiting: the number beside the state, its words for screen
  // readers ("连不上服务器 2 待同步").
  const waiting = state.label !== 'shell.pill.pending' && 'count' in state ? (state.count ?? 0) : 0;

  return (
    <Link
      href={paths.settings()}
      className={`sync-pill sync-pill--${state.tone}`}
      data-testid="sync-indicator"
      data-state={state.label ?? 'synced'}
    >
      {state.icon === 'spinner' ? (
        <Spinner size="small" />
      ) : (
        <Icon name={state.icon} size={16} className="sync-pill__icon" />
      )}
      {context ? <span className="sync-pill__context">{context} </span> : null}
      <span className="sync-pill__text">{text}</span>
      {waiting ? (
        <span className="sync-pill__count">
          <span aria-hidden="true">{formatNumber(waiting)}</span>
          <span className="visually-hidden">
            {t('shell.pill.pending', { count: formatNumber(waiting) })}
          </span>
        </span>
      ) : null}
    </Link>
  );
}
