/**
 * Today nothing tells a coordinator that a conflict waits (issue 12). The badge in the top bar
 * does, from the server's own totals (`?limit=1` pages: the count without the items), and keeps
 * saying it in a village without signal, with the time the count was learnt. Nothing is asked
 * for, or shown, for a role that cannot resolve conflicts. The server is a fetch answering the
 * inboxes' pages as server/sync/conflicts.ts and server/duplicates/review.ts do.
 */
import {
  act,
  cleanup,
  configure,
  render,
  renderHook,
  screen,
  waitFor,
} from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { navigate } from 'wouter/use-browser-location';
import { markFirstDataShown } from '../shared/firstData';
import { keepAnswer, readKeptAnswer, writeSession, type CundianDb } from '../../db';
import { INBOX_COUNTS_KEY, useNotices } from '../shared/notices';
import type { Role, User } from '../../domain/protocol';
import { appSyncStore, INITIAL_SYNC_STATE, setSyncEngine, SyncEngine } from '../../sync';
import NoticesScreen from './NoticesScreen';
import NoticesBadge from './NoticesBadge';
import { resetInboxCountsClock } from './inboxCounts';
import { freshDatabase } from '../../test-support/database';

configure({ asyncUtilTimeout: 5_000 });

let db: CundianDb;
let online = true;
const asked: string[] = [];
let waiting = { conflicts: 3, duplicates: 2 };

function user(role: Role): User {
  return {
    id: `u-${role}`,
    username: role,
    displayName: role,
    role,
    scope: { level: 'county', code: '330127' },
  };
}

function setOnline(value: boolean) {
  online = value;
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => value });
  window.dispatchEvent(new Event(value ? 'online' : 'offline'));
}

// The badge asks the server once the start page's figures are shown (src/features/shared/firstData.ts): these
// tests render the badge alone, as if they were.
markFirstDataShown();

beforeEach(() => {
  asked.length = 0;
  waiting = { conflicts: 3, duplicates: 2 };
  resetInboxCountsClock();
  setOnline(true);
  db = freshDatabase('notices-badge');
  appSyncStore.setState({ ...INITIAL_SYNC_STATE });
  setSyncEngine(
    new SyncEngine({
      db,
      baseUrl: 'http://test',
      fetch: async (url) => {
        if (!online) throw new TypeError('Failed to fetch');
        const target = new URL(url);
        asked.push(`${target.pathname}${target.search}`);
        const kind = target.pathname === '/api/conflicts' ? 'conflicts' : 'duplicates';
        // One item would come with the count; the badge needs only the count.
        return new Response(JSON.stringify({ [kind]: [], next: null, total: waiting[kind] }), {
          status: 200,
        });
      },
    }),
  );
});

afterEach(() => {
  cleanup();
  setOnline(true);
});

async function signIn(role: Role) {
  await writeSession({ token: 't', user: user(role), loggedInAt: '2026-06-01T00:00:00Z' }, db);
}

describe('the notices badge', () => {
  it("counts the coordinator's waiting conflicts and duplicates from the server's totals", async () => {
    await signIn('coordinator');
    render(<NoticesBadge />);
    const badge = await screen.findByRole('link', { name: '5 件事需要处理' });
    expect(badge.getAttribute('href')).toBe('/notices');
    expect(badge.textContent).toBe('5');
    expect(asked.sort()).toEqual(['/api/conflicts?limit=1', '/api/duplicates?limit=1']);
  });

  it('keeps the counts offline, with the time they were learnt, where the notices lead', async () => {
    await signIn('coordinator');
    const { unmount } = render(<NoticesBadge />);
    await screen.findByRole('link', { name: '5 件事需要处理' });
    const learnt = await readKeptAnswer(INBOX_COUNTS_KEY, db);
    unmount();

    // No signal, a new day: the phone still says what waits, and since when it knows.
    setOnline(false);
    asked.length = 0;
    resetInboxCountsClock();
    render(
      <>
        <NoticesBadge />
        <NoticesScreen />
      </>,
    );
    await screen.findByRole('link', { name: '5 件事需要处理' });
    const conflicts = await screen.findByRole('link', { name: /3 条修改冲突等你处理/ });
    expect(conflicts.getAttribute('href')).toBe('/sync/conflicts');
    expect(conflicts.textContent).toMatch(/离线：服务器 .+ 的数字/);
    expect(screen.getByRole('link', { name: /有 2 对可能重复的服务点待处理/ })).toBeTruthy();
    expect(asked).toEqual([]);
    expect(await readKeptAnswer(INBOX_COUNTS_KEY, db)).toEqual(learnt);
  });

  it('follows the server when the signal comes back', async () => {
    await signIn('coordinator');
    setOnline(false);
    render(<NoticesBadge />);
    // What the badge is drawn from, once read from the device: nothing known yet, nothing asked.
    const notices = renderHook(() => useNotices());
    await waitFor(() => expect(notices.result.current).toEqual([]));
    expect(screen.queryByTestId('notices-badge')).toBeNull();
    expect(asked).toEqual([]);

    waiting = { conflicts: 1, duplicates: 0 };
    await act(async () => setOnline(true));
    await screen.findByRole('link', { name: '1 件事需要处理' });
  });

  it('asks again on leaving an inbox, where the user resolved some', async () => {
    await signIn('coordinator');
    navigate('/sync/conflicts');
    render(<NoticesBadge />);
    await screen.findByRole('link', { name: '5 件事需要处理' });

    // Three conflicts resolved: within the minute, but leaving the inbox asks again.
    waiting = { conflicts: 0, duplicates: 2 };
    await act(async () => navigate('/points'));
    await screen.findByRole('link', { name: '2 件事需要处理' });
    // Moving on within the minute asks nothing more. The proof: once the next ask (leaving the
    // inbox again) has been answered, its two are the only asks — one from /training would have
    // been sent before them.
    asked.length = 0;
    await act(async () => navigate('/training'));
    waiting = { conflicts: 0, duplicates: 1 };
    await act(async () => navigate('/sync/conflicts'));
    await act(async () => navigate('/points'));
    await screen.findByRole('link', { name: '1 件事需要处理' });
    expect(asked.sort()).toEqual(['/api/conflicts?limit=1', '/api/duplicates?limit=1']);
    navigate('/');
  });

  it('asks nothing and shows nothing for roles that do not review', async () => {
    await signIn('officer');
    // Counts on the device (an earlier account's, say): still nothing for an officer to see.
    await keepAnswer(INBOX_COUNTS_KEY, { userId: 'u-officer', conflicts: 3, duplicates: 2 }, db);
    render(<NoticesBadge />);
    const notices = renderHook(() => useNotices());
    await waitFor(() => expect(notices.result.current).toEqual([]));
    expect(screen.queryByTestId('notices-badge')).toBeNull();
    // The proof that the officer's badge asked nothing: a coordinator signing in on this phone
    // asks at once, and theirs are the only asks (the officer's would have been sent first).
    await act(async () => signIn('coordinator'));
    await screen.findByRole('link', { name: '5 件事需要处理' });
    expect(asked.sort()).toEqual(['/api/conflicts?limit=1', '/api/duplicates?limit=1']);
  });
});

describe('the notices screen', () => {
  it('says so when nothing needs the user', async () => {
    await signIn('trainer');
    render(<NoticesScreen />);
    await screen.findByRole('heading', { name: '没有需要你处理的事。' });
  });
});
