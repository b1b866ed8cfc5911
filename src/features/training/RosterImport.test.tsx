/**
 * The import screen must write nothing until the trainer confirms, then create only the new people
 * and put everyone — matched or new — on the session's list, without un-marking anyone already
 * checked in if the same list is imported again.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { markAttendance, saveRecord } from '../../actions';
import { attendanceId } from '../../domain/attendance';
import { listRecords, writeSession, type CundianDb } from '../../db';
import { RosterImport } from './RosterImport';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

let db: CundianDb;
let sessionId: string;
let wangId: string;

beforeEach(async () => {
  db = freshDatabase('roster-import');
  serveRegionFiles();
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
  wangId = (
    await saveRecord('trainee', null, {
      name: '王芳',
      kind: 'official',
      villageCode: '330127100219',
      phone: '13812345678',
    })
  ).id;
});

const CSV = [
  '姓名,类别,村（社区）,手机号',
  '王芳,村官,富城村,13812345678',
  '李明,农村青年,富城村,13900001111',
  '赵六,农村青年,富城村,12345',
].join('\r\n');

async function choose(text = CSV) {
  const input = (await screen.findByLabelText('选择 CSV 文件')) as HTMLInputElement;
  const file = new File([text], 'list.csv', { type: 'text/csv' });
  await act(async () => fireEvent.change(input, { target: { files: [file] } }));
}

describe('RosterImport', () => {
  it('previews, writes nothing until confirmed, then adds new people and the list', async () => {
    await markAttendance(sessionId, wangId, 'present');
    render(<RosterImport sessionId={sessionId} />);
    await choose();
    await screen.findByText('“list.csv”：2 行可以导入，1 行有问题。');
    expect(screen.getByRole('alert').textContent).toContain(
      '第 4 行：手机号：手机号应为 11 位数字',
    );
    expect(screen.getByText('其中 1 人已是学员，会直接加入名单。')).toBeTruthy();
    expect(await listRecords('trainee')).toHaveLength(1);

    await act(async () => fireEvent.click(screen.getByRole('button', { name: '导入 2 人到名单' })));
    await screen.findByText(/已加入名单：1 人/);
    const trainees = await listRecords('trainee');
    expect(trainees.map((t) => t.name).sort()).toEqual(['李明', '王芳']);
    const rows = await db.attendance.toArray();
    expect(rows).toHaveLength(2);
    // Already checked in before the import: stays checked in.
    expect(await db.attendance.get(attendanceId(sessionId, wangId))).toMatchObject({
      status: 'present',
    });
    await waitFor(() => expect(screen.getByRole('link', { name: '返回培训班' })).toBeTruthy());
  });

  it('lists people of another area as errors: the server would refuse them on the list', async () => {
    // A trainer of 千岛湖镇 (src/domain/references.ts): 桐庐县 and 文昌镇 are not theirs.
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
    render(<RosterImport sessionId={sessionId} />);
    await choose(
      [
        '姓名,类别,行政区划代码,手机号',
        '王芳,村官,330127100219,13812345678',
        '钱七,农村青年,330122002200,13900002222',
        '孙八,农村青年,330127101200,13900003333',
      ].join('\r\n'),
    );
    await screen.findByText('“list.csv”：1 行可以导入，2 行有问题。');
    const alert = screen.getByRole('alert').textContent;
    expect(alert).toContain('第 3 行');
    expect(alert).toContain('第 4 行');
    expect(alert).toContain('不在你负责的区域内');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '导入 1 人到名单' })));
    await screen.findByText(/已加入名单：1 人/);
    expect((await listRecords('trainee')).map((t) => t.name)).toEqual(['王芳']);
    expect(await db.attendance.count()).toBe(1);
  });
});
