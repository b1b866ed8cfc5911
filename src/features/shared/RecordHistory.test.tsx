/**
 * "Who changed this, and when?" is the first question when a coordinator finds a point's phone
 * number wrong. The history comes from the server's change log; it must read as sentences with
 * the fields' own names, and say plainly when it cannot be had offline.
 */
import { act, fireEvent, render, screen, configure } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeSession, type CundianDb } from '../../db';
import type { User } from '../../domain/protocol';
import { appSyncStore, INITIAL_SYNC_STATE, setSyncEngine, SyncEngine } from '../../sync';
import { RecordHistory } from './RecordHistory';
import { freshDatabase } from '../../test-support/database';

// The first query opens a fresh IndexedDB (four schema versions): slow on a busy machine.
configure({ asyncUtilTimeout: 5_000 });

const ID = '01900000-0000-7000-8000-000000000001';
const coordinator: User = {
  id: 'u2',
  username: 'coordinator',
  displayName: '李协调',
  role: 'coordinator',
  scope: { level: 'county', code: '330127' },
};

let db: CundianDb;
let online = true;
const paths: string[] = [];

beforeEach(async () => {
  online = true;
  paths.length = 0;
  db = freshDatabase('history-test');
  appSyncStore.setState({ ...INITIAL_SYNC_STATE });
  setSyncEngine(
    new SyncEngine({
      db,
      baseUrl: 'http://test',
      fetch: async (url) => {
        paths.push(new URL(url).pathname);
        if (!online) throw new TypeError('Failed to fetch');
        return new Response(
          JSON.stringify({
            history: [
              {
                version: 1,
                op: 'create',
                fields: ['name', 'regionCode'],
                at: '2026-03-01T02:00:00.000Z',
                user: { username: 'officer', displayName: '王干事' },
                clientId: null,
              },
              {
                version: 2,
                op: 'update',
                fields: ['operatorPhone', 'notes'],
                at: '2026-03-02T02:00:00.000Z',
                user: { username: 'coordinator', displayName: '李协调' },
                clientId: null,
              },
            ],
          }),
          { status: 200 },
        );
      },
    }),
  );
  await writeSession({ token: 't', user: coordinator, loggedInAt: '2026-03-01T00:00:00Z' }, db);
});

describe('RecordHistory', () => {
  it('lists who changed which fields, newest first, when asked', { timeout: 20_000 }, async () => {
    render(<RecordHistory entity="servicePoint" id={ID} />);
    const show = await screen.findByRole('button', { name: '查看修改记录' });
    await act(async () => {
      fireEvent.click(show);
    });
    const items = await screen.findAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('李协调 修改'),
      expect.stringContaining('王干事 新建'),
    ]);
    expect(items[0]!.textContent).toContain('改了：运营人电话、备注');
    expect(paths).toEqual([`/api/records/servicePoint/${ID}/history`]);
  });

  it('says the history needs a connection when there is none', async () => {
    online = false;
    render(<RecordHistory entity="servicePoint" id={ID} />);
    const show = await screen.findByRole('button', { name: '查看修改记录' });
    await act(async () => {
      fireEvent.click(show);
    });
    expect(await screen.findByText('查看修改记录需要网络。')).toBeTruthy();
  });

  it('is an h2 section by default and an h3 where the page asks for it', async () => {
    const page = render(<RecordHistory entity="servicePoint" id={ID} />);
    expect(screen.getByRole('heading', { name: '修改记录' }).tagName).toBe('H2');
    expect(screen.getByRole('region', { name: '修改记录' })).toBeTruthy();
    page.unmount();
    render(<RecordHistory entity="servicePoint" id={ID} headingLevel={3} />);
    expect(screen.getByRole('heading', { name: '修改记录' }).tagName).toBe('H3');
    expect(screen.getByRole('region', { name: '修改记录' })).toBeTruthy();
  });
});
