/**
 * 培训: the trainer's screen. Sessions (list, form, detail with the list of expected trainees),
 * the roll call, trainees, the import of a township's list, the yearly figures and the printable
 * sign-in sheet. Everything reads from the local database through live queries and writes through
 * actions, so it works the same in a township hall without signal. Each view has its own path
 * under /training (the route table, ../shared/paths.ts; nav.ts); old ?v= links are redirected.
 */
import type { ReactNode } from 'react';
import { Link, Redirect, useLocation, useSearch } from 'wouter';
import { useT } from '../../i18n';
import { NoticesLine } from '../shared/NoticesLine';
import { matchScreenRoute, paths, type RouteOf } from '../shared/paths';
import { Figures } from './Figures';
import { legacyTrainingHref } from './nav';
import { RollCall } from './RollCall';
import { RosterImport } from './RosterImport';
import { SessionDetail } from './SessionDetail';
import { SessionForm } from './SessionForm';
import { SessionList } from './SessionList';
import { SignInSheet } from './SignInSheet';
import { TraineeForm } from './TraineeForm';
import { TraineeList } from './TraineeList';

export default function TrainingScreen() {
  const [path] = useLocation();
  const search = useSearch();
  // An old ?v= link: to the page it meant, replacing the history entry (the back button does
  // not bounce through the redirect).
  const legacy = legacyTrainingHref(search);
  if (legacy) return <Redirect to={legacy} replace />;
  // The route table (../shared/paths.ts) says which view; src/app/routes.tsx shows the not-found
  // screen for a path under /training it does not know, so null is never a view here.
  const route = matchScreenRoute(path, 'training');
  if (!route) return null;
  switch (route.name) {
    case 'training':
      return <Redirect to={paths.sessions()} replace />;
    // The roll call and the sheet take the whole screen: nothing else to tap by mistake.
    case 'rollCall':
      return <RollCall sessionId={route.params.id} />;
    case 'signInSheet':
      return <SignInSheet sessionId={route.params.id} />;
  }
  let body: ReactNode;
  switch (route.name) {
    case 'sessions':
      body = <SessionList />;
      break;
    case 'session':
      body = <SessionDetail key={route.params.id} id={route.params.id} />;
      break;
    case 'sessionNew':
      body = <SessionForm key="new" />;
      break;
    case 'sessionEdit':
      body = <SessionForm key={route.params.id} id={route.params.id} />;
      break;
    case 'rosterImport':
      body = <RosterImport key={route.params.id} sessionId={route.params.id} />;
      break;
    case 'trainees':
      body = <TraineeList />;
      break;
    case 'traineeNew':
      body = <TraineeForm key="new" />;
      break;
    case 'trainee':
      body = <TraineeForm key={route.params.id} id={route.params.id} />;
      break;
    case 'figures':
      body = <Figures />;
      break;
  }
  return (
    <>
      {/* What needs the user, above the lists only: not over a form being filled in. */}
      {route.name === 'sessions' || route.name === 'trainees' ? <NoticesLine /> : null}
      <TrainingTabs route={route.name} />
      {body}
    </>
  );
}

// A plain row of links, not a <nav>: the app's tab bar stays the page's one navigation landmark.
function TrainingTabs({ route }: { route: RouteOf<'training'>['name'] }) {
  const t = useT();
  const section =
    route === 'trainees' || route === 'trainee' || route === 'traineeNew'
      ? 'trainees'
      : route === 'figures'
        ? 'figures'
        : 'sessions';
  const tabs = [
    ['sessions', t('training.tab.sessions')],
    ['trainees', t('training.tab.trainees')],
    ['figures', t('training.tab.figures')],
  ] as const;
  return (
    <div className="training-tabs">
      {tabs.map(([key, label]) => (
        <Link
          key={key}
          href={paths[key]()}
          className="training-tabs__tab"
          aria-current={section === key ? 'page' : undefined}
        >
          {label}
        </Link>
      ))}
    </div>
  );
}
