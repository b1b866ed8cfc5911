/**
 * The sessions and trainees lists: their header (title, the button to a new record) and the
 * session rows (LinkRow: the whole row one link to the session, its date and place, the roll
 * call's count and the hours as badges), and the trainees' search box (ListFilters), read from the
 * real database.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { saveRecord } from '../../actions';
import { SessionList } from './SessionList';
import { TraineeList } from './TraineeList';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

beforeEach(() => {
  freshDatabase('training-lists');
  serveRegionFiles();
});

describe('SessionList', () => {
  it('has its title and a button to a new session, and each session is one link', async () => {
    const { id } = await saveRecord('trainingSession', null, {
      title: '千岛湖镇电商培训',
      startDate: '2026-03-10',
      endDate: '2026-03-10',
      townshipCode: '330127100',
      trainer: '陈老师',
      hours: 4,
      topics: [],
      capacity: null,
    });
    render(<SessionList />);
    expect(await screen.findByRole('heading', { level: 1, name: '培训班' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '新建培训班' }).getAttribute('href')).toBe(
      '/training/sessions/new',
    );
    const row = await screen.findByRole('link', { name: /千岛湖镇电商培训/ });
    expect(row.getAttribute('href')).toBe(`/training/sessions/${id}`);
    expect(within(row).getByText('4 学时')).toBeTruthy();
    expect(within(row).getByText('已到 0 / 0')).toBeTruthy();
    expect(
      await within(row).findByText(/千岛湖镇/, { selector: '.record-list__meta' }),
    ).toBeTruthy();
  });
});

describe('TraineeList', () => {
  it('has its title and a button to a new trainee', async () => {
    render(<TraineeList />);
    expect(await screen.findByRole('heading', { level: 1, name: '学员' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '新增学员' }).getAttribute('href')).toBe(
      '/training/trainees/new',
    );
  });
});

describe('TraineeList search', () => {
  it('narrows the list to the names typed, and says when none fits', async () => {
    for (const name of ['张三', '李四']) {
      await saveRecord('trainee', null, {
        name,
        kind: 'youth',
        villageCode: '330127100219',
        phone: null,
      });
    }
    render(<TraineeList />);
    expect(await screen.findByText('共 2 人')).toBeTruthy();
    const search = screen.getByRole('searchbox', { name: '搜索姓名或手机号' });
    expect(search.getAttribute('placeholder')).toBe('搜索姓名或手机号');
    expect(screen.getByRole('search')).toBeTruthy();
    fireEvent.change(search, { target: { value: '李' } });
    expect(await screen.findByText('共 1 人')).toBeTruthy();
    expect(screen.getByText('李四')).toBeTruthy();
    expect(screen.queryByText('张三')).toBeNull();
    fireEvent.change(search, { target: { value: '王' } });
    expect(await screen.findByText('没有符合的学员')).toBeTruthy();
  });
});
