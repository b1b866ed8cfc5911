/**
 * The shell around every screen: top bar (name, notices' bell, sync pill, language), the content,
 * the one status line (not logged in, new version, install…: ShellStatus) and the tab bar. Phone first (360 px); from 900 px the tabs become a
 * side rail. Also owns the document title and where focus goes after a navigation.
 */
import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { IdleLock } from '../features/lock/IdleLock';
import { Spinner } from '../ui';
import { useT, type MessageKey } from '../i18n';
import { LocaleToggle } from './LocaleToggle';
import { OnlineIndicator } from './OnlineIndicator';
import { ScreenErrorBoundary } from './ScreenErrorBoundary';
import { TabBar } from './TabBar';
import { firstDataShown } from '../features/shared/firstData';
import { matchRoute, paths, type Screen } from '../features/shared/paths';

/**
 * A chunk of the shell loaded once the first screen has shown its data (firstData.ts), so on a
 * slow phone its download, its module and its reads do not come before the start page's or the
 * list's rows (docs/PERFORMANCE.md, ninth session). Any other first screen waits for the page's
 * `load` only.
 */
function afterFirstData<T>(load: () => Promise<T>): () => Promise<T> {
  return () => firstDataShown().then(load);
}

// The sync pill and the status line read the local database: their own chunks, like screens.
// Neither moves anything when it arrives: the pill's place is held, the line overlays. The status
// line is not held back: it tells the gazetteer whose area it serves (setRegionsScope), which a
// province's board waits for.
const SyncIndicator = lazy(afterFirstData(() => import('../features/sync/SyncIndicator')));
const ShellStatus = lazy(() => import('./ShellStatus'));
// The notices badge reads the database too, and keeps the server's inbox counts fresh.
const NoticesBadge = lazy(afterFirstData(() => import('../features/notices/NoticesBadge')));

/** The title of each screen of the route table (src/features/shared/paths.ts). */
const SCREEN_TITLES: Readonly<Record<Screen, MessageKey>> = {
  dashboard: 'screen.dashboard',
  points: 'screen.points',
  training: 'screen.training',
  towns: 'screen.towns',
  assessment: 'assessment.title',
  report: 'report.title',
  map: 'screen.map',
  settings: 'screen.settings',
  login: 'auth.title',
  conflicts: 'conflicts.title',
  users: 'users.title',
  audit: 'audit.title',
  notices: 'notices.title',
};

/** A path the route table does not know is the not-found screen, and so is its title. */
function screenTitleKey(path: string): MessageKey {
  const route = matchRoute(path);
  if (!route) return 'screen.notFound';
  // The coordinators' review has a title of its own within the service points.
  return route.name === 'duplicates' ? 'duplicates.title' : SCREEN_TITLES[route.screen];
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
    document.title = path === paths.dashboard() ? appName : `${screenTitle} · ${appName}`;
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
        <Link href={paths.dashboard()} className="top-bar__brand">
          <img src="/icons/brand-56.png" alt="" width={28} height={28} />
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
