/**
 * The screens of the route table (src/features/shared/paths.ts). Every screen is its own lazy
 * chunk, so the first screen downloads React, the shell and that screen only; the service worker
 * precaches the rest for offline use.
 *
 * Every screen but the start page also waits for the other screens' Chinese strings (one chunk,
 * src/app/i18n/zh-CN.screens.ts) before it shows, so it never shows a key or a gap; the start
 * page's strings are in the first chunk (docs/PERFORMANCE.md, "Size").
 */
import { lazy, type ComponentType } from 'react';
import { useLocation } from 'wouter';
import { matchRoute, type Screen as ScreenName } from '../features/shared/paths';
import { loadScreenStrings } from './i18n';

/** A screen's chunk, with the screens' strings: both before it shows. */
function screen<P>(load: () => Promise<{ default: ComponentType<P> }>) {
  return lazy(() => Promise.all([load(), loadScreenStrings()]).then(([module]) => module));
}

// The start page: its strings are built in.
const DashboardScreen = lazy(() => import('../features/dashboard/DashboardScreen'));
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

/** The screen of each screen name of the route table (src/features/shared/paths.ts). */
const SCREENS: Record<ScreenName, ComponentType> = {
  dashboard: DashboardScreen,
  points: ServicePointsScreen,
  training: TrainingScreen,
  towns: TownsScreen,
  // 考核: the county table, a county, trends, the targets grid (assessment/nav.ts)…
  assessment: AssessmentScreen,
  // …and its yearly report, /assessment/report/:areaCode/:year, a screen of its own.
  report: ReportScreen,
  map: MapScreen,
  settings: SettingsScreen,
  login: LoginScreen,
  conflicts: ConflictsScreen,
  users: UsersScreen,
  audit: AuditScreen,
  notices: NoticesScreen,
};

/**
 * The screen of the current path, by the one matcher of the route table; a path the table does
 * not know — at the top or nested (/towns/nonsense) — is the not-found screen. Moving within a
 * screen's routes (the list of points, a point) keeps the same screen mounted, so it keeps its
 * state; the screen picks its view by the route's name.
 */
export function AppRoutes() {
  const [path] = useLocation();
  const route = matchRoute(path);
  const Screen = route ? SCREENS[route.screen] : NotFoundScreen;
  return <Screen />;
}
