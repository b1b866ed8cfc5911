/**
 * A mistyped or outdated link must say so: before the route table, /towns/nonsense showed the
 * towns overview, /points/x/y/z the point "x" and /training/nothing the sessions, so a broken
 * link looked like a working one. Every path the table does not name — at the top or nested —
 * is the not-found screen, with the path in its words; a path it names is its screen.
 */
import { cleanup, configure, render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { paths } from '../features/shared/paths';
import { AppRoutes, preloadFirstScreen } from './routes';

// Each screen is a lazy chunk: on a cold, busy test machine its modules load slowly.
configure({ asyncUtilTimeout: 10_000 });

afterEach(cleanup);

function open(path: string) {
  const { hook } = memoryLocation({ path });
  render(
    <Router hook={hook}>
      <Suspense fallback={null}>
        <AppRoutes />
      </Suspense>
    </Router>,
  );
}

describe('the route table in the app', { timeout: 30_000 }, () => {
  it.each([
    '/no/such/page',
    '/towns/nonsense',
    '/towns/store',
    '/points/x/y/z',
    '/points/new/edit',
    '/training/nothing',
    '/training/sessions/new/roll-call',
    '/assessment/county/abc',
    '/assessment/report/330127',
    '/settings/extra',
  ])('shows the not-found screen for %s', async (path) => {
    open(path);
    expect(await screen.findByRole('heading', { level: 1, name: '找不到这个页面' })).toBeTruthy();
    expect(screen.getByText(`地址 ${path} 不存在，可能是链接有误。`)).toBeTruthy();
    expect(screen.getByRole('link', { name: '回到概览' }).getAttribute('href')).toBe('/');
  });

  it('shows the screen of a path it names, nested too', async () => {
    open(paths.centralTowns());
    expect(await screen.findByRole('heading', { level: 1, name: '中心镇与试点' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: '找不到这个页面' })).toBeNull();
  });
});

describe('the first screen, loaded before the first render', { timeout: 30_000 }, () => {
  it('renders at once, without a fallback, once preloadFirstScreen has loaded its chunk', async () => {
    // A screen no other test here opens, so its chunk is not loaded before this one.
    await preloadFirstScreen('/audit');
    const { hook } = memoryLocation({ path: '/audit' });
    const { container } = render(
      <Router hook={hook}>
        <Suspense fallback={<p>fallback</p>}>
          <AppRoutes />
        </Suspense>
      </Router>,
    );
    // No await: the very first render shows the screen (a lazy screen would show the fallback).
    expect(screen.queryByText('fallback')).toBeNull();
    expect(container.textContent).not.toBe('');
  });

  it('never rejects, whatever the path', async () => {
    await expect(preloadFirstScreen('/%%%')).resolves.toBeUndefined();
  });
});
