/** The application root: the layout around the route table. Providers, when there are any, go here. */
import { useEffect } from 'react';
import { navigate } from 'wouter/use-browser-location';
import { firstDataShown } from '../features/shared/firstData';
import { loadScreenStrings } from '../i18n';
import { Layout } from './Layout';
import { AppRoutes } from './routes';
import { paths } from '../features/shared/paths';

/** Runs `callback` when the main thread is idle (within 3 s); returns a cancel. */
function whenIdle(callback: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(callback, { timeout: 3_000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(callback, 0);
  return () => window.clearTimeout(id);
}

export function App() {
  useEffect(() => {
    // The sync engine (its own chunk, with zod and the schemas, so the first screen does not
    // wait for it): syncs on app open, when the network or the app comes back, after local
    // writes and on a timer. Loaded once the first screen has shown its data (the start page's
    // figures; any other screen: the page's `load`) and the main thread is idle: on a slow phone
    // its chunk and its first sync would otherwise compete with the first screen
    // (src/features/shared/firstData.ts, docs/PERFORMANCE.md).
    let stopped = false;
    let stop = () => undefined as void;
    let cancelIdle = () => undefined as void;
    void firstDataShown().then(() => {
      if (stopped) return;
      cancelIdle = whenIdle(() => {
        // The other screens' Chinese strings too, so the first tap on a tab need not wait for
        // them (each screen's route waits otherwise: src/app/routes.tsx). Not fatal: a screen
        // asks again.
        loadScreenStrings().catch(() => undefined);
        void import('../sync/start').then(({ startSync, appSyncStore }) => {
          if (stopped) return;
          const engine = startSync();
          // A phone told to wipe (lost, signed out elsewhere, account disabled) shows the
          // sign-in screen, which says why (docs/SECURITY.md "丢失设备 / Lost devices").
          const unsubscribe = appSyncStore.subscribe((state, previous) => {
            if (
              state.lastError?.code === 'deviceWipe' &&
              previous.lastError?.code !== 'deviceWipe'
            ) {
              navigate(paths.login(), { replace: true });
            }
          });
          stop = () => {
            unsubscribe();
            engine.stop();
          };
        });
      });
    });
    return () => {
      stopped = true;
      cancelIdle();
      stop();
    };
  }, []);

  return (
    <Layout>
      <AppRoutes />
    </Layout>
  );
}
