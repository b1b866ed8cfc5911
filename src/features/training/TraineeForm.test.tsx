/**
 * Registering a trainee is where a person can be counted twice toward the yearly figure: the form
 * must point out a likely duplicate before saving, refuse a wrong phone with the reason in words,
 * and keep what was typed across a reload. It is also the one place a full phone is shown.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { deleteRecord, saveRecord } from '../../actions';
import { listRecords, loadDraft } from '../../db';
import { TraineeForm } from './TraineeForm';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

beforeEach(() => {
  freshDatabase('trainee-form');
  serveRegionFiles();
});

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

async function chooseVillage(typed: string, village: RegExp) {
  type('村（社区）', typed);
  fireEvent.click(await screen.findByRole('button', { name: village }));
}

describe('TraineeForm', () => {
  it('refuses a wrong phone with the reason, then saves', async () => {
    render(<TraineeForm />);
    await screen.findByLabelText('姓名');
    type('姓名', '王芳');
    await chooseVillage('富城', /富城村/);
    type('手机号', '12345');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })));
    expect(
      await screen.findByText('手机号：手机号应为 11 位数字，以 13–19 开头，例如 13812345678'),
    ).toBeTruthy();
    expect(await listRecords('trainee')).toEqual([]);
    type('手机号', '138 1234 5678');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })));
    await waitFor(async () => expect(await listRecords('trainee')).toHaveLength(1));
    expect((await listRecords('trainee'))[0]).toMatchObject({
      name: '王芳',
      kind: 'youth',
      villageCode: '330127100219',
      phone: '13812345678',
    });
  });

  it('points out the same name in the same village before saving', async () => {
    await saveRecord('trainee', null, {
      name: '王芳',
      kind: 'official',
      villageCode: '330127100219',
      phone: null,
    });
    render(<TraineeForm />);
    await screen.findByLabelText('姓名');
    type('姓名', '王 芳');
    await chooseVillage('富城', /富城村/);
    expect(await screen.findByText('可能已经登记过：')).toBeTruthy();
    expect(screen.getByText(/同村同名/)).toBeTruthy();
  });

  it('shows the full phone on the trainee page and keeps a draft across a reload', async () => {
    const { id } = await saveRecord('trainee', null, {
      name: '李明',
      kind: 'youth',
      villageCode: '330127100219',
      phone: '13900001111',
    });
    const first = render(<TraineeForm id={id} />);
    expect(((await screen.findByLabelText('手机号')) as HTMLInputElement).value).toBe(
      '13900001111',
    );
    type('姓名', '李明明');
    await waitFor(async () => expect(await loadDraft(`trainee:${id}`)).not.toBeNull(), {
      timeout: 2000,
    });
    first.unmount();
    render(<TraineeForm id={id} />);
    expect(((await screen.findByLabelText('姓名')) as HTMLInputElement).value).toBe('李明明');
    expect(screen.getByText(/已恢复.*未保存的草稿/)).toBeTruthy();
    // Throwing the draft away goes back to the trainee as stored, not to an empty form.
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '放弃草稿' })));
    await waitFor(() =>
      expect((screen.getByLabelText('姓名') as HTMLInputElement).value).toBe('李明'),
    );
    expect((screen.getByLabelText('手机号') as HTMLInputElement).value).toBe('13900001111');
    expect(await loadDraft(`trainee:${id}`)).toBeNull();
  });

  it('a trainee deleted while open: says so, with the way back to the list', async () => {
    const { id } = await saveRecord('trainee', null, {
      name: '李明',
      kind: 'youth',
      villageCode: '330127100219',
      phone: null,
    });
    // Only this render is looked at: an earlier test's form may still be in the document.
    const page = within(render(<TraineeForm id={id} />).container);
    await page.findByDisplayValue('李明');
    await act(async () => {
      await deleteRecord('trainee', id);
    });
    const banner = (await page.findByText('这条记录已经不在了')).closest<HTMLElement>('.banner')!;
    // The banner's link is the way back RecordFormStart was given (the form passes it once).
    const back = within(banner).getByRole('link', { name: '返回学员列表' });
    expect(back.getAttribute('href')).toBe('/training/trainees');
    expect((page.getByRole('button', { name: '保存' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
