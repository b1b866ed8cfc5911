/**
 * The shops on the platform are counted toward the policy's 100, so "on the platform" must come
 * with the date it joined (the assessment asks when), and a shop half-typed in a village with no
 * signal must survive a reload as a draft.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { listRecords, loadDraft } from '../../db';
import { ShopForm } from './Shops';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

beforeEach(() => {
  freshDatabase('shop-form');
  serveRegionFiles();
});

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
const select = (label: string, optionText: string) => {
  const el = screen.getByLabelText(label) as HTMLSelectElement;
  const option = Array.from(el.options).find((o) => o.text === optionText);
  if (!option) throw new Error(`no option ${optionText} in ${label}`);
  fireEvent.change(el, { target: { value: option.value } });
};

describe('ShopForm', () => {
  it('asks for the date joined when the shop is on the platform; saves once it is given', async () => {
    render(<ShopForm />);
    await screen.findByLabelText('网店名称');
    type('网店名称', '富城村土蜂蜜小店');
    select('区县', '淳安县');
    select('乡镇（街道）', '千岛湖镇');
    fireEvent.click(screen.getByLabelText('已接入农村电子商务公共服务平台'));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })));
    await screen.findByText(/接入日期/, { selector: 'li' });
    expect(await listRecords('agriShop')).toEqual([]);

    type('接入日期', '2015-04-01');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })));
    await waitFor(async () => expect(await listRecords('agriShop')).toHaveLength(1));
    expect((await listRecords('agriShop'))[0]).toMatchObject({
      regionCode: '330127100',
      onServicePlatform: true,
      joinedOn: '2015-04-01',
    });
  });

  it('keeps what was typed as a draft and offers it back', async () => {
    render(<ShopForm />);
    await screen.findByLabelText('网店名称');
    type('网店名称', '半截小店');
    await waitFor(async () => expect(await loadDraft('agriShop:new')).not.toBeNull(), {
      timeout: 2000,
    });
    cleanup();
    render(<ShopForm />);
    expect(((await screen.findByLabelText('网店名称')) as HTMLInputElement).value).toBe('半截小店');
    expect(screen.getByText(/已恢复/)).toBeTruthy();
  });
});
