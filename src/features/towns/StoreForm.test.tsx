/**
 * A flagship store's address is shown to every coordinator as a link. If a "javascript:" address
 * could be saved, one tap would run it inside the app with the user's session; and a link that
 * opens without noopener hands the shop's page a handle on this app's window. So the form must
 * refuse anything but http(s), write nothing when it does, and the link must open safely.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listRecords, loadDraft, useDatabaseNamed, type CundianDb } from '../../db';
import { ExternalLink } from './shared';
import { StoreDetail } from './StoreDetail';
import { StoreForm } from './StoreForm';

let db: CundianDb;
let n = 0;
const QIANDAOHU = '330127100';

beforeEach(() => {
  n += 1;
  db = useDatabaseNamed(`store-form-${Date.now()}-${n}`);
  const regionFile = readFileSync(join(process.cwd(), 'public/regions/3301.json'), 'utf8');
  vi.stubGlobal('fetch', async () => new Response(regionFile, { status: 200 }));
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  db.close();
  await db.delete();
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
