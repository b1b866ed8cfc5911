/**
 * The completeness check's server half, on PGlite and (with TEST_DATABASE_URL) PostgreSQL. A
 * device compares what it holds with these digests after every catch-up, so they must describe
 * exactly what a device at the end of the log holds: the same hash PostgreSQL computes and the
 * domain's definition computes in the app, the user's area and nothing else, no tombstones,
 * nothing with a change still waiting on the device — and the repair must bring back exactly
 * what a skipped download left out.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/common';
import {
  ALL_BUCKETS,
  bucketOf,
  differingBuckets,
  differingEntities,
  digestOf,
  type BucketDigest,
  type DigestResponse,
  type EntityDigest,
  type RepairResponse,
} from '../../src/domain/digest';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '../../src/domain/protocol';
import { targetId } from '../../src/domain/target';
import type { Db } from '../db';
import { EMPTY_HASH } from './digest';
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
  TONGLU_VILLAGE,
  useTestDatabase,
  WENCHANG_VILLAGE,
} from '../test-support/sync';

/** What the device holds, as the digest sees it: entity → live (id, version). */
function holdings(device: TestDevice, exclude: Set<string> = new Set()) {
  const byEntity = new Map<string, { id: string; version: number }[]>();
  for (const [key, change] of device.copy) {
    if (exclude.has(key)) continue;
    const list = byEntity.get(change.entity) ?? [];
    list.push({ id: change.id, version: change.version });
    byEntity.set(change.entity, list);
  }
  return byEntity;
}

function localDigests(device: TestDevice, exclude?: Set<string>) {
  const out: Record<string, EntityDigest> = {};
  for (const [entity, records] of holdings(device, exclude)) out[entity] = digestOf(records);
  return out;
}

function localBuckets(
  device: TestDevice,
  entity: string,
  depth: 2 | 3 = 2,
  within?: string[],
): BucketDigest[] {
  const records = (holdings(device).get(entity) ?? []).filter(
    (r) => !within || within.includes(bucketOf(r.id)),
  );
  const byBucket = new Map<string, { id: string; version: number }[]>();
  for (const r of records) {
    const list = byBucket.get(bucketOf(r.id, depth)) ?? [];
    list.push(r);
    byBucket.set(bucketOf(r.id, depth), list);
  }
  const out: BucketDigest[] = [];
  for (const [bucket, list] of byBucket) out.push({ bucket, ...digestOf(list) });
  return out;
}

async function askDigest(
  device: TestDevice,
  extra: Record<string, unknown> = {},
): Promise<{ status: number; body: DigestResponse }> {
  const response = await device.app.inject({
    method: 'POST',
    url: '/api/sync/digest',
    headers: { authorization: `Bearer ${device.token}` },
    payload: {
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
      clientId: device.clientId,
      cursor: device.cursor,
      ...extra,
    },
  });
  return { status: response.statusCode, body: response.json() };
}

async function askRecords(device: TestDevice, entity: string, buckets: string[]) {
  const response = await device.app.inject({
    method: 'POST',
    url: '/api/sync/records',
    headers: { authorization: `Bearer ${device.token}` },
    payload: {
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
      clientId: device.clientId,
      entity,
      buckets,
    },
  });
  return { status: response.statusCode, body: response.json() as RepairResponse };
}

describe.each(testBackends('server/sync/digest.test.ts'))('digest on $kind', (backend) => {
  let db: Db;
  const database = useTestDatabase(backend);

  beforeEach(async () => {
    db = database();
    await seedUser(db, 'officer', 'officer', { level: 'township', code: QIANDAOHU });
    await seedUser(db, 'coordinator', 'coordinator', { level: 'county', code: CHUNAN });
    await seedUser(db, 'trainer', 'trainer', { level: 'county', code: CHUNAN });
    await seedUser(db, 'admin', 'admin', { level: 'prefecture', code: '3301' });
  });

  it('equals the digest the domain computes over what a caught-up device holds, per entity and per bucket', async () => {
    const app = await buildTestApp(db);
    const admin = await TestDevice.signIn(app, 'admin');
    const points = Array.from({ length: 40 }, () => newId());
    await admin.push([
      ...points.map((id, i) =>
        admin.mutation(
          'servicePoint',
          id,
          servicePointFields([QIANDAOHU_VILLAGE, WENCHANG_VILLAGE, TONGLU_VILLAGE][i % 3]!, {
            name: `点${i}`,
          }),
        ),
      ),
      admin.mutation('trainee', newId(), traineeFields(QIANDAOHU_VILLAGE)),
      admin.mutation('target', targetId(2026, null, 'servicePoints'), {
        year: 2026,
        countyCode: null,
        metric: 'servicePoints',
        value: 1500,
      }),
    ]);
    // Versions above 1, and tombstones the digest must not count.
    await admin.push([
      admin.mutation('servicePoint', points[0]!, { notes: '改' }, 1),
      admin.mutation('servicePoint', points[1]!, {}, 1, 'delete'),
    ]);

    for (const username of ['officer', 'coordinator', 'trainer', 'admin']) {
      const device = await TestDevice.signIn(app, username);
      await device.pullAll(7);
      const { status, body } = await askDigest(device);
      expect(status).toBe(200);
      if (!('entities' in body)) throw new Error(JSON.stringify(body));
      const local = localDigests(device);
      expect(differingEntities(local, body.entities), username).toEqual([]);
      // Entities the user reads but holds none of: count 0 and the hash of nothing.
      if (username === 'officer') {
        expect(body.entities.trainee).toBeUndefined(); // officers never receive trainees
        expect(body.entities.flagshipStore).toEqual({
          count: 0,
          maxVersion: 0,
          hash: EMPTY_HASH,
        });
      }
      const buckets = await askDigest(device, { entity: 'servicePoint' });
      if (!('entities' in buckets.body)) throw new Error(JSON.stringify(buckets.body));
      expect(differingBuckets(localBuckets(device, 'servicePoint'), buckets.body.buckets!)).toEqual(
        [],
      );
      // One level finer, inside some buckets: the last three hex digits.
      const within = buckets.body.buckets!.slice(0, 5).map((b) => b.bucket);
      const finer = await askDigest(device, { entity: 'servicePoint', depth: 3, within });
      if (!('entities' in finer.body)) throw new Error(JSON.stringify(finer.body));
      const expectedFiner = localBuckets(device, 'servicePoint', 3, within);
      expect(finer.body.buckets!.map((b) => b.bucket).sort()).toEqual(
        expectedFiner.map((b) => b.bucket).sort(),
      );
      expect(differingBuckets(expectedFiner, finer.body.buckets!)).toEqual([]);
    }
    const coordinator = await TestDevice.signIn(app, 'coordinator');
    await coordinator.pullAll();
    const { body } = await askDigest(coordinator);
    if (!('entities' in body)) throw new Error('no digest');
    // 淳安's points (two villages of three), one deleted; one trainee; the prefecture target.
    expect(body.entities.servicePoint!.count).toBe(26);
    expect(body.entities.servicePoint!.maxVersion).toBe(2);
    expect(body.entities.trainee!.count).toBe(1);
    expect(body.entities.target!.count).toBe(1);
    await app.close();
  });

  it('says behind when the log has changes after the cursor, resetRequired for a cursor it cannot continue', async () => {
    const app = await buildTestApp(db);
    const coordinator = await TestDevice.signIn(app, 'coordinator');
    const device = await TestDevice.signIn(app, 'officer');
    await device.pullAll();
    expect('entities' in (await askDigest(device)).body).toBe(true);

    await coordinator.push([
      coordinator.mutation('servicePoint', newId(), servicePointFields(QIANDAOHU_VILLAGE)),
    ]);
    expect((await askDigest(device)).body).toEqual({ behind: true });
    // A change outside the officer's township does not make them behind.
    await device.pullAll();
    await coordinator.push([
      coordinator.mutation('servicePoint', newId(), servicePointFields(WENCHANG_VILLAGE)),
    ]);
    expect('entities' in (await askDigest(device)).body).toBe(true);

    const json = JSON.parse(Buffer.from(device.cursor!, 'base64url').toString('utf8')) as object;
    const old = Buffer.from(JSON.stringify({ ...json, v: 1 })).toString('base64url');
    expect((await askDigest(device, { cursor: old })).body).toEqual({ resetRequired: true });
    expect((await askDigest(device, { cursor: 'nonsense!' })).status).toBe(400);
    await app.close();
  });

  it('leaves out the records the device names (a change of them still waits there)', async () => {
    const app = await buildTestApp(db);
    const officer = await TestDevice.signIn(app, 'officer');
    const ids = [newId(), newId(), newId()];
    await officer.push(
      ids.map((id) => officer.mutation('servicePoint', id, servicePointFields(QIANDAOHU_VILLAGE))),
    );
    await officer.pullAll();
    // The device has deleted one locally and not pushed yet: its copy shows two.
    const waiting = new Set([`servicePoint:${ids[0]}`]);
    const local = localDigests(officer, waiting);
    const { body } = await askDigest(officer, {
      exclude: [{ entity: 'servicePoint', id: ids[0] }],
    });
    if (!('entities' in body)) throw new Error('no digest');
    expect(body.entities.servicePoint!.count).toBe(2);
    expect(differingEntities(local, body.entities)).toEqual([]);
    await app.close();
  });

  it('notices a record a download skipped and brings it back by buckets, dropping what the server no longer has', async () => {
    const app = await buildTestApp(db);
    const coordinator = await TestDevice.signIn(app, 'coordinator');
    const ids = Array.from({ length: 30 }, () => newId());
    await coordinator.push(
      ids.map((id, i) =>
        coordinator.mutation(
          'servicePoint',
          id,
          servicePointFields(QIANDAOHU_VILLAGE, { name: `点${i}` }),
        ),
      ),
    );
    const trainer = await TestDevice.signIn(app, 'trainer');
    await trainer.pullAll();
    // What a skipped download looks like from the device: two records never arrived, and one
    // it holds is gone from the server without the device being told.
    const skipped = [ids[3]!, ids[17]!];
    for (const id of skipped) trainer.copy.delete(`servicePoint:${id}`);
    const ghost = newId();
    trainer.copy.set(`servicePoint:${ghost}`, {
      entity: 'servicePoint',
      id: ghost,
      version: 1,
      deleted: false,
      data: {},
    });

    const { body } = await askDigest(trainer);
    if (!('entities' in body)) throw new Error('no digest');
    expect(differingEntities(localDigests(trainer), body.entities)).toEqual(['servicePoint']);
    const buckets = await askDigest(trainer, { entity: 'servicePoint' });
    if (!('entities' in buckets.body)) throw new Error('no buckets');
    const differing = differingBuckets(
      localBuckets(trainer, 'servicePoint'),
      buckets.body.buckets!,
    );
    const expectedBuckets = new Set([...skipped, ghost].map((id) => bucketOf(id)));
    expect(new Set(differing)).toEqual(expectedBuckets);

    const repair = await askRecords(trainer, 'servicePoint', differing);
    expect(repair.status).toBe(200);
    // Every record of those buckets (not only the missing ones), current and masked for a
    // trainer, who may not write points.
    const inBuckets = ids.filter((id) => expectedBuckets.has(bucketOf(id)));
    expect(repair.body.changes.map((c) => c.id).sort()).toEqual(inBuckets.sort());
    expect(repair.body.changes[0]!.data!.operatorPhone).toBe('138****5678');
    for (const key of [...trainer.copy.keys()]) {
      const id = key.split(':')[1]!;
      if (key.startsWith('servicePoint:') && differing.includes(bucketOf(id))) {
        trainer.copy.delete(key);
      }
    }
    for (const change of repair.body.changes) {
      trainer.copy.set(`servicePoint:${change.id}`, change);
    }
    const after = await askDigest(trainer);
    if (!('entities' in after.body)) throw new Error('no digest');
    expect(differingEntities(localDigests(trainer), after.body.entities)).toEqual([]);
    await app.close();
  });

  it('serves repairs only inside the area, never tombstones, and refuses malformed asks', async () => {
    const app = await buildTestApp(db);
    const admin = await TestDevice.signIn(app, 'admin');
    const mine = newId();
    const elsewhere = newId();
    const gone = newId();
    await admin.push([
      admin.mutation('servicePoint', mine, servicePointFields(QIANDAOHU_VILLAGE)),
      admin.mutation('servicePoint', elsewhere, servicePointFields(TONGLU_VILLAGE)),
      admin.mutation('servicePoint', gone, servicePointFields(QIANDAOHU_VILLAGE)),
    ]);
    await admin.push([admin.mutation('servicePoint', gone, {}, 1, 'delete')]);
    const officer = await TestDevice.signIn(app, 'officer');
    const all = await askRecords(officer, 'servicePoint', [...ALL_BUCKETS]);
    expect(all.body.changes.map((c) => c.id)).toEqual([mine]);
    // Officers do not read trainees: nothing, not an error.
    expect((await askRecords(officer, 'trainee', ['00'])).body.changes).toEqual([]);
    expect((await askRecords(officer, 'servicePoint', ['zz'])).status).toBe(400);
    expect((await askRecords(officer, 'servicePoint', [])).status).toBe(400);
    expect((await askRecords(officer, 'servicePoint', ['0a', 'abc'])).status).toBe(400);
    const finer = await askRecords(officer, 'servicePoint', [mine.slice(-3)]);
    expect(finer.body.changes.map((c) => c.id)).toEqual([mine]);
    expect((await askRecords(officer, 'nothing', ['00'])).status).toBe(400);
    await app.close();
  });
});
