/**
 * The roll call and the server agree (issue 15 §7): taking someone off a session's list and a
 * tap at the door made on another phone that had not heard of it both reach the server, in
 * either order, and the person who came is on the list and counted — at once, without a
 * coordinator restoring anything. Membership is a field (`onRoster`); a check-in implies it
 * (server/training/hooks.ts). Through the real push path (HTTP app, PGlite; PostgreSQL with
 * TEST_DATABASE_URL), counted with the figures' own rules.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { attendanceId, type Attendance } from '../../src/domain/attendance';
import { newId } from '../../src/domain/common';
import { countRollCall } from '../../src/domain/rollCall';
import type { Trainee } from '../../src/domain/trainee';
import type { TrainingSession } from '../../src/domain/trainingSession';
import { trainingFigures } from '../../src/domain/trainingFigures';
import type { Db } from '../db';
import {
  buildTestApp,
  CHUNAN,
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  seedUser,
  TestDevice,
  testBackends,
  traineeFields,
  trainingSessionFields,
  useTestDatabase,
} from '../test-support/sync';

const CHECKED_IN_AT = '2026-03-10T01:02:03.000Z';

async function recordsOf<T>(db: Db, entity: string): Promise<T[]> {
  const { rows } = await db.query<{ data: T }>(
    'select data from records where entity = $1 and not deleted',
    [entity],
  );
  return rows.map((row) => row.data);
}

/** The session's roll-call counts and the year's trained people, as the server's records say. */
async function figures(db: Db) {
  const attendance = await recordsOf<Attendance>(db, 'attendance');
  const sessions = await recordsOf<TrainingSession>(db, 'trainingSession');
  const trainees = await recordsOf<Trainee>(db, 'trainee');
  return {
    roll: countRollCall(attendance),
    trained: trainingFigures(2026, sessions, trainees, attendance, []).trained,
  };
}

describe.each(testBackends('server/training/roster.test.ts'))('the roster on $kind', (backend) => {
  let db: Db;
  const database = useTestDatabase(backend, async (db) => {
    await seedUser(db, 'trainer_a', 'trainer', { level: 'county', code: CHUNAN });
    await seedUser(db, 'trainer_b', 'trainer', { level: 'county', code: CHUNAN });
  });
  beforeEach(() => {
    db = database();
  });

  /** A session with X on its list (not yet arrived), as both phones have pulled it (version 1). */
  async function sessionWithX() {
    const app = await buildTestApp(db);
    const phoneA = await TestDevice.signIn(app, 'trainer_a');
    const phoneB = await TestDevice.signIn(app, 'trainer_b');
    const sessionId = newId();
    const x = newId();
    const id = attendanceId(sessionId, x);
    const setUp = await phoneA.push([
      phoneA.mutation('trainingSession', sessionId, trainingSessionFields(QIANDAOHU)),
      phoneA.mutation('trainee', x, traineeFields(QIANDAOHU_VILLAGE)),
      phoneA.mutation('attendance', id, {
        sessionId,
        traineeId: x,
        status: 'absent',
        checkedInAt: null,
      }),
    ]);
    expect(setUp.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    // What phone B sends for a tap on a row it holds at version 1 (only what changed).
    const tap = () =>
      phoneB.mutation('attendance', id, { status: 'present', checkedInAt: CHECKED_IN_AT }, 1);
    const row = async () =>
      (
        await db.query<{ deleted: boolean; status: string; on_roster: boolean | null }>(
          `select deleted, data ->> 'status' as status, (data ->> 'onRoster')::boolean as on_roster
           from records where entity = 'attendance' and id = $1`,
          [id],
        )
      ).rows[0];
    return { app, phoneA, phoneB, sessionId, id, tap, row };
  }

  it('A takes X off the list, B (offline, not knowing) taps X present: X is here and counted', async () => {
    const { app, phoneA, phoneB, id, tap, row } = await sessionWithX();
    const removal = await phoneA.push([phoneA.mutation('attendance', id, { onRoster: false }, 1)]);
    expect(removal.results[0]?.status).toBe('applied');
    expect(await figures(db)).toEqual({
      roll: { expected: 0, present: 0, late: 0, absent: 0, arrived: 0 },
      trained: 0,
    });

    const late = await phoneB.push([tap()]);
    expect(late.results[0]).toMatchObject({ status: 'applied' });
    expect(await row()).toEqual({ deleted: false, status: 'present', on_roster: true });
    expect(await figures(db)).toEqual({
      roll: { expected: 1, present: 1, late: 0, absent: 0, arrived: 1 },
      trained: 1,
    });
    // Both phones converge on the merged row.
    await phoneA.pullAll();
    await phoneB.pullAll();
    expect(phoneA.data('attendance', id)).toMatchObject({ status: 'present', onRoster: true });
    expect(phoneB.data('attendance', id)).toEqual(phoneA.data('attendance', id));
    await app.close();
  });

  it('the other order: B’s tap first, then A’s removal is refused with a reason; X counted', async () => {
    const { app, phoneA, phoneB, id, tap, row } = await sessionWithX();
    expect((await phoneB.push([tap()])).results[0]?.status).toBe('applied');
    const removal = await phoneA.push([phoneA.mutation('attendance', id, { onRoster: false }, 1)]);
    expect(removal.results[0]).toMatchObject({ status: 'rejected', reason: 'invalid' });
    expect(removal.results[0]?.message?.['zh-CN']).toContain('已签到');
    expect(removal.results[0]?.message?.en).toContain('undo the check-in');
    expect(await row()).toEqual({ deleted: false, status: 'present', on_roster: true });
    expect((await figures(db)).trained).toBe(1);
    await app.close();
  });

  it('a removal sent as a delete by an older app still gives way to a later tap', async () => {
    const { app, phoneA, phoneB, id, tap, row } = await sessionWithX();
    const removal = await phoneA.push([phoneA.mutation('attendance', id, {}, 1, 'delete')]);
    expect(removal.results[0]?.status).toBe('applied');
    expect((await row())?.deleted).toBe(true);

    // An older app's tap carries no onRoster: the server adds what a check-in implies.
    const late = await phoneB.push([tap()]);
    expect(late.results[0]).toMatchObject({ status: 'applied' });
    expect(await row()).toEqual({ deleted: false, status: 'present', on_roster: true });
    expect((await figures(db)).trained).toBe(1);
    const { rows } = await db.query<{ op: string }>(
      `select op from change_log where entity = 'attendance' and record_id = $1 order by seq`,
      [id],
    );
    expect(rows.map((r) => r.op)).toEqual(['create', 'delete', 'undelete']);
    await app.close();
  });

  it('a session deleted with its list stays deleted: a tap afterwards is refused', async () => {
    const { app, phoneA, phoneB, sessionId, id, tap, row } = await sessionWithX();
    const gone = await phoneA.push([
      phoneA.mutation('trainingSession', sessionId, {}, 1, 'delete'),
      phoneA.mutation('attendance', id, {}, 1, 'delete'),
    ]);
    expect(gone.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const late = await phoneB.push([tap()]);
    expect(late.results[0]).toMatchObject({ status: 'rejected' });
    expect((await row())?.deleted).toBe(true);
    expect((await figures(db)).trained).toBe(0);
    await app.close();
  });
});
