/** The application root: the layout around the route table. Providers, when there are any, go here. */
import { useEffect } from 'react';
import { Layout } from './Layout';
import { AppRoutes } from './routes';

export function App() {
  useEffect(() => {
    // The sync engine (its own chunk, so the first screen does not wait for it): syncs on app
    // open, when the network or the app comes back, after local writes and on a timer.
    let stopped = false;
    let stop = () => undefined as void;
    void import('../sync').then(({ startSync }) => {
      if (stopped) return;
      const engine = startSync();
      stop = () => engine.stop();
    });
    return () => {
      stopped = true;
      stop();
    };
  }, []);

  return (
    <Layout>
      <AppRoutes />
    </Layout>
  );
}
