/**
 * The route table. Every screen is its own lazy chunk, so the first screen downloads React, the
 * shell and that screen only; the service worker precaches the rest for offline use.
 *
 * Every screen but the start page also waits for the other screens' Chinese strings (one chunk,
 * src/app/i18n/zh-CN.screens.ts) before it shows, so it never shows a key or a gap; the start
 * page's strings are in the first chunk (docs/PERFORMANCE.md, "Size").
 */
import { lazy, type ComponentType, type ReactElement } from 'react';
import { parse } from 'regexparam';
import { matchRoute, Route, Switch } from 'wouter';
import { loadScreenStrings } from './i18n';

/**
 * A screen's lazy chunk that can also be loaded BEFORE the first render (`preload`). Once loaded,
 * the screen renders directly instead of through React.lazy, so the first screen never suspends:
 * a suspended screen costs its Suspense fallback's paint and React's throttle of up to 300 ms
 * before the resolved screen may replace it (docs/PERFORMANCE.md, "The first screen without a
 * fallback").
 */
type ScreenModule = { default: ComponentType };

interface ScreenComponent {
  (): ReactElement;
  preload: () => Promise<void>;
}

function preloadable(load: () => Promise<ScreenModule>): ScreenComponent {
  let loaded: ComponentType | null = null;
  let loading: Promise<ScreenModule> | null = null;
  const start = () =>
    (loading ??= load().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (error: unknown) => {
        loading = null; // a later render or preload tries again
        throw error;
      },
    ));
  const Lazy = lazy(start);
  const Screen = () => {
    const Loaded = loaded;
    return Loaded ? <Loaded /> : <Lazy />;
  };
  return Object.assign(Screen, { preload: () => start().then(() => undefined) });
}

/** A screen's chunk, with the screens' strings: both before it shows. */
function screen(load: () => Promise<ScreenModule>): ScreenComponent {
  return preloadable(() => Promise.all([load(), loadScreenStrings()]).then(([module]) => module));
}

// The start page: its strings are built in.
const DashboardScreen = preloadable(() => import('../features/dashboard/DashboardScreen'));
const ServicePointsScreen = screen(() => import('../features/service-points/ServicePointsScreen'));
const TrainingScreen = screen(() => import('../features/training/TrainingScreen'));
const TownsScreen = screen(() => import('../features/towns/TownsScreen'));
const AssessmentScreen = screen(() => import('../features/assessment/AssessmentScreen'));
const MapScreen = screen(() => import('../features/map/MapScreen'));
const SettingsScreen = screen(() => import('../features/settings/SettingsScreen'));
const LoginScreen = screen(() => import('../features/sync/LoginScreen'));
const ConflictsScreen = screen(() => import('../features/sync/ConflictsScreen'));
const UsersScreen = screen(() => import('../features/users/UsersScreen'));
const AuditScreen = screen(() => import('../features/audit/AuditScreen'));
const NoticesScreen = screen(() => import('../features/notices/NoticesScreen'));
const ReportScreen = screen(() => import('../features/report/ReportScreen'));
const NotFoundScreen = screen(() => import('./NotFoundScreen'));

/**
 * The table: the first pattern that matches a path is its screen (wouter's Switch). One table for
 * the Switch and for `preloadFirstScreen`, so both always agree.
 */
const ROUTES: readonly { path: string; Screen: ScreenComponent }[] = [
  { path: '/', Screen: DashboardScreen },
  // One route for /points and everything below it: the screen keeps its state while the user
  // moves between the list and a point, and reads the rest of the path itself.
  { path: '/points/*?', Screen: ServicePointsScreen },
  { path: '/training/*?', Screen: TrainingScreen },
  { path: '/towns/*?', Screen: TownsScreen },
  { path: '/map', Screen: MapScreen },
  { path: '/settings', Screen: SettingsScreen },
  { path: '/login', Screen: LoginScreen },
  { path: '/sync/conflicts', Screen: ConflictsScreen },
  { path: '/users', Screen: UsersScreen },
  { path: '/audit', Screen: AuditScreen },
  { path: '/notices', Screen: NoticesScreen },
  // The yearly assessment report: /assessment/report/:areaCode/:year (assessmentLinks.ts).
  { path: '/assessment/report/*?', Screen: ReportScreen },
  // The rest of 考核 (the county table, a county, trends, the targets grid: nav.ts), after the
  // report so its paths stay the report's.
  { path: '/assessment/*?', Screen: AssessmentScreen },
];

/**
 * Loads the chunk of the screen at `path` (main.tsx, before the first render, in parallel with
 * the language and the database). Never rejects: a chunk that fails to load fails again where
 * the screen renders, inside its error boundary.
 */
export function preloadFirstScreen(path: string): Promise<void> {
  const route = ROUTES.find((r) => matchRoute(parse, r.path, path)[0]);
  return (route?.Screen ?? NotFoundScreen).preload().catch(() => undefined);
}

export function AppRoutes() {
  return (
    <Switch>
      {ROUTES.map(({ path, Screen }) => (
        <Route key={path} path={path} component={Screen} />
      ))}
      <Route component={NotFoundScreen} />
    </Switch>
  );
}
