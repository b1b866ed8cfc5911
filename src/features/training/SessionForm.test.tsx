/**
 * A session carries what the figures are built from: its dates (which year it counts toward), its
 * township (sessions per township) and its hours (hours per person). The form must refuse what
 * does not make sense, in words, and save what does.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { listRecords, writeSession } from '../../db';
import { SessionForm } from './SessionForm';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

beforeEach(() => {
  freshDatabase('session-form');
  serveRegionFiles();
});

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
const select = (label: string, text: string) => {
  const el = screen.getByLabelText(label) as HTMLSelectElement;
  const option = Array.from(el.options).find((o) => o.text === text)!;
  fireEvent.change(el, { target: { value: option.value } });
};

describe('SessionForm', () => {
  it('refuses an end before the start and a missing township, then saves', async () => {
    render(<SessionForm />);
    await screen.findByLabelText('培训名称');
    type('培训名称', '千岛湖镇电商培训');
    type('开始日期', '2026-03-10');
    type('结束日期', '2026-03-09');
    type('培训师', '陈老师');
    type('学时', '6');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })));
    expect(await screen.findByText(/结束日期：/)).toBeTruthy();
    expect(screen.getByText(/乡镇（街道）：/)).toBeTruthy();
    expect(await listRecords('trainingSession')).toEqual([]);

    type('结束日期', '2026-03-11');
    select('区县', '淳安县');
    select('乡镇（街道）', '千岛湖镇');
    type('主题', '网店开设、农产品上行');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })));
    await waitFor(async () => expect(await listRecords('trainingSession')).toHaveLength(1));
    expect((await listRecords('trainingSession'))[0]).toMatchObject({
      title: '千岛湖镇电商培训',
      startDate: '2026-03-10',
      endDate: '2026-03-11',
      townshipCode: '330127100',
      hours: 6,
      topics: ['网店开设', '农产品上行'],
      capacity: null,
    });
  });

  it('offers only the user’s area, and a new session starts there', async () => {
    await writeSession({
      token: 't',
      user: {
        id: 'u1',
        username: 'cc',
        displayName: '淳安协调员',
        role: 'coordinator',
        scope: { level: 'county', code: '330127' },
      },
      loggedInAt: '2026-03-01T00:00:00Z',
    });
    render(<SessionForm />);
    const county = (await screen.findByLabelText('区县')) as HTMLSelectElement;
    await waitFor(() => expect(county.value).toBe('330127'));
    // '请选择' and the one county of the scope; its townships only.
    expect(Array.from(county.options).map((o) => o.text)).toEqual(['请选择', '淳安县']);
    const townships = Array.from(
      (screen.getByLabelText('乡镇（街道）') as HTMLSelectElement).options,
    );
    expect(townships.length).toBeGreaterThan(10);
    expect(townships.slice(1).every((o) => o.value.startsWith('330127'))).toBe(true);
  });

  it('a township’s trainer has the township chosen already', async () => {
    await writeSession({
      token: 't',
      user: {
        id: 'u2',
        username: 'tr',
        displayName: '培训师',
        role: 'trainer',
        scope: { level: 'township', code: '330127100' },
      },
      loggedInAt: '2026-03-01T00:00:00Z',
    });
    render(<SessionForm />);
    const township = (await screen.findByLabelText('乡镇（街道）')) as HTMLSelectElement;
    await waitFor(() => expect(township.value).toBe('330127100'));
    expect(Array.from(township.options).map((o) => o.value)).toEqual(['', '330127100']);
  });

  it('fills in the signed-in trainer as the trainer of a new session (not a coordinator)', async () => {
    const signIn = (role: 'trainer' | 'coordinator', displayName: string) =>
      writeSession({
        token: 't',
        user: {
          id: 'u2',
          username: 'tr',
          displayName,
          role,
          scope: { level: 'township', code: '330127100' },
        },
        loggedInAt: '2026-03-01T00:00:00Z',
      });
    await signIn('trainer', '陈老师');
    const { unmount } = render(<SessionForm />);
    const trainer = (await screen.findByLabelText('培训师')) as HTMLInputElement;
    await waitFor(() => expect(trainer.value).toBe('陈老师'));
    unmount();
    await signIn('coordinator', '淳安协调员');
    render(<SessionForm />);
    const empty = (await screen.findByLabelText('培训师')) as HTMLInputElement;
    await waitFor(() =>
      expect((screen.getByLabelText('区县') as HTMLSelectElement).value).toBe('330127'),
    );
    expect(empty.value).toBe('');
  });

  it('says so when an officer (who may not write sessions) opens the form', async () => {
    await writeSession({
      token: 't',
      user: {
        id: 'u3',
        username: 'of',
        displayName: '联络员',
        role: 'officer',
        scope: { level: 'township', code: '330127100' },
      },
      loggedInAt: '2026-03-01T00:00:00Z',
    });
    render(<SessionForm />);
    expect(await screen.findByRole('heading', { name: '您不能新建这类记录' })).toBeTruthy();
    expect(screen.queryByLabelText('培训名称')).toBeNull();
  });
});
