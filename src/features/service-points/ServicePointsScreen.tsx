/**
 * Service points: the field officer's screen. /points lists them, /points/new registers one,
 * /points/:id shows one and /points/:id/edit edits it; /points/duplicates is the coordinators'
 * review of likely duplicates. Everything but the last reads from the local database through
 * live queries and writes through actions, so it works the same with or without a connection.
 */
import { Suspense, useEffect, type ReactNode } from 'react';
import { useLocation } from 'wouter';
import { Spinner } from '../../ui';
import { firstDataShown } from '../shared/firstData';
import { NoticesLine } from '../shared/NoticesLine';
import { matchScreenRoute } from '../shared/paths';
import { PointList } from './PointList';
import {
  DuplicatesScreen,
  ImportScreen,
  loadViewsAfterList,
  PointDetail,
  PointForm,
} from './pointViews';

export default function ServicePointsScreen() {
  // The views one goes to from the list, once the first screen has shown its data.
  useEffect(() => {
    void firstDataShown().then(loadViewsAfterList);
  }, []);
  return <PointsView />;
}

/** A view of its own chunk (pointViews.ts): a fallback only if it was not loaded in time. */
function View({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spinner />}>{children}</Suspense>;
}

function PointsView() {
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
      return (
        <View>
          <PointForm />
        </View>
      );
    case 'pointImport':
      return (
        <View>
          <ImportScreen />
        </View>
      );
    case 'duplicates':
      return (
        <View>
          <DuplicatesScreen />
        </View>
      );
    case 'pointEdit':
      return (
        <View>
          <PointForm id={route.params.id} />
        </View>
      );
    case 'point':
      return (
        <View>
          <PointDetail id={route.params.id} />
        </View>
      );
  }
}
