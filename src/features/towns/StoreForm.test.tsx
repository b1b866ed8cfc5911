/**
 * A flagship store's address is shown to every coordinator as a link. If a "javascript:" address
 * could be saved, one tap would run it inside the app with the user's session; and a link that
 * opens without noopener hands the shop's page a handle on this app's window. So the form must
 * refuse anything but http(s), write nothing when it does, and the link must open safely.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { markCentralTown, saveRecord } from '../../actions';
import { listRecords, loadDraft, type CundianDb } from '../../db';
import { Overview } from './Overview';
import { ExternalLink } from './shared';
import { StoreDetail } from './StoreDetail';
import { StoreForm } from './StoreForm';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

let db: CundianDb;
const QIANDAOHU = '330127100';

beforeEach(async () => {
  db = freshDatabase('store-form');
  serveRegionFiles();
  // 千岛湖镇 is on the central-town list, as a flagship store's town should be.
  await markCentralTown(QIANDAOHU, 2013);
  await db.outbox.clear();
});

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('StoreForm', () => {
  it('refuses a javascript: address and writes nothing; saves an https one', async () => {
    render(<StoreForm townshipCode={QIANDAOHU} />);
    await screen.findByLabelText('店铺名称');
    type('店铺名称', '千岛湖特产旗舰店');
    type('店铺网址', 'javascript:alert(document.cookie)');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })));
    expect(await screen.findAllByText(/网址应以 http:\/\/ 或 https:\/\/ 开头/)).not.toHaveLength(0);
    expect(await listRecords('flagshipStore')).toEqual([]);
    expect(await db.outbox.count()).toBe(0);

    type('店铺网址', 'https://qdh.example.com/shop');
    type('状态', 'open');
    type('开通日期', '2015-06-01');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })));
    await waitFor(async () => expect(await listRecords('flagshipStore')).toHaveLength(1));
    const [saved] = await listRecords('flagshipStore');
    expect(saved).toMatchObject({
      townshipCode: QIANDAOHU,
      platform: 'zhejiangGuan',
      storeName: '千岛湖特产旗舰店',
      url: 'https://qdh.example.com/shop',
      status: 'open',
      openedOn: '2015-06-01',
    });
    expect(await db.outbox.count()).toBe(1);
    // The draft is gone once the record is saved.
    expect(await loadDraft(`flagshipStore:new:${QIANDAOHU}`)).toBeNull();
  });

  it('restores a draft with the same words as every record form, and discards it', async () => {
    const first = render(<StoreForm townshipCode={QIANDAOHU} />);
    await screen.findByLabelText('店铺名称');
    type('店铺名称', '还没写完的旗舰店');
    await waitFor(
      async () => expect(await loadDraft(`flagshipStore:new:${QIANDAOHU}`)).not.toBeNull(),
      { timeout: 2000 },
    );
    first.unmount();

    render(<StoreForm townshipCode={QIANDAOHU} />);
    expect(((await screen.findByLabelText('店铺名称')) as HTMLInputElement).value).toBe(
      '还没写完的旗舰店',
    );
    // The store form once said 未保存的内容 where the point and training forms say 草稿.
    expect(screen.getByText(/^已恢复 .+ 未保存的草稿。$/)).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '放弃草稿' })));
    await waitFor(() =>
      expect((screen.getByLabelText('店铺名称') as HTMLInputElement).value).toBe(''),
    );
    expect(await loadDraft(`flagshipStore:new:${QIANDAOHU}`)).toBeNull();
  });

  it('keeps a free-text platform when "other" is chosen', async () => {
    render(<StoreForm townshipCode={QIANDAOHU} />);
    await screen.findByLabelText('店铺名称');
    type('平台', 'other');
    type('平台名称', '本地农品小程序');
    type('店铺名称', '千岛湖鱼干店');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })));
    await waitFor(async () => expect(await listRecords('flagshipStore')).toHaveLength(1));
    expect((await listRecords('flagshipStore'))[0]).toMatchObject({ platform: '本地农品小程序' });
  });
});

describe('a store in a town not on the central-town list', () => {
  const FENKOU = '330127108';

  it('says so, asks before saving, and saves only when told to', async () => {
    render(<StoreForm townshipCode={FENKOU} />);
    await screen.findByLabelText('店铺名称');
    expect((await screen.findByTestId('store-off-list')).textContent).toContain(
      '汾口镇不在中心镇名单上',
    );
    type('店铺名称', '汾口高山茶店');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })));
    expect(
      await screen.findByText(/^汾口镇不在中心镇名单上：特色馆一般开在中心镇。.*仍要保存吗？$/),
    ).toBeTruthy();
    expect(await listRecords('flagshipStore')).toEqual([]);
    expect(await db.outbox.count()).toBe(0);

    await act(async () => fireEvent.click(screen.getByRole('button', { name: '仍要保存' })));
    await waitFor(async () => expect(await listRecords('flagshipStore')).toHaveLength(1));
    expect((await listRecords('flagshipStore'))[0]).toMatchObject({
      townshipCode: FENKOU,
      storeName: '汾口高山茶店',
    });
  });

  it('is listed on the overview as something to look at, and its page says why', async () => {
    const saved = await saveRecord('flagshipStore', null, {
      townshipCode: FENKOU,
      platform: 'taobao',
      storeName: '汾口高山茶店',
      url: null,
      openedOn: null,
      status: 'planned',
      mainProducts: '',
      operator: '',
      monthlyFigures: [],
    });
    render(<Overview year={2026} />);
    const section = await screen.findByRole('region', { name: '不在中心镇名单上的旗舰店' });
    const link = within(section).getByRole('link', { name: /汾口高山茶店/ });
    expect(link.getAttribute('href')).toBe(`/towns/store/${saved.id}`);
    expect(link.textContent).toContain('淳安县 · 汾口镇 · 筹备中');
    cleanup();
    render(<StoreDetail id={saved.id} />);
    expect((await screen.findByTestId('store-off-list')).textContent).toContain(
      '这个镇不在中心镇名单上',
    );
  });

  it('leaves the overview section out when every store is in a central town', async () => {
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
    render(<Overview year={2026} />);
    await waitFor(() => expect(screen.getByTestId('figure-stores').textContent).toContain('1 / 1'));
    expect(screen.queryByRole('region', { name: '不在中心镇名单上的旗舰店' })).toBeNull();
  });

  it('asks nothing for a central town', async () => {
    render(<StoreForm townshipCode={QIANDAOHU} />);
    await screen.findByLabelText('店铺名称');
    type('店铺名称', '千岛湖特产旗舰店');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })));
    await waitFor(async () => expect(await listRecords('flagshipStore')).toHaveLength(1));
    expect(screen.queryByTestId('store-off-list')).toBeNull();
    expect(screen.queryByRole('button', { name: '仍要保存' })).toBeNull();
  });
});

describe('store links', () => {
  it('opens the store in a new tab with rel="noopener noreferrer"', async () => {
    render(<StoreForm townshipCode={QIANDAOHU} />);
    await screen.findByLabelText('店铺名称');
    type('店铺名称', '千岛湖特产旗舰店');
    type('店铺网址', 'https://qdh.example.com/');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })));
    await waitFor(async () => expect(await listRecords('flagshipStore')).toHaveLength(1));
    const [saved] = await listRecords('flagshipStore');
    cleanup();
    render(<StoreDetail id={saved!.id} />);
    const link = await screen.findByRole('link', { name: 'https://qdh.example.com/' });
    expect(link.getAttribute('href')).toBe('https://qdh.example.com/');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
  });

  it('never renders a javascript: address as a link, even one that reached the device', () => {
    render(<ExternalLink url="javascript:alert(1)" />);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('javascript:alert(1)')).toBeTruthy();
  });
});
