/**
 * Storage nearly full: the decision is a pure function of the browser's estimate (≥ 90 % of the
 * quota warns; no usable quota says nothing), and the status line shows 存储空间快满了 with a
 * tap to settings when the estimate says so — read at start and again after a sync.
 * navigator.storage does not exist in jsdom: the test gives it the browser's shape.
 */
import { act, cleanup, configure, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeSession, type CundianDb } from '../db';
import { appSyncStore, INITIAL_SYNC_STATE } from '../sync/store';
import ShellStatus from './ShellStatus';
import { storagePressure } from './storageWatch';
import { freshDatabase } from '../test-support/database';

configure({ asyncUtilTimeout: 5_000 });

describe('storagePressure', () => {
  it.each([
    [{ usage: 90, quota: 100 }, true],
    [{ usage: 899, quota: 1000 }, false],
    [{ usage: 0, quota: 100 }, false],
    [{ usage: 150, quota: 100 }, true],
  ])('%j → nearly full: %s', (estimate, nearlyFull) => {
    expect(storagePressure(estimate)?.nearlyFull).toBe(nearlyFull);
  });

  it.each([null, undefined, {}, { usage: 5 }, { usage: 5, quota: 0 }, { usage: -1, quota: 10 }])(
    'says nothing without a usable quota: %j',
    (estimate) => {
      expect(storagePressure(estimate)).toBeNull();
    },
  );

  it('gives the share used', () => {
    expect(storagePressure({ usage: 950, quota: 1000 })).toEqual({ nearlyFull: true, ratio: 0.95 });
  });
});

describe('the status line', () => {
  let usage = 0;
  let asked = 0;
  // Each test its own database: one that ran earlier must not leave its session behind.
  let db: CundianDb;
  beforeEach(() => {
    db = freshDatabase('storage-watch');
    localStorage.clear();
    window.history.pushState({}, '', '/');
    appSyncStore.setState({ ...INITIAL_SYNC_STATE });
    usage = 0;
    asked = 0;
    Object.defineProperty(navigator, 'storage', {
      configurable: true,
      value: {
        estimate: () => Promise.resolve({ usage, quota: 1000 }),
        persisted: () => Promise.resolve(false),
        persist: () => {
          asked += 1;
          return Promise.resolve(true);
        },
      },
    });
  });
  afterEach(() => {
    cleanup();
    Reflect.deleteProperty(navigator, 'storage');
  });

  it('warns at 95 % with a tap to settings', async () => {
    usage = 950;
    render(<ShellStatus />);
    expect(
      await screen.findByText('已用 95%。空间用完后将无法保存新的记录，请尽快清理。'),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '去清理' }));
    expect(window.location.pathname).toBe('/settings');
  });

  it('is read again after a sync', async () => {
    usage = 100;
    render(<ShellStatus />);
    // The never-logged-in notice shows first: the estimate has been read by then or soon after.
    await screen.findByRole('button', { name: /尚未登录/ });
    expect(screen.queryByText(/空间用完后将无法保存新的记录/)).toBeNull();
    usage = 920;
    act(() => appSyncStore.setState({ lastSyncedAt: '2026-03-02T10:00:00.000Z' }));
    expect(await screen.findByText(/已用 92%/)).toBeTruthy();
    expect(asked).toBe(0); // nobody is logged in: persistence is not asked for
  });

  it('asks for persistent storage once a user is logged in, and remembers it asked', async () => {
    await writeSession(
      {
        token: 't',
        user: {
          id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
          username: 'zhangwei',
          displayName: '张伟',
          role: 'officer',
          scope: { level: 'county', code: '330127' },
        },
        loggedInAt: '2026-03-01T00:00:00Z',
      },
      db,
    );
    render(<ShellStatus />);
    await vi.waitFor(() => expect(asked).toBe(1), { timeout: 5_000 });
    // Remembered: the next start (or the first local write) does not ask again.
    expect(localStorage.getItem('cundian.persistAsked')).not.toBeNull();
  });
});
