/**
 * The roll call is the heart of training: 30–80 people at the door of a township hall, no signal.
 * It must find a person from two characters of a name or the last digits of a phone, mark them
 * with one tap straight into the local database (so a reload loses nothing), register a walk-in
 * without leaving the screen, and always show the right count.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { addToRoster, removeFromRoster, saveRecord } from '../../actions';
import { attendanceId } from '../../domain/attendance';
import { listRecords, loadDraft, writeSession, type CundianDb } from '../../db';
import { RollCall } from './RollCall';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

let db: CundianDb;
let sessionId: string;
const ids: Record<string, string> = {};

beforeEach(async () => {
  db = freshDatabase('roll-call');
  serveRegionFiles();
  sessionId = (
    await saveRecord('trainingSession', null, {
      title: '千岛湖镇电商培训',
      startDate: '2026-03-10',
      endDate: '2026-03-10',
      townshipCode: '330127100',
      trainer: '陈老师',
      hours: 4,
      topics: ['网店开设'],
      capacity: 60,
    })
  ).id;
  for (const [name, phone] of [
    ['王芳', '13812345678'],
    ['李明', '13900001111'],
    ['张伟', null],
  ] as const) {
    ids[name] = (
      await saveRecord('trainee', null, { name, kind: 'youth', villageCode: '330127100219', phone })
    ).id;
  }
  await addToRoster(sessionId, Object.values(ids));
});

const count = () => screen.getByTestId('roll-count').textContent;
const search = (value: string) =>
  fireEvent.change(screen.getByLabelText('姓名或手机尾号'), { target: { value } });

describe('RollCall', () => {
  it('finds by two characters of a name and marks present with one tap', async () => {
    render(<RollCall sessionId={sessionId} />);
    await waitFor(() => expect(count()).toContain('已到 0 / 3'));
    search('王芳');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^签到 王芳/ })));
    await waitFor(() => expect(count()).toContain('已到 1 / 3'));
    const row = await db.attendance.get(attendanceId(sessionId, ids['王芳']!));
    expect(row).toMatchObject({ status: 'present', deleted: false });
    expect(row!.checkedInAt).not.toBeNull();
    // The search is cleared for the next person in the queue.
    expect((screen.getByLabelText('姓名或手机尾号') as HTMLInputElement).value).toBe('');
    // One outbox entry per tap: it is in IndexedDB now, ready to sync.
    expect(await db.outbox.where('entity').equals('attendance').count()).toBe(4);
  });

  it('finds by the last digits of a phone; late and undo are one tap each', async () => {
    render(<RollCall sessionId={sessionId} />);
    await waitFor(() => expect(count()).toContain('已到 0 / 3'));
    search('1111');
    expect(screen.getByRole('button', { name: /^签到 李明/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^签到 王芳/ })).toBeNull();
    // The phone in full: whoever runs a roll call may edit trainees (here nobody is signed in,
    // so everything on the device was typed there) — showsFullPhone in src/domain/scope.ts.
    expect(await screen.findByText(/13900001111/)).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '迟到' })));
    await waitFor(() => expect(count()).toContain('已到 1 / 3'));
    expect(count()).toContain('其中迟到 1');

    // Undo from the "here" list (empty search).
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: '撤销' })));
    await waitFor(() => expect(count()).toContain('已到 0 / 3'));
    const row = await db.attendance.get(attendanceId(sessionId, ids['李明']!));
    expect(row).toMatchObject({ status: 'absent', checkedInAt: null });
  });

  it('registers a walk-in in a few taps without leaving the screen', async () => {
    render(<RollCall sessionId={sessionId} />);
    await waitFor(() => expect(count()).toContain('已到 0 / 3'));
    search('赵小红');
    expect(screen.getByText('没有找到“赵小红”。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '现场登记' }));
    // The form starts from its draft, if any (read from the local database).
    await screen.findByLabelText('姓名');
    // The name typed in the search is carried over.
    expect((screen.getByLabelText('姓名') as HTMLInputElement).value).toBe('赵小红');
    fireEvent.click(screen.getByLabelText('村官'));
    fireEvent.change(screen.getByLabelText('村（社区）'), { target: { value: '富城' } });
    // In the search's own list: the roll-call rows' names say their villages too.
    const matches = await screen.findByRole('list', { name: '查找结果' });
    fireEvent.click(within(matches).getByRole('button', { name: /富城村/ }));
    fireEvent.change(screen.getByLabelText('手机号'), { target: { value: '13700002222' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '登记并签到' })));
    await waitFor(() => expect(count()).toContain('已到 1 / 4'));
    const trainees = await listRecords('trainee');
    const walkIn = trainees.find((t) => t.name === '赵小红');
    expect(walkIn).toMatchObject({
      kind: 'official',
      villageCode: '330127100219',
      phone: '13700002222',
    });
    expect(await db.attendance.get(attendanceId(sessionId, walkIn!.id))).toMatchObject({
      status: 'present',
    });
  });

  it('a walk-in who is already registered is pointed out and checked in as themselves', async () => {
    render(<RollCall sessionId={sessionId} />);
    await waitFor(() => expect(count()).toContain('已到 0 / 3'));
    fireEvent.click(screen.getByRole('button', { name: '现场登记' }));
    // The form starts from its draft, if any (read from the local database).
    await screen.findByLabelText('姓名');
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '张伟' } });
    fireEvent.change(screen.getByLabelText('村（社区）'), { target: { value: '富城' } });
    // In the search's own list: the roll-call rows' names say their villages too.
    const matches = await screen.findByRole('list', { name: '查找结果' });
    fireEvent.click(within(matches).getByRole('button', { name: /富城村/ }));
    expect(await screen.findByText(/同村同名/)).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '就是此人，签到' })));
    await waitFor(() => expect(count()).toContain('已到 1 / 3'));
    expect((await listRecords('trainee')).filter((t) => t.name === '张伟')).toHaveLength(1);
  });

  it('keeps every tap across a reload, and two marks of one person are one row', async () => {
    const first = render(<RollCall sessionId={sessionId} />);
    await waitFor(() => expect(count()).toContain('已到 0 / 3'));
    search('王芳');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^签到 王芳/ })));
    await waitFor(() => expect(count()).toContain('已到 1 / 3'));
    first.unmount();
    render(<RollCall sessionId={sessionId} />);
    await waitFor(() => expect(count()).toContain('已到 1 / 3'));
    search('王芳');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^签到 王芳/ })));
    expect(await db.attendance.count()).toBe(3);
  });

  it('shows someone taken off the list as such, and a tap checks them in and puts them back', async () => {
    await removeFromRoster(sessionId, ids['王芳']!);
    render(<RollCall sessionId={sessionId} />);
    await waitFor(() => expect(count()).toContain('已到 0 / 2'));
    search('王芳');
    const row = await screen.findByTestId(`removed-${ids['王芳']!}`);
    expect(row.textContent).toContain('已移出名单');
    expect(row.textContent).toContain('点一下即签到');
    const before = await db.outbox.count();
    await act(async () => fireEvent.click(within(row).getByRole('button', { name: /^签到 王芳/ })));
    // On the list again and counted at once; the tap is an update, merged by the server.
    await waitFor(() => expect(count()).toContain('已到 1 / 3'));
    expect(await db.attendance.get(attendanceId(sessionId, ids['王芳']!))).toMatchObject({
      status: 'present',
      onRoster: true,
      deleted: false,
    });
    const outbox = await db.outbox.toArray();
    expect(outbox.slice(before)).toEqual([
      expect.objectContaining({
        entity: 'attendance',
        op: 'upsert',
        changes: expect.objectContaining({ status: 'present', onRoster: true }),
      }),
    ]);
    search('李明');
    expect(screen.getByRole('button', { name: /^签到 李明/ }).textContent).toContain('未到');
  });

  it('a walk-in who is someone taken off the list is checked in as that person', async () => {
    await removeFromRoster(sessionId, ids['张伟']!);
    render(<RollCall sessionId={sessionId} />);
    await waitFor(() => expect(count()).toContain('已到 0 / 2'));
    fireEvent.click(screen.getByRole('button', { name: '现场登记' }));
    // The form starts from its draft, if any (read from the local database).
    await screen.findByLabelText('姓名');
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '张伟' } });
    fireEvent.change(screen.getByLabelText('村（社区）'), { target: { value: '富城' } });
    const matches = await screen.findByRole('list', { name: '查找结果' });
    fireEvent.click(within(matches).getByRole('button', { name: /富城村/ }));
    await act(async () =>
      fireEvent.click(await screen.findByRole('button', { name: '就是此人，签到' })),
    );
    await waitFor(() => expect(count()).toContain('已到 1 / 3'));
    expect(await db.attendance.get(attendanceId(sessionId, ids['张伟']!))).toMatchObject({
      status: 'present',
      onRoster: true,
    });
    expect(await listRecords('trainee')).toHaveLength(3);
  });

  it('says the phone is full when storage refuses a tap, instead of failing silently', async () => {
    const full = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    db.attendance.hook('updating', full);
    render(<RollCall sessionId={sessionId} />);
    await waitFor(() => expect(count()).toContain('已到 0 / 3'));
    search('王芳');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^签到 王芳/ })));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('没有为王芳签到：');
    expect(alert.textContent).toContain('手机存储空间已满');
    expect(count()).toContain('已到 0 / 3');
    db.attendance.hook('updating').unsubscribe(full);
  });

  it('a walk-in with a field missing names the field, saves nothing, and the summary takes focus', async () => {
    render(<RollCall sessionId={sessionId} />);
    await waitFor(() => expect(count()).toContain('已到 0 / 3'));
    fireEvent.click(screen.getByRole('button', { name: '现场登记' }));
    // The form starts from its draft, if any (read from the local database).
    await screen.findByLabelText('姓名');
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '登记并签到' })));
    const summary = await screen.findByText('还有几处需要改一下：');
    const box = summary.closest('.form__summary')!;
    expect(box.textContent).toMatch(/姓名.*必填/);
    expect(document.activeElement).toBe(box);
    expect(await listRecords('trainee')).toHaveLength(3);
  });

  it('keeps a half-typed walk-in as a draft across a reload, and drops it once saved', async () => {
    const first = render(<RollCall sessionId={sessionId} />);
    await waitFor(() => expect(count()).toContain('已到 0 / 3'));
    fireEvent.click(screen.getByRole('button', { name: '现场登记' }));
    fireEvent.change(await screen.findByLabelText('姓名'), { target: { value: '孙小梅' } });
    await waitFor(async () =>
      expect((await loadDraft(`walkIn:${sessionId}`))?.value).toMatchObject({ name: '孙小梅' }),
    );
    first.unmount();
    render(<RollCall sessionId={sessionId} />);
    await waitFor(() => expect(count()).toContain('已到 0 / 3'));
    fireEvent.click(screen.getByRole('button', { name: '现场登记' }));
    expect(((await screen.findByLabelText('姓名')) as HTMLInputElement).value).toBe('孙小梅');
    expect(screen.getByText(/已恢复/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('村（社区）'), { target: { value: '富城' } });
    const matches = await screen.findByRole('list', { name: '查找结果' });
    fireEvent.click(within(matches).getByRole('button', { name: /富城村/ }));
    await waitFor(async () =>
      expect((await loadDraft(`walkIn:${sessionId}`))?.value).toMatchObject({
        villageCode: '330127100219',
      }),
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '登记并签到' })));
    await waitFor(() => expect(count()).toContain('已到 1 / 4'));
    // The form closes once the draft is dropped (the count may change a moment before).
    await waitFor(() => expect(screen.queryByLabelText('姓名')).toBeNull());
    expect(await loadDraft(`walkIn:${sessionId}`)).toBeNull();
  });

  it('is not offered to a role that may not sign anyone in here', async () => {
    await writeSession({
      token: 't',
      user: {
        id: 'u3',
        username: 'officer1',
        displayName: '王专员',
        role: 'officer',
        scope: { level: 'township', code: '330127100' },
      },
      loggedInAt: '2026-03-01T00:00:00Z',
    });
    render(<RollCall sessionId={sessionId} />);
    expect(await screen.findByRole('heading', { name: '您不能为这次培训点名' })).toBeTruthy();
    expect(screen.queryByLabelText('姓名或手机尾号')).toBeNull();
    expect(screen.queryByRole('button', { name: '现场登记' })).toBeNull();
  });

  it('tells the trainer at the door, saving nothing, when someone found is not theirs to sign in', async () => {
    // On the device but of another township (registered here before a change of scope, or by
    // an import of another area's list): the server would refuse the check-in.
    const outsider = (
      await saveRecord('trainee', null, {
        name: '钱七',
        kind: 'youth',
        villageCode: '330127101200', // 浪洞村, 文昌镇
        phone: null,
      })
    ).id;
    await writeSession({
      token: 't',
      user: {
        id: 'u1',
        username: 'trainer1',
        displayName: '陈老师',
        role: 'trainer',
        scope: { level: 'township', code: '330127100' },
      },
      loggedInAt: '2026-03-01T00:00:00Z',
    });
    const before = await db.outbox.count();
    render(<RollCall sessionId={sessionId} />);
    await waitFor(() => expect(count()).toContain('已到 0 / 3'));
    search('钱七');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^签到 钱七/ })));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('没有为钱七签到');
    expect(alert.textContent).toContain('不在你负责的区域内');
    expect(await db.attendance.get(attendanceId(sessionId, outsider))).toBeUndefined();
    expect(await db.outbox.count()).toBe(before);
    // Someone of the area is checked in as ever, and the warning goes.
    search('王芳');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^签到 王芳/ })));
    await waitFor(() => expect(count()).toContain('已到 1 / 3'));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
