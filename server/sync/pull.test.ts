/**
 * Pull, end to end on PGlite and (with TEST_DATABASE_URL) PostgreSQL. A device that follows the
 * cursor must end up with exactly the records its user may see — never skipping a change because
 * transactions committed out of order, never keeping a record that left its user's area, never
 * receiving personal data its role must not have — and must be told to start again when its
 * cursor can no longer be trusted (the scope changed, the log was compacted).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/common';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '../../src/domain/protocol';
import { centralTownId } from '../../src/domain/centralTown';
import type { Db } from '../db';
import { serverRegions } from '../regions';
import { applyMutations, type WriteActor } from './apply';
import { compactChangeLog } from './compaction';
import { CURSOR_VERSION } from './cursor';
import {
  buildTestApp,
  CHUNAN,
  loginToken,
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  seedUser,
  servicePointFields,
  TestClock,
  TestDevice,
  testBackends,
  traineeFields,
  TONGLU_VILLAGE,
  useTestDatabase,
  WENCHANG,
  WENCHANG_VILLAGE,
  type TestUser,
  trainingSessionFields,
} from '../test-support/sync';

describe.each(testBackends('server/sync/pull.test.ts'))('pull on $kind', (backend) => {
  let db: Db;
  let users: Record<string, TestUser>;
  const database = useTestDatabase(backend);

  beforeEach(async () => {
    db = database();
    users = {
      officer1: await seedUser(db, 'officer1', 'officer', { level: 'township', code: QIANDAOHU }),
      wenchang: await seedUser(db, 'wenchang', 'officer', { level: 'township', code: WENCHANG }),
      coordinator: await seedUser(db, 'coordinator', 'coordinator', {
        level: 'county',
        code: CHUNAN,
      }),
      trainer: await seedUser(db, 'trainer', 'trainer', { level: 'county', code: CHUNAN }),
      admin: await seedUser(db, 'admin', 'admin', { level: 'prefecture', code: '3301' }),
    };
  });

  it('pages through everything with hasMore, once per record, and reports lastMutationId', async () => {
    const app = await buildTestApp(db);
    const device = await TestDevice.signIn(app, 'officer1');
    const ids = Array.from({ length: 7 }, () => newId());
    await device.push(
      ids.map((id) => device.mutation('servicePoint', id, servicePointFields(QIANDAOHU_VILLAGE))),
    );
    await device.push([device.mutation('servicePoint', ids[0]!, { name: '改名' }, 1)]);

    const first = await device.pull(3);
    expect(first).toMatchObject({ hasMore: true, lastMutationId: 8 });
    expect('changes' in first && first.changes).toHaveLength(3);
    const { pages } = await device.pullAll(3);
    expect(pages).toBe(2); // 8 change-log rows in pages of 3
    expect(device.copy.size).toBe(7);
    expect(device.data('servicePoint', ids[0]!)).toMatchObject({ name: '改名', version: 2 });

    // Up to date: an empty page with the same cursor.
    const cursor = device.cursor;
    const again = await device.pull();
    expect(again).toMatchObject({ changes: [], hasMore: false, cursor });
    await app.close();
  });

  it('9: an officer pulls only their township; no personal data; targets for everyone', async () => {
    const app = await buildTestApp(db);
    const coordinator = await TestDevice.signIn(app, 'coordinator');
    const admin = await TestDevice.signIn(app, 'admin');
    const mine = newId();
    const theirs = newId();
    await coordinator.push([
      coordinator.mutation('servicePoint', mine, servicePointFields(QIANDAOHU_VILLAGE)),
      coordinator.mutation('servicePoint', theirs, servicePointFields(WENCHANG_VILLAGE)),
      coordinator.mutation('trainee', newId(), traineeFields(QIANDAOHU_VILLAGE)),
    ]);
    await admin.push([
      admin.mutation('servicePoint', newId(), servicePointFields(TONGLU_VILLAGE)),
      admin.mutation('centralTown', centralTownId(QIANDAOHU), {
        townshipCode: QIANDAOHU,
        designatedYear: 2013,
        active: true,
      }),
    ]);

    const officer = await TestDevice.signIn(app, 'officer1');
    await officer.pullAll();
    expect([...officer.copy.keys()].sort()).toEqual(
      [`centralTown:${centralTownId(QIANDAOHU)}`, `servicePoint:${mine}`].sort(),
    );

    const trainer = await TestDevice.signIn(app, 'trainer');
    await trainer.pullAll();
    expect([...trainer.copy.values()].map((c) => c.entity).sort()).toEqual([
      'centralTown',
      'servicePoint',
      'servicePoint',
      'trainee',
    ]);
    // A trainer cannot edit points, so sees the operator's phone masked.
    expect(trainer.data('servicePoint', mine)?.operatorPhone).toBe('138****5678');
    expect(officer.data('servicePoint', mine)?.operatorPhone).toBe('13812345678');
    await app.close();
  });

  it('sends tombstones, and tells devices to drop a record that moved out of their area', async () => {
    const app = await buildTestApp(db);
    const coordinator = await TestDevice.signIn(app, 'coordinator');
    const officer = await TestDevice.signIn(app, 'officer1');
    const neighbour = await TestDevice.signIn(app, 'wenchang');
    const moving = newId();
    const doomed = newId();
    await coordinator.push([
      coordinator.mutation('servicePoint', moving, servicePointFields(QIANDAOHU_VILLAGE)),
      coordinator.mutation('servicePoint', doomed, servicePointFields(QIANDAOHU_VILLAGE)),
    ]);
    await officer.pullAll();
    await neighbour.pullAll();
    expect(officer.copy.size).toBe(2);
    expect(neighbour.copy.size).toBe(0);

    await coordinator.push([
      coordinator.mutation('servicePoint', moving, { regionCode: WENCHANG_VILLAGE }, 1),
      coordinator.mutation('servicePoint', doomed, {}, 1, 'delete'),
    ]);
    const page = await officer.pull();
    expect('changes' in page && page.changes).toEqual(
      expect.arrayContaining([
        { entity: 'servicePoint', id: moving, version: 2, deleted: false, data: null },
        { entity: 'servicePoint', id: doomed, version: 2, deleted: true, data: null },
      ]),
    );
    expect(officer.copy.size).toBe(0);
    await neighbour.pullAll();
    expect(neighbour.data('servicePoint', moving)).toMatchObject({
      regionCode: WENCHANG_VILLAGE,
      version: 2,
    });
    await app.close();
  });

  it('9: a change of the user’s scope answers resetRequired; the new download drops what left', async () => {
    const app = await buildTestApp(db);
    const coordinator = await TestDevice.signIn(app, 'coordinator');
    const here = newId();
    const there = newId();
    await coordinator.push([
      coordinator.mutation('servicePoint', here, servicePointFields(QIANDAOHU_VILLAGE)),
      coordinator.mutation('servicePoint', there, servicePointFields(WENCHANG_VILLAGE)),
    ]);
    const officer = await TestDevice.signIn(app, 'officer1');
    await officer.pullAll();
    expect([...officer.copy.keys()]).toEqual([`servicePoint:${here}`]);

    const adminToken = await loginToken(app, 'admin');
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/users/${users.officer1!.id}`,
      headers: { authorization: `Bearer ${adminToken}` },
      payload: { scope: { level: 'township', code: WENCHANG } },
    });
    expect(moved.statusCode).toBe(200);

    expect(await officer.pull()).toEqual({ resetRequired: true });
    const { resets } = await officer.pullAll();
    expect(resets).toBe(1);
    expect([...officer.copy.keys()]).toEqual([`servicePoint:${there}`]);
    await app.close();
  });

  it('answers resetRequired to a cursor older than the compacted log; a fresh download is complete', async () => {
    const clock = new TestClock();
    const app = await buildTestApp(db, clock);
    const coordinator = await TestDevice.signIn(app, 'coordinator');
    const kept = newId();
    const deleted = newId();
    await coordinator.push([
      coordinator.mutation('servicePoint', kept, servicePointFields(QIANDAOHU_VILLAGE)),
      coordinator.mutation('servicePoint', deleted, servicePointFields(QIANDAOHU_VILLAGE)),
    ]);
    const behind = await TestDevice.signIn(app, 'officer1');
    await behind.pullAll();
    await coordinator.push([
      coordinator.mutation('servicePoint', kept, { name: '第二版' }, 1),
      coordinator.mutation('servicePoint', deleted, {}, 1, 'delete'),
    ]);
    // 40 days later: past a session's absolute lifetime, both phones have signed in again.
    clock.advance(40 * 86_400_000);
    await coordinator.signInAgain('coordinator');
    await behind.signInAgain('officer1');
    await coordinator.push([coordinator.mutation('servicePoint', kept, { notes: '压缩之后' }, 2)]);

    const report = await compactChangeLog(db, {
      before: new Date(clock.time.getTime() - 86_400_000),
    });
    expect(report.tombstonesPurged).toBe(1);
    expect(report.rowsDeleted).toBe(4); // kept: created, renamed; deleted: created, deleted
    expect(await behind.pull()).toEqual({ resetRequired: true });
    await behind.pullAll();
    expect([...behind.copy.keys()]).toEqual([`servicePoint:${kept}`]);
    expect(behind.data('servicePoint', kept)).toMatchObject({
      name: '第二版',
      notes: '压缩之后',
      version: 3,
    });

    const fresh = await TestDevice.signIn(app, 'officer1');
    await fresh.pullAll();
    expect([...fresh.copy.keys()]).toEqual([`servicePoint:${kept}`]);
    // A second compaction with nothing to do keeps the horizon where it was.
    expect((await compactChangeLog(db, { before: clock.time })).rowsDeleted).toBe(0);
    expect(await fresh.pull()).toMatchObject({ changes: [] });
    await app.close();
  });

  it('refuses a cursor it did not write, and resets one from another database', async () => {
    const app = await buildTestApp(db);
    const device = await TestDevice.signIn(app, 'officer1');
    await device.pullAll();
    const body = {
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
      clientId: device.clientId,
    };
    const garbage = await device.rawPull({ ...body, cursor: 'not a cursor!' });
    expect(garbage.statusCode).toBe(400);
    await db.query(
      "update app_meta set value = jsonb_set(value, '{id}', to_jsonb(gen_random_uuid()::text)) where key = 'instance'",
    );
    expect(await device.pull()).toEqual({ resetRequired: true });
    await app.close();
  });

  it('heals a device whose cursor came from the pull that could skip rows: generation 1 → resetRequired', async () => {
    // Cursors of generation 1 were issued by the pull that ordered pages by the text of the
    // transaction id (issue 11): the device holding one may lack records, so it downloads again.
    const app = await buildTestApp(db);
    const coordinator = await TestDevice.signIn(app, 'coordinator');
    const id = newId();
    await coordinator.push([
      coordinator.mutation('servicePoint', id, servicePointFields(QIANDAOHU_VILLAGE)),
    ]);
    const device = await TestDevice.signIn(app, 'officer1');
    await device.pullAll();
    const json = JSON.parse(Buffer.from(device.cursor!, 'base64url').toString('utf8')) as {
      v: number;
    };
    expect(json.v).toBe(CURSOR_VERSION);
    device.cursor = Buffer.from(JSON.stringify({ ...json, v: 1 })).toString('base64url');
    device.copy.clear(); // what such a device may look like: records missing
    expect(await device.pull()).toEqual({ resetRequired: true });
    const { resets } = await device.pullAll();
    expect(resets).toBe(1);
    expect([...device.copy.keys()]).toEqual([`servicePoint:${id}`]);
    // A cursor of a generation this server does not know yet is not one it wrote.
    const future = Buffer.from(JSON.stringify({ ...json, v: CURSOR_VERSION + 1 })).toString(
      'base64url',
    );
    const answer = await device.rawPull({
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
      clientId: device.clientId,
      cursor: future,
    });
    expect(answer.statusCode).toBe(400);
    await app.close();
  });

  it.skipIf(backend.kind !== 'postgres')(
    '2: a pull between two out-of-order commits never moves past the later-committing one',
    async () => {
      // Two server instances (two pools) write; a third serves the pulls.
      const writerA = await backend.openAnother!(db);
      const writerB = await backend.openAnother!(db);
      const app = await buildTestApp(db);
      const device = await TestDevice.signIn(app, 'officer1');
      const actor: WriteActor = {
        userId: users.coordinator!.id,
        username: 'coordinator',
        role: 'coordinator',
        scope: { level: 'county', code: CHUNAN },
        clientId: null,
      };
      const context = { now: new Date(), regions: serverRegions() };
      // Training sessions: service points of one county are serialised by the duplicate
      // detector's lock (server/duplicates/detect.ts), so two of them cannot commit out of order.
      const create = (id: string) => ({
        mutationId: null,
        entity: 'trainingSession' as const,
        recordId: id,
        op: 'upsert' as const,
        changes: trainingSessionFields(QIANDAOHU),
        baseVersion: 0,
      });
      const idA = newId();
      const idB = newId();

      let releaseA!: () => void;
      const aMayCommit = new Promise<void>((resolve) => (releaseA = resolve));
      let aWrote!: () => void;
      const aHasWritten = new Promise<void>((resolve) => (aWrote = resolve));
      // A starts first (smaller xid, smaller seq) and commits LAST.
      const transactionA = writerA.transaction(async (tx) => {
        await applyMutations(tx, context, actor, [create(idA)]);
        aWrote();
        await aMayCommit;
      });
      await aHasWritten;
      // B starts after A, commits first.
      await writerB.transaction((tx) => applyMutations(tx, context, actor, [create(idB)]));

      const between = await device.pull();
      // B's row is committed and visible, but A (below it) is still running: serving B would
      // move the cursor past A's row, which would then commit "behind" the device forever.
      expect(between).toMatchObject({ changes: [], hasMore: false });

      releaseA();
      await transactionA;
      await device.pullAll();
      expect([...device.copy.keys()].sort()).toEqual(
        [`trainingSession:${idA}`, `trainingSession:${idB}`].sort(),
      );
      await app.close();
    },
  );
});
