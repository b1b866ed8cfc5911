// `act` for @testing-library/react on preact/compat (vite.config.ts aliases react-dom/test-utils
// here in tests; docs/PERFORMANCE.md, "Preact instead of React"). preact/compat has no React.act,
// so the library takes act from react-dom/test-utils: Preact's, with one difference from React's
// kept out. React's outermost `await act(async () => …)` waits a task (setImmediate) after the
// callback and renders what it brought before resolving (react.development.js,
// recursivelyFlushAsyncActWork); Preact's resolves as soon as the callback does. Tests written
// for React's (a click whose handler awaits a Blob's text or a fetch, then the next line reads the
// screen) would read it one task early. This act waits that task inside Preact's, like React's.
import { setImmediate } from 'node:timers';
import { act as preactAct } from 'preact/test-utils';

export { setupRerender, teardown } from 'preact/test-utils';

let depth = 0;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

export function act(callback: () => void | Promise<void>): Promise<void> {
  const outermost = depth === 0;
  depth += 1;
  let awaited = false;
  let done: Promise<void>;
  try {
    done = preactAct(() => {
      const result = callback();
      if (!isThenable(result)) return result;
      awaited = true;
      return (async () => {
        await result;
        // The node:timers setImmediate, as React's act uses: a test's fake timers leave it alone.
        if (outermost) await new Promise<void>((resolve) => setImmediate(resolve));
      })();
    });
  } catch (error) {
    depth -= 1;
    throw error;
  }
  if (!awaited) {
    depth -= 1;
    return done;
  }
  return done.finally(() => {
    depth -= 1;
  });
}
