/**
 * Training intents that write more than one row. A walk-in at the door is a trainee AND their
 * attendance: if only the first were saved, the person would exist unmarked and the count at the
 * door would be wrong; if only the second, an attendance would point at nobody. Either both rows
 * and both outbox entries are written, or nothing is.
 *
 * Taking someone off a list is an update of the row's membership (`onRoster`), so a check-in
 * made meanwhile on another phone merges with it; deleting a session tombstones its rows. Neither
 * may throw away a check-in by accident, and a deleted session takes its attendance with it, so
 * no figure keeps counting a session that no longer exists.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attendanceId } from '../domain/attendance';
import { createDatabase, listOutbox, writeSession, type CundianDb } from '../db';
import {
  addToRoster,
  AlreadyCheckedIn,
  AttendanceRefused,
  deleteRecord,
  deleteSession,
  markAttendance,
  RecordNotFound,
  registerWalkIn,
  removeFromRoster,
  saveRecord,
  ValidationFailed,
} from './index';

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

async function trainee(name: string): Promise<string> {
  return (
    await saveRecord(
      'trainee',
      null,
      { name, kind: 'youth', villageCode: '330127100219', phone: null },
      db,
    )
  ).id;
}

describe('removeFromRoster', () => {
  it('takes someone who has not arrived off the list as an update, and a tap puts them back', async () => {
    const id = await trainee('王芳');
    await addToRoster(sessionId, [id], undefined, db);
    await removeFromRoster(sessionId, id, db);
    const row = attendanceId(sessionId, id);
    expect(await db.attendance.get(row)).toMatchObject({
      deleted: false,
      onRoster: false,
      status: 'absent',
    });
    expect((await listOutbox(db)).at(-1)).toMatchObject({
      entity: 'attendance',
      op: 'upsert',
      changes: { onRoster: false },
      baseVersion: 0,
    });
    // Re-importing the list puts them back (and only them: nobody else's row is written).
    expect(await addToRoster(sessionId, [id], undefined, db)).toBe(1);
    expect(await db.attendance.get(row)).toMatchObject({ onRoster: true, status: 'absent' });
    await removeFromRoster(sessionId, id, db);
    // A tap at the door: checked in and on the list again, one update.
    await markAttendance(sessionId, id, 'present', db);
    expect(await db.attendance.get(row)).toMatchObject({ onRoster: true, status: 'present' });
    expect((await listOutbox(db)).at(-1)).toMatchObject({
      op: 'upsert',
      changes: expect.objectContaining({ status: 'present', onRoster: true }),
    });
  });

  it('refuses someone checked in (un-mark first) and someone not on the list', async () => {
    const here = await trainee('李明');
    const never = await trainee('张伟');
    await addToRoster(sessionId, [here], undefined, db);
    await markAttendance(sessionId, here, 'late', db);
    const before = await db.outbox.count();
    await expect(removeFromRoster(sessionId, here, db)).rejects.toBeInstanceOf(AlreadyCheckedIn);
    await expect(removeFromRoster(sessionId, never, db)).rejects.toBeInstanceOf(RecordNotFound);
    expect(await db.attendance.get(attendanceId(sessionId, here))).toMatchObject({
      status: 'late',
      deleted: false,
    });
    expect(await db.outbox.count()).toBe(before);
    // Un-marked at the roll call, the person can be taken off the list.
    await markAttendance(sessionId, here, 'absent', db);
    await removeFromRoster(sessionId, here, db);
    await expect(removeFromRoster(sessionId, here, db)).rejects.toBeInstanceOf(RecordNotFound);
  });
});

describe('deleteSession', () => {
  it('tombstones the session and all its attendance, keeps the trainees and other sessions', async () => {
    const ids = [await trainee('王芳'), await trainee('李明'), await trainee('张伟')];
    await addToRoster(sessionId, ids, undefined, db);
    await markAttendance(sessionId, ids[0]!, 'present', db);
    await removeFromRoster(sessionId, ids[2]!, db);
    const other = (
      await saveRecord(
        'trainingSession',
        null,
        {
          title: '另一期培训',
          startDate: '2026-04-01',
          endDate: '2026-04-01',
          townshipCode: '330127100',
          trainer: '陈老师',
          hours: 2,
          topics: [],
          capacity: null,
        },
        db,
      )
    ).id;
    await addToRoster(other, [ids[0]!], undefined, db);
    const before = await db.outbox.count();

    // Every live row, the one taken off the list included.
    expect(await deleteSession(sessionId, db)).toEqual({ attendanceDeleted: 3 });
    expect(await db.trainingSessions.get(sessionId)).toMatchObject({ deleted: true });
    const rows = await db.attendance.where('sessionId').equals(sessionId).toArray();
    expect(rows.map((r) => r.deleted)).toEqual([true, true, true]);
    expect(await db.attendance.get(attendanceId(other, ids[0]!))).toMatchObject({
      deleted: false,
    });
    expect(await db.trainees.filter((t) => !t.deleted).count()).toBe(3);
    const added = (await listOutbox(db)).slice(before);
    expect(added.map((e) => [e.entity, e.op])).toEqual([
      ['trainingSession', 'delete'],
      ['attendance', 'delete'],
      ['attendance', 'delete'],
      ['attendance', 'delete'],
    ]);
    await expect(deleteSession(sessionId, db)).rejects.toBeInstanceOf(RecordNotFound);
  });

  it('a failure half way deletes nothing (one transaction)', async () => {
    const ids = [await trainee('王芳'), await trainee('李明')];
    await addToRoster(sessionId, ids, undefined, db);
    const before = await db.outbox.count();
    const failAttendance = () => {
      throw new Error('power cut (simulated)');
    };
    db.attendance.hook('updating', failAttendance);
    await expect(deleteSession(sessionId, db)).rejects.toThrow('power cut');
    db.attendance.hook('updating').unsubscribe(failAttendance);
    expect(await db.trainingSessions.get(sessionId)).toMatchObject({ deleted: false });
    expect((await db.attendance.toArray()).every((a) => !a.deleted)).toBe(true);
    expect(await db.outbox.count()).toBe(before);
  });
});

describe('who may be signed in (the server’s rule, told before saving)', () => {
  // A trainer of 千岛湖镇: trainees of the township only (src/domain/references.ts).
  const signIn = () =>
    writeSession(
      {
        token: 't',
        user: {
          id: 'u1',
          username: 'trainer1',
          displayName: '陈老师',
          role: 'trainer',
          scope: { level: 'township', code: '330127100' },
        },
        loggedInAt: '2026-03-01T00:00:00Z',
      },
      db,
    );
  const trainee = async (villageCode: string) =>
    (
      await saveRecord(
        'trainee',
        null,
        { name: '外乡学员', kind: 'youth', villageCode, phone: null },
        db,
      )
    ).id;
  const attendanceEntries = async () =>
    (await listOutbox(db)).filter((e) => e.entity === 'attendance').length;

  it('refuses a trainee of another area at the roll call, on the list and as a walk-in, writing nothing', async () => {
    const local = await trainee('330127100219'); // 富城村, 千岛湖镇
    const elsewhere = await trainee('330127101200'); // 浪洞村, 文昌镇: the same county
    await signIn();
    const refusal = await markAttendance(sessionId, elsewhere, 'present', db).catch((e) => e);
    expect(refusal).toBeInstanceOf(AttendanceRefused);
    expect(refusal.problem).toEqual({
      field: 'traineeId',
      reason: 'scopeDenied',
      message: 'attendance.traineeOutsideArea',
    });
    await expect(addToRoster(sessionId, [local, elsewhere], undefined, db)).rejects.toBeInstanceOf(
      AttendanceRefused,
    );
    await expect(
      registerWalkIn(sessionId, { ...walkIn, villageCode: '330127101200' }, 'present', db),
    ).rejects.toBeInstanceOf(AttendanceRefused);
    expect(await attendanceEntries()).toBe(0);
    expect(await db.trainees.count()).toBe(2); // the walk-in's trainee was not written either
    // Those of the area are signed in as before.
    await markAttendance(sessionId, local, 'present', db);
    expect(await addToRoster(sessionId, [local], undefined, db)).toBe(0); // already on it
    expect(await attendanceEntries()).toBe(1);
  });

  it('refuses a deleted trainee, and one the device does not hold', async () => {
    const gone = await trainee('330127100219');
    await deleteRecord('trainee', gone, db);
    await signIn();
    for (const [id, message] of [
      [gone, 'attendance.traineeDeleted'],
      ['0190aaaa-0000-7000-8000-000000000001', 'attendance.traineeMissing'],
    ] as const) {
      const refusal = await markAttendance(sessionId, id, 'present', db).catch((e) => e);
      expect(refusal).toBeInstanceOf(AttendanceRefused);
      expect(refusal.problem).toMatchObject({ reason: 'notFound', message });
    }
    expect(await attendanceEntries()).toBe(0);
  });

  it('with nobody signed in (the app used alone) leaves the decision to the server', async () => {
    const elsewhere = await trainee('330122002200'); // 桐庐县
    await markAttendance(sessionId, elsewhere, 'present', db);
    expect(await attendanceEntries()).toBe(1);
  });
});
