/**
 * The duplicates inbox comes a page at a time, like the conflicts: the coordinator sees the first
 * pairs and how many wait in all, loads more on request, and the count follows each decision.
 * The notices count all that wait (not the pairs of one page), and a point's own notice asks for
 * that point's pairs, which may sit on any page. The server is a fetch answering the protocol's
 * pages (limit, after, point, next, total) from a list, as server/duplicates/review.ts does.
 */
import { act, configure, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeSession, type CundianDb } from '../../db';
import type { User } from '../../domain/protocol';
import { newServicePointFields } from '../../domain/servicePoint';
import { appSyncStore, INITIAL_SYNC_STATE, setSyncEngine, SyncEngine } from '../../sync';
import type { DuplicateFlag, DuplicatePoint } from '../../sync';
import { forgetDuplicateFlags, PointDuplicateNotice } from './DuplicatesNotice';
import DuplicatesScreen from './DuplicatesScreen';
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

function pointId(n: number): string {
  return `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

function point(n: number, name: string): DuplicatePoint {
  return {
    id: pointId(n),
    version: 1,
    data: {
      ...newServicePointFields('2026-03-01'),
      id: pointId(n),
      regionCode: '330127100219',
      name,
      version: 1,
      updatedAt: '2026-03-02T08:00:00.000Z',
      updatedBy: 'officer',
      deleted: false,
    },
    lastEditedBy: '王干事',
    createdAt: '2026-03-02T08:00:00.000Z',
  };
}

function flag(id: number): DuplicateFlag {
  return {
    id,
    reason: 'sameName',
    distance: null,
    createdAt: '2026-03-02T08:00:00.000Z',
    a: point(id * 2, `第${id}号店`),
    b: point(id * 2 + 1, `第${id}号店（二）`),
  };
}

let db: CundianDb;
let inbox: DuplicateFlag[] = [];
const asked: string[] = [];

beforeEach(async () => {
  asked.length = 0;
  forgetDuplicateFlags();
  inbox = Array.from({ length: 55 }, (_, i) => flag(i + 1));
  db = freshDatabase('duplicates-test');
  appSyncStore.setState({ ...INITIAL_SYNC_STATE });
  setSyncEngine(
    new SyncEngine({
      db,
      baseUrl: 'http://test',
      fetch: async (url, init) => {
        const target = new URL(url);
        if (!target.pathname.startsWith('/api/duplicates')) throw new TypeError('Failed to fetch');
        const dismissed = /^\/api\/duplicates\/(\d+)\/dismiss$/.exec(target.pathname);
        if (dismissed && init.method === 'POST') {
          inbox = inbox.filter((f) => f.id !== Number(dismissed[1]));
          // The answer's shape is the route's (src/domain/api): the client parses it.
          const answer = {
            id: Number(dismissed[1]),
            resolution: 'dismissed',
            keptId: null,
            version: null,
          };
          return new Response(JSON.stringify(answer), { status: 200 });
        }
        asked.push(`${target.pathname}${target.search}`);
        const limit = Number(target.searchParams.get('limit') ?? 50);
        const after = Number(target.searchParams.get('after') ?? 0);
        const of = target.searchParams.get('point');
        const matching = inbox.filter((f) => !of || f.a.id === of || f.b.id === of);
        const rest = matching.filter((f) => f.id > after);
        const page = rest.slice(0, limit);
        const next = rest.length > limit ? String(page[page.length - 1]!.id) : null;
        return new Response(JSON.stringify({ duplicates: page, next, total: matching.length }), {
          status: 200,
        });
      },
    }),
  );
  await writeSession({ token: 't', user: coordinator, loggedInAt: '2026-03-01T00:00:00Z' }, db);
});

describe('DuplicatesScreen', () => {
  it('shows the first page with the count of all, loads more, and counts down on a decision', async () => {
    render(<DuplicatesScreen />);
    await screen.findByText('55 对待处理');
    expect(screen.getAllByRole('button', { name: '不是重复' })).toHaveLength(50);

    const first = screen.getByText('第1号店').closest('li')!;
    await act(async () => {
      fireEvent.click(within(first).getByRole('button', { name: '不是重复' }));
    });
    await screen.findByText('54 对待处理');
    expect(screen.getAllByRole('button', { name: '不是重复' })).toHaveLength(49);

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '加载更多（还有 5 条）' }));
    });
    await screen.findByText('第55号店');
    expect(screen.getAllByRole('button', { name: '不是重复' })).toHaveLength(54);
    expect(asked).toEqual(['/api/duplicates', '/api/duplicates?after=50']);
    expect(screen.queryByRole('button', { name: /加载更多/ })).toBeNull();
    // As long as the waits above (configure): fifty cards take seconds on a busy machine.
  }, 20_000);
});

describe('PointDuplicateNotice', () => {
  it("on a point's page: asks for that point's pairs, wherever they are in the inbox", async () => {
    render(<PointDuplicateNotice pointId={pointId(55 * 2)} />);
    await screen.findByRole('link', { name: '可能与「第55号店（二）」重复：去处理' });
    expect(asked).toEqual([`/api/duplicates?point=${pointId(110)}`]);
  });
});
