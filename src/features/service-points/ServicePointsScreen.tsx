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
import { matchScreenRoute } from '../shared/paths';
import { ImportScreen } from './ImportScreen';
import { PointDetail } from './PointDetail';
import { PointForm } from './PointForm';
import { PointList } from './PointList';

// Only coordinators and admins open it: its own chunk.
const DuplicatesScreen = lazy(() => import('./DuplicatesScreen'));

export default function ServicePointsScreen() {
  const [location] = useLocation();
  // The route table (../shared/paths.ts) says which view; src/app/routes.tsx shows the not-found
  // screen for a path under /points it does not know, so null is never a view here.
  const route = matchScreenRoute(location, 'points');
  if (!route) return null;
  switch (route.name) {
    case 'points':
      return (
        <>
          <NoticesLine />
          <PointList />
        </>
      );
    case 'pointNew':
      return <PointForm />;
    case 'pointImport':
      return <ImportScreen />;
    case 'duplicates':
      return (
        <Suspense fallback={<Spinner />}>
          <DuplicatesScreen />
        </Suspense>
      );
    case 'pointEdit':
      return <PointForm id={route.params.id} />;
    case 'point':
      return <PointDetail id={route.params.id} />;
  }
}
