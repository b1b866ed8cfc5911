/**
 * What the top bar's sync pill says, decided from facts only (pure, tested in pillState.test.ts).
 *
 * The link being up (`navigator.onLine`) says nothing about the server: a dead village Wi-Fi or
 * a stopped server still looks "online". So the pill follows the sync engine's last attempt: what
 * stops sync until someone acts (nobody logged in, the server refused the login → 需要重新登录,
 * the app too old), then no link at all (离线), a sync running, the last attempt's failure
 * (连不上服务器 when the request never got an answer, 服务器出错 for a 5xx…), changes waiting,
 * and otherwise the last successful sync as relative time (刚刚, 3分钟前, 昨天). Offline or failing,
 * the number of changes waiting goes with it (`count`).
 */
import { plainAgo, type Locale, type MessageKey, type PlainRelativeUnit } from '../../i18n';
import type { SyncBlock, SyncFailureKind, SyncPhase } from '../../sync';

export type PillTone = 'ok' | 'busy' | 'pending' | 'problem';

export interface PillFacts {
  /** The device's session: null when nobody is logged in; token null after the server said 401. */
  session: { token: string | null } | null;
  online: boolean;
  phase: SyncPhase;
  blocked: SyncBlock | null;
  lastErrorKind: SyncFailureKind | null;
  lastSyncedAt: string | null;
  pending: number;
}

export type PillState =
  | { tone: PillTone; icon: PillIcon; label: MessageKey; count?: number }
  | { tone: 'ok'; icon: 'check'; label: null; lastSyncedAt: string };

export type PillIcon = 'check' | 'alert' | 'wifi-off' | 'refresh' | 'spinner';

const BLOCK_LABELS: Record<SyncBlock, MessageKey> = {
  loggedOut: 'shell.pill.loggedOut',
  unauthorized: 'shell.pill.relogin',
  clientTooOld: 'shell.pill.update',
  otherUser: 'shell.pill.otherUser',
};

const FAILURE_LABELS: Record<SyncFailureKind, MessageKey> = {
  offline: 'shell.pill.unreachable',
  server: 'shell.pill.serverError',
  badResponse: 'shell.pill.serverError',
  storageFull: 'shell.pill.storageFull',
  unauthorized: 'shell.pill.relogin',
  clientTooOld: 'shell.pill.update',
  otherUser: 'shell.pill.otherUser',
  refused: 'shell.pill.failed',
  unknown: 'shell.pill.failed',
};

export function pillState(facts: PillFacts): PillState {
  const { session, online, phase, blocked, lastErrorKind, lastSyncedAt, pending } = facts;
  if (!session) return { tone: 'problem', icon: 'alert', label: BLOCK_LABELS.loggedOut };
  if (session.token === null || blocked === 'unauthorized') {
    return { tone: 'problem', icon: 'alert', label: BLOCK_LABELS.unauthorized };
  }
  if (blocked) return { tone: 'problem', icon: 'alert', label: BLOCK_LABELS[blocked] };
  if (!online) {
    return pending > 0
      ? { tone: 'pending', icon: 'wifi-off', label: 'shell.pill.offline', count: pending }
      : { tone: 'pending', icon: 'wifi-off', label: 'shell.pill.offline' };
  }
  if (phase === 'pushing' || phase === 'pulling') {
    return { tone: 'busy', icon: 'spinner', label: 'shell.pill.syncing' };
  }
  if (phase === 'error' && lastErrorKind) {
    const label = FAILURE_LABELS[lastErrorKind];
    return pending > 0
      ? { tone: 'problem', icon: 'alert', label, count: pending }
      : { tone: 'problem', icon: 'alert', label };
  }
  if (pending > 0) {
    return { tone: 'pending', icon: 'refresh', label: 'shell.pill.pending', count: pending };
  }
  if (!lastSyncedAt) return { tone: 'pending', icon: 'refresh', label: 'shell.pill.never' };
  return { tone: 'ok', icon: 'check', label: null, lastSyncedAt };
}

/**
 * "刚刚", "3分钟前", "2小时前", "昨天", "3天前", "2周前" / "just now", "3 min. ago"…: how long ago
 * `iso` was, in the current locale (Intl.RelativeTimeFormat), in the largest sensible unit.
 * A time ahead of `now` (another device's clock, a clock set back) reads as just now.
 */
export function relativeTime(iso: string, now: number, locale: Locale, justNow: string): string {
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds) || seconds < 60) return justNow;
  const [ago, unit] = largestUnit(Math.floor(seconds / 60));
  // Without Intl where it can (the pill is on the first screen: src/i18n/plainFormat.ts).
  return (
    plainAgo(ago, unit, locale) ??
    new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }).format(-ago, unit)
  );
}

function largestUnit(minutes: number): [number, PlainRelativeUnit] {
  if (minutes < 60) return [minutes, 'minute'];
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return [hours, 'hour'];
  const days = Math.floor(hours / 24);
  if (days < 7) return [days, 'day'];
  if (days < 35) return [Math.floor(days / 7), 'week'];
  return [Math.max(1, Math.floor(days / 30)), 'month'];
}
