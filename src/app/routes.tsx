/**
 * The route table. Every screen is its own lazy chunk, so the first screen downloads React, the
 * shell and that screen only; the service worker precaches the rest for offline use.
 */
import { lazy } from 'react';
import { Route, Switch } from 'wouter';

const DashboardScreen = lazy(() => import('../features/dashboard/DashboardScreen'));
const ServicePointsScreen = lazy(() => import('../features/service-points/ServicePointsScreen'));
const TrainingScreen = lazy(() => import('../features/training/TrainingScreen'));
const TownsScreen = lazy(() => import('../features/towns/TownsScreen'));
const AssessmentScreen = lazy(() => import('../features/assessment/AssessmentScreen'));
const MapScreen = lazy(() => import('../features/map/MapScreen'));
const SettingsScreen = lazy(() => import('../features/settings/SettingsScreen'));
const LoginScreen = lazy(() => import('../features/sync/LoginScreen'));
const ConflictsScreen = lazy(() => import('../features/sync/ConflictsScreen'));
const UsersScreen = lazy(() => import('../features/users/UsersScreen'));
const AuditScreen = lazy(() => import('../features/audit/AuditScreen'));
const NoticesScreen = lazy(() => import('../features/notices/NoticesScreen'));
const ReportScreen = lazy(() => import('../features/report/ReportScreen'));
const NotFoundScreen = lazy(() => import('./NotFoundScreen'));

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
