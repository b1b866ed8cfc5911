/**
 * The sync panel is how a field officer knows whether a week of work is safe: how many changes
 * wait and for how long, why the last sync failed (in Chinese first), which changes the server
 * refused, and — before logging out would delete unsynced work — a warning with an export.
 */
import {
  act,
  cleanup,
  fireEvent,
  render,
  screen,
  waitFor,
  within,
  configure,
} from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { saveRecord } from '../../actions';
import { setLocale } from '../../i18n';
import { listOutbox, readSession, writeSession, type CundianDb } from '../../db';
import { recordRejections, writeCompletenessCheck } from '../../db/sync';
import type { User } from '../../domain/protocol';
import { newServicePointFields } from '../../domain/servicePoint';
import { appSyncStore, INITIAL_SYNC_STATE, setSyncEngine, SyncEngine } from '../../sync';
import { SyncStatusPanel } from './SyncStatusPanel';
import { freshDatabase } from '../../test-support/database';

// The first query opens a fresh IndexedDB (four schema versions): slow on a busy machine.
configure({ asyncUtilTimeout: 5_000 });

const officer: User = {
  id: 'u1',
  username: 'officer',
  displayName: '王干事',
  role: 'officer',
  scope: { level: 'township', code: '330127101' },
};

let db: CundianDb;
const requests: string[] = [];

beforeEach(async () => {
  db = freshDatabase('panel-test');
  appSyncStore.setState({ ...INITIAL_SYNC_STATE });
  requests.length = 0;
  setSyncEngine(
    new SyncEngine({
      db,
      baseUrl: 'http://test',
      fetch: async (url) => {
        requests.push(new URL(url).pathname);
        throw new TypeError('Failed to fetch');
      },
    }),
  );
  await writeSession({ token: 't', user: officer, loggedInAt: '2026-03-01T00:00:00Z' }, db);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  setLocale('zh-CN');
});

function renderPanel() {
  const { hook } = memoryLocation({ path: '/settings' });
  return render(
    <Router hook={hook}>
      <SyncStatusPanel />
    </Router>,
  );
}

const point = (name: string) => ({
  ...newServicePointFields('2026-03-01'),
  regionCode: '330127101201',
  name,
});

describe('SyncStatusPanel', () => {
  it('shows who is logged in, what waits, and why the last sync failed, in Chinese', async () => {
    await saveRecord('servicePoint', null, point('下姜村电商服务点'), db);
    await saveRecord('servicePoint', null, point('枫树岭服务站'), db);
    renderPanel();
    expect(await screen.findByText(/王干事（电商专员）/)).toBeTruthy();
    expect(await screen.findByText('2 处修改等待上传')).toBeTruthy();
    expect(screen.getByTestId('sync-oldest').textContent).toContain('最早一处已等待');
    expect(screen.getByText('还没有同步过')).toBeTruthy();

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '立即同步' }));
    });
    expect(await screen.findByText(/连不上服务器/)).toBeTruthy();
    expect(requests.length).toBeGreaterThan(0);
    expect(await listOutbox(db)).toHaveLength(2);

    act(() => setLocale('en'));
    expect(await screen.findByText('2 changes waiting to upload')).toBeTruthy();
    expect(screen.getByText(/The server cannot be reached/)).toBeTruthy();
  });

  it('lists a refused change with its reason and lets the user mark it read', async () => {
    const { mutationId } = await saveRecord('servicePoint', null, point('别处的点'), db);
    await recordRejections(db, [
      {
        mutationId: mutationId!,
        status: 'rejected',
        reason: 'scopeDenied',
        message: { 'zh-CN': '这个村不在你的乡镇', en: 'Not in your township' },
      },
    ]);
    renderPanel();
    const heading = await screen.findByRole('heading', { name: /没有被服务器接受的修改（1）/ });
    const section = heading.closest('section')!;
    expect(within(section).getByText(/服务点「别处的点」/)).toBeTruthy();
    expect(within(section).getByText('不在你负责的区域内：这个村不在你的乡镇')).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(section).getByRole('button', { name: '知道了' }));
    });
    expect(await screen.findByRole('button', { name: '显示已读的 1 条' })).toBeTruthy();
  });

  it('warns before logging out over unsynced work and offers an export first', async () => {
    await saveRecord('servicePoint', null, point('未同步的点'), db);
    const created: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: vi.fn((blob: Blob) => {
        created.push(blob);
        return 'blob:export';
      }),
      revokeObjectURL: vi.fn(),
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderPanel();
    await screen.findByText(/王干事/);
    const logout = await screen.findByRole('button', { name: '退出登录' });
    await act(async () => {
      fireEvent.click(logout);
    });
    expect(
      await screen.findByText(
        /还有 1 处修改没有同步，0 处修改没有被接受。退出会把它们从这台手机上删除。/,
      ),
    ).toBeTruthy();

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '导出备份文件（JSON）' }));
    });
    await waitFor(() => expect(click).toHaveBeenCalled());
    const exported = JSON.parse(await created[0]!.text()) as { outbox: { changes: object }[] };
    expect(exported.outbox[0]!.changes).toMatchObject({ name: '未同步的点' });
    expect(await screen.findByText(/已导出到文件 cundian-unsynced-officer-.*\.json/)).toBeTruthy();

    // Beside it, the workbook the officer can open (rescueWorkbook.test.ts reads one back).
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '导出 Excel 表格' }));
    });
    expect(await screen.findByText(/已导出到文件 cundian-unsynced-officer-.*\.xlsx/)).toBeTruthy();
    const workbook = created[1]!;
    expect(workbook.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(new Uint8Array(await workbook.arrayBuffer()).slice(0, 2)).toEqual(
      new Uint8Array([0x50, 0x4b]), // PK: a zip, as every .xlsx is
    );
    expect(await readSession(db)).not.toBeNull();

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '仍然退出并删除' }));
    });
    await waitFor(async () => expect(await readSession(db)).toBeNull());
    expect(await listOutbox(db)).toEqual([]);
  });

  it('says whether the phone’s data was checked against the server, and when', async () => {
    renderPanel();
    expect(await screen.findByText('尚未核对本机数据')).toBeTruthy();
    await act(async () => {
      await writeCompletenessCheck(
        {
          at: '2026-03-02T08:05:00.000Z',
          outcome: 'repaired',
          repaired: 4,
          entities: ['servicePoint'],
          ms: 120,
          resyncAskedAt: null,
        },
        db,
      );
    });
    // The live query follows the write a moment later: wait for the new words.
    await waitFor(() =>
      expect(screen.getByTestId('sync-check').textContent).toMatch(
        /^数据核对补齐了 4 条记录，现已与服务器一致（.+）$/,
      ),
    );
    await act(async () => {
      await writeCompletenessCheck(
        {
          at: '2026-03-02T09:00:00.000Z',
          outcome: 'differs',
          repaired: 0,
          entities: ['trainee'],
          ms: 80,
          resyncAskedAt: '2026-03-02T09:00:00.000Z',
        },
        db,
      );
    });
    await waitFor(() =>
      expect(screen.getByTestId('sync-check').textContent).toMatch(
        /数据核对发现本机与服务器不一致.*下次同步将重新下载本区域的全部数据/,
      ),
    );
    setLocale('en');
    await waitFor(() =>
      expect(screen.getByTestId('sync-check').textContent).toMatch(
        /^Data check: this phone does not match the server/,
      ),
    );
  });
});
