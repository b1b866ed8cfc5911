/**
 * A lazily loaded component that can also be loaded BEFORE it renders (`preload`). Once loaded, it
 * renders directly instead of through React.lazy, so it never suspends: a suspended component
 * costs its Suspense fallback's paint and React 19's reveal throttle (up to 300 ms before the
 * resolved component may replace the fallback; docs/PERFORMANCE.md, "The start path without
 * waits it did not need"). Used for the route table's screens (src/app/routes.tsx) and for the
 * views a screen keeps out of its first chunk.
 */
import { lazy, type ComponentType, type ReactElement } from 'react';

export interface PreloadableComponent<P extends object> {
  (props: P): ReactElement;
  /** Loads the chunk; resolves when the component renders without suspending. */
  load: () => Promise<void>;
}

export function preloadable<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): PreloadableComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const start = () =>
    (loading ??= load().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (error: unknown) => {
        loading = null; // a later render or load tries again
        throw error;
      },
    ));
  const Lazy = lazy(start);
  const Component = (props: P) => {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  };
  return Object.assign(Component, { load: () => start().then(() => undefined) });
}
