/**
 * A session's page is where a trainer tidies the list and, rarely, deletes a session. Both are
 * deletions that sync to every device, so each asks first and says in words what will happen;
 * someone already checked in is never taken off the list by a tidy-up; and only who may write the
 * session's records sees the buttons (the server refuses the others anyway).
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { addToRoster, markAttendance, saveRecord } from '../../actions';
import { attendanceId } from '../../domain/attendance';
import type { User } from '../../domain/protocol';
import { writeSession, type CundianDb } from '../../db';
import { SessionDetail } from './SessionDetail';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

let db: CundianDb;
let sessionId: string;
const ids: Record<string, string> = {};

beforeEach(async () => {
  db = freshDatabase('session-detail');
  serveRegionFiles();
  window.history.replaceState(null, '', '/training/sessions/x');
  sessionId = (
    await saveRecord('trainingSession', null, {
      title: '千岛湖镇电商培训',
      startDate: '2026-03-10',
      endDate: '2026-03-10',
      townshipCode: '330127100',
      trainer: '陈老师',
      hours: 4,
      topics: [],
      capacity: null,
    })
  ).id;
  for (const name of ['王芳', '李明', '张伟']) {
    ids[name] = (
      await saveRecord('trainee', null, {
        name,
        kind: 'youth',
        villageCode: '330127100219',
        phone: null,
      })
    ).id;
  }
  await addToRoster(sessionId, Object.values(ids));
  await markAttendance(sessionId, ids['李明']!, 'present');
});

const row = (name: string) =>
  screen.getAllByRole('listitem').find((li) => within(li).queryByText(name) !== null)!;

async function signInAs(role: User['role'], scope: User['scope']) {
  await writeSession({
    token: 't',
    user: { id: 'u1', username: 'u1', displayName: 'U', role, scope },
    loggedInAt: '2026-03-01T00:00:00Z',
  });
}

describe('SessionDetail: taking someone off the list', () => {
  it('offers 移出 only for people not yet here, and asks in words first', async () => {
    render(<SessionDetail id={sessionId} />);
    await screen.findByRole('heading', { name: '名单（3 人）' });
    expect(screen.getByRole('button', { name: '把 王芳 移出名单' })).toBeTruthy();
    // Checked in: no remove button (undo at the roll call first).
    expect(screen.queryByRole('button', { name: '把 李明 移出名单' })).toBeNull();
    expect(screen.getByText(/已签到的人要先在点名中撤销/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '把 王芳 移出名单' }));
    expect(within(row('王芳')).getByText(/把王芳移出这次培训的名单？/).textContent).toContain(
      '点名时点一下即可签到',
    );
    // Cancel leaves everything as it was.
    fireEvent.click(within(row('王芳')).getByRole('button', { name: '取消' }));
    expect((await db.attendance.get(attendanceId(sessionId, ids['王芳']!)))!.deleted).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: '把 王芳 移出名单' }));
    await act(async () =>
      fireEvent.click(within(row('王芳')).getByRole('button', { name: '移出名单' })),
    );
    await screen.findByRole('heading', { name: '名单（2 人）' });
    expect(screen.queryByText('王芳')).toBeNull();
    // Off the list as a field of the row (an update that merges with a tap elsewhere).
    expect(await db.attendance.get(attendanceId(sessionId, ids['王芳']!))).toMatchObject({
      deleted: false,
      onRoster: false,
    });
  });
});

describe('SessionDetail: deleting the session', () => {
  it('counts what goes with it, and deletes the session with its attendance', async () => {
    render(<SessionDetail id={sessionId} />);
    fireEvent.click(await screen.findByRole('button', { name: '删除培训班' }));
    expect(screen.getByTestId('session-delete-consequence').textContent).toBe(
      '名单上的 3 条签到记录（其中已到 1 人）也一并删除，这些人的这次培训不再计入年度统计。学员本身保留。',
    );
    expect(screen.getByText('删除会同步到所有设备，无法撤销。')).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确认删除' })));
    await waitFor(() => expect(window.location.pathname).toBe('/training/sessions'));
    expect((await db.trainingSessions.get(sessionId))!.deleted).toBe(true);
    expect((await db.attendance.toArray()).every((a) => a.deleted)).toBe(true);
    expect(await db.trainees.filter((t) => !t.deleted).count()).toBe(3);
  });

  it('shows neither button to a user who may not write this township’s training', async () => {
    await signInAs('coordinator', { level: 'county', code: '330122' });
    render(<SessionDetail id={sessionId} />);
    await screen.findByRole('heading', { name: '名单（3 人）' });
    expect(screen.queryByRole('button', { name: '删除培训班' })).toBeNull();
    expect(screen.queryByRole('button', { name: /移出名单/ })).toBeNull();
  });

  it('shows both to the county’s coordinator', async () => {
    await signInAs('coordinator', { level: 'county', code: '330127' });
    render(<SessionDetail id={sessionId} />);
    await screen.findByRole('button', { name: '删除培训班' });
    expect(screen.getByRole('button', { name: '把 王芳 移出名单' })).toBeTruthy();
  });
});

describe('SessionDetail: the buttons that change the session', () => {
  const CHANGING = ['开始点名', '导入名单', '修改培训班'];
  const EXPORT = '导出签到记录';

  it('shows 开始点名, 导入名单 and 修改培训班 with nobody signed in (the app used alone)', async () => {
    render(<SessionDetail id={sessionId} />);
    await screen.findByRole('heading', { name: '名单（3 人）' });
    for (const name of CHANGING) expect(screen.getByRole('link', { name })).toBeTruthy();
  });

  it('shows them to the trainer of the session’s county', async () => {
    await signInAs('trainer', { level: 'county', code: '330127' });
    render(<SessionDetail id={sessionId} />);
    await screen.findByRole('link', { name: '修改培训班' });
    for (const name of CHANGING) expect(screen.getByRole('link', { name })).toBeTruthy();
  });

  /** The export waits for the login to be read: once it is enabled, the buttons are decided. */
  const loginRead = () =>
    waitFor(() =>
      expect((screen.getByRole('button', { name: EXPORT }) as HTMLButtonElement).disabled).toBe(
        false,
      ),
    );

  it('hides them from a trainer of another county and from an officer of this township', async () => {
    await signInAs('trainer', { level: 'county', code: '330122' });
    const other = render(<SessionDetail id={sessionId} />);
    await loginRead();
    for (const name of CHANGING) expect(screen.queryByRole('link', { name })).toBeNull();
    // What only reads stays: the sign-in sheet.
    expect(screen.getByRole('link', { name: '签到表' })).toBeTruthy();
    other.unmount();

    await signInAs('officer', { level: 'township', code: '330127100' });
    render(<SessionDetail id={sessionId} />);
    await loginRead();
    for (const name of CHANGING) expect(screen.queryByRole('link', { name })).toBeNull();
  });
});
