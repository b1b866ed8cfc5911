/**
 * The conflicts inbox comes a page at a time: a coordinator whose county piled up hundreds of
 * conflicts (or 60 of 2 MB junk) must get the first ones at once on a cheap phone, see how many
 * wait in all, and ask for more when done with these. A value too large to list arrives as its
 * start and its size, and says so. The server is played by a fetch that answers the protocol's
 * pages (limit, after, next, total) from a list, as server/sync/conflicts.ts does.
 */
import { act, configure, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeSession, type CundianDb } from '../../db';
import type { User } from '../../domain/protocol';
import { appSyncStore, INITIAL_SYNC_STATE, setSyncEngine, SyncEngine } from '../../sync';
import type { Conflict } from '../../sync';
import ConflictsScreen from './ConflictsScreen';
import { freshDatabase } from '../../test-support/database';

// Fifty cards in jsdom on a busy two-core machine take seconds: wait long enough that only a
// wrong screen fails, never a slow one.
configure({ asyncUtilTimeout: 20_000 });

const coordinator: User = {
  id: 'u2',
  username: 'coordinator',
  displayName: '李协调',
  role: 'coordinator',
  scope: { level: 'county', code: '330127' },
};

function conflict(id: number, overrides: Partial<Conflict> = {}): Conflict {
  return {
    id,
    entity: 'servicePoint',
    recordId: `01900000-0000-7000-8000-${String(id).padStart(12, '0')}`,
    kind: 'field',
    field: 'name',
    winningValue: `新名字 ${id}`,
    losingValue: `旧名字 ${id}`,
    winner: { username: 'officer2', displayName: '王二', version: 3 },
    loser: { username: 'officer1', displayName: '李一', version: 2 },
    createdAt: '2026-03-02T08:00:00.000Z',
    recordDeleted: false,
    ...overrides,
  };
}

let db: CundianDb;
let online = true;
/** What the fake server holds, and the inbox requests it was asked, as path + query. */
let inbox: Conflict[] = [];
/** The fake server's page size when the app does not ask for one (the real one: 50). */
let pageSize = 50;
const asked: string[] = [];

beforeEach(async () => {
  online = true;
  pageSize = 50;
  asked.length = 0;
  inbox = Array.from({ length: 60 }, (_, i) => conflict(i + 1));
  db = freshDatabase('conflicts-test');
  appSyncStore.setState({ ...INITIAL_SYNC_STATE });
  setSyncEngine(
    new SyncEngine({
      db,
      baseUrl: 'http://test',
      fetch: async (url, init) => {
        const target = new URL(url);
        if (!online || !target.pathname.startsWith('/api/conflicts')) {
          throw new TypeError('Failed to fetch');
        }
        const resolved = /^\/api\/conflicts\/(\d+)\/resolve$/.exec(target.pathname);
        if (resolved && init.method === 'POST') {
          const done = inbox.find((c) => c.id === Number(resolved[1]));
          inbox = inbox.filter((c) => c.id !== Number(resolved[1]));
          // The answer's shape is the route's (src/domain/api): the client parses it.
          return new Response(JSON.stringify({ conflict: done, version: 4 }), { status: 200 });
        }
        asked.push(`${target.pathname}${target.search}`);
        const limit = Number(target.searchParams.get('limit') ?? pageSize);
        const after = Number(target.searchParams.get('after') ?? 0);
        const rest = inbox.filter((c) => c.id > after);
        const page = rest.slice(0, limit);
        const next = rest.length > limit ? String(page[page.length - 1]!.id) : null;
        return new Response(JSON.stringify({ conflicts: page, next, total: inbox.length }), {
          status: 200,
        });
      },
    }),
  );
  await writeSession({ token: 't', user: coordinator, loggedInAt: '2026-03-01T00:00:00Z' }, db);
});

function cards() {
  return screen.queryAllByRole('heading', { level: 2, name: /服务点/ });
}

describe('ConflictsScreen', () => {
  it('shows the first page and the count of all, then loads more until none wait', async () => {
    render(<ConflictsScreen />);
    await screen.findAllByText('旧名字 1');
    expect(cards()).toHaveLength(50);
    expect(screen.getByText('60')).toBeTruthy(); // the header: all that wait, not the 50 shown
    expect(asked).toEqual(['/api/conflicts']);

    const more = screen.getByRole('button', { name: '加载更多（还有 10 条）' });
    await act(async () => {
      fireEvent.click(more);
    });
    await screen.findByText('旧名字 60');
    expect(cards()).toHaveLength(60);
    expect(asked).toEqual(['/api/conflicts', '/api/conflicts?after=50']);
    expect(screen.queryByRole('button', { name: /加载更多/ })).toBeNull();
    // As long as the waits above (configure): fifty cards take seconds on a busy machine.
  }, 20_000);

  it('counts down as conflicts are resolved, and the next page still starts after the last shown', async () => {
    render(<ConflictsScreen />);
    await screen.findAllByText('旧名字 1');
    const first = screen.getByText('旧名字 1').closest('li')!;
    await act(async () => {
      fireEvent.click(within(first).getByRole('button', { name: '保留现在的值' }));
    });
    await screen.findByText('已保留现在的值');
    expect(screen.queryByText('旧名字 1')).toBeNull();
    expect(screen.getByText('59')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '加载更多（还有 10 条）' }));
    });
    await screen.findByText('旧名字 60');
    expect(asked).toContain('/api/conflicts?after=50');
    expect(cards()).toHaveLength(59);
  });

  it('brings the next page by itself once every conflict shown is resolved', async () => {
    pageSize = 2;
    inbox = [conflict(1), conflict(2), conflict(3)];
    render(<ConflictsScreen />);
    for (const id of [1, 2]) {
      const card = (await screen.findByText(`旧名字 ${id}`)).closest('li')!;
      await act(async () => {
        fireEvent.click(within(card).getByRole('button', { name: '保留现在的值' }));
      });
    }
    await screen.findByText('旧名字 3');
    expect(asked).toEqual(['/api/conflicts', '/api/conflicts?after=2']);
  });

  it('says when more cannot be had offline, keeps what is shown, and tries again on the same button', async () => {
    render(<ConflictsScreen />);
    await screen.findAllByText('旧名字 1');
    online = false;
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /加载更多/ }));
    });
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', '加载更多需要网络。');
    expect(cards()).toHaveLength(50);
    online = true;
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /加载更多/ }));
    });
    await screen.findByText('旧名字 60');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a value too large to list as its start and its full size', async () => {
    inbox = [
      conflict(1, {
        kind: 'deleted',
        field: null,
        winningValue: null,
        losingValue: `{"name": "${'垃'.repeat(180)}…`,
        truncated: { losingValue: 2_100_000 },
      }),
    ];
    render(<ConflictsScreen />);
    const lost = await screen.findByTestId('conflict-lost');
    expect(lost.textContent).toMatch(/^\{"name": "垃垃垃/);
    expect(lost.textContent).toMatch(/太长，只显示开头；共 2(\.0)? ?MB/);
    expect(screen.queryByRole('button', { name: /加载更多/ })).toBeNull();
  });

  it('reads an answer from a server before pages (no next, no total) as the whole list', async () => {
    setSyncEngine(
      new SyncEngine({
        db,
        baseUrl: 'http://test',
        fetch: async () =>
          new Response(JSON.stringify({ conflicts: [conflict(1), conflict(2)] }), {
            status: 200,
          }),
      }),
    );
    render(<ConflictsScreen />);
    await screen.findByText('旧名字 2');
    expect(screen.getByText('2')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /加载更多/ })).toBeNull();
  });
});
