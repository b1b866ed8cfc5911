/**
 * The route table. Every screen is its own lazy chunk, so the first screen downloads React, the
 * shell and that screen only; the service worker precaches the rest for offline use.
 *
 * Every screen but the start page also waits for the other screens' Chinese strings (one chunk,
 * src/app/i18n/zh-CN.screens.ts) before it shows, so it never shows a key or a gap; the start
 * page's strings are in the first chunk (docs/PERFORMANCE.md, "Size").
 */
import { lazy, type ComponentType } from 'react';
import { Route, Switch } from 'wouter';
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

export function AppRoutes() {
  return (
    <Switch>
      <Route path="/" component={DashboardScreen} />
      {/* One route for /points and everything below it: the screen keeps its state while the
          user moves between the list and a point, and reads the rest of the path itself. */}
      <Route path="/points/*?" component={ServicePointsScreen} />
      <Route path="/training/*?" component={TrainingScreen} />
      <Route path="/towns/*?" component={TownsScreen} />
      <Route path="/map" component={MapScreen} />
      <Route path="/settings" component={SettingsScreen} />
      <Route path="/login" component={LoginScreen} />
      <Route path="/sync/conflicts" component={ConflictsScreen} />
      <Route path="/users" component={UsersScreen} />
      <Route path="/audit" component={AuditScreen} />
      <Route path="/notices" component={NoticesScreen} />
      {/* The yearly assessment report: /assessment/report/:areaCode/:year (assessmentLinks.ts). */}
      <Route path="/assessment/report/*?" component={ReportScreen} />
      {/* The rest of 考核 (the county table, a county, trends, the targets grid: nav.ts), after
          the report so its paths stay the report's. */}
      <Route path="/assessment/*?" component={AssessmentScreen} />
      <Route component={NotFoundScreen} />
    </Switch>
  );
}
