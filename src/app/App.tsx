/** The application root: the layout around the route table. Providers, when there are any, go here. */
import { useEffect } from 'react';
import { navigate } from 'wouter/use-browser-location';
import { Layout } from './Layout';
import { AppRoutes } from './routes';

/** Runs `callback` after the page's `load` event, when the main thread is idle (within 3 s). */
function afterFirstScreen(callback: () => void): () => void {
  let cancelled = false;
  let cancelWait = () => undefined as void;
  const run = () => {
    if (cancelled) return;
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(callback, { timeout: 3_000 });
      cancelWait = () => window.cancelIdleCallback(id);
    } else {
      const id = window.setTimeout(callback, 0);
      cancelWait = () => window.clearTimeout(id);
    }
  };
  if (document.readyState === 'complete') run();
  else window.addEventListener('load', run, { once: true });
  return () => {
    cancelled = true;
    window.removeEventListener('load', run);
    cancelWait();
  };
}

export function App() {
  useEffect(() => {
    // The sync engine (its own chunk, so the first screen does not wait for it): syncs on app
    // open, when the network or the app comes back, after local writes and on a timer. Loaded
    // once the page has loaded and the main thread is idle: on a slow phone its chunk and its
    // first sync would otherwise compete with the first screen (docs/PERFORMANCE.md).
    let stopped = false;
    let stop = () => undefined as void;
    const cancel = afterFirstScreen(() => {
      void import('../sync').then(({ startSync, appSyncStore }) => {
        if (stopped) return;
        const engine = startSync();
        // A phone told to wipe (lost, signed out elsewhere, account disabled) shows the sign-in
        // screen, which says why (docs/SECURITY.md "丢失设备 / Lost devices").
        const unsubscribe = appSyncStore.subscribe((state, previous) => {
          if (state.lastError?.code === 'deviceWipe' && previous.lastError?.code !== 'deviceWipe') {
            navigate('/login', { replace: true });
          }
        });
        stop = () => {
          unsubscribe();
          engine.stop();
        };
      });
    });
    return () => {
      stopped = true;
      cancel();
      stop();
    };
  }, []);

  return (
    <Layout>
      <AppRoutes />
    </Layout>
  );
}
