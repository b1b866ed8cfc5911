// tests/settle-imports.ts, which ends every file of the jsdom project: a lazy section rendered
// and not waited for is loaded by the time it returns, and the tree is gone.
import { render, screen } from '@testing-library/react';
import { lazy, Suspense } from 'react';
import { expect, it } from 'vitest';
import { settleFile } from './settle-imports';

const LOADED = Symbol.for('cundian.tests.slowLazySectionLoaded');
const loaded = () => (globalThis as { [LOADED]?: boolean })[LOADED] === true;

it('waits, at the end of a file, for a lazy import the file started and did not wait for', async () => {
  const SlowLazySection = lazy(() => import('./fixtures/slow-lazy-section'));
  render(
    <Suspense fallback={<p>loading</p>}>
      <SlowLazySection />
    </Suspense>,
  );
  expect(screen.getByText('loading')).toBeTruthy();
  expect(loaded()).toBe(false); // still loading: what a file ending here would leave behind

  await settleFile();

  expect(loaded()).toBe(true);
  expect(document.body.textContent).toBe(''); // unmounted: nothing left to start another import
});
