/**
 * The point screen's views other than the list, each a chunk of its own: the list — the screen
 * a field officer opens most, with a goal on a cheap phone — loads and evaluates none of the
 * form's schemas, the import's CSV parser or a point's history (docs/PERFORMANCE.md). Each view
 * is preloadable: the route table loads the opened view's chunk before the first render, and the
 * screen loads the others once the list shows its rows, so moving to a point or the form never
 * waits on a Suspense fallback.
 */
import { preloadable } from '../../ui';
import type { AppRoute } from '../shared/paths';

export const PointForm = preloadable<{ id?: string }>(() =>
  import('./PointForm').then((m) => ({ default: m.PointForm })),
);
export const PointDetail = preloadable<{ id: string }>(() =>
  import('./PointDetail').then((m) => ({ default: m.PointDetail })),
);
export const ImportScreen = preloadable<object>(() =>
  import('./ImportScreen').then((m) => ({ default: m.ImportScreen })),
);
// Only coordinators and admins open it.
export const DuplicatesScreen = preloadable<object>(() => import('./DuplicatesScreen'));

/** Loads the chunk of the view at `route` (the route table, before the first render). */
export function loadPointView(route: AppRoute | null): Promise<void> {
  switch (route?.name) {
    case 'pointNew':
    case 'pointEdit':
      return PointForm.load();
    case 'point':
      return PointDetail.load();
    case 'pointImport':
      return ImportScreen.load();
    case 'duplicates':
      return DuplicatesScreen.load();
    default:
      return Promise.resolve();
  }
}

/** The views a user goes to from the list: loaded once the list shows its rows. */
export function loadViewsAfterList(): void {
  void PointDetail.load().catch(() => undefined);
  void PointForm.load().catch(() => undefined);
}
