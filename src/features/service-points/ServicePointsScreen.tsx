/**
 * Service points: the field officer's screen. /points lists them, /points/new registers one,
 * /points/:id shows one and /points/:id/edit edits it; /points/duplicates is the coordinators'
 * review of likely duplicates. Everything but the last reads from the local database through
 * live queries and writes through actions, so it works the same with or without a connection.
 */
import { lazy, Suspense } from 'react';
import { useLocation } from 'wouter';
import { Spinner } from '../../ui';
import { NoticesLine } from '../shared/NoticesLine';
import { ImportScreen } from './ImportScreen';
import { PointDetail } from './PointDetail';
import { PointForm } from './PointForm';
import { PointList } from './PointList';

// Only coordinators and admins open it: its own chunk.
const DuplicatesScreen = lazy(() => import('./DuplicatesScreen'));

export default function ServicePointsScreen() {
  const [location] = useLocation();
  const [first, second] = location
    .replace(/^\/points\/?/, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  if (!first) {
    return (
      <>
        <NoticesLine />
        <PointList />
      </>
    );
  }
  if (first === 'new') return <PointForm />;
  if (first === 'import') return <ImportScreen />;
  if (first === 'duplicates') {
    return (
      <Suspense fallback={<Spinner />}>
        <DuplicatesScreen />
      </Suspense>
    );
  }
  if (second === 'edit') return <PointForm id={first} />;
  return <PointDetail id={first} />;
}
