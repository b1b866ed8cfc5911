/**
 * A coordinator who records a flagship store or moves a pilot offline must be able to tell, on the
 * record's own page, whether it has reached the server, why the server refused a change (the
 * change is gone from the outbox, so the page is the only place left that says so), and who
 * changed it when — the same three things a service point's page shows, from the same components.
 */
import {
  act,
  cleanup,
  configure,
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { saveRecord } from '../../actions';
import { ENTITY_TABLES, writeSession, type CundianDb } from '../../db';
import { recordRejections } from '../../db/sync';
import type { EntityName } from '../../domain/entities';
import type { User } from '../../domain/protocol';
import { appSyncStore, INITIAL_SYNC_STATE, setSyncEngine, SyncEngine } from '../../sync';
import { PilotDetail } from './PilotDetail';
import { ShopForm } from './Shops';
import { StoreDetail } from './StoreDetail';
import { StoreForm } from './StoreForm';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

// The first query opens a fresh IndexedDB (several schema versions): slow on a busy machine.
configure({ asyncUtilTimeout: 5_000 });
vi.setConfig({ testTimeout: 20_000 });

const QIANDAOHU = '330127100';
const coordinator: User = {
  id: 'u2',
  username: 'coordinator',
  displayName: '李协调',
  role: 'coordinator',
  scope: { level: 'county', code: '330127' },
};

let db: CundianDb;
let historyPaths: string[] = [];

beforeEach(async () => {
  historyPaths = [];
  db = freshDatabase('towns-record-pages');
  serveRegionFiles();
  appSyncStore.setState({ ...INITIAL_SYNC_STATE });
  // The server's change log, answered the way GET /api/records/:entity/:id/history does.
  setSyncEngine(
    new SyncEngine({
      db,
      baseUrl: 'http://test',
      fetch: async (url) => {
        const path = new URL(url).pathname;
        historyPaths.push(path);
        const entity = path.split('/')[3] as EntityName;
        const field =
          entity === 'agriShop'
            ? 'products'
            : entity === 'pilotTown'
              ? 'milestones'
              : 'mainProducts';
        return new Response(
          JSON.stringify({
            history: [
              {
                version: 1,
                op: 'create',
                fields: [],
                at: '2026-03-01T02:00:00.000Z',
                user: { username: 'coordinator', displayName: '李协调' },
                clientId: null,
              },
              {
                version: 2,
                op: 'update',
                fields: [field],
                at: '2026-03-02T02:00:00.000Z',
                user: { username: 'admin', displayName: '赵管理' },
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

/**
 * The server has the record (version 1) and nothing waits: what a successful push and pull leave.
 * (A refused *create* removes the row from the phone, so refusals are tested on an edit.)
 */
async function acceptAll(entity: EntityName, id: string) {
  await db.table(ENTITY_TABLES[entity]).update(id, { version: 1 });
  await db.outbox.clear();
}

/** The server refuses the record's last change, as a push result would. */
async function refuse(mutationId: number | null, zh: string) {
  if (mutationId === null) throw new Error('the edit wrote nothing');
  await recordRejections(db, [
    {
      mutationId,
      status: 'rejected',
      reason: 'scopeDenied',
      message: { 'zh-CN': zh, en: 'Not in your county' },
    },
  ]);
}

async function showHistory() {
  await act(async () => {
    fireEvent.click(await screen.findByRole('button', { name: '查看修改记录' }));
  });
  const region = await screen.findByRole('region', { name: '修改记录' });
  // The towns pages' sections are h3 under the record's h2 title.
  expect(within(region).getByRole('heading', { name: '修改记录' }).tagName).toBe('H3');
  return region;
}

describe('flagship store page', () => {
  it('shows waiting, then the refusal with its reason, and the history with field names', async () => {
    const saved = await saveRecord('flagshipStore', null, {
      townshipCode: QIANDAOHU,
      platform: 'taobao',
      storeName: '千岛湖特产旗舰店',
      url: null,
      openedOn: null,
      status: 'planned',
      mainProducts: '有机鱼',
      operator: '',
      monthlyFigures: [],
    });
    render(<StoreDetail id={saved.id} />);
    expect((await screen.findByTestId('sync-state')).textContent).toBe('待同步（1 处修改）');
    await act(() => acceptAll('flagshipStore', saved.id));
    await waitFor(() => expect(screen.getByTestId('sync-state').textContent).toBe('已同步'));
    expect(screen.queryByText(/没有被服务器接受/)).toBeNull();

    const edit = await saveRecord('flagshipStore', saved.id, { mainProducts: '有机鱼、茶叶' });
    await waitFor(() =>
      expect(screen.getByTestId('sync-state').textContent).toBe('待同步（1 处修改）'),
    );
    await act(() => refuse(edit.mutationId, '这个镇不在你的县'));
    expect(await screen.findByText('这条记录有 1 处修改没有被服务器接受。')).toBeTruthy();
    expect(await screen.findByText('不在你负责的区域内：这个镇不在你的县')).toBeTruthy();
    // Refused changes leave the outbox: nothing waits any more.
    expect(screen.getByTestId('sync-state').textContent).toBe('已同步');

    const history = await showHistory();
    const items = await within(history).findAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('赵管理 修改'),
      expect.stringContaining('李协调 新建'),
    ]);
    expect(items[0]!.textContent).toContain('改了：主营产品');
    expect(historyPaths).toEqual([`/api/records/flagshipStore/${saved.id}/history`]);
  });
});

describe('a store the server refused to create', () => {
  it('is gone from the phone, and its address says so with the reason, not a blank form', async () => {
    const saved = await saveRecord('flagshipStore', null, {
      townshipCode: QIANDAOHU,
      platform: 'taobao',
      storeName: '被拒绝的店',
      url: null,
      openedOn: null,
      status: 'planned',
      mainProducts: '',
      operator: '',
      monthlyFigures: [],
    });
    await refuse(saved.mutationId, '这个镇不在你的县');
    render(<StoreDetail id={saved.id} />);
    expect(await screen.findByText('找不到这条记录')).toBeTruthy();
    expect(await screen.findByText('不在你负责的区域内：这个镇不在你的县')).toBeTruthy();
    cleanup();
    // The edit address opens no empty form that would make the store anew.
    render(<StoreForm id={saved.id} />);
    expect(await screen.findByText('找不到这条记录')).toBeTruthy();
    expect(screen.queryByLabelText('店铺名称')).toBeNull();
    expect(await screen.findByText('不在你负责的区域内：这个镇不在你的县')).toBeTruthy();
  });

  it('a shop address that is not on the phone says so instead of an empty form', async () => {
    render(<ShopForm id="01900000-0000-7000-8000-00000000dead" />);
    expect(await screen.findByText('找不到这条记录')).toBeTruthy();
    expect(screen.queryByLabelText('网店名称')).toBeNull();
    expect(screen.getByRole('link', { name: '返回网店列表' }).getAttribute('href')).toBe(
      '/towns/shops',
    );
  });
});

const savePilot = () =>
  saveRecord('pilotTown', null, {
    townshipCode: QIANDAOHU,
    year: 2026,
    status: 'proposed',
    statusHistory: [{ status: 'proposed', date: '2026-03-01' }],
    milestones: [],
    notes: '',
    photos: [],
  });

describe('pilot page', () => {
  it('shows its sync state, a refused change and the history', async () => {
    const saved = await savePilot();
    render(<PilotDetail id={saved.id} />);
    expect((await screen.findByTestId('sync-state')).textContent).toBe('待同步（1 处修改）');
    await act(() => acceptAll('pilotTown', saved.id));
    const edit = await saveRecord('pilotTown', saved.id, { notes: '镇政府已盖章' });
    await act(() => refuse(edit.mutationId, '试点不在你的县'));
    expect(await screen.findByText('不在你负责的区域内：试点不在你的县')).toBeTruthy();
    const history = await showHistory();
    expect((await within(history).findAllByRole('listitem'))[0]!.textContent).toContain(
      '改了：里程碑',
    );
    expect(historyPaths).toEqual([`/api/records/pilotTown/${saved.id}/history`]);
  });

  it('calls its pictures 验收材料, not 照片', async () => {
    const saved = await savePilot();
    render(<PilotDetail id={saved.id} />);
    const group = await screen.findByRole('group', { name: '验收材料' });
    expect(within(group).getByLabelText('拍照或选择验收材料')).toBeTruthy();
    expect(screen.queryByRole('group', { name: '照片' })).toBeNull();
    expect(screen.queryByText('拍照或选择照片')).toBeNull();
  });
});

describe('agricultural shop page', () => {
  it('shows the same on the edit page, which is the only page a shop has', async () => {
    const saved = await saveRecord('agriShop', null, {
      name: '富城村土蜂蜜小店',
      platform: 'taobao',
      url: null,
      regionCode: QIANDAOHU,
      products: '土蜂蜜',
      onServicePlatform: false,
      joinedOn: null,
    });
    render(<ShopForm id={saved.id} />);
    expect((await screen.findByTestId('sync-state')).textContent).toBe('待同步（1 处修改）');
    await act(() => acceptAll('agriShop', saved.id));
    const edit = await saveRecord('agriShop', saved.id, { products: '土蜂蜜、笋干' });
    await act(() => refuse(edit.mutationId, '网店不在你的县'));
    expect(await screen.findByText('不在你负责的区域内：网店不在你的县')).toBeTruthy();
    const history = await showHistory();
    expect((await within(history).findAllByRole('listitem'))[0]!.textContent).toContain(
      '改了：产品',
    );
  });

  it('a new shop shows none of it: there is nothing synced or refused yet', async () => {
    render(<ShopForm />);
    await screen.findByLabelText('网店名称');
    expect(screen.queryByTestId('sync-state')).toBeNull();
    expect(screen.queryByRole('button', { name: '查看修改记录' })).toBeNull();
  });
});
