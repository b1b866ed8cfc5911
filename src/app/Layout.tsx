/**
 * The shell around every screen: top bar (name, notices' bell, sync pill, language), the content,
 * the one status line (not logged in, new version, install…: ShellStatus) and the tab bar. Phone first (360 px); from 900 px the tabs become a
 * side rail. Also owns the document title and where focus goes after a navigation.
 */
import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { IdleLock } from '../features/lock/IdleLock';
import { Spinner } from '../ui';
import { useT, type MessageKey } from './i18n';
import { LocaleToggle } from './LocaleToggle';
import { OnlineIndicator } from './OnlineIndicator';
import { ScreenErrorBoundary } from './ScreenErrorBoundary';
import { TabBar } from './TabBar';

// The sync pill and the status line read the local database: their own chunks, like screens.
// Neither moves anything when it arrives: the pill's place is held, the line overlays.
const SyncIndicator = lazy(() => import('../features/sync/SyncIndicator'));
const ShellStatus = lazy(() => import('./ShellStatus'));
// The notices badge reads the database too, and keeps the server's inbox counts fresh.
const NoticesBadge = lazy(() => import('../features/notices/NoticesBadge'));

const SCREEN_TITLES: readonly [prefix: string, key: MessageKey][] = [
  ['/points/duplicates', 'duplicates.title'],
  ['/points', 'screen.points'],
  ['/training', 'screen.training'],
  ['/towns', 'screen.towns'],
  ['/map', 'screen.map'],
  ['/settings', 'screen.settings'],
  ['/login', 'auth.title'],
  ['/sync/conflicts', 'conflicts.title'],
  ['/users', 'users.title'],
  ['/notices', 'notices.title'],
  ['/assessment/report', 'report.title'],
  // After the report: the first prefix that matches names the screen.
  ['/assessment', 'assessment.title'],
];

function screenTitleKey(path: string): MessageKey {
  if (path === '/') return 'screen.dashboard';
  const match = SCREEN_TITLES.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`));
  return match ? match[1] : 'screen.notFound';
}

function ScreenFallback() {
  const t = useT();
  return (
    <div className="screen-loading">
      <Spinner label={t('app.loading')} />
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const t = useT();
  const [path] = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(path);

  const appName = t('app.name');
  const screenTitle = t(screenTitleKey(path));
  useEffect(() => {
    document.title = path === '/' ? appName : `${screenTitle} · ${appName}`;
  }, [path, screenTitle, appName]);

  useEffect(() => {
    if (previousPath.current === path) return;
    previousPath.current = path;
    // After a navigation, start at the top and put focus on the new content, so keyboard and
    // screen-reader users are not left on a tab in the old page. Not on first load: the page
    // then starts where the browser starts it.
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [path]);

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="top-bar">
        <Link href="/" className="top-bar__brand">
          <img src="/icons/favicon.svg" alt="" width={28} height={28} />
          <span className="top-bar__name">{appName}</span>
        </Link>
        <div className="top-bar__tools">
          <Suspense fallback={null}>
            <NoticesBadge />
          </Suspense>
          <Suspense
            fallback={<span className="sync-pill sync-pill--placeholder" aria-hidden="true" />}
          >
            <SyncIndicator />
          </Suspense>
          <OnlineIndicator />
          <LocaleToggle />
        </div>
      </header>
      <TabBar />
      <div className="app-content">
        <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
          <ScreenErrorBoundary path={path}>
            <IdleLock>
              <Suspense fallback={<ScreenFallback />}>{children}</Suspense>
            </IdleLock>
          </ScreenErrorBoundary>
        </main>
        <Suspense fallback={null}>
          <ShellStatus />
        </Suspense>
      </div>
    </div>
  );
}
