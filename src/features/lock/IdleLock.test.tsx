/**
 * The idle lock, with fake timers (setInterval and Date only: IndexedDB and WebCrypto run for
 * real): 15 minutes without a touch and the screen is replaced by the lock — the data is not in
 * the page any more — a touch keeps it away, the right password (checked on the device against
 * the kept hash) brings the screen back, a wrong one counts down, and the 5th wrong one with a
 * change still waiting keeps the phone locked rather than lose it.
 */
import { act, cleanup, fireEvent, render, screen, configure } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { saveRecord } from '../../actions';
import { saveLocalCredential, writeSession, type CundianDb } from '../../db';
import { newServicePointFields } from '../../domain/servicePoint';
import { setSyncEngine, SyncEngine } from '../../sync';
import { IdleLock } from './IdleLock';
import { LAST_ACTIVITY_KEY, LOCK_ENABLED_KEY, LOCK_MINUTES_KEY, lockMinutesOf } from './idleState';
import { freshDatabase } from '../../test-support/database';

configure({ asyncUtilTimeout: 5_000 });

const MINUTE = 60_000;
let db: CundianDb;

beforeEach(async () => {
  db = freshDatabase('lock-test');
  localStorage.clear();
  // No server at all: the phone is offline.
  setSyncEngine(
    new SyncEngine({
      db,
      baseUrl: 'http://test',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    }),
  );
  await writeSession(
    {
      token: 't'.repeat(43),
      user: {
        id: 'u1',
        username: 'officer',
        displayName: '王干事',
        role: 'officer',
        scope: { level: 'township', code: '330127101' },
      },
      loggedInAt: '2026-03-01T00:00:00.000Z',
    },
    db,
  );
  await saveLocalCredential('u1', 'right-password-1', db, 1_000);
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
});

afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

function renderApp() {
  const location = memoryLocation({ path: '/points', record: true });
  render(
    <Router hook={location.hook}>
      <IdleLock>
        <p>王大妈的手机号 138 1234 5678</p>
      </IdleLock>
    </Router>,
  );
}

async function typePassword(password: string) {
  fireEvent.change(await screen.findByLabelText(/密码/), { target: { value: password } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '解锁' }));
  });
}

describe('idle lock', () => {
  it('locks after 15 idle minutes with nothing of the data beneath, and unlocks offline', async () => {
    expect(localStorage.getItem(LOCK_ENABLED_KEY)).toBe('1'); // kept at sign-in
    renderApp();
    expect(screen.getByText(/138 1234 5678/)).toBeTruthy();

    // Activity keeps it open: a touch at 14 minutes restarts the count.
    act(() => vi.advanceTimersByTime(14 * MINUTE));
    fireEvent.pointerDown(window);
    act(() => vi.advanceTimersByTime(14 * MINUTE));
    expect(screen.queryByRole('heading', { name: '已锁定' })).toBeNull();

    act(() => vi.advanceTimersByTime(1 * MINUTE + 15_000));
    await screen.findByRole('heading', { name: '已锁定' });
    expect(document.body.textContent).not.toContain('138 1234 5678');

    await typePassword('wrong-one');
    await screen.findByText('密码不对，还可以再试 4 次');
    expect(document.body.textContent).not.toContain('138 1234 5678');

    await typePassword('right-password-1');
    await screen.findByText(/138 1234 5678/);
  });

  it('follows the deployment’s minutes kept on the phone (IDLE_LOCK_MINUTES), offline too', async () => {
    localStorage.setItem(LOCK_MINUTES_KEY, '5');
    renderApp();
    act(() => vi.advanceTimersByTime(4 * MINUTE));
    expect(screen.queryByRole('heading', { name: '已锁定' })).toBeNull();
    act(() => vi.advanceTimersByTime(1 * MINUTE + 15_000));
    await screen.findByRole('heading', { name: '已锁定' });
  });

  it('reads only minutes a deployment may set from the server’s answer', () => {
    expect(lockMinutesOf({ idleLockMinutes: 5 })).toBe(5);
    for (const bad of [
      { idleLockMinutes: 0 },
      { idleLockMinutes: 241 },
      { idleLockMinutes: 2.5 },
      {},
      null,
      'x',
    ]) {
      expect(lockMinutesOf(bad)).toBeNull();
    }
  });

  it('locks on opening the app after a long pause', async () => {
    localStorage.setItem(LAST_ACTIVITY_KEY, String(Date.now() - 20 * MINUTE));
    renderApp();
    await screen.findByRole('heading', { name: '已锁定' });
    expect(document.body.textContent).not.toContain('138 1234 5678');
  });

  it('after 5 wrong passwords offline with a change waiting, stays locked and keeps everything', async () => {
    await saveRecord(
      'servicePoint',
      null,
      { ...newServicePointFields('2026-03-01'), regionCode: '330127101201', name: '待同步的点' },
      db,
    );
    localStorage.setItem(LAST_ACTIVITY_KEY, String(Date.now() - 20 * MINUTE));
    renderApp();
    for (let left = 4; left >= 1; left--) {
      await typePassword(`wrong-${left}`);
      await screen.findByText(`密码不对，还可以再试 ${left} 次`);
    }
    await typePassword('wrong-again');
    await screen.findByText(/手机保持锁定/);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.servicePoints.count()).toBe(1);
    expect(screen.getByRole('heading', { name: '已锁定' })).toBeTruthy();
  });
});
