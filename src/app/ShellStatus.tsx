/**
 * Collects the shell's notices for the one status line, most important first:
 * 1. a new version waits (only a tap reloads: a reload would throw away a half-filled form; a
 *    second tap while the new worker takes over does not ask again);
 * 2. the session: nobody is logged in on this phone (work stays here until someone does), or the
 *    server no longer accepts the login (log in again; nothing waiting is lost). Not on /login;
 * 3. storage full: what sync received could not be saved (the typed work is safe); else storage
 *    nearly full (≥ 90 % of the quota, ./storageWatch.ts), while saving still works;
 * 4. the one-time install hint (dismissed or used, it never comes back; settings keep the button).
 * It also tells the gazetteer whose area it serves (setRegionsScope: a province's files by scope).
 *
 * Its own chunk (Layout loads it lazily): it reads the session from the local database (through
 * src/db/live.ts, so its chunk does not bring Dexie's in front of the first screen's rows). It
 * overlays the content, so arriving late moves nothing.
 */
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { useSession } from '../db/live';
import { setRegionsScope } from '../regions';
import { useSyncState } from '../sync/store';
import { formatNumber, useT } from '../i18n';
import { dismissInstallHint, useInstallHintDismissed, useInstallOption } from '../pwa/install';
import { usePwaStore } from '../pwa/pwaStore';
import { applyUpdate } from '../pwa/serviceWorker';
import { StatusLine, type StatusNotice } from './StatusLine';
import { useAskPersistenceAfterLogin, useStoragePressure } from './storageWatch';
import { paths } from '../features/shared/paths';

export default function ShellStatus() {
  const t = useT();
  const [path, navigate] = useLocation();
  const session = useSession();
  const updateWaiting = usePwaStore((state) => state.updateWaiting);
  const storageFull = useSyncState((state) => state.lastError?.kind === 'storageFull');
  const installDismissed = useInstallHintDismissed();
  const install = useInstallOption();
  const [reloadRequested, setReloadRequested] = useState(false);
  const pressure = useStoragePressure();
  useAskPersistenceAfterLogin(!!session?.token);
  // The gazetteer's files follow the user's area (a province: only their prefecture's).
  const scopeCode = session === undefined ? undefined : (session?.user.scope.code ?? null);
  useEffect(() => {
    if (scopeCode !== undefined) setRegionsScope(scopeCode === null ? null : { code: scopeCode });
  }, [scopeCode]);

  const notices: StatusNotice[] = [];
  if (updateWaiting) {
    notices.push({
      id: 'update',
      tone: 'info',
      icon: 'refresh',
      title: t('shell.notice.update'),
      text: t('update.message'),
      action: {
        label: t('update.reload'),
        busy: reloadRequested,
        onClick: () => {
          if (reloadRequested) return;
          setReloadRequested(true);
          applyUpdate();
        },
      },
    });
  }
  if (session !== undefined && path !== paths.login()) {
    if (session === null) {
      notices.push({
        id: 'session',
        tone: 'warning',
        icon: 'alert',
        title: t('shell.notice.loggedOut'),
        text: t('auth.notLoggedIn'),
        action: { label: t('auth.loginAction'), onClick: () => navigate(paths.login()) },
      });
    } else if (session.token === null) {
      notices.push({
        id: 'session',
        tone: 'warning',
        icon: 'alert',
        title: t('shell.notice.relogin'),
        text: t('syncPanel.error.unauthorized'),
        action: { label: t('syncPanel.loginAgain'), onClick: () => navigate(paths.login()) },
      });
    }
  }
  if (storageFull) {
    notices.push({
      id: 'storage',
      tone: 'warning',
      icon: 'alert',
      title: t('shell.notice.storageFull'),
      text: t('shell.notice.storageFullText'),
      action: { label: t('shell.notice.openSettings'), onClick: () => navigate(paths.settings()) },
    });
  } else if (pressure?.nearlyFull) {
    notices.push({
      id: 'storage',
      tone: 'warning',
      icon: 'alert',
      title: t('rescue.nearlyFull.title'),
      text: t('rescue.nearlyFull.text', {
        percent: formatNumber(Math.min(pressure.ratio, 1), {
          style: 'percent',
          maximumFractionDigits: 0,
        }),
      }),
      action: { label: t('rescue.nearlyFull.action'), onClick: () => navigate(paths.settings()) },
    });
  }
  if (!installDismissed && install.kind === 'prompt') {
    notices.push({
      id: 'install',
      tone: 'info',
      icon: 'download',
      title: t('shell.notice.install'),
      text: t('install.hint'),
      action: {
        label: t('install.button'),
        onClick: () => {
          dismissInstallHint();
          void install.install();
        },
      },
      onDismiss: dismissInstallHint,
    });
  } else if (!installDismissed && install.kind === 'ios-instructions') {
    notices.push({
      id: 'install',
      tone: 'info',
      icon: 'share',
      title: t('shell.notice.install'),
      text: `${t('install.hint')} ${t('install.iosIntro')} ${t('install.iosSteps')}`,
      onDismiss: dismissInstallHint,
    });
  }
  return <StatusLine notices={notices} />;
}
