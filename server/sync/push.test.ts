/**
 * Push, end to end through the HTTP app on PGlite and (with TEST_DATABASE_URL) PostgreSQL.
 * A field officer's phone may lose a response, retry, sit offline for days while a colleague
 * edits the same record, or carry one broken record in its outbox. Whatever happens, each
 * mutation must be applied exactly once or rejected with a reason, and no value anyone typed may
 * vanish: the tests below are the list (lost response, concurrent edits, delete vs
 * update, attendance from two devices, a poison mutation, scope) plus the failure modes of the
 * protocol itself (versions, device binding, a transient database failure).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { attendanceId } from '../../src/domain/attendance';
import { newId } from '../../src/domain/common';
import { MAX_PUSH_MUTATIONS, PROTOCOL_VERSION, SCHEMA_VERSION } from '../../src/domain/protocol';
import type { Db, DbTx } from '../db';
import {
  buildTestApp,
  CHUNAN,
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  seedUser,
  servicePointFields,
  TestDevice,
  testBackends,
  traineeFields,
  useTestDatabase,
  trainingSessionFields,
  TONGLU,
  TONGLU_VILLAGE,
  WENCHANG,
  WENCHANG_VILLAGE,
} from '../test-support/sync';

async function count(db: Db, table: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return rows[0]!.n;
}

describe.each(testBackends('server/sync/push.test.ts'))('push on $kind', (backend) => {
  let db: Db;
  const database = useTestDatabase(backend, async (db) => {
    await seedUser(db, 'officer1', 'officer', { level: 'township', code: QIANDAOHU });
    await seedUser(db, 'officer2', 'officer', { level: 'township', code: QIANDAOHU });
    await seedUser(db, 'wenchang', 'officer', { level: 'township', code: WENCHANG });
    await seedUser(db, 'coordinator', 'coordinator', { level: 'county', code: CHUNAN });
    await seedUser(db, 'trainer1', 'trainer', { level: 'county', code: CHUNAN });
    await seedUser(db, 'trainer2', 'trainer', { level: 'county', code: CHUNAN });
    await seedUser(db, 'tonglutrainer', 'trainer', { level: 'county', code: TONGLU });
    await seedUser(db, 'wenchangtrainer', 'trainer', { level: 'township', code: WENCHANG });
    await seedUser(db, 'admin', 'admin', { level: 'prefecture', code: '3301' });
  });

  beforeEach(() => {
    db = database();
  });

  it('1: a retried push after a lost response duplicates nothing and answers the same', async () => {
    const app = await buildTestApp(db);
    const device = await TestDevice.signIn(app, 'officer1');
    const id = newId();
    const body = device.pushBody([
      device.mutation('servicePoint', id, servicePointFields(QIANDAOHU_VILLAGE)),
      device.mutation('servicePoint', id, { name: '改过的名字' }, 0),
      device.mutation('servicePoint', newId(), servicePointFields(WENCHANG_VILLAGE)), // rejected
    ]);
    const first = await device.rawPush(body); // the server commits; pretend the answer was lost
    const state = {
      records: await count(db, 'records'),
      changes: await count(db, 'change_log'),
      results: await count(db, 'push_results'),
    };
    const retry = await device.rawPush(body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect(retry.json()).toMatchObject({
      lastMutationId: 3,
      results: [
        { mutationId: 1, status: 'applied' },
        { mutationId: 2, status: 'applied' },
        { mutationId: 3, status: 'rejected', reason: 'scopeDenied' },
      ],
    });
    expect({
      records: await count(db, 'records'),
      changes: await count(db, 'change_log'),
      results: await count(db, 'push_results'),
    }).toEqual(state);
    const version = await db.query<{ version: number }>(
      'select version from records where id = $1',
      [id],
    );
    expect(version.rows[0]?.version).toBe(2);

    // A retry that also carries new mutations: the old ones are skipped, the new one applied.
    const more = await device.push([
      ...body.mutations,
      device.mutation('servicePoint', id, { notes: '新的' }, 2),
    ]);
    expect(more.results.map((r) => r.status)).toEqual([
      'applied',
      'applied',
      'rejected',
      'applied',
    ]);
    expect(more.lastMutationId).toBe(4);
    await app.close();
  });

  it('5: concurrent edits of different fields merge; of the same field one wins, one conflict row', async () => {
    const app = await buildTestApp(db);
    const a = await TestDevice.signIn(app, 'officer1');
    const b = await TestDevice.signIn(app, 'officer2');
    const id = newId();
    await a.push([a.mutation('servicePoint', id, servicePointFields(QIANDAOHU_VILLAGE))]);
    await b.pullAll();
    // Both offline at version 1.
    await a.push([a.mutation('servicePoint', id, { name: 'A 的名字', operatorName: '阿强' }, 1)]);
    await b.push([b.mutation('servicePoint', id, { name: 'B 的名字', notes: 'B 的备注' }, 1)]);
    await a.pullAll();
    expect(a.data('servicePoint', id)).toMatchObject({
      name: 'B 的名字', // the later arrival
      operatorName: '阿强', // only A changed it
      notes: 'B 的备注', // only B changed it
      version: 3,
    });
    const conflicts = await db.query<{ field: string; winning: unknown; losing: unknown }>(
      `select field, winning_value -> 'value' as winning, losing_value -> 'value' as losing from conflicts`,
    );
    expect(conflicts.rows).toEqual([{ field: 'name', winning: 'B 的名字', losing: 'A 的名字' }]);
    await app.close();
  });

  it('6: a delete beats a concurrent update, and the update is kept as a conflict', async () => {
    const app = await buildTestApp(db);
    const a = await TestDevice.signIn(app, 'officer1');
    const b = await TestDevice.signIn(app, 'officer2');
    const id = newId();
    await a.push([a.mutation('servicePoint', id, servicePointFields(QIANDAOHU_VILLAGE))]);
    await b.pullAll();

    // Update first, delete second (the delete did not see the update): still deleted.
    await b.push([b.mutation('servicePoint', id, { notes: '先到的修改' }, 1)]);
    const deleted = await a.push([a.mutation('servicePoint', id, {}, 1, 'delete')]);
    expect(deleted.results[0]?.status).toBe('applied');
    // Another update that did not see the delete: rejected, its values kept.
    const late = await b.push([b.mutation('servicePoint', id, { name: '晚到的名字' }, 2)]);
    expect(late.results[0]).toMatchObject({
      status: 'rejected',
      reason: 'deleted',
      message: { 'zh-CN': expect.any(String) },
    });

    await b.pullAll();
    expect(b.copy.has(`servicePoint:${id}`)).toBe(false);
    const kept = await db.query<{ kind: string; losing: unknown }>(
      `select kind, losing_value -> 'value' as losing from conflicts`,
    );
    expect(kept.rows).toEqual([{ kind: 'deleted', losing: { name: '晚到的名字' } }]);
    await app.close();
  });

  it('6b: an update of a deleted record is checked like any update: refused when invalid (not kept), kept as validated when valid', async () => {
    const app = await buildTestApp(db);
    const a = await TestDevice.signIn(app, 'officer1');
    const b = await TestDevice.signIn(app, 'officer2');
    const id = newId();
    await a.push([a.mutation('servicePoint', id, servicePointFields(QIANDAOHU_VILLAGE))]);
    await a.push([a.mutation('servicePoint', id, {}, 1, 'delete')]);
    const answer = await b.push([
      b.mutation('servicePoint', id, { notes: { html: '<b>x</b>' } }, 1), // an object as notes
      b.mutation('servicePoint', id, { operatorPhone: 13812345678 }, 1), // a number as a phone
      b.mutation('servicePoint', id, { name: 'x'.repeat(2_000_000) }, 1), // a 2 MB name
      b.mutation('servicePoint', id, { status: 'open' }, 1), // open without an opening date
      b.mutation('servicePoint', id, { regionCode: WENCHANG_VILLAGE }, 1), // out of the area
      b.mutation('servicePoint', id, { name: '  晚到的\n名字 ', notes: '补充' }, 1), // valid
    ]);
    expect(answer.results.map((r) => r.reason)).toEqual([
      'invalid',
      'invalid',
      'invalid',
      'invalid',
      'scopeDenied',
      'deleted',
    ]);
    expect(answer.results[2]?.message?.['zh-CN']).toContain('服务点名称');
    expect(answer.results[3]?.message?.['zh-CN']).toContain('开业日期');
    // Only the valid update waits in the inbox, with the fields it sent, as validated.
    const kept = await db.query<{ kind: string; losing: unknown }>(
      `select kind, losing_value -> 'value' as losing from conflicts`,
    );
    expect(kept.rows).toEqual([
      { kind: 'deleted', losing: { name: '晚到的 名字', notes: '补充' } },
    ]);
    await app.close();
  });

  it('7: two devices taking the same roll call offline make one attendance row', async () => {
    const app = await buildTestApp(db);
    const t1 = await TestDevice.signIn(app, 'trainer1');
    const t2 = await TestDevice.signIn(app, 'trainer2');
    const sessionId = newId();
    const traineeId = newId();
    await t1.push([
      t1.mutation('trainingSession', sessionId, trainingSessionFields(QIANDAOHU)),
      t1.mutation('trainee', traineeId, traineeFields(QIANDAOHU_VILLAGE)),
    ]);
    const id = attendanceId(sessionId, traineeId);
    const roll = (status: string) => ({
      sessionId,
      traineeId,
      status,
      checkedInAt: '2026-03-10T01:02:03.000Z',
    });
    const r1 = await t1.push([t1.mutation('attendance', id, roll('present'))]);
    const r2 = await t2.push([t2.mutation('attendance', id, roll('present'))]);
    expect([r1.results[0]?.status, r2.results[0]?.status]).toEqual(['applied', 'applied']);
    const rows = await db.query<{ version: number }>(
      "select version from records where entity = 'attendance'",
    );
    expect(rows.rows).toEqual([{ version: 1 }]); // the same values: nothing to change
    // Different statuses: still one row, the later arrival wins, the other is kept.
    await t2.push([t2.mutation('attendance', id, roll('late'), 0)]);
    const after = await db.query<{ n: number; status: string }>(
      "select count(*) over ()::int as n, data ->> 'status' as status from records where entity = 'attendance'",
    );
    expect(after.rows).toEqual([{ n: 1, status: 'late' }]);
    expect(await count(db, 'conflicts')).toBe(1);
    await app.close();
  });

  it('8: a poison mutation is rejected with a reason and the ones after it still apply', async () => {
    const app = await buildTestApp(db);
    const device = await TestDevice.signIn(app, 'officer1');
    const good1 = newId();
    const good2 = newId();
    const response = await device.push([
      device.mutation('servicePoint', good1, servicePointFields(QIANDAOHU_VILLAGE)),
      device.mutation(
        'servicePoint',
        newId(),
        servicePointFields(QIANDAOHU_VILLAGE, { operatorPhone: '555' }),
      ),
      {
        mutationId: 3,
        entity: 'servicePoint',
        recordId: 'not-a-uuid',
        op: 'upsert',
        changes: {},
        baseVersion: 0,
      },
      {
        mutationId: 4,
        entity: 'spaceship',
        recordId: newId(),
        op: 'upsert',
        changes: {},
        baseVersion: 0,
      } as never,
      {
        ...device.mutation('servicePoint', good2, servicePointFields(QIANDAOHU_VILLAGE)),
        mutationId: 5,
      },
    ]);
    expect(response.results).toEqual([
      { mutationId: 1, status: 'applied' },
      {
        mutationId: 2,
        status: 'rejected',
        reason: 'invalid',
        message: {
          'zh-CN': expect.stringContaining('运营人电话：手机号应为 11 位数字'),
          en: expect.stringContaining("Operator's phone"),
        },
      },
      { mutationId: 3, status: 'rejected', reason: 'badRequest', message: expect.any(Object) },
      { mutationId: 4, status: 'rejected', reason: 'unknownEntity', message: expect.any(Object) },
      { mutationId: 5, status: 'applied' },
    ]);
    expect(response.lastMutationId).toBe(5);
    // What the rejected mutations carried is kept.
    const kept = await db.query<{ rejected: { mutationId: unknown; changes?: unknown }[] }>(
      'select rejected_mutations as rejected from push_results',
    );
    expect(kept.rows[0]?.rejected.map((m) => m.mutationId)).toEqual([2, 3, 4]);
    expect(kept.rows[0]?.rejected[0]?.changes).toMatchObject({ operatorPhone: '555' });
    await app.close();
  });

  it('9: an officer cannot push records of another township, nor move one there', async () => {
    const app = await buildTestApp(db);
    const mine = await TestDevice.signIn(app, 'officer1');
    const theirs = await TestDevice.signIn(app, 'wenchang');
    const inWenchang = newId();
    const inQiandaohu = newId();
    await theirs.push([
      theirs.mutation('servicePoint', inWenchang, servicePointFields(WENCHANG_VILLAGE)),
    ]);
    await mine.push([
      mine.mutation('servicePoint', inQiandaohu, servicePointFields(QIANDAOHU_VILLAGE)),
    ]);
    const answer = await mine.push([
      mine.mutation('servicePoint', inWenchang, { name: '越界修改' }, 1),
      mine.mutation('servicePoint', inWenchang, {}, 1, 'delete'),
      mine.mutation('servicePoint', inQiandaohu, { regionCode: WENCHANG_VILLAGE }, 1),
      mine.mutation('trainee', newId(), traineeFields(QIANDAOHU_VILLAGE)),
    ]);
    expect(answer.results.map((r) => r.reason)).toEqual([
      'scopeDenied',
      'scopeDenied',
      'scopeDenied',
      'roleDenied',
    ]);
    const rows = await db.query<{ name: string; deleted: boolean }>(
      'select data ->> $2 as name, deleted from records where id = $1',
      [inWenchang, 'name'],
    );
    expect(rows.rows).toEqual([{ name: '测试服务点', deleted: false }]);
    await app.close();
  });

  it('binds a device to its first user: another user gets 403 and nothing is applied', async () => {
    const app = await buildTestApp(db);
    const first = await TestDevice.signIn(app, 'officer1');
    await first.push([
      first.mutation('servicePoint', newId(), servicePointFields(QIANDAOHU_VILLAGE)),
    ]);
    const other = await TestDevice.signIn(app, 'officer2', first.clientId);
    const pushed = await other.rawPush(
      other.pushBody([
        other.mutation('servicePoint', newId(), servicePointFields(QIANDAOHU_VILLAGE)),
      ]),
    );
    expect(pushed.statusCode).toBe(403);
    expect(pushed.json()).toMatchObject({
      error: 'clientOwnedByAnotherUser',
      messages: { 'zh-CN': expect.any(String) },
    });
    const pulled = await other.rawPull({
      protocolVersion: 1,
      schemaVersion: 1,
      clientId: first.clientId,
      cursor: null,
    });
    expect(pulled.statusCode).toBe(403);
    expect(await count(db, 'records')).toBe(1);
    await app.close();
  });

  it('answers a too-old app with 426 "update the app", and a too-new one with 409', async () => {
    const app = await buildTestApp(db);
    const device = await TestDevice.signIn(app, 'officer1');
    const old = await device.rawPush({ ...device.pushBody([]), protocolVersion: 0 });
    expect(old.statusCode).toBe(426);
    expect(old.json()).toMatchObject({
      error: 'clientTooOld',
      messages: {
        'zh-CN': expect.stringContaining('更新应用'),
        en: expect.stringContaining('update the app'),
      },
    });
    const oldPull = await device.rawPull({
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: 0,
      clientId: device.clientId,
      cursor: null,
    });
    expect(oldPull.statusCode).toBe(426);
    const newer = await device.rawPush({
      ...device.pushBody([]),
      schemaVersion: SCHEMA_VERSION + 1,
    });
    expect(newer.statusCode).toBe(409);
    expect(newer.json()).toMatchObject({ error: 'serverTooOld' });
    expect(await count(db, 'clients')).toBe(0);
    await app.close();
  });

  it('a transient database failure is a 5xx with nothing of the batch applied; the retry works', async () => {
    let failNext = true;
    // The same database, but the batch's last write fails once (a dropped connection).
    const flaky: Db = {
      ...db,
      kind: db.kind,
      description: db.description,
      query: (sql, params) => db.query(sql, params),
      exec: (sql) => db.exec(sql),
      close: () => db.close(),
      transaction: (fn) =>
        db.transaction((tx) =>
          fn({
            exec: (sql) => tx.exec(sql),
            query: ((sql: string, params?: unknown[]) => {
              if (failNext && sql.includes('update clients set last_mutation_id')) {
                failNext = false;
                return Promise.reject(new Error('Connection terminated unexpectedly'));
              }
              return tx.query(sql, params);
            }) as DbTx['query'],
          }),
        ),
    };
    const app = await buildTestApp(flaky);
    const device = await TestDevice.signIn(app, 'officer1');
    const body = device.pushBody([
      device.mutation('servicePoint', newId(), servicePointFields(QIANDAOHU_VILLAGE)),
      device.mutation('servicePoint', newId(), servicePointFields(QIANDAOHU_VILLAGE)),
    ]);
    const failed = await device.rawPush(body);
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toMatchObject({ error: 'internal' });
    expect(await count(db, 'records')).toBe(0);
    expect(await count(db, 'change_log')).toBe(0);
    expect(await count(db, 'push_results')).toBe(0);
    const retried = await device.rawPush(body);
    expect(retried.json()).toMatchObject({
      lastMutationId: 2,
      results: [{ status: 'applied' }, { status: 'applied' }],
    });
    expect(await count(db, 'records')).toBe(2);
    await app.close();
  });

  it('refuses malformed batches whole: decreasing ids, too many mutations, no token', async () => {
    const app = await buildTestApp(db);
    const device = await TestDevice.signIn(app, 'officer1');
    const m1 = device.mutation('servicePoint', newId(), servicePointFields(QIANDAOHU_VILLAGE));
    const m2 = device.mutation('servicePoint', newId(), servicePointFields(QIANDAOHU_VILLAGE));
    const decreasing = await device.rawPush(device.pushBody([m2, m1]));
    expect(decreasing.statusCode).toBe(400);
    const tooMany = await device.rawPush(
      device.pushBody(
        Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, (_, i) => ({ ...m1, mutationId: i + 1 })),
      ),
    );
    expect(tooMany.statusCode).toBe(400);
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      payload: device.pushBody([m1]),
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: 'unauthorized' });
    expect(await count(db, 'records')).toBe(0);
    await app.close();
  });

  it('moves attendance with its session, and rejects attendance of an unknown session', async () => {
    const app = await buildTestApp(db);
    const trainer = await TestDevice.signIn(app, 'trainer1');
    const sessionId = newId();
    const traineeId = newId();
    const unknownSession = newId();
    const answer = await trainer.push([
      trainer.mutation('attendance', attendanceId(unknownSession, traineeId), {
        sessionId: unknownSession,
        traineeId,
        status: 'absent',
        checkedInAt: null,
      }),
      trainer.mutation('trainingSession', sessionId, trainingSessionFields(QIANDAOHU)),
      trainer.mutation('trainee', traineeId, traineeFields(QIANDAOHU_VILLAGE)),
      trainer.mutation('attendance', attendanceId(sessionId, traineeId), {
        sessionId,
        traineeId,
        status: 'absent',
        checkedInAt: null,
      }),
      trainer.mutation('trainingSession', sessionId, { townshipCode: WENCHANG }, 1),
    ]);
    expect(answer.results.map((r) => r.reason ?? r.status)).toEqual([
      'notFound',
      'applied',
      'applied',
      'applied',
      'applied',
    ]);
    const attendance = await db.query<{ township_code: string }>(
      "select township_code from records where entity = 'attendance'",
    );
    expect(attendance.rows).toEqual([{ township_code: WENCHANG }]);
    const moves = await db.query<{ op: string; old_township_code: string }>(
      "select op, old_township_code from change_log where entity = 'attendance' order by seq",
    );
    expect(moves.rows.map((r) => r.op)).toEqual(['create', 'move']);
    expect(moves.rows[1]?.old_township_code).toBe(QIANDAOHU);
    await app.close();
  });

  it('signs in only trainees the writer may see: on the server, live, in the area (or any, for the prefecture admin)', async () => {
    const app = await buildTestApp(db);
    const trainer = await TestDevice.signIn(app, 'trainer1'); // 淳安县
    const tonglu = await TestDevice.signIn(app, 'tonglutrainer');
    const admin = await TestDevice.signIn(app, 'admin');
    const wenchang = await TestDevice.signIn(app, 'wenchangtrainer'); // 文昌镇 only
    const session = newId();
    const wenchangSession = newId();
    const [local, gone, fromTonglu, refused] = [newId(), newId(), newId(), newId()];
    await tonglu.push([tonglu.mutation('trainee', fromTonglu, traineeFields(TONGLU_VILLAGE))]);
    await trainer.push([
      trainer.mutation('trainingSession', session, trainingSessionFields(QIANDAOHU)),
      trainer.mutation('trainingSession', wenchangSession, trainingSessionFields(WENCHANG)),
      trainer.mutation('trainee', local, traineeFields(QIANDAOHU_VILLAGE)),
      trainer.mutation('trainee', gone, traineeFields(QIANDAOHU_VILLAGE, { name: '李四' })),
      trainer.mutation('trainee', gone, {}, 1, 'delete'),
    ]);
    const roll = (sessionId: string, traineeId: string) => ({
      sessionId,
      traineeId,
      status: 'present',
      checkedInAt: '2026-03-10T01:02:03.000Z',
    });
    const check = (device: TestDevice, sessionId: string, traineeId: string) =>
      device.mutation('attendance', attendanceId(sessionId, traineeId), roll(sessionId, traineeId));

    const answer = await trainer.push([
      check(trainer, session, fromTonglu), // another county's trainee
      check(trainer, session, newId()), // nobody the server knows
      check(trainer, session, gone), // deleted
      // The roster import's case: a trainee placed outside the area is refused, and so is
      // the check-in that follows it in the same batch.
      trainer.mutation('trainee', refused, traineeFields(TONGLU_VILLAGE)),
      check(trainer, session, refused),
      check(trainer, session, local),
    ]);
    expect(answer.results.map((r) => r.reason ?? r.status)).toEqual([
      'scopeDenied',
      'notFound',
      'notFound',
      'scopeDenied',
      'notFound',
      'applied',
    ]);
    expect(answer.results[0]?.message).toEqual({
      'zh-CN': expect.stringContaining('不在你负责的区域内'),
      en: expect.stringContaining('outside your area'),
    });
    expect(answer.results[1]?.message?.['zh-CN']).toContain('服务器上没有这名学员');
    expect(answer.results[2]?.message?.['zh-CN']).toContain('已被删除');
    expect(answer.results[4]?.message?.en).toContain('the server has no such trainee');

    // A township trainer: trainees of the township only, even of the same county.
    const township = await wenchang.push([check(wenchang, wenchangSession, local)]);
    expect(township.results[0]?.reason).toBe('scopeDenied');
    // The prefecture's admin may sign anyone of the prefecture in.
    const byAdmin = await admin.push([check(admin, session, fromTonglu)]);
    expect(byAdmin.results[0]?.status).toBe('applied');

    // A trainee who moves out of the area afterwards: their check-in can no longer be changed
    // by the trainer (the record names someone they no longer see), but it can be taken off
    // the list (a delete names nobody new).
    await admin.pullAll();
    const localVersion = (admin.data('trainee', local)?.version as number) ?? 0;
    await admin.push([
      admin.mutation('trainee', local, { villageCode: TONGLU_VILLAGE }, localVersion),
    ]);
    const later = await trainer.push([
      trainer.mutation('attendance', attendanceId(session, local), { status: 'late' }, 1),
      trainer.mutation('attendance', attendanceId(session, local), {}, 1, 'delete'),
    ]);
    expect(later.results.map((r) => r.reason ?? r.status)).toEqual(['scopeDenied', 'applied']);

    const rows = await db.query<{ trainee: string; deleted: boolean }>(
      `select data ->> 'traineeId' as trainee, deleted from records
       where entity = 'attendance' order by data ->> 'traineeId'`,
    );
    expect(rows.rows).toEqual(
      [
        { trainee: fromTonglu, deleted: false },
        { trainee: local, deleted: true },
      ].sort((a, b) => a.trainee.localeCompare(b.trainee)),
    );
    await app.close();
  });

  it.skipIf(backend.kind !== 'postgres')(
    'serialises concurrent pushes to the same new record across server instances',
    async () => {
      const other = await backend.openAnother!(db);
      const app1 = await buildTestApp(db);
      const app2 = await buildTestApp(other);
      const id = newId();
      const devices = await Promise.all([
        TestDevice.signIn(app1, 'officer1'),
        TestDevice.signIn(app2, 'officer2'),
        TestDevice.signIn(app1, 'coordinator'),
        TestDevice.signIn(app2, 'officer1'),
      ]);
      const answers = await Promise.all(
        devices.map((d, i) =>
          d.push([
            d.mutation(
              'servicePoint',
              id,
              servicePointFields(QIANDAOHU_VILLAGE, { notes: `设备 ${i}` }),
            ),
          ]),
        ),
      );
      expect(answers.every((a) => a.results[0]?.status === 'applied')).toBe(true);
      const rows = await db.query<{ version: number }>(
        'select version from records where id = $1',
        [id],
      );
      expect(rows.rows).toEqual([{ version: 4 }]);
      expect(await count(db, 'change_log')).toBe(4);
      expect(await count(db, 'conflicts')).toBe(3); // three earlier notes lost, each kept
      await app1.close();
      await app2.close();
    },
  );
});
