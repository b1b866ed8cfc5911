/**
 * Training intents that write more than one row. A walk-in at the door is a trainee AND their
 * attendance: if only the first were saved, the person would exist unmarked and the count at the
 * door would be wrong; if only the second, an attendance would point at nobody. Either both rows
 * and both outbox entries are written, or nothing is.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attendanceId } from '../domain/attendance';
import { createDatabase, listOutbox, type CundianDb } from '../db';
import { registerWalkIn, saveRecord, ValidationFailed } from './index';

let db: CundianDb;
let n = 0;
let sessionId: string;

beforeEach(async () => {
  n += 1;
  db = createDatabase(`training-actions-${Date.now()}-${n}`);
  sessionId = (
    await saveRecord(
      'trainingSession',
      null,
      {
        title: '千岛湖镇电商培训',
        startDate: '2026-03-10',
        endDate: '2026-03-10',
        townshipCode: '330127100',
        trainer: '陈老师',
        hours: 4,
        topics: [],
        capacity: null,
      },
      db,
    )
  ).id;
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const walkIn = {
  name: '赵小红',
  kind: 'youth' as const,
  villageCode: '330127100219',
  phone: '13700002222',
};

describe('registerWalkIn', () => {
  it('writes the trainee, the attendance and both outbox entries', async () => {
    const { traineeId } = await registerWalkIn(sessionId, walkIn, 'late', db);
    expect(await db.trainees.get(traineeId)).toMatchObject({ name: '赵小红', version: 0 });
    const row = await db.attendance.get(attendanceId(sessionId, traineeId));
    expect(row).toMatchObject({ status: 'late', traineeId, sessionId, deleted: false });
    expect(row!.checkedInAt).not.toBeNull();
    const outbox = await listOutbox(db);
    // The session first, then the trainee before its attendance: the server sees them in order.
    expect(outbox.map((e) => [e.entity, e.mutationId])).toEqual([
      ['trainingSession', 1],
      ['trainee', 2],
      ['attendance', 3],
    ]);
  });

  it('refuses a bad trainee with its problems and writes nothing', async () => {
    const error = await registerWalkIn(sessionId, { ...walkIn, phone: '12345' }, 'present', db)
      .then(() => null)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).problems.map((p) => p.path)).toEqual(['phone']);
    expect(await db.trainees.count()).toBe(0);
    expect(await db.attendance.count()).toBe(0);
    expect(await db.outbox.count()).toBe(1);
  });

  it('a failure on the attendance leaves no trainee either (one transaction)', async () => {
    // The trainee's row and outbox entry are already written in the transaction when the
    // attendance write fails: all of it must roll back.
    const failAttendance = () => {
      throw new Error('disk full (simulated)');
    };
    db.attendance.hook('creating', failAttendance);
    await expect(registerWalkIn(sessionId, walkIn, 'present', db)).rejects.toThrow('disk full');
    db.attendance.hook('creating').unsubscribe(failAttendance);

    expect(await db.trainees.count()).toBe(0);
    expect(await db.attendance.count()).toBe(0);
    expect((await listOutbox(db)).map((e) => e.entity)).toEqual(['trainingSession']);
    // The mutation counter did not advance: the next write gets the next id.
    await registerWalkIn(sessionId, walkIn, 'present', db);
    expect((await listOutbox(db)).map((e) => e.mutationId)).toEqual([1, 2, 3]);
  });
});
