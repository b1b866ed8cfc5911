/**
 * A county coordinator works in one county: the server refuses a shop, store or pilot placed
 * anywhere else, days later, when the phone next finds a signal. So the towns screens offer only
 * the user's own area — the shop form's place picker, the "add" buttons of a town — and measure
 * the overview on it: a coordinator's phone holds the whole prefecture's central-town list but
 * only the county's stores, so a town elsewhere must not show up as "no store".
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
import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { markCentralTown, saveRecord } from '../../actions';
import { SESSION_KEY, listRecords, loadDraft, writeSession, type CundianDb } from '../../db';
import type { User } from '../../domain/protocol';
import { Overview } from './Overview';
import { ShopForm } from './Shops';
import { StoreForm } from './StoreForm';
import { TownPage } from './TownPage';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

configure({ asyncUtilTimeout: 5_000 });
vi.setConfig({ testTimeout: 20_000 });

const CHUNAN = '330127';
const QIANDAOHU = '330127100';
const JIANDE_XINANJIANG = '330182001';
const coordinator: User = {
  id: 'u2',
  username: 'coordinator',
  displayName: '李协调',
  role: 'coordinator',
  scope: { level: 'county', code: CHUNAN },
};

let db: CundianDb;

beforeEach(async () => {
  db = freshDatabase('towns-scope');
  serveRegionFiles();
  await writeSession({ token: 't', user: coordinator, loggedInAt: '2026-03-01T00:00:00Z' }, db);
});

const optionTexts = (label: string) =>
  Array.from((screen.getByLabelText(label) as HTMLSelectElement).options).map((o) => o.text);

describe('shop form', () => {
  it('offers a 淳安县 coordinator only 淳安县, starts there, and makes no draft of it', async () => {
    // Only the timers are faked, advancing with the real clock so the screen runs as usual: the
    // draft's 300 ms debounce is then a timer the test runs at once, not one it waits out.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    render(<ShopForm />);
    await screen.findByLabelText('网店名称');
    // The session is read from the local database: the picker narrows once it is.
    await waitFor(() => expect(optionTexts('区县')).toEqual(['请选择', '淳安县']));
    await waitFor(() =>
      expect((screen.getByLabelText('区县') as HTMLSelectElement).value).toBe(CHUNAN),
    );
    // Its townships are offered, and only they.
    expect(optionTexts('乡镇（街道）')).toContain('千岛湖镇');
    expect(optionTexts('乡镇（街道）')).not.toContain('新安江街道');
    // Every pending timer run, the draft's debounce among them if there were one: starting in
    // the area is not the user's typing, so there is no draft.
    await act(() => vi.runOnlyPendingTimersAsync());
    expect(await loadDraft('agriShop:new')).toBeNull();
    // Typing is: the same step makes its draft at once.
    fireEvent.change(screen.getByLabelText('网店名称'), { target: { value: '千岛湖山货' } });
    await act(() => vi.runOnlyPendingTimersAsync());
    await waitFor(async () => expect(await loadDraft('agriShop:new')).not.toBeNull());
  });

  it('offers the whole prefecture on a phone nobody has logged in to', async () => {
    await db.meta.delete(SESSION_KEY);
    render(<ShopForm />);
    await screen.findByLabelText('网店名称');
    expect(optionTexts('区县')).toHaveLength(14);
    expect((screen.getByLabelText('区县') as HTMLSelectElement).value).toBe('');
  });
});

describe('store form and town page', () => {
  it('refuses, in words, a store for a town outside the area and writes nothing', async () => {
    render(<StoreForm townshipCode={JIANDE_XINANJIANG} />);
    await screen.findByLabelText('店铺名称');
    expect(await screen.findByText(/新安江街道不在你负责的区域内/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('店铺名称'), { target: { value: '新安江特产店' } });
    const save = screen.getByRole('button', { name: '保存' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    await act(async () => fireEvent.submit(save.closest('form')!));
    expect(await listRecords('flagshipStore')).toEqual([]);
  });

  it("hides a town's figures and add buttons outside the area, offers them inside", async () => {
    render(<TownPage code={JIANDE_XINANJIANG} year={2026} />);
    expect((await screen.findByTestId('town-outside-scope')).textContent).toContain(
      '新安江街道不在你负责的区域内',
    );
    expect(screen.queryByRole('link', { name: '新增旗舰店' })).toBeNull();
    expect(screen.queryByRole('button', { name: '新增试点' })).toBeNull();
    // Its records are not on this phone: no figure about it, since a zero would be false.
    expect(screen.queryByTestId('town-coverage')).toBeNull();
    expect(screen.queryByTestId('town-county-pilots')).toBeNull();
    cleanup();
    render(<TownPage code={QIANDAOHU} year={2026} />);
    expect(await screen.findByRole('link', { name: '新增旗舰店' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '新增试点' })).toBeTruthy();
    expect(screen.queryByTestId('town-outside-scope')).toBeNull();
  });
});

describe('overview', () => {
  it("counts only the coordinator's county: another county's town is not listed as lacking a store", async () => {
    // The city's list comes from the server (only the admin writes it): seeded with nobody
    // signed in, then the coordinator is back.
    await db.meta.delete('session');
    await markCentralTown(QIANDAOHU, 2013);
    await markCentralTown(JIANDE_XINANJIANG, 2013);
    await saveRecord('flagshipStore', null, {
      townshipCode: QIANDAOHU,
      platform: 'taobao',
      storeName: '千岛湖特产旗舰店',
      url: null,
      openedOn: '2015-06-01',
      status: 'open',
      mainProducts: '',
      operator: '',
      monthlyFigures: [],
    });
    await writeSession({ token: 't', user: coordinator, loggedInAt: '2026-03-01T00:00:00Z' }, db);
    render(<Overview year={2026} />);
    expect(await screen.findByText('2026 年完成情况 · 淳安县')).toBeTruthy();
    expect(screen.getByTestId('figure-stores').textContent).toContain('1 / 1');
    const noStore = screen.getByRole('region', { name: '还没有旗舰店的中心镇' });
    expect(within(noStore).getByText('所有中心镇都已开设旗舰店。')).toBeTruthy();
    expect(screen.queryByText(/新安江街道/)).toBeNull();
    expect(screen.getByTestId('figure-pilots').textContent).toBe('验收通过的试点（淳安县）：0 个');
  });
});
