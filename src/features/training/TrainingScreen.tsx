/**
 * 培训: the trainer's screen. Sessions (list, form, detail with the list of expected trainees),
 * the roll call, trainees, the import of a township's list, the yearly figures and the printable
 * sign-in sheet. Everything reads from the local database through live queries and writes through
 * actions, so it works the same in a township hall without signal. Each view has its own path
 * under /training (nav.ts); old ?v= links are redirected.
 */
import { Link, Redirect, useLocation, useSearch } from 'wouter';
import { useT } from '../../app/i18n';
import { NoticesLine } from '../shared/NoticesLine';
import { Figures } from './Figures';
import { legacyTrainingHref, parseTrainingPath, trainingHref, type TrainingView } from './nav';
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
  const route = parseTrainingPath(path);
  // /training itself, an old ?v= link, or a path that names no view: one canonical URL each,
  // replacing the history entry (the back button does not bounce through the redirect).
  const legacy = legacyTrainingHref(search);
  if (legacy) return <Redirect to={legacy} replace />;
  if (!route) return <Redirect to={trainingHref('sessions')} replace />;
  const { view, id } = route;
  // The roll call and the sheet take the whole screen: nothing else to tap by mistake.
  if (view === 'roll' && id) return <RollCall sessionId={id} />;
  if (view === 'sheet' && id) return <SignInSheet sessionId={id} />;
  return (
    <>
      {/* What needs the user, above the lists only: not over a form being filled in. */}
      {view === 'sessions' || view === 'trainees' ? <NoticesLine /> : null}
      <TrainingTabs view={view} />
      {view === 'sessions' ? <SessionList /> : null}
      {view === 'session' && id ? <SessionDetail key={id} id={id} /> : null}
      {view === 'sessionForm' ? <SessionForm key={id ?? 'new'} id={id ?? undefined} /> : null}
      {view === 'import' && id ? <RosterImport key={id} sessionId={id} /> : null}
      {view === 'trainees' ? <TraineeList /> : null}
      {view === 'trainee' ? <TraineeForm key={id ?? 'new'} id={id ?? undefined} /> : null}
      {view === 'figures' ? <Figures /> : null}
    </>
  );
}

// A plain row of links, not a <nav>: the app's tab bar stays the page's one navigation landmark.
function TrainingTabs({ view }: { view: TrainingView }) {
  const t = useT();
  const section =
    view === 'trainees' || view === 'trainee'
      ? 'trainees'
      : view === 'figures'
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
          href={trainingHref(key)}
          className="training-tabs__tab"
          aria-current={section === key ? 'page' : undefined}
        >
          {label}
        </Link>
      ))}
    </div>
  );
}
